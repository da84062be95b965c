package generator_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"vanthu/generator"
)

// expectedPages is the page count of each example as LibreOffice lays it out.
var expectedPages = map[string]int{
	"bao-cao-ket-qua-kiem-tra.json":            1,
	"bao-cao-ket-qua-phong-trao.json":          3,
	"bao-cao-tong-ket-nam.json":                8,
	"bien-ban-hop-xet-antt.json":               2,
	"bien-ban-kiem-tra-khu-dan-cu.json":        2,
	"cong-van-1028.json":                       4,
	"cong-van-de-nghi-bao-cao.json":            3,
	"cong-van-mat-thuong-khan.json":            1,
	"giay-cong-nhan-khu-dan-cu.json":           1,
	"giay-khen-ca-nhan.json":                   1,
	"giay-moi-hoi-nghi-so-ket.json":            1,
	"ke-hoach-cao-diem-antt.json":              2,
	"quyet-dinh-ban-hanh-quy-che-bcd.json":     4,
	"quyet-dinh-kien-toan-bcd-tinh.json":       4,
	"quyet-dinh-thanh-lap-to-bao-ve-antt.json": 3,
	"quyet-dinh-hai-phu-luc.json":              4,
	"thong-bao-ket-qua-xet-cong-nhan.json":     1,
	"to-trinh-de-nghi-cong-nhan-antt.json":     3,
	"batch/giay-khen-dot-2025.json":            3,
}

// pdfDir renders every example (and every batch example, under "batch/") to PDF with one
// LibreOffice process and returns the folder holding NAME.pdf. It skips the test when
// LibreOffice or poppler is missing, or with -short.
func pdfDir(t *testing.T) string {
	t.Helper()
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
	}
	if err := os.MkdirAll(filepath.Join(dir, "batch"), 0o755); err != nil {
		t.Fatal(err)
	}
	var files []string
	write := func(name string, data []byte) {
		path := filepath.Join(dir, strings.TrimSuffix(name, ".json")+".docx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	for _, name := range examples(t) {
		var buf bytes.Buffer
		if err := r.Render(&buf, loadExample(t, name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		write(name, buf.Bytes())
	}
	for _, name := range batchExamples(t) {
		write("batch/"+name, renderBatch(t, r, loadBatch(t, name)))
	}
	// One soffice process per folder, with its own profile so parallel runs don't clash.
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	for _, sub := range []string{"", "batch"} {
		var in []string
		for _, f := range files {
			if filepath.Dir(f) == filepath.Join(dir, sub) {
				in = append(in, f)
			}
		}
		args := append([]string{profile, "--headless", "--convert-to", "pdf", "--outdir", filepath.Join(dir, sub)}, in...)
		if out, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, out)
		}
	}
	return dir
}

// TestLibreOffice converts every example to PDF with LibreOffice, once, and checks what the
// PDFs show.
func TestLibreOffice(t *testing.T) {
	dir := pdfDir(t)
	t.Run("pages", func(t *testing.T) { checkPages(t, dir) })
	t.Run("signature names", func(t *testing.T) { checkSignatureNames(t, dir) })
	t.Run("pagination", func(t *testing.T) { checkPagination(t, dir) })
}

// checkPages checks for every example: the page count; no number on a document's first
// page nor on an annex's first page; the pages of each annex numbered from 1 (its second
// page shows "2"); no page but the last of a part (document, attachment, annex) more than
// a third empty.
func checkPages(t *testing.T, dir string) {
	names := examples(t)
	for _, n := range batchExamples(t) {
		names = append(names, "batch/"+n)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			pdf := filepath.Join(dir, strings.TrimSuffix(name, ".json")+".pdf")
			pages := readPages(t, pdf)
			if want, ok := expectedPages[name]; ok && len(pages) != want {
				t.Errorf("%d pages, want %d", len(pages), want)
			} else if !ok {
				t.Logf("%d pages (no expectation recorded)", len(pages))
			}
			// The number each page should show: none on the first page of the document or of
			// an annex, then 2, 3…; an attached regulation continues the document's numbers.
			want := 0
			for i, p := range pages {
				first := p.firstLine()
				switch {
				case i == 0 || p.startsAnnex():
					want = 1
					if isNumber(first) {
						t.Errorf("page %d starts a part but shows a page number %q", i+1, first)
					}
				default:
					want++
					if !strings.HasPrefix(name, "batch/") && first != strconv.Itoa(want) {
						t.Errorf("page %d starts with %q, want its number %d", i+1, first, want)
					}
				}
			}
			for i, p := range pages {
				if i == len(pages)-1 || pages[i+1].startsPart(i+1) {
					continue
				}
				if empty := p.emptyShare(); empty > 1.0/3 {
					t.Errorf("page %d is %.0f %% empty (at most a third may be)", i+1, 100*empty)
				}
			}
		})
	}
}

// checkSignatureNames checks on the PDF that the two signers of the minutes have their
// names on one line, whatever the number of title lines above them.
func checkSignatureNames(t *testing.T, dir string) {
	for _, c := range []struct{ example, left, right string }{
		{"bien-ban-kiem-tra-khu-dan-cu", "Tuấn", "Hòa"},
		{"bien-ban-hop-xet-antt", "Lan", "Hòa"},
	} {
		pages := readPages(t, filepath.Join(dir, c.example+".pdf"))
		last := pages[len(pages)-1]
		l, r := last.find(c.left), last.find(c.right)
		if l == nil || r == nil {
			t.Errorf("%s: names %q and %q not both on the last page", c.example, c.left, c.right)
			continue
		}
		if d := l.yMax - r.yMax; d > 1 || d < -1 {
			t.Errorf("%s: names %.1f pt apart vertically, want one line", c.example, d)
		}
	}
}

