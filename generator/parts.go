package generator

import (
	"strconv"
	"strings"

	"vanthu/generator/ooxml"
	"vanthu/typeset"
)

// bodyStyle is the paragraph style of body text, written once in styles.xml.
const bodyStyle = "VanBan"

// copyToStyle is the paragraph style of the Nơi nhận items: 11 pt, and a hanging indent so
// that an item that wraps continues under its text, not under the dash.
const copyToStyle = "NoiNhan"

// copyToProps returns the properties of a Nơi nhận item.
func copyToProps(l *Layout) ooxml.Para {
	dash := ptToTwips(typeset.Width("- ", typeset.Regular, l.CopyToItemSize))
	return ooxml.Para{IndentLeft: dash, Hanging: dash}
}

// bodyProps returns the properties of a body paragraph: justified, first-line indent,
// spacing between paragraphs and line spacing from the layout.
func bodyProps(l *Layout) ooxml.Para {
	return ooxml.Para{
		Align:       ooxml.Justify,
		FirstLine:   mmToTwips(l.BodyFirstLineMM),
		SpaceBefore: ptToTwips(l.BodySpaceBeforePt),
		Line:        int(240*l.BodyLineSpacing + 0.5),
	}
}

// bodyPara returns a paragraph of the body style; change its properties through
// bodyProps instead when a paragraph differs from it.
func (c *composer) bodyPara() ooxml.Para { return ooxml.Para{Style: bodyStyle} }

// blocks writes body paragraphs. A Block's Style chooses bold headings, centred lines or
// paragraphs without indent; the text's own line breaks are kept.
func (c *composer) blocks(blocks []Block, keepLast bool) {
	size := halfPoints(c.l.BodySize)
	for i, bl := range blocks {
		if bl.Table != nil {
			c.table(bl.Table)
			continue
		}
		p := c.bodyPara()
		p.KeepNext = keepLast && i == len(blocks)-1
		run := ooxml.Run{Size: size}
		switch bl.Style {
		case "heading":
			run.Bold = true
			p.KeepNext = true
		case "center":
			run.Bold = true
			p = bodyProps(c.l)
			p.Align, p.FirstLine, p.KeepNext = ooxml.Center, 0, true
		case "plain":
			p = bodyProps(c.l)
			p.FirstLine = 0
			p.KeepNext = keepLast && i == len(blocks)-1
		}
		text := bl.Text
		if c.markEnd && i == len(blocks)-1 {
			text = endMark(text)
		}
		c.para(&p, text, &run)
	}
}

// decisionPreamble writes the authority, the căn cứ lines in italic (each ending ";", the
// last line ending ".") and "QUYẾT ĐỊNH:".
func (c *composer) decisionPreamble() {
	d, l := c.d, c.l
	size := halfPoints(l.BodySize)
	if d.Authority != "" {
		c.para(&ooxml.Para{Align: ooxml.Center, SpaceBefore: ptToTwips(12), KeepNext: true},
			typeset.Upper(d.Authority), &ooxml.Run{Bold: true, Size: halfPoints(l.KindTitleSize)})
	}
	lines := listItems(d.Bases)
	if p := strings.TrimSpace(d.Proposal); p != "" {
		lines = append(lines, listItems([]string{p})...)
	}
	for i, line := range lines {
		p := c.bodyPara()
		c.para(&p, punctuate(line, i, len(lines)), &ooxml.Run{Italic: true, Size: size})
	}
	c.para(&ooxml.Para{Align: ooxml.Center, SpaceBefore: ptToTwips(12), SpaceAfter: ptToTwips(6), KeepNext: true},
		"QUYẾT ĐỊNH:", &ooxml.Run{Bold: true, Size: halfPoints(l.KindTitleSize)})
}

