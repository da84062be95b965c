package generator_test

import (
	"strings"
	"testing"

	"vanthu/apperr"
	"vanthu/generator"
	"vanthu/typeset"
)

// cellParas returns the paragraph texts of each cell of the last row of a table.
func cellParas(tbl *node) [][]string {
	var rows []*node
	for i := range tbl.Nodes {
		if tbl.Nodes[i].XMLName.Local == "tr" {
			rows = append(rows, &tbl.Nodes[i])
		}
	}
	var out [][]string
	for _, tc := range rows[len(rows)-1].Nodes {
		if tc.XMLName.Local != "tc" {
			continue
		}
		var texts []string
		for i := range tc.Nodes {
			if tc.Nodes[i].XMLName.Local != "p" {
				continue
			}
			var sb strings.Builder
			for j := range tc.Nodes[i].Nodes {
				if tc.Nodes[i].Nodes[j].XMLName.Local == "r" {
					sb.WriteString(tc.Nodes[i].Nodes[j].runText())
				}
			}
			texts = append(texts, sb.String())
		}
		out = append(out, texts)
	}
	return out
}

// lastTable returns the last top-level table of the body: the signature block.
func (d *docx) lastTable(t *testing.T) *node {
	body := d.doc.child("body")
	for i := len(body.Nodes) - 1; i >= 0; i-- {
		if body.Nodes[i].XMLName.Local == "tbl" {
			return &body.Nodes[i]
		}
	}
	t.Fatal("no table in the body")
	return nil
}

func TestInspectionMinutes(t *testing.T) {
	r := newRenderer(t)
	doc := render(t, r, loadExample(t, "bien-ban-kiem-tra-khu-dan-cu.json"))

	t.Run("names on one line whatever the title lines", func(t *testing.T) {
		cells := cellParas(doc.lastTable(t))
		if len(cells) != 2 {
			t.Fatalf("%d signature cells, want 2", len(cells))
		}
		index := func(cell []string, name string) int {
			for i, s := range cell {
				if s == name {
					return i
				}
			}
			t.Fatalf("no %q in %q", name, cell)
			return -1
		}
		left, right := index(cells[0], "Lê Minh Tuấn"), index(cells[1], "Trần Văn Hòa")
		if left != right {
			t.Errorf("names at paragraph %d and %d of their cells: not on one line\n%q\n%q", left, right, cells[0], cells[1])
		}
		if cells[0][1] != "ĐẠI DIỆN ĐOÀN KIỂM TRA" || cells[1][1] != "ĐẠI DIỆN THÔN ĐÔNG HẢI" || cells[1][2] != "TRƯỞNG THÔN" {
			t.Errorf("signing sides %q / %q", cells[0][:3], cells[1][:3])
		}
		// Nơi nhận at the bottom left, ending with the archive line.
		if !strings.Contains(strings.Join(cells[0], "|"), "Nơi nhận:|- UBND xã (để b/c);") ||
			cells[0][len(cells[0])-1] != "- Lưu: VT, Hồ sơ kiểm tra." {
			t.Errorf("left cell lacks the Nơi nhận block: %q", cells[0])
		}
	})
	t.Run("parts of Mẫu 1.9 in order", func(t *testing.T) {
		var order []int
		for _, prefix := range []string{"Số:", "BIÊN BẢN", "Thời gian bắt đầu: 08 giờ", "Địa điểm:", "Thành phần tham dự:",
			"Vắng mặt:", "Chủ trì (chủ tọa):", "Thư ký (người ghi biên bản):", "Nội dung:", "Kết luận:",
			"Biên bản đã được đọc lại", "Buổi kiểm tra kết thúc vào 10 giờ 15 phút cùng ngày./."} {
			for i, p := range doc.paras {
				if strings.HasPrefix(p.text, prefix) {
					order = append(order, i)
					break
				}
			}
		}
		if len(order) != 12 {
			t.Fatalf("found %d of the 12 parts", len(order))
		}
		for i := 1; i < len(order); i++ {
			if order[i] <= order[i-1] {
				t.Errorf("part %d comes before part %d", i, i-1)
			}
		}
		for _, p := range doc.paras {
			if strings.Contains(p.text, "ngày 10 tháng 11 năm 2025") && strings.HasPrefix(p.text, "Đông Tiến") {
				t.Errorf("minutes print a place-and-date line: %q", p.text)
			}
		}
	})
	t.Run("criteria table in the body", func(t *testing.T) {
		if n := len(doc.tables()); n != 1 {
			t.Errorf("%d bordered tables, want the criteria table", n)
		}
	})
}

