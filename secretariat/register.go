package secretariat

import (
	"io"
	"strconv"

	"vanthu/register"
	"vanthu/safecsv"
)

// registerRow returns the columns of an ordinary register line as text: the ten Decree 30
// columns and the Độ khẩn.
func registerRow(e *register.Entry) []string {
	return []string{e.NumberSymbol, e.Date.Format("02/01/2006"), e.TitleSubject, e.Signer, e.Recipients,
		e.ArchiveUnit, strconv.Itoa(e.Copies), e.SentOn, e.ReceivedBy, e.Note, e.Urgency}
}

// registerRowOf is registerRow, with the Độ mật after it in the secret register.
func registerRowOf(e *register.Entry, secret bool) []string {
	row := registerRow(e)
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
		if err := cw.Write(registerRowOf(&entries[i], secret)); err != nil {
			return err
		}
	}
	return cw.Flush()
}