// articles writes "Điều n." articles. An article with a title prints "Điều n. Title" in bold
// and its body under it; one without prints "Điều n." in bold followed by its first paragraph.
// Chapters print centred in bold before their first article.
func (c *composer) articles(articles []Article, spaced, keepLast bool) {
	size := halfPoints(c.l.BodySize)
	for i, a := range articles {
		if a.Chapter != "" {
			c.para(&ooxml.Para{Align: ooxml.Center, SpaceBefore: ptToTwips(12), KeepNext: true},
				a.Chapter, &ooxml.Run{Bold: true, Size: size})
		}
		label := "Điều " + strconv.Itoa(i+1) + "."
		body := a.Body
		p := c.bodyPara()
		if spaced && i == 0 {
			p = bodyProps(c.l)
			p.SpaceBefore = ptToTwips(12)
		}
		last := i == len(articles)-1
		// A titled article keeps its title with its text.
		p.KeepNext = a.Title != "" || (keepLast && last && len(body) <= 1)
		c.b.StartPara(&p)
		c.b.Text(label, &ooxml.Run{Bold: true, Size: size})
		if a.Title != "" {
			c.run(" "+a.Title, &ooxml.Run{Bold: true, Size: size})
		} else if len(body) > 0 {
			text := body[0].Text
			if c.markEnd && last && len(body) == 1 {
				text = endMark(text)
			}
			c.run(" "+text, &ooxml.Run{Size: size})
			body = body[1:]
		}
		c.b.EndPara()
		mark := c.markEnd
		c.markEnd = mark && last
		c.blocks(body, keepLast && last)
		c.markEnd = mark
	}
}

// signerLines returns the upper-case lines of a signer block above the blank space
// ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH") and below it, above the name (the agency post of a
// committee signer, Annex I, II.7).
func signerLines(s *Signer) (above, below []string) {
	prefix := strings.TrimSpace(s.Prefix)
	if prefix != "" && !strings.HasSuffix(prefix, ".") {
		prefix += "."
	}
	if auth := strings.TrimSpace(s.Authority); auth != "" {
		above = append(above, strings.TrimSpace(prefix+" "+typeset.Upper(auth)))
	} else if prefix != "" {
		above = append(above, prefix)
	}
	if s.Title != "" {
		above = append(above, typeset.Upper(s.Title))
	}
	if s.AgencyTitle != "" {
		below = append(below, typeset.Upper(s.AgencyTitle))
	}
	return above, below
}

// signerBlock writes a signer inside the current cell: the lines in bold, the blank space
// for the signature and seal, the agency post and the name in bold. padAbove and padBelow
// add empty lines after the lines above and below the space, so that two signers side by
// side have their spaces and names on the same lines.
func (c *composer) signerBlock(s *Signer, spacePt float64, padAbove, padBelow int) {
	l := c.l
	run := ooxml.Run{Bold: true, Size: halfPoints(l.SignerSize)}
	center := ooxml.Para{Align: ooxml.Center, KeepNext: true, KeepLines: true}
	above, below := signerLines(s)
	for _, line := range above {
		c.para(&center, line, &run)
	}
	for range padAbove {
		c.para(&center, "", &run)
	}
	c.b.StartPara(&ooxml.Para{Line: ptToTwips(spacePt), LineExact: true, KeepNext: true})
	c.b.EndPara()
	for _, line := range below {
		c.para(&center, line, &run)
	}
	for range padBelow {
		c.para(&center, "", &run)
	}
	name := center
	name.KeepNext = false
	c.para(&name, s.Name, &run)
}

