package generator

import (
	"io"
	"regexp"
	"strings"

	kflate "github.com/klauspost/compress/flate"

	"vanthu/generator/ooxml"
	"vanthu/typeset"
)

// The fixed texts of the national header.
const (
	nationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	motto         = "Độc lập - Tự do - Hạnh phúc"
)

// Renderer writes Documents as .docx. Build one with New at start-up and share it: it holds
// the layout converted to twips and the fixed parts of the package, compressed once.
type Renderer struct {
	l   Layout
	pkg *ooxml.Package

	// Measured once from the font metrics.
	nationalTitleWidth float64 // points
	mottoWidth         float64 // points

	portrait, landscape, certificate ooxml.Section

	splits   lineCache
	balanced balanceCache
	phrases  *typeset.Phrases // where titles and subjects break

	// signatureSpace finds the signature spaces of a written document (DrawSignatures).
	signatureSpace *regexp.Regexp
}

// cellMargin is the left/right padding of table cells, in twips (1 mm).
const cellMargin = 57

// New returns a Renderer for a layout, after checking it against Decree 30's ranges.
func New(l Layout) (*Renderer, error) {
	if err := l.Check(); err != nil {
		return nil, err
	}
	pkg, err := ooxml.New(ooxml.Style{
		Font:           l.Font,
		BodySize:       halfPoints(l.BodySize),
		PageNumberSize: halfPoints(l.PageNumberSize),
		Lang:           l.Lang,
		HeaderParagraph: ooxml.Para{
			Align: ooxml.Center,
		},
		Paragraphs: []ooxml.ParagraphStyle{
			{ID: bodyStyle, Name: "Văn bản", Para: bodyProps(&l)},
			{ID: copyToStyle, Name: "Nơi nhận", Para: copyToProps(&l), Run: ooxml.Run{Size: halfPoints(l.CopyToItemSize)}},
		},
		// klauspost/compress deflates a dispatch's body several times faster than
		// compress/flate at the same level, with output as small; compression was most of
		// the cost of a document (BenchmarkDeflateSeedBody*, README "Measured performance").
		NewCompressor: func() ooxml.Compressor {
			w, _ := kflate.NewWriter(nil, kflate.BestSpeed) // only fails for a bad level
			return w
		},
	})
	if err != nil {
		return nil, err
	}
	r := &Renderer{l: l, pkg: pkg, phrases: typeset.NewPhrases(l.Compounds...), signatureSpace: signatureSpace()}
	r.nationalTitleWidth = typeset.Width(nationalTitle, typeset.Bold, l.NationalTitleSize)
	r.mottoWidth = typeset.Width(motto, typeset.Bold, l.MottoSize)
	r.portrait = ooxml.Section{
		Width: mmToTwips(l.PageWidthMM), Height: mmToTwips(l.PageHeightMM),
		Top: mmToTwips(l.MarginTopMM), Bottom: mmToTwips(l.MarginBotMM),
		Left: mmToTwips(l.MarginLeftMM), Right: mmToTwips(l.MarginRightMM),
		HeaderDistance: mmToTwips(l.HeaderDistanceMM), FooterDistance: mmToTwips(l.HeaderDistanceMM),
		DefaultHeaderID: ooxml.HeaderDefaultID,
	}
	// A landscape annex keeps the binding margin on the left edge of the turned page.
	r.landscape = r.portrait
	r.landscape.Width, r.landscape.Height = r.portrait.Height, r.portrait.Width
	r.landscape.Landscape = true
	m := mmToTwips(l.CertificateMarginMM)
	r.certificate = ooxml.Section{
		Width: r.landscape.Width, Height: r.landscape.Height, Landscape: true,
		Top: m, Bottom: m, Left: m, Right: m,
		HeaderDistance: m / 2, FooterDistance: m / 2,
		PageBorder: true,
	}
	return r, nil
}

// Render writes d as a .docx package to w.
func (r *Renderer) Render(w io.Writer, d *Document) error {
	p, err := r.Prepare(d)
	if err != nil {
		return err
	}
	defer p.Release()
	return p.Write(w, d.Number)
}

