package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"vanthu/access"
	"vanthu/inspection"
	"vanthu/internal/apptest"
)

// The access rules of the recognition cycle and of the committee and commendation
// records, with their fixture: a round of scopedUnit (its authority) whose roster holds
// the commune linked to scopedUnit and a residential area recognised through the cycle; a
// person, a team and an emulation council of scopedUnit; a proposal scopedUnit makes.

// cycleFixture holds the ids of the cycle's and the records' requests.
type cycleFixture struct {
	tb    testing.TB
	a     *apptest.App
	round int64
	file  int64 // a registration file of the commune
	// certificate is the Giấy công nhận issued to the residential area (a document id).
	certificate int64
	person      int64
	team        int64
	council     int64
	proposal    int64
	seq         int
}

// adminDo makes a request as the admin for a fixture made per call (a round to delete).
func (c *cycleFixture) adminDo(method, p, body string, status int) apptest.Response {
	c.tb.Helper()
	var res apptest.Response
	if body == "" {
		res = c.a.Do(c.tb, method, p, nil)
	} else {
		res = c.a.Do(c.tb, method, p, strings.NewReader(body), "Content-Type", "application/json")
	}
	if res.Status != status {
		c.tb.Errorf("fixture %s %s: %d, want %d: %s", method, p, res.Status, status, apptest.Excerpt(res.Body))
	}
	return res
}

func (c *cycleFixture) roundPath(suffix string) string {
	return fmt.Sprintf("/api/inspection/rounds/%d%s", c.round, suffix)
}

func cyclePath(suffix string) func(*fixture) (string, string) {
	return func(f *fixture) (string, string) { return f.cycle.roundPath(suffix), "" }
}

// newCycleFixture runs, as the admin, a round of scopedUnit far enough that a residential
// area is recognised, and fills the records the matrix reads.
func newCycleFixture(t *testing.T, a *apptest.App) *cycleFixture {
	t.Helper()
	c := &cycleFixture{tb: t, a: a}
	var round inspection.Round
	c.adminDo("POST", "/api/inspection/rounds", fmt.Sprintf(`{"year":2025,"authority_id":%q}`, scopedUnit), 201).JSON(t, &round)
	c.round = round.ID
	c.adminDo("PUT", c.roundPath("/objects"), fmt.Sprintf(`{"objects":[
		{"id":"xa-dong-tien","kind":"xa","name":"Xã Đông Tiến","unit_id":%q},
		{"id":"thon-phu-luu","kind":"khu-dan-cu","name":"Thôn Phù Lưu","parent_id":"xa-dong-tien","unit_id":"thon-phu-luu"}]}`, scopedUnit), 200)
	body, ct := multipartRegistration(t, map[string]string{"registered_on": "2025-02-10"},
		[][3]string{{"nghi-quyet", "nghi-quyet.pdf", "%PDF-1.7 nghị quyết"}})
	var reg struct {
		Files []inspection.Attachment `json:"files"`
	}
	expect(t, "register the commune", a.Do(t, "POST", c.roundPath("/objects/xa-dong-tien/registration"), body, "Content-Type", ct), 200).JSON(t, &reg)
	c.file = reg.Files[0].ID
	c.adminDo("POST", c.roundPath("/objects/thon-phu-luu/registration"), `{"registered_on":"2025-02-10"}`, 200)
	expect(t, "assess the area", a.Do(t, "PUT", c.roundPath("/objects/thon-phu-luu/assessment"),
		jsonBody(t, map[string]any{"version": 0, "answers": allPassAnswers(a.Checklists.Get("khu-dan-cu"))})), 200)
	var result struct {
		Verdicts []inspection.Verdict `json:"verdicts"`
	}
	c.adminDo("GET", c.roundPath("/result"), "", 200).JSON(t, &result)
	recognised := false
	for _, v := range result.Verdicts {
		recognised = recognised || (v.ObjectID == "thon-phu-luu" && v.Outcome == inspection.Recognised)
	}
	if !recognised {
		t.Fatalf("fixture: the residential area is not recognised: %+v", result.Verdicts)
	}
	c.adminDo("PUT", "/api/recognitions/2025", `{"units":["thon-phu-luu"]}`, 200)
	data := map[string]any{}
	for k, v := range certificateData {
		if k != "ngay_ban_hanh" {
			data[k] = v
		}
	}
	var certificates []struct {
		ID int64 `json:"id"`
	}
	expect(t, "certificate", a.Do(t, "POST", c.roundPath("/certificates"), jsonBody(t, map[string]any{
		"issuer_id": scopedUnit, "kinds": []string{"khu-dan-cu"}, "issue": true, "data": data})), 201).JSON(t, &certificates)
	if len(certificates) != 1 {
		t.Fatalf("fixture: %d certificates issued, want the residential area's", len(certificates))
	}
	c.certificate = certificates[0].ID

	var id struct {
		ID int64 `json:"id"`
	}
	c.adminDo("POST", "/api/people", fmt.Sprintf(`{"name":"Nguyễn Văn An","gender":"nam","birth_year":1980,"unit_id":%q}`, scopedUnit), 201).JSON(t, &id)
	c.person = id.ID
	c.adminDo("POST", "/api/bodies", fmt.Sprintf(`{"kind":"to-bao-ve-antt","unit_id":%q,"name":"Tổ bảo vệ an ninh, trật tự thôn Phù Lưu","areas":["thon-phu-luu"]}`, scopedUnit), 201).JSON(t, &id)
	c.team = id.ID
	c.adminDo("POST", "/api/bodies", fmt.Sprintf(`{"kind":"hoi-dong-thi-dua-khen-thuong","unit_id":%q,"name":"Hội đồng Thi đua - Khen thưởng xã Đông Tiến"}`, scopedUnit), 201).JSON(t, &id)
	c.council = id.ID
	c.adminDo("POST", "/api/proposals", fmt.Sprintf(`{"award_id":"giay-khen-chu-tich-ubnd-xa","year":2025,"proposer_id":%q,"council_id":%d,
		"movement":"phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025","summary":"Khu dân cư tiêu biểu."}`, scopedUnit, c.council), 201).JSON(t, &id)
	c.proposal = id.ID
	return c
}

