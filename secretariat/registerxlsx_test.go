package secretariat

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"vanthu/register"
)

// sampleEntries is a register of n lines with the texts a real one holds: multi-line
// recipients, long subjects, markup characters.
func sampleEntries(n int) []register.Entry {
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
	entries := make([]register.Entry, n)
	for i := range entries {
		entries[i] = register.Entry{NumberSymbol: fmt.Sprintf("%d/UBND-VP", 1028+i), Date: day.AddDate(0, 0, i/3),
			TitleSubject: subjects[i%len(subjects)], Signer: signers[i%len(signers)], Recipients: recipients[i%len(recipients)],
			ArchiveUnit: "Văn phòng HĐND và UBND", Copies: 2 + i%5, SentOn: day.AddDate(0, 0, i/3+1).Format("02/01/2006")}
		if i%4 == 1 {
			entries[i].ReceivedBy, entries[i].Note = "Đ/c Hoà", "Khẩn"
		}
	}
	return entries
}

// hostile are lines whose texts must come out as typed text: decomposed (NFD) letters
// composed, formulas kept as text, control characters dropped, line ends (and Word's
// manual line break, \v) made "\n".
var hostile = []struct {
	entry register.Entry
	want  []string // the ten cells as read back
}{
	{register.Entry{NumberSymbol: "=1+1", TitleSubject: "=HYPERLINK(\"http://example.com\",\"Bấm vào đây\")",
		Signer: "+84 912", Recipients: "@SUM(A1:A2)", ArchiveUnit: "-2+3", Note: "\tTab"},
		[]string{"=1+1", "01/01/0001", "=HYPERLINK(\"http://example.com\",\"Bấm vào đây\")", "+84 912", "@SUM(A1:A2)", "-2+3", "0", "", "", "\tTab"}},
	{register.Entry{NumberSymbol: "05/QĐ-UBND", TitleSubject: "Quye\u0302\u0301t đi\u0323nh ve\u0302\u0300 vie\u0323\u0302c <a> & \"b\"",
		Signer: "Nguye\u0302\u0303n Va\u0306n A", Recipients: "dòng 1\r\ndòng 2\rdòng 3", ArchiveUnit: "NUL\x00 và \x0bVT", Copies: 3},
		[]string{"05/QĐ-UBND", "01/01/0001", "Quyết định về việc <a> & \"b\"", "Nguyễn Văn A", "dòng 1\ndòng 2\ndòng 3", "NUL và \nVT", "3", "", "", ""}},
}

// writeRegister writes entries and opens the result with excelize, as a reader would.
func writeRegister(t testing.TB, title string, entries []register.Entry) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteRegisterXLSX(&buf, title, entries); err != nil {
		t.Fatalf("WriteRegisterXLSX: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

// expectedRows is what a register reads back as: title, header, then the ten columns and
// the Độ khẩn.
func expectedRows(title string, entries []register.Entry) [][]string {
	rows := [][]string{{title}, register.ExportColumns(false)}
	for i := range entries {
		rows = append(rows, registerRow(&entries[i]))
	}
	return rows
}

// trimRow drops trailing empty cells, as readers of a sheet do.
func trimRow(row []string) []string {
	for len(row) > 0 && row[len(row)-1] == "" {
		row = row[:len(row)-1]
	}
	return row
}

func compareRows(t *testing.T, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d rows read back, want %d", len(got), len(want))
	}
	for i := range want {
		if g, w := strings.Join(trimRow(got[i]), "|"), strings.Join(trimRow(want[i]), "|"); g != w {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, g, w)
		}
	}
}

func TestRegisterXLSXContent(t *testing.T) {
	const title = "SỔ ĐĂNG KÝ VĂN BẢN ĐI — NĂM 2025"
	entries := sampleEntries(12)
	want := expectedRows(title, entries)
	for _, h := range hostile {
		entries = append(entries, h.entry)
		want = append(want, h.want)
	}
	f, raw := writeRegister(t, title, entries)
	got, err := f.GetRows(registerSheet)
	if err != nil {
		t.Fatal(err)
	}
	compareRows(t, got, want)

	// Texts are strings, never formulas; the copies are numbers.
	sheet := string(unzipParts(t, raw)["xl/worksheets/sheet1.xml"])
	if strings.Contains(sheet, "<f>") || strings.Contains(sheet, "<f ") {
		t.Errorf("a formula in the sheet:\n%s", sheet)
	}
	for _, cell := range []string{"A15", "C15", "D15", "E15"} {
		if typ, err := f.GetCellType(registerSheet, cell); err != nil || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
			t.Errorf("%s: type %v, %v; want a string", cell, typ, err)
		}
	}
	if typ, err := f.GetCellType(registerSheet, "G3"); err != nil || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("G3 (copies): type %v, %v; want a number", typ, err)
	}
}

