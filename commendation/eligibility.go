package commendation

import (
	"context"

	"vanthu/committee"
)

// RecognitionSource answers whether a residential area was recognised "An toàn về an ninh,
// trật tự" in a year's round (Circular 124/2021/TT-BCA). The inspection records implement
// it; until they do, storage keeps a table of recognitions that does.
type RecognitionSource interface {
	Recognised(year int, unitID string) (bool, error)
}

// RecognitionLoader is a RecognitionSource that loads a year's recognitions at once, so a
// proposal of thousands of nominees is checked against one reading. held is false when
// the source records nothing of that year (no round ran in it): the records then fall back
// to the recognitions entered by hand, for the years before the cycle ran in vanthu.
type RecognitionLoader interface {
	LoadRecognitions(ctx context.Context, year int) (r *Recognitions, held bool, err error)
}

// Recognitions is a year's recognised areas held in memory: a RecognitionSource for one
// year, loaded once so checking thousands of nominees reads the database once.
type Recognitions struct {
	Year  int
	Units map[string]bool
}

// Recognised implements RecognitionSource.
func (r *Recognitions) Recognised(year int, unitID string) (bool, error) {
	return year == r.Year && r.Units[unitID], nil
}

// Records are what eligibility reads, loaded once for a proposal.
type Records struct {
	Year         int
	Recognitions RecognitionSource
	// ServiceYears gives each person's whole years of service, by body kind, at the end of
	// the year.
	ServiceYears map[string]map[int64]int
}

// Refusal is one condition a nominee does not meet.
type Refusal struct {
	// Condition is the condition's kind ("area-recognised", "service-years", "vote").
	Condition string `json:"condition"`
	// Message is Vietnamese and names the nominee and the condition.
	Message string `json:"message"`
	Basis   string `json:"basis"`
}

// Result is the eligibility of one nominee.
type Result struct {
	NomineeID int64     `json:"nominee_id"`
	Name      string    `json:"name"`
	Eligible  bool      `json:"eligible"`
	Refusals  []Refusal `json:"refusals,omitempty"`
}

// Check returns the eligibility of each nominee for the award from the records. A vote
// rule is checked from each nominee's Vote: a nominee without one is refused until the
// council has voted. The error is the RecognitionSource's.
func Check(a *Award, nominees []Nominee, rec *Records) ([]Result, error) {
	out := make([]Result, len(nominees))
	for i := range nominees {
		n := &nominees[i]
		r := Result{NomineeID: n.ID, Name: n.Name}
		for _, c := range a.Condition {
			ref, err := checkCondition(c, n, rec)
			if err != nil {
				return nil, err
			}
			if ref != nil {
				r.Refusals = append(r.Refusals, *ref)
			}
		}
		if a.Vote != nil {
			if ref := checkVote(a, n); ref != nil {
				r.Refusals = append(r.Refusals, *ref)
			}
		}
		r.Eligible = len(r.Refusals) == 0
		out[i] = r
	}
	return out, nil
}

func checkCondition(c Condition, n *Nominee, rec *Records) (*Refusal, error) {
	switch c.Kind {
	case CondAreaRecognised:
		if n.Kind != Area {
			return nil, nil
		}
		ok, err := rec.Recognitions.Recognised(rec.Year, n.UnitID)
		if err != nil || ok {
			return nil, err
		}
		return &Refusal{Condition: c.Kind, Basis: c.Basis,
			Message: sprintf(msgNotRecognised, n.Name, rec.Year, c.Name)}, nil
	case CondServiceYears:
		if n.Kind != Person {
			return nil, nil
		}
		want := c.Years[n.Gender]
		if want == 0 {
			want = c.Years[committee.Male]
		}
		have := rec.ServiceYears[c.BodyKind][n.PersonID]
		if have >= want {
			return nil, nil
		}
		return &Refusal{Condition: c.Kind, Basis: c.Basis,
			Message: sprintf(msgServiceYears, n.Name, have, c.Name, want, genderWord(n.Gender))}, nil
	}
	return nil, nil
}

func checkVote(a *Award, n *Nominee) *Refusal {
	if n.Vote == nil {
		return &Refusal{Condition: "vote", Basis: a.Vote.Basis,
			Message: sprintf(msgNoVote, n.Name, a.Vote.MinPercent)}
	}
	if a.Vote.Passes(n.Vote.InFavour, n.Vote.Members) {
		return nil
	}
	return &Refusal{Condition: "vote", Basis: a.Vote.Basis,
		Message: sprintf(msgVoteShort, n.Name, n.Vote.InFavour, n.Vote.Members, n.Vote.Percent(), a.Vote.MinPercent, a.Name)}
}

func genderWord(g committee.Gender) string {
	if g == committee.Female {
		return "nữ"
	}
	return "nam"
}
