package spreadsheet

import (
	"math"
	"strings"

	"vanthu/typeset"
)

// Row heights.
//
// Excel fits a row without a stored height to its wrapped text when it opens the file;
// LibreOffice Calc does not: it gives such a row the default height, and every line after
// the first spills over the rows below. So the writer estimates how many lines each cell
// wraps to and stores the height of the tallest cell (as an automatic height, not a custom
// one, so that either application may still fit it again). The estimate measures text with
// typeset, the Times New Roman metrics the document generator uses, and errs towards a line
// too many: a row a little tall prints well, a clipped one loses text.

// Font metrics for the estimate, in points.
const (
	bodySize       = 12.0
	titleSize      = 14.0
	lineSpacing    = 1.15 // line height per point of font size (ascent + descent of Times)
	rowPadding     = 2.5  // above and below the text, so one line gives Excel's 15.75
	defaultRowPt   = bodySize*lineSpacing + rowPadding
	digitWidth     = 0.5 * bodySize // column widths are counted in digits of the default font
	cellPadding    = 4.0            // left and right inside a cell
	safetyWidening = 1.03           // rounding in the applications, kerning we do not know
	defaultWidth   = 10.0           // columns given no width
)

// lineCount estimates how many lines text wraps to in a cell widthPt wide, breaking at
// spaces as the spreadsheet applications do and cutting words longer than a line.
func lineCount(text string, widthPt, sizePt float64, bold bool) int {
	face := typeset.Regular
	if bold {
		face = typeset.Bold
	}
	limit := math.Max(widthPt, sizePt) / safetyWidening
	space := typeset.Width(" ", face, sizePt)
	lines := 0
	for paragraph := range strings.SplitSeq(text, "\n") {
		lines++
		used := 0.0 // width taken on the current line, trailing space included
		for word := range strings.SplitSeq(paragraph, " ") {
			w := typeset.Width(word, face, sizePt)
			switch {
			case used > 0 && used+w <= limit:
				used += w
			case used > 0:
				lines++
				used = 0
				fallthrough
			default:
				for w > limit { // a word wider than the cell is cut wherever it reaches the edge
					lines++
					w -= limit
				}
				used = w
			}
			used += space
		}
	}
	return max(lines, 1)
}

// rowHeight returns the height in points of a row whose cells are given by text, or 0 when
// one line fits in every cell and the default height will do.
func rowHeight(texts []string, widthsPt []float64, sizePt float64, bold bool) float64 {
	lines := 1
	for i, t := range texts {
		if t == "" {
			continue
		}
		lines = max(lines, lineCount(t, widthsPt[i], sizePt, bold))
	}
	h := float64(lines)*sizePt*lineSpacing + rowPadding
	if sizePt == bodySize && lines == 1 {
		return 0
	}
	return math.Ceil(h*4) / 4 // Excel stores heights in quarter points
}

// columnWidthsPt returns the width of the text area of each column, in points.
func (s *Sheet) columnWidthsPt() []float64 {
	widths := make([]float64, len(s.Columns))
	for i, c := range s.Columns {
		w := c.Width
		if w == 0 {
			w = defaultWidth
		}
		widths[i] = w*digitWidth - cellPadding
	}
	return widths
}
