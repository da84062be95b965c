package records_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/commendation"
	"vanthu/committee"
	"vanthu/internal/apptest"
)

// BenchmarkEligibility10000 checks 10,000 nominees for the medal against a year's records
// on SQLite: the proposal, its nominees, the people and every team membership are read
// from the database and each nominee's service years computed, as GET
// /api/proposals/{id}/eligibility does.
func BenchmarkEligibility10000(b *testing.B) {
	const n = 10000
	a := apptest.NewSQLite(b)
	ctx := access.WithActor(context.Background(), access.System("records test"))
	people := make([]committee.Person, n)
	for i := range people {
		g := committee.Male
		if i%2 == 1 {
			g = committee.Female
		}
		people[i] = committee.Person{Name: fmt.Sprintf("Thành viên %05d", i), Gender: g, BirthYear: 1960 + i%30, UnitID: "thon-phu-luu"}
	}
	if err := a.DB.CreatePeople(ctx, people); err != nil {
		b.Fatal(err)
	}
	team := committee.Body{Kind: committee.SecurityTeam, UnitID: "ubnd-xa-dong-tien", Name: "Tổ bảo vệ an ninh, trật tự thôn Phù Lưu", Areas: []string{"thon-phu-luu"}}
	if err := a.DB.CreateBody(ctx, &team); err != nil {
		b.Fatal(err)
	}
	// Service from 2005 to 2019 for each member: 20 years for some, 5 for others.
	var plan committee.Plan
	for i, p := range people {
		plan.Open = append(plan.Open, committee.Membership{PersonID: p.ID, Role: "Tổ viên", Start: committee.Date(fmt.Sprintf("%d-01-01", 2005+i%15))})
	}
	if err := a.DB.ApplyChange(ctx, team.ID, "2005-01-01", plan); err != nil {
		b.Fatal(err)
	}
	p := commendation.Proposal{AwardID: "ky-niem-chuong-to-bao-ve-antt", Year: 2025, ProposerID: "cong-an-xa-dong-tien",
		Movement: "phong trào toàn dân bảo vệ an ninh Tổ quốc", Summary: "Thành viên lâu năm."}
	if _, err := a.Records.CreateProposal(ctx, &p); err != nil {
		b.Fatal(err)
	}
	nominees := make([]commendation.Nominee, n)
	for i := range nominees {
		nominees[i] = commendation.Nominee{Kind: commendation.Person, PersonID: people[i].ID, Name: people[i].Name}
	}
	if err := a.DB.AddNominees(ctx, p.ID, nominees); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		res, err := a.Records.Eligibility(ctx, p.ID)
		if err != nil {
			b.Fatal(err)
		}
		if len(res) != n {
			b.Fatalf("%d results", len(res))
		}
	}
	reportCPU(b, start)
}

// reportCPU adds the process's CPU time per operation since start, when it is measured.
func reportCPU(b *testing.B, start time.Duration) {
	if d := cpuTime() - start; start > 0 && d > 0 {
		b.ReportMetric(float64(d.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkCheck10000 is the rule check alone, on records already in memory: 10,000
// residential-area and person nominees for the Giấy khen.
func BenchmarkCheck10000(b *testing.B) {
	data := apptest.LoadData(b)
	award, _ := data.Awards.Get("giay-khen-chu-tich-ubnd-xa")
	rec := &commendation.Records{Year: 2025, Recognitions: &commendation.Recognitions{Year: 2025, Units: map[string]bool{}}}
	ns := make([]commendation.Nominee, 10000)
	for i := range ns {
		id := fmt.Sprintf("thon-%05d", i)
		if i%3 == 0 {
			rec.Recognitions.(*commendation.Recognitions).Units[id] = true
		}
		ns[i] = commendation.Nominee{ID: int64(i), Kind: commendation.Area, UnitID: id, Name: "Thôn " + id}
		if i%2 == 0 {
			ns[i] = commendation.Nominee{ID: int64(i), Kind: commendation.Person, PersonID: int64(i), Name: "Người " + id}
		}
	}
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		if _, err := commendation.Check(award, ns, rec); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}
