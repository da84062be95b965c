package commendation

import (
	"strings"

	"vanthu/typeset"
)

// cleanText returns s in NFC, without forbidden characters, on one line with single spaces.
func cleanText(s string) string {
	return strings.Join(strings.Fields(typeset.Clean(s)), " ")
}
