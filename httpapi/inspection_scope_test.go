package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"vanthu/access"
	"vanthu/inspection"
	"vanthu/internal/apptest"
)

// A province's round takes two communes. Each commune's unit registers itself and no other;
// an inspector of one commune assesses it and not the other; a unit sees its own object of
// the roster and its own result; every change is one audit row by the actor who made it,
// and a refused one writes none.
func TestInspectionScopes(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			t.Parallel()
			a := apptest.Start(t, data, b.DSN(t))
			as := func(token string) func(method, p string, body string) apptest.Response {
				return func(method, p string, body string) apptest.Response {
					var r *strings.Reader
					header := []string{"Authorization", "Bearer " + token}
					if body != "" {
						r = strings.NewReader(body)
						header = append(header, "Content-Type", "application/json")
					}
					if r == nil {
						return apptest.Do(t, a.Anonymous, a.URL, method, p, nil, header...)
					}
					return apptest.Do(t, a.Anonymous, a.URL, method, p, r, header...)
				}
			}
			manager := as(a.User(t, "vanthu.tinh", "secretariat", "ubnd-tinh-thanh-hoa"))
			dongTien := as(a.User(t, "donvi.dong.tien", "unit", "ubnd-xa-dong-tien"))
			inspector := as(a.User(t, "kiemtra.dong.tien", "inspector", "xa-dong-tien"))
			quangPhuInspector := as(a.User(t, "kiemtra.quang.phu", "inspector", "xa-quang-phu"))

			// The secretariat of the province's committee runs its round; not a commune's.
			expect(t, "commune round by the province's secretariat", manager("POST", "/api/inspection/rounds",
				`{"year":2025,"authority_id":"ubnd-xa-dong-tien"}`), http.StatusForbidden)
			var round inspection.Round
			expect(t, "province round", manager("POST", "/api/inspection/rounds",
				`{"year":2025,"authority_id":"ubnd-tinh-thanh-hoa"}`), http.StatusCreated).JSON(t, &round)
			base := fmt.Sprintf("/api/inspection/rounds/%d", round.ID)
			expect(t, "roster", manager("PUT", base+"/objects", `{"objects":[
				{"id":"dong-tien","kind":"xa","name":"Xã Đông Tiến","unit_id":"ubnd-xa-dong-tien"},
				{"id":"quang-phu","kind":"xa","name":"Xã Quảng Phú","unit_id":"ubnd-xa-quang-phu"}]}`), http.StatusOK)
			expect(t, "roster by a unit", dongTien("PUT", base+"/objects", `{"objects":[{"id":"x","kind":"xa","name":"X"}]}`), http.StatusForbidden)

			// A unit registers itself, not its neighbour.
			expect(t, "Đông Tiến registers", dongTien("POST", base+"/objects/dong-tien/registration", `{"registered_on":"2025-02-10"}`), http.StatusOK)
			refused := expect(t, "Đông Tiến registers Quảng Phú", dongTien("POST", base+"/objects/quang-phu/registration", `{"registered_on":"2025-02-10"}`), http.StatusForbidden)
			if !strings.Contains(string(refused.Body), "Quảng Phú") {
				t.Errorf("the refusal does not name the unit: %s", refused.Body)
			}

			// The unit reads the round it takes part in, sees its own object, reads its own result.
			var objects []inspection.Object
			expect(t, "the unit's roster", dongTien("GET", base+"/objects", ""), http.StatusOK).JSON(t, &objects)
			if len(objects) != 1 || objects[0].ID != "dong-tien" {
				t.Errorf("the unit sees %+v, want its own object only", objects)
			}
			var rounds []inspection.Round
			expect(t, "the unit's rounds", dongTien("GET", "/api/inspection/rounds", ""), http.StatusOK).JSON(t, &rounds)
			if len(rounds) != 1 || rounds[0].ID != round.ID {
				t.Errorf("the unit lists %+v, want the province's round", rounds)
			}
			expect(t, "own result", dongTien("GET", base+"/objects/dong-tien/result", ""), http.StatusOK)
			expect(t, "the neighbour's result", dongTien("GET", base+"/objects/quang-phu/result", ""), http.StatusForbidden)
			expect(t, "the whole round's result", dongTien("GET", base+"/result", ""), http.StatusForbidden)

			// An inspector assesses the objects in its scope only.
			raw, err := json.Marshal(map[string]any{"version": 0, "answers": allPassAnswers(a.Checklists.Get("xa")),
				"facts": map[string]int{"sub_units": 0, "sub_units_rated": 0}})
			if err != nil {
				t.Fatal(err)
			}
			answers := string(raw)
			expect(t, "open in scope", inspector("GET", base+"/objects/dong-tien/assessment", ""), http.StatusOK)
			expect(t, "open out of scope", inspector("GET", base+"/objects/quang-phu/assessment", ""), http.StatusForbidden)
			expect(t, "save out of scope", quangPhuInspector("PUT", base+"/objects/dong-tien/assessment", answers), http.StatusForbidden)
			expect(t, "save in scope", inspector("PUT", base+"/objects/dong-tien/assessment", answers), http.StatusOK)
			expect(t, "inspector manages the round", inspector("DELETE", base, ""), http.StatusForbidden)

			// The audit log: one row per change, by whom, in order; the refusals wrote none.
			var rows []access.AuditEntry
			expect(t, "audit", a.Do(t, "GET", "/api/audit?limit=1000", nil), http.StatusOK).JSON(t, &rows)
			var got []string
			for i := len(rows) - 1; i >= 0; i-- {
				r := rows[i]
				if strings.HasPrefix(r.Object, "round:") {
					got = append(got, r.Action+" "+r.Object+" "+r.Login)
				}
			}
			round1 := fmt.Sprintf("round:%d", round.ID)
			want := []string{
				inspection.ActRoundCreate + " " + round1 + " vanthu.tinh",
				inspection.ActRosterPut + " " + round1 + "/objects vanthu.tinh",
				inspection.ActRegister + " " + round1 + "/object:dong-tien/registration donvi.dong.tien",
				inspection.ActAssessmentSave + " " + round1 + "/object:dong-tien/assessment kiemtra.dong.tien",
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("audit rows of the round:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			for _, r := range rows {
				if strings.HasPrefix(r.Object, "round:") && len(r.ObjectSHA256) != 64 {
					t.Errorf("row %d (%s) has no object hash", r.Seq, r.Action)
				}
			}
			if n, err := a.DB.VerifyAudit(t.Context()); err != nil || n == 0 {
				t.Errorf("audit chain: %d rows, %v", n, err)
			}
		})
	}
}