// RenderPreview writes d as Render does, but with its document part stored rather than
// deflated: a preview is opened once and thrown away, so the twenty-odd kilobytes more it
// sends cost less than the compression, which is most of the work of rendering. Documents
// that are kept (issued, blank templates) go through Render.
func (r *Renderer) RenderPreview(w io.Writer, d *Document) error {
	if err := d.Check(); err != nil {
		return err
	}
	spec, _ := d.Kind.Spec()
	// Composed with holes, like Prepare, so that the document part is the same as Render's;
	// unless the text itself holds the hole character: then with the number in place.
	b := r.pkg.Body()
	defer func() { r.pkg.Release(b) }() // b may be replaced below
	c := &composer{r: r, l: &r.l, b: b, d: d, spec: spec, hole: true}
	c.compose()
	if b.Holes() == c.holes {
		b.FillHoles(numberText(d.Number))
	} else {
		r.pkg.Release(b)
		b = r.pkg.Body()
		c = &composer{r: r, l: &r.l, b: b, d: d, spec: spec}
		c.compose()
	}
	return r.pkg.WriteStored(w, b)
}

// Prepared is a document rendered and compressed but for its number, which Write fills
// in. Issuing renders with Prepare before it takes the register's lock and only writes
// the number inside it, so the lock is held for microseconds, not for a render.
type Prepared struct {
	r    *Renderer
	body *ooxml.Body
	seg  *ooxml.Segmented
	// fixed reports that the document's own text held the hole mark: Write then renders d
	// whole, with the number in place, so d must not change before Write.
	fixed bool
	d     *Document
}

// Prepare renders d with a hole where its number goes; d.Number is not used. A document
// that Check refuses is refused with its apperr.Invalid error. Call Release when done with
// the result.
func (r *Renderer) Prepare(d *Document) (*Prepared, error) {
	if err := d.Check(); err != nil {
		return nil, err
	}
	spec, _ := d.Kind.Spec()
	b := r.pkg.Body()
	c := &composer{r: r, l: &r.l, b: b, d: d, spec: spec, hole: true}
	c.compose()
	seg, err := r.pkg.Segment(b, c.holes)
	if err != nil {
		// The text itself holds the hole character: render later with the number in place.
		r.pkg.Release(b)
		return &Prepared{r: r, fixed: true, d: d}, nil
	}
	return &Prepared{r: r, body: b, seg: seg}, nil
}

// Write writes the package with number in its place (0 for a draft: blanks).
func (p *Prepared) Write(w io.Writer, number int) error {
	if p.fixed {
		d := *p.d
		d.Number = number
		spec, _ := d.Kind.Spec()
		b := p.r.pkg.Body()
		defer p.r.pkg.Release(b)
		c := &composer{r: p.r, l: &p.r.l, b: b, d: &d, spec: spec}
		c.compose()
		return p.r.pkg.Write(w, b)
	}
	return p.r.pkg.WriteSegmented(w, p.seg, numberText(number))
}

// Release gives the memory of a prepared document back for reuse.
func (p *Prepared) Release() {
	if p.body != nil {
		p.r.pkg.ReleaseSegmented(p.seg)
		p.r.pkg.Release(p.body)
		p.body, p.seg = nil, nil
	}
}

// compose writes the whole document body, ending with its last section's properties.
func (c *composer) compose() {
	c.content()
	c.b.SectionProps(&c.sec)
}

// content writes the document but for the properties of its last section, which c.sec
// holds when it returns.
func (c *composer) content() {
	if c.spec.Certificate {
		c.certificate()
	} else {
		c.document()
	}
}

// composer writes one document; it lives for one Render call.
type composer struct {
	r    *Renderer
	l    *Layout
	b    *ooxml.Body
	d    *Document
	spec KindSpec
	sec  ooxml.Section // the section being written
	// hole writes ooxml.Hole where the number goes (Prepare), else the number itself;
	// holes counts them.
	hole  bool
	holes int
	// markEnd ends the last paragraph written by blocks or articles with "./.".
	markEnd bool
	// batch is set when the document is one of many in a package: its first section then
	// restarts the page numbers and every section names its headers.
	batch bool
}

