package generator_test

import (
	"strings"
	"testing"
)

// TestDecree30RulesOnEveryExample checks on every example the rules of Decree 30 Annex I
// that hold for all kinds: A4 and the margins in every section, the sizes and faces of the
// Quốc hiệu, Tiêu ngữ, number, Nơi nhận and signer, no page number on the first page, each
// annex numbered from 1, and the content ending with "./.".
func TestDecree30RulesOnEveryExample(t *testing.T) {
	r := newRenderer(t)
	for _, name := range examples(t) {
		t.Run(name, func(t *testing.T) {
			ex := loadExample(t, name)
			spec, _ := ex.Kind.Spec()
			d := render(t, r, ex)
			var sects []*node
			d.doc.walk(func(n *node) {
				if n.XMLName.Local == "sectPr" {
					sects = append(sects, n)
				}
			})
			for i, s := range sects {
				sz, mar := s.child("pgSz"), s.child("pgMar")
				w, h := atoi(t, sz.attr("w")), atoi(t, sz.attr("h"))
				if !(w == 11906 && h == 16838 || w == 16838 && h == 11906) {
					t.Errorf("section %d: page %d×%d twips, not A4", i+1, w, h)
				}
				if spec.Certificate {
					continue
				}
				for side, lim := range map[string][2]int{"top": {1134, 1417}, "bottom": {1134, 1417}, "left": {1701, 1984}, "right": {850, 1134}} {
					if v := atoi(t, mar.attr(side)); v < lim[0] || v > lim[1] {
						t.Errorf("section %d: %s margin %d twips, outside Decree 30's range", i+1, side, v)
					}
				}
			}
			if spec.Certificate {
				return
			}
			if sects[0].child("titlePg") == nil {
				t.Error("the first page would show a page number")
			}
			for i := len(sects) - len(ex.Annexes); i < len(sects); i++ {
				if pn := sects[i].child("pgNumType"); pn == nil || pn.attr("start") != "1" || sects[i].child("titlePg") == nil {
					t.Errorf("annex section %d does not number its pages from 1, unnumbered first", i+1)
				}
			}
			for _, c := range []struct {
				prefix       string
				bold, italic bool
				size         string
			}{
				{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, false, "26"},
				{"Độc lập - Tự do - Hạnh phúc", true, false, "28"},
				{"Số:", false, false, "26"},
				{"Nơi nhận:", true, true, "24"},
				{"- Lưu: ", false, false, "22"},
			} {
				if c.prefix == "Số:" && spec.Unnumbered || strings.HasPrefix(c.prefix, "Nơi nhận") && !ex.Kind.TakesCopyTo() ||
					c.prefix == "- Lưu: " && !ex.Kind.TakesCopyTo() {
					// An achievement report is not registered and sent nowhere: the
					// part must be absent rather than blank.
					for _, p := range d.paras {
						if strings.HasPrefix(p.text, c.prefix) {
							t.Errorf("%s prints %q", spec.Name, p.text)
						}
					}
					continue
				}
				p := d.find(t, c.prefix)
				if p.allRuns("b") != c.bold || p.allRuns("i") != c.italic || p.size("28") != c.size {
					t.Errorf("%q: bold %v italic %v size %s, want %v %v %s", c.prefix,
						p.allRuns("b"), p.allRuns("i"), p.size("28"), c.bold, c.italic, c.size)
				}
			}
			if p := d.find(t, ex.Signer.Name); !p.allRuns("b") || p.size("28") != "28" {
				t.Errorf("signer's name %q not bold 14 pt", ex.Signer.Name)
			}
			ends := false
			for _, p := range d.paras {
				if strings.HasSuffix(strings.TrimSpace(p.text), "./.") {
					ends = true
				}
			}
			if !ends {
				t.Error("the content does not end with ./.")
			}
		})
	}
}
