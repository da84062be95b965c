package typeset

import "testing"

func TestTwoDigits(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "00"}, {1, "01"}, {5, "05"}, {9, "09"}, {10, "10"}, {31, "31"}, {99, "99"},
		{100, "100"}, {1028, "1028"}, {-5, "-5"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := TwoDigits(tt.n); got != tt.want {
				t.Errorf("TwoDigits(%d) = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
}

func TestDateWords(t *testing.T) {
	tests := []struct {
		name             string
		year, month, day int
		want             string
	}{
		{"seed date", 2016, 2, 1, "ngày 01 tháng 02 năm 2016"},
		{"month without zero", 2025, 6, 5, "ngày 05 tháng 6 năm 2025"},
		{"two-digit day and month", 2025, 12, 25, "ngày 25 tháng 12 năm 2025"},
		{"january", 2025, 1, 9, "ngày 09 tháng 01 năm 2025"},
		{"march", 2025, 3, 10, "ngày 10 tháng 3 năm 2025"},
		{"october", 2025, 10, 31, "ngày 31 tháng 10 năm 2025"},
		{"zero date", 0, 0, 0, "ngày     tháng     năm    "},
		{"year only", 2025, 0, 0, "ngày     tháng     năm 2025"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DateWords(tt.year, tt.month, tt.day); got != tt.want {
				t.Errorf("DateWords(%d, %d, %d) = %q, want %q", tt.year, tt.month, tt.day, got, tt.want)
			}
		})
	}
}

func TestPlaceDate(t *testing.T) {
	tests := []struct {
		name             string
		place            string
		year, month, day int
		want             string
	}{
		{"seed", "Thanh Hoá", 2016, 2, 1, "Thanh Hoá, ngày 01 tháng 02 năm 2016"},
		{"no place", "", 2025, 6, 5, "ngày 05 tháng 6 năm 2025"},
		{"blank place", "  \r\n", 2025, 6, 5, "ngày 05 tháng 6 năm 2025"},
		{"place cleaned and trimmed", " Đông Tiến, ", 2025, 12, 25, "Đông Tiến, ngày 25 tháng 12 năm 2025"},
		{"decomposed place", "Tha\u0300nh Ho\u0301a", 2016, 2, 1, "Thành Hóa, ngày 01 tháng 02 năm 2016"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlaceDate(tt.place, tt.year, tt.month, tt.day); got != tt.want {
				t.Errorf("PlaceDate(%q, …) = %q, want %q", tt.place, got, tt.want)
			}
		})
	}
}

func TestMonth(t *testing.T) {
	tests := []struct {
		month int
		want  string
	}{
		{1, "01"}, {2, "02"}, {3, "3"}, {6, "6"}, {10, "10"}, {11, "11"}, {12, "12"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := Month(tt.month); got != tt.want {
				t.Errorf("Month(%d) = %q, want %q", tt.month, got, tt.want)
			}
		})
	}
}

func TestNumericDate(t *testing.T) {
	tests := []struct {
		year, month, day int
		want             string
	}{
		{2008, 2, 14, "14/02/2008"},
		{2008, 3, 19, "19/3/2008"},
		{2016, 1, 1, "01/01/2016"},
		{2025, 11, 20, "20/11/2025"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := NumericDate(tt.year, tt.month, tt.day); got != tt.want {
				t.Errorf("NumericDate(%d, %d, %d) = %q, want %q", tt.year, tt.month, tt.day, got, tt.want)
			}
		})
	}
}