// section returns the page setup s for this document, adjusted for a batch.
func (c *composer) section(s ooxml.Section) ooxml.Section {
	if c.batch {
		// A section without header references inherits the previous section's: a
		// certificate after a dispatch would show its page numbers.
		if s.DefaultHeaderID == "" {
			s.DefaultHeaderID = ooxml.HeaderFirstID
		}
	}
	return s
}

// firstPage returns the number the first page of the document carries when it must be
// written: 1 in a batch, where each document counts its own pages; 0 (continue) otherwise.
func (c *composer) firstPage() int {
	if c.batch {
		return 1
	}
	return 0
}

func (c *composer) textWidth() int { return c.sec.Width - c.sec.Left - c.sec.Right }

func (c *composer) document() {
	d := c.d
	c.sec = c.section(c.r.portrait)
	c.sec.PageStart = c.firstPage()
	c.sec.TitlePage = true
	c.sec.FirstHeaderID = ooxml.HeaderFirstID

	c.header(true)
	if c.spec.Title != "" {
		c.title(c.kindTitle(), d.Subject, 12)
	}
	if d.Kind == CongVan || c.spec.RecipientsAfterTitle {
		c.recipients(d.Recipients)
	}
	// The last paragraph before the signature keeps with it, so a signer never stands
	// alone at the top of a page.
	switch {
	case d.Kind == QuyetDinh || d.Kind == QuyetDinhBanHanh:
		c.decisionPreamble()
		c.markEnd = len(d.Body) == 0
		c.articles(d.Articles, false, len(d.Body) == 0)
		c.markEnd = true
		c.blocks(d.Body, true)
	case d.Kind == GiayMoi:
		c.invitation()
		c.markEnd = len(d.Articles) == 0
		c.blocks(d.Body, len(d.Articles) == 0)
		c.markEnd = true
		c.articles(d.Articles, true, true)
	case d.Kind == BienBan && d.Minutes != nil:
		c.minutesOpening(d.Minutes)
		c.blocks(d.Body, false)
		c.articles(d.Articles, true, false)
		c.minutesClosing(d.Minutes)
	default:
		c.markEnd = len(d.Articles) == 0
		c.blocks(d.Body, len(d.Articles) == 0)
		c.markEnd = true
		c.articles(d.Articles, true, true)
	}
	c.markEnd = false
	if c.spec.TwoSigners {
		c.minutesSignatures()
	} else {
		c.signature(&d.Signer, true)
	}
	if d.Attachment != nil {
		c.attachment(d.Attachment)
	}
	for i := range d.Annexes {
		c.annex(i)
	}
}

func (c *composer) kindTitle() string {
	if c.d.Title != "" {
		return typeset.Upper(c.d.Title)
	}
	return c.spec.Title
}

// para and text are the two primitives every part is written with.
func (c *composer) para(p *ooxml.Para, text string, run *ooxml.Run) {
	c.b.StartPara(p)
	if text != "" {
		c.b.CleanText(typeset.Clean(text), run)
	}
	c.b.EndPara()
}

func (c *composer) run(text string, run *ooxml.Run) { c.b.CleanText(typeset.Clean(text), run) }

// rule writes the short solid line under the issuer, the Tiêu ngữ or a trích yếu: an
// empty paragraph whose top border runs between indents chosen so that the line is
// lengthPt long and centred in a column of widthTw twips.
func (c *composer) rule(widthTw int, lengthPt float64) {
	length := ptToTwips(lengthPt)
	if length > widthTw {
		length = widthTw
	}
	side := (widthTw - length) / 2
	c.b.StartPara(&ooxml.Para{
		Align: ooxml.Center, IndentLeft: side, IndentRight: side, SpaceBefore: 50,
		Line: 40, LineExact: true, RuleTop: c.l.RuleWeight,
		Mark: ooxml.Run{Size: 2},
	})
	c.b.EndPara()
}

