package committee

import (
	"strings"
	"unicode"

	"vanthu/typeset"
)

// cleanText returns s in NFC, without forbidden characters, on one line with single spaces.
// A text without a letter or a digit (zero-width spaces, joiners, lone marks: empty made to
// look full) is returned empty, so a required field refuses it.
func cleanText(s string) string {
	s = strings.Join(strings.Fields(typeset.Clean(s)), " ")
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return ""
	}
	return s
}
