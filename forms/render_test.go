package forms

import (
	"bytes"
	"testing"

	"vanthu/directory"
	"vanthu/generator"
)

// Every example and every blank form renders: the mapping produces what the generator takes.
func TestGeneratorRendersForms(t *testing.T) {
	r, err := generator.New(generator.DefaultLayout())
	if err != nil {
		t.Fatal(err)
	}
	c := mustLoad(t)
	v := mustValidator(t)
	for _, def := range c.List() {
		t.Run(def.ID, func(t *testing.T) {
			ex := readExample(t, def.ID)
			values, msgs := v.Validate(def, ex.Data)
			if msgs != nil {
				t.Fatal(msgs)
			}
			iss, ok := issuers[ex.IssuerID]
			if !ok {
				iss = issuers["ubnd-tinh-thanh-hoa"]
			}
			r0 := directory.Recipients{KinhGui: []string{"Các sở, ban, ngành, đoàn thể cấp tỉnh"}, NoiNhan: []string{"Như trên"}}
			doc, err := def.Document(values, iss, r0)
			if err != nil {
				t.Fatal(err)
			}
			docs := map[string]generator.Document{
				"example":               doc,
				"blank":                 def.Blank(Issuer{}),
				"blank with the issuer": def.Blank(iss),
			}
			for name, d := range docs {
				var buf bytes.Buffer
				if err := r.Render(&buf, &d); err != nil {
					t.Errorf("%s: %v", name, err)
				} else if buf.Len() == 0 {
					t.Errorf("%s: empty document", name)
				}
			}
		})
	}
}
