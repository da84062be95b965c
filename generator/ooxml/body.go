package ooxml

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Twips per point; WordprocessingML measures most lengths in twentieths of a point.
const TwipsPerPt = 20

// Align is a paragraph or table alignment.
type Align uint8

// Alignments (w:jc values).
const (
	Left Align = iota
	Center
	Right
	Justify
)

var alignValue = [...]string{Left: "left", Center: "center", Right: "right", Justify: "both"}

// Para holds paragraph properties. Lengths are in twips.
type Para struct {
	// Style names a paragraph style of the package (see Style.Paragraphs). A styled
	// paragraph takes its spacing, indents and alignment from the style: only the Keep*
	// and PageBreakBefore fields of Para are written beside it.
	Style           string
	Align           Align
	IndentLeft      int
	IndentRight     int
	FirstLine       int // positive: first-line indent
	Hanging         int // positive: hanging indent (wins over FirstLine)
	SpaceBefore     int
	SpaceAfter      int
	Line            int  // line spacing: in 240ths of a line, or in twips when LineExact
	LineExact       bool // Line is an exact height in twips
	KeepNext        bool
	KeepLines       bool
	PageBreakBefore bool
	// RuleTop draws a solid line of this width (eighths of a point) along the paragraph's
	// top edge, between its indents: the lines under the Tiêu ngữ and the issuer.
	RuleTop int
	// Box draws a single-line rectangle of this width (eighths of a point) round the
	// paragraph, between its indents: the urgency and circulation marks.
	Box int
	// Frame, when set, takes the paragraph out of the flow and places it at a fixed spot
	// of the page (the address line at the foot of the first page).
	Frame *Frame
	// Tab sets one left tab stop at this position (twips from the indent origin), 0 for none.
	Tab int
	// Mark holds the run properties of the paragraph mark (its size sets an empty line's height).
	Mark Run
}

// Frame places a paragraph at a fixed spot: Width twips wide from the left margin, its
// top Y twips from the top edge of the page; the text of the page flows around it.
type Frame struct {
	Width, Y int
	// Right puts the frame against the right margin instead of the left.
	Right bool
}

// Run holds run properties. Size is in half-points, 0 for the style default.
type Run struct {
	Bold      bool
	Italic    bool
	Underline bool
	Size      int
}

// Body accumulates the XML of a document body. The zero value is not usable: get one from
// a Package, which reuses its buffer between documents.
type Body struct {
	buf bytes.Buffer
	// defaultSize is the document default run size (half-points): runs of that size need
	// no w:sz, which keeps the body XML, and so the compression work, small.
	defaultSize int
}

// Bytes returns the XML written so far.
func (b *Body) Bytes() []byte { return b.buf.Bytes() }

// Holes returns how many Hole marks the body holds so far.
func (b *Body) Holes() int { return bytes.Count(b.buf.Bytes(), []byte(Hole)) }

// FillHoles replaces every Hole mark written so far with text.
func (b *Body) FillHoles(text string) {
	filled := bytes.ReplaceAll(b.buf.Bytes(), []byte(Hole), []byte(text))
	b.buf.Reset()
	b.buf.Write(filled)
}

// Len returns the number of bytes written so far.
func (b *Body) Len() int { return b.buf.Len() }

func (b *Body) attrInt(name string, v int) {
	b.buf.WriteByte(' ')
	b.buf.WriteString(name)
	b.buf.WriteString(`="`)
	b.buf.Write(strconv.AppendInt(b.buf.AvailableBuffer(), int64(v), 10))
	b.buf.WriteByte('"')
}

// StartPara opens a paragraph with its properties.
func (b *Body) StartPara(p *Para) {
	b.buf.WriteString("<w:p><w:pPr>")
	mark := b.buf.Len()
	b.paraProps(p)
	if b.buf.Len() == mark { // all defaults: no w:pPr at all
		b.buf.Truncate(mark - len("<w:pPr>"))
		return
	}
	b.buf.WriteString("</w:pPr>")
}

