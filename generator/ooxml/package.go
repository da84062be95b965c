package ooxml

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
	"sync"
)

// Style is what the fixed parts need to know of the document's typography.
type Style struct {
	Font            string // "Times New Roman"
	BodySize        int    // half-points, the document default
	PageNumberSize  int    // half-points
	Lang            string // "vi-VN"
	HeaderParagraph Para   // properties of the page-number paragraph
	// Paragraphs are named paragraph styles. Writing the properties of the most common
	// paragraphs once, in styles.xml, keeps every document's body XML (and the time spent
	// compressing it) smaller.
	Paragraphs []ParagraphStyle
	// NewCompressor returns the deflate writer of document bodies; nil means the standard
	// library's compress/flate at BestSpeed. Compression is most of the cost of a package,
	// so the caller may bring a faster deflate implementation; this package stays on the
	// standard library.
	NewCompressor func() Compressor
}

// Compressor is a raw deflate (RFC 1951) writer: what *flate.Writer offers. Flush must end
// on a byte boundary with a sync marker, as flate.Writer.Flush does.
type Compressor interface {
	io.WriteCloser
	Reset(w io.Writer)
	Flush() error
}

// ParagraphStyle is a named paragraph style.
type ParagraphStyle struct {
	ID   string // used in Para.Style: letters and digits only
	Name string
	Para Para
	Run  Run
}

// rawPart is a part compressed once, written as is into every package.
type rawPart struct {
	header     zip.FileHeader
	compressed []byte
}

// Package writes .docx packages. It holds the fixed parts, compressed once, and pools the
// buffers and compressors used per document; it is safe for concurrent use.
type Package struct {
	fixed       []rawPart
	defaultSize int
	outs        sync.Pool // *bytes.Buffer holding compressed pieces
	bodies      sync.Pool // *Body
	flates      sync.Pool // *flate.Writer
}

// Relationship ids of the fixed parts, used by section properties.
const (
	HeaderDefaultID = "rIdHeaderDefault"
	HeaderFirstID   = "rIdHeaderFirst"
)

// New builds the fixed parts for a style and compresses them once.
func New(s Style) (*Package, error) {
	p := &Package{defaultSize: s.BodySize}
	p.bodies.New = func() any { return new(Body) }
	p.outs.New = func() any { return new(bytes.Buffer) }
	p.flates.New = func() any {
		if s.NewCompressor != nil {
			return s.NewCompressor()
		}
		w, _ := flate.NewWriter(nil, flate.BestSpeed)
		return w
	}
	var pageHeader Body
	pageHeader.buf.WriteString(xmlDecl + `<w:hdr ` + wordNamespaces + `>`)
	pageHeader.StartPara(&s.HeaderParagraph)
	pageHeader.PageField(&Run{Size: s.PageNumberSize})
	pageHeader.EndPara()
	pageHeader.buf.WriteString(`</w:hdr>`)

	var emptyHeader Body
	emptyHeader.buf.WriteString(xmlDecl + `<w:hdr ` + wordNamespaces + `><w:p/></w:hdr>`)

	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(contentTypes)},
		{"_rels/.rels", []byte(packageRels)},
		{"docProps/app.xml", []byte(appProps)},
		{"word/_rels/document.xml.rels", []byte(documentRels)},
		{"word/styles.xml", []byte(styles(s))},
		{"word/settings.xml", []byte(settings(s))},
		{"word/fontTable.xml", []byte(fontTable(s))},
		{"word/header1.xml", pageHeader.Bytes()},
		{"word/header2.xml", emptyHeader.Bytes()},
	}
	for _, part := range parts {
		var buf bytes.Buffer
		fw, err := flate.NewWriter(&buf, flate.BestCompression)
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(part.data); err != nil {
			return nil, err
		}
		if err := fw.Close(); err != nil {
			return nil, err
		}
		p.fixed = append(p.fixed, rawPart{
			header: zip.FileHeader{
				Name:               part.name,
				Method:             zip.Deflate,
				CRC32:              crc32.ChecksumIEEE(part.data),
				CompressedSize64:   uint64(buf.Len()),
				UncompressedSize64: uint64(len(part.data)),
			},
			compressed: bytes.Clone(buf.Bytes()),
		})
	}
	return p, nil
}

// Body returns an empty body to write a document into, with the document's opening tags
// written. Give it back with Release once the package is written.
func (p *Package) Body() *Body {
	b := p.bodies.Get().(*Body)
	b.buf.Reset()
	b.defaultSize = p.defaultSize
	b.buf.WriteString(xmlDecl + `<w:document ` + wordNamespaces + `><w:body>`)
	return b
}