// TestTitlesBreakBetweenPhrases checks every line break the generator chose in the
// examples (trích yếu, V/v, annex titles, reference lines): none falls inside a word of
// the domain's list or inside a date.
func TestTitlesBreakBetweenPhrases(t *testing.T) {
	r := newRenderer(t)
	phrases := typeset.NewPhrases()
	for _, name := range examples(t) {
		d := loadExample(t, name)
		doc := render(t, r, d)
		for _, p := range doc.paras {
			if !strings.Contains(p.text, "\n") || p.pPr("jc") == nil || p.pPr("jc").attr("val") != "center" {
				continue // typed breaks sit in body paragraphs; the chosen ones in centred titles
			}
			if strings.HasPrefix(p.text, "Chương ") {
				continue // a chapter heading's break is typed in the input
			}
			lines := strings.Split(p.text, "\n")
			for i := 1; i < len(lines); i++ {
				before, after := strings.Fields(lines[i-1]), strings.Fields(lines[i])
				if len(before) == 0 || len(after) == 0 {
					continue
				}
				words := append(append([]string(nil), before...), after...)
				costs := phrases.BreakCosts(words, nil)
				if c := costs[len(before)-1]; c >= typeset.BreakInName {
					t.Errorf("%s: %q broken before %q (cost %d)", name, lines[i-1], lines[i], c)
				}
			}
		}
	}
}

// TestAchievementReport checks the báo cáo thành tích: a header of the Quốc hiệu alone
// (no issuer, no "Số:"), the place and date on the right, the two signers side by side with
// their names on one line, no Nơi nhận; and that Check refuses a number or a Nơi nhận.
func TestAchievementReport(t *testing.T) {
	r := newRenderer(t)
	ex := loadExample(t, "bao-cao-thanh-tich-ca-nhan.json")
	doc := render(t, r, ex)

	t.Run("header of the Quốc hiệu alone, centred, with the date on the right", func(t *testing.T) {
		body := doc.doc.child("body")
		if first := body.Nodes[0]; first.XMLName.Local != "p" {
			t.Fatalf("the document opens with a %s, not the centred Quốc hiệu", first.XMLName.Local)
		}
		p := doc.find(t, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
		if jc := p.pPr("jc"); jc == nil || jc.attr("val") != "center" {
			t.Error("Quốc hiệu not centred")
		}
		date := doc.find(t, "Đông Tiến, ngày 10 tháng 12 năm 2025")
		if jc := date.pPr("jc"); !date.allRuns("i") || jc == nil || jc.attr("val") != "right" {
			t.Errorf("place and date %q not italic on the right", date.text)
		}
		for _, p := range doc.paras {
			if strings.HasPrefix(p.text, "Số:") || strings.Contains(p.text, "CÔNG AN XÃ") || strings.HasPrefix(p.text, "Nơi nhận") {
				t.Errorf("an achievement report prints %q", p.text)
			}
		}
		doc.find(t, "BÁO CÁO THÀNH TÍCH")
		doc.find(t, "Đề nghị tặng danh hiệu Chiến sĩ thi đua cơ sở")
	})
	t.Run("confirmation left, reporter right, names on one line", func(t *testing.T) {
		cells := cellParas(doc.lastTable(t))
		if len(cells) != 2 {
			t.Fatalf("%d signature cells, want 2", len(cells))
		}
		// at returns the printed line of s in a cell: a title wrapped over two lines is
		// one paragraph with a break, the other side pads with an empty paragraph.
		at := func(cell []string, s string) int {
			line := 0
			for _, c := range cell {
				if c == s {
					return line
				}
				line += 1 + strings.Count(c, "\n")
			}
			t.Fatalf("no %q in %q", s, cell)
			return -1
		}
		if l, r := at(cells[0], "Nguyễn Văn Tuấn"), at(cells[1], "Lê Văn Bình"); l != r {
			t.Errorf("names at paragraphs %d and %d: not on one line\n%q\n%q", l, r, cells[0], cells[1])
		}
		left, right := strings.ReplaceAll(strings.Join(cells[0], " "), "\n", " "), strings.ReplaceAll(strings.Join(cells[1], " "), "\n", " ")
		if !strings.Contains(left, "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN") || !strings.Contains(right, "NGƯỜI BÁO CÁO THÀNH TÍCH") {
			t.Errorf("signing sides %q / %q", cells[0], cells[1])
		}
	})
	t.Run("the past awards table in section III", func(t *testing.T) {
		if n := len(doc.tables()); n != 1 {
			t.Errorf("%d bordered tables, want the table of past awards", n)
		}
		doc.find(t, "Quyết định số 05/QĐ-UBND ngày 20/12/2025 của UBND xã Đông Tiến")
	})
	t.Run("default signing titles", func(t *testing.T) {
		d := *ex
		d.Secretary, d.Signer.Title = nil, ""
		cells := cellParas(render(t, r, &d).lastTable(t))
		if !strings.Contains(strings.ReplaceAll(strings.Join(cells[0], " "), "\n", " "), "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG") ||
			!strings.Contains(strings.Join(cells[1], " "), "NGƯỜI BÁO CÁO THÀNH TÍCH") {
			t.Errorf("default sides %q / %q", cells[0], cells[1])
		}
	})
	t.Run("a number or a Nơi nhận is refused, not dropped", func(t *testing.T) {
		for field, edit := range map[string]func(d *generator.Document){
			"number":  func(d *generator.Document) { d.Number = 3 },
			"copy_to": func(d *generator.Document) { d.CopyTo.Archive = "VT" },
			"secrecy": func(d *generator.Document) { d.Secrecy = "MẬT" },
		} {
			d := *ex
			edit(&d)
			err := d.Check()
			if e := apperr.As(err); e == nil || e.Fields[field] == "" {
				t.Errorf("%s: Check gave %v", field, err)
			}
		}
	})
}
