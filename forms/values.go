package forms

import (
	"strings"

	"vanthu/generator"
)

// Values are the cleaned values of one submission, by field name, as Validate returns them:
// a string for text, textarea, select and signer-prefix fields (NFC, trimmed, "\n" line
// ends); a generator.Date for a date (zero when empty); a float64 for a number (nil when
// empty); a []string for a list and a [][]string for a table (nil when empty). Every field
// of the definition has a key. Values marshal to JSON that Validate accepts again.
type Values map[string]any

// String returns the text of a field, "" when it is empty or not text.
func (v Values) String(name string) string {
	s, _ := v[name].(string)
	return s
}

// Lines returns the items of a list, or the non-empty lines of a text.
func (v Values) Lines(name string) []string { return lines(v[name]) }

// Rows returns the rows of a table.
func (v Values) Rows(name string) [][]string {
	rows, _ := v[name].([][]string)
	return rows
}

// Date returns the date of a field, zero when it is empty.
func (v Values) Date(name string) generator.Date {
	d, _ := v[name].(generator.Date)
	return d
}

// Number returns the number of a field and whether it is set.
func (v Values) Number(name string) (float64, bool) {
	n, ok := v[name].(float64)
	return n, ok
}

// lines returns a value as lines: the items of a list, the non-empty lines of a text.
func lines(val any) []string {
	switch x := val.(type) {
	case []string:
		return x
	case string:
		var out []string
		for line := range strings.SplitSeq(x, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				out = append(out, line)
			}
		}
		return out
	}
	return nil
}
