package pdfconv_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

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
			pdf := apptest.ReadPDF(t, pdfs[i])
			if pdf.Pages != docs[name] {
				t.Errorf("%d pages, want %d", pdf.Pages, docs[name])
			}
			if !pdf.IsPDFA2b() {
				t.Errorf("no PDF/A-2b identification in the XMP metadata:\n%s", pdf.XMP)
			}
			missing, checked := pdf.MissingParagraphs(apptest.OpenDocx(t, in[i]))
			if checked < 3 || len(missing) > 0 {
				t.Errorf("%d paragraphs checked; not in the PDF: %q", checked, missing)
			}
		})
	}
	t.Run("plain", func(t *testing.T) {
		pdf, err := pool.Convert(ctx, in[1], pdfconv.Plain)
		if err != nil {
			t.Fatal(err)
		}
		if p := apptest.ReadPDF(t, pdf); p.Pages != 1 || p.IsPDFA2b() {
			t.Errorf("plain PDF: %d pages, PDF/A %t; want 1 page, no PDF/A claim", p.Pages, p.IsPDFA2b())
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
