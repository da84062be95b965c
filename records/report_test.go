package records_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/internal/apptest"
)

// reportFile is one achievement report the API answered, by its file name.
type reportFile struct {
	name string
	docx []byte
}

// reportsOf asks the achievement reports of a proposal and returns them: the .docx of one
// nominee, or each .docx of the .zip of several.
func reportsOf(t *testing.T, a *apptest.App, proposalID int64, body map[string]any) []reportFile {
	t.Helper()
	res := call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/reports", proposalID), body, 200, nil)
	ct := res.Header.Get("Content-Type")
	if strings.HasPrefix(ct, "application/vnd.openxmlformats") {
		if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "bao-cao-thanh-tich-") {
			t.Errorf("Content-Disposition %q", cd)
		}
		return []reportFile{{name: "bao-cao-thanh-tich.docx", docx: res.Body}}
	}
	if ct != "application/zip" {
		t.Fatalf("reports answered %q", ct)
	}
	zr, err := zip.NewReader(bytes.NewReader(res.Body), int64(len(res.Body)))
	if err != nil {
		t.Fatal(err)
	}
	var out []reportFile
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, reportFile{name: f.Name, docx: data})
	}
	return out
}

// reportText returns a report's paragraphs, keeping the .docx under VANTHU_KEEP_DOCX.
func reportText(t *testing.T, r reportFile) string {
	t.Helper()
	if dir := os.Getenv("VANTHU_KEEP_DOCX"); dir != "" {
		name := filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+"-"+filepath.Base(r.name))
		if !strings.HasSuffix(name, ".docx") {
			name += ".docx"
		}
		if err := os.WriteFile(name, r.docx, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return apptest.OpenDocx(t, r.docx).Text()
}

// noRegisterParts checks what a report must not print: it is neither numbered nor sent.
func noRegisterParts(t *testing.T, what, text string) {
	t.Helper()
	mustContain(t, what, text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO THÀNH TÍCH")
	mustNotContain(t, what, text, "Số:", "Nơi nhận", "Lưu: VT", "CÔNG AN XÃ ĐÔNG TIẾN")
}

// giayKhenReports checks the reports of the Giấy khen proposal of the commune's year, before
// the award: one per eligible nominee (five people and Thôn Phù Lưu, not Triệu Xá), the
// individual model for a person, the collective one for the area, nothing registered.
func giayKhenReports(t *testing.T, a *apptest.App, proposalID int64) {
	t.Helper()
	var before []document
	call(t, a, "GET", "/api/documents?limit=1000", nil, 200, &before)
	reps := reportsOf(t, a, proposalID, map[string]any{"date": "2025-12-10", "confirmer": "Nguyễn Văn Tuấn"})
	var names []string
	for _, r := range reps {
		names = append(names, r.name)
	}
	want := []string{"01 Lê Văn Bình.docx", "02 Nguyễn Thị Lan.docx", "03 Trịnh Văn Cường.docx", "04 Đỗ Văn Hùng.docx",
		"05 Vũ Thị Hoa.docx", "06 Thôn Phù Lưu.docx"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Fatalf("reports %q, want %q", names, want)
	}

	text := reportText(t, reps[1])
	noRegisterParts(t, "individual report", text)
	mustContain(t, "individual report", text, "ĐỀ NGHỊ TẶNG GIẤY KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ",
		"Đông Tiến, ngày 10 tháng 12 năm 2025", "I. SƠ LƯỢC LÝ LỊCH",
		"Họ và tên: Nguyễn Thị Lan; giới tính: nữ; năm sinh: 1971.", "Nơi ở: Thôn Phù Lưu, xã Đông Tiến.",
		"Chức vụ: Tổ phó Tổ bảo vệ an ninh, trật tự thôn Phù Lưu.",
		"Đơn vị công tác: Thôn Phù Lưu, xã Đông Tiến, tỉnh Thanh Hoá.", "II. THÀNH TÍCH ĐẠT ĐƯỢC",
		"Trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025: hoàn thành xuất sắc nhiệm vụ năm 2025.",
		"III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "Chưa có hình thức khen thưởng",
		"Trên đây là báo cáo thành tích của bà Nguyễn Thị Lan, kính đề nghị Công an xã Đông Tiến xem xét, đề nghị Chủ tịch UBND xã Đông Tiến tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã./.",
		"THỦ TRƯỞNG ĐƠN VỊ", "NGƯỜI BÁO CÁO THÀNH TÍCH", "Nguyễn Văn Tuấn")
	mustNotContain(t, "individual report", text, "ĐẶC ĐIỂM, TÌNH HÌNH", "Kết quả bình xét")

	text = reportText(t, reps[5])
	noRegisterParts(t, "collective report", text)
	mustContain(t, "collective report", text, "ĐỀ NGHỊ TẶNG GIẤY KHEN", "Thôn Phù Lưu\nI. ĐẶC ĐIỂM, TÌNH HÌNH",
		"Thôn Phù Lưu là khu dân cư thuộc xã Đông Tiến, tỉnh Thanh Hoá.", "năm 2025: khu dân cư an toàn về an ninh, trật tự.",
		"Khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự”", "Kết quả xét công nhận năm 2025",
		"Trên đây là báo cáo thành tích của thôn Phù Lưu", "TRƯỞNG THÔN")
	// The signing title breaks between its phrases.
	mustContain(t, "collective report", text, "XÁC NHẬN CỦA\nCẤP TRÌNH KHEN THƯỞNG")
	mustNotContain(t, "collective report", text, "SƠ LƯỢC LÝ LỊCH", "NGƯỜI BÁO CÁO THÀNH TÍCH")

	var after []document
	call(t, a, "GET", "/api/documents?limit=1000", nil, 200, &after)
	if len(after) != len(before) {
		t.Errorf("reports stored documents: %d before, %d after", len(before), len(after))
	}
	var e apiError
	call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/reports", proposalID), map[string]any{"nominee_id": 999999}, 422, &e)
	mustContain(t, "unknown nominee", e.Fields["nominee_id"], "không có trong đề nghị này")

	if strings.Contains(t.Name(), "/sqlite/") {
		reportsOpenInLibreOffice(t, []reportFile{reps[1], reps[5]})
	}
}

// cstdReport checks the report of the Chiến sĩ thi đua cơ sở nominee accepted 8/9: the vote,
// and the Giấy khen granted earlier in the year in section III with its decision.
func cstdReport(t *testing.T, a *apptest.App, proposalID, refusedID int64, decision string) {
	t.Helper()
	// Only the accepted nominee is eligible: one report, answered as a .docx.
	reps := reportsOf(t, a, proposalID, map[string]any{"date": "2025-12-23"})
	if len(reps) != 1 || reps[0].name != "bao-cao-thanh-tich.docx" {
		t.Fatalf("%d reports, want the one .docx", len(reps))
	}
	text := reportText(t, reps[0])
	noRegisterParts(t, "CSTĐ report", text)
	mustContain(t, "CSTĐ report", text, "ĐỀ NGHỊ TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ", "Họ và tên: Lê Văn Bình; giới tính: nam; năm sinh: 1970.",
		"Kết quả bình xét: Hội đồng Thi đua, khen thưởng xã Đông Tiến họp ngày 22/12/2025, 08/09 thành viên Hội đồng đồng ý (89 %).",
		"Giấy khen của Chủ tịch Ủy ban nhân dân xã", decision+" của Chủ tịch UBND xã Đông Tiến",
		"tặng danh hiệu Chiến sĩ thi đua cơ sở./.")
	mustNotContain(t, "CSTĐ report", text, "Chưa có hình thức khen thưởng")

	// The refused nominee's report can still be asked by id: it is written before the vote.
	reps = reportsOf(t, a, proposalID, map[string]any{"nominee_id": refusedID})
	text = reportText(t, reps[0])
	mustContain(t, "refused nominee's report", text, "Phạm Văn Hải", "07/09 thành viên Hội đồng đồng ý (78 %)",
		"Chưa có hình thức khen thưởng")
}

// reportsOpenInLibreOffice converts reports to PDF and checks the national name and the
// title are there; skipped without soffice and pdftotext, or with -short.
func reportsOpenInLibreOffice(t *testing.T, reps []reportFile) {
	t.Helper()
	for _, tool := range []string{"soffice", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Logf("%s not installed: LibreOffice check of the reports skipped", tool)
			return
		}
	}
	if testing.Short() {
		t.Log("-short: LibreOffice check of the reports skipped")
		return
	}
	dir := t.TempDir()
	var files []string
	for i, r := range reps {
		path := filepath.Join(dir, fmt.Sprintf("report-%d.docx", i))
		if err := os.WriteFile(path, r.docx, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir}, files...)
	if out, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, f := range files {
		text, err := exec.Command("pdftotext", "-layout", strings.TrimSuffix(f, ".docx")+".pdf", "-").Output()
		if err != nil {
			t.Errorf("%s: LibreOffice made no PDF (%v)", filepath.Base(f), err)
			continue
		}
		mustContain(t, "PDF of "+filepath.Base(f), string(text), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO THÀNH TÍCH",
			"III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
	}
}

// medalReport checks the report of a nominee for the team members' medal, asked by id
// before the nominee qualifies: it gives the years of service the award counts, and the
// authority that grants the medal.
func medalReport(t *testing.T, a *apptest.App, personID int64) {
	t.Helper()
	var p struct {
		ID int64 `json:"id"`
	}
	call(t, a, "POST", "/api/proposals", map[string]any{"award_id": "ky-niem-chuong-to-bao-ve-antt", "year": 2025,
		"proposer_id": "cong-an-xa-dong-tien", "movement": "phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025",
		"summary": "Thành viên Tổ bảo vệ an ninh, trật tự."}, 201, &p)
	var ns []struct {
		ID int64 `json:"id"`
	}
	call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/nominees", p.ID), map[string]any{"nominees": []map[string]any{
		{"kind": "person", "person_id": personID, "achievement": "Tích cực tuần tra"}}}, 201, &ns)
	var e apiError
	call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/reports", p.ID), map[string]any{}, 422, &e)
	mustContain(t, "no eligible nominee", e.Fields["nominees"], "Không có tập thể, cá nhân nào đủ điều kiện")
	reps := reportsOf(t, a, p.ID, map[string]any{"nominee_id": ns[0].ID, "date": "2025-12-15"})
	text := reportText(t, reps[0])
	noRegisterParts(t, "medal report", text)
	mustContain(t, "medal report", text, "ĐỀ NGHỊ TẶNG KỶ NIỆM CHƯƠNG", "Họ và tên: Lê Thị Mai; giới tính: nữ",
		"Thời gian tham gia Tổ bảo vệ an ninh, trật tự: dưới 01 năm (tính đến hết năm 2025).",
		"đề nghị Bộ trưởng Bộ Công an tặng Kỷ niệm chương")
	mustNotContain(t, "medal report", text, "Kết quả bình xét")
}

