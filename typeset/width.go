package typeset

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Width returns the advance width in points of s set in Times New Roman face f at size pt:
// the sum of the advance widths of the characters of Clean(s), without kerning (Word does not
// kern Times New Roman body text unless asked to).
//
// It is what the generator needs to draw the line under the Tiêu ngữ as long as the text, the
// line under the issuer at a third to a half of it, and to know whether the issuer fits its
// column. Characters with no advance of their own (controls, combining marks left over after
// composition, format characters) measure 0; a character the font lacks measures as its base
// letter when it has one (NFD), else as "n", the font's half-em.
//
// Width does not allocate for text that is already clean (see Clean); for text that is not,
// it measures Clean(s).
func Width(s string, f Face, pt float64) float64 {
	fi := f.index()
	units, ok := advanceUnits(s, fi, true)
	if !ok {
		units, _ = advanceUnits(Clean(s), fi, false)
	}
	return float64(units) * pt / unitsPerEm
}

// advanceUnits sums the advance widths of s in font units. With mayNeedClean it gives up,
// returning false, at the first character that Clean would compose with its neighbour or
// replace, so that the caller can measure Clean(s) instead; forbidden characters and invalid
// bytes, which Clean drops, are simply skipped.
func advanceUnits(s string, fi int, mayNeedClean bool) (int, bool) {
	latin := &advLatin[fi]
	units := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= latinFirst {
				if w := latin[c-latinFirst]; w != noGlyph {
					units += int(w)
				}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if w, ok := denseAdvance(r, fi); ok {
			// The dense blocks hold letters that are NFC and never combine with the character
			// before them (TestDenseBlocksAreStableUnderNFC): no need to ask.
			units += int(w)
			i += n
			continue
		}
		if r == utf8.RuneError && n == 1 || !xmlAllowed(r) {
			i += n
			continue
		}
		if mayNeedClean && needsComposing(s[i:i+n]) {
			return 0, false
		}
		if w, ok := sparseAdvance(r, fi); ok {
			units += int(w)
		} else {
			units += fallbackAdvance(r, fi)
		}
		i += n
	}
	return units, true
}

// tableAdvance looks r up in the generated tables.
func tableAdvance(r rune, fi int) (uint16, bool) {
	if w, ok := denseAdvance(r, fi); ok {
		return w, true
	}
	return sparseAdvance(r, fi)
}

// denseAdvance looks r up in the blocks indexed directly: Latin and Latin Extended Additional.
func denseAdvance(r rune, fi int) (uint16, bool) {
	var w uint16
	switch {
	case r >= latinFirst && r <= latinLast:
		w = advLatin[fi][r-latinFirst]
	case r >= additionalFirst && r <= additionalLast:
		w = advAdditional[fi][r-additionalFirst]
	default:
		return 0, false
	}
	return w, w != noGlyph
}

// sparseAdvance looks r up, by binary search, among the punctuation and symbols.
func sparseAdvance(r rune, fi int) (uint16, bool) {
	lo, hi := 0, len(sparseRunes)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if sparseRunes[mid] < r {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == len(sparseRunes) || sparseRunes[lo] != r {
		return 0, false
	}
	w := advSparse[fi][lo]
	return w, w != noGlyph
}

// needsComposing reports whether the character ch (one rune) could change under NFC: a mark
// that may combine with the character before it, or a singleton such as U+2126 OHM SIGN that
// NFC replaces. Only characters outside the dense blocks are asked, so letters never pay for it.
func needsComposing(ch string) bool {
	return !norm.NFC.PropertiesString(ch).BoundaryBefore() || !isNFC(ch)
}

// fallbackAdvance gives the advance of a character missing from the tables.
func fallbackAdvance(r rune, fi int) int {
	if r < latinFirst || unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Cc) {
		return 0
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if d := norm.NFD.Properties(buf[:n]).Decomposition(); len(d) > 0 {
		if base, _ := utf8.DecodeRune(d); base != r {
			if w, ok := tableAdvance(base, fi); ok {
				return int(w)
			}
		}
	}
	return int(advLatin[fi]['n'-latinFirst])
}
