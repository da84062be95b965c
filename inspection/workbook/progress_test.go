package workbook_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"vanthu/inspection"
	"vanthu/inspection/workbook"
)

func TestWriteProgress(t *testing.T) {
	p := &inspection.Progress{Year: 2025, Target: 0.8,
		Kinds: []inspection.KindProgress{
			{Kind: inspection.ResidentialArea, Title: "Khu dân cư", Total: 20, Registered: 20, Assessed: 20, Recognised: 18,
				RegisteredShare: 1, AssessedShare: 1, RecognisedShare: 0.9, MeetsTarget: true},
			{Kind: inspection.School, Title: "Cơ sở giáo dục", Total: 2, Registered: 2, Assessed: 2, Recognised: 1,
				RegisteredShare: 1, AssessedShare: 1, RecognisedShare: 0.5},
		},
		Areas: []inspection.AreaProgress{{AreaID: "xa-a", Name: "Xã A", Kinds: []inspection.KindProgress{
			{Kind: inspection.ResidentialArea, Title: "Khu dân cư", Total: 20, Recognised: 18, RecognisedShare: 0.9, MeetsTarget: true}}}},
	}
	var buf bytes.Buffer
	if err := workbook.WriteProgress(&buf, "TIẾN ĐỘ XÂY DỰNG “AN TOÀN VỀ AN NINH, TRẬT TỰ”", p); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Tiến độ")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 || rows[4][1] != "Khu dân cư" || rows[4][5] != "18" || rows[4][9] != "Đạt" || rows[5][9] != "Chưa đạt" || rows[6][0] != "Xã A" {
		t.Errorf("rows %q", rows)
	}
	// The chart is a native one: a chart part drawn from the sheet's cells.
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, file := range z.File {
		if strings.HasPrefix(file.Name, "xl/charts/chart") {
			rc, _ := file.Open()
			xml, _ := io.ReadAll(rc)
			rc.Close()
			found = strings.Contains(string(xml), "<barChart>") && strings.Contains(string(xml), "$H$5:$H$6")
		}
	}
	if !found {
		t.Error("no native bar chart over H5:H6")
	}
}
