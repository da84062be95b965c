package generator_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// expectedPages is the page count of each example as LibreOffice lays it out.
var expectedPages = map[string]int{
	"bao-cao-ket-qua-phong-trao.json":          3,
	"bien-ban-hop-xet-antt.json":               2,
	"bien-ban-kiem-tra-khu-dan-cu.json":        2,
	"cong-van-1028.json":                       4,
	"cong-van-de-nghi-bao-cao.json":            3,
	"giay-cong-nhan-khu-dan-cu.json":           1,
	"giay-khen-ca-nhan.json":                   1,
	"giay-moi-hoi-nghi-so-ket.json":            1,
	"ke-hoach-cao-diem-antt.json":              2,
	"quyet-dinh-ban-hanh-quy-che-bcd.json":     4,
	"quyet-dinh-kien-toan-bcd-tinh.json":       4,
	"quyet-dinh-thanh-lap-to-bao-ve-antt.json": 3,
	"thong-bao-ket-qua-xet-cong-nhan.json":     1,
	"to-trinh-de-nghi-cong-nhan-antt.json":     3,
}

// TestLibreOfficeRender converts every example to PDF with LibreOffice and checks the page
// count, that page 1 carries no number and that page 2 carries "2" centred at the top.
// It needs soffice, pdfinfo and pdftotext (.ci/run installs them); without them it is skipped.
func TestLibreOfficeRender(t *testing.T) {
	for _, tool := range []string{"soffice", "pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed: LibreOffice render test skipped (install libreoffice-writer-nogui and poppler-utils)", tool)
		}
	}
	if testing.Short() {
		t.Skip("-short: LibreOffice render test skipped")
	}
	r := newRenderer(t)
	// VANTHU_KEEP_PDF=DIR keeps the documents and PDFs there, to look at them.
	dir := os.Getenv("VANTHU_KEEP_PDF")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, name := range examples(t) {
		var buf bytes.Buffer
		if err := r.Render(&buf, loadExample(t, name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		path := filepath.Join(dir, strings.TrimSuffix(name, ".json")+".docx")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	// One soffice process for all files, with its own profile so parallel runs don't clash.
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir}, files...)
	if out, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, name := range examples(t) {
		t.Run(name, func(t *testing.T) {
			pdf := filepath.Join(dir, strings.TrimSuffix(name, ".json")+".pdf")
			pages := pdfPages(t, pdf)
			if want, ok := expectedPages[name]; ok && pages != want {
				t.Errorf("%d pages, want %d", pages, want)
			} else if !ok {
				t.Logf("%d pages (no expectation recorded)", pages)
			}
			if first := firstLine(t, pdf, 1); isNumber(first) {
				t.Errorf("page 1 starts with a page number %q", first)
			}
			if pages >= 2 {
				if second := firstLine(t, pdf, 2); second != "2" {
					t.Errorf("page 2 starts with %q, want its number 2", second)
				}
			}
		})
	}
}

func pdfPages(t *testing.T, pdf string) int {
	out, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", pdf, err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	t.Fatalf("pdfinfo gave no page count for %s", pdf)
	return 0
}

// firstLine returns the first non-empty line of text on a page.
func firstLine(t *testing.T, pdf string, page int) string {
	p := strconv.Itoa(page)
	out, err := exec.Command("pdftotext", "-f", p, "-l", p, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if s := strings.TrimSpace(line); s != "" {
			return s
		}
	}
	return ""
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}
