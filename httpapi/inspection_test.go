package httpapi_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"vanthu/inspection"
	"vanthu/internal/apptest"
)

// jsonBody encodes v for a request.
func jsonBody(t testing.TB, v any) *bytes.Reader {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b)
}

// expect fails unless res has status; it returns res for chaining.
func expect(t testing.TB, what string, res apptest.Response, status int) apptest.Response {
	t.Helper()
	if res.Status != status {
		t.Fatalf("%s: %d, want %d: %s", what, res.Status, status, apptest.Excerpt(res.Body))
	}
	return res
}

// errorOf decodes an error answer.
func errorOf(t testing.TB, res apptest.Response) (code, message string, fields map[string]string) {
	t.Helper()
	var e struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	}
	res.JSON(t, &e)
	return e.Code, e.Message, e.Fields
}

// multipartRegistration builds a registration body with files: name → (field, content).
func multipartRegistration(t testing.TB, fields map[string]string, files [][3]string) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		fw, err := w.CreateFormFile(f[0], f[1])
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(f[2]))
	}
	w.Close()
	return &buf, w.FormDataContentType()
}

// allPassAnswers answers every answerable criterion of the checklist "đạt".
func allPassAnswers(c *inspection.Checklist) map[string]inspection.Answer {
	m := map[string]inspection.Answer{}
	for _, cr := range c.Leaves() {
		if cr.Answerable() {
			m[cr.ID] = inspection.Answer{Result: inspection.Pass}
		}
	}
	return m
}

func TestChecklistsAPI(t *testing.T) {
	a := apptest.NewSQLite(t)
	var list []struct {
		ID       string `json:"id"`
		Criteria []struct {
			ID    string `json:"id"`
			Basis string `json:"basis"`
		} `json:"criteria"`
	}
	expect(t, "list", a.Do(t, "GET", "/api/checklists", nil), 200).JSON(t, &list)
	if len(list) != 4 || list[0].ID != "khu-dan-cu" || list[0].Criteria[0].Basis != "Điều 4, khoản 1, TT 124/2021/TT-BCA" {
		t.Errorf("checklists %+v", list)
	}
	res := expect(t, "one", a.Do(t, "GET", "/api/checklists/xa", nil), 200)
	if !strings.Contains(string(res.Body), `"id":"5.4"`) || !strings.Contains(string(res.Body), `"rule":"sub-objects"`) {
		t.Errorf("xa: %s", apptest.Excerpt(res.Body))
	}
	res = expect(t, "unknown", a.Do(t, "GET", "/api/checklists/khong-co", nil), 404)
	if _, msg, _ := errorOf(t, res); msg != inspection.MsgChecklistNotFound {
		t.Errorf("message %q", msg)
	}
}

// The whole cycle for one commune with 20 residential areas, over HTTP on both databases:
// roster, registration with files, assessments (18 đạt, 2 chưa đạt for art. 4.4.b and
// 4.4.c), results, progress, then the documents: minutes, proposal, decision with an
// 18-row annex, 18 certificates and the notice, each numbered in the register when issued.
func TestInspectionCycleAPI(t *testing.T) {
	data := apptest.LoadData(t)
	for _, backend := range apptest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			backend.SkipIfUnavailable(t)
			// The day the commune decides, as the documents below are dated: an issued
			// document is dated the day it is numbered.
			a := apptest.StartAt(t, data, backend.DSN(t), time.Date(2025, time.November, 25, 10, 0, 0, 0, apptest.Now.Location()))
			docs := inspectionCycle(t, a)
			communeEdges(t, a)
			if backend.Name == "sqlite" {
				renderInLibreOffice(t, a, docs)
			}
		})
	}
}

// cycleDocuments names the documents a cycle made, by what they are.
type cycleDocuments map[string]int64

