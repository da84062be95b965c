package typeset

import "strings"

// vv is the "về việc" after which a công văn gives its trích yếu (Decree 30, Annex I, ô số 5b).
const vv = "V/v"

// CongVanSubject writes a công văn's trích yếu as the header and the register print it:
// "V/v " and the subject, trimmed. A "V/v" the user typed, in any case ("v/v", "V/V"), is
// recognised and written "V/v", so the prefix never appears twice.
func CongVanSubject(subject string) string {
	s := strings.TrimSpace(subject)
	if len(s) >= len(vv) && strings.EqualFold(s[:len(vv)], vv) {
		return vv + s[len(vv):]
	}
	return vv + " " + s
}
