package generator

import (
	"strings"

	"vanthu/generator/typeset"
)

// balance breaks text into the fewest lines that fit maxPt and then evens them out, so a
// trích yếu does not end on a lone word. Line breaks the user typed are kept as they are.
func balance(text string, f typeset.Face, pt, maxPt float64) string {
	if strings.Contains(text, "\n") || typeset.Width(text, f, pt) <= maxPt {
		return text
	}
	words := strings.Fields(text)
	n := len(wrapGreedy(words, f, pt, maxPt))
	lo, hi := maxPt/2, maxPt
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if len(wrapGreedy(words, f, pt, mid)) <= n {
			hi = mid
		} else {
			lo = mid
		}
	}
	return strings.Join(wrapGreedy(words, f, pt, hi), "\n")
}

// wrapGreedy fills each line with as many words as fit in maxPt.
func wrapGreedy(words []string, f typeset.Face, pt, maxPt float64) []string {
	var lines []string
	space := typeset.Width(" ", f, pt)
	line, width := "", 0.0
	for _, w := range words {
		ww := typeset.Width(w, f, pt)
		if line != "" && width+space+ww > maxPt {
			lines = append(lines, line)
			line, width = "", 0
		}
		if line == "" {
			line, width = w, ww
		} else {
			line, width = line+" "+w, width+space+ww
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
