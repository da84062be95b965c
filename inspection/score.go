package inspection

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Outcome is the result of an object in a round.
type Outcome string

// The outcomes of art. 8.1 ("đạt hoặc chưa đạt"), and the state before the checklist is
// complete.
const (
	Recognised    Outcome = "dat"           // đạt tiêu chuẩn
	NotRecognised Outcome = "chua-dat"      // chưa đạt: at least one applicable criterion not met
	Pending       Outcome = "chua-danh-gia" // some applicable criterion not answered yet
)

// Reason explains one criterion that keeps an object from "đạt".
type Reason struct {
	CriterionID string `json:"criterion_id"`
	Basis       string `json:"basis"`
	Text        string `json:"text"`
	Explanation string `json:"explanation"`
}

// Share is what a computed criterion counted.
type Share struct {
	CriterionID string `json:"criterion_id"`
	Rule        string `json:"rule"`
	Total       int    `json:"total"`
	Registered  int    `json:"registered,omitempty"`
	Recognised  int    `json:"recognised"`
	Met         bool   `json:"met"`
	Applicable  bool   `json:"applicable"`
	// RoundID names the linked round the objects were also counted in, 0 when none.
	RoundID int64 `json:"round_id,omitempty"`
}

// Verdict is the scored result of one object.
type Verdict struct {
	ObjectID   string   `json:"object_id"`
	Kind       Kind     `json:"kind"`
	Name       string   `json:"name"`
	ParentID   string   `json:"parent_id,omitempty"`
	Registered bool     `json:"registered"`
	Assessed   bool     `json:"assessed"` // an assessment has been saved
	Outcome    Outcome  `json:"outcome"`
	Grade      string   `json:"grade,omitempty"`
	Points     int      `json:"points"`
	Reasons    []Reason `json:"reasons,omitempty"`
	Missing    []string `json:"missing,omitempty"`
	Shares     []Share  `json:"shares,omitempty"`
	Late       bool     `json:"late,omitempty"`
}

// Scores are the verdicts of every object of a round, in roster order.
type Scores struct {
	Verdicts []Verdict `json:"verdicts"`
	index    map[string]int
}

// Of returns the verdict of the object id, or nil.
func (s *Scores) Of(id string) *Verdict {
	i, ok := s.index[id]
	if !ok {
		return nil
	}
	return &s.Verdicts[i]
}

// Linked is the scored roster of another round whose objects all stand under one object of
// this round: the round a commune runs for its residential areas and units (art. 10.1),
// under the commune in the province's round (art. 10.2).
type Linked struct {
	RoundID int64
	Objects []Object
	Scores  *Scores
}

// child is what the roll-up of art. 5.4 needs of an object under a commune.
type child struct {
	kind                   Kind
	name                   string
	registered, recognised bool
}

// Score judges every object of a round from its assessment (see ScoreLinked), with no
// linked rounds.
func (cat *Catalog) Score(objects []Object, assessments []Assessment) *Scores {
	return cat.ScoreLinked(objects, assessments, nil)
}

// ScoreLinked judges every object of a round from its assessment: "đạt" only when every
// applicable criterion is met; the commune's item 4 (RuleSubObjects) is computed from the
// verdicts of the objects under it — in this round (by parent_id, scored first) and in
// the round linked to it by object id. Objects without a checklist for their kind, or
// without an assessment, are Pending.
func (cat *Catalog) ScoreLinked(objects []Object, assessments []Assessment, linked map[string]*Linked) *Scores {
	s := &Scores{Verdicts: make([]Verdict, len(objects)), index: make(map[string]int, len(objects))}
	for i := range objects {
		s.index[objects[i].ID] = i
	}
	byObject := make([]*Assessment, len(objects))
	for i := range assessments {
		if j, ok := s.index[assessments[i].ObjectID]; ok {
			byObject[j] = &assessments[i]
		}
	}
	children := make(map[int][]int)
	for i := range objects {
		if p, ok := s.index[objects[i].ParentID]; ok && p != i {
			children[p] = append(children[p], i)
		}
	}
	state := make([]uint8, len(objects)) // 0 to do, 1 scoring, 2 done
	var score func(i int)
	score = func(i int) {
		if state[i] != 0 {
			return // done, or a cycle in the parents: the inner one is scored without it
		}
		state[i] = 1
		c := cat.byKind[objects[i].Kind]
		var kids []child
		var link *Linked
		if c != nil && c.hasSubObjects() {
			for _, j := range children[i] {
				score(j)
				kids = append(kids, child{objects[j].Kind, objects[j].Name, objects[j].Registered(),
					state[j] == 2 && s.Verdicts[j].Outcome == Recognised})
			}
			if link = linked[objects[i].ID]; link != nil {
				for k := range link.Objects {
					o := &link.Objects[k]
					kids = append(kids, child{o.Kind, o.Name, o.Registered(), link.Scores.Verdicts[k].Outcome == Recognised})
				}
			}
		}
		s.Verdicts[i] = judge(c, &objects[i], byObject[i], kids, link)
		state[i] = 2
	}
	for i := range objects {
		score(i)
	}
	return s
}

// hasSubObjects reports whether a criterion of c counts the objects under the judged one.
func (c *Checklist) hasSubObjects() bool {
	for _, cr := range c.leaves {
		if cr.Computed != nil && cr.Computed.Rule == RuleSubObjects {
			return true
		}
	}
	return false
}

