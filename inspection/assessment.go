package inspection

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"vanthu/apperr"
)

// Result is an inspector's answer to one criterion.
type Result string

// The answers an inspector may give.
const (
	Pass          Result = "dat"           // đạt
	Fail          Result = "khong-dat"     // không đạt
	NotApplicable Result = "khong-ap-dung" // không áp dụng
)

// Answer is the inspector's answer to one criterion, with a note (what was seen, which
// incident).
type Answer struct {
	Result Result `json:"result"`
	Note   string `json:"note,omitempty"`
}

// Facts are the counts a computed criterion needs that only the unit itself knows: the
// number of its sub-units (phòng, ban, tổ, đội…) and how many of them are rated "Tập thể
// lao động tiên tiến" or "Hoàn thành tốt nhiệm vụ" (art. 6.5, 7.6). SubUnits 0 means the
// unit has no sub-units eligible for rating, so the share does not apply.
type Facts struct {
	SubUnits      int `json:"sub_units"`
	SubUnitsRated int `json:"sub_units_rated"`
}

// Assessment is the checklist of one object of a round as an inspector fills it in. It is
// saved as a draft any number of times; Version grows by one at each save, and a save that
// names an older version is refused (two people editing the same checklist).
type Assessment struct {
	RoundID   int64             `json:"round_id"`
	ObjectID  string            `json:"object_id"`
	Answers   map[string]Answer `json:"answers"`
	Facts     *Facts            `json:"facts,omitempty"`
	Version   int               `json:"version"`
	UpdatedAt time.Time         `json:"updated_at"`
	UpdatedBy string            `json:"updated_by,omitempty"`
	// Late says the last save came after the proposal deadline of the object's kind.
	Late bool `json:"late,omitempty"`
}

// maxNote bounds a note, so one answer cannot fill the database.
const maxNote = 2000

// checkAssessment validates a's answers and facts against the checklist c.
func checkAssessment(c *Checklist, a *Assessment) *apperr.Error {
	f := map[string]string{}
	for id, ans := range a.Answers {
		field := "answers." + id
		cr := c.Criterion(id)
		switch {
		case cr == nil:
			f[field] = fmt.Sprintf(msgUnknownCriterion, id, c.Title)
			continue
		case !cr.IsLeaf():
			f[field] = fmt.Sprintf(msgGroupCriterion, id)
			continue
		case !cr.Answerable():
			f[field] = fmt.Sprintf(msgComputedCriterion, id)
			continue
		}
		switch ans.Result {
		case Pass, Fail, NotApplicable:
		default:
			f[field+".result"] = fmt.Sprintf(msgResult, ans.Result)
		}
		ans.Note = norm.NFC.String(strings.TrimSpace(ans.Note))
		if len([]rune(ans.Note)) > maxNote {
			f[field+".note"] = fmt.Sprintf(msgNoteTooLong, maxNote)
		}
		a.Answers[id] = ans
	}
	if a.Facts != nil {
		if a.Facts.SubUnits < 0 {
			f["facts.sub_units"] = msgSubUnitsNegative
		}
		if a.Facts.SubUnitsRated < 0 || a.Facts.SubUnitsRated > a.Facts.SubUnits {
			f["facts.sub_units_rated"] = msgSubUnitsRated
		}
	}
	if a.Version < 0 {
		f["version"] = msgVersionNegative
	}
	if len(f) > 0 {
		return apperr.InvalidFields(f)
	}
	return nil
}
