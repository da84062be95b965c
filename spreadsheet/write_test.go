package spreadsheet

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var (
	update    = flag.Bool("update", false, "rewrite the golden files under testdata/")
	sampleDir = flag.String("sample-dir", "", "also write the sample register as register.xlsx into this folder, to open or render by hand")
)

// registerColumns are the ten columns of the outgoing register (Decree 30, Annex IV),
// written here rather than imported: this package must not depend on the register.
var registerColumns = []Column{
	{Heading: "Số, ký hiệu văn bản", Width: 14},
	{Heading: "Ngày tháng văn bản", Width: 11, Align: AlignCenter},
	{Heading: "Tên loại và trích yếu nội dung văn bản", Width: 40},
	{Heading: "Người ký", Width: 16},
	{Heading: "Nơi nhận văn bản", Width: 22},
	{Heading: "Đơn vị, người nhận bản lưu", Width: 16},
	{Heading: "Số lượng bản", Width: 8, Align: AlignCenter},
	{Heading: "Ngày chuyển", Width: 11, Align: AlignCenter},
	{Heading: "Ký nhận", Width: 10},
	{Heading: "Ghi chú", Width: 12},
}

func sampleRegister(rows int) Sheet {
	subjects := []string{
		"Công văn về việc tăng cường công tác phòng, chống thiên tai, tìm kiếm cứu nạn mùa mưa bão năm 2025",
		"Quyết định về việc thành lập Tổ công tác triển khai Đề án 06 trên địa bàn xã",
		"Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm",
		"Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư <Thôn Đông & Thôn Tây>",
	}
	recipients := []string{
		"- Sở Nông nghiệp và Môi trường;\n- UBND các xã, phường;\n- Lưu: VT, NC.",
		"- Thường trực HĐND xã;\n- Các thôn, tổ dân phố;\n- Lưu: VT.",
		"Ủy ban nhân dân tỉnh",
	}
	signers := []string{"Nguyễn Văn Hùng", "Trần Thị Thu Hương", "Lê Quốc Đạt"}
	day := time.Date(2025, time.March, 3, 0, 0, 0, 0, time.UTC)
	s := Sheet{
		Name:    "Sổ văn bản đi 2025",
		Title:   "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2025",
		Columns: registerColumns,
	}
	for i := range rows {
		d := day.AddDate(0, 0, i/3)
		row := []Cell{
			Text(fmt.Sprintf("%d/UBND-VP", 1028+i)),
			Date(d),
			Text(subjects[i%len(subjects)]),
			Text(signers[i%len(signers)]),
			Text(recipients[i%len(recipients)]),
			Text("Văn phòng HĐND và UBND"),
			Int(2 + i%5),
			Date(d.AddDate(0, 0, 1)),
		}
		if i%4 == 1 {
			row = append(row, Text("Đ/c Hoà"), Text("Khẩn"))
		}
		s.Rows = append(s.Rows, row)
	}
	return s
}

func writeBytes(t testing.TB, s Sheet) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, s); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// openParts unzips an XLSX into part name → content.
func openParts(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip file: %v", err)
	}
	parts := make(map[string][]byte)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		parts[f.Name] = b
	}
	return parts
}

func TestWriteProducesWellFormedParts(t *testing.T) {
	parts := openParts(t, writeBytes(t, sampleRegister(25)))
	want := []string{
		"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
		"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml",
	}
	if len(parts) != len(want) {
		t.Errorf("got %d parts, want %d", len(parts), len(want))
	}
	for _, name := range want {
		t.Run(name, func(t *testing.T) {
			b, ok := parts[name]
			if !ok {
				t.Fatalf("part missing")
			}
			d := xml.NewDecoder(bytes.NewReader(b))
			for {
				_, err := d.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("not well-formed XML: %v", err)
				}
			}
		})
	}
}

