package pdfconv_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"vanthu/generator"
	"vanthu/internal/apptest"
	"vanthu/pdfconv"
)

// render renders examples/<name> to a .docx.
func render(tb testing.TB, name string) []byte {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "examples", name))
	if err != nil {
		tb.Fatal(err)
	}
	var d generator.Document
	if err := json.Unmarshal(raw, &d); err != nil {
		tb.Fatal(err)
	}
	r, err := generator.New(generator.DefaultLayout())
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, &d); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// pdfInfo is what pdfinfo says of a PDF.
func pdfInfo(tb testing.TB, pdf []byte) map[string]string {
	tb.Helper()
	out := poppler(tb, pdf, "pdfinfo")
	info := map[string]string{"xmp": poppler(tb, pdf, "pdfinfo", "-meta")}
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && !strings.HasPrefix(k, "<") {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

// poppler runs a poppler tool on pdf (written to a temporary file) and returns its output.
func poppler(tb testing.TB, pdf []byte, tool string, args ...string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "x.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		tb.Fatal(err)
	}
	out, err := exec.Command(tool, append(args, path, "-")...).Output()
	if tool == "pdfinfo" {
		out, err = exec.Command(tool, append(args, path)...).Output()
	}
	if err != nil {
		tb.Fatalf("%s: %v", tool, err)
	}
	return string(out)
}

// squeeze drops every space and normalises to NFC, so that text broken into lines by the
// layout compares with the paragraphs it came from.
func squeeze(s string) string {
	s = norm.NFC.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// pdfText returns the text of each page without its running page number.
func pdfText(tb testing.TB, pdf []byte, pages int) string {
	tb.Helper()
	var all strings.Builder
	for p := 1; p <= pages; p++ {
		page := poppler(tb, pdf, "pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p))
		lines := strings.Split(strings.TrimSpace(page), "\n")
		if p > 1 && len(lines) > 0 && strings.TrimSpace(lines[0]) == strconv.Itoa(p) {
			lines = lines[1:]
		}
		all.WriteString(strings.Join(lines, "\n"))
	}
	return all.String()
}

// TestSeedDispatch converts the seed dispatch and another document in one batch, as the
// archival variant, and checks each PDF against its .docx: the page count LibreOffice
// lays out (generator's TestLibreOfficeRender records the same), every paragraph's text,
// and the PDF/A-2b identification in the XMP metadata. The plain variant carries none.
func TestSeedDispatch(t *testing.T) {
	pool := pdfconv.SharedPool(t)
	ctx := context.Background()
	docs := map[string]int{"cong-van-1028.json": 4, "giay-khen-ca-nhan.json": 1}
	names := []string{"cong-van-1028.json", "giay-khen-ca-nhan.json"}
	var in [][]byte
	for _, n := range names {
		in = append(in, render(t, n))
	}
	pdfs, err := pool.ConvertBatch(ctx, in, pdfconv.Archival)
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			info := pdfInfo(t, pdfs[i])
			if got := info["Pages"]; got != strconv.Itoa(docs[name]) {
				t.Errorf("%s pages, want %d", got, docs[name])
			}
			xmp := info["xmp"]
			if !strings.Contains(xmp, "<pdfaid:part>2</pdfaid:part>") || !strings.Contains(xmp, "<pdfaid:conformance>B</pdfaid:conformance>") {
				t.Errorf("no PDF/A-2b identification in the XMP metadata:\n%s", xmp)
			}
			text := squeeze(pdfText(t, pdfs[i], docs[name]))
			d := apptest.OpenDocx(t, in[i])
			checked := 0
			for _, p := range d.Paragraphs {
				want := squeeze(p)
				if want == "" {
					continue
				}
				checked++
				if !strings.Contains(text, want) {
					t.Errorf("paragraph %q is not in the PDF's text", p)
				}
			}
			if checked < 3 {
				t.Fatalf("only %d paragraphs with text in the .docx", checked)
			}
		})
	}
	t.Run("plain", func(t *testing.T) {
		pdf, err := pool.Convert(ctx, in[1], pdfconv.Plain)
		if err != nil {
			t.Fatal(err)
		}
		info := pdfInfo(t, pdf)
		if info["Pages"] != "1" {
			t.Errorf("%s pages, want 1", info["Pages"])
		}
		if strings.Contains(info["xmp"], "pdfaid:part") {
			t.Error("a plain PDF claims PDF/A conformance")
		}
	})
}

// TestUnavailable: without the binary, the pool is made and every conversion says why.
func TestUnavailable(t *testing.T) {
	pool, err := pdfconv.New(pdfconv.Config{Soffice: filepath.Join(t.TempDir(), "no-soffice")})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if !errors.Is(pool.Err(), pdfconv.ErrUnavailable) {
		t.Fatalf("Err() = %v, want ErrUnavailable", pool.Err())
	}
	if _, err := pool.Convert(context.Background(), []byte("x"), pdfconv.Plain); !errors.Is(err, pdfconv.ErrUnavailable) {
		t.Fatalf("Convert: %v, want ErrUnavailable", err)
	}
}
