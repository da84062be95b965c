package spreadsheet

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// allowedInXML reports whether r may appear in an XML 1.0 document at all, even escaped.
// Text pasted from other programs brings control characters (form feeds, vertical tabs from
// Word) that would make the whole file unreadable, so they are dropped.
func allowedInXML(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false
	case r <= 0xFFFD:
		return true
	default:
		return r >= 0x10000 && r <= utf8.MaxRune
	}
}

// cleanText returns s as a cell can hold it: characters XML forbids dropped, invalid UTF-8
// replaced by U+FFFD, line ends made "\n" (what Excel uses inside a cell), and cut to
// maxUnits UTF-16 code units, the unit of Excel's limits.
func cleanText(s string, maxUnits int) string {
	if isClean(s, maxUnits) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	units := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == '\r' {
			if i < len(s) && s[i] == '\n' {
				continue // the '\n' that follows is kept
			}
			r = '\n'
		}
		if !allowedInXML(r) {
			continue
		}
		n := utf16Len(r)
		if units+n > maxUnits {
			break
		}
		units += n
		b.WriteRune(r)
	}
	return b.String()
}

// isClean is the fast path of cleanText: most texts need nothing done.
func isClean(s string, maxUnits int) bool {
	units := 0
	for _, r := range s { // invalid UTF-8 comes out as RuneError and fails the test below
		if r == '\r' || r == utf8.RuneError || !allowedInXML(r) {
			return false
		}
		units += utf16Len(r)
	}
	return units <= maxUnits
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// appendEscaped appends s escaped for XML text or a double-quoted attribute; s must have
// been through cleanText. Tabs and line feeds are written as references in attributes,
// where a parser would otherwise turn them into spaces.
func appendEscaped(buf []byte, s string, attr bool) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			if !attr {
				continue
			}
			esc = "&quot;"
		case '\n':
			if !attr {
				continue
			}
			esc = "&#10;"
		case '\t':
			if !attr {
				continue
			}
			esc = "&#9;"
		default:
			continue
		}
		buf = append(buf, s[last:i]...)
		buf = append(buf, esc...)
		last = i + 1
	}
	return append(buf, s[last:]...)
}

// maxSheetName is Excel's limit on a tab name, in UTF-16 code units.
const maxSheetName = 31

// sheetName returns name as Excel accepts it for a tab: without []:*?/\ (replaced by a
// space so words stay apart), without control characters, not starting or ending with an
// apostrophe, at most 31 characters, not empty and not "History", which Excel reserves.
func sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\', '\t', '\n', '\r':
			return ' '
		}
		return r
	}, name)
	name = cleanText(name, len(name))
	name = strings.Join(strings.Fields(name), " ")
	name = strings.Trim(name, "' ")
	name = cleanText(name, maxSheetName)
	name = strings.TrimRight(name, "' ")
	if name == "" {
		return "Sheet1"
	}
	if strings.EqualFold(name, "History") {
		return name + " 1"
	}
	return name
}

// quoteSheetName quotes a (cleaned) sheet name for use in a formula reference.
func quoteSheetName(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// appendColumnName appends the letters of the 0-based column index: A…Z, AA…
func appendColumnName(buf []byte, col int) []byte {
	var letters [4]byte
	i := len(letters)
	for col++; col > 0; col = (col - 1) / 26 {
		i--
		letters[i] = byte('A' + (col-1)%26)
	}
	return append(buf, letters[i:]...)
}

// appendCellRef appends an A1 reference: 0-based column, 1-based row.
func appendCellRef(buf []byte, col, row int) []byte {
	buf = appendColumnName(buf, col)
	return strconv.AppendInt(buf, int64(row), 10)
}
