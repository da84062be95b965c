package spreadsheet

import (
	"strings"
	"testing"
)

func TestLineCount(t *testing.T) {
	const width = 40*digitWidth - cellPadding // the trích yếu column of the register
	tests := []struct {
		name string
		text string
		want int
	}{
		{"empty", "", 1},
		{"short", "Công văn", 1},
		{"line breaks", "- Như trên;\n- Lưu: VT.", 2},
		{"blank lines count", "a\n\nb", 3},
		{"wraps at spaces", strings.Repeat("trích yếu ", 8), 2},
		{"long subject", "Công văn về việc tăng cường công tác phòng, chống thiên tai, tìm kiếm cứu nạn mùa mưa bão năm 2025", 3},
		{"word filling the cell", strings.Repeat("x", 38), 1}, // x is 0.5 em: 38 × 6 pt × 1.03 < 236 pt
		{"word longer than the cell is cut", strings.Repeat("x", 39), 2},
		{"very long word", strings.Repeat("x", 200), 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lineCount(tt.text, width, bodySize, false); got != tt.want {
				t.Errorf("lineCount = %d, want %d", got, tt.want)
			}
		})
	}
	t.Run("bold is wider", func(t *testing.T) {
		text := strings.Repeat("n", 36) // fits in regular, not in bold
		if r, b := lineCount(text, width, bodySize, false), lineCount(text, width, bodySize, true); r != 1 || b != 2 {
			t.Errorf("regular %d lines, bold %d; want 1 and 2", r, b)
		}
	})
}

func TestRowHeight(t *testing.T) {
	widths := []float64{50, 200}
	if h := rowHeight([]string{"1", "một dòng"}, widths, bodySize, false); h != 0 {
		t.Errorf("single-line row given height %v, want the default (0)", h)
	}
	h := rowHeight([]string{"", "dòng 1\ndòng 2\ndòng 3"}, widths, bodySize, false)
	if want := 3*bodySize*lineSpacing + rowPadding; h < want || h > want+0.25 {
		t.Errorf("three-line row height %v, want %v rounded up to a quarter point", h, want)
	}
	if h := rowHeight([]string{"SỔ ĐĂNG KÝ"}, []float64{500}, titleSize, true); h < titleSize*lineSpacing {
		t.Errorf("title row height %v is less than one line of %vpt", h, titleSize)
	}
}