// paraProps writes the children of w:pPr in schema order: keepNext, keepLines,
// pageBreakBefore, framePr, pBdr, tabs, spacing, ind, jc, rPr.
func (b *Body) paraProps(p *Para) {
	if p.Style != "" {
		b.buf.WriteString(`<w:pStyle w:val="`)
		b.buf.WriteString(p.Style)
		b.buf.WriteString(`"/>`)
	}
	if p.KeepNext {
		b.buf.WriteString("<w:keepNext/>")
	}
	if p.KeepLines {
		b.buf.WriteString("<w:keepLines/>")
	}
	if p.PageBreakBefore {
		b.buf.WriteString("<w:pageBreakBefore/>")
	}
	if p.Frame != nil {
		f := p.Frame
		b.buf.WriteString("<w:framePr")
		b.attrInt("w:w", f.Width)
		b.buf.WriteString(` w:wrap="around" w:vAnchor="page" w:hAnchor="margin"`)
		b.attrInt("w:y", f.Y)
		if f.Right {
			b.buf.WriteString(` w:xAlign="right"`)
		}
		b.buf.WriteString("/>")
	}
	if p.Style != "" {
		return
	}
	if p.Box > 0 {
		b.buf.WriteString(`<w:pBdr>`)
		for _, side := range [...]string{"top", "left", "bottom", "right"} {
			b.buf.WriteString("<w:")
			b.buf.WriteString(side)
			b.buf.WriteString(` w:val="single"`)
			b.attrInt("w:sz", p.Box)
			b.buf.WriteString(` w:space="1" w:color="000000"/>`)
		}
		b.buf.WriteString(`</w:pBdr>`)
	} else if p.RuleTop > 0 {
		b.buf.WriteString(`<w:pBdr><w:top w:val="single"`)
		b.attrInt("w:sz", p.RuleTop)
		b.buf.WriteString(` w:space="0" w:color="000000"/></w:pBdr>`)
	}
	if p.Tab > 0 {
		b.buf.WriteString(`<w:tabs><w:tab w:val="left"`)
		b.attrInt("w:pos", p.Tab)
		b.buf.WriteString("/></w:tabs>")
	}
	line, rule := p.Line, "auto"
	if line == 0 {
		line = 240
	}
	if p.LineExact {
		rule = "exact"
	}
	// Single spacing with nothing before or after is the package default: say nothing.
	if p.SpaceBefore != 0 || p.SpaceAfter != 0 || line != 240 || p.LineExact {
		b.buf.WriteString("<w:spacing")
		b.attrInt("w:before", p.SpaceBefore)
		b.attrInt("w:after", p.SpaceAfter)
		b.attrInt("w:line", line)
		b.buf.WriteString(` w:lineRule="`)
		b.buf.WriteString(rule)
		b.buf.WriteString(`"/>`)
	}
	if p.IndentLeft != 0 || p.IndentRight != 0 || p.FirstLine != 0 || p.Hanging != 0 {
		b.buf.WriteString("<w:ind")
		if p.IndentLeft != 0 {
			b.attrInt("w:left", p.IndentLeft)
		}
		if p.IndentRight != 0 {
			b.attrInt("w:right", p.IndentRight)
		}
		if p.Hanging > 0 {
			b.attrInt("w:hanging", p.Hanging)
		} else if p.FirstLine > 0 {
			b.attrInt("w:firstLine", p.FirstLine)
		}
		b.buf.WriteString("/>")
	}
	if p.Align != Left { // left is the default
		b.buf.WriteString(`<w:jc w:val="`)
		b.buf.WriteString(alignValue[p.Align])
		b.buf.WriteString(`"/>`)
	}
	if p.Mark != (Run{}) {
		b.runProps(&p.Mark)
	}
}

// EndPara closes the paragraph.
func (b *Body) EndPara() { b.buf.WriteString("</w:p>") }