// copyTo writes the Nơi nhận block inside the current cell: the label in bold italic, the
// items "- …;" and the archive line "- Lưu: VT, … ." last; an item that wraps continues
// under its text, not under the dash. archive is used when the document gives none.
func (c *composer) copyTo(archive string) {
	l := c.l
	items := listItems(c.d.CopyTo.Items)
	if a := strings.TrimRight(strings.TrimSpace(typeset.Clean(c.d.CopyTo.Archive)), ".; "); a != "" {
		archive = a
	}
	items = append(items, "Lưu: "+archive)
	c.para(&ooxml.Para{SpaceBefore: ptToTwips(12)}, "Nơi nhận:",
		&ooxml.Run{Bold: true, Italic: true, Size: halfPoints(l.CopyToLabelSize)})
	item := ooxml.Para{Style: copyToStyle}
	for i, it := range items {
		c.b.Paragraph(&item, "- "+punctuate(it, i, len(items)), &ooxml.Run{})
	}
	// Box 12: the drafter's symbol and the number of copies, "PL.(05)".
	drafter := strings.TrimRight(typeset.Upper(strings.TrimSpace(c.d.Drafter)), ".")
	if drafter != "" || c.d.Copies > 0 {
		text := drafter + "."
		if c.d.Copies > 0 {
			text += "(" + typeset.TwoDigits(c.d.Copies) + ")"
		}
		c.b.Paragraph(&ooxml.Para{SpaceBefore: ptToTwips(6)}, strings.TrimPrefix(text, "."),
			&ooxml.Run{Size: halfPoints(l.CopyToItemSize)})
	}
}

// signature writes the borderless table that ends a document: Nơi nhận on the left, the
// signer on the right.
func (c *composer) signature(s *Signer, withCopyTo bool) {
	total := c.textWidth()
	left := int(float64(total) * c.l.CopyToShare)
	c.b.StartTable(&ooxml.Table{Widths: []int{left, total - left}, CellMargin: cellMargin})
	c.b.StartRow(false)
	c.b.StartCell(left, false)
	if withCopyTo {
		c.copyTo("VT")
	} else {
		c.b.Paragraph(&ooxml.Para{}, "", nil)
	}
	c.b.EndCell()
	c.b.StartCell(total-left, false)
	c.b.Paragraph(&ooxml.Para{Line: ptToTwips(12), LineExact: true, KeepNext: true}, "", nil)
	c.signerBlock(s, c.l.SignatureSpacePt, 0, 0)
	c.b.EndCell()
	c.b.EndRow()
	c.b.EndTable()
}

// newPage starts a page for an annex or an attachment, in portrait or landscape. Changing
// orientation needs a new section; otherwise a page break before the first paragraph will do.
func (c *composer) newPage(landscape bool) (pageBreak bool) {
	if c.sec.Landscape == landscape {
		return true
	}
	c.b.SectionBreak(&c.sec)
	if landscape {
		c.sec = c.section(c.r.landscape)
	} else {
		c.sec = c.section(c.r.portrait)
	}
	return false
}

// attachment writes the document a decision issues (a regulation, a plan) on a new page:
// the names of the issuer and the nation, the title, "(Kèm theo Quyết định số …)", the
// content and the signer.
func (c *composer) attachment(a *Attachment) {
	pageBreak := c.newPage(false)
	if pageBreak {
		// A table cannot carry a page break: an empty paragraph starts the page.
		c.b.StartPara(&ooxml.Para{PageBreakBefore: true, Line: 20, LineExact: true})
		c.b.EndPara()
	}
	c.header(false)
	l := c.l
	c.title(typeset.Upper(a.Title), a.Subject, 12)
	c.para(&ooxml.Para{Align: ooxml.Center, SpaceAfter: ptToTwips(6)}, c.reference("Ban hành kèm theo", twipsToPt(c.textWidth())-4),
		&ooxml.Run{Italic: true, Size: halfPoints(l.BodySize)})
	c.markEnd = len(a.Articles) == 0
	c.blocks(a.Body, len(a.Articles) == 0)
	c.markEnd = true
	c.articles(a.Articles, true, true)
	c.markEnd = false
	c.signature(&c.d.Signer, false)
}

