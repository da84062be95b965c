package register

import (
	"strings"
	"testing"
	"time"
)

func TestDating(t *testing.T) {
	d, err := ParseDating([]byte(`{"default": {"backdate_days": 0, "future_days": 0},
		"units": {"archive": {"backdate_days": 0, "future_days": 0, "earliest": "2016-01-01"},
		          "committee": {"backdate_days": 3, "future_days": 1}}}`))
	if err != nil {
		t.Fatal(err)
	}
	today := DateOf(2026, 3, 5)
	tests := []struct {
		name  string
		chain []string
		date  time.Time
		want  string // a substring of the message, "" when allowed
	}{
		{"today, no window", []string{"ubnd"}, today, ""},
		{"yesterday, no window", []string{"ubnd", "tinh"}, DateOf(2026, 3, 4), "phải là ngày cấp số, hôm nay 05/03/2026"},
		{"tomorrow, no window", []string{"ubnd"}, DateOf(2026, 3, 6), "(06/03/2026)"},
		{"inherited archive window", []string{"ubnd-2016", "archive"}, DateOf(2016, 1, 1), ""},
		{"before the archive's first day", []string{"ubnd-2016", "archive"}, DateOf(2015, 12, 31), "từ 01/01/2016 đến 05/03/2026"},
		{"ahead of the archive's window", []string{"archive"}, DateOf(2026, 3, 6), "không nhận ngày 06/03/2026"},
		{"three days back", []string{"committee"}, DateOf(2026, 3, 2), ""},
		{"four days back", []string{"committee"}, DateOf(2026, 3, 1), "từ 02/03/2026 đến 06/03/2026"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := d.WindowFor(tt.chain).Check("Ngày ban hành", tt.date, today)
			if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("Check = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseDatingRefuses(t *testing.T) {
	for _, bad := range []string{
		`{"default": {"backdate_days": -1}}`,
		`{"default": {"future_days": 400}}`,
		`{"units": {"x": {"earliest": "1900-01-01"}}}`,
		`{"units": {"x": {"earliest": "01/01/2016"}}}`,
		`{"default": {"backdays": 1}}`,
	} {
		if _, err := ParseDating([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
}

func TestPlausible(t *testing.T) {
	today := DateOf(2026, 3, 5)
	for _, c := range []struct {
		d    time.Time
		want bool
	}{
		{DateOf(1, 1, 1), false}, {DateOf(1900, 1, 1), false}, {DateOf(1944, 12, 31), false}, {DateOf(1945, 1, 1), true},
		{DateOf(2027, 3, 5), true}, {DateOf(2027, 3, 6), false}, {DateOf(2099, 12, 31), false}, {DateOf(9999, 12, 31), false},
	} {
		if got := Plausible(c.d, today); got != c.want {
			t.Errorf("Plausible(%s) = %v", FormatDate(c.d), got)
		}
	}
}

func TestDay(t *testing.T) {
	if got := Day(time.Date(2026, 3, 5, 23, 30, 0, 0, time.UTC)); !got.Equal(DateOf(2026, 3, 6)) {
		t.Errorf("23:30 UTC on 5 March is %s in Vietnam, want 06/03/2026", FormatDate(got))
	}
}
