package secretariat

import (
	"bytes"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"vanthu/register"
)

// The secret register's workbook: its own tab, the ten columns, Độ khẩn and Độ mật, the
// title over all twelve.
func TestSecretRegisterXLSX(t *testing.T) {
	entries := sampleEntries(2)
	entries[0].Secrecy, entries[0].Urgency = "MẬT", "THƯỢNG KHẨN"
	entries[1].Secrecy = "TỐI MẬT"
	var buf bytes.Buffer
	if err := WriteSecretRegisterXLSX(&buf, "SỔ ĐĂNG KÝ VĂN BẢN MẬT", entries); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(secretRegisterSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || !slices.Equal(rows[1], register.ExportColumns(true)) {
		t.Fatalf("rows %q", rows)
	}
	if got := rows[2][10:]; !slices.Equal(got, []string{"THƯỢNG KHẨN", "MẬT"}) {
		t.Errorf("first line's marks %q", got)
	}
	if got := rows[3][10:]; !slices.Equal(got, []string{"", "TỐI MẬT"}) {
		t.Errorf("second line's marks %q", got)
	}
	if m, err := f.GetMergeCells(secretRegisterSheet); err != nil || len(m) != 1 || m[0].GetEndAxis() != "L1" {
		t.Errorf("merged cells %v, %v; want the title over A1:L1", m, err)
	}
	for col, want := range map[string]float64{"K": markWidths[0], "L": markWidths[1]} {
		if got, err := f.GetColWidth(secretRegisterSheet, col); err != nil || got != want {
			t.Errorf("column %s width %v, %v; want %v", col, got, err, want)
		}
	}
}
