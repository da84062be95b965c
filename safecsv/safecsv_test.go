package safecsv

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestNeutralise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\",\"bấm\")", "'=HYPERLINK(\"http://x\",\"bấm\")"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"'=1", "''=1"},
		{"'abc", "''abc"},
		{"UBND tỉnh", "UBND tỉnh"},
		{"01/UBND-NC", "01/UBND-NC"},
		{"a=b", "a=b"},
		{"", ""},
	}
	for _, tt := range tests {
		got := Neutralise(tt.in)
		if got != tt.want {
			t.Errorf("Neutralise(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := Restore(got); back != tt.in {
			t.Errorf("Restore(Neutralise(%q)) = %q", tt.in, back)
		}
	}
	// A hand-typed apostrophe before an ordinary character is kept.
	if got := Restore("'abc"); got != "'abc" {
		t.Errorf("Restore(%q) = %q", "'abc", got)
	}
}

func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"=1", "'", "''=", "abc", "-", "\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Neutralise(s)
		if Restore(n) != s {
			t.Fatalf("Restore(Neutralise(%q)) = %q", s, Restore(n))
		}
		if n != "" && strings.IndexByte("=+-@\t\r", n[0]) >= 0 {
			t.Fatalf("Neutralise(%q) = %q still begins with a formula character", s, n)
		}
	})
}

func TestWriter(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, rec := range [][]string{{"id", "name"}, {"x", "=1+1"}, {"y", "@A1"}} {
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, BOM) {
		t.Fatalf("no BOM: %q", out)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[1][1] != "'=1+1" || recs[2][1] != "'@A1" || recs[0][0] != "id" {
		t.Errorf("records = %q", recs)
	}
}
