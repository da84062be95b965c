package generator_test

import (
	"bytes"
	"strings"
	"testing"

	"vanthu/generator"
)

// A certificate that cites its decision prints its own number as "Số sổ", the number it is
// entered under in the register: blank on a draft, in place when issued, the same whether
// numbered through Prepare or in a batch. A "Số sổ" given as data wins.
func TestCertificateRegisterNumber(t *testing.T) {
	r := newRenderer(t)
	d := loadExample(t, "giay-cong-nhan-khu-dan-cu.json")
	d.Certificate.Register = ""
	d.Certificate.Decision = "Quyết định số 246/QĐ-UBND ngày 14/11/2025"
	d.Symbol = "GCN-UBND"
	body := func(docx []byte) string {
		return string(openDocx(t, docx).parts["word/document.xml"])
	}
	for _, n := range []int{0, 7} {
		var prepared bytes.Buffer
		p, err := r.Prepare(d)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Write(&prepared, n); err != nil {
			t.Fatal(err)
		}
		p.Release()
		want := "Số sổ: 07/GCN-UBND"
		if n == 0 {
			want = "Số sổ:         /GCN-UBND"
		}
		if !strings.Contains(body(prepared.Bytes()), want) {
			t.Errorf("number %d: %q not in the certificate", n, want)
		}
	}
	batch := []generator.Document{*d, *d}
	batch[0].Number, batch[1].Number = 8, 9
	var buf bytes.Buffer
	if err := r.RenderBatch(&buf, batch); err != nil {
		t.Fatal(err)
	}
	if b := body(buf.Bytes()); !strings.Contains(b, "Số sổ: 08/GCN-UBND") || !strings.Contains(b, "Số sổ: 09/GCN-UBND") {
		t.Error("the batch does not carry each certificate's number")
	}
	d.Certificate.Register = "35/GCN"
	buf.Reset()
	d.Number = 7
	if err := r.Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	if b := body(buf.Bytes()); !strings.Contains(b, "Số sổ: 35/GCN") || strings.Contains(b, "07/GCN-UBND") {
		t.Error("the Số sổ given as data is not the one printed")
	}
}
