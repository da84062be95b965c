package workbook

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"vanthu/inspection"
)

const sheet = "Tiến độ"

// header is the table's first row.
var header = []any{"Địa bàn", "Loại đối tượng", "Tổng số", "Đã đăng ký", "Đã đánh giá", "Được công nhận",
	"Tỷ lệ đăng ký", "Tỷ lệ công nhận", "Chỉ tiêu", "Đạt chỉ tiêu"}

// WriteProgress writes p as a workbook: one table row per kind for the whole round, then
// per area, and a clustered column chart of the recognised share of each kind against the
// target. title heads the sheet.
func WriteProgress(w io.Writer, title string, p *inspection.Progress) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	if err != nil {
		return err
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		return err
	}
	set := func(row int, values []any) error {
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		return f.SetSheetRow(sheet, cell, &values)
	}
	if err := set(1, []any{title}); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", bold); err != nil {
		return err
	}
	if err := set(2, []any{fmt.Sprintf("Năm %d; chỉ tiêu công nhận %s", p.Year, percent(p.Target))}); err != nil {
		return err
	}
	if err := set(4, header); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A4", "J4", bold); err != nil {
		return err
	}
	row := 5
	write := func(area string, kinds []inspection.KindProgress) error {
		for _, k := range kinds {
			meets := "Chưa đạt"
			if k.MeetsTarget {
				meets = "Đạt"
			}
			if err := set(row, []any{area, k.Title, k.Total, k.Registered, k.Assessed, k.Recognised,
				k.RegisteredShare, k.RecognisedShare, p.Target, meets}); err != nil {
				return err
			}
			row++
		}
		return nil
	}
	if err := write("Toàn đợt xét", p.Kinds); err != nil {
		return err
	}
	roundRows := row - 1
	for _, a := range p.Areas {
		if err := write(a.Name, a.Kinds); err != nil {
			return err
		}
	}
	if row > 5 {
		if err := f.SetCellStyle(sheet, "G5", fmt.Sprintf("I%d", row-1), pct); err != nil {
			return err
		}
	}
	for col, width := range map[string]float64{"A": 28, "B": 24, "C": 10, "D": 12, "E": 12, "F": 14, "G": 14, "H": 16, "I": 10, "J": 13} {
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
	}
	if roundRows >= 5 {
		ref := func(col string) string { return fmt.Sprintf("'%s'!$%s$5:$%s$%d", sheet, col, col, roundRows) }
		chart := &excelize.Chart{
			Type: excelize.Col,
			Series: []excelize.ChartSeries{
				{Name: fmt.Sprintf("'%s'!$H$4", sheet), Categories: ref("B"), Values: ref("H")},
				{Name: fmt.Sprintf("'%s'!$I$4", sheet), Categories: ref("B"), Values: ref("I")},
			},
			Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Tỷ lệ được công nhận so với chỉ tiêu"}}},
			Legend: excelize.ChartLegend{Position: "bottom"},
			YAxis:  excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}},
		}
		if err := f.AddChart(sheet, fmt.Sprintf("L%d", 4), chart); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

func percent(share float64) string { return fmt.Sprintf("%g %%", share*100) }
