package generator

import (
	"math"
	"strings"

	"vanthu/generator/ooxml"
	"vanthu/typeset"
)

// balance breaks text into the fewest lines that fit maxPt, choosing the breaks that read
// best — between phrases, never inside a word of the domain's list ("Chỉ / thị",
// "tiêu / chuẩn"), never leaving one word alone on the last line — and among those the
// most even lines. One line more is taken only when the fewest lines would cut a word.
// Line breaks the user typed are kept as they are.
func (r *Renderer) balance(text string, f typeset.Face, pt, maxPt float64) string {
	if strings.Contains(text, "\n") || measure(text, f, pt) <= maxPt {
		return text
	}
	k := splitKey{text, f, pt, maxPt}
	if s, ok := r.balanced.load(k); ok {
		return s
	}
	s := r.breakLines(text, f, pt, maxPt)
	r.balanced.store(k, s)
	return s
}

// breakLines is balance without the cache.
func (r *Renderer) breakLines(text string, f typeset.Face, pt, maxPt float64) string {
	words := spaceFields(text)
	n := len(words)
	widths := make([]float64, n)
	hole := strings.Contains(text, ooxml.Hole)
	for i, w := range words {
		if hole {
			widths[i] = measure(w, f, pt)
		} else {
			widths[i] = typeset.Width(w, f, pt)
		}
	}
	space := typeset.Width(" ", f, pt)
	costs := r.phrases.BreakCosts(words, nil)
	lines := countLines(widths, space, maxPt)
	ends, cost := bestBreaks(widths, costs, space, maxPt, lines)
	// One line more is worth trying only when the fewest lines cut a name or a word.
	if ends == nil || worstBreak(ends, costs) >= typeset.BreakInName {
		if more, c := bestBreaks(widths, costs, space, maxPt, lines+1); more != nil && (ends == nil || c+extraLineCost < cost) {
			ends = more
		}
	}
	if ends == nil {
		return text // a word wider than the line: leave it to the word processor
	}
	var sb strings.Builder
	sb.Grow(len(text) + len(ends))
	start := 0
	for k, end := range ends {
		if k > 0 {
			sb.WriteByte('\n')
		}
		for i := start; i < end; i++ {
			if i > start {
				sb.WriteByte(' ')
			}
			sb.WriteString(words[i])
		}
		start = end
	}
	return sb.String()
}

// The weights of bestBreaks, in the units of typeset's break costs.
const (
	raggedWeight  = 300 // a line left empty by its whole width costs this much
	loneLastWord  = 200 // one word alone on the last line
	extraLineCost = 150 // taking one line more than needed
)

// bestBreaks chooses where the lines of the words end, in exactly lines lines that each fit
// maxPt, minimising the cost of the breaks plus how uneven the lines are (the square of the
// room each leaves, the last included). It returns the end (exclusive word index) of each
// line, or nil when the words cannot be set in that many lines.
func bestBreaks(widths []float64, costs []int, space, maxPt float64, lines int) ([]int, float64) {
	n := len(widths)
	if lines < 1 || lines > n {
		return nil, 0
	}
	// best[k*(n+1)+j]: least cost of setting words[:j] in k lines; from: where line k
	// starts. A trích yếu has a few dozen words: the tables fit on the stack.
	inf := math.Inf(1)
	size := (lines + 1) * (n + 1)
	var bestStack [512]float64
	var fromStack [512]int
	var bestFlat []float64
	var fromFlat []int
	if size <= len(bestStack) {
		bestFlat, fromFlat = bestStack[:size], fromStack[:size]
	} else {
		bestFlat, fromFlat = make([]float64, size), make([]int, size)
	}
	for i := range bestFlat {
		bestFlat[i] = inf
	}
	best := func(k, j int) *float64 { return &bestFlat[k*(n+1)+j] }
	from := func(k, j int) *int { return &fromFlat[k*(n+1)+j] }
	*best(0, 0) = 0
	for k := 1; k <= lines; k++ {
		for j := k; j <= n; j++ {
			width := -space
			for i := j - 1; i >= k-1; i-- { // the line holds words[i:j]
				width += space + widths[i]
				if width > maxPt {
					break
				}
				prev := *best(k-1, i)
				if prev == inf {
					continue
				}
				slack := (maxPt - width) / maxPt
				c := prev + raggedWeight*slack*slack
				if j < n {
					c += float64(costs[j-1])
				}
				if k == lines && j == n && i == j-1 && lines > 1 {
					c += loneLastWord
				}
				if c < *best(k, j) {
					*best(k, j), *from(k, j) = c, i
				}
			}
		}
	}
	if *best(lines, n) == inf {
		return nil, 0
	}
	ends := make([]int, lines)
	for k, j := lines, n; k >= 1; k-- {
		ends[k-1] = j
		j = *from(k, j)
	}
	return ends, *best(lines, n)
}

// spaceFields splits text at runs of ASCII spaces and tabs, as strings.Fields does for
// ASCII text but without its slow path for Vietnamese: a no-break space (U+00A0) is
// meant to hold two words together, so it is no place to break a line anyway.
func spaceFields(text string) []string {
	n, in := 0, false
	for i := 0; i < len(text); i++ {
		sp := text[i] == ' ' || text[i] == '\t'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	words := make([]string, 0, n)
	start := -1
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == ' ' || text[i] == '\t' {
			if start >= 0 {
				words = append(words, text[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return words
}

// worstBreak returns the highest cost among the line breaks ends makes.
func worstBreak(ends []int, costs []int) int {
	worst := 0
	for _, e := range ends[:len(ends)-1] {
		worst = max(worst, costs[e-1])
	}
	return worst
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