// annex writes annex i on a new page of its own section, whose pages are numbered from 1
// (Annex I, Part I, III.1.đ: "Số trang của Phụ lục được đánh số riêng theo từng Phụ lục"),
// the first without a number: "Phụ lục" (in Roman numerals when there are several), its
// title, "(Kèm theo … số … ngày … tháng … năm … của …)" above a short rule, its paragraphs
// and its table.
func (c *composer) annex(i int) {
	a := &c.d.Annexes[i]
	l := c.l
	c.b.SectionBreak(&c.sec)
	if a.Landscape {
		c.sec = c.section(c.r.landscape)
	} else {
		c.sec = c.section(c.r.portrait)
	}
	c.sec.PageStart, c.sec.TitlePage, c.sec.FirstHeaderID = 1, true, ooxml.HeaderFirstID
	label := "Phụ lục"
	if len(c.d.Annexes) > 1 {
		label += " " + roman(i+1)
	}
	c.para(&ooxml.Para{Align: ooxml.Center, KeepNext: true}, label,
		&ooxml.Run{Bold: true, Size: halfPoints(l.KindTitleSize)})
	width := twipsToPt(c.textWidth()) - 4
	c.para(&ooxml.Para{Align: ooxml.Center, KeepNext: true},
		c.r.balance(typeset.Upper(a.Title), typeset.Bold, l.KindTitleSize, width),
		&ooxml.Run{Bold: true, Size: halfPoints(l.KindTitleSize)})
	if a.Subtitle != "" {
		c.para(&ooxml.Para{Align: ooxml.Center, KeepNext: true}, a.Subtitle,
			&ooxml.Run{Bold: true, Size: halfPoints(l.SubjectSize)})
	}
	ref := c.reference("Kèm theo", width)
	c.para(&ooxml.Para{Align: ooxml.Center, KeepNext: true}, ref,
		&ooxml.Run{Italic: true, Size: halfPoints(l.BodySize)})
	c.rule(c.textWidth(), widestLine(ref, typeset.Italic, l.BodySize)*l.IssuerRuleFraction)
	c.markEnd = a.Table == nil
	c.blocks(a.Body, a.Table != nil)
	c.markEnd = false
	if a.Table != nil {
		c.table(a.Table)
	}
}

// columnWidths shares total twips among the columns by their weights (equal when none),
// first giving each column room for the longest word of its heading so that "STT" or
// "Năm sinh" never breaks inside a word.
func columnWidths(t *Table, total int, size float64) []int {
	n := len(t.Columns)
	widths := make([]int, n)
	weights := make([]float64, n)
	sum := 0.0
	for j := range n {
		weights[j] = 1
		if j < len(t.Widths) && t.Widths[j] > 0 {
			weights[j] = t.Widths[j]
		}
		sum += weights[j]
	}
	// Columns whose share is narrower than their longest heading word get that word's
	// width; the others share what is left by weight.
	fixed, free := 0, total
	for changed := true; changed; {
		changed = false
		for j := range n {
			if widths[j] > 0 {
				continue
			}
			need := 2*cellMargin + ptToTwips(longestWord(t.Columns[j], size)+1)
			if share := int(float64(free) * weights[j] / sum); share < need {
				widths[j] = need
				fixed += need
				free -= need
				sum -= weights[j]
				changed = true
			}
		}
	}
	used := fixed
	last := -1
	for j := range n {
		if widths[j] == 0 {
			widths[j] = int(float64(free) * weights[j] / sum)
			used += widths[j]
			last = j
		}
	}
	if last >= 0 {
		widths[last] += total - used
	}
	return widths
}

// longestWord returns the width in points of the widest word of a bold heading.
func longestWord(s string, size float64) float64 {
	w := 0.0
	for _, word := range strings.Fields(s) {
		w = max(w, typeset.Width(word, typeset.Bold, size))
	}
	return w
}

// widestLine returns the width in points of the widest line of text.
func widestLine(text string, f typeset.Face, size float64) float64 {
	w := 0.0
	for _, line := range strings.Split(text, "\n") {
		w = max(w, typeset.Width(line, f, size))
	}
	return w
}

