package generator

import (
	"testing"

	"vanthu/typeset"
)

// BenchmarkBreakLines measures the phrase-aware line breaking of the seed's V/v without the
// cache that Render goes through.
func BenchmarkBreakLines(b *testing.B) {
	r, err := New(DefaultLayout())
	if err != nil {
		b.Fatal(err)
	}
	text := "V/v tăng cường chỉ đạo thực hiện Đề án 375 của UBND tỉnh và Chỉ thị số 10 của Chủ tịch UBND tỉnh"
	b.ReportAllocs()
	for b.Loop() {
		r.breakLines(text, typeset.Regular, 12, 180)
	}
}

func TestSpaceFields(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{{"", 0}, {"  ", 0}, {"a", 1}, {" Chỉ  thị\tsố 10 ", 4}, {"a\u00a0b c", 2}} {
		if got := spaceFields(c.in); len(got) != c.want {
			t.Errorf("spaceFields(%q) = %q, want %d words", c.in, got, c.want)
		}
	}
}