// cycleRules are the access rules of the cycle's and the records' routes (see rules).
var cycleRules = map[string]rule{
	"GET /api/checklists":     {perm: access.TemplateRead, target: onAnyUnit, request: path("/api/checklists")},
	"GET /api/checklists/:id": {perm: access.TemplateRead, target: onAnyUnit, request: path("/api/checklists/khu-dan-cu")},

	"GET /api/inspection/rounds": {perm: access.RoundRead, target: onAnyUnit, request: path("/api/inspection/rounds"),
		leak: `"authority_id":"` + scopedUnit + `"`},
	"POST /api/inspection/rounds": {perm: access.RoundManage, target: onScopedUnit, request: func(f *fixture) (string, string) {
		f.cycle.seq++
		return "/api/inspection/rounds", fmt.Sprintf(`{"year":%d,"authority_id":%q}`, 2030+f.cycle.seq, scopedUnit)
	}},
	"GET /api/inspection/rounds/:id": {perm: access.RoundRead, target: onScopedUnit, request: cyclePath("")},
	"PUT /api/inspection/rounds/:id": {perm: access.RoundManage, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return f.cycle.roundPath(""), `{"name":"Đợt xét công nhận năm 2025"}`
	}},
	"DELETE /api/inspection/rounds/:id": {perm: access.RoundManage, target: onScopedUnit, request: func(f *fixture) (string, string) {
		c := f.cycle
		c.seq++
		var r inspection.Round
		c.adminDo("POST", "/api/inspection/rounds", fmt.Sprintf(`{"year":%d,"authority_id":%q}`, 2060+c.seq, scopedUnit), 201).JSON(c.tb, &r)
		return fmt.Sprintf("/api/inspection/rounds/%d", r.ID), ""
	}},
	"GET /api/inspection/rounds/:id/objects": {perm: access.RoundRead, target: onScopedUnit, request: cyclePath("/objects")},
	"PUT /api/inspection/rounds/:id/objects": {perm: access.RoundManage, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return f.cycle.roundPath("/objects"), `{"objects":[{"id":"thon-trieu-xa","kind":"khu-dan-cu","name":"Thôn Triệu Xá","parent_id":"xa-dong-tien"}]}`
	}},
	"DELETE /api/inspection/rounds/:id/objects/:object": {perm: access.RoundManage, target: onScopedUnit, request: func(f *fixture) (string, string) {
		c := f.cycle
		c.seq++
		id := fmt.Sprintf("xoa-%d", c.seq)
		c.adminDo("PUT", c.roundPath("/objects"), fmt.Sprintf(`{"objects":[{"id":%q,"kind":"khu-dan-cu","name":"Thôn nhập nhầm %d"}]}`, id, c.seq), 200)
		return c.roundPath("/objects/" + id), ""
	}},
	"POST /api/inspection/rounds/:id/objects/:object/registration": {perm: access.RoundRegister, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return f.cycle.roundPath("/objects/xa-dong-tien/registration"), `{"registered_on":"2025-02-11"}`
	}},
	"GET /api/inspection/rounds/:id/objects/:object/attachments": {perm: access.InspectionFileRead, target: onScopedUnit, request: cyclePath("/objects/xa-dong-tien/attachments")},
	"GET /api/inspection/rounds/:id/attachments/:file": {perm: access.InspectionFileRead, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return f.cycle.roundPath(fmt.Sprintf("/attachments/%d", f.cycle.file)), ""
	}},
	"GET /api/inspection/rounds/:id/objects/:object/assessment": {perm: access.InspectionAssess, target: onScopedUnit, request: cyclePath("/objects/xa-dong-tien/assessment")},
	"PUT /api/inspection/rounds/:id/objects/:object/assessment": {perm: access.InspectionAssess, target: onScopedUnit, request: func(f *fixture) (string, string) {
		// Version 0 again: the first allowed caller saves, the others are refused as stale (409).
		return f.cycle.roundPath("/objects/xa-dong-tien/assessment"), `{"version":0,"answers":{}}`
	}},
	"GET /api/inspection/rounds/:id/objects/:object/result": {perm: access.ResultRead, target: onScopedUnit, request: cyclePath("/objects/xa-dong-tien/result")},
	"GET /api/inspection/rounds/:id/result":                 {perm: access.ResultRead, target: onScopedUnit, request: cyclePath("/result")},
	"GET /api/inspection/rounds/:id/progress":               {perm: access.DashboardRead, target: onScopedUnit, request: cyclePath("/progress")},
	"GET /api/inspection/rounds/:id/progress.xlsx":          {perm: access.DashboardRead, target: onScopedUnit, request: cyclePath("/progress.xlsx")},
	// The documents need the round's results and the right to draft the issuer's documents:
	// the roles holding result.read without document.draft are refused by the secretariat.
	"POST /api/inspection/rounds/:id/documents": {perm: access.DocumentDraft, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return f.cycle.roundPath("/documents"), fmt.Sprintf(`{"form":"thong-bao-ket-qua-antt","issuer_id":%q,"data":{}}`, scopedUnit)
	}},
	"POST /api/inspection/rounds/:id/certificates": {perm: access.DocumentDraft, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return f.cycle.roundPath("/certificates"), fmt.Sprintf(`{"issuer_id":%q,"kinds":["khu-dan-cu"],"data":{}}`, scopedUnit)
	}},

	// The unit's results page lists only the caller's own objects; a certificate is served
	// to whoever may read the object's result (its unit, or the round's authority).
	"GET /ket-qua": {perm: access.ResultRead, target: onAnyUnit, page: true, request: path("/ket-qua"), leak: "Phù Lưu"},
	"GET /ket-qua/:round/:object/giay-cong-nhan/:doc": {perm: access.ResultRead, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/ket-qua/%d/thon-phu-luu/giay-cong-nhan/%d", f.cycle.round, f.cycle.certificate), ""
	}},

	"GET /api/committee-rules": {perm: access.FormRead, target: onAnyUnit, request: path("/api/committee-rules")},
	"GET /api/awards":          {perm: access.FormRead, target: onAnyUnit, request: path("/api/awards")},
	"GET /api/awards/:id":      {perm: access.FormRead, target: onAnyUnit, request: path("/api/awards/giay-khen-chu-tich-ubnd-xa")},

	"POST /api/people": {perm: access.CommitteeWrite, target: onScopedUnit, request: func(*fixture) (string, string) {
		return "/api/people", fmt.Sprintf(`{"name":"Lê Thị Bình","gender":"nu","birth_year":1985,"unit_id":%q}`, scopedUnit)
	}},
	"GET /api/people": {perm: access.CommitteeRead, target: onAnyUnit, request: path("/api/people"), leak: `"unit_id":"` + scopedUnit + `"`},
	"GET /api/people/:id": {perm: access.CommitteeRead, target: onScopedUnit, hides: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/people/%d", f.cycle.person), ""
	}},
	"PUT /api/people/:id": {perm: access.CommitteeWrite, target: onScopedUnit, hides: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/people/%d", f.cycle.person), fmt.Sprintf(`{"name":"Nguyễn Văn An","gender":"nam","birth_year":1980,"unit_id":%q}`, scopedUnit)
	}},
	"GET /api/people/:id/service-years": {perm: access.CommitteeRead, target: onScopedUnit, hides: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/people/%d/service-years", f.cycle.person), ""
	}},

	"POST /api/bodies": {perm: access.CommitteeWrite, target: onScopedUnit, request: func(*fixture) (string, string) {
		return "/api/bodies", fmt.Sprintf(`{"kind":"to-bao-ve-antt","unit_id":%q,"name":"Tổ bảo vệ an ninh, trật tự thôn Thọ Sơn","areas":["thon-tho-son"]}`, scopedUnit)
	}},
	"GET /api/bodies": {perm: access.CommitteeRead, target: onAnyUnit, request: path("/api/bodies"), leak: `"unit_id":"` + scopedUnit + `"`},
	"GET /api/bodies/:id": {perm: access.CommitteeRead, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/bodies/%d", f.cycle.team), ""
	}},
	"GET /api/bodies/:id/composition": {perm: access.CommitteeRead, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/bodies/%d/composition", f.cycle.team), ""
	}},
	"GET /api/bodies/:id/memberships": {perm: access.CommitteeRead, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/bodies/%d/memberships", f.cycle.team), ""
	}},
	"GET /api/bodies/:id/decisions": {perm: access.CommitteeRead, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/bodies/%d/decisions", f.cycle.team), ""
	}},
	"POST /api/bodies/:id/changes": {perm: access.CommitteeWrite, target: onScopedUnit, request: func(f *fixture) (string, string) {
		// Not a valid establishment (a team needs a leader, a deputy and members): 422 to the allowed.
		return fmt.Sprintf("/api/bodies/%d/changes", f.cycle.team), fmt.Sprintf(`{"date":"2025-07-15","join":[{"person_id":%d,"role":"Tổ viên"}]}`, f.cycle.person)
	}},
	"POST /api/bodies/:id/decision": {perm: access.CommitteeWrite, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/bodies/%d/decision", f.cycle.team), `{"date":"2025-07-20","signer":{"name":"Lê Văn Cường"}}`
	}},

	"PUT /api/recognitions/:year": {perm: access.RoundManage, target: onEverything, request: func(*fixture) (string, string) {
		return "/api/recognitions/2025", `{"units":["thon-phu-luu"]}`
	}},
	"GET /api/recognitions/:year": {perm: access.ResultRead, target: onAnyUnit, request: path("/api/recognitions/2025"), leak: "thon-phu-luu"},

	"POST /api/proposals": {perm: access.CommendationPropose, target: onScopedUnit, request: func(*fixture) (string, string) {
		return "/api/proposals", fmt.Sprintf(`{"award_id":"giay-khen-chu-tich-ubnd-xa","year":2025,"proposer_id":%q,"movement":"phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025","summary":"Tập thể tiêu biểu."}`, scopedUnit)
	}},
	"GET /api/proposals": {perm: access.CommendationRead, target: onAnyUnit, request: path("/api/proposals"), leak: `"proposer_id":"` + scopedUnit + `"`},
	"GET /api/proposals/:id": {perm: access.CommendationRead, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/proposals/%d", f.cycle.proposal), ""
	}},
	"GET /api/proposals/:id/eligibility": {perm: access.CommendationRead, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/proposals/%d/eligibility", f.cycle.proposal), ""
	}},
	"POST /api/proposals/:id/nominees": {perm: access.CommendationPropose, target: onScopedUnit, request: func(f *fixture) (string, string) {
		// Added once; the next allowed caller is refused the same area twice (422).
		return fmt.Sprintf("/api/proposals/%d/nominees", f.cycle.proposal), `{"nominees":[{"kind":"area","unit_id":"thon-phu-luu","achievement":"Được công nhận đạt tiêu chuẩn An toàn về an ninh, trật tự năm 2025"}]}`
	}},
	"PUT /api/proposals/:id/votes": {perm: access.CommendationVote, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/proposals/%d/votes", f.cycle.proposal), `{"meeting_date":"2025-11-20","votes":[]}`
	}},
	"POST /api/proposals/:id/submission": {perm: access.CommendationPropose, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/proposals/%d/submission", f.cycle.proposal), `{"signer":{"name":"Lê Văn Cường"}}`
	}},
	"POST /api/proposals/:id/minutes": {perm: access.CommendationVote, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/proposals/%d/minutes", f.cycle.proposal), `{}`
	}},
	"POST /api/proposals/:id/reports": {perm: access.CommendationPropose, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/proposals/%d/reports", f.cycle.proposal), `{"date":"2025-11-25"}`
	}},
	"POST /api/proposals/:id/award": {perm: access.CommendationGrant, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/proposals/%d/award", f.cycle.proposal), `{"date":"2025-12-01","signer":{"name":"Lê Văn Cường"}}`
	}},
}

// ruleFor returns the access rule of a route, from either table.
func ruleFor(key string) (rule, bool) {
	if r, ok := rules[key]; ok {
		return r, true
	}
	if r, ok := recordPageRules[key]; ok {
		return r, true
	}
	r, ok := cycleRules[key]
	return r, ok
}

// allRules returns the keys of both tables.
func allRules() map[string]bool {
	keys := map[string]bool{}
	for k := range rules {
		keys[k] = true
	}
	for k := range cycleRules {
		keys[k] = true
	}
	for k := range recordPageRules {
		keys[k] = true
	}
	return keys
}
