package generator_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"vanthu/generator"
	"vanthu/typeset"
)

func render(t testing.TB, r *generator.Renderer, d *generator.Document) *docx {
	t.Helper()
	var buf bytes.Buffer
	if err := r.Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	return openDocx(t, buf.Bytes())
}

// TestSeedDispatchRules checks the rules of Decree 30 Annex I on dispatch 1028/UBND-NC.
func TestSeedDispatchRules(t *testing.T) {
	r := newRenderer(t)
	seed := loadExample(t, "cong-van-1028.json")
	d := render(t, r, seed)

	t.Run("page A4 portrait with the decree's margins", func(t *testing.T) {
		sect := d.lastSectPr()
		sz, mar := sect.child("pgSz"), sect.child("pgMar")
		want := map[string]string{"w": "11906", "h": "16838"}
		for k, v := range want {
			if got := sz.attr(k); got != v {
				t.Errorf("pgSz %s = %s, want %s", k, got, v)
			}
		}
		// 20 mm top and bottom, 30 mm left, 15 mm right.
		for k, v := range map[string]string{"top": "1134", "bottom": "1134", "left": "1701", "right": "850"} {
			if got := mar.attr(k); got != v {
				t.Errorf("pgMar %s = %s, want %s", k, got, v)
			}
		}
	})
	t.Run("page number from page 2 only", func(t *testing.T) {
		sect := d.lastSectPr()
		if sect.child("titlePg") == nil {
			t.Error("no w:titlePg: page 1 would show a number")
		}
		var types []string
		for _, n := range sect.Nodes {
			if n.XMLName.Local == "headerReference" {
				types = append(types, n.attr("type"))
			}
		}
		if strings.Join(types, ",") != "default,first" {
			t.Errorf("header references %v, want default and first", types)
		}
		hdr := string(d.parts["word/header1.xml"])
		if !strings.Contains(hdr, " PAGE ") || !strings.Contains(hdr, `w:jc w:val="center"`) || !strings.Contains(hdr, `<w:sz w:val="26"/>`) {
			t.Errorf("header1 should hold a centred 13 pt PAGE field: %s", hdr)
		}
		if strings.Contains(string(d.parts["word/header2.xml"]), "PAGE") {
			t.Error("first-page header has a page number")
		}
	})
	t.Run("Times New Roman and 14 pt by default", func(t *testing.T) {
		st := string(d.parts["word/styles.xml"])
		if !strings.Contains(st, `w:ascii="Times New Roman"`) || !strings.Contains(st, `<w:sz w:val="28"/>`) {
			t.Errorf("styles lack Times New Roman 14 pt: %s", st)
		}
	})
	cases := []struct {
		prefix       string
		bold, italic bool
		size         string // half-points; "28" is the default
	}{
		{"ỦY BAN NHÂN DÂN", true, false, "26"},
		{"TỈNH THANH HOÁ", true, false, "26"},
		{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, false, "26"},
		{"Độc lập - Tự do - Hạnh phúc", true, false, "28"},
		{"Số: 1028/UBND-NC", false, false, "26"},
		{"Thanh Hoá, ngày 01 tháng 02 năm 2016", true == false, true, "28"},
		{"V/v tăng cường", false, false, "24"},
		{"Nơi nhận:", true, true, "24"},
		{"- Như trên;", false, false, "22"},
		{"CHỦ TỊCH", true, false, "28"},
		{"Nguyễn Đình Xúng", true, false, "28"},
	}
	for _, c := range cases {
		t.Run("style of "+c.prefix, func(t *testing.T) {
			p := d.find(t, c.prefix)
			if got := p.allRuns("b"); got != c.bold {
				t.Errorf("bold = %v, want %v", got, c.bold)
			}
			if got := p.allRuns("i"); got != c.italic {
				t.Errorf("italic = %v, want %v", got, c.italic)
			}
			if got := p.size("28"); got != c.size {
				t.Errorf("size = %s half-points, want %s", got, c.size)
			}
		})
	}
	t.Run("Kính gửi lists the two recipients", func(t *testing.T) {
		first := d.find(t, "Kính gửi:")
		if first.text != "Kính gửi:\t- Các sở, ban, ngành, đoàn thể cấp tỉnh;" {
			t.Errorf("first line %q", first.text)
		}
		d.find(t, "- UBND các huyện, thị xã, thành phố.")
	})
	t.Run("body justified with first-line indent and 6 pt spacing", func(t *testing.T) {
		var styles node
		if err := xml.Unmarshal(d.parts["word/styles.xml"], &styles); err != nil {
			t.Fatal(err)
		}
		var body *node
		styles.walk(func(n *node) {
			if n.XMLName.Local == "style" && n.attr("styleId") == "VanBan" {
				body = n.child("pPr")
			}
		})
		if body == nil {
			t.Fatal("no body paragraph style VanBan in styles.xml")
		}
		if jc := body.child("jc"); jc == nil || jc.attr("val") != "both" {
			t.Error("body style not justified")
		}
		if ind := body.child("ind"); ind == nil || ind.attr("firstLine") != "720" {
			t.Error("body style first line indent not 1.27 cm")
		}
		if sp := body.child("spacing"); sp == nil || atoi(t, sp.attr("before")) < 120 || sp.attr("line") != "240" {
			t.Error("body style spacing before < 6 pt or line spacing not single")
		}
		for _, block := range seed.Body {
			p := d.find(t, block.Text[:20])
			if st := p.pPr("pStyle"); st == nil || st.attr("val") != "VanBan" {
				t.Errorf("%q does not use the body style", block.Text[:20])
			}
		}
	})
	t.Run("Nơi nhận punctuation", func(t *testing.T) {
		var items []string
		on := false
		for _, p := range d.paras {
			if p.text == "Nơi nhận:" {
				on = true
				continue
			}
			if on && strings.HasPrefix(p.text, "- ") {
				items = append(items, p.text)
			} else if on {
				break
			}
		}
		want := []string{"- Như trên;", "- BCĐ 138 Chính phủ;", "- Văn phòng Chính phủ;", "- TTr Tỉnh ủy, HĐND tỉnh;",
			"- Chủ tịch, các PCT UBND tỉnh;", "- Cục V11, V28, Bộ Công an;", "- Lưu: VT, NC (3)."}
		if strings.Join(items, "|") != strings.Join(want, "|") {
			t.Errorf("Nơi nhận\n got %q\nwant %q", items, want)
		}
	})
	t.Run("header table keeps the Quốc hiệu on one line", func(t *testing.T) {
		var tbl *node
		d.doc.walk(func(n *node) {
			if tbl == nil && n.XMLName.Local == "tbl" {
				tbl = n
			}
		})
		grid := tbl.child("tblGrid")
		right := grid.Nodes[1].attr("w")
		need := typeset.Width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", typeset.Bold, 13) * 20
		if w := atoi(t, right); float64(w-2*57) < need {
			t.Errorf("right column %d twips (less padding) < Quốc hiệu %.0f twips", w, need)
		}
	})
	t.Run("line under the Tiêu ngữ as long as the text", func(t *testing.T) {
		var rules []paragraph
		for _, p := range d.paras {
			if p.pPr("pBdr") != nil {
				rules = append(rules, p)
			}
		}
		if len(rules) < 2 {
			t.Fatalf("want the issuer and the Tiêu ngữ rules, got %d", len(rules))
		}
		mottoRule := rules[1]
		ind := mottoRule.pPr("ind")
		// right cell content width less both indents = rule length
		var tbl *node
		d.doc.walk(func(n *node) {
			if tbl == nil && n.XMLName.Local == "tbl" {
				tbl = n
			}
		})
		cell := atoi(t, tbl.child("tblGrid").Nodes[1].attr("w")) - 2*57
		length := float64(cell - atoi(t, ind.attr("left")) - atoi(t, ind.attr("right")))
		want := typeset.Width("Độc lập - Tự do - Hạnh phúc", typeset.Bold, 14) * 20
		if length < want-20 || length > want+20 {
			t.Errorf("Tiêu ngữ rule %.0f twips, text %.0f twips", length, want)
		}
		issuerRule := rules[0]
		ind = issuerRule.pPr("ind")
		leftCell := atoi(t, tbl.child("tblGrid").Nodes[0].attr("w")) - 2*57
		length = float64(leftCell - atoi(t, ind.attr("left")) - atoi(t, ind.attr("right")))
		text := typeset.Width("ỦY BAN NHÂN DÂN", typeset.Bold, 13) * 20
		if length < text/3-20 || length > text/2+20 {
			t.Errorf("issuer rule %.0f twips, want 1/3–1/2 of %.0f", length, text)
		}
	})
}

