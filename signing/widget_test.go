package signing

import "testing"

// TestImageBox follows cm operators as a page's content nests them: a translation, then
// an image scaled to 180 × 72 pt, lands where pdftoppm draws it.
func TestImageBox(t *testing.T) {
	page := matrix{1, 0, 0, 1, 0, 0}
	shifted := matrix{1, 0, 0, 1, 100, 200}.times(page)
	img := matrix{180, 0, 0, 72, 34.1, 70.7}.times(shifted)
	if got, want := img.unitBox(), [4]float64{134.1, 270.7, 314.1, 342.7}; !near(got, want) {
		t.Errorf("box %v, want %v", got, want)
	}
	// Flipped vertically (as a y-down content stream draws): the box is the same.
	flipped := matrix{180, 0, 0, -72, 34.1, 142.7}.times(shifted)
	if got, want := flipped.unitBox(), [4]float64{134.1, 270.7, 314.1, 342.7}; !near(got, want) {
		t.Errorf("flipped box %v, want %v", got, want)
	}
}

func near(a, b [4]float64) bool {
	for i := range a {
		if d := a[i] - b[i]; d > 1e-9 || d < -1e-9 {
			return false
		}
	}
	return true
}