// xlsxWorksheet is as much of a worksheet as the tests read back.
type xlsxWorksheet struct {
	Pane struct {
		YSplit      int    `xml:"ySplit,attr"`
		TopLeftCell string `xml:"topLeftCell,attr"`
		State       string `xml:"state,attr"`
	} `xml:"sheetViews>sheetView>pane"`
	Cols []struct {
		Min   int     `xml:"min,attr"`
		Width float64 `xml:"width,attr"`
	} `xml:"cols>col"`
	Rows []struct {
		R     int `xml:"r,attr"`
		Cells []struct {
			R  string `xml:"r,attr"`
			S  int    `xml:"s,attr"`
			T  string `xml:"t,attr"`
			V  string `xml:"v"`
			IS *struct {
				T string `xml:"t"`
			} `xml:"is"`
		} `xml:"c"`
	} `xml:"sheetData>row"`
	Merges []struct {
		Ref string `xml:"ref,attr"`
	} `xml:"mergeCells>mergeCell"`
	PageSetup struct {
		PaperSize   string `xml:"paperSize,attr"`
		Orientation string `xml:"orientation,attr"`
		FitToWidth  string `xml:"fitToWidth,attr"`
		FitToHeight string `xml:"fitToHeight,attr"`
	} `xml:"pageSetup"`
	SetUp struct {
		FitToPage string `xml:"fitToPage,attr"`
	} `xml:"sheetPr>pageSetUpPr"`
}

func readWorksheet(t *testing.T, parts map[string][]byte) xlsxWorksheet {
	t.Helper()
	var ws xlsxWorksheet
	if err := xml.Unmarshal(parts["xl/worksheets/sheet1.xml"], &ws); err != nil {
		t.Fatalf("sheet1.xml: %v", err)
	}
	return ws
}

// cellValues reads the sheet back as rows of strings: text for text cells, the literal
// value for numbers, "" for empty cells.
func cellValues(t *testing.T, ws xlsxWorksheet) [][]string {
	t.Helper()
	var rows [][]string
	for i, r := range ws.Rows {
		if r.R != i+1 {
			t.Fatalf("row %d numbered %d", i+1, r.R)
		}
		var vals []string
		for j, c := range r.Cells {
			if want := string(appendCellRef(nil, j, r.R)); c.R != want {
				t.Fatalf("cell %s where %s was expected", c.R, want)
			}
			switch {
			case c.T == "inlineStr" && c.IS != nil:
				vals = append(vals, c.IS.T)
			case c.T == "" && c.IS == nil:
				vals = append(vals, c.V)
			default:
				t.Fatalf("cell %s: unexpected type %q", c.R, c.T)
			}
		}
		rows = append(rows, vals)
	}
	return rows
}

// expectedValues is what the sheet should read back as, padded to the column count.
func expectedValues(s Sheet) [][]string {
	var rows [][]string
	pad := func(vals []string) []string {
		for len(vals) < len(s.Columns) {
			vals = append(vals, "")
		}
		return vals
	}
	if s.Title != "" {
		rows = append(rows, pad([]string{s.Title}))
	}
	var header []string
	for _, c := range s.Columns {
		header = append(header, c.Heading)
	}
	rows = append(rows, header)
	for _, r := range s.Rows {
		var vals []string
		for _, c := range r {
			if c.Numeric {
				vals = append(vals, fmt.Sprint(c.Number))
			} else {
				vals = append(vals, c.Text)
			}
		}
		rows = append(rows, pad(vals))
	}
	return rows
}

func TestCellTextsReadBack(t *testing.T) {
	tests := []struct {
		name  string
		sheet Sheet
		want  [][]string // nil: as expectedValues
	}{
		{name: "register with title", sheet: sampleRegister(12)},
		{name: "no title", sheet: Sheet{
			Columns: []Column{{Heading: "Số"}, {Heading: "Trích yếu"}},
			Rows:    [][]Cell{{Int(1), Text("Về việc <a> & \"b\" 'c'")}, {Number(-2.5)}},
		}},
		{name: "escaping and forbidden characters", sheet: Sheet{
			Title:   "Tiêu đề\x00 <&>",
			Columns: []Column{{Heading: "A\x01"}, {Heading: "B"}},
			Rows: [][]Cell{
				TextRow("<&>", "x\x0by\x1f\ufffez"),
				TextRow("dòng 1\r\ndòng 2\rdòng 3", "tab\there"),
				TextRow("  khoảng trắng  ", "bad utf-8 \xff!"),
				TextRow("𝐕 emoji 😀 ngoài BMP"),
			},
		}, want: [][]string{
			{"Tiêu đề <&>", ""},
			{"A", "B"},
			{"<&>", "xyz"},
			{"dòng 1\ndòng 2\ndòng 3", "tab\there"},
			{"  khoảng trắng  ", "bad utf-8 \ufffd!"},
			{"𝐕 emoji 😀 ngoài BMP", ""},
		}},
		{name: "numbers", sheet: Sheet{
			Columns: []Column{{Heading: "n"}},
			Rows:    [][]Cell{{Int(1000000)}, {Number(0.1)}, {Number(1e300)}, {Int(-7)}, {Number(0)}},
		}, want: [][]string{{"n"}, {"1000000"}, {"0.1"}, {"1e+300"}, {"-7"}, {"0"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == nil {
				want = expectedValues(tt.sheet)
			}
			got := cellValues(t, readWorksheet(t, openParts(t, writeBytes(t, tt.sheet))))
			if len(got) != len(want) {
				t.Fatalf("got %d rows, want %d", len(got), len(want))
			}
			for i := range want {
				if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
					t.Errorf("row %d:\n got %q\nwant %q", i+1, got[i], want[i])
				}
			}
		})
	}
}

