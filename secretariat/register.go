package secretariat

import (
	"io"
	"strconv"

	"vanthu/register"
	"vanthu/safecsv"
	"vanthu/spreadsheet"
)

// registerRow returns the ten Decree 30 columns of an entry as text.
func registerRow(e *register.Entry) []string {
	return []string{e.NumberSymbol, e.Date.Format("02/01/2006"), e.TitleSubject, e.Signer, e.Recipients,
		e.ArchiveUnit, strconv.Itoa(e.Copies), e.SentOn, e.ReceivedBy, e.Note}
}

// WriteRegisterCSV writes the register as CSV with the ten columns, UTF-8 with a BOM so
// that Excel shows the Vietnamese text correctly, through safecsv so that a subject or a
// recipient typed as a formula is shown as text, never run.
func WriteRegisterCSV(w io.Writer, entries []register.Entry) error {
	cw := safecsv.NewWriter(w)
	if err := cw.Write(register.Columns); err != nil {
		return err
	}
	for i := range entries {
		if err := cw.Write(registerRow(&entries[i])); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// registerWidths are the column widths of the XLSX register, in characters.
var registerWidths = []float64{14, 11, 40, 18, 34, 16, 8, 11, 12, 14}

// WriteRegisterXLSX writes the register as a spreadsheet to print: A4 landscape, the header
// row repeated on every page.
func WriteRegisterXLSX(w io.Writer, title string, entries []register.Entry) error {
	cols := make([]spreadsheet.Column, len(register.Columns))
	for i, h := range register.Columns {
		cols[i] = spreadsheet.Column{Heading: h, Width: registerWidths[i]}
	}
	cols[1].Align, cols[6].Align, cols[7].Align = spreadsheet.AlignCenter, spreadsheet.AlignCenter, spreadsheet.AlignCenter
	rows := make([][]spreadsheet.Cell, len(entries))
	for i := range entries {
		e := &entries[i]
		row := spreadsheet.TextRow(registerRow(e)...)
		row[6] = spreadsheet.Int(e.Copies)
		rows[i] = row
	}
	return spreadsheet.Write(w, spreadsheet.Sheet{Name: "Sổ văn bản đi", Title: title, Columns: cols, Rows: rows})
}
