package inspection_test

import (
	"fmt"
	"strings"
	"testing"

	"vanthu/inspection"
)

// allPass answers every answerable criterion of c "đạt".
func allPass(c *inspection.Checklist) map[string]inspection.Answer {
	m := map[string]inspection.Answer{}
	for _, cr := range c.Leaves() {
		if cr.Answerable() {
			m[cr.ID] = inspection.Answer{Result: inspection.Pass}
		}
	}
	return m
}

// commune builds a commune with n residential areas, all registered, and the commune's own
// assessment all "đạt"; fail maps an area's number (1-based) to the criterion it fails.
func commune(cat *inspection.Catalog, n int, fail map[int]string) ([]inspection.Object, []inspection.Assessment) {
	objects := []inspection.Object{{ID: "xa-a", Kind: inspection.Commune, Name: "Xã A", RegisteredOn: "2025-02-01"}}
	assessments := []inspection.Assessment{{ObjectID: "xa-a", Answers: allPass(cat.Get("xa"))}}
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("thon-%02d", i)
		objects = append(objects, inspection.Object{ID: id, Kind: inspection.ResidentialArea, Name: fmt.Sprintf("Thôn %d", i),
			ParentID: "xa-a", RegisteredOn: "2025-02-15"})
		answers := allPass(cat.Get("khu-dan-cu"))
		if cr, ok := fail[i]; ok {
			answers[cr] = inspection.Answer{Result: inspection.Fail, Note: "Có vụ việc trong năm"}
		}
		assessments = append(assessments, inspection.Assessment{ObjectID: id, Answers: answers})
	}
	return objects, assessments
}

func failing(from, to int) map[int]string {
	m := map[int]string{}
	for i := from; i <= to; i++ {
		m[i] = "4.4.b"
	}
	return m
}

func TestScoreCommune(t *testing.T) {
	cat := embedded(t)

	t.Run("18 of 20 recognised: 90 %, item 4 passes", func(t *testing.T) {
		objects, assessments := commune(cat, 20, map[int]string{19: "4.4.b", 20: "4.4.c"})
		s := cat.Score(objects, assessments)
		recognised := 0
		for _, v := range s.Verdicts[1:] {
			if v.Outcome == inspection.Recognised {
				recognised++
			}
		}
		if recognised != 18 {
			t.Errorf("%d areas recognised, want 18", recognised)
		}
		for id, crit := range map[string]string{"thon-19": "4.4.b", "thon-20": "4.4.c"} {
			v := s.Of(id)
			if v.Outcome != inspection.NotRecognised || len(v.Reasons) != 1 || v.Reasons[0].CriterionID != crit ||
				v.Reasons[0].Basis != "Điều 4, khoản 4, điểm "+crit[4:]+", TT 124/2021/TT-BCA" ||
				v.Reasons[0].Explanation != "Không đạt: Có vụ việc trong năm" {
				t.Errorf("%s: %+v", id, v)
			}
		}
		xa := s.Of("xa-a")
		if xa.Outcome != inspection.Recognised {
			t.Errorf("commune: %+v", xa)
		}
		if len(xa.Shares) != 1 || xa.Shares[0] != (inspection.Share{CriterionID: "5.4", Rule: inspection.RuleSubObjects,
			Total: 20, Registered: 20, Recognised: 18, Met: true, Applicable: true}) {
			t.Errorf("commune shares: %+v", xa.Shares)
		}
	})

	edges := []struct {
		name       string
		fail       map[int]string
		unregister int
		outcome    inspection.Outcome
		why        string
	}{
		{"14 of 20 (70 %) passes", failing(15, 20), 0, inspection.Recognised, ""},
		{"13 of 20 fails", failing(14, 20), 0, inspection.NotRecognised, "13/20 đối tượng thuộc địa bàn được công nhận (65 %), cần từ 70 % trở lên."},
		{"one area not registered fails whatever the share", nil, 7, inspection.NotRecognised,
			"19/20 đối tượng thuộc địa bàn đã đăng ký (95 %), cần 100 %; chưa đăng ký: Thôn 7."},
	}
	for _, tt := range edges {
		t.Run(tt.name, func(t *testing.T) {
			objects, assessments := commune(cat, 20, tt.fail)
			if tt.unregister > 0 {
				objects[tt.unregister].RegisteredOn = ""
			}
			xa := cat.Score(objects, assessments).Of("xa-a")
			if xa.Outcome != tt.outcome {
				t.Fatalf("outcome %s, want %s: %+v", xa.Outcome, tt.outcome, xa)
			}
			if tt.why != "" && (len(xa.Reasons) != 1 || xa.Reasons[0].CriterionID != "5.4" || xa.Reasons[0].Explanation != tt.why) {
				t.Errorf("reasons %+v, want 5.4: %s", xa.Reasons, tt.why)
			}
		})
	}

	t.Run("the commune's own criteria still count", func(t *testing.T) {
		objects, assessments := commune(cat, 20, nil)
		assessments[0].Answers["5.2/4.3.e"] = inspection.Answer{Result: inspection.Fail}
		xa := cat.Score(objects, assessments).Of("xa-a")
		if xa.Outcome != inspection.NotRecognised || xa.Reasons[0].CriterionID != "5.2/4.3.e" || xa.Reasons[0].Explanation != "Không đạt." {
			t.Errorf("%+v", xa)
		}
	})

	t.Run("unanswered and not applicable", func(t *testing.T) {
		objects, assessments := commune(cat, 3, nil)
		delete(assessments[1].Answers, "4.5")
		assessments[2].Answers["4.3.đ"] = inspection.Answer{Result: inspection.NotApplicable}
		s := cat.Score(objects, assessments[:3]) // thon-03 has no assessment
		if v := s.Of("thon-01"); v.Outcome != inspection.Pending || strings.Join(v.Missing, ",") != "4.5" {
			t.Errorf("thon-01: %+v", v)
		}
		if v := s.Of("thon-02"); v.Outcome != inspection.Recognised || v.Points != 13 {
			t.Errorf("thon-02: %+v", v)
		}
		if v := s.Of("thon-03"); v.Outcome != inspection.Pending || v.Assessed || len(v.Missing) != 14 {
			t.Errorf("thon-03: %+v", v)
		}
		// 1 of 3 recognised: item 4 fails although the others are pending.
		if v := s.Of("xa-a"); v.Outcome != inspection.NotRecognised {
			t.Errorf("xa-a: %+v", v)
		}
	})
}

