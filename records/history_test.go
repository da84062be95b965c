package records_test

import (
	"fmt"
	"reflect"
	"testing"

	"vanthu/internal/apptest"
)

// The composition on a past date, after two reorganisations, is what the decisions of
// that time said: each issued decision's annex equals the composition computed today for
// its date, and a day between two decisions shows the earlier one's members.
func TestCompositionOnPastDates(t *testing.T) {
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			a := apptest.New(t, b.DSN(t))
			const commune = "ubnd-xa-dong-tien"
			id := func(name, pos string) int64 {
				return newPerson(t, a, person{Name: name, Gender: "nam", BirthYear: 1968, UnitID: commune, Position: pos})
			}
			chair16, police16, mttq, youth := id("Lê Văn An", "Chủ tịch UBND xã"), id("Hà Văn Bắc", "Trưởng Công an xã"),
				id("Phan Văn Chung", "Chủ tịch Ủy ban MTTQ xã"), id("Trương Văn Đức", "Bí thư Đoàn xã")
			chair19, police23 := id("Trần Quốc Hùng", "Chủ tịch UBND xã"), id("Nguyễn Văn Tuấn", "Trưởng Công an xã")
			bcd := newBody(t, a, body{Kind: "ban-chi-dao", UnitID: commune, Name: "Ban Chỉ đạo an ninh, trật tự xã Đông Tiến"})

			steps := []struct {
				change   change
				decision string
				want     []string // names in the annex, in order
			}{
				{change{Date: "2016-01-10", Join: []joining{{chair16, "Trưởng ban"}, {police16, "Phó Trưởng ban thường trực"},
					{mttq, "Thành viên"}, {youth, "Thành viên"}}}, "2016-01-12",
					[]string{"Lê Văn An", "Hà Văn Bắc", "Phan Văn Chung", "Trương Văn Đức"}},
				// A new chairman heads the Ban; the old one leaves.
				{change{Date: "2019-03-01", Leave: []int64{chair16}, Join: []joining{{chair19, "Trưởng ban"}}}, "2019-03-01",
					[]string{"Trần Quốc Hùng", "Hà Văn Bắc", "Phan Văn Chung", "Trương Văn Đức"}},
				// A new police chief; the Youth Union secretary becomes a deputy.
				{change{Date: "2023-06-01", Leave: []int64{police16}, Join: []joining{{police23, "Phó Trưởng ban thường trực"},
					{youth, "Phó Trưởng ban"}}}, "2023-06-05",
					[]string{"Trần Quốc Hùng", "Nguyễn Văn Tuấn", "Trương Văn Đức", "Phan Văn Chung"}},
			}
			var docs []document
			for i, s := range steps {
				call(t, a, "POST", fmt.Sprintf("/api/bodies/%d/changes", bcd), s.change, 200, nil)
				var d document
				call(t, a, "POST", fmt.Sprintf("/api/bodies/%d/decision", bcd), map[string]any{"date": s.decision,
					"signer": map[string]string{"name": "Trần Quốc Hùng"}, "issue": true}, 201, &d)
				if d.Form != "quyet-dinh-kien-toan-ban-chi-dao" {
					t.Fatalf("form %s", d.Form)
				}
				if i > 0 {
					prev := docs[i-1]
					want := fmt.Sprintf("Quyết định số %02d/QĐ-UBND ngày %s", prev.Number, vn(steps[i-1].decision))
					if d.Data["quyet_dinh_thay_the"] != want {
						t.Errorf("step %d replaces %q, want %q", i, d.Data["quyet_dinh_thay_the"], want)
					}
				}
				docs = append(docs, d)
			}

			// A change dated before the last one is refused: the past stays as decided.
			var e apiError
			call(t, a, "POST", fmt.Sprintf("/api/bodies/%d/changes", bcd), change{Date: "2020-01-01", Leave: []int64{mttq}}, 422, &e)
			mustContain(t, "backdated change", e.fieldsText(), "trước lần thay đổi gần nhất")

			for i, s := range steps {
				var got []string
				for _, row := range tableRows(t, docs[i].Data["thanh_vien"]) {
					got = append(got, row[1])
				}
				if !reflect.DeepEqual(got, s.want) {
					t.Errorf("decision of %s lists %q, want %q", s.decision, got, s.want)
				}
				// Today's records give the same composition for that date.
				var c composition
				call(t, a, "GET", fmt.Sprintf("/api/bodies/%d/composition?date=%s", bcd, s.decision), nil, 200, &c)
				var now []string
				for _, m := range c.Members {
					now = append(now, m.Person.Name)
				}
				if !reflect.DeepEqual(now, got) {
					t.Errorf("composition on %s is %q; the decision of that day said %q", s.decision, now, got)
				}
			}
			var c composition
			call(t, a, "GET", fmt.Sprintf("/api/bodies/%d/composition?date=21/08/2021", bcd), nil, 200, &c)
			if len(c.Members) != 4 || c.Members[0].Person.Name != "Trần Quốc Hùng" || c.Members[1].Person.Name != "Hà Văn Bắc" {
				t.Errorf("composition on 21/08/2021: %+v", c.Members)
			}
			call(t, a, "GET", fmt.Sprintf("/api/bodies/%d/composition?date=2015-12-31", bcd), nil, 200, &c)
			if len(c.Members) != 0 {
				t.Errorf("before establishment: %+v", c.Members)
			}
			text, _ := docxText(t, a, docs[2].ID)
			decree30(t, "reorganisation", text)
			mustContain(t, "reorganisation", text, "Về việc kiện toàn Ban Chỉ đạo an ninh, trật tự xã Đông Tiến",
				"DANH SÁCH THÀNH VIÊN BAN CHỈ ĐẠO", "Phó Trưởng ban thường trực", "Nguyễn Văn Tuấn")
		})
	}
}