func TestLongTextIsCutToExcelLimit(t *testing.T) {
	long := strings.Repeat("ố", MaxCellText+10)
	s := Sheet{Columns: []Column{{Heading: "A"}}, Rows: [][]Cell{{Text(long)}}}
	got := cellValues(t, readWorksheet(t, openParts(t, writeBytes(t, s))))
	if n := len([]rune(got[1][0])); n != MaxCellText {
		t.Errorf("cell holds %d characters, want %d", n, MaxCellText)
	}
}

func TestLayout(t *testing.T) {
	s := sampleRegister(3)
	parts := openParts(t, writeBytes(t, s))
	ws := readWorksheet(t, parts)

	t.Run("frozen header", func(t *testing.T) {
		if ws.Pane.State != "frozen" || ws.Pane.YSplit != 2 || ws.Pane.TopLeftCell != "A3" {
			t.Errorf("pane = %+v, want frozen above A3", ws.Pane)
		}
	})
	t.Run("print titles", func(t *testing.T) {
		var wb struct {
			Sheets []struct {
				Name string `xml:"name,attr"`
			} `xml:"sheets>sheet"`
			Names []struct {
				Name    string `xml:"name,attr"`
				LocalID string `xml:"localSheetId,attr"`
				Value   string `xml:",chardata"`
			} `xml:"definedNames>definedName"`
		}
		if err := xml.Unmarshal(parts["xl/workbook.xml"], &wb); err != nil {
			t.Fatal(err)
		}
		if len(wb.Sheets) != 1 || wb.Sheets[0].Name != "Sổ văn bản đi 2025" {
			t.Errorf("sheets = %+v", wb.Sheets)
		}
		if len(wb.Names) != 1 || wb.Names[0].Name != "_xlnm.Print_Titles" || wb.Names[0].LocalID != "0" ||
			wb.Names[0].Value != "'Sổ văn bản đi 2025'!$2:$2" {
			t.Errorf("defined names = %+v", wb.Names)
		}
	})
	t.Run("page setup", func(t *testing.T) {
		p := ws.PageSetup
		if p.PaperSize != "9" || p.Orientation != "landscape" || p.FitToWidth != "1" || p.FitToHeight != "0" || ws.SetUp.FitToPage != "1" {
			t.Errorf("page setup = %+v, fitToPage %q; want A4 landscape fitted to width", p, ws.SetUp.FitToPage)
		}
	})
	t.Run("title merged", func(t *testing.T) {
		if len(ws.Merges) != 1 || ws.Merges[0].Ref != "A1:J1" {
			t.Errorf("merges = %+v", ws.Merges)
		}
	})
	t.Run("column widths", func(t *testing.T) {
		if len(ws.Cols) != len(s.Columns) {
			t.Fatalf("%d cols, want %d", len(ws.Cols), len(s.Columns))
		}
		for i, c := range ws.Cols {
			if c.Min != i+1 || c.Width != s.Columns[i].Width {
				t.Errorf("col %d = %+v, want width %v", i+1, c, s.Columns[i].Width)
			}
		}
	})
	t.Run("styles", func(t *testing.T) {
		var st struct {
			Fonts []struct {
				Bold *struct{} `xml:"b"`
				Size struct {
					Val string `xml:"val,attr"`
				} `xml:"sz"`
				Name struct {
					Val string `xml:"val,attr"`
				} `xml:"name"`
			} `xml:"fonts>font"`
			Borders []struct {
				Left struct {
					Style string `xml:"style,attr"`
				} `xml:"left"`
			} `xml:"borders>border"`
			Xfs []struct {
				FontID    int `xml:"fontId,attr"`
				BorderID  int `xml:"borderId,attr"`
				Alignment struct {
					Vertical string `xml:"vertical,attr"`
					Wrap     string `xml:"wrapText,attr"`
				} `xml:"alignment"`
			} `xml:"cellXfs>xf"`
		}
		if err := xml.Unmarshal(parts["xl/styles.xml"], &st); err != nil {
			t.Fatal(err)
		}
		for i, f := range st.Fonts {
			if f.Name.Val != "Times New Roman" {
				t.Errorf("font %d is %q", i, f.Name.Val)
			}
		}
		if st.Fonts[0].Size.Val != "12" || st.Fonts[0].Bold != nil {
			t.Errorf("default font is not regular 12: %+v", st.Fonts[0])
		}
		for _, r := range ws.Rows {
			for _, c := range r.Cells {
				xf := st.Xfs[c.S]
				bordered := st.Borders[xf.BorderID].Left.Style == "thin"
				bold := st.Fonts[xf.FontID].Bold != nil
				switch {
				case r.R == 1: // title
					if !bold || bordered {
						t.Errorf("title cell %s: bold %v, bordered %v", c.R, bold, bordered)
					}
				case r.R == 2: // header
					if !bold || !bordered || xf.Alignment.Wrap != "1" {
						t.Errorf("header cell %s: bold %v, bordered %v, wrap %q", c.R, bold, bordered, xf.Alignment.Wrap)
					}
				default:
					if bold || !bordered || xf.Alignment.Wrap != "1" || xf.Alignment.Vertical != "top" {
						t.Errorf("body cell %s: bold %v, bordered %v, alignment %+v", c.R, bold, bordered, xf.Alignment)
					}
				}
			}
		}
	})
}

