package ooxml

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// TestAddPictures rewrites a small package with a picture run: every XML part is still
// well-formed, the anchor's children come in schema order, the PNG is stored under its
// relationship, and an insertion out of order is refused.
func TestAddPictures(t *testing.T) {
	p, err := New(Style{Font: "Times New Roman", BodySize: 28, PageNumberSize: 28, Lang: "vi-VN"})
	if err != nil {
		t.Fatal(err)
	}
	b := p.Body()
	b.Paragraph(&Para{}, "Chức vụ", &Run{})
	b.Paragraph(&Para{Line: 1600, LineExact: true}, "", nil)
	b.SectionProps(&Section{Width: 11906, Height: 16838})
	var buf bytes.Buffer
	if err := p.Write(&buf, b); err != nil {
		t.Fatal(err)
	}
	doc, err := ReadDocument(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	space := `w:lineRule="exact"/></w:pPr>`
	at := bytes.Index(doc, []byte(space)) + len(space)
	png := []byte("\x89PNG\r\n\x1a\n not really")
	run := PictureRun(&Picture{PNG: png, Width: 100, Height: 50, X: -10, Y: 20, Name: "Chữ ký & dấu"}, 1, 1)
	out, err := AddPictures(buf.Bytes(), []Insertion{{At: at, XML: run}}, [][]byte{png})
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = string(data)
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			dec := xml.NewDecoder(strings.NewReader(string(data)))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
			}
		}
	}
	if parts["word/media/picture1.png"] != string(png) {
		t.Error("the PNG is not stored as given")
	}
	if !strings.Contains(parts["word/_rels/document.xml.rels"], `Id="rIdPicture1" Type="`+imageRelType+`" Target="media/picture1.png"`) {
		t.Error("no relationship to the picture")
	}
	if !strings.Contains(parts["[Content_Types].xml"], `<Default Extension="png" ContentType="image/png"/>`) {
		t.Error("no content type for PNG")
	}
	d := parts["word/document.xml"]
	last := -1
	for _, tag := range []string{"<wp:simplePos", "<wp:positionH", "<wp:positionV", "<wp:extent", "<wp:effectExtent", "<wp:wrapNone", "<wp:docPr", "<wp:cNvGraphicFramePr", "<a:graphic>"} {
		i := strings.Index(d, tag)
		if i < last {
			t.Errorf("%s missing or out of order", tag)
		}
		last = i
	}
	if !strings.Contains(d, `<wp:posOffset>-10</wp:posOffset>`) || !strings.Contains(d, `name="Chữ ký &amp; dấu"`) {
		t.Error("the position or the escaped name is not written")
	}
	if _, err := AddPictures(buf.Bytes(), []Insertion{{At: at, XML: run}, {At: at - 1, XML: run}}, [][]byte{png}); err == nil {
		t.Error("insertions out of order were accepted")
	}
}