// headerColumns returns the widths of the header's two columns, in twips: the right one
// wide enough for the Quốc hiệu on one line, the left one the rest.
func (c *composer) headerColumns(total int) (left, right int) {
	need := ptToTwips(c.r.nationalTitleWidth) + 2*cellMargin + ptToTwips(6)
	right = int(float64(total) * (1 - c.l.HeaderLeftShare))
	if right < need {
		right = need
	}
	return total - right, right
}

// header writes the borderless two-column table at the top of a document: the parent and
// issuing bodies on the left, the Quốc hiệu and Tiêu ngữ on the right, then the number (and
// the V/v of a công văn) beside the place and date. withNumber is false for the header of an
// attached regulation, which repeats only the names.
func (c *composer) header(withNumber bool) {
	d, l := c.d, c.l
	if c.spec.Unnumbered {
		c.nationalHeader()
		return
	}
	overhang := mmToTwips(l.HeaderOverhangMM)
	left, right := c.headerColumns(c.textWidth() + overhang)
	leftIn, rightIn := left-2*cellMargin, right-2*cellMargin
	c.b.StartTable(&ooxml.Table{Widths: []int{left, right}, CellMargin: cellMargin, Indent: -overhang})

	c.b.StartRow(false)
	c.b.StartCell(left, false)
	center := ooxml.Para{Align: ooxml.Center}
	if d.Parent != "" {
		for _, line := range c.r.splits.split(typeset.Upper(d.Parent), typeset.Regular, l.ParentSize, twipsToPt(leftIn)) {
			c.para(&center, line, &ooxml.Run{Size: halfPoints(l.ParentSize)})
		}
	}
	issuer := typeset.Upper(d.Issuer)
	lines := c.r.splits.split(issuer, typeset.Bold, l.IssuerSize, twipsToPt(leftIn))
	widest := 0.0
	for _, line := range lines {
		c.para(&center, line, &ooxml.Run{Bold: true, Size: halfPoints(l.IssuerSize)})
		widest = max(widest, typeset.Width(line, typeset.Bold, l.IssuerSize))
	}
	c.rule(leftIn, widest*l.IssuerRuleFraction)
	c.b.EndCell()
	c.b.StartCell(right, false)
	c.para(&center, nationalTitle, &ooxml.Run{Bold: true, Size: halfPoints(l.NationalTitleSize)})
	c.para(&center, motto, &ooxml.Run{Bold: true, Size: halfPoints(l.MottoSize)})
	c.rule(rightIn, c.r.mottoWidth)
	c.b.EndCell()
	c.b.EndRow()

	if withNumber {
		c.b.StartRow(false)
		c.b.StartCell(left, false)
		num := ooxml.Para{Align: ooxml.Center, SpaceBefore: ptToTwips(6)}
		c.para(&num, "Số: "+c.numberSymbol(), &ooxml.Run{Size: halfPoints(l.NumberSize)})
		if d.Kind == CongVan && d.Subject != "" {
			vv := ooxml.Para{Align: ooxml.Center, SpaceBefore: ptToTwips(l.VvSpaceBeforePt)}
			// Slightly narrower than the cell so that LibreOffice's and Word's line breaking,
			// which differ by a few points, both keep our lines.
			text := c.r.balance(typeset.Clean(typeset.CongVanSubject(d.Subject)), typeset.Regular, l.VvSize, twipsToPt(leftIn)-4)
			c.para(&vv, text, &ooxml.Run{Size: halfPoints(l.VvSize)})
		}
		if m := markOf(d.Secrecy, secrecyMarks); m != "" {
			c.mark(m, leftIn, 0)
		}
		if m := markOf(d.Urgency, urgencyMarks); m != "" {
			c.mark(m, leftIn, urgencyStampMM[m])
		}
		c.b.EndCell()
		c.b.StartCell(right, false)
		if c.spec.DateInHeader {
			date := ooxml.Para{Align: ooxml.Center, SpaceBefore: ptToTwips(6)}
			c.para(&date, typeset.PlaceDate(d.Place, d.Date.Year, d.Date.Month, d.Date.Day),
				&ooxml.Run{Italic: true, Size: halfPoints(l.PlaceDateSize)})
		} else if d.Circulation == "" {
			c.b.Paragraph(&ooxml.Para{}, "", nil)
		}
		if circ := strings.TrimSpace(d.Circulation); circ != "" {
			c.mark(typeset.Upper(circ), rightIn, 0)
		}
		c.b.EndCell()
		c.b.EndRow()
	}
	c.b.EndTable()
	if withNumber && len(d.Address) > 0 {
		c.address()
	}
}

