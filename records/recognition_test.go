package records_test

import (
	"context"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/commendation"
	"vanthu/internal/apptest"
	"vanthu/records"
)

// yearRound is a RecognitionSource as the inspection records will provide: the results of
// each year's round, here held as a record set rather than read from the records' table.
type yearRound map[int]map[string]bool

func (r yearRound) Recognised(year int, unitID string) (bool, error) { return r[year][unitID], nil }

// A RecognitionSource given in the configuration answers instead of the records' own table.
func TestRecognitionSourcePlugsIn(t *testing.T) {
	a := apptest.NewSQLite(t)
	ctx := access.WithActor(context.Background(), access.System("records test"))
	// The table says Phù Lưu; the round plugged in says Triệu Xá.
	if err := a.Records.SetRecognitions(ctx, 2025, []string{"thon-phu-luu"}); err != nil {
		t.Fatal(err)
	}
	plugged := records.New(records.Config{DB: a.DB, Secretariat: a.Service, Rules: a.Committees, Awards: a.Awards,
		Recognitions: yearRound{2025: {"thon-trieu-xa": true}}, Now: func() time.Time { return apptest.Now }})
	p := commendation.Proposal{AwardID: "giay-khen-chu-tich-ubnd-xa", Year: 2025, ProposerID: "cong-an-xa-dong-tien",
		Movement: "phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025", Summary: "Hai khu dân cư."}
	if _, err := plugged.CreateProposal(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if _, err := plugged.AddNominees(ctx, p.ID, []commendation.Nominee{{Kind: commendation.Area, UnitID: "thon-phu-luu"},
		{Kind: commendation.Area, UnitID: "thon-trieu-xa"}}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		svc  *records.Service
		want [2]bool
	}{{"records' table", a.Records, [2]bool{true, false}}, {"plugged-in round", plugged, [2]bool{false, true}}} {
		res, err := tc.svc.Eligibility(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := [2]bool{res[0].Eligible, res[1].Eligible}; got != tc.want {
			t.Errorf("%s: eligible %v, want %v", tc.name, got, tc.want)
		}
	}
}
