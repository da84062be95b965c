package spreadsheet

import (
	"math"
	"strings"
	"unicode"
)

// Row heights.
//
// Excel fits a row without a stored height to its wrapped text when it opens the file;
// LibreOffice Calc does not: it gives such a row the default height, and every line after
// the first spills over the rows below. So the writer estimates how many lines each cell
// wraps to and stores the height of the tallest cell (as an automatic height, not a custom
// one, so that either application may still fit it again). The estimate uses the widths of
// Times Roman, to which Times New Roman and LibreOffice's Liberation Serif are metrically
// equal, and errs towards a line too many: a row a little tall prints well, a clipped one
// loses text.

// timesWidths are the advance widths of Times Roman for ' '…'~', in thousandths of an em.
var timesWidths = [95]uint16{
	250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, // ' '…'/'
	500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, // '0'…'?'
	921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, // '@'…'O'
	556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, // 'P'…'_'
	333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, // '`'…'o'
	500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, // 'p'…'~'
}

// runeWidth is the advance of r in thousandths of an em. Vietnamese letters outside ASCII
// are vowels and đ with marks above or below: they take about their base letter's width,
// 480 for lower case (278 for i) and 722 for capitals (333 for I).
func runeWidth(r rune) int {
	if r >= ' ' && r <= '~' {
		return int(timesWidths[r-' '])
	}
	switch r {
	case 'ì', 'í', 'ĩ', 'ỉ', 'ị':
		return 278
	case 'Ì', 'Í', 'Ĩ', 'Ỉ', 'Ị':
		return 333
	}
	switch {
	case r >= 0x1EA0 && r <= 0x1EF9: // Latin Extended Additional, Vietnamese: capitals at even code points
		if r&1 == 0 {
			return 722
		}
		return 480
	case r < 0x250: // Latin-1 and Latin Extended-A and B: ă, â, đ, ê, ô, ơ, ư…
		if unicode.IsUpper(r) {
			return 722
		}
		return 480
	case unicode.In(r, unicode.Mn, unicode.Me):
		return 0 // a combining mark sits on the letter before it
	case r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) ||
		r >= 0x1F000:
		return 1000 // ideographs and emoji are square
	case unicode.IsUpper(r):
		return 722
	default:
		return 500
	}
}

// Font metrics for the estimate, in points.
const (
	bodySize       = 12.0
	titleSize      = 14.0
	lineSpacing    = 1.15 // line height per point of font size (ascent + descent of Times)
	rowPadding     = 2.5  // above and below the text, so one line gives Excel's 15.75
	defaultRowPt   = bodySize*lineSpacing + rowPadding
	digitWidth     = 0.5 * bodySize // column widths are counted in digits of the default font
	cellPadding    = 4.0            // left and right inside a cell
	boldWidening   = 1.08           // Times Bold against Times Roman, on average
	safetyWidening = 1.03           // rounding in the applications, kerning we do not know
	defaultWidth   = 10.0           // columns given no width
)

// lineCount estimates how many lines text wraps to in a cell widthPt wide, breaking at
// spaces as the spreadsheet applications do and cutting words longer than a line.
func lineCount(text string, widthPt, sizePt float64, bold bool) int {
	scale := sizePt / 1000 * safetyWidening
	if bold {
		scale *= boldWidening
	}
	limit := int(math.Max(widthPt, sizePt) / scale) // line width in thousandths of an em
	lines := 0
	for paragraph := range strings.SplitSeq(text, "\n") {
		lines++
		used := 0 // width taken on the current line, trailing space included
		for word := range strings.SplitSeq(paragraph, " ") {
			w := 0
			for _, r := range word {
				w += runeWidth(r)
			}
			space := runeWidth(' ')
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
