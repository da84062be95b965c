package inspection

import (
	"context"

	"vanthu/commendation"
)

// AreaRecognitions answers, from the results of the rounds themselves, whether a
// residential area was recognised "An toàn về an ninh, trật tự" in a year: its object in
// one of that year's rounds, linked to the area's unit of the directory (unit_id), is
// đạt. It is the commendation's RecognitionSource, so the eligibility of an area follows
// the inspection cycle and is never typed in twice.
//
// It reads the results for the commendation records, which have already authorised the
// actor on the proposal; it checks no actor itself.
type AreaRecognitions struct{ s *Service }

var (
	_ commendation.RecognitionSource = (*AreaRecognitions)(nil)
	_ commendation.RecognitionLoader = (*AreaRecognitions)(nil)
)

// AreaRecognitions returns the service's rounds as a source of recognitions.
func (s *Service) AreaRecognitions() *AreaRecognitions { return &AreaRecognitions{s: s} }

// LoadRecognitions scores every round of the year once and returns the residential areas
// recognised in them. held is false when no round of that year is recorded, so the caller
// may fall back to recognitions recorded by hand for the years before the cycle ran here.
func (r *AreaRecognitions) LoadRecognitions(ctx context.Context, year int) (rec *commendation.Recognitions, held bool, err error) {
	rounds, err := r.s.store.Rounds(ctx, RoundFilter{Year: year})
	if err != nil {
		return nil, false, err
	}
	rec = &commendation.Recognitions{Year: year, Units: map[string]bool{}}
	for i := range rounds {
		_, objects, scores, err := r.s.result(ctx, &rounds[i])
		if err != nil {
			return nil, false, err
		}
		for j, v := range scores.Verdicts {
			if v.Kind == ResidentialArea && v.Outcome == Recognised && objects[j].UnitID != "" {
				rec.Units[objects[j].UnitID] = true
			}
		}
	}
	return rec, len(rounds) > 0, nil
}

// Recognised implements commendation.RecognitionSource for one area; checking many, load
// the year once with LoadRecognitions.
func (r *AreaRecognitions) Recognised(year int, unitID string) (bool, error) {
	rec, _, err := r.LoadRecognitions(context.Background(), year)
	if err != nil {
		return false, err
	}
	return rec.Units[unitID], nil
}
