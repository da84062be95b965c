package generator

import (
	"strings"

	"vanthu/generator/ooxml"
	"vanthu/typeset"
)

// minutesOpening writes the parts of a biên bản before its content (Mẫu 1.9): start time,
// place, participants, chair and secretary.
func (c *composer) minutesOpening(m *Minutes) {
	c.labelled("Thời gian bắt đầu", m.Start)
	c.labelled("Địa điểm", m.Place)
	c.list("Thành phần tham dự", m.Present)
	c.list("Vắng mặt", m.Absent)
	c.list("Khách mời", m.Invited)
	c.labelled("Chủ trì (chủ tọa)", m.Chair)
	c.labelled("Thư ký (người ghi biên bản)", m.Secretary)
	if len(c.d.Body) > 0 {
		c.labelled("Nội dung", "")
	}
}

// minutesClosing writes the conclusion, the sentence saying the minutes were read out and
// agreed, and the closing time, which ends the content with "./.".
func (c *composer) minutesClosing(m *Minutes) {
	if len(m.Conclusion) > 0 {
		c.labelled("Kết luận", "")
		c.blocks(m.Conclusion, false)
	}
	readOut := strings.TrimSpace(m.ReadOut)
	if readOut == "" {
		readOut = "Biên bản đã được đọc lại cho những người dự họp cùng nghe và nhất trí thông qua."
		if m.Inspected != "" {
			readOut = "Biên bản đã được đọc lại cho các thành viên Đoàn kiểm tra và đại diện " +
				strings.TrimSpace(m.Inspected) + " cùng nghe và nhất trí thông qua."
		}
	}
	p := c.bodyPara()
	c.para(&p, readOut, &ooxml.Run{})
	what := "Cuộc họp"
	if m.Inspected != "" {
		what = "Buổi kiểm tra"
	}
	end := strings.TrimSpace(m.End)
	if end == "" {
		end = "…… giờ ……, ngày …… tháng …… năm ……"
	}
	p.KeepNext = true
	c.para(&p, endMark(what+" kết thúc vào "+end), &ooxml.Run{})
}

// invitation writes the lines of a giấy mời after its title (Mẫu 1.7): who invites whom,
// to what, the chair, the time and the place, each a body line.
func (c *composer) invitation() {
	d := c.d
	inviter := strings.TrimSpace(d.IssuedBy)
	if inviter == "" {
		inviter = strings.Join(strings.Fields(typeset.Clean(d.Issuer)), " ")
	}
	if items := listItems(d.Recipients); len(items) > 0 {
		p := c.bodyPara()
		c.para(&p, inviter+" trân trọng kính mời: "+strings.Join(items, ", ")+".", &ooxml.Run{})
	}
	if inv := d.Invitation; inv != nil {
		if event := strings.TrimRight(strings.TrimSpace(inv.Event), ".;"); event != "" {
			p := c.bodyPara()
			c.para(&p, "Tới dự "+event+".", &ooxml.Run{})
		}
		c.labelled("Chủ trì", inv.Chair)
		c.labelled("Thời gian", inv.Time)
		c.labelled("Địa điểm", inv.Place)
	}
}

// labelled writes "Label: text." as a body paragraph, or "Label:" alone when text is
// empty and label ends a heading ("Nội dung", "Kết luận"); an empty optional line is left out.
func (c *composer) labelled(label, text string) {
	p := c.bodyPara()
	text = strings.TrimRight(strings.TrimSpace(text), ".;")
	if text == "" && (label == "Thời gian bắt đầu" || label == "Địa điểm" || label == "Chủ trì (chủ tọa)" ||
		label == "Thư ký (người ghi biên bản)" || label == "Chủ trì" || label == "Thời gian") {
		return
	}
	if text == "" {
		p.KeepNext = true
		c.para(&p, label+":", &ooxml.Run{})
		return
	}
	c.para(&p, label+": "+text+".", &ooxml.Run{})
}

// list writes "Label:" and the items as "- …;" lines, the last ending ".".
func (c *composer) list(label string, items []string) {
	items = listItems(items)
	if len(items) == 0 {
		return
	}
	if len(items) == 1 {
		c.labelled(label, items[0])
		return
	}
	c.labelled(label, "")
	for i, it := range items {
		p := c.bodyPara()
		c.para(&p, "- "+punctuate(it, i, len(items)), &ooxml.Run{})
	}
}

