package records_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"vanthu/access"
	"vanthu/internal/apptest"
	"vanthu/records"
)

// A commune's year, end to end through the HTTP API on a real database: xã Đông Tiến
// establishes its three Tổ bảo vệ an ninh, trật tự from records, keeps a council of 9,
// proposes Giấy khen for 5 people and 2 residential areas (one not recognised this year,
// refused by name) and Chiến sĩ thi đua cơ sở for two people voted 7/9 (refused) and 8/9
// (accepted); every document is addressed to the level that decides.
func TestCommuneYear(t *testing.T) {
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			a := apptest.New(t, b.DSN(t))
			communeYear(t, a)
			auditedYear(t, a)
			if b.Name == "sqlite" {
				opensInLibreOffice(t, a)
			}
		})
	}
}

// auditedYear checks the year left one audit row per change of the records, of every
// kind, by the admin who made them, and that the chain holds.
func auditedYear(t *testing.T, a *apptest.App) {
	t.Helper()
	var rows []access.AuditEntry
	call(t, a, "GET", "/api/audit?limit=1000", nil, 200, &rows)
	actions := []string{records.ActPersonCreate, records.ActBodyCreate, records.ActBodyChange, records.ActBodyDecision,
		records.ActProposalCreate, records.ActNomineesAdd, records.ActVotes, records.ActProposalDoc, records.ActCertificate}
	count := map[string]int{}
	for _, r := range rows {
		count[r.Action]++
		if slices.Contains(actions, r.Action) && (r.Login != "admin" || len(r.Object) == 0) {
			t.Errorf("audit row %d (%s %s) by %q", r.Seq, r.Action, r.Object, r.Login)
		}
	}
	for _, action := range actions {
		if count[action] == 0 {
			t.Errorf("no audit row %s; rows by action: %v", action, count)
		}
	}
	if n, err := a.DB.VerifyAudit(t.Context()); err != nil || n < int64(len(rows)) {
		t.Errorf("audit chain: %d rows checked, %v", n, err)
	}
}

// opensInLibreOffice converts every document the year issued to PDF with LibreOffice and
// checks each has pages and the national name; skipped without soffice, pdfinfo and
// pdftotext, or with -short.
func opensInLibreOffice(t *testing.T, a *apptest.App) {
	for _, tool := range []string{"soffice", "pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Logf("%s not installed: LibreOffice check skipped", tool)
			return
		}
	}
	if testing.Short() {
		t.Log("-short: LibreOffice check skipped")
		return
	}
	var docs []document
	call(t, a, "GET", "/api/documents?status=issued&limit=1000", nil, 200, &docs)
	if len(docs) < 10 {
		t.Fatalf("only %d documents issued", len(docs))
	}
	dir := t.TempDir()
	var files []string
	for _, d := range docs {
		_, data := docxText(t, a, d.ID)
		path := filepath.Join(dir, fmt.Sprintf("%03d-%s.docx", d.ID, d.Form))
		if err := os.WriteFile(path, data, 0o644); err != nil {
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
		pdf := strings.TrimSuffix(f, ".docx") + ".pdf"
		info, err := exec.Command("pdfinfo", pdf).Output()
		if err != nil || !strings.Contains(string(info), "Pages:") {
			t.Errorf("%s: LibreOffice made no PDF (%v)", filepath.Base(f), err)
			continue
		}
		text, err := exec.Command("pdftotext", pdf, "-").Output()
		if err != nil || !strings.Contains(string(text), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") {
			t.Errorf("%s: the PDF lacks the national name (%v)", filepath.Base(f), err)
		}
	}
}

