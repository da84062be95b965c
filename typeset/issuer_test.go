package typeset

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplitIssuer(t *testing.T) {
	tests := []struct {
		name  string
		s     string
		face  Face
		pt    float64
		maxPt float64
		want  []string
	}{
		{
			name: "people's committee of a province",
			s:    "ỦY BAN NHÂN DÂN TỈNH THANH HOÁ", face: Bold, pt: 13, maxPt: 160,
			want: []string{"ỦY BAN NHÂN DÂN", "TỈNH THANH HOÁ"},
		},
		{
			name: "fits on one line",
			s:    "CÔNG AN XÃ ĐÔNG TIẾN", face: Bold, pt: 13, maxPt: 200,
			want: []string{"CÔNG AN XÃ ĐÔNG TIẾN"},
		},
		{
			name: "commune police, narrow column: break before the commune",
			s:    "CÔNG AN XÃ ĐÔNG TIẾN", face: Bold, pt: 13, maxPt: 120,
			want: []string{"CÔNG AN", "XÃ ĐÔNG TIẾN"},
		},
		{
			name: "steering committee in two lines",
			s:    "BAN CHỈ ĐẠO AN NINH, TRẬT TỰ TỈNH THANH HOÁ", face: Bold, pt: 13, maxPt: 220,
			want: []string{"BAN CHỈ ĐẠO AN NINH, TRẬT TỰ", "TỈNH THANH HOÁ"},
		},
		{
			name: "steering committee in three lines: break before the tail",
			s:    "BAN CHỈ ĐẠO AN NINH, TRẬT TỰ TỈNH THANH HOÁ", face: Bold, pt: 13, maxPt: 160,
			want: []string{"BAN CHỈ ĐẠO", "AN NINH, TRẬT TỰ", "TỈNH THANH HOÁ"},
		},
		{
			name: "ANTT tail",
			s:    "BAN CHỈ ĐẠO ANTT XÃ ĐÔNG TIẾN", face: Bold, pt: 13, maxPt: 150,
			want: []string{"BAN CHỈ ĐẠO ANTT", "XÃ ĐÔNG TIẾN"},
		},
		{
			name: "THỊ XÃ kept together",
			s:    "ỦY BAN NHÂN DÂN THỊ XÃ BỈM SƠN", face: Bold, pt: 13, maxPt: 160,
			want: []string{"ỦY BAN NHÂN DÂN", "THỊ XÃ BỈM SƠN"},
		},
		{
			name: "THÀNH PHỐ kept together",
			s:    "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", face: Bold, pt: 13, maxPt: 170,
			want: []string{"ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"},
		},
		{
			name: "XÃ HỘI is not a commune",
			s:    "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH THANH HOÁ", face: Bold, pt: 13, maxPt: 280,
			want: []string{"SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "TỈNH THANH HOÁ"},
		},
		{
			name: "forced break respected",
			s:    "CÔNG AN\nXÃ ĐÔNG TIẾN", face: Bold, pt: 13, maxPt: 400,
			want: []string{"CÔNG AN", "XÃ ĐÔNG TIẾN"},
		},
		{
			name: "forced break, then a part still wrapped",
			s:    "BAN CHỈ ĐẠO\r\nAN NINH, TRẬT TỰ TỈNH THANH HOÁ", face: Bold, pt: 13, maxPt: 160,
			want: []string{"BAN CHỈ ĐẠO", "AN NINH, TRẬT TỰ", "TỈNH THANH HOÁ"},
		},
		{
			name: "spaces collapsed, blank parts dropped",
			s:    "  CÔNG   AN \n\n XÃ  ĐÔNG TIẾN  ", face: Bold, pt: 13, maxPt: 400,
			want: []string{"CÔNG AN", "XÃ ĐÔNG TIẾN"},
		},
		{
			name: "decomposed input composed",
			s:    "C\u00d4NG AN XA\u0303", face: Bold, pt: 13, maxPt: 400,
			want: []string{"CÔNG AN XÃ"},
		},
		{
			name: "no one-word line when avoidable",
			s:    "ỦY BAN NHÂN DÂN TỈNH", face: Bold, pt: 13, maxPt: 130,
			want: []string{"ỦY BAN", "NHÂN DÂN TỈNH"},
		},
		{
			name: "three-tier name: one line more rather than cut a place name",
			s:    "ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN HUYỆN ĐÔNG SƠN TỈNH THANH HOÁ", face: Regular, pt: 12, maxPt: 180,
			want: []string{"ỦY BAN NHÂN DÂN", "XÃ ĐÔNG TIẾN", "HUYỆN ĐÔNG SƠN", "TỈNH THANH HOÁ"},
		},
		{
			name: "three-tier name, wide column",
			s:    "ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN HUYỆN ĐÔNG SƠN TỈNH THANH HOÁ", face: Regular, pt: 12, maxPt: 220,
			want: []string{"ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN", "HUYỆN ĐÔNG SƠN TỈNH THANH HOÁ"},
		},
		{
			name: "steering committee: phrase not cut at its comma",
			s:    "BAN CHỈ ĐẠO AN NINH, TRẬT TỰ TỈNH THANH HOÁ", face: Bold, pt: 13, maxPt: 190,
			want: []string{"BAN CHỈ ĐẠO", "AN NINH, TRẬT TỰ", "TỈNH THANH HOÁ"},
		},
		{
			name: "steering committee, very narrow: cut at the comma, not inside AN NINH",
			s:    "BAN CHỈ ĐẠO AN NINH, TRẬT TỰ TỈNH THANH HOÁ", face: Bold, pt: 13, maxPt: 120,
			want: []string{"BAN CHỈ ĐẠO", "AN NINH,", "TRẬT TỰ", "TỈNH THANH HOÁ"},
		},
		{
			name: "no line starts with a dash, THÀNH PHỐ not cut",
			s:    "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG THÀNH PHỐ HỒ CHÍ MINH", face: Bold, pt: 13, maxPt: 180,
			want: []string{"HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG", "THÀNH PHỐ HỒ CHÍ MINH"},
		},
		{
			name: "word wider than the column gets its own line",
			s:    "CÔNG AN XÃ", face: Bold, pt: 13, maxPt: 20,
			want: []string{"CÔNG", "AN", "XÃ"},
		},
		{
			name: "no width limit",
			s:    "ỦY BAN NHÂN DÂN TỈNH THANH HOÁ", face: Bold, pt: 13, maxPt: 0,
			want: []string{"ỦY BAN NHÂN DÂN TỈNH THANH HOÁ"},
		},
		{name: "empty", s: "", face: Bold, pt: 13, maxPt: 160, want: nil},
		{name: "blank", s: " \n ", face: Bold, pt: 13, maxPt: 160, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitIssuer(tt.s, tt.face, tt.pt, tt.maxPt)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SplitIssuer(%q, %s, %v, %v) = %q, want %q", tt.s, tt.face, tt.pt, tt.maxPt, got, tt.want)
			}
			for _, line := range got {
				if w := Width(line, tt.face, tt.pt); tt.maxPt > 0 && w > tt.maxPt && len(line) > 0 && containsSpace(line) {
					t.Errorf("line %q is %.1f pt wide, over %v", line, w, tt.maxPt)
				}
			}
		})
	}
}