func TestScoreSubUnitShare(t *testing.T) {
	cat := embedded(t)
	agency := []inspection.Object{{ID: "cty", Kind: inspection.Agency, Name: "Công ty A", RegisteredOn: "2025-03-01"}}
	tests := []struct {
		name    string
		facts   *inspection.Facts
		answer  inspection.Result
		outcome inspection.Outcome
	}{
		{"7 of 10 rated", &inspection.Facts{SubUnits: 10, SubUnitsRated: 7}, inspection.Pass, inspection.Recognised},
		{"6 of 10 rated", &inspection.Facts{SubUnits: 10, SubUnitsRated: 6}, inspection.Pass, inspection.NotRecognised},
		{"no sub-units to rate", &inspection.Facts{}, inspection.Pass, inspection.Recognised},
		{"counts not given", nil, inspection.Pass, inspection.Pending},
		{"discipline part failed", &inspection.Facts{SubUnits: 10, SubUnitsRated: 10}, inspection.Fail, inspection.NotRecognised},
		{"not applicable", nil, inspection.NotApplicable, inspection.Recognised},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answers := allPass(cat.Get("co-quan-doanh-nghiep"))
			answers["6.5"] = inspection.Answer{Result: tt.answer}
			v := cat.Score(agency, []inspection.Assessment{{ObjectID: "cty", Answers: answers, Facts: tt.facts}}).Of("cty")
			if v.Outcome != tt.outcome {
				t.Errorf("outcome %s, want %s: %+v", v.Outcome, tt.outcome, v)
			}
		})
	}
}