// judge scores one object. kids are the objects under it, from this round and from the
// linked round link (nil when none).
func judge(c *Checklist, o *Object, a *Assessment, kids []child, link *Linked) Verdict {
	v := Verdict{ObjectID: o.ID, Kind: o.Kind, Name: o.Name, ParentID: o.ParentID, Registered: o.Registered(), Assessed: a != nil}
	if a != nil {
		v.Late = a.Late
	}
	if c == nil {
		v.Outcome = Pending
		v.Reasons = []Reason{{Explanation: fmt.Sprintf(msgNoChecklistForKind, o.Kind)}}
		return v
	}
	var answers map[string]Answer
	if a != nil {
		answers = a.Answers
	}
	failed := false
	fail := func(cr *Criterion, why string) {
		if cr.GradeOnly {
			return
		}
		failed = true
		v.Reasons = append(v.Reasons, Reason{CriterionID: cr.ID, Basis: cr.Basis, Text: cr.Text, Explanation: why})
	}
	missing := func(cr *Criterion) {
		if !cr.GradeOnly {
			v.Missing = append(v.Missing, cr.ID)
		}
	}
	for _, cr := range c.leaves {
		met := true
		if cr.Answerable() {
			ans, ok := answers[cr.ID]
			switch {
			case !ok:
				missing(cr)
				continue
			case ans.Result == NotApplicable:
				continue
			case ans.Result == Fail:
				fail(cr, explainFail(ans.Note))
				met = false
			}
		}
		if m := cr.Computed; m != nil {
			var sh Share
			var why string
			var known bool
			switch m.Rule {
			case RuleSubObjects:
				sh, why, known = subObjects(cr, kids)
				if link != nil {
					sh.RoundID = link.RoundID
				}
			case RuleSubUnitShare:
				var f *Facts
				if a != nil {
					f = a.Facts
				}
				sh, why, known = subUnits(cr, f)
			}
			v.Shares = append(v.Shares, sh)
			switch {
			case !known:
				missing(cr)
				continue
			case !sh.Applicable:
			case !sh.Met:
				fail(cr, why)
				met = false
			}
		}
		if met {
			v.Points += cr.points()
		}
	}
	switch {
	case failed:
		v.Outcome = NotRecognised
	case len(v.Missing) > 0:
		v.Outcome = Pending
	default:
		v.Outcome = Recognised
		for _, g := range c.Grades {
			if v.Points >= g.MinPoints {
				v.Grade = g.Name
				break
			}
		}
	}
	return v
}

// explainFail is the explanation of a criterion answered "không đạt".
func explainFail(note string) string {
	if note == "" {
		return explainFailed
	}
	return fmt.Sprintf(explainFailedNote, note)
}

// subObjects computes art. 5.4 over the objects under a commune: the registered share and
// the recognised share. known is false while there is nothing to count.
func subObjects(cr *Criterion, kids []child) (Share, string, bool) {
	m := cr.Computed
	sh := Share{CriterionID: cr.ID, Rule: m.Rule, Applicable: true}
	var unregistered []string
	for _, k := range kids {
		if !hasKind(m.Kinds, k.kind) {
			continue
		}
		sh.Total++
		if k.registered {
			sh.Registered++
		} else {
			unregistered = append(unregistered, k.name)
		}
		if k.recognised {
			sh.Recognised++
		}
	}
	if sh.Total == 0 {
		return sh, "", false
	}
	regOK := reaches(sh.Registered, sh.Total, m.Registered)
	recOK := reaches(sh.Recognised, sh.Total, m.Recognised)
	sh.Met = regOK && recOK
	var why []string
	if !regOK {
		why = append(why, fmt.Sprintf(explainUnregistered,
			sh.Registered, sh.Total, percent(sh.Registered, sh.Total), percentOf(m.Registered), listNames(unregistered, 5)))
	}
	if !recOK {
		why = append(why, fmt.Sprintf(explainRecognisedShare,
			sh.Recognised, sh.Total, percent(sh.Recognised, sh.Total), percentOf(m.Recognised)))
	}
	return sh, strings.Join(why, " "), true
}

// subUnits computes art. 6.5 or 7.6 from the counts recorded with the assessment.
func subUnits(cr *Criterion, f *Facts) (Share, string, bool) {
	m := cr.Computed
	sh := Share{CriterionID: cr.ID, Rule: m.Rule}
	if f == nil {
		return sh, "", false
	}
	sh.Total, sh.Recognised = f.SubUnits, f.SubUnitsRated
	if sh.Total == 0 {
		// "đối với những nơi đủ điều kiện bình xét danh hiệu thi đua": no sub-units rated.
		return sh, "", true
	}
	sh.Applicable = true
	sh.Met = reaches(sh.Recognised, sh.Total, m.Recognised)
	if sh.Met {
		return sh, "", true
	}
	return sh, fmt.Sprintf(explainSubUnitShare,
		sh.Recognised, sh.Total, percent(sh.Recognised, sh.Total), percentOf(m.Recognised)), true
}

// reaches reports whether n of total is at least the share; computed in integers of
// per-ten-thousand so 14 of 20 reaches 0.7 exactly.
func reaches(n, total int, share float64) bool {
	return n*10000 >= int(math.Round(share*10000))*total
}

func hasKind(kinds []Kind, k Kind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// percent formats n/total as a Vietnamese percentage: "90 %", "66,7 %".
func percent(n, total int) string {
	if total == 0 {
		return "0 %"
	}
	return percentOf(float64(n) / float64(total))
}

// percentOf formats a share as a Vietnamese percentage.
func percentOf(share float64) string {
	s := strconv.FormatFloat(math.Round(share*1000)/10, 'f', -1, 64)
	return strings.Replace(s, ".", ",", 1) + " %"
}

// listNames joins up to max names, saying how many more there are.
func listNames(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf(namesAndMore, strings.Join(names[:max], ", "), len(names)-max)
}
