package records_test

import (
	"fmt"
	"strings"
	"testing"

	"vanthu/inspection"
	"vanthu/internal/apptest"
)

// The inspection cycle is the source of the areas' recognitions: an area whose checklist
// of the year's round is đạt is eligible for the collective award, one whose checklist
// failed is refused by name, even when the table recorded by hand says otherwise; a year
// no round ran in is judged from that table. Through the real router, on both databases.
func TestRecognitionFromInspectionCycle(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			t.Parallel()
			a := apptest.Start(t, data, b.DSN(t))

			var round inspection.Round
			call(t, a, "POST", "/api/inspection/rounds", map[string]any{"year": 2025, "authority_id": "ubnd-xa-dong-tien"}, 201, &round)
			base := fmt.Sprintf("/api/inspection/rounds/%d", round.ID)
			call(t, a, "PUT", base+"/objects", map[string]any{"objects": []inspection.Object{
				{ID: "xa-dong-tien", Kind: inspection.Commune, Name: "Xã Đông Tiến", UnitID: "ubnd-xa-dong-tien"},
				{ID: "phu-luu", Kind: inspection.ResidentialArea, Name: "Thôn Phù Lưu", ParentID: "xa-dong-tien", UnitID: "thon-phu-luu"},
				{ID: "trieu-xa", Kind: inspection.ResidentialArea, Name: "Thôn Triệu Xá", ParentID: "xa-dong-tien", UnitID: "thon-trieu-xa"},
			}}, 200, nil)
			pass := map[string]inspection.Answer{}
			for _, cr := range a.Checklists.Get("khu-dan-cu").Leaves() {
				if cr.Answerable() {
					pass[cr.ID] = inspection.Answer{Result: inspection.Pass}
				}
			}
			failed := map[string]inspection.Answer{}
			for k, v := range pass {
				failed[k] = v
			}
			failed["4.4.c"] = inspection.Answer{Result: inspection.Fail, Note: "Phát sinh tụ điểm đánh bạc"}
			for id, answers := range map[string]map[string]inspection.Answer{"phu-luu": pass, "trieu-xa": failed} {
				call(t, a, "POST", base+"/objects/"+id+"/registration", map[string]any{"registered_on": "2025-02-10"}, 200, nil)
				call(t, a, "PUT", base+"/objects/"+id+"/assessment", map[string]any{"version": 0, "answers": answers}, 200, nil)
			}
			var verdicts struct {
				Verdicts []inspection.Verdict `json:"verdicts"`
			}
			call(t, a, "GET", base+"/result", nil, 200, &verdicts)
			outcome := map[string]inspection.Outcome{}
			for _, v := range verdicts.Verdicts {
				outcome[v.ObjectID] = v.Outcome
			}
			if outcome["phu-luu"] != inspection.Recognised || outcome["trieu-xa"] != inspection.NotRecognised {
				t.Fatalf("the round's outcomes %v", outcome)
			}

			// By hand, someone recorded Triệu Xá for 2025 and for 2024, a year with no round.
			call(t, a, "PUT", "/api/recognitions/2025", map[string]any{"units": []string{"thon-trieu-xa"}}, 200, nil)
			call(t, a, "PUT", "/api/recognitions/2024", map[string]any{"units": []string{"thon-trieu-xa"}}, 200, nil)

			type result struct {
				Name     string `json:"name"`
				Eligible bool   `json:"eligible"`
				Refusals []struct {
					Condition string `json:"condition"`
					Message   string `json:"message"`
				} `json:"refusals"`
			}
			eligibility := func(year int) []result {
				var p struct {
					ID int64 `json:"id"`
				}
				call(t, a, "POST", "/api/proposals", map[string]any{"award_id": "giay-khen-chu-tich-ubnd-xa", "year": year,
					"proposer_id": "cong-an-xa-dong-tien", "movement": fmt.Sprintf("phong trào toàn dân bảo vệ an ninh Tổ quốc năm %d", year),
					"summary": "Hai khu dân cư."}, 201, &p)
				call(t, a, "POST", fmt.Sprintf("/api/proposals/%d/nominees", p.ID), map[string]any{"nominees": []map[string]any{
					{"kind": "area", "unit_id": "thon-phu-luu", "achievement": "Khu dân cư an toàn về an ninh, trật tự"},
					{"kind": "area", "unit_id": "thon-trieu-xa", "achievement": "Khu dân cư an toàn về an ninh, trật tự"}}}, 201, nil)
				var res []result
				call(t, a, "GET", fmt.Sprintf("/api/proposals/%d/eligibility", p.ID), nil, 200, &res)
				if len(res) != 2 {
					t.Fatalf("%d results", len(res))
				}
				return res
			}

			res := eligibility(2025)
			if !res[0].Eligible || res[0].Name != "Thôn Phù Lưu" {
				t.Errorf("the area recognised by the round: %+v", res[0])
			}
			if r := res[1]; r.Eligible || len(r.Refusals) != 1 || r.Refusals[0].Condition != "area-recognised" ||
				!strings.Contains(r.Refusals[0].Message, "Thôn Triệu Xá chưa được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025") {
				t.Errorf("the area the round did not recognise: %+v", r)
			}

			res = eligibility(2024)
			if res[0].Eligible || !res[1].Eligible {
				t.Errorf("2024, no round: judged from the table, got %+v", res)
			}
		})
	}
}