// Release returns a body to the pool. Very large bodies are dropped so that one huge
// document does not keep its memory for ever.
func (p *Package) Release(b *Body) {
	if b.buf.Cap() > 4<<20 {
		return
	}
	p.bodies.Put(b)
}

// Hole marks, in a body's text, where text known only later goes (a document's number,
// given when it is issued). It is a private-use character, so it never collides with what
// a text means; a body whose own text holds it cannot be segmented (see Segment).
const Hole = "\uE000"

// Segmented is a body compressed ahead of time except for its holes: the pieces between
// holes are deflated independently, each ending on a byte boundary, so that the text of a
// hole can later be put between them as a stored block without compressing anything
// again. This lets a document be rendered before its number exists and numbered in
// microseconds inside the register's transaction.
type Segmented struct {
	plain      [][]byte        // the body's bytes between holes
	compressed []*bytes.Buffer // each piece deflated; all but the last end with a sync flush
	holes      int
}

// ReleaseSegmented gives the compressed pieces of s back for reuse; s must not be used after.
func (p *Package) ReleaseSegmented(s *Segmented) {
	for _, b := range s.compressed {
		if b.Cap() <= 1<<20 {
			p.outs.Put(b)
		}
	}
	s.compressed, s.plain = nil, nil
}

// Segment closes the body (the caller has written the final section properties) and
// compresses it piece by piece between the holes. holes is how many holes the caller
// wrote; if the body holds another count (its own text held the Hole character), Segment
// fails and the caller renders with the text in place instead. With no holes the body is
// one piece, whatever its text.
func (p *Package) Segment(b *Body, holes int) (*Segmented, error) {
	b.buf.WriteString(`</w:body></w:document>`)
	data := b.buf.Bytes()
	if holes > 0 {
		if n := bytes.Count(data, []byte(Hole)); n != holes {
			return nil, fmt.Errorf("ooxml: body holds %d hole marks, want %d", n, holes)
		}
	}
	s := &Segmented{holes: holes}
	fw := p.flates.Get().(Compressor)
	defer p.flates.Put(fw)
	for i := 0; i <= holes; i++ {
		piece := data
		if j := bytes.Index(data, []byte(Hole)); j >= 0 && i < holes {
			piece, data = data[:j], data[j+len(Hole):]
		}
		out := p.outs.Get().(*bytes.Buffer)
		out.Reset()
		fw.Reset(out)
		if _, err := fw.Write(piece); err != nil {
			return nil, err
		}
		var err error
		if i < holes {
			err = fw.Flush() // byte-aligned, not final: a stored block may follow
		} else {
			err = fw.Close()
		}
		if err != nil {
			return nil, err
		}
		s.plain = append(s.plain, piece)
		s.compressed = append(s.compressed, out)
	}
	return s, nil
}

// Write closes the body (the caller has written the final section properties) and writes the
// whole package to w.
func (p *Package) Write(w io.Writer, b *Body) error {
	s, err := p.Segment(b, 0)
	if err != nil {
		return err
	}
	defer p.ReleaseSegmented(s)
	return p.WriteSegmented(w, s, "")
}

// WriteStored closes the body and writes the package with word/document.xml stored, not
// deflated: for a file looked at once and thrown away, a few tens of kilobytes more on the
// wire cost less than compressing, which is most of the work of writing a package.
func (p *Package) WriteStored(w io.Writer, b *Body) error {
	b.buf.WriteString(`</w:body></w:document>`)
	data := b.buf.Bytes()
	zw := zip.NewWriter(w)
	if err := p.writeFixed(zw); err != nil {
		return err
	}
	dw, err := zw.CreateRaw(&zip.FileHeader{
		Name:               "word/document.xml",
		Method:             zip.Store,
		CRC32:              crc32.ChecksumIEEE(data),
		CompressedSize64:   uint64(len(data)),
		UncompressedSize64: uint64(len(data)),
	})
	if err != nil {
		return err
	}
	if _, err := dw.Write(data); err != nil {
		return err
	}
	return zw.Close()
}

// writeFixed writes the parts every package shares, compressed once in New.
func (p *Package) writeFixed(zw *zip.Writer) error {
	for i := range p.fixed {
		part := &p.fixed[i]
		h := part.header // CreateRaw keeps a pointer: give it a copy
		pw, err := zw.CreateRaw(&h)
		if err != nil {
			return err
		}
		if _, err := pw.Write(part.compressed); err != nil {
			return err
		}
	}
	return nil
}

