package generator

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"time"

	"vanthu/generator/ooxml"
	"vanthu/typeset"
)

// Appearance is what a signed electronic document shows of its signatures (Decree 30,
// Annex I, Part I, II.7.d and II.8.a): the signer's handwritten signature, blue, centred
// between the signer's title and name; the agency's seal, red, at its real size, covering
// about the left third of the signature. Both are PNG images on a transparent background.
//
// The images are put into a copy of the issued .docx just before it is converted and
// signed (see DrawSignatures): the stored .docx, the record of what was issued, never
// carries them, so whoever downloads it cannot lift a signature from it.
type Appearance struct {
	Signature []byte
	// Seal is nil when the agency's seal is not drawn.
	Seal []byte
	// SealMM is the seal's width on paper; 0 means DefaultSealMM.
	SealMM float64

	sig, seal image.Config
}

// DefaultSealMM is the width of a seal when none is given. Seals are commonly 36 to 42 mm
// across; the size of a given seal is a fact of that seal, not of Decree 30, so it is set
// with the image.
const DefaultSealMM = 36

// NewAppearance checks the images: PNG, with transparency, a seal of a plausible size.
func NewAppearance(signature, seal []byte, sealMM float64) (*Appearance, error) {
	a := &Appearance{Signature: signature, Seal: seal, SealMM: sealMM}
	if a.SealMM == 0 {
		a.SealMM = DefaultSealMM
	}
	if a.SealMM < 20 || a.SealMM > 60 {
		return nil, fmt.Errorf("seal width %g mm: want 20 to 60", a.SealMM)
	}
	var err error
	if a.sig, err = transparentPNG(signature); err != nil {
		return nil, fmt.Errorf("signature image: %w", err)
	}
	if seal != nil {
		if a.seal, err = transparentPNG(seal); err != nil {
			return nil, fmt.Errorf("seal image: %w", err)
		}
	}
	return a, nil
}

// SignatureAspect is the signature image's width over its height: how a signer finds
// it again on the laid-out page (see signing.Info.WidgetAspect).
func (a *Appearance) SignatureAspect() float64 {
	return float64(a.sig.Width) / float64(a.sig.Height)
}

// transparentPNG reads a PNG's size and refuses one that cannot be transparent: an opaque
// white box would hide the title and the name.
func transparentPNG(data []byte) (image.Config, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return cfg, fmt.Errorf("not a PNG: %w", err)
	}
	if cfg.Width == 0 || cfg.Height == 0 {
		return cfg, errors.New("empty PNG")
	}
	switch m := cfg.ColorModel.(type) {
	case color.Palette:
		for _, c := range m {
			if _, _, _, a := c.RGBA(); a < 0xffff {
				return cfg, nil
			}
		}
	default:
		if m == color.NRGBAModel || m == color.NRGBA64Model {
			return cfg, nil
		}
	}
	return cfg, errors.New("the PNG has no transparency (want a transparent background)")
}

// signatureSpace returns the pattern of the empty paragraph signerBlock writes for the
// signature, its height in twips the one group: written by the writer itself, so that it
// follows the writer's output.
func signatureSpace() *regexp.Regexp {
	const sentinel = 123457
	var b ooxml.Body
	b.StartPara(&ooxml.Para{Line: sentinel, LineExact: true, KeepNext: true})
	b.EndPara()
	return regexp.MustCompile(strings.Replace(regexp.QuoteMeta(string(b.Bytes())), strconv.Itoa(sentinel), `(\d+)`, 1))
}

// minSpace is the lowest signature space DrawSignatures looks for, in twips: higher than
// any other empty paragraph of exact height the generator writes (12 pt at most).
const minSpace = 30 * ooxml.TwipsPerPt

// DrawSignatures returns a copy of docx, a document this package wrote, with the
// appearance drawn in the signature space of its signer: in each signature block's space
// but the left one of a row of two (the secretary of minutes, who signs without the seal).
// It finds the spaces by the paragraph signerBlock writes, of whatever height, so the
// stored file needs no mark and renders as it did, and a document issued under another
// layout is found as well; a document without a signature space is refused.
func (r *Renderer) DrawSignatures(docx []byte, a *Appearance) ([]byte, error) {
	doc, err := ooxml.ReadDocument(docx)
	if err != nil {
		return nil, err
	}
	var spaces [][]int
	for _, m := range r.signatureSpace.FindAllSubmatchIndex(doc, -1) {
		if h, _ := strconv.Atoi(string(doc[m[2]:m[3]])); h >= minSpace {
			spaces = append(spaces, m)
		}
	}
	var ins []ooxml.Insertion
	drawings := 0
	for i, m := range spaces {
		at, end := m[0], m[1]
		if i+1 < len(spaces) {
			if rowEnd := bytes.Index(doc[end:], []byte("</w:tr>")); rowEnd >= 0 && spaces[i+1][0] < end+rowEnd {
				continue // a signer on the left of another
			}
		}
		inner, err := cellWidth(doc[:at])
		if err != nil {
			return nil, err
		}
		height, _ := strconv.Atoi(string(doc[m[2]:m[3]]))
		var run []byte
		for _, p := range a.pictures(inner, height) {
			drawings++
			run = append(run, ooxml.PictureRun(&p.Picture, p.media, drawings)...)
		}
		ins = append(ins, ooxml.Insertion{At: end - len("</w:p>"), XML: run})
	}
	if len(ins) == 0 {
		return nil, errors.New("generator: the document has no signature space")
	}
	pngs := [][]byte{a.Signature}
	if a.Seal != nil {
		pngs = append(pngs, a.Seal)
	}
	return ooxml.AddPictures(docx, ins, pngs)
}