func inspectionCycle(t *testing.T, a *apptest.App) cycleDocuments {
	var round inspection.Round
	expect(t, "create round", a.Do(t, "POST", "/api/inspection/rounds",
		strings.NewReader(`{"year": 2025, "authority_id": "ubnd-xa-dong-tien"}`)), 201).JSON(t, &round)
	base := fmt.Sprintf("/api/inspection/rounds/%d", round.ID)
	if round.Calendar[inspection.ResidentialArea].ProposalDue != "2025-11-15" || round.Target != 0.8 {
		t.Errorf("round %+v", round)
	}
	expect(t, "same round twice", a.Do(t, "POST", "/api/inspection/rounds",
		strings.NewReader(`{"year": 2025, "authority_id": "ubnd-xa-dong-tien"}`)), 409)

	objects := []inspection.Object{{ID: "xa-dong-tien", Kind: inspection.Commune, Name: "Xã Đông Tiến", UnitID: "ubnd-xa-dong-tien"}}
	for i := 1; i <= 20; i++ {
		objects = append(objects, inspection.Object{ID: fmt.Sprintf("thon-%02d", i), Kind: inspection.ResidentialArea,
			Name: fmt.Sprintf("Thôn %d", i), ParentID: "xa-dong-tien"})
	}
	var roster []inspection.Object
	expect(t, "roster", a.Do(t, "PUT", base+"/objects", jsonBody(t, map[string]any{"objects": objects})), 200).JSON(t, &roster)
	if len(roster) != 21 {
		t.Fatalf("roster of %d", len(roster))
	}

	// Registration: the first with its file as multipart, the others as JSON.
	body, ct := multipartRegistration(t, map[string]string{"registered_on": "2025-02-10", "note": "Chi bộ đã có nghị quyết"},
		[][3]string{{"nghi-quyet", "nghi-quyet.pdf", "%PDF-1.7 nghị quyết"}, {"ban-dang-ky", "dang-ky.docx", "PK\x03\x04docx"}})
	var reg struct {
		Object inspection.Object       `json:"object"`
		Files  []inspection.Attachment `json:"files"`
	}
	expect(t, "register with files", a.Do(t, "POST", base+"/objects/thon-01/registration", body, "Content-Type", ct), 200).JSON(t, &reg)
	if reg.Object.RegisteredOn != "2025-02-10" || reg.Object.RegisteredLate || len(reg.Files) != 2 || reg.Files[1].ContentType !=
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
		t.Errorf("registration %+v", reg)
	}
	file := expect(t, "download", a.Do(t, "GET", fmt.Sprintf("%s/attachments/%d", base, reg.Files[0].ID), nil), 200)
	if string(file.Body) != "%PDF-1.7 nghị quyết" || file.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("file %q %q", file.Body, file.Header.Get("Content-Type"))
	}
	for _, o := range objects {
		if o.ID == "thon-01" {
			continue
		}
		expect(t, "register "+o.ID, a.Do(t, "POST", base+"/objects/"+o.ID+"/registration",
			strings.NewReader(`{"registered_on": "2025-03-01"}`)), 200)
	}

	// The checklist an inspector opens.
	var form struct {
		Checklist  inspection.Checklist  `json:"checklist"`
		Assessment inspection.Assessment `json:"assessment"`
	}
	expect(t, "open checklist", a.Do(t, "GET", base+"/objects/thon-01/assessment", nil), 200).JSON(t, &form)
	if form.Assessment.Version != 0 || form.Checklist.ID != "khu-dan-cu" || len(form.Checklist.Criteria) != 5 {
		t.Errorf("form %+v", form)
	}
	cat := a.Checklists
	save := func(id string, version int, answers map[string]inspection.Answer) apptest.Response {
		return a.Do(t, "PUT", base+"/objects/"+id+"/assessment", jsonBody(t, map[string]any{"version": version, "answers": answers, "updated_by": "Công an xã"}))
	}
	expect(t, "commune", save("xa-dong-tien", 0, allPassAnswers(cat.Get("xa"))), 200)
	for i := 1; i <= 20; i++ {
		answers := allPassAnswers(cat.Get("khu-dan-cu"))
		switch i {
		case 19:
			answers["4.4.b"] = inspection.Answer{Result: inspection.Fail, Note: "Xảy ra vụ cướp tài sản"}
		case 20:
			answers["4.4.c"] = inspection.Answer{Result: inspection.Fail, Note: "Phát sinh tụ điểm đánh bạc"}
		}
		var saved inspection.Assessment
		expect(t, "assess", save(fmt.Sprintf("thon-%02d", i), 0, answers), 200).JSON(t, &saved)
		if saved.Version != 1 {
			t.Fatalf("version %d", saved.Version)
		}
	}
	// A second inspector still on version 0 gets 409, not a lost update.
	res := expect(t, "stale save", save("thon-05", 0, map[string]inspection.Answer{}), 409)
	if code, msg, _ := errorOf(t, res); code != "conflict" || msg != inspection.MsgStaleAssessment {
		t.Errorf("stale: %s %q", code, msg)
	}

	// Results and progress.
	var v inspection.Verdict
	expect(t, "commune result", a.Do(t, "GET", base+"/objects/xa-dong-tien/result", nil), 200).JSON(t, &v)
	if v.Outcome != inspection.Recognised || len(v.Shares) != 1 || v.Shares[0].Recognised != 18 || v.Shares[0].Registered != 20 {
		t.Errorf("commune %+v", v)
	}
	expect(t, "area result", a.Do(t, "GET", base+"/objects/thon-20/result", nil), 200).JSON(t, &v)
	if v.Outcome != inspection.NotRecognised || len(v.Reasons) != 1 || v.Reasons[0].CriterionID != "4.4.c" ||
		v.Reasons[0].Explanation != "Không đạt: Phát sinh tụ điểm đánh bạc" {
		t.Errorf("thon-20 %+v", v)
	}
	var p inspection.Progress
	expect(t, "progress", a.Do(t, "GET", base+"/progress", nil), 200).JSON(t, &p)
	if len(p.Kinds) != 2 || p.Kinds[0].RecognisedShare != 0.9 || !p.Kinds[0].MeetsTarget || len(p.Areas) != 1 {
		t.Errorf("progress %+v", p)
	}
	xlsx := expect(t, "progress.xlsx", a.Do(t, "GET", base+"/progress.xlsx", nil), 200)
	if parts := apptest.OpenZip(t, xlsx.Body); parts["xl/charts/chart1.xml"] == nil || parts["xl/worksheets/sheet1.xml"] == nil {
		t.Errorf("workbook parts: %d, no chart or sheet", len(parts))
	}

	// Documents: the minutes of thôn 19's meeting, the proposal and the decision of the
	// residential areas, the notice and the certificates.
	signer := map[string]any{"chuc_vu_nguoi_ky": "CHỦ TỊCH", "ho_ten_nguoi_ky": "Trần Quốc Hùng", "ngay_ban_hanh": "2025-11-25"}
	with := func(m map[string]any) map[string]any {
		out := map[string]any{}
		for k, v := range signer {
			out[k] = v
		}
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	areas := []inspection.Kind{inspection.ResidentialArea}
	type doc struct {
		ID     int64          `json:"id"`
		Status string         `json:"status"`
		Number int            `json:"number"`
		Symbol string         `json:"symbol"`
		Data   map[string]any `json:"data"`
	}
	create := func(what string, body map[string]any) doc {
		t.Helper()
		var d doc
		expect(t, what, a.Do(t, "POST", base+"/documents", jsonBody(t, body)), 201).JSON(t, &d)
		return d
	}
	minutes := create("minutes", map[string]any{"form": inspection.FormMinutes, "object_id": "thon-19", "issuer_id": "ubnd-xa-dong-tien",
		"data": map[string]any{"trich_yeu": "Họp xét thôn 19", "gio_bat_dau": "08 giờ 00", "ngay_hop": "2025-11-03", "dia_diem": "Nhà văn hóa thôn 19",
			"thanh_phan": []string{"Trưởng thôn", "Bí thư chi bộ", "Đại diện Công an xã"}, "chu_toa": "Lê Văn An", "chuc_vu_chu_toa": "Trưởng thôn",
			"thu_ky": "Trần Thị Bình", "chuc_vu_thu_ky": "Công an viên", "noi_dung": "Đánh giá từng tiêu chí theo Điều 4 Thông tư 124/2021/TT-BCA.",
			"gio_ket_thuc": "10 giờ 00"}})
	if !strings.Contains(fmt.Sprint(minutes.Data["ket_qua"]), "Tiêu chí 4.4.b (Điều 4, khoản 4, điểm b, TT 124/2021/TT-BCA)") {
		t.Errorf("minutes ket_qua %v", minutes.Data["ket_qua"])
	}
	proposal := create("proposal", map[string]any{"form": inspection.FormProposal, "kinds": areas, "issuer_id": "cong-an-xa-dong-tien",
		"data": with(map[string]any{"trich_yeu": "Đề nghị công nhận khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025",
			"can_cu": []string{"Căn cứ Thông tư số 124/2021/TT-BCA;"}, "ket_qua": "Tình hình an ninh, trật tự ổn định.",
			"de_nghi": "Kính trình Chủ tịch UBND xã xem xét, quyết định.", "chuc_vu_nguoi_ky": "TRƯỞNG CÔNG AN XÃ"})})
	if rows, _ := proposal.Data["danh_sach"].([]any); len(rows) != 18 || proposal.Data["so_dang_ky"] != float64(20) || proposal.Data["so_de_nghi"] != float64(18) {
		t.Errorf("proposal data %v", proposal.Data)
	}
	var decision doc
	expect(t, "decision", a.Do(t, "POST", base+"/documents", jsonBody(t, map[string]any{"form": inspection.FormDecision, "kinds": areas,
		"issuer_id": "ubnd-xa-dong-tien", "issue": true, "data": with(map[string]any{
			"trich_yeu": "Về việc công nhận khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025", "tham_quyen_ban_hanh": "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN",
			"can_cu":   []string{"Căn cứ Thông tư số 124/2021/TT-BCA ngày 28 tháng 12 năm 2021 của Bộ trưởng Bộ Công an"},
			"de_nghi":  "Theo đề nghị của Trưởng Công an xã Đông Tiến",
			"cac_dieu": []string{"Công nhận 18 khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025 (có danh sách kèm theo).", "Quyết định này có hiệu lực kể từ ngày ký."}})})),
		201).JSON(t, &decision)
	if decision.Status != "issued" || decision.Number == 0 {
		t.Fatalf("decision %+v", decision)
	}
	decisionNumber := fmt.Sprintf("%02d/%s", decision.Number, decision.Symbol)
	docx := apptest.OpenDocx(t, expect(t, "decision file", a.Do(t, "GET", fmt.Sprintf("/api/documents/%d/docx", decision.ID), nil), 200).Body)
	text := docx.Text()
	if !strings.Contains(text, "Thôn 18") || strings.Contains(text, "Thôn 19") || strings.Contains(text, "Thôn 20") ||
		!strings.Contains(text, "DANH SÁCH KHU DÂN CƯ, CƠ QUAN, DOANH NGHIỆP") || strings.Count(text, "\nKhu dân cư\n") != 18 {
		t.Errorf("decision text:\n%s", text)
	}
	notice := create("notice", map[string]any{"form": inspection.FormNotice, "kinds": areas, "issuer_id": "ubnd-xa-dong-tien",
		"data": with(map[string]any{"trich_yeu": "Kết quả xét công nhận năm 2025", "quyet_dinh": fmt.Sprintf("Quyết định số %s", decisionNumber)})})

	var certs []doc
	expect(t, "certificates", a.Do(t, "POST", base+"/certificates", jsonBody(t, map[string]any{"issuer_id": "ubnd-xa-dong-tien", "kinds": areas,
		"issue": true, "data": with(map[string]any{"nguoi_tang": "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN",
			"quyet_dinh": "Quyết định số " + decisionNumber + " ngày 25/11/2025"})})), 201).JSON(t, &certs)
	if len(certs) != 18 || certs[0].Data["nguoi_nhan"] != "Thôn 1" || certs[17].Number != certs[0].Number+17 {
		t.Errorf("%d certificates, first %+v", len(certs), certs[0])
	}
	zipped := expect(t, "certificates as a ZIP", a.Do(t, "POST", base+"/certificates", jsonBody(t, map[string]any{"issuer_id": "ubnd-xa-dong-tien",
		"kinds": areas, "bundle": "zip", "data": with(map[string]any{"nguoi_tang": "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN",
			"quyet_dinh": "Quyết định số " + decisionNumber + " ngày 25/11/2025"})})), 201)
	files := unzip(t, zipped.Body)
	if len(files) != 18 || files["0018-thon-18.docx"] == nil {
		t.Fatalf("%d files in the ZIP", len(files))
	}
	if text := apptest.OpenDocx(t, files["0018-thon-18.docx"]).Text(); !strings.Contains(text, "Thôn 18") || !strings.Contains(text, "GIẤY CÔNG NHẬN") {
		t.Errorf("certificate text:\n%s", text)
	}
	batch := expect(t, "certificates as one .docx", a.Do(t, "POST", base+"/certificates", jsonBody(t, map[string]any{"issuer_id": "ubnd-xa-dong-tien",
		"kinds": areas, "bundle": "docx", "data": with(map[string]any{"nguoi_tang": "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN",
			"quyet_dinh": "Quyết định số " + decisionNumber + " ngày 25/11/2025"})})), 201)
	checkCertificateBatch(t, batch, 18, nil)
	if a.DB.Dialect() == "sqlite" { // the file is the same on either database
		batchInLibreOffice(t, batch.Body, 18)
	}
	var entries []map[string]any
	expect(t, "register", a.Do(t, "GET", "/api/register?issuer=ubnd-xa-dong-tien&year=2025", nil), 200).JSON(t, &entries)
	if len(entries) != 19 {
		t.Errorf("%d register lines, want the decision and 18 certificates", len(entries))
	}
	return cycleDocuments{"bien-ban": minutes.ID, "to-trinh": proposal.ID, "quyet-dinh": decision.ID,
		"thong-bao": notice.ID, "giay-cong-nhan": certs[0].ID}
}

