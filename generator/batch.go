package generator

import (
	"fmt"
	"io"
)

// RenderBatch writes many documents into one .docx: each starts on a new page with its own
// page setup (a certificate on A4 landscape, a decision on A4 portrait) and counts its own
// pages. An inspection issues a thousand certificates in one request, printed in one go.
// The documents are written with their numbers in place, as Render does.
func (r *Renderer) RenderBatch(w io.Writer, docs []Document) error {
	if len(docs) == 0 {
		return fmt.Errorf("generator: no document to render")
	}
	b := r.pkg.Body()
	defer r.pkg.Release(b)
	for i := range docs {
		d := &docs[i]
		if err := d.Check(); err != nil {
			return fmt.Errorf("generator: document %d: %w", i+1, err)
		}
		spec, _ := d.Kind.Spec()
		c := composer{r: r, l: &r.l, b: b, d: d, spec: spec, batch: true}
		c.content()
		if i < len(docs)-1 {
			b.SectionBreak(&c.sec)
		} else {
			b.SectionProps(&c.sec)
		}
	}
	return r.pkg.Write(w, b)
}
