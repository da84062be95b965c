package apptest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"vanthu/pdfconv"
)

// RequireLibreOffice skips the test, saying why, when soffice, pdfinfo or pdftotext is
// missing (.ci/run installs them), or with -short.
func RequireLibreOffice(tb testing.TB) {
	tb.Helper()
	for _, tool := range []string{"soffice", "pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			tb.Skipf("%s not installed: LibreOffice test skipped (install libreoffice-writer-nogui and poppler-utils)", tool)
		}
	}
	if testing.Short() {
		tb.Skip("-short: LibreOffice test skipped")
	}
}

// Converter returns a one-converter pool closed when the test ends, or skips the test as
// RequireLibreOffice does. Share it between subtests: its first conversion makes its
// LibreOffice profile, which takes a few seconds.
func Converter(tb testing.TB) *pdfconv.Pool {
	tb.Helper()
	RequireLibreOffice(tb)
	p, err := pdfconv.New(pdfconv.Config{Dir: tb.TempDir(), Log: Logger(tb)})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	return p
}

// PDF is a PDF read by poppler.
type PDF struct {
	Pages int
	// XMP is the metadata stream (pdfinfo -meta), "" when there is none.
	XMP string
	// Text is the text of each page (pdftotext), without the running page number that
	// opens pages 2 and after.
	Text []string
}

// ReadPDF reads a PDF with pdfinfo and pdftotext; any failure ends the test.
func ReadPDF(tb testing.TB, data []byte) PDF {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "read.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	run := func(name string, args ...string) string {
		out, err := exec.Command(name, args...).Output()
		if err != nil {
			tb.Fatalf("%s %v: %v (%d bytes: %q…)", name, args, err, len(data), Excerpt(data[:min(len(data), 40)]))
		}
		return string(out)
	}
	var p PDF
	for _, line := range strings.Split(run("pdfinfo", path), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			p.Pages, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	p.XMP = run("pdfinfo", "-meta", path)
	for i := 1; i <= p.Pages; i++ {
		n := strconv.Itoa(i)
		lines := strings.Split(strings.TrimSpace(run("pdftotext", "-f", n, "-l", n, path, "-")), "\n")
		if i > 1 && len(lines) > 0 && strings.TrimSpace(lines[0]) == n {
			lines = lines[1:]
		}
		p.Text = append(p.Text, strings.Join(lines, "\n"))
	}
	return p
}

// IsPDFA2b reports whether the XMP metadata identifies the file as PDF/A-2b.
func (p PDF) IsPDFA2b() bool {
	return strings.Contains(p.XMP, "<pdfaid:part>2</pdfaid:part>") &&
		strings.Contains(p.XMP, "<pdfaid:conformance>B</pdfaid:conformance>")
}

// MissingParagraphs returns the paragraphs of docx whose text is not in the PDF, compared
// without spaces and in NFC, since the layout breaks lines where the .docx has none; and
// how many paragraphs with text it checked.
func (p PDF) MissingParagraphs(docx *Docx) (missing []string, checked int) {
	text := squeeze(strings.Join(p.Text, ""))
	for _, para := range docx.Paragraphs {
		want := squeeze(para)
		if want == "" {
			continue
		}
		checked++
		if !strings.Contains(text, want) {
			missing = append(missing, para)
		}
	}
	return missing, checked
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, norm.NFC.String(s))
}
