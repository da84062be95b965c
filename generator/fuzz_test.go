package generator_test

import (
	"bytes"
	"testing"

	"vanthu/generator"
	"vanthu/typeset"
)

// FuzzRenderText feeds any string through every text path of a document: the output must
// be a well-formed package whose body paragraph reads back as the cleaned (NFC) input.
func FuzzRenderText(f *testing.F) {
	for _, s := range []string{"", "Tổ bảo vệ an ninh, trật tự", "a & b < c > d \"e\" 'f'", "dòng\nhai\tcột",
		"Thi ha\u0300nh", "\x00\x01\x0b\ufffe\uffff", "\xff\xfe invalid", "\r\n", "]]>", "💡 emoji", "\u200b\u00a0"} {
		f.Add(s)
	}
	r, err := generator.New(generator.DefaultLayout())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := &generator.Document{
			Kind: generator.CongVan, Issuer: s, Parent: s, Symbol: s, Place: s, Subject: s,
			Recipients: []string{s, s},
			Body:       []generator.Block{{Text: "«mở»", Style: "plain"}, {Text: s, Style: "plain"}, {Text: "«đóng»", Style: "plain"}},
			Signer:     generator.Signer{Prefix: s, Authority: s, Title: s, AgencyTitle: s, Name: s},
			CopyTo:     generator.CopyTo{Items: []string{s}, Archive: s},
			Annexes:    []generator.Annex{{Title: s, Table: &generator.Table{Columns: []string{s}, Rows: [][]string{{s}}}}},
		}
		var buf bytes.Buffer
		if err := r.Render(&buf, doc); err != nil {
			t.Fatal(err)
		}
		d := openDocx(t, buf.Bytes())
		for i, p := range d.paras {
			if p.text == "«mở»" {
				if got, want := d.paras[i+1].text, typeset.Clean(s); got != want {
					t.Fatalf("body text %q, want %q", got, want)
				}
				return
			}
		}
		t.Fatal("body paragraph not found")
	})
}
