package templates

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"golang.org/x/text/unicode/norm"
)

// DecodeStrict decodes one data file (a form, a routing rule, a checklist, a role file, an
// award…) into v the one way every loader reads them: a UTF-8 byte order mark is skipped
// (editors on Windows write one), the text is composed to NFC (so a name typed with a
// combining-mark input method compares equal to the same name typed precomposed), a field v
// does not have is an error (a misspelt key is caught at start-up rather than ignored), and
// so is anything after the value.
func DecodeStrict(raw []byte, v any) error {
	raw = bytes.TrimPrefix(raw, []byte("\uFEFF"))
	dec := json.NewDecoder(bytes.NewReader(norm.NFC.Bytes(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the JSON value")
	}
	return nil
}