func TestProgress(t *testing.T) {
	cat := embedded(t)
	objects, assessments := commune(cat, 20, map[int]string{19: "4.4.b", 20: "4.4.c"})
	objects = append(objects, inspection.Object{ID: "truong", Kind: inspection.School, Name: "Trường THCS A", ParentID: "xa-a"})
	r, err := cat.NewRound(2025, "ubnd-xa-a", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	p := cat.Progress(r, objects, cat.Score(objects, assessments))
	want := []inspection.KindProgress{
		{Kind: inspection.ResidentialArea, Title: "Khu dân cư", Total: 20, Registered: 20, Assessed: 20, Recognised: 18,
			RegisteredShare: 1, AssessedShare: 1, RecognisedShare: 0.9, MeetsTarget: true},
		{Kind: inspection.Commune, Title: "Xã, phường, đặc khu", Total: 1, Registered: 1, Assessed: 1, Recognised: 0,
			RegisteredShare: 1, AssessedShare: 1, RecognisedShare: 0},
		{Kind: inspection.School, Title: "Cơ sở giáo dục", Total: 1},
	}
	if fmt.Sprint(p.Kinds) != fmt.Sprint(want) {
		t.Errorf("kinds\n got %+v\nwant %+v", p.Kinds, want)
	}
	if len(p.Areas) != 1 || p.Areas[0].AreaID != "xa-a" || len(p.Areas[0].Kinds) != 2 || p.Areas[0].Kinds[0].Recognised != 18 {
		t.Errorf("areas %+v", p.Areas)
	}
}

// BenchmarkScoreProvinceRound scores a province's round: 500 communes and units, 5,000
// residential areas under the communes, with the roll-up of art. 5.4.
func BenchmarkScoreProvinceRound(b *testing.B) {
	cat := embedded(b)
	var objects []inspection.Object
	var assessments []inspection.Assessment
	kdc, xa, cq := allPass(cat.Get("khu-dan-cu")), allPass(cat.Get("xa")), allPass(cat.Get("co-quan-doanh-nghiep"))
	for c := range 400 {
		cid := fmt.Sprintf("xa-%03d", c)
		objects = append(objects, inspection.Object{ID: cid, Kind: inspection.Commune, Name: cid, RegisteredOn: "2025-02-01"})
		assessments = append(assessments, inspection.Assessment{ObjectID: cid, Answers: xa})
		for a := range 12 {
			id := fmt.Sprintf("%s-kdc-%02d", cid, a)
			objects = append(objects, inspection.Object{ID: id, Kind: inspection.ResidentialArea, Name: id, ParentID: cid, RegisteredOn: "2025-02-01"})
			assessments = append(assessments, inspection.Assessment{ObjectID: id, Answers: kdc})
		}
	}
	for len(objects) < 5400 { // 400 communes + 5,000 residential areas
		id := fmt.Sprintf("kdc-%04d", len(objects))
		objects = append(objects, inspection.Object{ID: id, Kind: inspection.ResidentialArea, Name: id, ParentID: "xa-000", RegisteredOn: "2025-02-01"})
		assessments = append(assessments, inspection.Assessment{ObjectID: id, Answers: kdc})
	}
	for u := range 100 {
		id := fmt.Sprintf("cq-%03d", u)
		objects = append(objects, inspection.Object{ID: id, Kind: inspection.Agency, Name: id, RegisteredOn: "2025-02-01"})
		assessments = append(assessments, inspection.Assessment{ObjectID: id, Answers: cq, Facts: &inspection.Facts{SubUnits: 5, SubUnitsRated: 4}})
	}
	r, _ := cat.NewRound(2025, "ubnd-tinh", "", 0)
	b.ResetTimer()
	for b.Loop() {
		s := cat.Score(objects, assessments)
		if s.Of("xa-001").Outcome != inspection.Recognised {
			b.Fatal("commune not recognised")
		}
		cat.Progress(r, objects, s)
	}
}

func TestPrefill(t *testing.T) {
	cat := embedded(t)
	objects, assessments := commune(cat, 20, map[int]string{19: "4.4.b", 20: "4.4.c"})
	objects[5].RegisteredOn = ""
	r, err := cat.NewRound(2025, "ubnd-xa-a", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	s := cat.Score(objects, assessments)
	areas := []inspection.Kind{inspection.ResidentialArea}

	data, err := inspection.Prefill(inspection.DocumentRequest{Form: inspection.FormProposal, Kinds: areas}, r, objects, s)
	if err != nil {
		t.Fatal(err)
	}
	rows := data["danh_sach"].([][]string)
	if data["nam"] != 2025 || data["so_dang_ky"] != 19 || data["so_de_nghi"] != 18 || len(rows) != 18 ||
		fmt.Sprint(rows[0]) != fmt.Sprint([]string{"", "Thôn 1", "Khu dân cư", "Đạt", ""}) {
		t.Errorf("proposal %v", data)
	}
	data, err = inspection.Prefill(inspection.DocumentRequest{Form: inspection.FormNotice, Kinds: areas}, r, objects, s)
	if err != nil {
		t.Fatal(err)
	}
	rows = data["danh_sach"].([][]string)
	if len(rows) != 20 || fmt.Sprint(rows[19]) != fmt.Sprint([]string{"", "Thôn 20", "Khu dân cư", "Chưa đạt", "Chưa đạt tiêu chí 4.4.c"}) {
		t.Errorf("notice rows %v", rows)
	}
	data, err = inspection.Prefill(inspection.DocumentRequest{Form: inspection.FormMinutes, ObjectID: "thon-19"}, r, objects, s)
	if err != nil {
		t.Fatal(err)
	}
	want := "Đối chiếu các tiêu chí của Thông tư số 124/2021/TT-BCA, Thôn 19 chưa đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2025 do:\n" +
		"- Tiêu chí 4.4.b (Điều 4, khoản 4, điểm b, TT 124/2021/TT-BCA): Không đạt: Có vụ việc trong năm."
	if data["ket_qua"] != want {
		t.Errorf("minutes\n got %q\nwant %q", data["ket_qua"], want)
	}
	for _, req := range []inspection.DocumentRequest{{Form: "cong-van"}, {Form: inspection.FormMinutes}, {Form: inspection.FormMinutes, ObjectID: "khong-co"}} {
		if _, err := inspection.Prefill(req, r, objects, s); err == nil {
			t.Errorf("Prefill(%+v) accepted", req)
		}
	}
}

// The province's round judges a commune's item 4 from the commune's own round.
func TestScoreLinkedRound(t *testing.T) {
	cat := embedded(t)
	subObjects, subAssessments := commune(cat, 20, failing(14, 20)) // 13 of 20
	sub := &inspection.Linked{RoundID: 7, Objects: subObjects, Scores: cat.Score(subObjects, subAssessments)}
	province := []inspection.Object{{ID: "xa-a", Kind: inspection.Commune, Name: "Xã A", UnitID: "ubnd-xa-a", RegisteredOn: "2025-02-01"}}
	answers := []inspection.Assessment{{ObjectID: "xa-a", Answers: allPass(cat.Get("xa"))}}

	v := cat.ScoreLinked(province, answers, map[string]*inspection.Linked{"xa-a": sub}).Of("xa-a")
	if v.Outcome != inspection.NotRecognised || v.Shares[0].Total != 20 || v.Shares[0].Recognised != 13 || v.Shares[0].RoundID != 7 {
		t.Errorf("13/20 in the linked round: %+v", v)
	}
	subObjects, subAssessments = commune(cat, 20, failing(15, 20)) // 14 of 20
	sub.Objects, sub.Scores = subObjects, cat.Score(subObjects, subAssessments)
	if v := cat.ScoreLinked(province, answers, map[string]*inspection.Linked{"xa-a": sub}).Of("xa-a"); v.Outcome != inspection.Recognised {
		t.Errorf("14/20 in the linked round: %+v", v)
	}
	if v := cat.Score(province, answers).Of("xa-a"); v.Outcome != inspection.Pending || v.Missing[0] != "5.4" {
		t.Errorf("without the linked round: %+v", v)
	}
}

// BenchmarkScoreProvinceLinkedRounds is the province round of the two-tier reading: 500
// communes in the province's round, each judged from its own round of 10 residential areas
// (5,000 in all), every commune round scored in each iteration.
func BenchmarkScoreProvinceLinkedRounds(b *testing.B) {
	cat := embedded(b)
	kdc, xa := allPass(cat.Get("khu-dan-cu")), allPass(cat.Get("xa"))
	type communeRound struct {
		objects     []inspection.Object
		assessments []inspection.Assessment
	}
	rounds := make([]communeRound, 500)
	var province []inspection.Object
	var answers []inspection.Assessment
	for c := range rounds {
		cid := fmt.Sprintf("xa-%03d", c)
		province = append(province, inspection.Object{ID: cid, Kind: inspection.Commune, Name: cid, UnitID: "ubnd-" + cid, RegisteredOn: "2025-02-01"})
		answers = append(answers, inspection.Assessment{ObjectID: cid, Answers: xa})
		for a := range 10 {
			id := fmt.Sprintf("kdc-%02d", a)
			rounds[c].objects = append(rounds[c].objects, inspection.Object{ID: id, Kind: inspection.ResidentialArea, Name: id, RegisteredOn: "2025-02-01"})
			rounds[c].assessments = append(rounds[c].assessments, inspection.Assessment{ObjectID: id, Answers: kdc})
		}
	}
	for b.Loop() {
		linked := make(map[string]*inspection.Linked, len(rounds))
		for c, r := range rounds {
			linked[province[c].ID] = &inspection.Linked{RoundID: int64(c + 1), Objects: r.objects, Scores: cat.Score(r.objects, r.assessments)}
		}
		if cat.ScoreLinked(province, answers, linked).Of("xa-001").Outcome != inspection.Recognised {
			b.Fatal("commune not recognised")
		}
	}
}