// collectiveReport checks the report of a collective that is a body of the directory (the
// commune's police, proposed by the people's committee) for Tập thể lao động tiên tiến: the
// collective model, its name once and with its capital, the head's title on the right.
func collectiveReport(t *testing.T, a *apptest.App) {
	t.Helper()
	var p struct {
		ID int64 `json:"id"`
	}
	call(t, a, "POST", "/api/proposals", map[string]any{"award_id": "tap-the-lao-dong-tien-tien", "year": 2025,
		"proposer_id": "ubnd-xa-dong-tien", "movement": "phong trào thi đua năm 2025",
		"summary": "Tập thể hoàn thành tốt nhiệm vụ."}, 201, &p)
	call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/nominees", p.ID), map[string]any{"nominees": []map[string]any{
		{"kind": "collective", "unit_id": "cong-an-xa-dong-tien", "achievement": "Hoàn thành tốt nhiệm vụ năm 2025"}}}, 201, nil)
	reps := reportsOf(t, a, p.ID, map[string]any{"date": "2025-12-15"})
	text := reportText(t, reps[0])
	mustContain(t, "collective report", text, "ĐỀ NGHỊ TẶNG DANH HIỆU TẬP THỂ LAO ĐỘNG TIÊN TIẾN",
		"Công an xã Đông Tiến\nI. ĐẶC ĐIỂM, TÌNH HÌNH\nCông an xã Đông Tiến, tỉnh Thanh Hoá.",
		"Chưa có hình thức khen thưởng", "TRƯỞNG CÔNG AN",
		"Trên đây là báo cáo thành tích của Công an xã Đông Tiến, kính đề nghị Ủy ban nhân dân xã Đông Tiến xem xét, đề nghị Chủ tịch UBND xã Đông Tiến tặng danh hiệu Tập thể lao động tiên tiến./.")
	mustNotContain(t, "collective report", text, "SƠ LƯỢC LÝ LỊCH", "NGƯỜI BÁO CÁO THÀNH TÍCH")
}
