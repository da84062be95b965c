package typeset

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Clean returns s in Unicode NFC with "\r\n", "\r" and "\v" (Word's manual line break,
// as pasted) turned into "\n", invalid UTF-8 dropped, and every character XML 1.0 forbids
// dropped without leaving a doubled space behind.
//
// Composition matters because text pasted from macOS arrives decomposed (NFD): "ệ" as e,
// U+0323, U+0302. Word then draws the marks as separate glyphs, often misplaced, and the
// letter no longer matches its composed twin in searches or in the width tables. Forbidden
// characters (NUL, form feeds, control bytes left by badly converted legacy encodings) must
// go because a single one makes the whole .docx unreadable.
//
// The characters kept are those XML 1.0 allows: #x9, #xA, #x20–#xD7FF, #xE000–#xFFFD and
// #x10000–#x10FFFF; #xD is allowed by XML but is normalised away with the line ends.
// Text that is already clean is returned as it is, without allocating.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	return clean(s)
}

// xmlAllowed reports whether XML 1.0 allows r in character data (CR excepted: Clean turns it
// into LF before asking).
func xmlAllowed(r rune) bool {
	switch {
	case r < 0x20:
		return r == '\t' || r == '\n'
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false // surrogates
	case r <= 0xFFFD:
		return true
	default:
		return r >= 0x10000 && r <= utf8.MaxRune
	}
}

// isClean reports whether Clean(s) == s: no CR, no forbidden character, valid UTF-8 and NFC.
func isClean(s string) bool {
	// One table lookup per byte skips printable ASCII; the lead bytes of Vietnamese letters
	// (C2–C8 for Latin-1 to Latin Extended-B, E1 B8–BB for the vowels with tones) are checked
	// and skipped with their continuation bytes; anything else is decoded and examined.
	// askNorm is where the NFC check must start, or -1 while every character seen is one that
	// is NFC by itself and never combines with the character before it (ASCII and the blocks
	// of stableStarter): text made only of those is NFC, whatever their order.
	askNorm := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if asciiPlain[c] {
			continue
		}
		switch {
		case c < utf8.RuneSelf:
			return false // a control character other than tab and line feed
		case c >= 0xC2 && c <= 0xC8:
			if i+1 >= len(s) || s[i+1]&0xC0 != 0x80 {
				return false
			}
			i++
			continue
		case c == 0xE1 && i+2 < len(s) && s[i+1] >= 0xB8 && s[i+1] <= 0xBB && s[i+2]&0xC0 == 0x80:
			i += 2
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || !xmlAllowed(r) {
			return false
		}
		if askNorm < 0 && !stableStarter(r) {
			// Start at the character before, which r might combine with.
			askNorm = max(i-1, 0)
			for askNorm > 0 && !utf8.RuneStart(s[askNorm]) {
				askNorm--
			}
		}
		i += n - 1
	}
	return askNorm < 0 || isNFC(s[askNorm:])
}

// asciiPlain marks the bytes isClean passes without a look: printable ASCII, tab, line feed.
var asciiPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = true
	}
	t['\t'], t['\n'] = true, true
	return t
}()

// stableStarter reports whether r is NFC by itself and never combines with the character
// before it (NFC_Quick_Check=Yes, canonical combining class 0), for the blocks Vietnamese text
// is written in: Latin-1 to Latin Extended-B, Latin Extended Additional (the precomposed
// vowels with tones) and general punctuation to currency symbols, minus the two quads NFC
// replaces. TestStableStarters checks every one against the norm package.
func stableStarter(r rune) bool {
	return r < 0x0250 ||
		(r >= 0x1E00 && r <= 0x1EFF) ||
		(r >= 0x2002 && r <= 0x20CF)
}

// clean is the slow path of Clean: filter into a new buffer, then compose.
func clean(s string) string {
	b := make([]byte, 0, len(s))
	stable := true // as in isClean: only ASCII and stable starters kept, so already NFC
	keep := 0      // start of the run of bytes kept as they are, copied in one go
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 || c == '\t' || c == '\n' {
				i++
				continue
			}
			b = append(b, s[keep:i]...)
			switch c {
			case '\r':
				b = append(b, '\n')
				if i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
				i++
			case '\v':
				// Word puts a vertical tab on the clipboard for a manual line break.
				b = append(b, '\n')
				i++
			default:
				i = skipSpacesAfterDrop(b, s, i+1)
			}
			keep = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || !xmlAllowed(r) {
			b = append(b, s[keep:i]...)
			i = skipSpacesAfterDrop(b, s, i+n)
			keep = i
			continue
		}
		stable = stable && stableStarter(r)
		i += n
	}
	b = append(b, s[keep:]...)
	if stable || norm.NFC.QuickSpan(b) == len(b) || norm.NFC.IsNormal(b) {
		return string(b)
	}
	return string(norm.NFC.Bytes(b))
}

// skipSpacesAfterDrop returns where to resume in s after a dropped character ending at i:
// past the spaces that follow it when the kept text already ends with a space, so that
// "an ninh \x07 trật tự" does not become "an ninh  trật tự".
func skipSpacesAfterDrop(kept []byte, s string, i int) int {
	if len(kept) > 0 && kept[len(kept)-1] == ' ' {
		for i < len(s) && s[i] == ' ' {
			i++
		}
	}
	return i
}

// Upper returns Clean(s) in upper case, correct for every Vietnamese letter (đ→Đ, ệ→Ệ,
// ư→Ư, ơ→Ơ, ỳ→Ỳ …), in NFC.
//
// Decree 30 sets the Quốc hiệu, the issuer, the kind of document and the signer's title in
// capitals; users type them in mixed case and the generator upper-cases them here. Cleaning
// first matters: upper-casing a decomposed "ệ" would give a composed-looking but decomposed
// "Ệ" that the width tables and Word treat differently.
func Upper(s string) string {
	u := strings.ToUpper(Clean(s))
	// Simple case mapping can, for a few non-Vietnamese marks (U+0345), yield text that is no
	// longer NFC; recompose only then.
	if !isNFC(u) {
		u = norm.NFC.String(u)
	}
	return u
}

// isNFC reports whether s is in NFC. norm's IsNormalString allocates on every call, even for
// ASCII; its quick check does not and settles nearly all text, so ask it first.
func isNFC(s string) bool {
	return norm.NFC.QuickSpanString(s) == len(s) || norm.NFC.IsNormalString(s)
}