// Bad input gets a Vietnamese message naming the field, never a 500.
func TestInspectionRefusalsAPI(t *testing.T) {
	a := apptest.NewSQLite(t)
	var round inspection.Round
	expect(t, "round", a.Do(t, "POST", "/api/inspection/rounds", strings.NewReader(`{"year": 2025, "authority_id": "ubnd-xa-dong-tien"}`)), 201).JSON(t, &round)
	base := fmt.Sprintf("/api/inspection/rounds/%d", round.ID)
	expect(t, "roster", a.Do(t, "PUT", base+"/objects", strings.NewReader(`{"objects": [{"id": "thon-1", "kind": "khu-dan-cu", "name": "Thôn 1"}]}`)), 200)
	big := strings.Repeat("x", apptest.MaxUpload+1)
	pdfBody, pdfType := multipartRegistration(t, nil, [][3]string{{"ke-hoach", "ke-hoach.exe", "MZ"}})
	fakeBody, fakeType := multipartRegistration(t, nil, [][3]string{{"ke-hoach", "ke-hoach.pdf", "MZ not a pdf"}})
	oddBody, oddType := multipartRegistration(t, map[string]string{"ngay": "x"}, nil)
	bigBody, bigType := multipartRegistration(t, nil, [][3]string{{"ke-hoach", "ke-hoach.pdf", "%PDF-" + big}})
	tests := []struct {
		name, method, path string
		body               *bytes.Buffer
		header             []string
		status             int
		field              string
	}{
		{"unknown criterion", "PUT", base + "/objects/thon-1/assessment", bytes.NewBufferString(`{"version": 0, "answers": {"9.9": {"result": "dat"}}}`), nil, 422, "answers.9.9"},
		{"result outside the values", "PUT", base + "/objects/thon-1/assessment", bytes.NewBufferString(`{"version": 0, "answers": {"4.1": {"result": "tot"}}}`), nil, 422, "answers.4.1.result"},
		{"computed criterion typed in", "PUT", base + "/objects/thon-1/assessment", bytes.NewBufferString(`{"version": 0, "answers": {"4.3": {"result": "dat"}}}`), nil, 422, "answers.4.3"},
		{"no version", "PUT", base + "/objects/thon-1/assessment", bytes.NewBufferString(`{"answers": {}}`), nil, 422, "version"},
		{"object outside the round", "PUT", base + "/objects/thon-9/assessment", bytes.NewBufferString(`{"version": 0, "answers": {}}`), nil, 404, "object_id"},
		{"bad JSON", "PUT", base + "/objects/thon-1/assessment", bytes.NewBufferString(`{"version": `), nil, 400, ""},
		{"wrong type", "PUT", base + "/objects/thon-1/assessment", bytes.NewBufferString(`{"version": "một"}`), nil, 400, ""},
		{"round not a number", "GET", "/api/inspection/rounds/abc", nil, nil, 404, ""},
		{"round not there", "GET", "/api/inspection/rounds/999", nil, nil, 404, ""},
		{"year out of range", "POST", "/api/inspection/rounds", bytes.NewBufferString(`{"year": 1999, "authority_id": "ubnd-xa-dong-tien"}`), nil, 422, "year"},
		{"authority not in the directory", "POST", "/api/inspection/rounds", bytes.NewBufferString(`{"year": 2026, "authority_id": "khong-co"}`), nil, 422, "authority_id"},
		{"object kind", "PUT", base + "/objects", bytes.NewBufferString(`{"objects": [{"id": "x", "kind": "truong", "name": "X"}]}`), nil, 422, "objects[0].kind"},
		{"refused file type", "POST", base + "/objects/thon-1/registration", pdfBody, []string{"Content-Type", pdfType}, 422, "files[0]"},
		{"content not a PDF", "POST", base + "/objects/thon-1/registration", fakeBody, []string{"Content-Type", fakeType}, 422, "files[0]"},
		{"file over the body limit", "POST", base + "/objects/thon-1/registration", bigBody, []string{"Content-Type", bigType}, 413, ""},
		{"unknown form field", "POST", base + "/objects/thon-1/registration", oddBody, []string{"Content-Type", oddType}, 422, "ngay"},
		{"document of another form", "POST", base + "/documents", bytes.NewBufferString(`{"form": "cong-van", "issuer_id": "ubnd-xa-dong-tien"}`), nil, 422, "form"},
		{"minutes without object", "POST", base + "/documents", bytes.NewBufferString(`{"form": "bien-ban-hop-xet-antt", "issuer_id": "ubnd-xa-dong-tien"}`), nil, 422, "object_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res apptest.Response
			if tt.body == nil {
				res = a.Do(t, tt.method, tt.path, nil, tt.header...)
			} else {
				res = a.Do(t, tt.method, tt.path, tt.body, tt.header...)
			}
			checkRefusal(t, tt.name, res)
			if res.Status != tt.status {
				t.Fatalf("%d, want %d: %s", res.Status, tt.status, apptest.Excerpt(res.Body))
			}
			if tt.field != "" {
				if _, _, fields := errorOf(t, res); fields[tt.field] == "" {
					t.Errorf("no message for %s: %s", tt.field, apptest.Excerpt(res.Body))
				}
			}
		})
	}
	if res := a.Do(t, "GET", base+"/objects/thon-1/attachments", nil); res.Status != http.StatusOK || string(res.Body) != "[]" {
		t.Errorf("refused files stored: %s", res.Body)
	}
	// A scanned plan larger than a JSON body may be but within the upload limit is taken.
	scan, scanType := multipartRegistration(t, nil, [][3]string{{"ke-hoach", "ke-hoach.pdf", "%PDF-" + strings.Repeat("x", apptest.MaxBody)}})
	expect(t, "upload over the JSON limit", a.Do(t, "POST", base+"/objects/thon-1/registration", scan, "Content-Type", scanType), 200)
	expect(t, "remove from the roster", a.Do(t, "DELETE", base+"/objects/thon-1", nil), 204)
	expect(t, "remove again", a.Do(t, "DELETE", base+"/objects/thon-1", nil), 404)
}

