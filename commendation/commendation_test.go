package commendation

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"vanthu/apperr"
	"vanthu/committee"
)

func mustAwards(t testing.TB) *Catalog {
	t.Helper()
	c, err := LoadAwards(os.DirFS("../templates/awards"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestShippedAwards(t *testing.T) {
	c := mustAwards(t)
	for id, level := range map[string]string{
		"giay-khen-chu-tich-ubnd-xa":    "commune",
		"chien-si-thi-dua-co-so":        "commune",
		"lao-dong-tien-tien":            "commune",
		"tap-the-lao-dong-tien-tien":    "commune",
		"bang-khen-chu-tich-ubnd-tinh":  "province",
		"chien-si-thi-dua-cap-tinh":     "province",
		"ky-niem-chuong-to-bao-ve-antt": "nation",
	} {
		a, ok := c.Get(id)
		if !ok {
			t.Errorf("%s missing", id)
			continue
		}
		if a.Authority.Level != level || len(a.LegalBasis) == 0 || a.Authority.Basis == "" {
			t.Errorf("%s: authority %+v", id, a.Authority)
		}
	}
	csc, _ := c.Get("chien-si-thi-dua-co-so")
	cst, _ := c.Get("chien-si-thi-dua-cap-tinh")
	if csc.Vote == nil || csc.Vote.MinPercent != 80 || cst.Vote == nil || cst.Vote.MinPercent != 90 {
		t.Errorf("vote thresholds: %+v, %+v", csc.Vote, cst.Vote)
	}
	for _, raw := range []string{
		`{"id": "a", "name": "A", "option": "A", "short": "A", "nominees": ["person"], "authority": {"level": "commune", "unit": "people-committee", "basis": "b"}, "legal_basis": []}`,
		`{"id": "a", "name": "A", "option": "A", "short": "A", "nominees": ["robot"], "authority": {"level": "commune", "unit": "people-committee", "basis": "b"}, "legal_basis": ["x"]}`,
		`{"id": "a", "name": "A", "option": "A", "short": "A", "nominees": ["person"], "authority": {"level": "commune", "unit": "people-committee", "basis": "b"}, "vote": {"min_percent": 120, "basis": "b"}, "legal_basis": ["x"]}`,
		`{"id": "a", "name": "A", "option": "A", "short": "A", "nominees": ["person"], "authority": {"level": "commune", "unit": "people-committee", "basis": "b"}, "conditions": [{"kind": "service-years", "name": "n", "basis": "b"}], "legal_basis": ["x"]}`,
	} {
		if _, err := LoadAwards(fstest.MapFS{"a.json": {Data: []byte(raw)}}); err == nil {
			t.Errorf("loaded %s", raw)
		}
	}
}

func TestVoteThresholds(t *testing.T) {
	tests := []struct {
		min, inFavour, members int
		pass                   bool
		percent                int
	}{
		{80, 7, 9, false, 78}, {80, 8, 9, true, 89}, {80, 8, 10, true, 80}, {80, 0, 9, false, 0},
		{90, 8, 9, false, 89}, {90, 9, 10, true, 90}, {90, 9, 9, true, 100},
	}
	for _, tt := range tests {
		r := VoteRule{MinPercent: tt.min}
		if got := r.Passes(tt.inFavour, tt.members); got != tt.pass {
			t.Errorf("%d/%d at %d %%: %v", tt.inFavour, tt.members, tt.min, got)
		}
		if got := (Vote{InFavour: tt.inFavour, Members: tt.members}).Percent(); got != tt.percent {
			t.Errorf("%d/%d: %d %%, want %d", tt.inFavour, tt.members, got, tt.percent)
		}
	}
	if (&VoteRule{MinPercent: 80}).Passes(0, 0) {
		t.Error("a council of nobody passes")
	}
}

func TestCheck(t *testing.T) {
	c := mustAwards(t)
	gk, _ := c.Get("giay-khen-chu-tich-ubnd-xa")
	medal, _ := c.Get("ky-niem-chuong-to-bao-ve-antt")
	csc, _ := c.Get("chien-si-thi-dua-co-so")
	rec := &Records{Year: 2025,
		Recognitions: &Recognitions{Year: 2025, Units: map[string]bool{"thon-phu-luu": true}},
		ServiceYears: map[string]map[int64]int{committee.SecurityTeam: {1: 14, 2: 10, 3: 9}},
	}
	res, err := Check(gk, []Nominee{
		{ID: 1, Kind: Area, UnitID: "thon-phu-luu", Name: "Thôn Phù Lưu"},
		{ID: 2, Kind: Area, UnitID: "thon-trieu-xa", Name: "Thôn Triệu Xá"},
		{ID: 3, Kind: Person, PersonID: 1, Name: "Lê Văn Bình"},
	}, rec)
	if err != nil {
		t.Fatal(err)
	}
	if !res[0].Eligible || res[1].Eligible || !res[2].Eligible {
		t.Fatalf("Giấy khen: %+v", res)
	}
	if m := res[1].Refusals[0].Message; !strings.Contains(m, "Thôn Triệu Xá chưa được công nhận") || !strings.Contains(m, "năm 2025") {
		t.Errorf("refusal %q", m)
	}
	// Last year's recognition does not count for this year.
	rec.Recognitions = &Recognitions{Year: 2024, Units: map[string]bool{"thon-phu-luu": true}}
	if res, _ := Check(gk, []Nominee{{Kind: Area, UnitID: "thon-phu-luu", Name: "Thôn Phù Lưu"}}, rec); res[0].Eligible {
		t.Error("a 2024 recognition made a 2025 nominee eligible")
	}

	res, _ = Check(medal, []Nominee{{Kind: Person, PersonID: 1, Name: "Ông A", Gender: committee.Male},
		{Kind: Person, PersonID: 2, Name: "Bà B", Gender: committee.Female}, {Kind: Person, PersonID: 3, Name: "Bà C", Gender: committee.Female}}, rec)
	if res[0].Eligible || !res[1].Eligible || res[2].Eligible {
		t.Errorf("medal: %+v", res)
	}
	if m := res[0].Refusals[0].Message; !strings.Contains(m, "Ông A có 14 năm") || !strings.Contains(m, "cần 15 năm đối với nam") {
		t.Errorf("medal refusal %q", m)
	}
	if m := res[2].Refusals[0].Message; !strings.Contains(m, "cần 10 năm đối với nữ") {
		t.Errorf("medal refusal %q", m)
	}

	res, _ = Check(csc, []Nominee{{Name: "X", Kind: Person, Vote: &Vote{7, 9}}, {Name: "Y", Kind: Person, Vote: &Vote{8, 9}}, {Name: "Z", Kind: Person}}, rec)
	if res[0].Eligible || !res[1].Eligible || res[2].Eligible {
		t.Errorf("vote: %+v", res)
	}
	if m := res[0].Refusals[0].Message; !strings.Contains(m, "X được 7/9 thành viên Hội đồng đồng ý (78 %), chưa đạt tỷ lệ từ 80 %") {
		t.Errorf("vote refusal %q", m)
	}
}

func fieldMessage(err error, field string) string { return apperr.As(err).Fields[field] }

func TestNomineeClean(t *testing.T) {
	c := mustAwards(t)
	csc, _ := c.Get("chien-si-thi-dua-co-so")
	n := Nominee{Kind: Area, UnitID: "thon-phu-luu"}
	if err := n.Clean(csc); err == nil || !strings.Contains(fieldMessage(err, "kind"), "không tặng cho khu dân cư") {
		t.Error("an area accepted for an individual title")
	}
	n = Nominee{Kind: Person}
	if err := n.Clean(csc); err == nil {
		t.Error("a person nominee without a person")
	}
	n = Nominee{Kind: Person, PersonID: 4, Achievement: "  Hoàn thành   xuất sắc "}
	if err := n.Clean(csc); err != nil || n.Achievement != "Hoàn thành xuất sắc" {
		t.Errorf("%+v, %v", n, err)
	}
}