// The medal needs 15 years on a team for a man and 10 for a woman, counted from the
// memberships to the end of the proposal's year; each refusal says how many years there are.
func TestMedalServiceYears(t *testing.T) {
	a := apptest.NewSQLite(t)
	man := newPerson(t, a, person{Name: "Lê Văn Bình", Gender: "nam", BirthYear: 1960, UnitID: "thon-phu-luu"})
	woman := newPerson(t, a, person{Name: "Nguyễn Thị Lan", Gender: "nu", BirthYear: 1965, UnitID: "thon-phu-luu"})
	third := newPerson(t, a, person{Name: "Phạm Văn Hải", Gender: "nam", BirthYear: 1970, UnitID: "thon-phu-luu"})
	team := newBody(t, a, body{Kind: "to-bao-ve-antt", UnitID: "ubnd-xa-dong-tien", Name: "Tổ bảo vệ an ninh, trật tự thôn Phù Lưu", Areas: []string{"thon-phu-luu"}})
	// 2012: the team is formed; 2016: the woman becomes Tổ phó (a role change, not a gap).
	call(t, a, "POST", fmt.Sprintf("/api/bodies/%d/changes", team), change{Date: "2012-03-01", Join: []joining{
		{man, "Tổ trưởng"}, {woman, "Tổ viên"}, {third, "Tổ phó"}}}, 200, nil)
	call(t, a, "POST", fmt.Sprintf("/api/bodies/%d/changes", team), change{Date: "2016-05-01", Join: []joining{
		{woman, "Tổ phó"}, {third, "Tổ viên"}}}, 200, nil)

	var sy struct {
		Years int `json:"years"`
	}
	call(t, a, "GET", fmt.Sprintf("/api/people/%d/service-years?date=2025-12-31", woman), nil, 200, &sy)
	if sy.Years != 13 {
		t.Errorf("woman's service years %d, want 13", sy.Years)
	}
	var p struct {
		ID int64 `json:"id"`
	}
	call(t, a, "POST", "/api/proposals", map[string]any{"award_id": "ky-niem-chuong-to-bao-ve-antt", "year": 2025,
		"proposer_id": "cong-an-xa-dong-tien", "movement": "phong trào toàn dân bảo vệ an ninh Tổ quốc", "summary": "Thành viên gắn bó lâu năm."}, 201, &p)
	call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/nominees", p.ID), map[string]any{"nominees": []map[string]any{
		{"kind": "person", "person_id": man}, {"kind": "person", "person_id": woman}}}, 201, nil)
	var res []struct {
		Name     string `json:"name"`
		Eligible bool   `json:"eligible"`
		Refusals []struct{ Condition, Message string }
	}
	call(t, a, "GET", fmt.Sprintf("/api/proposals/%d/eligibility", p.ID), nil, 200, &res)
	if res[0].Eligible || !res[1].Eligible {
		t.Fatalf("eligibility %+v", res)
	}
	mustContain(t, "refusal", res[0].Refusals[0].Message, "Lê Văn Bình có 13 năm tham gia", "cần 15 năm đối với nam")
}

func vn(d string) string { return d[8:10] + "/" + d[5:7] + "/" + d[0:4] }