func atoi(t testing.TB, s string) int {
	t.Helper()
	n := 0
	neg := strings.HasPrefix(s, "-")
	for _, c := range strings.TrimPrefix(s, "-") {
		if c < '0' || c > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n
}

// TestTypographyRules checks leading zeros, upper case, NFC and line breaks on small documents.
func TestTypographyRules(t *testing.T) {
	r := newRenderer(t)
	base := func() *generator.Document {
		return &generator.Document{
			Kind: generator.QuyetDinh, Issuer: "ủy ban nhân dân xã đông tiến", Symbol: "QĐ-UBND",
			Place: "Đông Tiến", Subject: "Về việc thành lập Tổ bảo vệ an ninh, trật tự",
			Signer: generator.Signer{Prefix: "TM", Authority: "ủy ban nhân dân", Title: "chủ tịch", Name: "Lê Văn Bình"},
		}
	}
	tests := []struct {
		name   string
		modify func(*generator.Document)
		want   []string // paragraph prefixes that must exist
	}{
		{"number below 10 gets a leading zero", func(d *generator.Document) { d.Number = 5 }, []string{"Số: 05/QĐ-UBND"}},
		{"draft number is blank", func(d *generator.Document) {}, []string{"Số:         /QĐ-UBND"}},
		{"day and month below 10 and months 1–2", func(d *generator.Document) { d.Date = generator.Date{Year: 2025, Month: 2, Day: 3} },
			[]string{"Đông Tiến, ngày 03 tháng 02 năm 2025"}},
		{"months 3–12 without zero", func(d *generator.Document) { d.Date = generator.Date{Year: 2025, Month: 6, Day: 15} },
			[]string{"Đông Tiến, ngày 15 tháng 6 năm 2025"}},
		{"issuer upper-cased with đ → Đ", func(d *generator.Document) {}, []string{"XÃ ĐÔNG TIẾN"}},
		{"signer prefix gets its dot", func(d *generator.Document) {}, []string{"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"}},
		{"decomposed input is composed", func(d *generator.Document) {
			d.Articles = []generator.Article{{Body: []generator.Block{{Text: "Thi hành nghiêm" /* NFD below */}}}}
			d.Articles[0].Body[0].Text = "Thi ha\u0300nh nghie\u0302m"
		}, []string{"Điều 1. Thi hành nghiêm"}},
		{"line breaks kept", func(d *generator.Document) {
			d.Body = []generator.Block{{Text: "dòng một\ndòng hai"}}
		}, []string{"dòng một\ndòng hai"}},
		{"căn cứ lines end with ; and the last with .", func(d *generator.Document) {
			d.Bases = []string{"Căn cứ Luật A", "Căn cứ Nghị định B;"}
			d.Proposal = "Theo đề nghị của Trưởng Công an xã."
		}, []string{"Căn cứ Luật A;", "Căn cứ Nghị định B;", "Theo đề nghị của Trưởng Công an xã.", "QUYẾT ĐỊNH:"}},
		{"KT. with the dual title of a committee signer", func(d *generator.Document) {
			d.Signer = generator.Signer{Prefix: "KT.", Authority: "Trưởng ban", Title: "Phó Trưởng ban", AgencyTitle: "Giám đốc Công an tỉnh", Name: "X"}
		}, []string{"KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "GIÁM ĐỐC CÔNG AN TỈNH"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := base()
			tc.modify(doc)
			d := render(t, r, doc)
			for _, w := range tc.want {
				p := d.find(t, w)
				if !utf8.ValidString(p.text) {
					t.Errorf("invalid UTF-8 in %q", p.text)
				}
			}
		})
	}
	t.Run("bases are italic", func(t *testing.T) {
		doc := base()
		doc.Bases = []string{"Căn cứ Luật Tổ chức chính quyền địa phương"}
		d := render(t, r, doc)
		if !d.find(t, "Căn cứ Luật").allRuns("i") {
			t.Error("căn cứ line not italic")
		}
		if !d.find(t, "QUYẾT ĐỊNH:").allRuns("b") {
			t.Error("QUYẾT ĐỊNH: not bold")
		}
	})
	t.Run("Điều n. in bold, its text regular", func(t *testing.T) {
		doc := base()
		doc.Articles = []generator.Article{{Body: []generator.Block{{Text: "Thành lập Tổ."}}}, {Body: []generator.Block{{Text: "Tổ có nhiệm vụ."}}}}
		d := render(t, r, doc)
		p := d.find(t, "Điều 2.")
		if pr := p.runs[0].child("rPr"); pr == nil || pr.child("b") == nil || p.runs[0].runText() != "Điều 2." {
			t.Errorf("first run %q not bold", p.runs[0].runText())
		}
		if pr := p.runs[1].child("rPr"); pr != nil && pr.child("b") != nil {
			t.Error("article text is bold")
		}
	})
	t.Run("unknown kind is an error", func(t *testing.T) {
		doc := base()
		doc.Kind = "thu-tay"
		if err := r.Render(&bytes.Buffer{}, doc); err == nil {
			t.Error("want an error for an unknown kind")
		}
	})
}

// TestMinutesAndCertificate checks the layouts that differ most from a dispatch.
func TestMinutesAndCertificate(t *testing.T) {
	r := newRenderer(t)
	t.Run("minutes: no date in the header, THƯ KÝ left and CHỦ TỌA right", func(t *testing.T) {
		doc := &generator.Document{Kind: generator.BienBan, Issuer: "Thôn Đông Hải", Symbol: "BB-TĐH",
			Place: "Đông Tiến", Date: generator.Date{Year: 2025, Month: 10, Day: 20}, Subject: "Họp xét",
			Signer: generator.Signer{Name: "Chủ Tọa"}, Secretary: &generator.Signer{Title: "Thư ký", Name: "Thư Ký"}}
		d := render(t, r, doc)
		for _, p := range d.paras {
			if strings.Contains(p.text, "ngày 20 tháng 10") {
				t.Errorf("minutes header shows the date: %q", p.text)
			}
		}
		var order []string
		for _, p := range d.paras {
			if p.text == "THƯ KÝ" || p.text == "CHỦ TỌA" {
				order = append(order, p.text)
			}
		}
		if strings.Join(order, ",") != "THƯ KÝ,CHỦ TỌA" {
			t.Errorf("signers in order %v", order)
		}
	})
	t.Run("certificate on A4 landscape", func(t *testing.T) {
		doc := &generator.Document{Kind: generator.GiayKhen, Symbol: "QĐ-UBND", Number: 7, Place: "Đông Tiến",
			Date:        generator.Date{Year: 2025, Month: 12, Day: 1},
			Certificate: &generator.Certificate{Grantor: "Chủ tịch UBND xã Đông Tiến", Recipient: "Ông Lê Văn Bình"},
			Signer:      generator.Signer{Title: "Chủ tịch", Name: "Trần Văn C"}}
		d := render(t, r, doc)
		sz := d.lastSectPr().child("pgSz")
		if sz.attr("orient") != "landscape" || sz.attr("w") != "16838" {
			t.Errorf("page %v not A4 landscape", sz.Attrs)
		}
		d.find(t, "GIẤY KHEN")
		d.find(t, "Quyết định số 07/QĐ-UBND ngày 01/12/2025")
	})
}

// TestPreparedNumbering checks that a document prepared before its number exists and
// numbered afterwards is the document rendered with that number, and that text holding the
// hole character itself still renders right.
func TestPreparedNumbering(t *testing.T) {
	r := newRenderer(t)
	for _, name := range []string{"cong-van-1028.json", "quyet-dinh-thanh-lap-to-bao-ve-antt.json", "giay-khen-ca-nhan.json"} {
		t.Run(name, func(t *testing.T) {
			d := loadExample(t, name)
			p, err := r.Prepare(d)
			if err != nil {
				t.Fatal(err)
			}
			defer p.Release()
			for _, n := range []int{0, 7, 1028} {
				var prepared, direct bytes.Buffer
				if err := p.Write(&prepared, n); err != nil {
					t.Fatal(err)
				}
				nd := *d
				nd.Number = n
				if err := r.Render(&direct, &nd); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(prepared.Bytes(), direct.Bytes()) {
					t.Errorf("number %d: prepared and direct renders differ", n)
				}
				body := string(openDocx(t, prepared.Bytes()).parts["word/document.xml"])
				if n > 0 && !strings.Contains(body, "số "+typeset.TwoDigits(n)+"/") && !strings.Contains(body, "Số: "+typeset.TwoDigits(n)+"/") {
					t.Errorf("number %d not in the document", n)
				}
				if strings.Contains(body, "\uE000") {
					t.Error("a hole mark is left in the document")
				}
			}
		})
	}
	t.Run("text holding the hole character", func(t *testing.T) {
		d := loadExample(t, "cong-van-1028.json")
		nd := *d
		nd.Body = append([]generator.Block{{Text: "ký tự riêng \uE000 trong văn bản"}}, d.Body...)
		p, err := r.Prepare(&nd)
		if err != nil {
			t.Fatal(err)
		}
		defer p.Release()
		var out bytes.Buffer
		if err := p.Write(&out, 12); err != nil {
			t.Fatal(err)
		}
		doc := openDocx(t, out.Bytes())
		doc.find(t, "Số: 12/UBND-NC")
		doc.find(t, "ký tự riêng \uE000 trong văn bản")
	})
}

// TestRenderPreview checks that a preview holds the same document as Render, stored.
func TestRenderPreview(t *testing.T) {
	r := newRenderer(t)
	d := loadExample(t, "cong-van-1028.json")
	var preview, full bytes.Buffer
	if err := r.RenderPreview(&preview, d); err != nil {
		t.Fatal(err)
	}
	if err := r.Render(&full, d); err != nil {
		t.Fatal(err)
	}
	p, f := openDocx(t, preview.Bytes()), openDocx(t, full.Bytes())
	if !bytes.Equal(p.parts["word/document.xml"], f.parts["word/document.xml"]) {
		t.Error("the preview's document differs from the rendered one")
	}
	if preview.Len() <= full.Len() {
		t.Errorf("preview %d bytes, full %d: the preview should be stored, not deflated", preview.Len(), full.Len())
	}
}

func TestRenderPreviewHoleInText(t *testing.T) {
	r := newRenderer(t)
	d := *loadExample(t, "cong-van-1028.json")
	d.Number = 3
	d.Body = append([]generator.Block{{Text: "riêng \uE000 tư"}}, d.Body...)
	var out bytes.Buffer
	if err := r.RenderPreview(&out, &d); err != nil {
		t.Fatal(err)
	}
	doc := openDocx(t, out.Bytes())
	doc.find(t, "Số: 03/UBND-NC")
	doc.find(t, "riêng \uE000 tư")
}
