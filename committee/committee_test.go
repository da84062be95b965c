package committee

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"vanthu/apperr"
)

func mustRules(t *testing.T) *Rulebook {
	t.Helper()
	rb, err := Load(os.DirFS("../templates/committees"))
	if err != nil {
		t.Fatal(err)
	}
	return rb
}

func TestRulebook(t *testing.T) {
	rb := mustRules(t)
	th, ok := rb.For("tinh-thanh-hoa", SecurityTeam)
	if !ok || th.Size == nil || th.Size.PerArea["rural"] != 3 || th.Size.PerArea["urban"] != 5 {
		t.Errorf("Thanh Hoá team rules %+v", th)
	}
	other, ok := rb.For("tinh-khac", SecurityTeam)
	if !ok || other.Size != nil {
		t.Errorf("a province without its own set falls back to the default: %+v", other)
	}
	if _, ok := rb.For("tinh-thanh-hoa", SteeringCommittee); !ok {
		t.Error("Thanh Hoá has no Ban Chỉ đạo rules of its own: the default's apply")
	}
	if _, ok := rb.For("", "khong-co"); ok {
		t.Error("an unknown kind has rules")
	}
	if got := th.Size.AreaKind("Tổ dân phố Lam Sơn 1"); got != "urban" {
		t.Errorf("AreaKind(tổ dân phố) = %s", got)
	}
	if got := th.Size.AreaKind("Thôn Phù Lưu"); got != "rural" {
		t.Errorf("AreaKind(thôn) = %s", got)
	}

	broken := map[string]string{
		"no default":     `{"id": "a", "province": "p", "name": "n", "legal_basis": ["x"], "bodies": {}}`,
		"id mismatch":    `{"id": "b", "province": "", "name": "n", "legal_basis": ["x"], "bodies": {}}`,
		"no basis":       `{"id": "a", "province": "", "name": "n", "legal_basis": [], "bodies": {}}`,
		"min over max":   `{"id": "a", "province": "", "name": "n", "legal_basis": ["x"], "bodies": {"k": {"title": "T", "roles": [{"name": "R", "min": 2, "max": 1, "basis": "b"}]}}}`,
		"rule w/o basis": `{"id": "a", "province": "", "name": "n", "legal_basis": ["x"], "bodies": {"k": {"title": "T", "roles": [{"name": "R", "min": 1}]}}}`,
		"unknown field":  `{"id": "a", "province": "", "name": "n", "legal_basis": ["x"], "bodies": {}, "extra": 1}`,
	}
	for name, raw := range broken {
		t.Run(name, func(t *testing.T) {
			if _, err := Load(fstest.MapFS{"a.json": {Data: []byte(raw)}}); err == nil {
				t.Error("loaded")
			}
		})
	}
}