func containsSpace(s string) bool {
	for _, r := range s {
		if r == ' ' {
			return true
		}
	}
	return false
}

// FuzzSplitIssuer checks that a split only ever moves line breaks: the words, in order, are
// those of the cleaned name.
func FuzzSplitIssuer(f *testing.F) {
	f.Add("ỦY BAN NHÂN DÂN TỈNH THANH HOÁ", 160.0)
	f.Add("BAN CHỈ ĐẠO AN NINH, TRẬT TỰ\nTỈNH THANH HOÁ", 120.0)
	f.Add("THỊ XÃ XÃ HỘI - - XÃ", 10.0)
	f.Fuzz(func(t *testing.T, s string, maxPt float64) {
		if len(strings.Fields(s)) > 40 {
			t.Skip("names are short; the search is exponential in the words of a line group")
		}
		lines := SplitIssuer(s, Bold, 13, maxPt)
		want := strings.Join(strings.Fields(Clean(s)), " ")
		if got := strings.Join(lines, " "); got != want {
			t.Fatalf("SplitIssuer(%q) = %q: words changed, want %q", s, lines, want)
		}
		for _, l := range lines {
			if l == "" || strings.TrimSpace(l) != l {
				t.Fatalf("SplitIssuer(%q) = %q: blank or padded line", s, lines)
			}
		}
	})
}

var sinkLines []string

func BenchmarkSplitIssuer(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkLines = SplitIssuer("BAN CHỈ ĐẠO AN NINH, TRẬT TỰ TỈNH THANH HOÁ", Bold, 13, 160)
	}
}
