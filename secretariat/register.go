package secretariat

import (
	"io"
	"strconv"

	"vanthu/register"
	"vanthu/safecsv"
	"vanthu/spreadsheet"
)

// registerRow returns the columns of an entry as text: the ten Decree 30 columns, the Độ
// khẩn, and in the secret register the Độ mật.
func registerRow(e *register.Entry, secret bool) []string {
	row := []string{e.NumberSymbol, e.Date.Format("02/01/2006"), e.TitleSubject, e.Signer, e.Recipients,
		e.ArchiveUnit, strconv.Itoa(e.Copies), e.SentOn, e.ReceivedBy, e.Note, e.Urgency}
	if secret {
		row = append(row, e.Secrecy)
	}
	return row
}

// WriteRegisterCSV writes the register as CSV with the ten columns and the Độ khẩn, UTF-8
// with a BOM so that Excel shows the Vietnamese text correctly, through safecsv so that a
// subject or a recipient typed as a formula is shown as text, never run.
func WriteRegisterCSV(w io.Writer, entries []register.Entry) error {
	return writeRegisterCSV(w, entries, false)
}

// WriteSecretRegisterCSV is WriteRegisterCSV for the register of secret documents, with a
// last column Độ mật.
func WriteSecretRegisterCSV(w io.Writer, entries []register.Entry) error {
	return writeRegisterCSV(w, entries, true)
}

func writeRegisterCSV(w io.Writer, entries []register.Entry, secret bool) error {
	cw := safecsv.NewWriter(w)
	if err := cw.Write(register.ExportColumns(secret)); err != nil {
		return err
	}
	for i := range entries {
		if err := cw.Write(registerRow(&entries[i], secret)); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// registerWidths are the column widths of the XLSX register, in characters: the ten
// columns, Độ khẩn, Độ mật.
var registerWidths = []float64{14, 11, 40, 18, 34, 16, 8, 11, 12, 14, 12, 11}

// WriteRegisterXLSX writes the register as a spreadsheet to print: A4 landscape, the header
// row repeated on every page.
func WriteRegisterXLSX(w io.Writer, title string, entries []register.Entry) error {
	return writeRegisterXLSX(w, "Sổ văn bản đi", title, entries, false)
}

// WriteSecretRegisterXLSX is WriteRegisterXLSX for the register of secret documents, with a
// last column Độ mật.
func WriteSecretRegisterXLSX(w io.Writer, title string, entries []register.Entry) error {
	return writeRegisterXLSX(w, "Sổ văn bản mật", title, entries, true)
}

func writeRegisterXLSX(w io.Writer, sheet, title string, entries []register.Entry, secret bool) error {
	headings := register.ExportColumns(secret)
	cols := make([]spreadsheet.Column, len(headings))
	for i, h := range headings {
		cols[i] = spreadsheet.Column{Heading: h, Width: registerWidths[i]}
	}
	cols[1].Align, cols[6].Align, cols[7].Align = spreadsheet.AlignCenter, spreadsheet.AlignCenter, spreadsheet.AlignCenter
	for i := len(register.Columns); i < len(cols); i++ {
		cols[i].Align = spreadsheet.AlignCenter
	}
	rows := make([][]spreadsheet.Cell, len(entries))
	for i := range entries {
		e := &entries[i]
		row := spreadsheet.TextRow(registerRow(e, secret)...)
		row[6] = spreadsheet.Int(e.Copies)
		rows[i] = row
	}
	return spreadsheet.Write(w, spreadsheet.Sheet{Name: sheet, Title: title, Columns: cols, Rows: rows})
}
