package generator_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"vanthu/generator"
)

// tables returns the bordered tables of a document (those with insideV borders), in order.
func (d *docx) tables() []*node {
	var out []*node
	d.doc.walk(func(n *node) {
		if n.XMLName.Local != "tbl" {
			return
		}
		if pr := n.child("tblPr"); pr != nil {
			if b := pr.child("tblBorders"); b != nil {
				if in := b.child("insideV"); in != nil && in.attr("val") == "single" {
					out = append(out, n)
				}
			}
		}
	})
	return out
}

// gridWidths returns the column widths of a table, in twips.
func gridWidths(t *testing.T, tbl *node) []int {
	var w []int
	for _, c := range tbl.child("tblGrid").Nodes {
		v, err := strconv.Atoi(c.attr("w"))
		if err != nil {
			t.Fatal(err)
		}
		w = append(w, v)
	}
	return w
}

// memberTable is a member list as annexes and decisions carry it, without given widths.
func memberTable(rows int) *generator.Table {
	t := &generator.Table{Columns: []string{"STT", "Họ và tên", "Năm sinh", "Chức vụ, đơn vị công tác", "Ghi chú"}}
	for i := range rows {
		t.Rows = append(t.Rows, []string{
			fmt.Sprint(i + 1), "Nguyễn Thị Hồng Nhung", "1985",
			"Phó Trưởng Công an xã Đông Tiến, Tổ trưởng Tổ bảo vệ an ninh, trật tự thôn Đông Hải", "",
		})
	}
	return t
}

func TestTableColumnsFromContent(t *testing.T) {
	r := newRenderer(t)
	d := &generator.Document{
		Kind: generator.BaoCao, Issuer: "Ủy ban nhân dân xã Đông Tiến", Symbol: "BC-UBND",
		Place: "Đông Tiến", Date: generator.Date{Year: 2025, Month: 11, Day: 20}, Subject: "Kết quả",
		Body: []generator.Block{
			{Text: "Kết quả như sau:"},
			{Table: memberTable(3)},
			{Text: "Trên đây là báo cáo./."},
		},
		Signer: generator.Signer{Prefix: "TM.", Authority: "Ủy ban nhân dân", Title: "Chủ tịch", Name: "Lê Văn A"},
	}
	doc := render(t, r, d)
	tables := doc.tables()
	if len(tables) != 1 {
		t.Fatalf("%d bordered tables in the body, want 1", len(tables))
	}
	w := gridWidths(t, tables[0])
	// STT < Năm sinh < Họ và tên < Chức vụ: ordered by what the columns hold.
	stt, name, year, post := w[0], w[1], w[2], w[3]
	if !(stt < year && year < name && name < post) {
		t.Errorf("widths %v: want STT < Năm sinh < Họ và tên < Chức vụ", w)
	}
	sum := 0
	for _, v := range w {
		sum += v
	}
	if sum != 9355 {
		t.Errorf("widths add up to %d twips, want the text width 9355", sum)
	}
	// A name of 21 characters fits its column on one line: 13 pt, with the cell margins.
	if name < 2600 {
		t.Errorf("name column %d twips: \"Nguyễn Thị Hồng Nhung\" would wrap", name)
	}
	// Numbers are centred, text is not.
	for _, c := range []struct {
		text, align string
	}{{"1", "center"}, {"1985", "center"}, {"Nguyễn Thị Hồng Nhung", ""}} {
		p := doc.find(t, c.text)
		got := ""
		if jc := p.pPr("jc"); jc != nil {
			got = jc.attr("val")
		}
		if got != c.align {
			t.Errorf("cell %q aligned %q, want %q", c.text, got, c.align)
		}
	}
	// The header row repeats and no row splits.
	rows := 0
	for i := range tables[0].Nodes {
		tr := &tables[0].Nodes[i]
		if tr.XMLName.Local != "tr" {
			continue
		}
		pr := tr.child("trPr")
		if pr == nil || pr.child("cantSplit") == nil {
			t.Errorf("row %d may split across pages", rows)
		}
		if (pr != nil && pr.child("tblHeader") != nil) != (rows == 0) {
			t.Errorf("row %d: tblHeader only on the first row", rows)
		}
		rows++
	}
	if rows != 4 {
		t.Errorf("%d rows, want 4", rows)
	}
}

// BenchmarkRenderMeasuredAnnex renders a decision with a 1,000-row annex whose column
// widths are measured from the content. Target: ≤ 5 ms.
func BenchmarkRenderMeasuredAnnex(b *testing.B) {
	d := &generator.Document{
		Kind: generator.QuyetDinh, Issuer: "Ủy ban nhân dân xã Đông Tiến", Symbol: "QĐ-UBND",
		Number: 15, Place: "Đông Tiến", Date: generator.Date{Year: 2025, Month: 11, Day: 20},
		Subject: "Về việc công nhận danh sách", Articles: []generator.Article{{Body: []generator.Block{{Text: "Công nhận danh sách kèm theo."}}}},
		Signer:  generator.Signer{Prefix: "TM.", Authority: "Ủy ban nhân dân", Title: "Chủ tịch", Name: "Lê Văn A"},
		Annexes: []generator.Annex{{Title: "Danh sách", Table: memberTable(1000)}},
	}
	benchRender(b, newRenderer(b), d)
}

// TestPackageSettings checks the settings every document needs for pagination and line
// breaks: widow and orphan control on every paragraph, and justified lines ending in a
// manual break left at their natural width.
func TestPackageSettings(t *testing.T) {
	d := render(t, newRenderer(t), loadExample(t, "bao-cao-tong-ket-nam.json"))
	if st := string(d.parts["word/styles.xml"]); !strings.Contains(st, "<w:pPrDefault><w:pPr><w:widowControl/>") {
		t.Error("styles.xml: paragraphs lack widow control by default")
	}
	if s := string(d.parts["word/settings.xml"]); !strings.Contains(s, "<w:compat><w:doNotExpandShiftReturn/>") {
		t.Error("settings.xml lacks doNotExpandShiftReturn: a line before a manual break would be stretched")
	}
	// The pasted paragraph lost its control characters without doubling a space.
	p := d.find(t, "Nội dung dán từ văn bản khác:")
	if strings.Contains(p.text, "  ") {
		t.Errorf("double space left where control characters were: %q", p.text)
	}
	// The manual line breaks are kept.
	if p := d.find(t, "Số liệu chính"); strings.Count(p.text, "\n") != 2 {
		t.Errorf("manual line breaks lost: %q", p.text)
	}
}