// WriteSegmented writes the package with fill in every hole of s.
func (p *Package) WriteSegmented(w io.Writer, s *Segmented, fill string) error {
	if len(fill) > 0xFFFF {
		return fmt.Errorf("ooxml: hole text of %d bytes", len(fill))
	}
	zw := zip.NewWriter(w)
	if err := p.writeFixed(zw); err != nil {
		return err
	}
	crc, size := uint32(0), 0
	for i, piece := range s.plain {
		crc = crc32.Update(crc, crc32.IEEETable, piece)
		size += len(piece)
		if i < s.holes {
			crc = crc32.Update(crc, crc32.IEEETable, []byte(fill))
			size += len(fill)
		}
	}
	dh := &zip.FileHeader{
		Name:               "word/document.xml",
		Method:             zip.Deflate,
		CRC32:              crc,
		UncompressedSize64: uint64(size),
		Flags:              0x8, // the compressed size follows in a data descriptor
	}
	dw, err := zw.CreateRaw(dh)
	if err != nil {
		return err
	}
	written := 0
	// A stored block: BFINAL 0 and BTYPE 00 in a byte of its own (the stream is byte-aligned
	// after each flushed piece), then LEN and its one's complement, then the bytes.
	stored := [5]byte{0, byte(len(fill)), byte(len(fill) >> 8), ^byte(len(fill)), ^byte(len(fill) >> 8)}
	for i, piece := range s.compressed {
		n, err := dw.Write(piece.Bytes())
		written += n
		if err != nil {
			return err
		}
		if i < s.holes {
			for _, b := range [][]byte{stored[:], []byte(fill)} {
				n, err := dw.Write(b)
				written += n
				if err != nil {
					return err
				}
			}
		}
	}
	// The writer reads the sizes from the header when it writes the data descriptor and
	// the central directory, both after this point.
	dh.CompressedSize64 = uint64(written)
	dh.CompressedSize = uint32(min(written, 1<<32-1))
	return zw.Close()
}

const xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const wordNamespaces = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

const contentTypes = xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const packageRels = xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const appProps = xmlDecl + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>vanthu</Application></Properties>`

const documentRels = xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="` + HeaderDefaultID + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
	`<Relationship Id="` + HeaderFirstID + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>` +
	`</Relationships>`

// styles writes word/styles.xml. Every paragraph gets widow and orphan control: a long
// paragraph may break across pages but leaves two lines at least on each, so the last
// paragraph, kept with the signature, brings two lines at least along with it.
func styles(s Style) string {
	var custom Body
	custom.defaultSize = s.BodySize
	for _, ps := range s.Paragraphs {
		custom.buf.WriteString(`<w:style w:type="paragraph" w:customStyle="1" w:styleId="` + escapeAttr(ps.ID) + `">`)
		custom.buf.WriteString(`<w:name w:val="` + escapeAttr(ps.Name) + `"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>`)
		p := ps.Para
		p.Style = ""
		custom.paraProps(&p)
		custom.buf.WriteString(`</w:pPr>`)
		custom.runProps(&ps.Run)
		custom.buf.WriteString(`</w:style>`)
	}
	size := strconv.Itoa(s.BodySize)
	font := escapeAttr(s.Font)
	return xmlDecl + `<w:styles ` + wordNamespaces + `>` +
		`<w:docDefaults><w:rPrDefault><w:rPr>` +
		`<w:rFonts w:ascii="` + font + `" w:hAnsi="` + font + `" w:eastAsia="` + font + `" w:cs="` + font + `"/>` +
		`<w:color w:val="000000"/><w:sz w:val="` + size + `"/><w:szCs w:val="` + size + `"/>` +
		`<w:lang w:val="` + escapeAttr(s.Lang) + `" w:eastAsia="` + escapeAttr(s.Lang) + `" w:bidi="ar-SA"/>` +
		`</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>` +
		custom.buf.String() +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		`</w:styles>`
}

// settings writes word/settings.xml. doNotExpandShiftReturn keeps a justified line that
// ends in a manual line break ("\n" in the text) at its natural width, as a typist expects,
// instead of stretching its words across the page; Word and LibreOffice both read it.
func settings(s Style) string {
	return xmlDecl + `<w:settings ` + wordNamespaces + `>` +
		`<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>` +
		`<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`<w:themeFontLang w:val="` + escapeAttr(s.Lang) + `"/>` +
		`</w:settings>`
}

func fontTable(s Style) string {
	return xmlDecl + `<w:fonts ` + wordNamespaces + `>` +
		`<w:font w:name="` + escapeAttr(s.Font) + `"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
		`</w:fonts>`
}

func escapeAttr(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			if r >= 0x20 {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}