// certificate writes a Giấy khen or Giấy công nhận on one A4 landscape page with a double
// border: the national header centred, the grantor, the verb, the title in large type, the
// recipient, the achievement lines, then the decision reference beside the date and signer.
func (c *composer) certificate() {
	d, l := c.d, c.l
	c.sec = c.section(c.r.certificate)
	c.sec.PageStart = c.firstPage()
	cert := d.Certificate
	if cert == nil {
		cert = &Certificate{}
	}
	total := c.textWidth()
	center := ooxml.Para{Align: ooxml.Center}
	c.para(&center, nationalTitle, &ooxml.Run{Bold: true, Size: halfPoints(l.NationalTitleSize)})
	c.para(&center, motto, &ooxml.Run{Bold: true, Size: halfPoints(l.MottoSize)})
	c.rule(total, c.r.mottoWidth)
	if cert.Grantor != "" {
		c.para(&ooxml.Para{Align: ooxml.Center, SpaceBefore: ptToTwips(14)}, typeset.Upper(cert.Grantor),
			&ooxml.Run{Bold: true, Size: halfPoints(l.CertificateGrantorSize)})
	}
	verb := cert.Verb
	if verb == "" {
		verb = "TẶNG"
		if d.Kind == GiayCongNhan {
			verb = "CÔNG NHẬN"
		}
	}
	c.para(&ooxml.Para{Align: ooxml.Center, SpaceBefore: ptToTwips(6)}, typeset.Upper(verb),
		&ooxml.Run{Bold: true, Size: halfPoints(l.CertificateGrantorSize)})
	c.para(&ooxml.Para{Align: ooxml.Center, SpaceBefore: ptToTwips(6)}, c.kindTitle(),
		&ooxml.Run{Bold: true, Size: halfPoints(l.CertificateTitleSize)})
	c.para(&ooxml.Para{Align: ooxml.Center, SpaceBefore: ptToTwips(6)}, cert.Recipient,
		&ooxml.Run{Bold: true, Size: halfPoints(l.CertificateRecipientSize)})
	for _, line := range cert.Lines {
		c.para(&ooxml.Para{Align: ooxml.Center, SpaceBefore: ptToTwips(4)}, line,
			&ooxml.Run{Italic: true, Size: halfPoints(l.CertificateTextSize)})
	}
	left := total * 2 / 5
	c.b.StartTable(&ooxml.Table{Widths: []int{left, total - left}, CellMargin: cellMargin})
	c.b.StartRow(false)
	c.b.StartCell(left, false)
	ref := ooxml.Para{SpaceBefore: ptToTwips(18)}
	run := ooxml.Run{Size: halfPoints(l.NumberSize)}
	decision := cert.Decision
	if decision == "" {
		decision = "Quyết định số " + c.numberSymbol() + " ngày " + shortDate(d.Date)
	}
	c.para(&ref, decision, &run)
	switch {
	case cert.Register != "":
		c.para(&ooxml.Para{}, "Số sổ: "+cert.Register, &run)
	case cert.Decision != "":
		// The number is the certificate's own (not the decision's, cited above).
		c.para(&ooxml.Para{}, "Số sổ: "+c.numberSymbol(), &run)
	}
	c.b.EndCell()
	c.b.StartCell(total-left, false)
	c.para(&ooxml.Para{Align: ooxml.Center, SpaceBefore: ptToTwips(12)},
		typeset.PlaceDate(d.Place, d.Date.Year, d.Date.Month, d.Date.Day),
		&ooxml.Run{Italic: true, Size: halfPoints(l.PlaceDateSize)})
	c.signerBlock(&d.Signer, l.SignatureSpacePt*0.75, 0, 0) // the certificate page is tighter
	c.b.EndCell()
	c.b.EndRow()
	c.b.EndTable()
}

// roman writes 1..39 in Roman numerals, for annex numbers.
func roman(n int) string {
	var sb strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			sb.WriteString(p.s)
			n -= p.v
		}
	}
	return sb.String()
}
