package ooxml

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
)

// EMUsPerTwip converts twips to the English Metric Units DrawingML measures in.
const EMUsPerTwip = 635

// Picture is a PNG image floating over the text, anchored to a paragraph: the signature
// and seal images of a signed document. Its position is from the left edge of the column
// (in a table, the cell) and from the top of the anchoring paragraph; it may be negative.
type Picture struct {
	PNG           []byte
	Width, Height int // EMU
	X, Y          int // EMU
	// Name is the picture's name in the document, for a reader's list of objects.
	Name string
}

// Drawing namespaces, declared on the document element of a package that holds pictures.
const drawingNamespaces = ` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
	` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"` +
	` xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"`

const imageRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"

// Insertion is XML put into word/document.xml at byte offset At of the part as it is.
type Insertion struct {
	At  int
	XML []byte
}

// PictureRun returns a run holding picture p, anchored in front of the text without
// wrapping it. media is the number (from 1) of its PNG among those given to AddPictures;
// id numbers the drawing, unique in the document: a drawing of a greater id lies over one
// of a smaller id.
func PictureRun(p *Picture, media, id int) []byte {
	var b Body
	n := id
	idText := strconv.Itoa(id)
	b.buf.WriteString(`<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0"`)
	b.attrInt("relativeHeight", 251659264+n)
	b.buf.WriteString(` behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>`)
	b.buf.WriteString(`<wp:positionH relativeFrom="column"><wp:posOffset>`)
	b.buf.WriteString(strconv.Itoa(p.X))
	b.buf.WriteString(`</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>`)
	b.buf.WriteString(strconv.Itoa(p.Y))
	b.buf.WriteString(`</wp:posOffset></wp:positionV><wp:extent`)
	b.attrInt("cx", p.Width)
	b.attrInt("cy", p.Height)
	b.buf.WriteString(`/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="` + idText + `" name="` + escapeAttr(p.Name) + `"/>`)
	b.buf.WriteString(`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`)
	b.buf.WriteString(`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>`)
	b.buf.WriteString(`<pic:nvPicPr><pic:cNvPr id="` + idText + `" name="` + escapeAttr(p.Name) + `"/><pic:cNvPicPr/></pic:nvPicPr>`)
	b.buf.WriteString(`<pic:blipFill><a:blip r:embed="` + pictureRelID(media) + `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`)
	b.buf.WriteString(`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext`)
	b.attrInt("cx", p.Width)
	b.attrInt("cy", p.Height)
	b.buf.WriteString(`/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`)
	b.buf.WriteString(`</pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`)
	return bytes.Clone(b.buf.Bytes())
}

func pictureRelID(n int) string { return "rIdPicture" + strconv.Itoa(n) }

func pictureName(n int) string { return "media/picture" + strconv.Itoa(n) + ".png" }

// ReadDocument returns word/document.xml of a package.
func ReadDocument(docx []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return nil, fmt.Errorf("ooxml: %w", err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		return nil, fmt.Errorf("ooxml: %w", err)
	}
	defer f.Close()
	return io.ReadAll(f)
}

// AddPictures rewrites a package this package wrote: it puts the insertions (in order of
// At) into word/document.xml, and adds pngs as word/media/pictureN.png, N from 1, with the
// relationships PictureRun refers to. The other parts are copied as they are compressed.
// It is how a signed document gets its signature images while the stored .docx, the
// record of what was issued, stays as it was.
func AddPictures(docx []byte, ins []Insertion, pngs [][]byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return nil, fmt.Errorf("ooxml: %w", err)
	}
	var out bytes.Buffer
	out.Grow(len(docx) + 64<<10)
	zw := zip.NewWriter(&out)
	seen := 0
	for _, f := range zr.File {
		var patch func([]byte) ([]byte, error)
		switch f.Name {
		case "[Content_Types].xml":
			patch = func(b []byte) ([]byte, error) {
				return insertBefore(b, "</Types>", `<Default Extension="png" ContentType="image/png"/>`)
			}
		case "word/_rels/document.xml.rels":
			patch = func(b []byte) ([]byte, error) {
				var rels bytes.Buffer
				for i := range pngs {
					rels.WriteString(`<Relationship Id="` + pictureRelID(i+1) + `" Type="` + imageRelType + `" Target="` + pictureName(i+1) + `"/>`)
				}
				return insertBefore(b, "</Relationships>", rels.String())
			}
		case "word/document.xml":
			patch = func(b []byte) ([]byte, error) { return insertDocument(b, ins) }
		default:
			if err := copyRaw(zw, f); err != nil {
				return nil, err
			}
			continue
		}
		seen++
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("ooxml: %s: %w", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("ooxml: %s: %w", f.Name, err)
		}
		if data, err = patch(data); err != nil {
			return nil, fmt.Errorf("ooxml: %s: %w", f.Name, err)
		}
		// Stored: the copy is read once, by the converter, and thrown away (see WriteStored).
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if seen != 3 {
		return nil, errors.New("ooxml: not a package of this writer: a main part is missing")
	}
	for i, png := range pngs {
		// PNG is compressed already: stored.
		w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/" + pictureName(i+1), Method: zip.Store,
			CRC32: crc32.ChecksumIEEE(png), CompressedSize64: uint64(len(png)), UncompressedSize64: uint64(len(png))})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(png); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func copyRaw(zw *zip.Writer, f *zip.File) error {
	r, err := f.OpenRaw()
	if err != nil {
		return err
	}
	h := f.FileHeader
	w, err := zw.CreateRaw(&h)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	return err
}

func insertBefore(b []byte, end, text string) ([]byte, error) {
	i := bytes.LastIndex(b, []byte(end))
	if i < 0 {
		return nil, fmt.Errorf("no %s", end)
	}
	return append(append(append(make([]byte, 0, len(b)+len(text)), b[:i]...), text...), b[i:]...), nil
}

// insertDocument puts the insertions into the document part and declares the drawing
// namespaces on its root element.
func insertDocument(doc []byte, ins []Insertion) ([]byte, error) {
	root := []byte(`<w:document ` + wordNamespaces)
	if !bytes.HasPrefix(doc[bytes.IndexByte(doc, '\n')+1:], root) {
		return nil, errors.New("the document element is not this writer's")
	}
	out := make([]byte, 0, len(doc)+16<<10)
	last := 0
	for _, in := range ins {
		if in.At < last || in.At > len(doc) {
			return nil, fmt.Errorf("insertion at %d out of order", in.At)
		}
		out = append(out, doc[last:in.At]...)
		out = append(out, in.XML...)
		last = in.At
	}
	out = append(out, doc[last:]...)
	i := bytes.Index(out, root) + len(root)
	return append(out[:i:i], append([]byte(drawingNamespaces), out[i:]...)...), nil
}
