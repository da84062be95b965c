package safecsv

import (
	"encoding/csv"
	"io"
	"strings"
)

// BOM is the UTF-8 byte order mark written first: Excel needs it to open a UTF-8 CSV with
// Vietnamese text correctly, and writes it when it saves "CSV UTF-8".
const BOM = "\uFEFF"

// Quote is the character put before a cell a spreadsheet would read as a formula. A leading
// apostrophe is what OWASP recommends ("CSV Injection"): Excel and Calc show the cell as
// text, and a person reading the file sees at once that it was escaped.
const Quote = '\''

// triggers are the first characters that make a spreadsheet read a cell as a formula (=, +,
// -, @), or that some strip before doing so (tab, carriage return), and the Quote itself,
// escaped too so that Restore can undo Neutralise exactly.
const triggers = "=+-@\t\r'"

// Neutralise returns cell as it must be written to a CSV: with Quote before it when it
// begins with one of =, +, -, @, tab, carriage return or the Quote itself, unchanged
// otherwise.
func Neutralise(cell string) string {
	if cell != "" && strings.IndexByte(triggers, cell[0]) >= 0 {
		return string(Quote) + cell
	}
	return cell
}

// Restore undoes Neutralise: it drops the Quote before a cell that begins with Quote and
// then one of the characters Neutralise escapes. Restore(Neutralise(s)) == s for every s,
// so a file exported and imported again is unchanged; a cell typed by hand with a leading
// apostrophe before an ordinary character ("'abc") is kept as it is.
func Restore(cell string) string {
	if len(cell) >= 2 && cell[0] == Quote && strings.IndexByte(triggers, cell[1]) >= 0 {
		return cell[1:]
	}
	return cell
}

// Writer writes CSV records with every cell neutralised, after a BOM.
type Writer struct {
	cw   *csv.Writer
	w    io.Writer
	head bool // the BOM is written
	buf  []string
}

// NewWriter returns a Writer writing to w. The BOM is written with the first record.
func NewWriter(w io.Writer) *Writer { return &Writer{cw: csv.NewWriter(w), w: w} }

// Write writes one record, each cell passed through Neutralise.
func (w *Writer) Write(record []string) error {
	if !w.head {
		w.head = true
		if _, err := io.WriteString(w.w, BOM); err != nil {
			return err
		}
	}
	w.buf = w.buf[:0]
	for _, cell := range record {
		w.buf = append(w.buf, Neutralise(cell))
	}
	return w.cw.Write(w.buf)
}

// Flush writes what is buffered and returns the first error met while writing.
func (w *Writer) Flush() error {
	w.cw.Flush()
	return w.cw.Error()
}
