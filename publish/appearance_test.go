//go:build unix

package publish_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/digitorus/pdf"

	"vanthu/access"
	"vanthu/generator"
	"vanthu/internal/apptest"
	"vanthu/storage/storagetest"
)

// TestSignedPDFShowsSignatureAndSeal issues the seed dispatch on a server configured with
// a signature and a seal image, and checks its signed PDF/A: pdfsig verifies the
// signature, pdfimages lists the two images with their transparency (soft masks), and on
// the rendered last page the blue signature lies between the signer's title and name,
// centred under the title, with the red seal over its left third.
func TestSignedPDFShowsSignatureAndSeal(t *testing.T) {
	for _, tool := range []string{"pdfsig", "pdfimages", "pdftoppm", "pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s (poppler-utils) not installed: visible signature test skipped", tool)
		}
	}
	conv := apptest.Converter(t)
	look, err := generator.NewAppearance(apptest.SignatureImage(), apptest.SealImage(), 36)
	if err != nil {
		t.Fatal(err)
	}
	a := apptest.StartWith(t, apptest.LoadData(t), storagetest.SQLiteDSN(t),
		apptest.Options{Converter: conv, Signer: apptest.Signer(t), Appearance: look})
	id := issueSeed(t, a)
	ctx := access.WithActor(context.Background(), access.System("test"))
	f, err := a.PDF.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Signed {
		t.Fatal("the issued document's PDF is not signed")
	}
	// The batch behind the PDF jobs gives the same signed file, from the cache.
	batch, err := a.PDF.Documents(ctx, []int64{id}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !batch[0].Signed || !batch[0].Cached || !bytes.Equal(batch[0].Data, f.Data) {
		t.Errorf("the batch's PDF (signed %t, cached %t) is not the download's", batch[0].Signed, batch[0].Cached)
	}
	stored, _, err := a.Service.File(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(stored, []byte("word/media/")) {
		t.Error("the stored .docx carries the signature images; only the signed PDF may")
	}
	dir := t.TempDir()
	if keep := os.Getenv("VANTHU_KEEP_PDF"); keep != "" {
		dir = keep
	}
	path := filepath.Join(dir, "signed-with-images.pdf")
	if err := os.WriteFile(path, f.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	res, _ := exec.Command("pdfsig", path).CombinedOutput()
	for _, want := range []string{apptest.SignerName, "Signature is Valid.", "Total document signed"} {
		if !strings.Contains(string(res), want) {
			t.Errorf("pdfsig does not say %q:\n%s", want, res)
		}
	}
	if pdf := apptest.ReadPDF(t, f.Data); !pdf.IsPDFA2b() {
		t.Error("the signed PDF is not PDF/A-2b")
	}
	page := lastPage(t, path)

	// pdfimages: the two pictures, each with its soft mask (the transparency), on the
	// signer's page, and no other picture but the clear pixel the signature field draws.
	out, err := exec.Command("pdfimages", "-list", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, line := range strings.Split(string(out), "\n")[2:] {
		if fields := strings.Fields(line); len(fields) > 3 {
			if fields[3] == "1" {
				continue // the signature field's one clear pixel
			}
			if fields[0] != strconv.Itoa(page) {
				t.Errorf("a picture on page %s, not the signer's page %d: %s", fields[0], page, line)
			}
			kinds[fields[2]]++
		}
	}
	if kinds["image"] != 2 || kinds["smask"] != 2 {
		t.Errorf("pdfimages lists %v, want 2 images with 2 soft masks:\n%s", kinds, out)
	}

	// Where the title and the name are, in points from the top left of the page.
	title := findWord(t, path, page, "TỊCH")
	name := findWord(t, path, page, "Xúng")
	const dpi = 100
	img := renderPage(t, path, page, dpi)
	px := func(pt float64) int { return int(pt * dpi / 72) }
	blue := box{minX: 1 << 30, minY: 1 << 30}
	red := box{minX: 1 << 30, minY: 1 << 30}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			switch {
			case bl > 150 && r < 110 && g < 130:
				blue.add(x, y)
			case r > 170 && g < 110 && bl < 110:
				red.add(x, y)
			}
		}
	}
	t.Logf("title %v, name %v (pt); blue %+v, red %+v (px at %d dpi)", title, name, blue, red, dpi)
	if blue.n < 500 || red.n < 500 {
		t.Fatalf("%d blue and %d red pixels on page %d: the images are not drawn", blue.n, red.n, page)
	}
	// The signature lies between the title's line and the name's line…
	if blue.minY < px(title.yMax)-2 || blue.maxY > px(name.yMin)+2 {
		t.Errorf("the signature spans y %d–%d px, outside the space between the title (ends %d) and the name (starts %d)",
			blue.minY, blue.maxY, px(title.yMax), px(name.yMin))
	}
	// …centred under the title, within 2 mm.
	first := findWord(t, path, page, "CHỦ")
	if c, want := float64(blue.minX+blue.maxX)/2, float64(px((first.xMin+title.xMax)/2)); c < want-8 || c > want+8 {
		t.Errorf("the signature's centre is at x %.0f px, the title's at %.0f px", c, want)
	}
	// The seal covers the left part of the signature: it starts left of it and ends
	// within its left half (its left third, give or take the image's own margins).
	if red.minX >= blue.minX || red.maxX <= blue.minX || red.maxX > (blue.minX+blue.maxX)/2 {
		t.Errorf("the seal spans x %d–%d px, the signature %d–%d: want the seal over the signature's left third",
			red.minX, red.maxX, blue.minX, blue.maxX)
	}
	// The signature field lies over the signature image, on its page.
	field := signatureField(t, f.Data)
	if field.page != page {
		t.Errorf("the signature field is on page %d, the signature on page %d", field.page, page)
	}
	pageHeight := 841.89
	fx0, fx1 := px(field.rect[0]), px(field.rect[2])
	fy0, fy1 := px(pageHeight-field.rect[3]), px(pageHeight-field.rect[1])
	t.Logf("signature field %v pt → x %d–%d, y %d–%d px", field.rect, fx0, fx1, fy0, fy1)
	if blue.minX < fx0-2 || blue.maxX > fx1+2 || blue.minY < fy0-2 || blue.maxY > fy1+2 || fx1-fx0 > 2*(blue.maxX-blue.minX) {
		t.Errorf("the signature field (x %d–%d, y %d–%d px) is not over the signature (x %d–%d, y %d–%d px)",
			fx0, fx1, fy0, fy1, blue.minX, blue.maxX, blue.minY, blue.maxY)
	}
	// Its real size: 36 mm wide, within the rendering's pixel.
	if w, want := red.maxX-red.minX+1, 36/25.4*dpi; float64(w) < want*0.95 || float64(w) > want*1.02 {
		t.Errorf("the seal is %d px wide, want %.0f (36 mm)", w, want)
	}
}

type box struct{ minX, minY, maxX, maxY, n int }

func (b *box) add(x, y int) {
	b.minX, b.minY = min(b.minX, x), min(b.minY, y)
	b.maxX, b.maxY = max(b.maxX, x), max(b.maxY, y)
	b.n++
}

type bbox struct{ xMin, yMin, xMax, yMax float64 }

var wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// words returns the words of a page with their boxes (pdftotext -bbox).
func words(t *testing.T, path string, page int) ([]string, []bbox) {
	t.Helper()
	p := strconv.Itoa(page)
	out, err := exec.Command("pdftotext", "-f", p, "-l", p, "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	var boxes []bbox
	for _, m := range wordRE.FindAllStringSubmatch(string(out), -1) {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		texts = append(texts, m[5])
		boxes = append(boxes, bbox{v[0], v[1], v[2], v[3]})
	}
	return texts, boxes
}

func findWord(t *testing.T, path string, page int, word string) bbox {
	t.Helper()
	texts, boxes := words(t, path, page)
	for i, w := range texts {
		if w == word {
			return boxes[i]
		}
	}
	t.Fatalf("no %q on page %d", word, page)
	return bbox{}
}

func lastPage(t *testing.T, path string) int {
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func renderPage(t *testing.T, path string, page, dpi int) image.Image {
	t.Helper()
	p := strconv.Itoa(page)
	root := strings.TrimSuffix(path, ".pdf")
	if out, err := exec.Command("pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", p, "-l", p, "-singlefile", path, root).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	data, err := os.ReadFile(root + ".png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

type field struct {
	page int
	rect [4]float64
}

// signatureField reads the signature field's widget: its page and rectangle.
func signatureField(t *testing.T, data []byte) field {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	fields := r.Trailer().Key("Root").Key("AcroForm").Key("Fields")
	if fields.Len() != 1 {
		t.Fatalf("%d form fields, want the one signature", fields.Len())
	}
	w := fields.Index(0)
	var f field
	for i := range 4 {
		f.rect[i] = w.Key("Rect").Index(i).Float64()
	}
	for n := 1; n <= r.NumPage(); n++ {
		annots := r.Page(n).V.Key("Annots")
		for i := range annots.Len() {
			if annots.Index(i).Key("FT").Name() == "Sig" {
				f.page = n
			}
		}
	}
	return f
}
