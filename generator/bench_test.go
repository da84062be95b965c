package generator_test

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"testing"

	kflate "github.com/klauspost/compress/flate"

	"vanthu/generator"
)

func loadExample(tb testing.TB, name string) *generator.Document {
	tb.Helper()
	data, err := os.ReadFile("../examples/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	var d generator.Document
	if err := json.Unmarshal(data, &d); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return &d
}

func newRenderer(tb testing.TB) *generator.Renderer {
	tb.Helper()
	r, err := generator.New(generator.DefaultLayout())
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// BenchmarkRenderSeedDispatch renders dispatch 1028/UBND-NC, the user's model document.
// Target: ≤ 300 µs and ≤ 64 KB allocated per document on one core.
func BenchmarkRenderSeedDispatch(b *testing.B) {
	benchRender(b, newRenderer(b), loadExample(b, "cong-van-1028.json"))
}

// benchRender renders d in a loop into one reused buffer and reports the file's size.
func benchRender(b *testing.B, r *generator.Renderer, d *generator.Document) {
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := r.Render(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "docx-bytes")
}

// BenchmarkRenderAnnexRows renders a decision with an annex table of n rows; memory must
// grow no faster than the output. Target: 1,000 rows in ≤ 50 ms.
func BenchmarkRenderAnnexRows(b *testing.B) {
	r := newRenderer(b)
	for _, n := range []int{100, 1000} {
		d := &generator.Document{
			Kind: generator.QuyetDinh, Issuer: "Ủy ban nhân dân xã Đông Tiến", Symbol: "QĐ-UBND",
			Number: 15, Place: "Đông Tiến", Date: generator.Date{Year: 2025, Month: 11, Day: 20},
			Subject: "Về việc công nhận danh sách", Articles: []generator.Article{{Body: []generator.Block{{Text: "Công nhận danh sách kèm theo."}}}},
			Signer: generator.Signer{Prefix: "TM.", Authority: "Ủy ban nhân dân", Title: "Chủ tịch", Name: "Lê Văn A"},
			Annexes: []generator.Annex{{Title: "Danh sách", Table: &generator.Table{
				Columns: []string{"STT", "Họ và tên", "Năm sinh", "Địa chỉ", "Ghi chú"},
				Widths:  []float64{1, 4, 2, 5, 2},
			}}},
		}
		for i := 0; i < n; i++ {
			d.Annexes[0].Table.Rows = append(d.Annexes[0].Table.Rows,
				[]string{fmt.Sprint(i + 1), "Nguyễn Thị Hồng Nhung", "1985", "Thôn Đông Hải, xã Đông Tiến", ""})
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchRender(b, r, d) })
	}
}

// BenchmarkDeflateSeedBody is the floor the issue set: deflating the seed's body XML with the
// standard library at flate.BestSpeed and a reused compressor. The renderer deflates with
// klauspost/compress instead (BenchmarkDeflateSeedBodyKlauspost), which is faster.
func BenchmarkDeflateSeedBody(b *testing.B) {
	fw, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	benchDeflate(b, fw)
}

// BenchmarkDeflateSeedBodyKlauspost is the floor of the renderer as it is: the same body,
// deflated by klauspost/compress at BestSpeed, as the renderer does.
func BenchmarkDeflateSeedBodyKlauspost(b *testing.B) {
	fw, _ := kflate.NewWriter(io.Discard, kflate.BestSpeed)
	benchDeflate(b, fw)
}

// benchDeflate deflates the seed's body XML in a loop with a reused compressor.
func benchDeflate(b *testing.B, fw interface {
	io.WriteCloser
	Reset(io.Writer)
}) {
	r := newRenderer(b)
	var buf bytes.Buffer
	if err := r.Render(&buf, loadExample(b, "cong-van-1028.json")); err != nil {
		b.Fatal(err)
	}
	body := openDocx(b, buf.Bytes()).parts["word/document.xml"]
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		fw.Reset(io.Discard)
		fw.Write(body)
		fw.Close()
	}
}