// runProps writes w:rPr with its children in schema order: b, i, sz, u. The complex-script
// twins (bCs, iCs, szCs) are left out: Vietnamese is a Latin script and never uses them.
func (b *Body) runProps(r *Run) {
	if !r.Bold && !r.Italic && !r.Underline && (r.Size == 0 || r.Size == b.defaultSize) {
		return
	}
	b.buf.WriteString("<w:rPr>")
	if r.Bold {
		b.buf.WriteString("<w:b/>")
	}
	if r.Italic {
		b.buf.WriteString("<w:i/>")
	}
	if r.Size > 0 && r.Size != b.defaultSize {
		b.buf.WriteString("<w:sz")
		b.attrInt("w:val", r.Size)
		b.buf.WriteString("/>")
	}
	if r.Underline {
		b.buf.WriteString(`<w:u w:val="single"/>`)
	}
	b.buf.WriteString("</w:rPr>")
}

// Text writes a run of text. "\n" becomes a line break and "\t" a tab; characters that
// XML 1.0 forbids (and invalid UTF-8) are dropped; everything else is escaped.
func (b *Body) Text(text string, r *Run) {
	if !isCleanText(text) {
		text = strings.Map(func(r rune) rune {
			if (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x80 && !allowedRune(r)) {
				return -1
			}
			return r
		}, strings.ToValidUTF8(text, ""))
	}
	b.CleanText(text, r)
}

// isCleanText reports whether text meets CleanText's contract.
func isCleanText(text string) bool {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c < 0x20 && c != '\t' && c != '\n' {
			return false
		}
	}
	return utf8.ValidString(text) && !strings.Contains(text, "\uFFFE") && !strings.Contains(text, "\uFFFF")
}

// CleanText is Text for text already known to be clean, as typeset.Clean returns it: valid
// UTF-8, no control character but "\t" and "\n", no U+FFFE or U+FFFF. Only ASCII needs
// looking at then, which makes it several times faster on Vietnamese text.
func (b *Body) CleanText(text string, r *Run) {
	b.buf.WriteString("<w:r>")
	b.runProps(r)
	open := false
	// A hole is filled later, perhaps with spaces (a draft's blank number): keep them.
	doubled := strings.Contains(text, "  ") || strings.Contains(text, Hole)
	start := 0 // start of the span of text not yet written
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !special[c] {
			continue
		}
		if i > start {
			b.openText(&open, text[start:], doubled)
			b.buf.WriteString(text[start:i])
		}
		start = i + 1
		switch c {
		case '&':
			b.openText(&open, text[i:], doubled)
			b.buf.WriteString("&amp;")
		case '<':
			b.openText(&open, text[i:], doubled)
			b.buf.WriteString("&lt;")
		case '>':
			b.openText(&open, text[i:], doubled)
			b.buf.WriteString("&gt;")
		case '\n':
			b.closeText(&open)
			b.buf.WriteString("<w:br/>")
		case '\t':
			b.closeText(&open)
			b.buf.WriteString("<w:tab/>")
		}
	}
	if len(text) > start {
		b.openText(&open, text[start:], doubled)
		b.buf.WriteString(text[start:])
	}
	b.closeText(&open)
	b.buf.WriteString("</w:r>")
}

// special marks the bytes CleanText must act on: the characters XML escapes and the
// control characters (line break and tab written as elements, the others dropped).
var special = [256]bool{'&': true, '<': true, '>': true,
	0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true, 8: true, 9: true,
	10: true, 11: true, 12: true, 13: true, 14: true, 15: true, 16: true, 17: true, 18: true,
	19: true, 20: true, 21: true, 22: true, 23: true, 24: true, 25: true, 26: true, 27: true,
	28: true, 29: true, 30: true, 31: true}