func TestPlanChange(t *testing.T) {
	rb := mustRules(t)
	team, _ := rb.For("tinh-thanh-hoa", SecurityTeam)
	body := &Body{ID: 7, Kind: SecurityTeam}
	rural := []string{"rural"}
	established := []Membership{
		{ID: 1, PersonID: 10, Role: "Tổ trưởng", Start: "2025-07-15"},
		{ID: 2, PersonID: 11, Role: "Tổ phó", Start: "2025-07-15"},
		{ID: 3, PersonID: 12, Role: "Tổ viên", Start: "2025-07-15"},
	}
	tests := []struct {
		name   string
		ms     []Membership
		ch     Change
		closes []int64
		opens  int
		errHas []string
	}{
		{name: "establish", ch: Change{Date: "15/07/2025", Join: []Joining{{10, "Tổ trưởng"}, {11, "Tổ phó"}, {12, "Tổ viên"}}}, opens: 3},
		{name: "two leaders", ch: Change{Date: "2025-07-15", Join: []Joining{{10, "Tổ trưởng"}, {11, "Tổ trưởng"}, {12, "Tổ viên"}}},
			errHas: []string{"phải có đúng 1 Tổ trưởng; sau thay đổi có 2", "phải có ít nhất 1 Tổ phó; sau thay đổi có 0"}},
		{name: "size", ch: Change{Date: "2025-07-15", Join: []Joining{{10, "Tổ trưởng"}, {11, "Tổ phó"}}},
			errHas: []string{"Thôn A có 3 thành viên theo quy định; sau thay đổi có 2", "dữ liệu mẫu"}},
		{name: "unknown role", ch: Change{Date: "2025-07-15", Join: []Joining{{10, "Đội trưởng"}}},
			errHas: []string{"Chức danh \"Đội trưởng\" không có trong Tổ bảo vệ an ninh, trật tự"}},
		{name: "swap leader and deputy", ms: established, ch: Change{Date: "2026-01-01", Join: []Joining{{10, "Tổ phó"}, {11, "Tổ trưởng"}}},
			closes: []int64{1, 2}, opens: 2},
		{name: "replace a member", ms: established, ch: Change{Date: "2026-01-01", Leave: []int64{12}, Join: []Joining{{13, "Tổ viên"}}},
			closes: []int64{3}, opens: 1},
		{name: "the leader leaves alone", ms: established, ch: Change{Date: "2026-01-01", Leave: []int64{10}},
			errHas: []string{"phải có đúng 1 Tổ trưởng; sau thay đổi có 0"}},
		{name: "leave twice", ms: established, ch: Change{Date: "2026-01-01", Leave: []int64{12, 12}, Join: []Joining{{13, "Tổ viên"}}},
			errHas: []string{"Người 12 không phải thành viên"}},
		{name: "leave of a non-member", ms: established, ch: Change{Date: "2026-01-01", Leave: []int64{99}},
			errHas: []string{"Người 99 không phải thành viên"}},
		{name: "backdated", ms: established, ch: Change{Date: "2025-01-01", Leave: []int64{12}, Join: []Joining{{13, "Tổ viên"}}},
			errHas: []string{"trước lần thay đổi gần nhất (15/07/2025)"}},
		{name: "no date", ch: Change{Join: []Joining{{10, "Tổ trưởng"}}}, errHas: []string{"Ngày thay đổi là trường bắt buộc"}},
		{name: "empty", ms: established, ch: Change{Date: "2026-01-01"}, errHas: []string{"không có người vào hay ra"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := PlanChange(body, tt.ms, tt.ch, team, rural, "Thôn A")
			if len(tt.errHas) > 0 {
				if err == nil {
					t.Fatalf("accepted: %+v", plan)
				}
				e := apperr.As(err)
				var all []string
				for _, v := range e.Fields {
					all = append(all, v)
				}
				text := strings.Join(all, "\n")
				for _, w := range tt.errHas {
					if !strings.Contains(text, w) {
						t.Errorf("error lacks %q: %s", w, text)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.Open) != tt.opens || fmt.Sprint(plan.Close) != fmt.Sprint(tt.closes) && len(tt.closes) > 0 {
				t.Errorf("plan %+v, want closes %v and %d opens", plan, tt.closes, tt.opens)
			}
			for _, m := range plan.Open {
				if m.BodyID != 7 || m.Start != "2025-07-15" && m.Start != "2026-01-01" {
					t.Errorf("opened %+v", m)
				}
			}
		})
	}
}

func TestComposition(t *testing.T) {
	rb := mustRules(t)
	bcd, _ := rb.For("", SteeringCommittee)
	people := map[int64]Person{1: {ID: 1, Name: "A"}, 2: {ID: 2, Name: "B"}, 3: {ID: 3, Name: "C"}, 4: {ID: 4, Name: "D"}}
	ms := []Membership{
		{PersonID: 3, Role: "Thành viên", Start: "2016-01-10"},
		{PersonID: 1, Role: "Trưởng ban", Start: "2016-01-10", End: "2019-03-01"},
		{PersonID: 4, Role: "Trưởng ban", Start: "2019-03-01"},
		{PersonID: 2, Role: "Phó Trưởng ban thường trực", Start: "2016-01-10"},
	}
	names := func(d Date) string {
		var out []string
		for _, m := range Composition(ms, d, people, bcd) {
			out = append(out, m.Person.Name+":"+m.Role)
		}
		return strings.Join(out, ", ")
	}
	for d, want := range map[Date]string{
		"2016-01-09": "",
		"2016-01-10": "A:Trưởng ban, B:Phó Trưởng ban thường trực, C:Thành viên",
		"2019-02-28": "A:Trưởng ban, B:Phó Trưởng ban thường trực, C:Thành viên",
		"2019-03-01": "D:Trưởng ban, B:Phó Trưởng ban thường trực, C:Thành viên",
	} {
		if got := names(d); got != want {
			t.Errorf("on %s: %q, want %q", d, got, want)
		}
	}
}

func TestServiceYears(t *testing.T) {
	tests := []struct {
		name string
		ms   []Membership
		asOf Date
		want int
	}{
		{"none", nil, "2026-01-01", 0},
		{"open since 2011", []Membership{{Start: "2011-01-01"}}, "2026-01-01", 15},
		{"a day short of 15", []Membership{{Start: "2011-01-02"}}, "2026-01-01", 14},
		{"role change counts once", []Membership{{Start: "2012-03-01", End: "2016-05-01"}, {Start: "2016-05-01"}}, "2026-01-01", 13},
		{"overlap on two teams counts once", []Membership{{Start: "2010-01-01", End: "2020-01-01"}, {Start: "2015-01-01", End: "2021-01-01"}}, "2026-01-01", 11},
		{"gap is not counted", []Membership{{Start: "2000-01-01", End: "2005-01-01"}, {Start: "2010-01-01", End: "2015-01-01"}}, "2026-01-01", 10},
		{"future membership ignored", []Membership{{Start: "2027-01-01"}}, "2026-01-01", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ServiceYears(tt.ms, tt.asOf); got != tt.want {
				t.Errorf("ServiceYears = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestParseDateAndPerson(t *testing.T) {
	for in, want := range map[string]Date{"2025-07-01": "2025-07-01", "01/07/2025": "2025-07-01", " 1/7/2025 ": "2025-07-01"} {
		if got, err := ParseDate(in); err != nil || got != want {
			t.Errorf("ParseDate(%q) = %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "2025-02-30", "31/02/2025", "hôm qua"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	now := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	p := Person{Name: "  Nguyễn   Thị Lan ", Gender: Female, BirthYear: 1980}
	if err := p.Clean(now); err != nil || p.Name != "Nguyễn Thị Lan" || p.Title() != "Bà" {
		t.Errorf("Clean: %+v, %v", p, err)
	}
	bad := Person{Gender: "x", BirthYear: 2020}
	e := apperr.As(bad.Clean(now))
	for _, f := range []string{"name", "gender", "birth_year"} {
		if e.Fields[f] == "" {
			t.Errorf("no message for %s: %v", f, e.Fields)
		}
	}
}

// One team may cover several areas: its size is the sum of each area's.
func TestTeamOverSeveralAreas(t *testing.T) {
	team, _ := mustRules(t).For("tinh-thanh-hoa", SecurityTeam)
	roles := []string{"Tổ trưởng", "Tổ phó", "Tổ viên", "Tổ viên", "Tổ viên", "Tổ viên", "Tổ viên", "Tổ viên"}
	if msgs := CheckComposition(team, roles, []string{"rural", "urban"}, "Thôn A, Tổ dân phố B"); len(msgs) != 0 {
		t.Errorf("8 members over a hamlet and a quarter: %q", msgs)
	}
	msgs := CheckComposition(team, roles[:6], []string{"rural", "urban"}, "Thôn A, Tổ dân phố B")
	if len(msgs) != 1 || !strings.Contains(msgs[0], "Thôn A, Tổ dân phố B có 8 thành viên theo quy định; sau thay đổi có 6") {
		t.Errorf("6 members over a hamlet and a quarter: %q", msgs)
	}
}
