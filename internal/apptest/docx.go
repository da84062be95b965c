package apptest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// Docx is a .docx opened for assertions: its parts and the text of the paragraphs of
// word/document.xml.
type Docx struct {
	Parts map[string][]byte
	// Paragraphs holds the text of each w:p of the main document, in order: its w:t, with
	// w:tab as "\t" and w:br as "\n". Table cells are paragraphs too.
	Paragraphs []string
}

// OpenDocx opens data as a zip (see OpenZip), checks that it has the parts Word needs and
// reads the paragraphs; any problem ends the test.
func OpenDocx(tb testing.TB, data []byte) *Docx {
	tb.Helper()
	d, err := ReadDocx(data)
	if err != nil {
		tb.Fatalf("not a valid .docx (%d bytes): %v", len(data), err)
	}
	return d
}

// ReadDocx is OpenDocx returning the error.
func ReadDocx(data []byte) (*Docx, error) {
	parts, err := ReadZip(data)
	if err != nil {
		return nil, err
	}
	d := &Docx{Parts: parts}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		if _, ok := d.Parts[name]; !ok {
			return nil, errors.New("missing part " + name)
		}
	}
	if d.Paragraphs, err = paragraphs(d.Parts["word/document.xml"]); err != nil {
		return nil, err
	}
	return d, nil
}

// OpenZip opens an Office package (.docx, .xlsx) and returns its parts by name, after
// checking that every XML part is well-formed; any problem ends the test.
func OpenZip(tb testing.TB, data []byte) map[string][]byte {
	tb.Helper()
	parts, err := ReadZip(data)
	if err != nil {
		tb.Fatalf("not a valid Office package (%d bytes): %v", len(data), err)
	}
	return parts
}

// ReadZip is OpenZip returning the error.
func ReadZip(data []byte) (map[string][]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	parts := make(map[string][]byte, len(zr.File))
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		parts[f.Name] = b
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			if err := wellFormed(b); err != nil {
				return nil, fmt.Errorf("%s: %w", f.Name, err)
			}
		}
	}
	if _, ok := parts["[Content_Types].xml"]; !ok {
		return nil, errors.New("missing part [Content_Types].xml")
	}
	return parts, nil
}

// Document returns word/document.xml as text.
func (d *Docx) Document() string { return string(d.Parts["word/document.xml"]) }

// Text returns the paragraphs joined by newlines.
func (d *Docx) Text() string { return strings.Join(d.Paragraphs, "\n") }

// wellFormed reads every token of an XML document.
func wellFormed(b []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(b))
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 {
		return errors.New("not exactly one root element")
	}
	return nil
}

// paragraphs returns the text of each w:p of a WordprocessingML part.
func paragraphs(b []byte) ([]string, error) {
	const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	dec := xml.NewDecoder(bytes.NewReader(b))
	var out []string
	var cur *strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != w {
				continue
			}
			switch t.Name.Local {
			case "p":
				cur = &strings.Builder{}
			case "t":
				inText = true
			case "tab":
				if cur != nil {
					cur.WriteByte('\t')
				}
			case "br":
				if cur != nil {
					cur.WriteByte('\n')
				}
			}
		case xml.EndElement:
			if t.Name.Space != w {
				continue
			}
			switch t.Name.Local {
			case "p":
				if cur != nil {
					out = append(out, cur.String())
				}
				cur = nil
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText && cur != nil {
				cur.Write(t)
			}
		}
	}
}