func communeYear(t *testing.T, a *apptest.App) {
	const commune = "ubnd-xa-dong-tien"
	villages := []struct{ id, name string }{
		{"thon-phu-luu", "Thôn Phù Lưu"}, {"thon-trieu-xa", "Thôn Triệu Xá"}, {"thon-tho-son", "Thôn Thọ Sơn"},
	}
	// Three people per village: the rule of the province is 3 members per rural hamlet.
	names := [][3]string{
		{"Lê Văn Bình", "Nguyễn Thị Lan", "Phạm Văn Hải"},
		{"Trịnh Văn Cường", "Hoàng Văn Dũng", "Lê Thị Mai"},
		{"Đỗ Văn Hùng", "Vũ Thị Hoa", "Ngô Văn Khánh"},
	}
	roles := [3]string{"Tổ trưởng", "Tổ phó", "Tổ viên"}
	teamMembers := make([][3]int64, 3)
	teams := make([]int64, 3)
	for i, v := range villages {
		for j, n := range names[i] {
			g := "nam"
			if strings.Contains(n, " Thị ") {
				g = "nu"
			}
			teamMembers[i][j] = newPerson(t, a, person{Name: n, Gender: g, BirthYear: 1970 + 3*i + j, UnitID: v.id,
				Position: roles[j] + " Tổ bảo vệ an ninh, trật tự " + strings.ToLower(v.name[:1]) + v.name[1:],
				Address:  v.name + ", xã Đông Tiến"})
		}
		teams[i] = newBody(t, a, body{Kind: "to-bao-ve-antt", UnitID: commune,
			Name: "Tổ bảo vệ an ninh, trật tự " + strings.ToLower(v.name[:1]) + v.name[1:], Areas: []string{v.id}})
	}

	t.Run("a team breaking the rules is refused, naming the rule", func(t *testing.T) {
		var e apiError
		call(t, a, "POST", fmt.Sprintf("/api/bodies/%d/changes", teams[0]), change{Date: "2025-07-15", Join: []joining{
			{teamMembers[0][0], "Tổ trưởng"}, {teamMembers[0][1], "Tổ trưởng"}, {teamMembers[0][2], "Tổ viên"}}}, 422, &e)
		mustContain(t, "refusal", e.fieldsText(), "phải có đúng 1 Tổ trưởng", "sau thay đổi có 2", "Thông tư 14/2024/TT-BCA",
			"phải có ít nhất 1 Tổ phó")
		call(t, a, "POST", fmt.Sprintf("/api/bodies/%d/changes", teams[0]), change{Date: "2025-07-15", Join: []joining{
			{teamMembers[0][0], "Tổ trưởng"}, {teamMembers[0][1], "Tổ phó"}}}, 422, &e)
		mustContain(t, "refusal", e.fieldsText(), "Thôn Phù Lưu có 3 thành viên theo quy định; sau thay đổi có 2", "Thanh Hoá")
	})

	// The three teams are established from the records, each by an issued decision.
	for i := range teams {
		var c composition
		call(t, a, "POST", fmt.Sprintf("/api/bodies/%d/changes", teams[i]), change{Date: "2025-07-15", Join: []joining{
			{teamMembers[i][0], "Tổ trưởng"}, {teamMembers[i][1], "Tổ phó"}, {teamMembers[i][2], "Tổ viên"}}}, 200, &c)
		if len(c.Members) != 3 || c.Members[0].Role != "Tổ trưởng" {
			t.Fatalf("composition %+v", c.Members)
		}
		var d document
		call(t, a, "POST", fmt.Sprintf("/api/bodies/%d/decision", teams[i]), map[string]any{
			"date": "2025-07-20", "signer": map[string]string{"name": "Trần Quốc Hùng"}, "issue": true}, 201, &d)
		if d.Form != "quyet-dinh-thanh-lap-to-bao-ve-antt" || d.Status != "issued" || d.IssuerID != commune || d.Symbol != "QĐ-UBND" || d.Number != i+1 || d.Year != 2025 {
			t.Errorf("decision %+v", d)
		}
		wantSubject := "Về việc thành lập Tổ bảo vệ an ninh, trật tự " + strings.ToLower(villages[i].name[:1]) + villages[i].name[1:]
		if d.Subject != wantSubject {
			t.Errorf("subject %q, want %q", d.Subject, wantSubject)
		}
		rows := tableRows(t, d.Data["thanh_vien"])
		if len(rows) != 3 || rows[0][1] != names[i][0] || rows[0][3] != "Tổ trưởng" || rows[1][3] != "Tổ phó" {
			t.Errorf("annex %q", rows)
		}
		text, _ := docxText(t, a, d.ID)
		decree30(t, "decision", text)
		mustContain(t, "decision", text, "ỦY BAN NHÂN DÂN", "XÃ ĐÔNG TIẾN", fmt.Sprintf("Số: %02d/QĐ-UBND", i+1),
			"Đông Tiến, ngày 20 tháng 7 năm 2025", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN",
			"Theo đề nghị của Trưởng Công an xã Đông Tiến", "DANH SÁCH THÀNH VIÊN TỔ BẢO VỆ AN NINH, TRẬT TỰ",
			names[i][0], names[i][1], names[i][2], "Như Điều 3", "Trần Quốc Hùng")
		var ds []struct {
			DocumentID int64  `json:"document_id"`
			Date       string `json:"date"`
		}
		call(t, a, "GET", fmt.Sprintf("/api/bodies/%d/decisions", teams[i]), nil, 200, &ds)
		if len(ds) != 1 || ds[0].DocumentID != d.ID || ds[0].Date != "2025-07-20" {
			t.Errorf("decisions recorded %+v", ds)
		}
		var ms []struct {
			DecisionID int64 `json:"decision_id"`
		}
		call(t, a, "GET", fmt.Sprintf("/api/bodies/%d/memberships", teams[i]), nil, 200, &ms)
		for _, m := range ms {
			if m.DecisionID != d.ID {
				t.Errorf("membership not linked to its decision %d: %+v", d.ID, ms)
			}
		}
	}

	// The council: 9 members from the records.
	councilRoles := []string{"Chủ tịch Hội đồng", "Phó Chủ tịch Hội đồng", "Ủy viên thường trực",
		"Ủy viên", "Ủy viên", "Ủy viên", "Ủy viên", "Ủy viên", "Thư ký Hội đồng"}
	councilNames := []string{"Trần Quốc Hùng", "Nguyễn Văn Tuấn", "Lê Thị Hương", "Phạm Văn Khoa", "Bùi Văn Nam",
		"Đặng Thị Thu", "Cao Văn Sơn", "Mai Văn Tú", "Lê Thị Ngọc"}
	positions := []string{"Chủ tịch UBND xã", "Trưởng Công an xã", "Chủ tịch Ủy ban MTTQ Việt Nam xã", "Bí thư Đoàn xã",
		"Chủ tịch Hội Nông dân xã", "Chủ tịch Hội Liên hiệp Phụ nữ xã", "Chủ tịch Hội Cựu chiến binh xã",
		"Công chức Văn hóa - Xã hội", "Công chức Văn phòng - Thống kê"}
	council := newBody(t, a, body{Kind: "hoi-dong-thi-dua-khen-thuong", UnitID: commune, Name: "Hội đồng Thi đua, khen thưởng xã Đông Tiến"})
	var join []joining
	for i, n := range councilNames {
		g := "nam"
		if strings.Contains(n, " Thị ") {
			g = "nu"
		}
		join = append(join, joining{newPerson(t, a, person{Name: n, Gender: g, BirthYear: 1975 + i, UnitID: commune, Position: positions[i]}), councilRoles[i]})
	}
	var c composition
	call(t, a, "POST", fmt.Sprintf("/api/bodies/%d/changes", council), change{Date: "2025-01-10", Join: join}, 200, &c)
	if len(c.Members) != 9 {
		t.Fatalf("council of %d", len(c.Members))
	}
	var e apiError
	call(t, a, "POST", fmt.Sprintf("/api/bodies/%d/decision", council), map[string]any{"date": "2025-01-10",
		"signer": map[string]string{"name": "Trần Quốc Hùng"}}, 422, &e)
	mustContain(t, "council decision without proposer", e.Fields["proposal"], "Theo đề nghị của")
	var cd document
	// After the teams' decisions of 20 July: a later number of the commune's series never
	// carries an earlier date.
	call(t, a, "POST", fmt.Sprintf("/api/bodies/%d/decision", council), map[string]any{"date": "2025-07-25",
		"signer": map[string]string{"name": "Trần Quốc Hùng"}, "proposal": "Theo đề nghị của Công chức Văn phòng - Thống kê",
		"issue": true}, 201, &cd)
	if rows := tableRows(t, cd.Data["thanh_vien"]); cd.Form != "quyet-dinh-kien-toan-hoi-dong-thi-dua-khen-thuong" || len(rows) != 9 ||
		rows[0][1] != "Trần Quốc Hùng" || rows[0][3] != "Chủ tịch Hội đồng" || rows[8][3] != "Thư ký Hội đồng" {
		t.Errorf("council decision %s: %q", cd.Form, rows)
	}
	if cd.Subject != "Về việc thành lập Hội đồng Thi đua, khen thưởng xã Đông Tiến" {
		t.Errorf("council decision subject %q", cd.Subject)
	}

	// The year's recognition round: Phù Lưu and Thọ Sơn recognised, Triệu Xá not.
	call(t, a, "PUT", "/api/recognitions/2025", map[string]any{"units": []string{"thon-phu-luu", "thon-tho-son"}}, 200, nil)

	t.Run("Giấy khen: 5 people and 2 areas, one area refused by name", func(t *testing.T) {
		var p struct {
			ID        int64 `json:"id"`
			Authority struct {
				Line string `json:"line"`
			} `json:"authority"`
		}
		call(t, a, "POST", "/api/proposals", map[string]any{"award_id": "giay-khen-chu-tich-ubnd-xa", "year": 2025,
			"proposer_id": "cong-an-xa-dong-tien", "council_id": council,
			"movement": "phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025",
			"summary":  "Năm 2025, các Tổ bảo vệ an ninh, trật tự của xã đã phối hợp giải quyết 27 vụ việc, không để xảy ra tội phạm nghiêm trọng."}, 201, &p)
		if p.Authority.Line != "Chủ tịch UBND xã Đông Tiến" {
			t.Errorf("authority %q", p.Authority.Line)
		}
		var ns []map[string]any
		for _, id := range []int64{teamMembers[0][0], teamMembers[0][1], teamMembers[1][0], teamMembers[2][0], teamMembers[2][1]} {
			ns = append(ns, map[string]any{"kind": "person", "person_id": id, "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2025"})
		}
		ns = append(ns, map[string]any{"kind": "area", "unit_id": "thon-phu-luu", "achievement": "Khu dân cư an toàn về an ninh, trật tự"},
			map[string]any{"kind": "area", "unit_id": "thon-trieu-xa", "achievement": "Khu dân cư an toàn về an ninh, trật tự"})
		call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/nominees", p.ID), map[string]any{"nominees": ns}, 201, nil)

		var e apiError
		call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/nominees", p.ID), map[string]any{"nominees": ns[:1]}, 422, &e)
		mustContain(t, "duplicate", e.fieldsText(), "Lê Văn Bình đã có trong đề nghị")

		var res []struct {
			Name     string `json:"name"`
			Eligible bool   `json:"eligible"`
			Refusals []struct {
				Condition, Message string
			} `json:"refusals"`
		}
		call(t, a, "GET", fmt.Sprintf("/api/proposals/%d/eligibility", p.ID), nil, 200, &res)
		if len(res) != 7 {
			t.Fatalf("%d results", len(res))
		}
		for _, r := range res {
			if wantOK := r.Name != "Thôn Triệu Xá"; r.Eligible != wantOK {
				t.Errorf("%s: eligible %v", r.Name, r.Eligible)
			}
		}
		if r := res[6]; len(r.Refusals) != 1 || r.Refusals[0].Condition != "area-recognised" ||
			!strings.Contains(r.Refusals[0].Message, "Thôn Triệu Xá chưa được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025") {
			t.Errorf("refusal of Triệu Xá: %+v", r.Refusals)
		}

		var d document
		call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/submission", p.ID), map[string]any{
			"date": "2025-12-12", "signer": map[string]string{"name": "Nguyễn Văn Tuấn"}, "issue": true}, 201, &d)
		if d.Form != "to-trinh-de-nghi-khen-thuong" || d.IssuerID != "cong-an-xa-dong-tien" || d.Symbol != "TTr-CAX" {
			t.Errorf("submission %+v", d)
		}
		rows := tableRows(t, d.Data["danh_sach"])
		if len(rows) != 6 || rows[5][1] != "Thôn Phù Lưu" || rows[0][3] != "Giấy khen của Chủ tịch Ủy ban nhân dân xã" {
			t.Errorf("nominee list %q", rows)
		}
		text, _ := docxText(t, a, d.ID)
		decree30(t, "submission", text)
		mustContain(t, "submission", text, "TỈNH THANH HOÁ", "CÔNG AN XÃ ĐÔNG TIẾN", "Số: 01/TTr-CAX",
			"Kính gửi: Chủ tịch UBND xã Đông Tiến", "Giấy khen của Chủ tịch Ủy ban nhân dân xã cho 1 tập thể và 5 cá nhân",
			"Công an xã Đông Tiến kính trình Chủ tịch UBND xã Đông Tiến xem xét, quyết định./.", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
			"Thôn Phù Lưu", "TRƯỞNG CÔNG AN", "Nguyễn Văn Tuấn")
		mustNotContain(t, "submission", text, "Thôn Triệu Xá")
		var pv struct {
			SubmissionID int64 `json:"submission_id"`
		}
		call(t, a, "GET", fmt.Sprintf("/api/proposals/%d", p.ID), nil, 200, &pv)
		if pv.SubmissionID != d.ID {
			t.Errorf("submission %d not recorded on the proposal (%d)", d.ID, pv.SubmissionID)
		}

		// The chairman grants it: the decision and the six certificates in one request.
		var g struct {
			Decision     document   `json:"decision"`
			Certificates []document `json:"certificates"`
		}
		call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/award", p.ID), map[string]any{
			"date": "2025-12-20", "signer": map[string]string{"name": "Trần Quốc Hùng"}, "issue": true}, 201, &g)
		if g.Decision.Form != "quyet-dinh-khen-thuong" || g.Decision.IssuerID != commune || len(g.Certificates) != 6 {
			t.Fatalf("grant: decision %+v, %d certificates", g.Decision, len(g.Certificates))
		}
		if rows := tableRows(t, g.Decision.Data["danh_sach"]); len(rows) != 6 {
			t.Errorf("decision annex %q", rows)
		}
		text, _ = docxText(t, a, g.Decision.ID)
		decree30(t, "award decision", text)
		mustContain(t, "award decision", text, "QUYẾT ĐỊNH", "Về việc tặng Giấy khen cho tập thể, cá nhân",
			"CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN", "Theo đề nghị của Trưởng Công an xã Đông Tiến tại Tờ trình số 01/TTr-CAX ngày 12/12/2025",
			"Tặng Giấy khen cho 01 tập thể và 05 cá nhân", "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG")
		ref := fmt.Sprintf("Quyết định số %02d/QĐ-UBND ngày 20/12/2025", g.Decision.Number)
		for i, c := range g.Certificates {
			if c.Form != "giay-khen" || c.Data["quyet_dinh"] != ref {
				t.Errorf("certificate %d: %s, %v", i, c.Form, c.Data["quyet_dinh"])
			}
		}
		text, _ = docxText(t, a, g.Certificates[1].ID)
		mustContain(t, "certificate", text, "Bà Nguyễn Thị Lan", ref)
		text, _ = docxText(t, a, g.Certificates[5].ID)
		mustContain(t, "certificate", text, "Thôn Phù Lưu")
		var e2 apiError
		call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/award", p.ID), map[string]any{
			"date": "2025-12-21", "signer": map[string]string{"name": "Trần Quốc Hùng"}, "issue": true}, 409, &e2)
	})

	t.Run("Chiến sĩ thi đua cơ sở: 7/9 refused, 8/9 accepted", func(t *testing.T) {
		var p struct {
			ID int64 `json:"id"`
		}
		var e apiError
		call(t, a, "POST", "/api/proposals", map[string]any{"award_id": "chien-si-thi-dua-co-so", "year": 2025,
			"proposer_id": "cong-an-xa-dong-tien", "movement": "phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025",
			"summary": "Hai cá nhân tiêu biểu."}, 422, &e)
		mustContain(t, "no council", e.fieldsText(), "council_id", "từ 80 %")
		call(t, a, "POST", "/api/proposals", map[string]any{"award_id": "chien-si-thi-dua-co-so", "year": 2025,
			"proposer_id": "cong-an-xa-dong-tien", "council_id": council,
			"movement": "phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025", "summary": "Hai cá nhân tiêu biểu."}, 201, &p)
		var ns []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		}
		call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/nominees", p.ID), map[string]any{"nominees": []map[string]any{
			{"kind": "person", "person_id": teamMembers[0][2], "achievement": "Phát hiện, tố giác 3 vụ trộm cắp"},
			{"kind": "person", "person_id": teamMembers[0][0], "achievement": "Tổ trưởng xuất sắc"}}}, 201, &ns)

		var res []struct {
			Eligible bool `json:"eligible"`
			Refusals []struct{ Condition, Message string }
		}
		call(t, a, "GET", fmt.Sprintf("/api/proposals/%d/eligibility", p.ID), nil, 200, &res)
		if res[0].Eligible || res[0].Refusals[0].Condition != "vote" {
			t.Errorf("before the vote: %+v", res)
		}
		call(t, a, "PUT", fmt.Sprintf("/api/proposals/%d/votes", p.ID), map[string]any{"meeting_date": "2025-12-22",
			"votes": []map[string]any{{"nominee_id": ns[0].ID, "in_favour": 10}}}, 422, &e)
		mustContain(t, "too many votes", e.fieldsText(), "lớn hơn số thành viên Hội đồng vào ngày họp (9)")
		call(t, a, "PUT", fmt.Sprintf("/api/proposals/%d/votes", p.ID), map[string]any{"meeting_date": "2025-12-22",
			"votes": []map[string]any{{"nominee_id": ns[0].ID, "in_favour": 7}, {"nominee_id": ns[1].ID, "in_favour": 8}}}, 200, &res)
		if res[0].Eligible || !res[1].Eligible {
			t.Fatalf("after the vote: %+v", res)
		}
		mustContain(t, "7/9", res[0].Refusals[0].Message, "Phạm Văn Hải được 7/9 thành viên Hội đồng đồng ý (78 %), chưa đạt tỷ lệ từ 80 %")

		var minutes document
		call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/minutes", p.ID), map[string]any{"start": "14 giờ 00", "end": "16 giờ 00",
			"issue": true}, 201, &minutes)
		text, _ := docxText(t, a, minutes.ID)
		mustContain(t, "minutes", text, "BIÊN BẢN", "Hội đồng Thi đua, khen thưởng xã Đông Tiến",
			"Tổng số thành viên Hội đồng: 09; có mặt: 09", "Phạm Văn Hải: 07/09 thành viên Hội đồng đồng ý (78 %), chưa đạt tỷ lệ từ 80 %",
			"Lê Văn Bình: 08/09 thành viên Hội đồng đồng ý (89 %), đạt tỷ lệ từ 80 %", "KẾT QUẢ BỎ PHIẾU ĐỀ NGHỊ KHEN THƯỞNG",
			"CHỦ TỌA", "THƯ KÝ", "Trần Quốc Hùng", "Lê Thị Ngọc")

		var d document
		call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/submission", p.ID), map[string]any{
			"date": "2025-12-23", "signer": map[string]string{"name": "Nguyễn Văn Tuấn"}, "issue": true}, 201, &d)
		rows := tableRows(t, d.Data["danh_sach"])
		if len(rows) != 1 || rows[0][1] != "Lê Văn Bình" || rows[0][5] != "8/9 phiếu (89 %)" {
			t.Errorf("nominee list %q", rows)
		}
		text, _ = docxText(t, a, d.ID)
		decree30(t, "submission", text)
		mustContain(t, "submission", text, "Kính gửi: Chủ tịch UBND xã Đông Tiến", "danh hiệu Chiến sĩ thi đua cơ sở")
	})

	t.Run("awards of higher levels go up to their authority", func(t *testing.T) {
		for _, tc := range []struct{ award, proposer, line string }{
			{"bang-khen-chu-tich-ubnd-tinh", commune, "Chủ tịch UBND tỉnh Thanh Hoá"},
			{"chien-si-thi-dua-cap-tinh", commune, "Chủ tịch UBND tỉnh Thanh Hoá"},
			{"ky-niem-chuong-to-bao-ve-antt", "cong-an-xa-dong-tien", "Bộ trưởng Bộ Công an"},
			{"lao-dong-tien-tien", "cong-an-xa-dong-tien", "Chủ tịch UBND xã Đông Tiến"},
		} {
			var p struct {
				Authority struct {
					Line string `json:"line"`
				} `json:"authority"`
			}
			call(t, a, "POST", "/api/proposals", map[string]any{"award_id": tc.award, "year": 2025, "proposer_id": tc.proposer,
				"council_id": council, "movement": "phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025", "summary": "Thành tích."}, 201, &p)
			if p.Authority.Line != tc.line {
				t.Errorf("%s from %s: authority %q, want %q", tc.award, tc.proposer, p.Authority.Line, tc.line)
			}
		}
	})
}

// decree30 checks what Decree 30/2020/NĐ-CP, Annex I, puts on every administrative
// document: the national name and motto, the number line and the Nơi nhận block.
func decree30(t *testing.T, what, text string) {
	t.Helper()
	mustContain(t, what, text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: ", "Nơi nhận:", "- Lưu: VT")
}
