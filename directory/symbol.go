package directory

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// IsSymbol reports whether s is a ký hiệu or a part of one: groups of upper-case (Latin,
// Vietnamese) letters and digits joined by "-", with at least one letter: "UBND-NC",
// "QĐ-UBND", "BCĐ", "CAT-PV11-PV28". It is the one rule for symbols: a unit's short name
// (which goes into every document number the unit issues) and a form's symbol fields are
// checked by it alike.
func IsSymbol(s string) bool {
	if s == "" {
		return false
	}
	letters := false
	for group := range strings.SplitSeq(s, "-") {
		if group == "" {
			return false
		}
		for _, r := range group {
			switch {
			case r >= '0' && r <= '9':
			case unicode.IsUpper(r) && unicode.Is(unicode.Latin, r):
				letters = true
			default:
				return false
			}
		}
	}
	return letters && norm.NFC.IsNormalString(s)
}