// certificateSpace is the share of the signature space a certificate leaves.
const certificateSpace = 0.75

// cellWidth returns the width inside its margins of the last table cell opened in doc.
func cellWidth(doc []byte) (int, error) {
	tag := []byte(`<w:tcW w:w="`)
	i := bytes.LastIndex(doc, tag)
	if i < 0 {
		return 0, errors.New("generator: a signature space outside a table")
	}
	rest := doc[i+len(tag):]
	j := bytes.IndexByte(rest, '"')
	w, err := strconv.Atoi(string(rest[:max(j, 0)]))
	if err != nil {
		return 0, fmt.Errorf("generator: cell width: %w", err)
	}
	return w - 2*cellMargin, nil
}

type placedPicture struct {
	ooxml.Picture
	media int
}

// pictures places the signature in a space spaceTw high in a cell innerTw wide: as large as
// fits in 90% of the space's height and 80% of the cell's width, centred in both; then the
// seal at its real width, its centre level with the signature's, its right edge a third of
// the way into the signature.
func (a *Appearance) pictures(innerTw, spaceTw int) []placedPicture {
	const emu = ooxml.EMUsPerTwip
	h := float64(spaceTw) * 0.9
	w := h * float64(a.sig.Width) / float64(a.sig.Height)
	if maxW := float64(innerTw) * 0.8; w > maxW {
		w, h = maxW, maxW*float64(a.sig.Height)/float64(a.sig.Width)
	}
	sig := ooxml.Picture{PNG: a.Signature, Name: "Chữ ký",
		Width: int(w * emu), Height: int(h * emu),
		X: int((float64(innerTw) - w) / 2 * emu), Y: int((float64(spaceTw) - h) / 2 * emu)}
	out := []placedPicture{{sig, 1}}
	if a.Seal != nil {
		sw := float64(mmToTwips(a.SealMM))
		sh := sw * float64(a.seal.Height) / float64(a.seal.Width)
		seal := ooxml.Picture{PNG: a.Seal, Name: "Dấu",
			Width: int(sw * emu), Height: int(sh * emu),
			X: sig.X + sig.Width/3 - int(sw*emu), Y: sig.Y + sig.Height/2 - int(sh*emu)/2}
		out = append(out, placedPicture{seal, 2})
	}
	return out
}

// vietnam is the time zone of signing times: UTC+7, with no daylight saving.
var vietnam = time.FixedZone("ICT", 7*3600)

// AttachmentStamp is the line an agency's signature shows on a document attached in a file
// of its own (Annex I, II.8.b): the number and symbol, then the signing time in ISO 8601,
// Vietnam time: "15/QĐ-UBND\n2025-11-20T09:30:00+07:00".
func AttachmentStamp(numberSymbol string, signedAt time.Time) string {
	return typeset.Clean(numberSymbol) + "\n" + signedAt.In(vietnam).Format("2006-01-02T15:04:05-07:00")
}

// StampAttachment returns a copy of docx, a document this renderer wrote that is filed as
// an attachment of its own, with stamp (see AttachmentStamp) at the top right of its first
// page, in the top margin: Times New Roman 10, upright, black, as Annex I, II.8.b wants.
func (r *Renderer) StampAttachment(docx []byte, stamp string) ([]byte, error) {
	doc, err := ooxml.ReadDocument(docx)
	if err != nil {
		return nil, err
	}
	i := bytes.Index(doc, []byte("<w:body>"))
	if i < 0 {
		return nil, errors.New("generator: no document body")
	}
	i += len("<w:body>")
	// LibreOffice drops a framed paragraph that comes just before a table: after the
	// header table, then, when the body opens with one (this writer never nests tables).
	if bytes.HasPrefix(doc[i:], []byte("<w:tbl>")) {
		i += bytes.Index(doc[i:], []byte("</w:tbl>")) + len("</w:tbl>")
	}
	var b ooxml.Body
	width := r.portrait.Width - r.portrait.Left - r.portrait.Right
	b.StartPara(&ooxml.Para{Align: ooxml.Right, Frame: &ooxml.Frame{
		Width: width / 2, Y: mmToTwips(r.l.HeaderDistanceMM) / 2, Right: true}})
	b.Text(stamp, &ooxml.Run{Size: 20})
	b.EndPara()
	return ooxml.AddPictures(docx, []ooxml.Insertion{{At: i, XML: b.Bytes()}}, nil)
}
