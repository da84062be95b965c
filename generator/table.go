package generator

import (
	"strings"

	"vanthu/generator/ooxml"
	"vanthu/typeset"
)

// cellPadding is the vertical padding of table cells, in twips (2 pt).
const cellPadding = 40

// table writes a bordered table across the text width: columns sized from their content,
// numbers centred, the header row repeated on every page and no row split across pages.
func (c *composer) table(t *Table) {
	l := c.l
	total := c.textWidth()
	var widths []int
	if len(t.Widths) > 0 {
		widths = columnWidths(t, total, l.TableSize)
	} else {
		widths = measuredWidths(t, total, l.TableSize)
	}
	align := columnAlign(t)
	c.b.Paragraph(&ooxml.Para{Line: ptToTwips(6), LineExact: true, KeepNext: true}, "", nil)
	c.b.StartTable(&ooxml.Table{Widths: widths, Borders: true, CellMargin: cellMargin})
	size := halfPoints(l.TableSize)
	c.b.StartRow(true)
	head := ooxml.Run{Bold: true, Size: size}
	for j, col := range t.Columns {
		c.b.StartCell(widths[j], true)
		c.para(&ooxml.Para{Align: ooxml.Center, SpaceBefore: cellPadding, SpaceAfter: cellPadding}, col, &head)
		c.b.EndCell()
	}
	c.b.EndRow()
	cell := ooxml.Run{Size: size}
	for _, row := range t.Rows {
		c.b.StartRow(false)
		for j := range t.Columns {
			text := ""
			if j < len(row) {
				text = row[j]
			}
			c.b.StartCell(widths[j], true)
			c.para(&ooxml.Para{Align: align[j], SpaceBefore: cellPadding, SpaceAfter: cellPadding}, text, &cell)
			c.b.EndCell()
		}
		c.b.EndRow()
	}
	c.b.EndTable()
}

// columnAlign returns the alignment of each column: as given, else centred for a column of
// numbers (an ordinal, a year, a count, a date) and left for text.
func columnAlign(t *Table) []ooxml.Align {
	out := make([]ooxml.Align, len(t.Columns))
	for j := range t.Columns {
		a := ""
		if j < len(t.Align) {
			a = t.Align[j]
		}
		switch a {
		case "center":
			out[j] = ooxml.Center
		case "right":
			out[j] = ooxml.Right
		case "left":
			out[j] = ooxml.Left
		default:
			if numericColumn(t, j) {
				out[j] = ooxml.Center
			}
		}
	}
	return out
}

// numericColumn reports whether every non-empty cell of column j is a number, a ratio, a
// percentage or a date ("01", "1.186", "34/34", "100%", "20/11/2025"), and one cell at least is.
func numericColumn(t *Table, j int) bool {
	seen := false
	for _, row := range t.Rows {
		if j >= len(row) {
			continue
		}
		s := strings.TrimSpace(row[j])
		if s == "" {
			continue
		}
		digit := false
		for i := 0; i < len(s); i++ {
			switch ch := s[i]; {
			case ch >= '0' && ch <= '9':
				digit = true
			case strings.IndexByte(".,/%-:()+ ", ch) >= 0:
			default:
				return false
			}
		}
		if !digit {
			return false
		}
		seen = true
	}
	return seen
}

// measuredWidths shares total twips among the columns by their content: each column gets
// at least its longest word (so no word is broken) and, room allowing, its longest line;
// when not every column fits on one line, short columns are served first (waterFill), so
// "STT" stays narrow, a name stays on one line and a long remark wraps.
func measuredWidths(t *Table, total int, size float64) []int {
	n := len(t.Columns)
	minW := make([]float64, n)
	maxW := make([]float64, n)
	pad := twipsToPt(2*cellMargin) + 1
	for j, col := range t.Columns {
		w, long := measureCell(col, typeset.Bold, size)
		minW[j], maxW[j] = w+pad, long+pad
	}
	for _, row := range t.Rows {
		for j := 0; j < n && j < len(row); j++ {
			if row[j] == "" {
				continue
			}
			w, long := measureCell(row[j], typeset.Regular, size)
			minW[j] = max(minW[j], w+pad)
			maxW[j] = max(maxW[j], long+pad)
		}
	}
	avail := twipsToPt(total)
	sumMin, sumMax := 0.0, 0.0
	for j := range n {
		sumMin += minW[j]
		sumMax += maxW[j]
	}
	var widths []float64
	switch {
	case sumMax <= avail:
		widths = make([]float64, n)
		// Everything fits on one line: the room left goes to the text columns, by width.
		extra, weight := avail-sumMax, 0.0
		for j := range n {
			if !numericColumn(t, j) {
				weight += maxW[j]
			}
		}
		for j := range n {
			widths[j] = maxW[j]
			if weight > 0 && !numericColumn(t, j) {
				widths[j] += extra * maxW[j] / weight
			} else if weight == 0 {
				widths[j] += extra * maxW[j] / sumMax
			}
		}
	case sumMin >= avail:
		widths = make([]float64, n)
		for j := range n {
			widths[j] = minW[j] * avail / sumMin
		}
	default:
		widths = waterFill(minW, maxW, avail)
	}
	out := make([]int, n)
	used := 0
	for j := range n {
		out[j] = ptToTwips(widths[j])
		used += out[j]
	}
	if n > 0 {
		out[n-1] += total - used
	}
	return out
}

// waterFill gives every column min(max, level), but never less than its longest word, at
// the level that fills the width. Sharing in proportion to what each column lacks (as
// browsers do) was tried: it starved the names to feed a long remark, and wrapped them.
func waterFill(minW, maxW []float64, avail float64) []float64 {
	n := len(minW)
	lo, hi := 0.0, avail
	for range 40 {
		level := (lo + hi) / 2
		if filled(minW, maxW, level) > avail {
			hi = level
		} else {
			lo = level
		}
	}
	widths := make([]float64, n)
	widest, used := 0, 0.0
	for j := range n {
		widths[j] = min(maxW[j], max(minW[j], lo))
		used += widths[j]
		if widths[j] > widths[widest] {
			widest = j
		}
	}
	// The bisection left a fraction of a point: give it to the widest column.
	widths[widest] += avail - used
	return widths
}

// filled returns the width the columns take at a water level.
func filled(minW, maxW []float64, level float64) float64 {
	sum := 0.0
	for j := range minW {
		sum += min(maxW[j], max(minW[j], level))
	}
	return sum
}

// measureCell returns the widths in points of the widest word and of the widest line of a
// cell's text, without allocating.
func measureCell(s string, f typeset.Face, size float64) (word, line float64) {
	space := typeset.Width(" ", f, size)
	for len(s) > 0 {
		ln := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			ln, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		lw := 0.0
		words := 0
		for len(ln) > 0 {
			w := ln
			if i := strings.IndexByte(ln, ' '); i >= 0 {
				w, ln = ln[:i], ln[i+1:]
			} else {
				ln = ""
			}
			if w == "" {
				continue
			}
			ww := typeset.Width(w, f, size)
			word = max(word, ww)
			if words > 0 {
				lw += space
			}
			lw += ww
			words++
		}
		line = max(line, lw)
	}
	return word, line
}
