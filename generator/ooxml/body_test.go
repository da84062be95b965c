package ooxml

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func TestRunPropsSchemaOrder(t *testing.T) {
	var b Body
	b.Text("x", &Run{Bold: true, Italic: true, Underline: true, Size: 26})
	got := b.buf.String()
	// ECMA-376 CT_RPr order: b, i, sz, u.
	order := []string{"<w:b/>", "<w:i/>", "<w:sz ", "<w:u "}
	last := -1
	for _, tag := range order {
		i := strings.Index(got, tag)
		if i < 0 || i < last {
			t.Fatalf("%s missing or out of order in %s", tag, got)
		}
		last = i
	}
}

func TestParaPropsSchemaOrder(t *testing.T) {
	var b Body
	b.StartPara(&Para{KeepNext: true, KeepLines: true, PageBreakBefore: true, RuleTop: 6, Tab: 100,
		SpaceBefore: 120, IndentLeft: 10, FirstLine: 20, Align: Justify, Mark: Run{Size: 2}})
	got := b.buf.String()
	order := []string{"<w:keepNext/>", "<w:keepLines/>", "<w:pageBreakBefore/>", "<w:pBdr>", "<w:tabs>", "<w:spacing ", "<w:ind ", "<w:jc ", "<w:rPr>"}
	last := -1
	for _, tag := range order {
		i := strings.Index(got, tag)
		if i < 0 || i < last {
			t.Fatalf("%s missing or out of order in %s", tag, got)
		}
		last = i
	}
}

func TestFrameAndBoxSchemaOrder(t *testing.T) {
	var b Body
	b.StartPara(&Para{KeepNext: true, Frame: &Frame{Width: 9000, Y: 15000}, Box: 6, SpaceBefore: 120, Align: Center})
	got := b.buf.String()
	order := []string{"<w:keepNext/>", `<w:framePr w:w="9000"`, `w:y="15000"/>`, "<w:pBdr><w:top ", "<w:left ", "<w:bottom ", "<w:right ", "</w:pBdr>", "<w:spacing ", "<w:jc "}
	last := -1
	for _, tag := range order {
		i := strings.Index(got, tag)
		if i < 0 || i < last {
			t.Fatalf("%s missing or out of order in %s", tag, got)
		}
		last = i
	}
	var s Body
	s.SectionProps(&Section{Width: 1, Height: 1, PageStart: 1, TitlePage: true})
	if sect := s.buf.String(); !strings.Contains(sect, `<w:pgNumType w:start="1"/><w:cols`) || !strings.HasSuffix(sect, "<w:titlePg/></w:sectPr>") {
		t.Errorf("page numbers not restarted in schema order: %s", sect)
	}
}

func TestTextEscapesAndDrops(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a & b < c > d", `<w:t>a &amp; b &lt; c &gt; d</w:t>`},
		{"dòng\nhai", `<w:t>dòng</w:t><w:br/><w:t>hai</w:t>`},
		{"a\tb", `<w:t>a</w:t><w:tab/><w:t>b</w:t>`},
		{"a\x00\x01\x0b\rb", `<w:t>ab</w:t>`},
		{"x\xffy\ufffez", `<w:t>xyz</w:t>`},
		{"trailing \nlead", `<w:t xml:space="preserve">trailing </w:t><w:br/><w:t>lead</w:t>`},
		{" lead", `<w:t xml:space="preserve"> lead</w:t>`},
		{"two  spaces", `<w:t xml:space="preserve">two  spaces</w:t>`},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			var b Body
			b.Text(tc.in, &Run{})
			got := strings.TrimSuffix(strings.TrimPrefix(b.buf.String(), "<w:r>"), "</w:r>")
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestPackageParts(t *testing.T) {
	p, err := New(Style{Font: "Times New Roman", BodySize: 28, PageNumberSize: 26, Lang: "vi-VN"})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second package reuses the pooled body and compressor
		b := p.Body()
		b.Paragraph(&Para{}, "Xin chào & tạm biệt", &Run{Bold: true})
		b.SectionProps(&Section{Width: 11906, Height: 16838, DefaultHeaderID: HeaderDefaultID})
		var out bytes.Buffer
		if err := p.Write(&out, b); err != nil {
			t.Fatal(err)
		}
		p.Release(b)
		zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, f := range zr.File {
			names[f.Name] = true
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc) // checks the CRC too
			rc.Close()
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			dec := xml.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
			}
			if f.Name == "word/document.xml" && !strings.Contains(string(data), "Xin chào &amp; tạm biệt") {
				t.Errorf("document text missing: %s", data)
			}
		}
		for _, want := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
			"word/settings.xml", "word/fontTable.xml", "word/header1.xml", "word/header2.xml", "word/_rels/document.xml.rels"} {
			if !names[want] {
				t.Errorf("part %s missing", want)
			}
		}
	}
}

// FuzzCleanText checks the escaping scan against the plain definition: the text of the run,
// read back, is the input without the control characters it drops.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"", "a&b<c>d", "Đội tổ\tdân phố\nthôn", "\x01\x1f&&<<>>", "12345678&12345678<"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !isCleanText(s) {
			return
		}
		var b Body
		b.CleanText(s, &Run{})
		var want strings.Builder
		for i := 0; i < len(s); i++ {
			if c := s[i]; c >= 0x20 || c == '\n' || c == '\t' {
				want.WriteByte(c)
			}
		}
		var got strings.Builder
		dec := xml.NewDecoder(strings.NewReader(`<x xmlns:w="w">` + b.buf.String() + `</x>`))
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%q: %v in %s", s, err, b.buf.String())
			}
			switch tok := tok.(type) {
			case xml.CharData:
				got.Write(tok)
			case xml.StartElement:
				switch tok.Name.Local {
				case "br":
					got.WriteByte('\n')
				case "tab":
					got.WriteByte('\t')
				}
			}
		}
		if got.String() != want.String() {
			t.Fatalf("%q read back as %q", want.String(), got.String())
		}
	})
}
