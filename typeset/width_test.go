package typeset

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

const (
	quocHieu = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	tieuNgu  = "Độc lập - Tự do - Hạnh phúc"
)

// TestMetricsMatchTimesNewRoman checks the generated table against advance widths published
// for Times New Roman, so that a regeneration from another font would be caught.
func TestMetricsMatchTimesNewRoman(t *testing.T) {
	tests := []struct {
		name  string
		face  Face
		r     rune
		units uint16
	}{
		{"A regular", Regular, 'A', 1479},
		{"space regular", Regular, ' ', 512},
		{"n regular", Regular, 'n', 1024},
		{"H bold", Bold, 'H', 1593},
		{"M bold", Bold, 'M', 1933},
		{"I bold", Bold, 'I', 797},
		{"digit italic", Italic, '0', 1024},
		{"em dash regular", Regular, '—', 2048},
		{"en dash regular", Regular, '–', 1024},
		{"no-break space", Regular, '\u00A0', 512},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tableAdvance(tt.r, int(tt.face))
			if !ok || got != tt.units {
				t.Errorf("advance of %q in %s = %d (found %v), want %d", tt.r, tt.face, got, ok, tt.units)
			}
		})
	}
}

func TestEveryVietnameseLetterHasMetrics(t *testing.T) {
	letters := strings.Fields(vietnameseLower + " " + vietnameseUpper)
	punct := strings.Fields("– — “ ” ‘ ’ … • № ₫ € ° § ± × ÷ ≤ ≥ −")
	for f := Regular; f <= BoldItalic; f++ {
		t.Run(f.String(), func(t *testing.T) {
			for _, s := range append(letters, append(punct, "\u00A0")...) {
				for _, r := range s {
					if _, ok := tableAdvance(r, int(f)); !ok {
						t.Errorf("%q (%U) has no metrics", r, r)
					}
				}
			}
		})
	}
}

func TestWidth(t *testing.T) {
	tests := []struct {
		name string
		s    string
		face Face
		pt   float64
		want float64
	}{
		{"empty", "", Bold, 13, 0},
		{"space", " ", Regular, 2048, 512},
		{"A at 2048", "A", Regular, 2048, 1479},
		{"quoc hieu 13 bold", quocHieu, Bold, 13, 42725.0 * 13 / 2048},
		{"tieu ngu 14 bold", tieuNgu, Bold, 14, 25071.0 * 14 / 2048},
		{"controls measure nothing", "A\x00\tB\n", Regular, 2048, 1479 + 1366},
		{"unknown face measured as regular", "A", Face(9), 2048, 1479},
		{"combining mark left alone", "q\u0323", Regular, 2048, 1024},
		{"cjk falls back to n", "中", Regular, 2048, 1024},
		// U+1F00 (ἀ) is outside the tables; it decomposes to α, which is in them.
		{"letter outside the tables measured as its base", "\u1F00", Regular, 2048, float64(advSparse[Regular][sparseIndex(t, 'α')])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Width(tt.s, tt.face, tt.pt); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Width(%q, %s, %v) = %v, want %v", tt.s, tt.face, tt.pt, got, tt.want)
			}
		})
	}
}

// TestWidthRanges keeps the header measures within what a reader of real documents sees: the
// Quốc hiệu at 13 pt bold spans about 9.6 cm, the Tiêu ngữ at 14 pt bold about 6 cm.
func TestWidthRanges(t *testing.T) {
	if w := Width(quocHieu, Bold, 13); w < 265 || w > 280 {
		t.Errorf("Quốc hiệu 13 pt bold = %.2f pt, want about 271", w)
	}
	if w := Width(tieuNgu, Bold, 14); w < 165 || w > 178 {
		t.Errorf("Tiêu ngữ 14 pt bold = %.2f pt, want about 171", w)
	}
}

