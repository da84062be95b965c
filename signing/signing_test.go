package signing_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vanthu/internal/apptest"
	"vanthu/signing"
)

// TestSignVerifiesWithPdfsig signs a PDF LibreOffice made and has poppler's pdfsig check it.
func TestSignVerifiesWithPdfsig(t *testing.T) {
	if _, err := exec.LookPath("pdfsig"); err != nil {
		t.Skip("pdfsig (poppler-utils) not installed: signature verification skipped")
	}
	if _, err := signing.Load(apptest.TestP12(t, "mat-khau"), "sai"); err == nil {
		t.Fatal("a wrong password was accepted")
	}
	s, err := signing.Load(apptest.TestP12(t, "mat-khau"), "mat-khau")
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.ReadFile(filepath.Join("testdata", "giay-khen.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 3, 5, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	out, err := s.Sign(in, signing.Info{Reason: "Ban hành văn bản số 01/UBND-NC", Location: "Thanh Hoá", Time: when})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) <= len(in) || string(out[:len(in)]) != string(in) {
		t.Fatal("the signature is not an incremental update of the PDF")
	}
	path := filepath.Join(t.TempDir(), "signed.pdf")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	res, _ := exec.Command("pdfsig", path).CombinedOutput()
	report := string(res)
	t.Logf("pdfsig:\n%s", report)
	for _, want := range []string{"Signature #1", "Nguyễn Văn Thử", "Signature Validation: Signature is Valid.", "Total document signed"} {
		if !strings.Contains(report, want) {
			t.Errorf("pdfsig does not say %q", want)
		}
	}
	// A byte changed in the signed range: pdfsig must see it.
	tampered := []byte(string(out))
	i := strings.Index(string(tampered), "/Producer")
	if i < 0 {
		t.Fatal("no /Producer to tamper with")
	}
	tampered[i+2] ^= 0x20
	os.WriteFile(path, tampered, 0o600)
	res, _ = exec.Command("pdfsig", path).CombinedOutput()
	if strings.Contains(string(res), "Signature is Valid.") {
		t.Errorf("a tampered PDF still verifies:\n%s", res)
	}
}
