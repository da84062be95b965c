package httpapi_test

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/apperr"
	"vanthu/internal/apptest"
	"vanthu/pdfconv"
	"vanthu/storage/storagetest"
)

// issueSeed issues the seed dispatch through the API and returns its id as a path.
func issueSeed(t *testing.T, a *apptest.App) string {
	t.Helper()
	body := strings.Replace(string(apptest.ReadFile(t, seedFile)), "{", `{"issue": true,`, 1)
	res := a.Do(t, http.MethodPost, "/api/documents", strings.NewReader(body))
	if res.Status != http.StatusCreated {
		t.Fatalf("issue: %d %s", res.Status, apptest.Excerpt(res.Body))
	}
	return res.Header.Get("Location")
}

// TestPDFRoutes converts through the API with real LibreOffice, one converter shared by
// the subtests: the issued seed dispatch's PDF/A says what its .docx says on as many pages
// as LibreOffice lays it out, a second download comes from the cache, and so does the
// first download of a server restarted on the same cache; drafts and previews are plain PDF.
func TestPDFRoutes(t *testing.T) {
	conv := apptest.Converter(t)
	data := apptest.LoadData(t)
	cache := t.TempDir()
	a := apptest.StartWith(t, data, storagetest.SQLiteDSN(t), apptest.Options{Converter: conv, PDFCache: cache})
	doc := issueSeed(t, a)

	var first []byte
	t.Run("issued", func(t *testing.T) {
		res := a.Do(t, http.MethodGet, doc+"/pdf", nil)
		if res.Status != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("%d %s: %s", res.Status, res.Header.Get("Content-Type"), apptest.Excerpt(res.Body))
		}
		if got := res.Header.Get("X-Vanthu-Cache"); got != "miss" {
			t.Errorf("X-Vanthu-Cache = %q on the first download, want miss", got)
		}
		if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="01-UBND-NC.pdf"`) {
			t.Errorf("Content-Disposition = %q", cd)
		}
		first = res.Body
		pdf := apptest.ReadPDF(t, res.Body)
		if pdf.Pages != 4 {
			t.Errorf("%d pages, want the 4 LibreOffice lays the seed dispatch out on", pdf.Pages)
		}
		if !pdf.IsPDFA2b() {
			t.Errorf("no PDF/A-2b identification in the XMP metadata:\n%s", pdf.XMP)
		}
		docx := a.Do(t, http.MethodGet, doc+"/docx", nil)
		missing, checked := pdf.MissingParagraphs(apptest.OpenDocx(t, docx.Body))
		if checked < 20 || len(missing) > 0 {
			t.Errorf("%d paragraphs checked; not in the PDF: %q", checked, missing)
		}
	})
	t.Run("cached", func(t *testing.T) {
		res := a.Do(t, http.MethodGet, doc+"/pdf", nil)
		if res.Status != http.StatusOK || res.Header.Get("X-Vanthu-Cache") != "hit" || !bytes.Equal(res.Body, first) {
			t.Fatalf("%d, X-Vanthu-Cache %q, same bytes %t", res.Status, res.Header.Get("X-Vanthu-Cache"), bytes.Equal(res.Body, first))
		}
		if res := a.Do(t, http.MethodGet, doc+"/pdf", nil, "If-None-Match", res.Header.Get("ETag")); res.Status != http.StatusNotModified {
			t.Errorf("If-None-Match with the ETag: %d, want 304", res.Status)
		}
		files, _ := filepath.Glob(filepath.Join(cache, "*.pdfa.pdf"))
		if len(files) != 1 {
			t.Errorf("cache folder holds %v, want one PDF/A", files)
		}
	})
	t.Run("restart", func(t *testing.T) {
		// A new server on the same cache folder: the same .docx (same SHA-256) is not
		// converted again.
		b := apptest.StartWith(t, data, storagetest.SQLiteDSN(t), apptest.Options{Converter: conv, PDFCache: cache})
		res := b.Do(t, http.MethodGet, issueSeed(t, b)+"/pdf", nil)
		if res.Status != http.StatusOK || res.Header.Get("X-Vanthu-Cache") != "hit" {
			t.Fatalf("%d, X-Vanthu-Cache %q", res.Status, res.Header.Get("X-Vanthu-Cache"))
		}
	})
	t.Run("signed", func(t *testing.T) {
		// With a PKCS#12 configured, the issued document's PDF/A is signed, and pdfsig
		// (poppler) finds the signature valid over the whole file.
		if _, err := exec.LookPath("pdfsig"); err != nil {
			t.Skip("pdfsig (poppler-utils) not installed")
		}
		b := apptest.StartWith(t, data, storagetest.SQLiteDSN(t), apptest.Options{Converter: conv, PDFCache: cache, Signer: apptest.Signer(t)})
		doc := issueSeed(t, b)
		res := b.Do(t, http.MethodGet, doc+"/pdf", nil)
		if res.Status != http.StatusOK {
			t.Fatalf("%d %s", res.Status, apptest.Excerpt(res.Body))
		}
		if !bytes.HasPrefix(res.Body, first) {
			t.Error("the signed PDF is not the unsigned PDF/A with a signature appended")
		}
		if pdf := apptest.ReadPDF(t, res.Body); !pdf.IsPDFA2b() || pdf.Pages != 4 {
			t.Errorf("signed: %d pages, PDF/A-2b %t", pdf.Pages, pdf.IsPDFA2b())
		}
		path := filepath.Join(t.TempDir(), "signed.pdf")
		if err := os.WriteFile(path, res.Body, 0o600); err != nil {
			t.Fatal(err)
		}
		out, _ := exec.Command("pdfsig", path).CombinedOutput()
		for _, want := range []string{apptest.SignerName, "Signature is Valid.", "Total document signed"} {
			if !strings.Contains(string(out), want) {
				t.Errorf("pdfsig does not say %q:\n%s", want, out)
			}
		}
		again := b.Do(t, http.MethodGet, doc+"/pdf", nil)
		if again.Header.Get("X-Vanthu-Cache") != "hit" || !bytes.Equal(again.Body, res.Body) {
			t.Error("the signed PDF is signed anew on each download; want it signed once and cached")
		}
	})
	t.Run("draft", func(t *testing.T) {
		res := a.Do(t, http.MethodPost, "/api/documents", bytes.NewReader(apptest.ReadFile(t, seedFile)))
		if res.Status != http.StatusCreated {
			t.Fatalf("create draft: %d %s", res.Status, apptest.Excerpt(res.Body))
		}
		res = a.Do(t, http.MethodGet, res.Header.Get("Location")+"/pdf", nil)
		if res.Status != http.StatusOK {
			t.Fatalf("%d %s", res.Status, apptest.Excerpt(res.Body))
		}
		if pdf := apptest.ReadPDF(t, res.Body); pdf.IsPDFA2b() || pdf.Pages < 1 {
			t.Errorf("a draft's PDF: %d pages, PDF/A %t; want plain PDF", pdf.Pages, pdf.IsPDFA2b())
		}
	})
	t.Run("preview", func(t *testing.T) {
		res := a.Do(t, http.MethodPost, "/api/preview.pdf", bytes.NewReader(apptest.ReadFile(t, seedFile)))
		if res.Status != http.StatusOK {
			t.Fatalf("%d %s", res.Status, apptest.Excerpt(res.Body))
		}
		pdf := apptest.ReadPDF(t, res.Body)
		if pdf.IsPDFA2b() || !strings.Contains(strings.Join(pdf.Text, ""), "Kính gửi") {
			t.Errorf("preview PDF: PDF/A %t, text %q", pdf.IsPDFA2b(), apptest.Excerpt([]byte(strings.Join(pdf.Text, ""))))
		}
	})
}

// TestPDFWithoutLibreOffice: with no soffice binary the PDF routes answer 503 with a
// Vietnamese message and everything else works.
func TestPDFWithoutLibreOffice(t *testing.T) {
	conv, err := pdfconv.New(pdfconv.Config{Soffice: filepath.Join(t.TempDir(), "soffice-missing")})
	if err != nil {
		t.Fatal(err)
	}
	defer conv.Close()
	a := apptest.StartWith(t, apptest.LoadData(t), storagetest.SQLiteDSN(t), apptest.Options{Converter: conv})
	doc := issueSeed(t, a)
	for _, tc := range []struct{ method, path, body string }{
		{http.MethodGet, doc + "/pdf", ""},
		{http.MethodPost, "/api/preview.pdf", string(apptest.ReadFile(t, seedFile))},
	} {
		res := a.Do(t, tc.method, tc.path, strings.NewReader(tc.body))
		var e struct{ Code, Message string }
		res.JSON(t, &e)
		if res.Status != http.StatusServiceUnavailable || e.Code != string(apperr.Unavailable) || !strings.Contains(e.Message, "LibreOffice") {
			t.Errorf("%s %s: %d %+v, want 503 unavailable naming LibreOffice", tc.method, tc.path, res.Status, e)
		}
	}
	if res := a.Do(t, http.MethodGet, doc+"/docx", nil); res.Status != http.StatusOK {
		t.Errorf("the .docx without LibreOffice: %d", res.Status)
	}
}
