package web

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"testing"
)

// TestTextContrast checks the pairs of text and background colours the stylesheet uses
// against WCAG 2.1's 4.5:1 for body text (AA): the colours are read from site.css, so a
// change of the palette is checked too.
func TestTextContrast(t *testing.T) {
	css, err := os.ReadFile("static/site.css")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z]+):(#[0-9a-fA-F]{3,6})`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]] = m[2]
	}
	color := func(c string) string {
		if v, ok := vars[c]; ok {
			return v
		}
		return c
	}
	for _, p := range []struct{ text, background, where string }{
		{"fg", "bg", "body text"},
		{"muted", "bg", "help and notes"},
		{"accent", "bg", "links"},
		{"bad", "bg", "messages at fields"},
		{"ok", "bg", "saved state"},
		{"warn", "bg", "warnings"},
		{"fg", "soft", "filter bars, table headings"},
		{"muted", "soft", "help in filter bars"},
		{"accent", "soft", "links in filter bars"},
		{"#fff", "accent", "header and primary buttons"},
		{"#fff", "ok", "done buttons"},
		{"bad", "#fdecea", "errors"},
		{"fg", "#e6f4ea", "a checked đạt"},
		{"fg", "#fdecea", "a checked không đạt"},
		{"#5c0a0c", "#fff6f6", "the not-met list"},
		{"fg", "#fff8e1", "notices"},
		{"#5f6b7a", "#eceff3", "a checked không áp dụng"},
	} {
		if r := contrast(color(p.text), color(p.background)); r < 4.5 {
			t.Errorf("%s: %s on %s has contrast %.2f:1, want at least 4.5:1", p.where, p.text, p.background, r)
		}
	}
}

// contrast is WCAG 2.1's contrast ratio of two #rgb or #rrggbb colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(hex string) float64 {
	h := hex[1:]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}