func TestSheetName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sổ văn bản đi 2025", "Sổ văn bản đi 2025"},
		{"", "Sheet1"},
		{"  ", "Sheet1"},
		{"[]:*?/\\", "Sheet1"},
		{"Sổ đi: 2025/2026", "Sổ đi 2025 2026"},
		{"'quoted'", "quoted"},
		{"O'Brien", "O'Brien"},
		{"a\x00b\tc", "ab c"},
		{"history", "history 1"},
		{"Sổ đăng ký văn bản đi của Ủy ban nhân dân xã", "Sổ đăng ký văn bản đi của Ủy ba"},
		{strings.Repeat("😀", 20), strings.Repeat("😀", 15)},
		{"abcdefghijklmnopqrstuvwxyz1234'x", "abcdefghijklmnopqrstuvwxyz1234"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := sheetName(tt.in); got != tt.want {
				t.Errorf("sheetName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSheetNameQuotedInPrintTitles(t *testing.T) {
	s := Sheet{Name: "Sổ của O'Brien & Co", Columns: []Column{{Heading: "A"}}}
	var wb struct {
		Value string `xml:"definedNames>definedName"`
	}
	if err := xml.Unmarshal(openParts(t, writeBytes(t, s))["xl/workbook.xml"], &wb); err != nil {
		t.Fatal(err)
	}
	if want := "'Sổ của O''Brien & Co'!$1:$1"; wb.Value != want {
		t.Errorf("print titles = %q, want %q", wb.Value, want)
	}
}

func TestColumnName(t *testing.T) {
	tests := []struct {
		col  int
		want string
	}{{0, "A"}, {9, "J"}, {25, "Z"}, {26, "AA"}, {51, "AZ"}, {52, "BA"}, {701, "ZZ"}, {702, "AAA"}, {MaxColumns - 1, "XFD"}}
	for _, tt := range tests {
		if got := string(appendColumnName(nil, tt.col)); got != tt.want {
			t.Errorf("column %d = %q, want %q", tt.col, got, tt.want)
		}
	}
}

func TestWriteRejects(t *testing.T) {
	one := []Column{{Heading: "A"}}
	tests := []struct {
		name  string
		sheet Sheet
		want  string
	}{
		{"no columns", Sheet{}, "no columns"},
		{"row too long", Sheet{Columns: one, Rows: [][]Cell{TextRow("a", "b")}}, "row 1 has 2 cells for 1 columns"},
		{"NaN", Sheet{Columns: one, Rows: [][]Cell{{Number(math.NaN())}}}, "NaN cannot be stored"},
		{"infinity", Sheet{Columns: one, Rows: [][]Cell{{}, {Number(math.Inf(1))}}}, "row 2, column 1: +Inf"},
		{"negative width", Sheet{Columns: []Column{{Heading: "A", Width: -1}}}, "width -1"},
		{"too wide", Sheet{Columns: []Column{{Heading: "A", Width: 300}}}, "width 300"},
		{"bad alignment", Sheet{Columns: []Column{{Heading: "A", Align: 9}}}, "unknown alignment"},
		{"too many rows", Sheet{Columns: one, Rows: make([][]Cell, MaxRows)}, "rows, at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tt.sheet)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Write error = %v, want one containing %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written before the error", buf.Len())
			}
		})
	}
}