// BenchmarkSaveAssessmentHTTP saves checklist answers over HTTP from 32 clients at once on
// SQLite, each client on its own residential area (so every save is a real write, not a
// conflict), and reports saves per second and the 99th percentile latency.
func BenchmarkSaveAssessmentHTTP(b *testing.B) {
	const clients = 32
	a := apptest.NewSQLite(b)
	var round inspection.Round
	expect(b, "round", a.Do(b, "POST", "/api/inspection/rounds", strings.NewReader(`{"year": 2025, "authority_id": "ubnd-xa-dong-tien"}`)), 201).JSON(b, &round)
	base := fmt.Sprintf("/api/inspection/rounds/%d", round.ID)
	var objects []inspection.Object
	for i := range clients {
		objects = append(objects, inspection.Object{ID: fmt.Sprintf("thon-%02d", i), Kind: inspection.ResidentialArea, Name: fmt.Sprintf("Thôn %d", i)})
	}
	expect(b, "roster", a.Do(b, "PUT", base+"/objects", jsonBody(b, map[string]any{"objects": objects})), 200)
	answers := allPassAnswers(a.Checklists.Get("khu-dan-cu"))

	var mu sync.Mutex
	var latencies []time.Duration
	next := make(chan int, clients)
	for i := range clients {
		next <- i
	}
	b.SetParallelism((clients + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		id := objects[<-next].ID
		version := 0
		var mine []time.Duration
		for pb.Next() {
			body, _ := json.Marshal(map[string]any{"version": version, "answers": answers})
			t0 := time.Now()
			res, err := apptest.Send(a.Client, a.URL, "PUT", base+"/objects/"+id+"/assessment", bytes.NewReader(body))
			mine = append(mine, time.Since(t0))
			if err != nil || res.Status != 200 {
				b.Errorf("save: %v %d %s", err, res.Status, apptest.Excerpt(res.Body))
				return
			}
			version++
		}
		mu.Lock()
		latencies = append(latencies, mine...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	if len(latencies) == 0 {
		return
	}
	slices.Sort(latencies)
	b.ReportMetric(float64(len(latencies))/elapsed.Seconds(), "saves/s")
	b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkCertificatesZIP renders the certificates of 1,000 recognised residential areas
// in one request, as a ZIP of single .docx files.
func BenchmarkCertificatesZIP(b *testing.B) {
	a := apptest.NewSQLite(b)
	ctx := context.Background()
	r, err := a.Inspection.CreateRound(ctx, inspection.RoundInput{Year: 2025, AuthorityID: "ubnd-xa-dong-tien"})
	if err != nil {
		b.Fatal(err)
	}
	objects := make([]inspection.Object, 1000)
	for i := range objects {
		objects[i] = inspection.Object{ID: fmt.Sprintf("kdc-%04d", i), Kind: inspection.ResidentialArea, Name: fmt.Sprintf("Tổ dân phố số %d", i+1)}
	}
	if err := a.Inspection.PutObjects(ctx, r.ID, objects); err != nil {
		b.Fatal(err)
	}
	answers := allPassAnswers(a.Checklists.Get("khu-dan-cu"))
	for _, o := range objects {
		if _, err := a.Inspection.SaveAssessment(ctx, &inspection.Assessment{RoundID: r.ID, ObjectID: o.ID, Answers: answers}); err != nil {
			b.Fatal(err)
		}
	}
	body, err := json.Marshal(map[string]any{"issuer_id": "ubnd-xa-dong-tien", "bundle": "zip", "data": map[string]any{
		"nguoi_tang": "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN", "quyet_dinh": "Quyết định số 215/QĐ-UBND ngày 25/11/2025",
		"ngay_ban_hanh": "2025-11-25", "chuc_vu_nguoi_ky": "CHỦ TỊCH", "ho_ten_nguoi_ky": "Trần Quốc Hùng"}})
	if err != nil {
		b.Fatal(err)
	}
	path := fmt.Sprintf("/api/inspection/rounds/%d/certificates", r.ID)
	b.ResetTimer()
	for b.Loop() {
		res := a.Do(b, "POST", path, bytes.NewReader(body))
		if res.Status != 201 {
			b.Fatalf("%d %s", res.Status, apptest.Excerpt(res.Body))
		}
		b.SetBytes(int64(len(res.Body)))
	}
}

// unzip returns the files of a plain ZIP by name.
func unzip(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// communeEdges checks the commune's item 4 over HTTP at its edges: 14 of 20 residential
// areas recognised (70 %) passes, 13 fails, and one area not registered fails whatever the
// share.
func communeEdges(t *testing.T, a *apptest.App) {
	var round inspection.Round
	expect(t, "round 2026", a.Do(t, "POST", "/api/inspection/rounds", strings.NewReader(`{"year": 2026, "authority_id": "ubnd-xa-dong-tien"}`)), 201).JSON(t, &round)
	base := fmt.Sprintf("/api/inspection/rounds/%d", round.ID)
	objects := []inspection.Object{{ID: "xa", Kind: inspection.Commune, Name: "Xã Đông Tiến"}}
	for i := 1; i <= 20; i++ {
		objects = append(objects, inspection.Object{ID: fmt.Sprintf("thon-%02d", i), Kind: inspection.ResidentialArea, Name: fmt.Sprintf("Thôn %d", i), ParentID: "xa"})
	}
	expect(t, "roster", a.Do(t, "PUT", base+"/objects", jsonBody(t, map[string]any{"objects": objects})), 200)
	for _, o := range objects {
		expect(t, "register", a.Do(t, "POST", base+"/objects/"+o.ID+"/registration", strings.NewReader(`{}`)), 200)
	}
	versions := map[string]int{}
	save := func(id string, answers map[string]inspection.Answer) {
		t.Helper()
		var saved inspection.Assessment
		expect(t, "save "+id, a.Do(t, "PUT", base+"/objects/"+id+"/assessment",
			jsonBody(t, map[string]any{"version": versions[id], "answers": answers})), 200).JSON(t, &saved)
		versions[id] = saved.Version
	}
	save("xa", allPassAnswers(a.Checklists.Get("xa")))
	outcome := func(recognised int) inspection.Verdict {
		t.Helper()
		for i := 1; i <= 20; i++ {
			answers := allPassAnswers(a.Checklists.Get("khu-dan-cu"))
			if i > recognised {
				answers["4.4.b"] = inspection.Answer{Result: inspection.Fail}
			}
			save(fmt.Sprintf("thon-%02d", i), answers)
		}
		var v inspection.Verdict
		expect(t, "result", a.Do(t, "GET", base+"/objects/xa/result", nil), 200).JSON(t, &v)
		return v
	}
	if v := outcome(14); v.Outcome != inspection.Recognised {
		t.Errorf("14/20: %+v", v)
	}
	if v := outcome(13); v.Outcome != inspection.NotRecognised || v.Reasons[0].CriterionID != "5.4" {
		t.Errorf("13/20: %+v", v)
	}
	objects = append(objects, inspection.Object{ID: "thon-21", Kind: inspection.ResidentialArea, Name: "Thôn 21", ParentID: "xa"})
	expect(t, "late roster entry", a.Do(t, "PUT", base+"/objects", jsonBody(t, map[string]any{"objects": objects[21:]})), 200)
	save("thon-21", allPassAnswers(a.Checklists.Get("khu-dan-cu")))
	if v := outcome(20); v.Outcome != inspection.NotRecognised || v.Shares[0].Registered != 20 || v.Shares[0].Recognised != 21 {
		t.Errorf("one not registered: %+v", v)
	}
}

// renderInLibreOffice opens the cycle's documents in LibreOffice (drafts as their preview)
// and checks the text of each PDF. It is skipped, saying so, without soffice and pdftotext.
func renderInLibreOffice(t *testing.T, a *apptest.App, docs cycleDocuments) {
	for _, tool := range []string{"soffice", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Logf("%s not installed: LibreOffice render of the cycle's documents skipped", tool)
			return
		}
	}
	if testing.Short() {
		t.Log("-short: LibreOffice render of the cycle's documents skipped")
		return
	}
	dir := t.TempDir()
	var files []string
	for name, id := range docs {
		res := expect(t, name+" file", a.Do(t, "GET", fmt.Sprintf("/api/documents/%d/docx", id), nil), 200)
		path := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(path, res.Body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir}, files...)
	if out, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	want := map[string][]string{
		"bien-ban":       {"BIÊN BẢN", "Tiêu chí 4.4.b", "THƯ KÝ"},
		"to-trinh":       {"TỜ TRÌNH", "Thôn 18", "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN"},
		"quyet-dinh":     {"QUYẾT ĐỊNH", "Thôn 18", "Phụ lục"},
		"thong-bao":      {"THÔNG BÁO", "Thôn 20", "4.4.c", "Theo Quyết định số 01/QĐ-UBND"},
		"giay-cong-nhan": {"GIẤY CÔNG NHẬN", "Thôn 1", "Đạt tiêu chuẩn"},
	}
	for name := range docs {
		out, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, name+".pdf"), "-").Output()
		if err != nil {
			t.Errorf("%s: pdftotext: %v", name, err)
			continue
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, w := range want[name] {
			if !strings.Contains(text, w) {
				t.Errorf("%s: PDF text lacks %q:\n%s", name, w, text)
			}
		}
	}
}