func TestRegisterXLSXLongTextIsCut(t *testing.T) {
	long := strings.Repeat("ố", excelize.TotalCellChars+10) + "😀"
	f, _ := writeRegister(t, "SỔ", []register.Entry{{NumberSymbol: "1/UBND", TitleSubject: long}})
	v, err := f.GetCellValue(registerSheet, "C3")
	if err != nil {
		t.Fatal(err)
	}
	if n := len([]rune(v)); n != excelize.TotalCellChars {
		t.Errorf("cell holds %d characters, want %d", n, excelize.TotalCellChars)
	}
}

func TestRegisterXLSXLayout(t *testing.T) {
	entries := sampleEntries(3)
	f, _ := writeRegister(t, "SỔ ĐĂNG KÝ VĂN BẢN ĐI", entries)

	if p, err := f.GetPanes(registerSheet); err != nil || !p.Freeze || p.YSplit != 2 || p.TopLeftCell != "A3" {
		t.Errorf("panes %+v, %v; want frozen above A3", p, err)
	}
	var titles []excelize.DefinedName
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" {
			titles = append(titles, n)
		}
	}
	if len(titles) != 1 || titles[0].Scope != registerSheet || titles[0].RefersTo != "'Sổ văn bản đi'!$2:$2" {
		t.Errorf("print titles %+v", titles)
	}
	if p, err := f.GetPageLayout(registerSheet); err != nil || *p.Size != 9 || *p.Orientation != "landscape" || *p.FitToWidth != 1 || *p.FitToHeight != 0 {
		t.Errorf("page layout %+v, %v; want A4 landscape, one page wide", p, err)
	}
	if p, err := f.GetSheetProps(registerSheet); err != nil || p.FitToPage == nil || !*p.FitToPage {
		t.Errorf("fit to page not set: %+v, %v", p, err)
	}
	if h, err := f.GetHeaderFooter(registerSheet); err != nil || h.OddFooter != "&CTrang &P/&N" {
		t.Errorf("footer %+v, %v", h, err)
	}
	if m, err := f.GetMergeCells(registerSheet); err != nil || len(m) != 1 || m[0].GetStartAxis() != "A1" || m[0].GetEndAxis() != "K1" {
		t.Errorf("merged cells %v, %v; want the title over A1:K1 (ten columns and the Độ khẩn)", m, err)
	}
	for i, w := range registerWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if got, err := f.GetColWidth(registerSheet, col); err != nil || got != w {
			t.Errorf("column %s width %v, %v; want %v", col, got, err, w)
		}
	}
	// The first line's recipients take three lines: its row is three lines high.
	if h, err := f.GetRowHeight(registerSheet, 3); err != nil || h < 3*bodySize*lineSpacing {
		t.Errorf("row 3 height %v, %v; want three lines", h, err)
	}
	style := func(cell string) *excelize.Style {
		id, err := f.GetCellStyle(registerSheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	bordered := func(s *excelize.Style) bool { return len(s.Border) == 4 }
	for cell, want := range map[string]struct {
		bold, border bool
		horizontal   string
	}{"A1": {true, false, "center"}, "C2": {true, true, "center"}, "C3": {false, true, ""}, "B3": {false, true, "center"}, "G4": {false, true, "center"}} {
		s := style(cell)
		if s.Font == nil || s.Font.Family != "Times New Roman" || s.Font.Bold != want.bold || bordered(s) != want.border ||
			s.Alignment == nil || !s.Alignment.WrapText || s.Alignment.Horizontal != want.horizontal {
			t.Errorf("%s: font %+v, borders %d, alignment %+v; want bold %v, borders %v, %q", cell, s.Font, len(s.Border), s.Alignment,
				want.bold, want.border, want.horizontal)
		}
		if cell != "A1" && cell != "C2" && s.Alignment.Vertical != "top" {
			t.Errorf("%s: body text not at the top of its cell: %+v", cell, s.Alignment)
		}
	}
}

func TestLineCount(t *testing.T) {
	const width = 40*digitWidth - cellPadding // the trích yếu column of the register
	tests := []struct {
		name string
		text string
		want int
	}{
		{"empty", "", 1},
		{"short", "Công văn", 1},
		{"line breaks", "- Như trên;\n- Lưu: VT.", 2},
		{"blank lines count", "a\n\nb", 3},
		{"wraps at spaces", strings.Repeat("trích yếu ", 8), 2},
		{"long subject", "Công văn về việc tăng cường công tác phòng, chống thiên tai, tìm kiếm cứu nạn mùa mưa bão năm 2025", 3},
		{"word filling the cell", strings.Repeat("x", 38), 1}, // x is 0.5 em: 38 × 6 pt × 1.03 < 236 pt
		{"word longer than the cell is cut", strings.Repeat("x", 39), 2},
		{"very long word", strings.Repeat("x", 200), 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lineCount(tt.text, width, bodySize, false); got != tt.want {
				t.Errorf("lineCount = %d, want %d", got, tt.want)
			}
		})
	}
	t.Run("bold is wider", func(t *testing.T) {
		text := strings.Repeat("n", 36) // fits in regular, not in bold
		if r, b := lineCount(text, width, bodySize, false), lineCount(text, width, bodySize, true); r != 1 || b != 2 {
			t.Errorf("regular %d lines, bold %d; want 1 and 2", r, b)
		}
	})
}

