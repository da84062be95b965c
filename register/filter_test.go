package register

import "testing"

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"dịp Tết", "dip tet"},
		{"TẾT NGUYÊN ĐÁN", "tet nguyen dan"},
		{"Đảng ủy xã Đông Tiến", "dang uy xa dong tien"},
		{"hoà", "hoa"},       // the old placement of the tone mark
		{"ho\u0300a", "hoa"}, // a decomposed mark, as some keyboards type it
		{"1028/UBND-NC", "1028/ubnd-nc"},
		{"100% _x_", "100% _x_"}, // LIKE's wildcards are escaped by LikePattern, not here
		{"", ""},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := LikePattern("Tết_100%"); got != `%tet\_100\%%` {
		t.Errorf("LikePattern = %q", got)
	}
}