// nationalHeader writes the header of a document that is not entered in the register (an
// achievement report): the Quốc hiệu and Tiêu ngữ centred over the text width with the
// line under them, then the place and date on the right. No issuer and no "Số:" line.
func (c *composer) nationalHeader() {
	d, l := c.d, c.l
	center := ooxml.Para{Align: ooxml.Center}
	c.para(&center, nationalTitle, &ooxml.Run{Bold: true, Size: halfPoints(l.NationalTitleSize)})
	c.para(&center, motto, &ooxml.Run{Bold: true, Size: halfPoints(l.MottoSize)})
	c.rule(c.textWidth(), c.r.mottoWidth)
	date := ooxml.Para{Align: ooxml.Right, SpaceBefore: ptToTwips(6)}
	c.para(&date, typeset.PlaceDate(d.Place, d.Date.Year, d.Date.Month, d.Date.Day),
		&ooxml.Run{Italic: true, Size: halfPoints(l.PlaceDateSize)})
	if circ := strings.TrimSpace(d.Circulation); circ != "" {
		c.mark(typeset.Upper(circ), c.textWidth(), 0)
	}
}

// urgencyStampMM is the width of the urgency stamps Decree 30 fixes (Annex I, Part II, 3):
// 20, 40 and 30 mm by 8 mm.
var urgencyStampMM = map[string]float64{"KHẨN": 20, "THƯỢNG KHẨN": 40, "HỎA TỐC": 30}

// mark writes a secrecy, urgency or circulation mark: upper case, bold, in a single-line
// rectangle widthMM wide (or as wide as the text with some room) centred in a column of
// columnTw twips.
func (c *composer) mark(text string, columnTw int, widthMM float64) {
	size := c.l.NumberSize
	box := ptToTwips(typeset.Width(text, typeset.Bold, size) + 12)
	if widthMM > 0 {
		box = max(box, mmToTwips(widthMM))
	}
	side := max(0, (columnTw-box)/2)
	c.para(&ooxml.Para{Align: ooxml.Center, IndentLeft: side, IndentRight: side, SpaceBefore: ptToTwips(8), Box: 6},
		text, &ooxml.Run{Bold: true, Size: halfPoints(size)})
}

// address writes the agency's address lines (box 13) at the foot of the first page, under a
// rule as wide as the text, in a frame so that the body flows above it.
func (c *composer) address() {
	size := 11.0
	lines := listItems(c.d.Address)
	height := ptToTwips(float64(len(lines))*size*1.15 + 4)
	c.para(&ooxml.Para{
		Frame:   &ooxml.Frame{Width: c.textWidth(), Y: c.sec.Height - c.sec.Bottom - height},
		RuleTop: c.l.RuleWeight,
	}, strings.Join(lines, "\n"), &ooxml.Run{Size: halfPoints(size)})
}

// blankNumber is what a draft prints in place of its number, to be filled in on issue.
const blankNumber = "        "

// numberSymbol writes "1028/UBND-NC", "05/QĐ-UBND", or "      /UBND-NC" for a draft; when
// preparing, a hole stands for the number.
func (c *composer) numberSymbol() string {
	n := numberText(c.d.Number)
	if c.hole {
		n = ooxml.Hole
		c.holes++
	}
	return n + "/" + typeset.Clean(c.d.Symbol)
}

// numberText writes a number with its leading zero below 10, or blanks for 0 (a draft).
func numberText(n int) string {
	if n <= 0 {
		return blankNumber
	}
	return typeset.TwoDigits(n)
}