func TestRowHeight(t *testing.T) {
	widths := []float64{50, 200}
	if h := rowHeight([]string{"1", "một dòng"}, widths, bodySize, false); h != 0 {
		t.Errorf("single-line row given height %v, want the default (0)", h)
	}
	h := rowHeight([]string{"", "dòng 1\ndòng 2\ndòng 3"}, widths, bodySize, false)
	if want := 3*bodySize*lineSpacing + rowPadding; h < want || h > want+0.25 {
		t.Errorf("three-line row height %v, want %v rounded up to a quarter point", h, want)
	}
	if h := rowHeight([]string{"SỔ ĐĂNG KÝ"}, []float64{500}, titleSize, true); h < titleSize*lineSpacing {
		t.Errorf("title row height %v is less than one line of %vpt", h, titleSize)
	}
}

// TestRegisterXLSXInLibreOffice converts a written register to CSV with LibreOffice Calc,
// the application a văn thư most likely has, and checks every value comes through:
// diacritics, markup characters, and formulas as the text typed, not their results.
// Filter options 44,34,76 are comma, double quote, UTF-8. Skipped, saying so, without
// soffice or its Calc component, and with -short.
func TestRegisterXLSXInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not on PATH: the XLSX is not checked against a real spreadsheet application")
	}
	if testing.Short() {
		t.Skip("-short: skipping the LibreOffice conversion, which takes seconds")
	}
	dir := t.TempDir()
	const title = "SỔ ĐĂNG KÝ VĂN BẢN ĐI — NĂM 2025"
	entries := sampleEntries(40)
	want := expectedRows(title, entries)
	for _, h := range hostile {
		entries = append(entries, h.entry)
		want = append(want, h.want)
	}
	var buf bytes.Buffer
	if err := WriteRegisterXLSX(&buf, title, entries); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "register.xlsx")
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
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
			t.Skipf("soffice cannot load even a CSV file, so LibreOffice Calc is missing; the XLSX is not checked against a real spreadsheet application: %v\n%s", err, out)
		}
		t.Fatalf("LibreOffice cannot read the XLSX: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "register.csv"))
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	got, err := r.ReadAll()
	if err != nil {
		t.Fatalf("reading LibreOffice's CSV: %v", err)
	}
	compareRows(t, got, want)
}

// convert runs a LibreOffice conversion of in into dir. soffice exits 0 even when it could
// not load the file, so a missing output is the error.
func convert(soffice, dir, in, filter string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// A profile of its own, so a LibreOffice already running (or another test) is not
	// reused or disturbed.
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
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

// BenchmarkRegisterXLSX writes registers of 1,000, 10,000 and 100,000 lines.
func BenchmarkRegisterXLSX(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		entries := sampleEntries(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				if err := WriteRegisterXLSX(&buf, "SỔ ĐĂNG KÝ VĂN BẢN ĐI", entries); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "file-bytes")
		})
	}
}

// unzipParts returns the parts of a zip by name.
func unzipParts(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return parts
}
