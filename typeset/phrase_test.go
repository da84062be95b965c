package typeset

import (
	"strings"
	"testing"
)

func TestBreakCosts(t *testing.T) {
	p := NewPhrases()
	tests := []struct {
		text string
		gap  string // the two words around the gap, "a|b"
		want int
	}{
		{"Đề án 375 của UBND tỉnh và Chỉ thị số 10", "Chỉ|thị", BreakInsideWord},
		{"đạt tiêu chuẩn an toàn", "tiêu|chuẩn", BreakInsideWord},
		{"Quy chế hoạt động của Ban Chỉ đạo", "Ban|Chỉ", BreakInsideWord},
		{"DOANH NGHIỆP, CƠ SỞ GIÁO DỤC", "DOANH|NGHIỆP,", BreakInsideWord},
		{"bảo vệ an ninh Tổ quốc và xây dựng", "Tổ|quốc", BreakInsideWord},
		{"bảo đảm an ninh, trật tự năm 2025", "ninh,|trật", BreakInsideWord},
		{"Quy chế hoạt động của Ban Chỉ đạo", "động|của", BreakBeforeWord},
		{"báo cáo, đề nghị", "cáo,|đề", BreakAfterPunct},
		{"ngày 21 tháng 7 năm 2025 của", "7|năm", BreakInName},
		{"năm 2025 của", "năm|2025", BreakInName},
		{"thôn Đông Hải, xã", "Đông|Hải,", BreakInName},
		{"tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025", "toàn|về", BreakInName},
		{"tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025", "chuẩn|“An", BreakAfterPunct},
		{"kết quả thực hiện nhiệm vụ", "thực|hiện", BreakInsideWord},
		{"hoạt động lực lượng", "động|lực", BreakPlain},
	}
	for _, tt := range tests {
		t.Run(tt.text+" "+tt.gap, func(t *testing.T) {
			words := strings.Fields(tt.text)
			a, b, _ := strings.Cut(tt.gap, "|")
			costs := p.BreakCosts(words, nil)
			for i := range costs {
				if words[i] == a && words[i+1] == b {
					if costs[i] != tt.want {
						t.Errorf("cost of %s / %s = %d, want %d", a, b, costs[i], tt.want)
					}
					return
				}
			}
			t.Fatalf("no gap %q in %q", tt.gap, tt.text)
		})
	}
}

func TestExtraCompounds(t *testing.T) {
	words := strings.Fields("Ban quản lý dự án")
	if c := NewPhrases().BreakCosts(words, nil)[1]; c != BreakPlain {
		t.Fatalf("quản / lý costs %d before it is listed", c)
	}
	if c := NewPhrases("quản lý", "x").BreakCosts(words, nil)[1]; c != BreakInsideWord {
		t.Errorf("quản / lý costs %d once listed, want %d", c, BreakInsideWord)
	}
}
