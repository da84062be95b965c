package typeset

import "strconv"

// Face is a Times New Roman face.
type Face int

// The four faces Decree 30 uses: regular for body text and the parent body, bold for the
// Quốc hiệu, the issuer and the signer, italic for the place and date, bold italic for
// "Nơi nhận:".
const (
	Regular Face = iota
	Bold
	Italic
	BoldItalic
)

// String returns the face's name, as in the font's style name.
func (f Face) String() string {
	switch f {
	case Regular:
		return "Regular"
	case Bold:
		return "Bold"
	case Italic:
		return "Italic"
	case BoldItalic:
		return "BoldItalic"
	}
	return "Face(" + strconv.Itoa(int(f)) + ")"
}

// index returns f as an index into the metric tables; a face out of range is measured as
// Regular rather than panicking in the middle of a render.
func (f Face) index() int {
	if f < Regular || f > BoldItalic {
		return int(Regular)
	}
	return int(f)
}
