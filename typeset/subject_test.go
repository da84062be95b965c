package typeset

import "testing"

func TestCongVanSubject(t *testing.T) {
	tests := []struct {
		subject, want string
	}{
		{"nâng bậc lương năm 2019", "V/v nâng bậc lương năm 2019"},
		{"  nâng bậc lương  ", "V/v nâng bậc lương"},
		{"V/v nâng bậc lương", "V/v nâng bậc lương"},
		{"v/v nâng bậc lương", "V/v nâng bậc lương"},
		{"V/V nâng bậc lương", "V/v nâng bậc lương"},
		{"v/V nâng bậc lương", "V/v nâng bậc lương"},
		{" v/v nâng bậc lương", "V/v nâng bậc lương"},
		{"Về việc nâng bậc lương", "V/v Về việc nâng bậc lương"},
		{"", "V/v "},
	}
	for _, tt := range tests {
		t.Run(tt.subject, func(t *testing.T) {
			if got := CongVanSubject(tt.subject); got != tt.want {
				t.Errorf("CongVanSubject(%q) = %q, want %q", tt.subject, got, tt.want)
			}
		})
	}
}