// shortDate writes a date in running text as the seed does: "14/02/2008", "19/3/2008" —
// the day with a leading zero, the month with one only for January and February, as in
// the long form. A draft prints blanks.
func shortDate(d Date) string {
	if d.IsZero() {
		return "     /     /"
	}
	return typeset.NumericDate(d.Year, d.Month, d.Day)
}

// reference writes "(Kèm theo Quyết định số 15/QĐ-UBND ngày 20 tháng 11 năm 2025 của UBND
// xã Đông Tiến)", with the date in words as Mẫu 1.3 and 2.1 write it, balanced over lines
// of width widthPt so that no word is left alone on the last line.
func (c *composer) reference(verb string, widthPt float64) string {
	s := "(" + verb + " " + c.spec.Name + " số " + c.numberSymbol() + " " +
		typeset.DateWords(c.d.Date.Year, c.d.Date.Month, c.d.Date.Day)
	if c.d.IssuedBy != "" {
		s += " của " + strings.TrimSpace(typeset.Clean(c.d.IssuedBy))
	}
	return c.r.balance(s+")", typeset.Italic, c.l.BodySize, widthPt)
}

// title writes the tên loại and the trích yếu of a named document, and the line under them.
func (c *composer) title(kindTitle, subject string, spaceBeforePt float64) {
	l := c.l
	c.para(&ooxml.Para{Align: ooxml.Center, SpaceBefore: ptToTwips(spaceBeforePt), KeepNext: true},
		kindTitle, &ooxml.Run{Bold: true, Size: halfPoints(l.KindTitleSize)})
	widest := typeset.Width(kindTitle, typeset.Bold, l.KindTitleSize)
	if subject != "" {
		subject = c.r.balance(typeset.Clean(subject), typeset.Bold, l.SubjectSize, twipsToPt(c.textWidth())-4)
		c.para(&ooxml.Para{Align: ooxml.Center, KeepNext: true}, subject,
			&ooxml.Run{Bold: true, Size: halfPoints(l.SubjectSize)})
		widest = max(widest, widestLine(subject, typeset.Bold, l.SubjectSize))
	}
	widest = min(widest, twipsToPt(c.textWidth()))
	c.rule(c.textWidth(), widest*l.IssuerRuleFraction)
}

// listItems cleans recipient or Nơi nhận items: no leading "- ", no final punctuation, no
// empty items.
func listItems(items []string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		it = strings.TrimSpace(typeset.Clean(it))
		it = strings.TrimLeft(it, "-–+• ")
		it = strings.TrimRight(it, ";.,: ")
		if it != "" {
			out = append(out, it)
		}
	}
	return out
}

// punctuate ends item i of n with ";" or, for the last, ".".
func punctuate(item string, i, n int) string {
	if i == n-1 {
		return item + "."
	}
	return item + ";"
}

// recipients writes the Kính gửi block: one recipient on the same line; several as a list
// of "- …;" lines aligned after the label, the last ending ".".
func (c *composer) recipients(list []string) {
	items := listItems(list)
	if len(items) == 0 {
		return
	}
	l := c.l
	run := &ooxml.Run{Size: halfPoints(l.RecipientSize)}
	label := "Kính gửi:"
	space := ptToTwips(12)
	if len(items) == 1 {
		c.b.StartPara(&ooxml.Para{Align: ooxml.Center, SpaceBefore: space, KeepNext: true})
		c.run(label+" "+items[0]+".", run)
		c.b.EndPara()
		return
	}
	labelW := ptToTwips(typeset.Width(label+"  ", typeset.Regular, l.RecipientSize))
	indent := mmToTwips(l.RecipientIndentMM)
	for i, it := range items {
		p := ooxml.Para{IndentLeft: indent + labelW, KeepNext: true}
		text := "- " + punctuate(it, i, len(items))
		if i == 0 {
			// The label hangs out to the left; a tab brings the first item to the indent.
			p.SpaceBefore, p.Hanging, p.Tab = space, labelW, indent+labelW
			text = label + "\t" + text
		}
		c.para(&p, text, run)
	}
}