// TestWidthOfDecomposedText checks that Width measures text as Clean would leave it.
func TestWidthOfDecomposedText(t *testing.T) {
	for i, s := range []string{quocHieu, tieuNgu, vietnameseLower, vietnameseUpper, "Ω\u2126"} {
		for f := Regular; f <= BoldItalic; f++ {
			t.Run(fmt.Sprintf("%s/%d", f, i), func(t *testing.T) {
				want := Width(Clean(s), f, 13)
				for name, in := range map[string]string{
					"nfd":   norm.NFD.String(s),
					"dirty": "\x00" + strings.ReplaceAll(s, " ", " \r\n\xff"),
				} {
					if got := Width(in, f, 13); got != want {
						t.Errorf("%s: Width = %v, want %v", name, got, want)
					}
				}
			})
		}
	}
}

// TestToneMarksKeepWidth checks the relationships the layout relies on: in Times New Roman a
// tone mark, a circumflex, a breve or the bar of đ never changes a letter's advance, so "Ệ" is
// as wide as "E"; the horn of ơ and ư (and of Ư) may widen the letter but never narrows it.
func TestToneMarksKeepWidth(t *testing.T) {
	families := map[string]string{
		"a": "a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ",
		"e": "e è é ẻ ẽ ẹ ê ề ế ể ễ ệ",
		"i": "i ì í ỉ ĩ ị",
		"o": "o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ",
		"ơ": "ơ ờ ớ ở ỡ ợ",
		"u": "u ù ú ủ ũ ụ",
		"ư": "ư ừ ứ ử ữ ự",
		"y": "y ỳ ý ỷ ỹ ỵ",
		"d": "d đ",
	}
	for f := Regular; f <= BoldItalic; f++ {
		for base, letters := range families {
			for _, upper := range []bool{false, true} {
				b, ls := base, letters
				if upper {
					b, ls = Upper(base), Upper(letters)
				}
				t.Run(f.String()+"/"+b, func(t *testing.T) {
					want := Width(b, f, 13)
					for _, l := range strings.Fields(ls) {
						if got := Width(l, f, 13); got != want {
							t.Errorf("Width(%q) = %v, Width(%q) = %v", l, got, b, want)
						}
					}
				})
			}
		}
		t.Run(f.String()+"/horn", func(t *testing.T) {
			for _, p := range [][2]string{{"o", "ơ"}, {"u", "ư"}, {"O", "Ơ"}, {"U", "Ư"}} {
				if Width(p[1], f, 13) < Width(p[0], f, 13) {
					t.Errorf("Width(%q) < Width(%q)", p[1], p[0])
				}
			}
			if Width("Ơ", f, 13) != Width("O", f, 13) {
				t.Errorf("Width(Ơ) = %v, Width(O) = %v", Width("Ơ", f, 13), Width("O", f, 13))
			}
		})
	}
}

func TestWidthDoesNotAllocate(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = Width(quocHieu, Bold, 13) }); n != 0 {
		t.Errorf("Width allocated %v times", n)
	}
}

var sinkFloat float64

func BenchmarkWidth(b *testing.B) {
	for _, bc := range []struct{ name, s string }{
		{"quoc hieu", quocHieu},
		{"tieu ngu", tieuNgu},
		{"ascii", "UBND-NC 1028/UBND-NC"},
		{"nfd", norm.NFD.String(quocHieu)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.s)))
			for b.Loop() {
				sinkFloat = Width(bc.s, Bold, 13)
			}
		})
	}
}

func sparseIndex(t *testing.T, r rune) int {
	t.Helper()
	for i, s := range sparseRunes {
		if s == r {
			return i
		}
	}
	t.Fatalf("%q is not in the sparse table", r)
	return 0
}

// TestDenseBlocksAreStableUnderNFC backs the shortcut in advanceUnits: a character of the
// dense blocks is measured without asking whether Clean would change it.
func TestDenseBlocksAreStableUnderNFC(t *testing.T) {
	for _, block := range [][2]rune{{latinFirst, latinLast}, {additionalFirst, additionalLast}} {
		t.Run(fmt.Sprintf("U+%04X", block[0]), func(t *testing.T) {
			for r := block[0]; r <= block[1]; r++ {
				if _, ok := denseAdvance(r, int(Regular)); !ok {
					continue
				}
				s := string(r)
				if !norm.NFC.IsNormalString(s) || !norm.NFC.PropertiesString(s).BoundaryBefore() {
					t.Errorf("%U changes under NFC or combines with what precedes it", r)
				}
			}
		})
	}
}
