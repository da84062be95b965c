package signing

import (
	"bytes"
	"image"
	"image/png"
	"math"

	"github.com/digitorus/pdf"
)

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

// times returns m × n: m applied first, as the cm operator concatenates.
func (m matrix) times(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// unitBox returns the bounding box [llx lly urx ury] of the unit square under m: where an
// image drawn with m as its matrix lies on the page.
func (m matrix) unitBox() [4]float64 {
	box := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range [4][2]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
		x, y := m[0]*p[0]+m[2]*p[1]+m[4], m[1]*p[0]+m[3]*p[1]+m[5]
		box[0], box[1] = min(box[0], x), min(box[1], y)
		box[2], box[3] = max(box[2], x), max(box[3], y)
	}
	return box
}

// findImage returns the page (from 1) and the box of the first image with a soft mask (a
// transparent image) whose width over height is aspect within 2%, drawn directly by a
// page's content. A PDF it cannot read gives no image, never a panic: the reader panics on
// some malformed input.
func findImage(r *pdf.Reader, aspect float64) (page int, box [4]float64, ok bool) {
	defer func() {
		if recover() != nil {
			page, ok = 0, false
		}
	}()
	for n := 1; n <= r.NumPage(); n++ {
		p := r.Page(n)
		xobjects := p.Resources().Key("XObject")
		ctm := matrix{1, 0, 0, 1, 0, 0}
		var saved []matrix
		do := func(stk *pdf.Stack, op string) {
			defer func() {
				for stk.Len() > 0 {
					stk.Pop()
				}
			}()
			switch op {
			case "q":
				saved = append(saved, ctm)
			case "Q":
				if len(saved) > 0 {
					ctm, saved = saved[len(saved)-1], saved[:len(saved)-1]
				}
			case "cm":
				if stk.Len() == 6 {
					var m matrix
					for i := 5; i >= 0; i-- {
						m[i] = stk.Pop().Float64()
					}
					ctm = m.times(ctm)
				}
			case "Do":
				if ok || stk.Len() != 1 {
					return
				}
				x := xobjects.Key(stk.Pop().Name())
				if x.Key("Subtype").Name() != "Image" || x.Key("SMask").IsNull() {
					return
				}
				w, h := x.Key("Width").Float64(), x.Key("Height").Float64()
				if h > 0 && math.Abs(w/h/aspect-1) < 0.02 {
					page, box, ok = n, ctm.unitBox(), true
				}
			}
		}
		contents := p.V.Key("Contents")
		if contents.Kind() == pdf.Array {
			for i := range contents.Len() {
				pdf.Interpret(contents.Index(i), do)
			}
		} else {
			pdf.Interpret(contents, do)
		}
		if ok {
			return page, box, true
		}
	}
	return 0, box, false
}

// clearPixel is a one-pixel transparent PNG: what the visible signature field draws, so
// that the field adds nothing to the page but a place to point at.
func clearPixel() []byte {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, 1, 1))) // cannot fail in memory
	return buf.Bytes()
}
