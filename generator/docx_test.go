package generator_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// node is a generic XML element, enough to walk a WordprocessingML part in tests.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

// attr returns the value of the attribute with this local name.
func (n *node) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// child returns the first child element with this local name.
func (n *node) child(local string) *node {
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == local {
			return &n.Nodes[i]
		}
	}
	return nil
}

// walk calls f on n and every descendant, depth first.
func (n *node) walk(f func(*node)) {
	f(n)
	for i := range n.Nodes {
		n.Nodes[i].walk(f)
	}
}

// runText returns the text of a run: w:t, w:br as "\n", w:tab as "\t".
func (n *node) runText() string {
	var sb strings.Builder
	for i := range n.Nodes {
		switch c := &n.Nodes[i]; c.XMLName.Local {
		case "t", "instrText":
			if c.XMLName.Local == "t" {
				sb.WriteString(c.Text)
			}
		case "br":
			sb.WriteString("\n")
		case "tab":
			sb.WriteString("\t")
		}
	}
	return sb.String()
}

// paragraph is a w:p flattened for assertions.
type paragraph struct {
	p    *node
	text string
	runs []*node
	// styleSize is the run size (half-points) of the paragraph's style, "" when it sets none.
	styleSize string
}

func (p paragraph) pPr(local string) *node {
	if pr := p.p.child("pPr"); pr != nil {
		return pr.child(local)
	}
	return nil
}

// runProp reports whether every run with text has the property (b, i) or returns the size.
func (p paragraph) allRuns(prop string) bool {
	found := false
	for _, r := range p.runs {
		if r.runText() == "" {
			continue
		}
		found = true
		pr := r.child("rPr")
		if pr == nil || pr.child(prop) == nil {
			return false
		}
	}
	return found
}

// size returns the w:sz of the first run with text, in half-points, else the size of the
// paragraph's style, else def.
func (p paragraph) size(def string) string {
	if p.styleSize != "" {
		def = p.styleSize
	}
	for _, r := range p.runs {
		if r.runText() == "" {
			continue
		}
		if pr := r.child("rPr"); pr != nil {
			if sz := pr.child("sz"); sz != nil {
				return sz.attr("val")
			}
		}
		return def
	}
	return ""
}

// docx is an unpacked package.
type docx struct {
	parts map[string][]byte
	doc   node
	paras []paragraph
}

// openDocx unzips a package, checks every XML part is well-formed and parses the body.
func openDocx(t testing.TB, data []byte) *docx {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	d := &docx{parts: map[string][]byte{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		d.parts[f.Name] = b
		if strings.HasPrefix(f.Name, "word/media/") {
			continue // pictures, not XML
		}
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
	}
	body, ok := d.parts["word/document.xml"]
	if !ok {
		t.Fatal("no word/document.xml")
	}
	if err := xml.Unmarshal(body, &d.doc); err != nil {
		t.Fatal(err)
	}
	// The run size each paragraph style sets.
	styleSizes := map[string]string{}
	var styles node
	if err := xml.Unmarshal(d.parts["word/styles.xml"], &styles); err == nil {
		styles.walk(func(n *node) {
			if n.XMLName.Local != "style" {
				return
			}
			if rpr := n.child("rPr"); rpr != nil {
				if sz := rpr.child("sz"); sz != nil {
					styleSizes[n.attr("styleId")] = sz.attr("val")
				}
			}
		})
	}
	d.doc.walk(func(n *node) {
		if n.XMLName.Local != "p" {
			return
		}
		p := paragraph{p: n}
		if pr := n.child("pPr"); pr != nil {
			if st := pr.child("pStyle"); st != nil {
				p.styleSize = styleSizes[st.attr("val")]
			}
		}
		var sb strings.Builder
		for i := range n.Nodes {
			if n.Nodes[i].XMLName.Local == "r" {
				p.runs = append(p.runs, &n.Nodes[i])
				sb.WriteString(n.Nodes[i].runText())
			}
		}
		p.text = sb.String()
		d.paras = append(d.paras, p)
	})
	return d
}

// find returns the first paragraph whose text starts with prefix.
func (d *docx) find(t testing.TB, prefix string) paragraph {
	t.Helper()
	for _, p := range d.paras {
		if strings.HasPrefix(p.text, prefix) {
			return p
		}
	}
	t.Fatalf("no paragraph starts with %q", prefix)
	return paragraph{}
}

// lastSectPr returns the body's final section properties.
func (d *docx) lastSectPr() *node {
	body := d.doc.child("body")
	return &body.Nodes[len(body.Nodes)-1]
}