// minutesSignatures writes the two signers of a biên bản side by side — THƯ KÝ and CHỦ
// TỌA, or for an inspection ĐẠI DIỆN ĐOÀN KIỂM TRA and ĐẠI DIỆN <the unit> — with their
// names on one line whatever the number of title lines above them, and the Nơi nhận at
// the bottom left. Other TwoSigners kinds (an achievement report) sign the same way,
// with the defaults of their own kind and without the Nơi nhận when they have none.
func (c *composer) minutesSignatures() {
	total := c.textWidth()
	half := total / 2
	m := c.d.Minutes
	inspection := m != nil && m.Inspected != ""
	left, right := Signer{Title: "THƯ KÝ"}, Signer{Title: "CHỦ TỌA"}
	switch {
	case inspection:
		left = Signer{Authority: "ĐẠI DIỆN ĐOÀN KIỂM TRA"}
		right = Signer{Authority: "ĐẠI DIỆN " + typeset.Upper(strings.TrimSpace(m.Inspected))}
	case c.d.Kind == BaoCaoThanhTich:
		left, right = Signer{Title: "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG"}, Signer{Title: "NGƯỜI BÁO CÁO THÀNH TÍCH"}
	}
	if c.d.Secretary != nil {
		left = mergeSigner(*c.d.Secretary, left)
	}
	right = mergeSigner(c.d.Signer, right)

	// Each side's lines are wrapped to its column here, so the count of lines is known and
	// the shorter side can be padded: the spaces and the names then fall on the same lines.
	width := twipsToPt(half-2*cellMargin) - 4
	wrapSigner(c, &left, width)
	wrapSigner(c, &right, width)
	la, lb := signerLines(&left)
	ra, rb := signerLines(&right)

	c.b.StartTable(&ooxml.Table{Widths: []int{half, total - half}, CellMargin: cellMargin})
	c.b.StartRow(false)
	c.b.StartCell(half, false)
	c.b.Paragraph(&ooxml.Para{Line: ptToTwips(12), LineExact: true, KeepNext: true}, "", nil)
	c.signerBlock(&left, c.l.SignatureSpacePt, lineCount(ra)-lineCount(la), lineCount(rb)-lineCount(lb))
	// The Nơi nhận sits under the left signer in the same cell, so that the row, which
	// never splits, keeps it with the signatures.
	if c.d.Kind.TakesCopyTo() {
		c.copyTo("VT, Hồ sơ")
	}
	c.b.EndCell()
	c.b.StartCell(total-half, false)
	c.b.Paragraph(&ooxml.Para{Line: ptToTwips(12), LineExact: true, KeepNext: true}, "", nil)
	c.signerBlock(&right, c.l.SignatureSpacePt, lineCount(la)-lineCount(ra), lineCount(lb)-lineCount(rb))
	c.b.EndCell()
	c.b.EndRow()
	c.b.EndTable()
}

// mergeSigner fills the empty title parts of s from def.
func mergeSigner(s, def Signer) Signer {
	if s.Prefix == "" && s.Authority == "" && s.Title == "" {
		s.Authority, s.Title = def.Authority, def.Title
	}
	return s
}

// wrapSigner breaks the authority, title and agency post of s into lines that fit width,
// between phrases, so that they can be counted.
func wrapSigner(c *composer, s *Signer, width float64) {
	size := c.l.SignerSize
	wrap := func(text string) string {
		if text == "" {
			return ""
		}
		return strings.Join(c.r.splits.split(typeset.Upper(text), typeset.Bold, size, width), "\n")
	}
	prefix := strings.TrimSpace(s.Prefix)
	if prefix != "" && !strings.HasSuffix(prefix, ".") {
		prefix += "."
	}
	if s.Authority != "" {
		s.Authority = wrap(strings.TrimSpace(prefix + " " + typeset.Upper(s.Authority)))
		s.Prefix = ""
	}
	s.Title = wrap(s.Title)
	s.AgencyTitle = wrap(s.AgencyTitle)
}

// lineCount counts the lines of a signer's lines, each of which may hold "\n".
func lineCount(lines []string) int {
	n := 0
	for _, l := range lines {
		n += strings.Count(l, "\n") + 1
	}
	return n
}

// endMark ends the last paragraph of a document's content with "./.", as every model of
// Annex III does, unless it already ends so.
func endMark(text string) string {
	t := strings.TrimRight(text, " \n\t")
	if t == "" || strings.HasSuffix(t, "/.") {
		return text
	}
	return strings.TrimRight(t, ".;,:") + "./."
}