// allowedRune reports whether a non-ASCII rune may appear in XML 1.0 text.
func allowedRune(r rune) bool {
	return (r >= 0x80 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// openText opens a w:t for the text that starts at rest and runs to the next break or tab.
// xml:space="preserve" is written only when that text has spaces a reader would otherwise
// drop (leading, trailing, or doubled anywhere in the run: doubled), which keeps the XML
// shorter. The searches are the standard library's vectorised ones.
func (b *Body) openText(open *bool, rest string, doubled bool) {
	if *open {
		return
	}
	*open = true
	end := len(rest)
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		end = i
	}
	if i := strings.IndexByte(rest[:end], '\t'); i >= 0 {
		end = i
	}
	if end > 0 && !doubled && rest[0] != ' ' && rest[end-1] != ' ' {
		b.buf.WriteString("<w:t>")
		return
	}
	b.buf.WriteString(`<w:t xml:space="preserve">`)
}

func (b *Body) closeText(open *bool) {
	if *open {
		b.buf.WriteString("</w:t>")
		*open = false
	}
}

// PageField writes a PAGE field, for page numbers in a header.
func (b *Body) PageField(r *Run) {
	b.buf.WriteString("<w:r>")
	b.runProps(r)
	b.buf.WriteString(`<w:fldChar w:fldCharType="begin"/></w:r><w:r>`)
	b.runProps(r)
	b.buf.WriteString(`<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>`)
	b.runProps(r)
	b.buf.WriteString(`<w:fldChar w:fldCharType="separate"/></w:r><w:r>`)
	b.runProps(r)
	b.buf.WriteString(`<w:t>2</w:t></w:r><w:r>`)
	b.runProps(r)
	b.buf.WriteString(`<w:fldChar w:fldCharType="end"/></w:r>`)
}

// Paragraph writes a whole paragraph of one run.
func (b *Body) Paragraph(p *Para, text string, r *Run) {
	b.StartPara(p)
	if text != "" {
		b.Text(text, r)
	}
	b.EndPara()
}

// Table describes a table: column widths in twips, borders, indent.
type Table struct {
	Widths  []int
	Borders bool
	Indent  int // tblInd, twips (negative moves the table into the left margin)
	// CellMargin is the left and right cell margin in twips; 0 means Word's default (108).
	CellMargin int
	Align      Align
}

// StartTable opens a table with fixed layout and its grid.
func (b *Body) StartTable(t *Table) {
	total := 0
	for _, w := range t.Widths {
		total += w
	}
	b.buf.WriteString("<w:tbl><w:tblPr><w:tblW")
	b.attrInt("w:w", total)
	b.buf.WriteString(` w:type="dxa"/>`)
	if t.Align != Left {
		b.buf.WriteString(`<w:jc w:val="`)
		b.buf.WriteString(alignValue[t.Align])
		b.buf.WriteString(`"/>`)
	}
	if t.Indent != 0 {
		b.buf.WriteString("<w:tblInd")
		b.attrInt("w:w", t.Indent)
		b.buf.WriteString(` w:type="dxa"/>`)
	}
	if t.Borders {
		b.buf.WriteString(`<w:tblBorders>`)
		for _, side := range [...]string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			b.buf.WriteString("<w:")
			b.buf.WriteString(side)
			b.buf.WriteString(` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
		}
		b.buf.WriteString(`</w:tblBorders>`)
	} else {
		b.buf.WriteString(`<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>`)
	}
	b.buf.WriteString(`<w:tblLayout w:type="fixed"/>`)
	if t.CellMargin > 0 {
		b.buf.WriteString("<w:tblCellMar><w:left")
		b.attrInt("w:w", t.CellMargin)
		b.buf.WriteString(` w:type="dxa"/><w:right`)
		b.attrInt("w:w", t.CellMargin)
		b.buf.WriteString(` w:type="dxa"/></w:tblCellMar>`)
	}
	b.buf.WriteString(`<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>`)
	for _, w := range t.Widths {
		b.buf.WriteString("<w:gridCol")
		b.attrInt("w:w", w)
		b.buf.WriteString("/>")
	}
	b.buf.WriteString("</w:tblGrid>")
}

// EndTable closes the table.
func (b *Body) EndTable() { b.buf.WriteString("</w:tbl>") }

// StartRow opens a row; header marks a header row that repeats on every page, and every
// row is kept from splitting across pages.
func (b *Body) StartRow(header bool) {
	b.buf.WriteString("<w:tr><w:trPr><w:cantSplit/>")
	if header {
		b.buf.WriteString("<w:tblHeader/>")
	}
	b.buf.WriteString("</w:trPr>")
}

// EndRow closes the row.
func (b *Body) EndRow() { b.buf.WriteString("</w:tr>") }

// StartCell opens a cell of the given width in twips; vcenter centres its content vertically.
func (b *Body) StartCell(width int, vcenter bool) {
	b.buf.WriteString("<w:tc><w:tcPr><w:tcW")
	b.attrInt("w:w", width)
	b.buf.WriteString(` w:type="dxa"/>`)
	if vcenter {
		b.buf.WriteString(`<w:vAlign w:val="center"/>`)
	}
	b.buf.WriteString("</w:tcPr>")
}

// EndCell closes the cell. A cell must hold at least one paragraph.
func (b *Body) EndCell() { b.buf.WriteString("</w:tc>") }

// Section describes page size, orientation and margins, in twips.
type Section struct {
	Width, Height                  int
	Landscape                      bool
	Top, Right, Bottom, Left       int
	HeaderDistance, FooterDistance int
	TitlePage                      bool // the first page uses the empty first-page header
	PageBorder                     bool // a double border round the page (certificates)
	PageBreak                      bool // the section starts on a new page (nextPage)
	// PageStart restarts the page numbers at this number; 0 continues from the previous
	// section. An annex counts its own pages; so does each document of a batch.
	PageStart                      int
	DefaultHeaderID, FirstHeaderID string
}

// SectionProps writes a w:sectPr. Inside a paragraph's w:pPr it ends a section; at the end
// of the body it describes the last one.
func (b *Body) SectionProps(s *Section) {
	b.buf.WriteString("<w:sectPr>")
	if s.DefaultHeaderID != "" {
		b.buf.WriteString(`<w:headerReference w:type="default" r:id="`)
		b.buf.WriteString(s.DefaultHeaderID)
		b.buf.WriteString(`"/>`)
	}
	if s.FirstHeaderID != "" {
		b.buf.WriteString(`<w:headerReference w:type="first" r:id="`)
		b.buf.WriteString(s.FirstHeaderID)
		b.buf.WriteString(`"/>`)
	}
	b.buf.WriteString(`<w:type w:val="nextPage"/>`)
	b.buf.WriteString("<w:pgSz")
	b.attrInt("w:w", s.Width)
	b.attrInt("w:h", s.Height)
	if s.Landscape {
		b.buf.WriteString(` w:orient="landscape"`)
	}
	b.buf.WriteString("/><w:pgMar")
	b.attrInt("w:top", s.Top)
	b.attrInt("w:right", s.Right)
	b.attrInt("w:bottom", s.Bottom)
	b.attrInt("w:left", s.Left)
	b.attrInt("w:header", s.HeaderDistance)
	b.attrInt("w:footer", s.FooterDistance)
	b.buf.WriteString(` w:gutter="0"/>`)
	if s.PageBorder {
		b.buf.WriteString(`<w:pgBorders w:offsetFrom="text">`)
		for _, side := range [...]string{"top", "left", "bottom", "right"} {
			b.buf.WriteString("<w:")
			b.buf.WriteString(side)
			b.buf.WriteString(` w:val="double" w:sz="18" w:space="10" w:color="000000"/>`)
		}
		b.buf.WriteString(`</w:pgBorders>`)
	}
	if s.PageStart > 0 {
		b.buf.WriteString("<w:pgNumType")
		b.attrInt("w:start", s.PageStart)
		b.buf.WriteString("/>")
	}
	b.buf.WriteString(`<w:cols w:space="720"/>`)
	if s.TitlePage {
		b.buf.WriteString("<w:titlePg/>")
	}
	b.buf.WriteString("</w:sectPr>")
}

// SectionBreak ends the current section with an empty paragraph carrying its properties.
func (b *Body) SectionBreak(s *Section) {
	b.buf.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>`)
	b.SectionProps(s)
	b.buf.WriteString("</w:pPr></w:p>")
}
