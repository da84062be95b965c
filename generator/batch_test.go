package generator_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/generator"
)

// loadBatch reads a batch example: a JSON array of documents under examples/batch/.
func loadBatch(tb testing.TB, name string) []generator.Document {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("../examples/batch", name))
	if err != nil {
		tb.Fatal(err)
	}
	var docs []generator.Document
	if err := json.Unmarshal(data, &docs); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return docs
}

// batchExamples returns the names of the batch examples.
func batchExamples(tb testing.TB) []string {
	names, err := filepath.Glob("../examples/batch/*.json")
	if err != nil || len(names) == 0 {
		tb.Fatalf("no batch examples: %v", err)
	}
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

func renderBatch(tb testing.TB, r *generator.Renderer, docs []generator.Document) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := r.RenderBatch(&buf, docs); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestRenderBatch(t *testing.T) {
	r := newRenderer(t)
	docs := loadBatch(t, "giay-khen-dot-2025.json")
	// A dispatch between the certificates: each keeps its own page setup.
	docs = append(docs[:1], append([]generator.Document{*loadExample(t, "cong-van-1028.json")}, docs[1:]...)...)
	d := openDocx(t, renderBatch(t, r, docs))
	var sects []*node
	d.doc.walk(func(n *node) {
		if n.XMLName.Local == "sectPr" {
			sects = append(sects, n)
		}
	})
	if len(sects) != len(docs) {
		t.Fatalf("%d sections for %d documents", len(sects), len(docs))
	}
	for i, s := range sects {
		landscape := s.child("pgSz").attr("orient") == "landscape"
		if want := docs[i].Kind != generator.CongVan; landscape != want {
			t.Errorf("section %d: landscape %v, want %v", i+1, landscape, want)
		}
		if pn := s.child("pgNumType"); pn == nil || pn.attr("start") != "1" {
			t.Errorf("section %d does not restart its page numbers", i+1)
		}
		if s.child("headerReference") == nil {
			t.Errorf("section %d names no header: it would inherit the dispatch's page numbers", i+1)
		}
	}
	for _, name := range []string{"Ông Lê Văn Bình", "Bà Hoàng Thị Nga", "Ông Nguyễn Đức Mạnh", "Kính gửi:"} {
		d.find(t, name)
	}
	if err := r.RenderBatch(&bytes.Buffer{}, nil); err == nil {
		t.Error("an empty batch rendered without error")
	}
}

func TestBatchGolden(t *testing.T) {
	r := newRenderer(t)
	for _, name := range batchExamples(t) {
		t.Run(name, func(t *testing.T) {
			d := openDocx(t, renderBatch(t, r, loadBatch(t, name)))
			checkGolden(t, d, "batch-"+strings.TrimSuffix(name, ".json"))
		})
	}
}

// BenchmarkRenderBatchCertificates renders 1,000 certificates into one file, as an
// inspection's commendation does. Target: ≤ 2 s.
func BenchmarkRenderBatchCertificates(b *testing.B) {
	r := newRenderer(b)
	one := loadBatch(b, "giay-khen-dot-2025.json")[0]
	docs := make([]generator.Document, 1000)
	for i := range docs {
		docs[i] = one
		cert := *one.Certificate
		cert.Recipient = fmt.Sprintf("Ông Nguyễn Văn %d", i+1)
		cert.Register = fmt.Sprint(125 + i)
		docs[i].Certificate = &cert
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := r.RenderBatch(&buf, docs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "docx-bytes")
}
