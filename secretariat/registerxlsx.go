package secretariat

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"vanthu/register"
	"vanthu/typeset"
)

// The register as a workbook a văn thư can sort, filter and print: one sheet, the title
// merged across the ten columns, a bold bordered header frozen on screen and repeated on
// every printed page, A4 landscape fitted to the page width, Times New Roman 12 as
// administrative documents are. It is written with excelize's StreamWriter, row by row,
// so a year's register of a busy body does not sit in memory as a cell model.
//
// Every text goes into a cell as a string, never as a formula: a subject typed as
// "=HYPERLINK(…)" reads back as that text. Texts are cleaned as the documents' are
// (typeset.Clean: NFC, line ends, characters XML forbids); excelize cuts a text past
// Excel's 32,767 UTF-16 units.

// The tab names of the ordinary register and of the register of secret documents.
const (
	registerSheet       = "Sổ văn bản đi"
	secretRegisterSheet = "Sổ văn bản mật"
)

// registerWidths are the widths of the ten Decree 30 columns of the XLSX register, in
// characters; markWidths those of the Độ khẩn and Độ mật after them.
var (
	registerWidths = []float64{14, 11, 40, 18, 34, 16, 8, 11, 12, 14}
	markWidths     = []float64{13, 11}
)

// registerCentred are the columns whose body cells are centred: dates, the copies and the
// marks.
var registerCentred = map[int]bool{1: true, 6: true, 7: true, 10: true, 11: true}

// registerStyles are the style ids of the sheet's cells.
type registerStyles struct {
	title, header, body, centred int
}

// WriteRegisterXLSX writes the register as a spreadsheet to print: A4 landscape, the header
// row repeated on every page; the ten columns, then the Độ khẩn.
func WriteRegisterXLSX(w io.Writer, title string, entries []register.Entry) error {
	return writeRegisterXLSX(w, registerSheet, title, entries, false)
}

// WriteSecretRegisterXLSX is WriteRegisterXLSX for the register of secret documents, on a
// tab of its own name and with a last column Độ mật.
func WriteSecretRegisterXLSX(w io.Writer, title string, entries []register.Entry) error {
	return writeRegisterXLSX(w, secretRegisterSheet, title, entries, true)
}

func writeRegisterXLSX(w io.Writer, sheet, title string, entries []register.Entry, secret bool) error {
	headings := register.ExportColumns(secret)
	colWidths := append(append([]float64(nil), registerWidths...), markWidths[:len(headings)-len(registerWidths)]...)
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	st, err := newRegisterStyles(f)
	if err != nil {
		return err
	}
	title = typeset.Clean(title)
	const header = 2 // the header's row, under the title
	if err := setRegisterPage(f, sheet, header); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: header, TopLeftCell: "A3", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A3", ActiveCell: "A3", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	for i, wd := range colWidths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	widths := columnWidthsPt(colWidths)
	last := len(headings)
	row := make([]any, last)
	row[0] = excelize.Cell{StyleID: st.title, Value: title}
	for i := 1; i < last; i++ {
		row[i] = excelize.Cell{StyleID: st.title}
	}
	total := 0.0
	for _, wd := range widths {
		total += wd + cellPadding
	}
	if err := sw.SetRow("A1", row, rowOpts(rowHeight([]string{title}, []float64{total - cellPadding}, titleSize, true))); err != nil {
		return err
	}
	lastCol, _ := excelize.ColumnNumberToName(last)
	if err := sw.MergeCell("A1", lastCol+"1"); err != nil {
		return err
	}
	texts := make([]string, last)
	for i, h := range headings {
		texts[i] = h
		row[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A2", row, rowOpts(rowHeight(texts, widths, bodySize, true))); err != nil {
		return err
	}
	for i := range entries {
		e := &entries[i]
		for col, v := range registerRowOf(e, secret) {
			texts[col] = typeset.Clean(v)
		}
		for col, t := range texts {
			style := st.body
			if registerCentred[col] {
				style = st.centred
			}
			var v any = t
			if col == 6 {
				v = e.Copies // a number the user can sum
			}
			row[col] = excelize.Cell{StyleID: style, Value: v}
		}
		cell, err := excelize.CoordinatesToCellName(1, header+1+i)
		if err != nil {
			return fmt.Errorf("secretariat: register line %d: %w", i+1, err)
		}
		if err := sw.SetRow(cell, row, rowOpts(rowHeight(texts, widths, bodySize, false))); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// newRegisterStyles adds the cell styles: Times New Roman throughout, thin borders on the
// header and body cells, text wrapped and set to the top of the cell so a long trích yếu
// grows its row instead of spilling over its neighbours.
func newRegisterStyles(f *excelize.File) (registerStyles, error) {
	const font = "Times New Roman"
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"},
		{Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	if err := f.SetDefaultFont(font); err != nil {
		return registerStyles{}, err
	}
	var st registerStyles
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: titleSize, Family: font},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true, Size: bodySize, Family: font}, Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&st.body, excelize.Style{Font: &excelize.Font{Size: bodySize, Family: font}, Border: border,
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.centred, excelize.Style{Font: &excelize.Font{Size: bodySize, Family: font}, Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return registerStyles{}, err
		}
		*s.id = id
	}
	return st, nil
}

// setRegisterPage sets how the sheet prints: A4 landscape, fitted to the page width and
// running over as many pages as needed, centred, "Trang 1/3" at the foot, and the header
// row repeated at the top of each page, so a page taken out of the binder still says what
// its columns are. It is set before the rows are streamed, which writes it out.
func setRegisterPage(f *excelize.File, sheet string, header int) error {
	a4, landscape, one, zero := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape,
		FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	centred := true
	left, right, top, bottom, head, foot := 0.5, 0.4, 0.6, 0.6, 0.3, 0.3
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Horizontally: &centred,
		Left: &left, Right: &right, Top: &top, Bottom: &bottom, Header: &head, Footer: &foot}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&CTrang &P/&N"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(sheet, "'", "''"), header, header)})
}

// rowOpts stores an estimated row height (0: the default height).
func rowOpts(height float64) excelize.RowOpts {
	return excelize.RowOpts{Height: height}
}

// Row heights.
//
// Excel fits a row without a stored height to its wrapped text when it opens the file;
// LibreOffice Calc does not: it gives such a row the default height, and every line after
// the first spills over the rows below. So the writer estimates how many lines each cell
// wraps to and stores the height of the tallest cell. The estimate measures text with
// typeset, the Times New Roman metrics the document generator uses, and errs towards a line
// too many: a row a little tall prints well, a clipped one loses text.

// Font metrics for the estimate, in points.
const (
	bodySize       = 12.0
	titleSize      = 14.0
	lineSpacing    = 1.15           // line height per point of font size (ascent + descent of Times)
	rowPadding     = 2.5            // above and below the text, so one line gives Excel's 15.75
	digitWidth     = 0.5 * bodySize // column widths are counted in digits of the default font
	cellPadding    = 4.0            // left and right inside a cell
	safetyWidening = 1.03           // rounding in the applications, kerning we do not know
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
	// Excel stores heights in quarter points, and no row is taller than 409 points.
	return math.Min(math.Ceil(h*4)/4, excelize.MaxRowHeight)
}

// columnWidthsPt returns the width of the text area of each column, in points.
func columnWidthsPt(widths []float64) []float64 {
	pts := make([]float64, len(widths))
	for i, w := range widths {
		pts[i] = w*digitWidth - cellPadding
	}
	return pts
}
