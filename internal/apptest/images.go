package apptest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// Colours of the test signature and seal images, for tests that look for them on a page.
var (
	SignatureBlue = color.NRGBA{R: 0x10, G: 0x30, B: 0xD0, A: 0xFF}
	SealRed       = color.NRGBA{R: 0xE0, G: 0x10, B: 0x10, A: 0xFF}
)

// SignatureImage is a handwritten signature as Decree 30 wants its image: a blue scribble
// on a transparent background, 600 × 240 pixels.
func SignatureImage() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 600, 240))
	for x := 40.0; x < 560; x += 0.25 {
		// A loop-de-loop stroke: a sine wave with a slower swell, and a flourish under it.
		y := 120 + 60*math.Sin(x/28)*math.Sin(x/170+0.4)
		dot(img, x, y, 5, SignatureBlue)
		if x > 120 && x < 480 {
			dot(img, x, 200-10*math.Sin(x/60), 3, SignatureBlue)
		}
	}
	return encodePNG(img)
}

// SealImage is an agency's seal: two red rings and a star on a transparent background,
// 400 × 400 pixels.
func SealImage() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 400, 400))
	for y := range 400 {
		for x := range 400 {
			dx, dy := float64(x)-199.5, float64(y)-199.5
			r := math.Hypot(dx, dy)
			star := r < 60 && math.Abs(math.Mod(math.Atan2(dy, dx)*5/(2*math.Pi)+10, 1)-0.5)*60 > r*0.45
			if (r > 180 && r < 198) || (r > 120 && r < 128) || star {
				img.SetNRGBA(x, y, SealRed)
			}
		}
	}
	return encodePNG(img)
}

func dot(img *image.NRGBA, cx, cy, r float64, c color.NRGBA) {
	for y := int(cy - r); y <= int(cy+r); y++ {
		for x := int(cx - r); x <= int(cx+r); x++ {
			if math.Hypot(float64(x)-cx, float64(y)-cy) <= r {
				img.SetNRGBA(x, y, c)
			}
		}
	}
}

func encodePNG(img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err) // an in-memory image always encodes
	}
	return buf.Bytes()
}
