package generator

import (
	"strings"

	"vanthu/generator/ooxml"
	"vanthu/typeset"
)

// balance breaks text into the fewest lines that fit maxPt and then evens them out, so a
// trích yếu does not end on a lone word. Line breaks the user typed are kept as they are.
func balance(text string, f typeset.Face, pt, maxPt float64) string {
	if strings.Contains(text, "\n") || measure(text, f, pt) <= maxPt {
		return text
	}
	words := strings.Fields(text)
	widths := make([]float64, len(words))
	for i, w := range words {
		widths[i] = measure(w, f, pt)
	}
	space := typeset.Width(" ", f, pt)
	n := countLines(widths, space, maxPt)
	// The narrowest width that still gives n lines evens them out.
	lo, hi := maxPt/2, maxPt
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if countLines(widths, space, mid) <= n {
			hi = mid
		} else {
			lo = mid
		}
	}
	var sb strings.Builder
	sb.Grow(len(text) + n)
	width := 0.0
	for i, w := range words {
		switch {
		case i == 0:
			width = widths[0]
		case width+space+widths[i] > hi:
			sb.WriteByte('\n')
			width = widths[i]
		default:
			sb.WriteByte(' ')
			width += space + widths[i]
		}
		sb.WriteString(w)
	}
	return sb.String()
}

// measure returns the width of text, counting a hole (the number, filled in on issue) as
// three digits.
func measure(text string, f typeset.Face, pt float64) float64 {
	w := typeset.Width(text, f, pt)
	if n := strings.Count(text, ooxml.Hole); n > 0 {
		w += float64(n) * (typeset.Width("000", f, pt) - typeset.Width(ooxml.Hole, f, pt))
	}
	return w
}

// countLines returns how many lines greedy filling takes for words of these widths.
func countLines(widths []float64, space, maxPt float64) int {
	lines, width := 1, 0.0
	for i, w := range widths {
		switch {
		case i == 0:
			width = w
		case width+space+w > maxPt:
			lines++
			width = w
		default:
			width += space + w
		}
	}
	return lines
}