type failingWriter struct{ after int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.after -= len(p); w.after < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWriteReportsWriterError(t *testing.T) {
	for _, after := range []int{0, 100, 2000} {
		err := Write(&failingWriter{after: after}, sampleRegister(2000))
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("after %d bytes: error = %v, want disk full", after, err)
		}
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	a, b := writeBytes(t, sampleRegister(30)), writeBytes(t, sampleRegister(30))
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same sheet differ")
	}
}

// TestGolden keeps the XML of a small register under review: run with -update after a
// deliberate change and read the diff.
func TestGolden(t *testing.T) {
	parts := openParts(t, writeBytes(t, sampleRegister(2)))
	for _, name := range []string{"xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"} {
		t.Run(name, func(t *testing.T) {
			golden := filepath.Join("testdata", strings.ReplaceAll(name, "/", "_")+".golden")
			got := parts[name]
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run go test -update and review the diff)\n got: %s", name, golden, got)
			}
		})
	}
}

func TestWriteSample(t *testing.T) {
	if *sampleDir == "" {
		t.Skip("no -sample-dir given")
	}
	if err := os.MkdirAll(*sampleDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*sampleDir, "register.xlsx"), writeBytes(t, sampleRegister(60)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLibreOfficeReadsIt converts a written register to CSV with LibreOffice, the
// application a văn thư most likely has, and checks every value, diacritics included, comes
// through. Filter options 44,34,76 are comma, double quote, UTF-8.
func TestLibreOfficeReadsIt(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not on PATH: the XLSX is not checked against a real spreadsheet application")
	}
	if testing.Short() {
		t.Skip("-short: skipping the LibreOffice conversion, which takes seconds")
	}
	dir := t.TempDir()
	s := sampleRegister(40)
	s.Rows = append(s.Rows, TextRow("<&>", "\"trích dẫn\"", "Ơ ư ừ ữ ự ỹ Đ đ"))
	in := filepath.Join(dir, "register.xlsx")
	if err := os.WriteFile(in, writeBytes(t, s), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := convert(soffice, dir, in, "csv:Text - txt - csv (StarCalc):44,34,76"); err != nil {
		// LibreOffice without its Calc component (Debian's libreoffice-calc-nogui) loads no
		// spreadsheet at all; tell that apart from a file it cannot read.
		probe := filepath.Join(dir, "probe.csv")
		if werr := os.WriteFile(probe, []byte("a,b\n1,2\n"), 0o644); werr != nil {
			t.Fatal(werr)
		}
		if _, perr := convert(soffice, dir, probe, "xlsx"); perr != nil {
			t.Skipf("soffice cannot load even a CSV file, so LibreOffice Calc is missing (Debian: libreoffice-calc-nogui); the XLSX is not checked against a real spreadsheet application: %v\n%s", err, out)
		}
		t.Fatalf("LibreOffice cannot read the XLSX: %v\n%s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "register.csv"))
	if err != nil {
		t.Fatalf("no CSV produced: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	got, err := r.ReadAll()
	if err != nil {
		t.Fatalf("reading LibreOffice's CSV: %v", err)
	}
	want := expectedValues(s)
	if len(got) != len(want) {
		t.Fatalf("LibreOffice read %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, got[i], want[i])
		}
	}
}

// convert runs a LibreOffice conversion of in into dir. soffice exits 0 even when it could
// not load the file, so a missing output is the error.
func convert(soffice, dir, in, filter string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// A profile of its own, so a LibreOffice already running (or another test) is not
	// reused or disturbed.
	cmd := exec.CommandContext(ctx, soffice,
		"-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", filter, "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return out, err
	}
	ext, _, _ := strings.Cut(filter, ":")
	name := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in)) + "." + ext
	if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
		return out, fmt.Errorf("no %s produced", name)
	}
	return out, nil
}

func BenchmarkWrite1000Rows(b *testing.B) {
	s := sampleRegister(1000)
	var size int
	for b.Loop() {
		var cw countingWriter
		if err := Write(&cw, s); err != nil {
			b.Fatal(err)
		}
		size = int(cw)
	}
	b.ReportMetric(float64(size), "file-bytes")
}

type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
