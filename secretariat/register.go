package secretariat

import (
	"io"
	"strconv"

	"vanthu/register"
	"vanthu/safecsv"
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
