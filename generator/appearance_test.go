package generator_test

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"vanthu/generator"
	"vanthu/generator/ooxml"
	"vanthu/internal/apptest"
)

func appearance(t testing.TB) *generator.Appearance {
	t.Helper()
	a, err := generator.NewAppearance(apptest.SignatureImage(), apptest.SealImage(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// drawn renders example name and draws the test signature and seal on it.
func drawn(t testing.TB, r *generator.Renderer, name string) (plain, signed []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := r.Render(&buf, loadExample(t, name)); err != nil {
		t.Fatal(err)
	}
	plain = bytes.Clone(buf.Bytes())
	signed, err := r.DrawSignatures(buf.Bytes(), appearance(t))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !bytes.Equal(buf.Bytes(), plain) {
		t.Fatal("DrawSignatures changed the document it was given")
	}
	return plain, signed
}

// TestDrawSignatures draws the test images on examples of each signature layout and
// checks the package: well-formed, the two PNGs stored once, their relationships and
// content type, and one signature (with its seal) in each signer's space: one for a
// dispatch or a certificate, two for a decision and the regulation it issues, the chair's
// only for minutes (the secretary, on the left, signs without the seal).
func TestDrawSignatures(t *testing.T) {
	r := newRenderer(t)
	for name, want := range map[string]int{
		"cong-van-1028.json": 1, "giay-khen-ca-nhan.json": 1, "bien-ban-hop-xet-antt.json": 1,
		"quyet-dinh-ban-hanh-quy-che-bcd.json": 2, "quyet-dinh-hai-phu-luc.json": 1,
	} {
		t.Run(name, func(t *testing.T) {
			plain, signed := drawn(t, r, name)
			d := openDocx(t, signed)
			for _, part := range []string{"word/media/picture1.png", "word/media/picture2.png"} {
				if _, ok := d.parts[part]; !ok {
					t.Errorf("no %s", part)
				}
			}
			if !bytes.Equal(d.parts["word/media/picture1.png"], apptest.SignatureImage()) {
				t.Error("picture1.png is not the signature image")
			}
			rels := string(d.parts["word/_rels/document.xml.rels"])
			for _, want := range []string{`Id="rIdPicture1"`, `Target="media/picture1.png"`, `Id="rIdPicture2"`} {
				if !strings.Contains(rels, want) {
					t.Errorf("the relationships lack %s", want)
				}
			}
			if !strings.Contains(string(d.parts["[Content_Types].xml"]), `Extension="png"`) {
				t.Error("no content type for PNG")
			}
			doc := string(d.parts["word/document.xml"])
			if got := strings.Count(doc, `r:embed="rIdPicture1"`); got != want {
				t.Errorf("%d signatures, want %d", got, want)
			}
			if got := strings.Count(doc, `r:embed="rIdPicture2"`); got != want {
				t.Errorf("%d seals, want %d", got, want)
			}
			// Everything but the pictures is as it was: the body without the drawings is
			// the plain document's.
			stripped := regexp.MustCompile(`<w:r><w:drawing>.*?</w:drawing></w:r>`).ReplaceAllString(doc, "")
			stripped = strings.Replace(stripped, ` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"`, "", 1)
			if stripped != string(openDocx(t, plain).parts["word/document.xml"]) {
				t.Error("drawing the signatures changed the text of the document")
			}
		})
	}
	t.Run("issued under another layout", func(t *testing.T) {
		// A document issued with a lower signature space is still found, and the
		// signature fits that space.
		l := generator.DefaultLayout()
		l.SignatureSpacePt = 60
		old, err := generator.New(l)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := old.Render(&buf, loadExample(t, "cong-van-1028.json")); err != nil {
			t.Fatal(err)
		}
		signed, err := r.DrawSignatures(buf.Bytes(), appearance(t))
		if err != nil {
			t.Fatal(err)
		}
		doc := string(openDocx(t, signed).parts["word/document.xml"])
		m := regexp.MustCompile(`<wp:extent cx="\d+" cy="(\d+)"/>`).FindStringSubmatch(doc)
		if m == nil {
			t.Fatal("no picture")
		}
		if cy, _ := strconv.Atoi(m[1]); cy > 60*12700 || cy < 40*12700 {
			t.Errorf("the signature is %d EMU high in a space of 60 pt (%d EMU)", cy, 60*12700)
		}
	})
	t.Run("no signature space", func(t *testing.T) {
		pkg, err := ooxml.New(ooxml.Style{Font: "Times New Roman", BodySize: 28, PageNumberSize: 28, Lang: "vi-VN"})
		if err != nil {
			t.Fatal(err)
		}
		b := pkg.Body()
		b.Paragraph(&ooxml.Para{}, "Văn bản không có chữ ký.", &ooxml.Run{})
		b.SectionProps(&ooxml.Section{Width: 11906, Height: 16838})
		var buf bytes.Buffer
		if err := pkg.Write(&buf, b); err != nil {
			t.Fatal(err)
		}
		if _, err := r.DrawSignatures(buf.Bytes(), appearance(t)); err == nil || !strings.Contains(err.Error(), "no signature space") {
			t.Errorf("a document without a signature space: error %v", err)
		}
	})
	t.Run("not a package", func(t *testing.T) {
		if _, err := r.DrawSignatures([]byte("not a zip"), appearance(t)); err == nil {
			t.Error("a file that is not a package was accepted")
		}
	})
	t.Run("seal optional", func(t *testing.T) {
		a, err := generator.NewAppearance(apptest.SignatureImage(), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := r.Render(&buf, loadExample(t, "cong-van-1028.json")); err != nil {
			t.Fatal(err)
		}
		signed, err := r.DrawSignatures(buf.Bytes(), a)
		if err != nil {
			t.Fatal(err)
		}
		d := openDocx(t, signed)
		if _, ok := d.parts["word/media/picture2.png"]; ok || !strings.Contains(string(d.parts["word/document.xml"]), "rIdPicture1") {
			t.Error("without a seal: want the signature alone")
		}
	})
}

// TestNewAppearance refuses images a signed document cannot show.
func TestNewAppearance(t *testing.T) {
	opaque := image.NewRGBA(image.Rect(0, 0, 60, 20))
	draw.Draw(opaque, opaque.Bounds(), image.White, image.Point{}, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, opaque); err != nil {
		t.Fatal(err)
	}
	paletted := image.NewPaletted(image.Rect(0, 0, 60, 20), color.Palette{color.Transparent, color.RGBA{0, 0, 200, 255}})
	var pal bytes.Buffer
	if err := png.Encode(&pal, paletted); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		sig, seal []byte
		mm        float64
		ok        bool
	}{
		{"test images", apptest.SignatureImage(), apptest.SealImage(), 42, true},
		{"paletted with a transparent colour", pal.Bytes(), nil, 0, true},
		{"opaque signature", buf.Bytes(), nil, 0, false},
		{"opaque seal", apptest.SignatureImage(), buf.Bytes(), 0, false},
		{"not a PNG", []byte("GIF89a"), nil, 0, false},
		{"seal too large", apptest.SignatureImage(), apptest.SealImage(), 80, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := generator.NewAppearance(c.sig, c.seal, c.mm)
			if (err == nil) != c.ok {
				t.Errorf("error %v, want ok %t", err, c.ok)
			}
		})
	}
}

// TestStampAttachment stamps the number and signing time on an annex filed on its own and
// has LibreOffice lay it out: the two lines in 10 pt at the top right of the first page,
// in the top margin, right-aligned to the text's right edge; the page count unchanged.
func TestStampAttachment(t *testing.T) {
	for _, tool := range []string{"soffice", "pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed: attachment stamp layout test skipped", tool)
		}
	}
	if testing.Short() {
		t.Skip("-short: LibreOffice render test skipped")
	}
	when := time.Date(2025, 11, 20, 2, 30, 5, 0, time.UTC)
	stamp := generator.AttachmentStamp("15/QĐ-UBND", when)
	if stamp != "15/QĐ-UBND\n2025-11-20T09:30:05+07:00" {
		t.Fatalf("stamp %q", stamp)
	}
	r := newRenderer(t)
	var buf bytes.Buffer
	if err := r.Render(&buf, loadExample(t, "thong-bao-ket-qua-xet-cong-nhan.json")); err != nil {
		t.Fatal(err)
	}
	stamped, err := r.StampAttachment(buf.Bytes(), stamp)
	if err != nil {
		t.Fatal(err)
	}
	openDocx(t, stamped)
	dir := os.Getenv("VANTHU_KEEP_PDF")
	if dir == "" {
		dir = t.TempDir()
	}
	for name, data := range map[string][]byte{"plain": buf.Bytes(), "stamped": stamped} {
		if err := os.WriteFile(filepath.Join(dir, name+".docx"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf",
		"--outdir", dir, filepath.Join(dir, "plain.docx"), filepath.Join(dir, "stamped.docx")}
	if out, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	if p, s := readPages(t, filepath.Join(dir, "plain.pdf")), readPages(t, filepath.Join(dir, "stamped.pdf")); len(p) != len(s) {
		t.Errorf("the stamp changed the page count from %d to %d", len(p), len(s))
	}
	out, err := exec.Command("pdftotext", "-f", "1", "-l", "1", "-bbox", filepath.Join(dir, "stamped.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	layout := generator.DefaultLayout()
	right := (layout.PageWidthMM - layout.MarginRightMM) / 25.4 * 72
	top := layout.MarginTopMM / 25.4 * 72
	found := 0
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		if m[5] != "15/QĐ-UBND" && m[5] != "2025-11-20T09:30:05+07:00" {
			continue
		}
		found++
		yMin, _ := strconv.ParseFloat(m[2], 64)
		xMax, _ := strconv.ParseFloat(m[3], 64)
		yMax, _ := strconv.ParseFloat(m[4], 64)
		if xMax < right-3 || xMax > right+1 || yMax > top {
			t.Errorf("%q ends at x %.1f pt (want the right margin, %.1f) and y %.1f pt (want above the top margin, %.1f)", m[5], xMax, right, yMax, top)
		}
		if h := yMax - yMin; h < 9 || h > 13 {
			t.Errorf("%q is %.1f pt high: want 10 pt type", m[5], h)
		}
	}
	if found != 2 {
		t.Errorf("%d of the stamp's two lines on the first page", found)
	}
}

// BenchmarkDrawSignatures draws the signature and seal on the seed dispatch, as publish
// does once per signed PDF (before a conversion that takes about a second).
func BenchmarkDrawSignatures(b *testing.B) {
	r := newRenderer(b)
	a := appearance(b)
	var buf bytes.Buffer
	if err := r.Render(&buf, loadExample(b, "cong-van-1028.json")); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.DrawSignatures(buf.Bytes(), a); err != nil {
			b.Fatal(err)
		}
	}
}