// pdfWord is a word of a PDF page with its box, in points from the top left.
type pdfWord struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

type pdfPage struct {
	height float64
	words  []pdfWord
}

var (
	pageRe = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	wordRe = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// readPages reads the words of every page with pdftotext -bbox.
func readPages(t *testing.T, pdf string) []pdfPage {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	var pages []pdfPage
	for _, chunk := range strings.Split(string(out), "</page>") {
		m := pageRe.FindStringSubmatch(chunk)
		if m == nil {
			continue
		}
		h, _ := strconv.ParseFloat(m[2], 64)
		p := pdfPage{height: h}
		for _, w := range wordRe.FindAllStringSubmatch(chunk, -1) {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			p.words = append(p.words, pdfWord{text: htmlUnescape(w[5]), xMin: f(w[1]), yMin: f(w[2]), xMax: f(w[3]), yMax: f(w[4])})
		}
		pages = append(pages, p)
	}
	return pages
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(s)
}

// firstLine returns the words of the topmost line of the page, joined by spaces.
func (p pdfPage) firstLine() string {
	if len(p.words) == 0 {
		return ""
	}
	top := p.words[0].yMin
	for _, w := range p.words {
		top = min(top, w.yMin)
	}
	var line []string
	for _, w := range p.words {
		if w.yMin < top+2 {
			line = append(line, w.text)
		}
	}
	return strings.Join(line, " ")
}

// startsAnnex reports whether the page's first line is "Phụ lục…".
func (p pdfPage) startsAnnex() bool {
	return strings.HasPrefix(p.firstLine(), "Phụ lục") || strings.HasPrefix(p.firstLine(), "PHỤ LỤC")
}

// startsPart reports whether page i starts a document, an attachment or an annex: the
// first page, a page with the Quốc hiệu, an annex's first page.
func (p pdfPage) startsPart(i int) bool {
	if i == 0 || p.startsAnnex() {
		return true
	}
	for j := 0; j+1 < len(p.words); j++ {
		if p.words[j].text == "CỘNG" && p.words[j+1].text == "HÒA" {
			return true
		}
	}
	return false
}

// emptyShare returns the share of the page's text area left empty under its last line:
// the text area runs from the page number's line (or the first line) to 20 mm above the
// bottom edge.
func (p pdfPage) emptyShare() float64 {
	if len(p.words) == 0 {
		return 1
	}
	top, bottom := p.height, 0.0
	for _, w := range p.words {
		top, bottom = min(top, w.yMin), max(bottom, w.yMax)
	}
	areaBottom := p.height - 20*72/25.4
	return max(0, (areaBottom-bottom)/(areaBottom-top))
}

// find returns the first word equal to text, or nil.
func (p pdfPage) find(text string) *pdfWord {
	for i := range p.words {
		if p.words[i].text == text {
			return &p.words[i]
		}
	}
	return nil
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// checkPagination renders the long report cut after a growing number of
// paragraphs, so that its end falls at every height of a page, as one batch, and checks
// on the PDF that the signature never stands alone at the top of a page (two lines of text
// at least come with it) and that no page but a document's last is more than a third empty.
func checkPagination(t *testing.T, dir string) {
	r := newRenderer(t)
	long := loadExample(t, "bao-cao-tong-ket-nam.json")
	var docs []generator.Document
	for k := 14; k <= 24; k++ {
		d := *long
		d.Body = append([]generator.Block(nil), long.Body[:k]...)
		docs = append(docs, d)
	}
	path := filepath.Join(dir, "pagination.docx")
	if err := os.WriteFile(path, renderBatch(t, r, docs), 0o644); err != nil {
		t.Fatal(err)
	}
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	if out, err := exec.Command("soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", dir, path).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pages := readPages(t, filepath.Join(dir, "pagination.pdf"))
	doc, page := 0, 0
	for i, p := range pages {
		if p.startsPart(i) {
			doc, page = doc+1, 0
		}
		page++
		// Each document of the batch counts its own pages.
		if first := p.firstLine(); page > 1 && first != strconv.Itoa(page) {
			t.Errorf("document %d, its page %d starts with %q, want its number", doc, page, first)
		}
		last := i == len(pages)-1 || pages[i+1].startsPart(i+1)
		if !last {
			if empty := p.emptyShare(); empty > 1.0/3 {
				t.Errorf("document %d (%d paragraphs), page %d: %.0f %% empty", doc, 13+doc, i+1, 100*empty)
			}
			continue
		}
		// The document's last page: count the lines of text above the signer's title.
		title := p.find("TRƯỞNG")
		if title == nil {
			t.Errorf("document %d: no signer on its last page", doc)
			continue
		}
		lines := map[int]bool{}
		for _, w := range p.words {
			if w.yMax < title.yMin-2 && !isNumber(w.text) {
				lines[int(w.yMin)] = true
			}
		}
		t.Logf("document %d (%d paragraphs) ends on PDF page %d with %d lines of text above the signature", doc, 13+doc, i+1, len(lines))
		if len(lines) < 2 {
			t.Errorf("document %d (%d paragraphs): the signature stands with %d line(s) of text on page %d", doc, 13+doc, len(lines), i+1)
		}
	}
	if doc != len(docs) {
		t.Errorf("%d documents found in the PDF, want %d", doc, len(docs))
	}
}
