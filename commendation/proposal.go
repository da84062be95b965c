package commendation

import (
	"strings"

	"vanthu/apperr"
	"vanthu/committee"
)

// Proposal gathers nominees for one award in one year: the dossier a unit sends up to the
// authority that grants the award.
type Proposal struct {
	ID      int64  `json:"id"`
	AwardID string `json:"award_id"`
	Year    int    `json:"year"`
	// ProposerID is the directory unit that proposes (Công an xã, UBND xã): the tờ trình's
	// issuer.
	ProposerID string `json:"proposer_id"`
	// CouncilID is the emulation council (a committee.Body) that votes, 0 when none.
	CouncilID int64 `json:"council_id,omitempty"`
	// Movement is the phong trào or field: "phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2026".
	Movement string `json:"movement"`
	// Summary is the tóm tắt thành tích of the tờ trình.
	Summary string `json:"summary"`
	// MeetingDate is the day the council voted, set with the votes.
	MeetingDate committee.Date `json:"meeting_date,omitempty"`
	// SubmissionID and MinutesID are the documents generated for the dossier, 0 before.
	SubmissionID int64 `json:"submission_id,omitempty"`
	MinutesID    int64 `json:"minutes_id,omitempty"`
	// DecisionID is the award decision, once the award is granted.
	DecisionID int64 `json:"decision_id,omitempty"`
}

// Clean normalises and checks a new proposal against the catalog.
func (p *Proposal) Clean(c *Catalog) error {
	p.Movement = cleanText(p.Movement)
	p.Summary = cleanText(p.Summary)
	p.ProposerID = strings.TrimSpace(p.ProposerID)
	f := map[string]string{}
	a, ok := c.Get(p.AwardID)
	if !ok {
		f["award_id"] = sprintf(msgNoSuchAward, p.AwardID)
	}
	if p.Year < 2000 || p.Year > 2100 {
		f["year"] = msgYear
	}
	if p.ProposerID == "" {
		f["proposer_id"] = msgProposer
	}
	if p.Movement == "" {
		f["movement"] = msgMovement
	}
	if p.Summary == "" {
		f["summary"] = msgSummary
	}
	if ok && a.Vote != nil && p.CouncilID == 0 {
		f["council_id"] = sprintf(msgCouncilNeeded, a.Name, a.Vote.MinPercent)
	}
	if len(f) > 0 {
		return apperr.InvalidFields(f)
	}
	return nil
}

// Nominee is one person or collective in a proposal.
type Nominee struct {
	ID         int64       `json:"id"`
	ProposalID int64       `json:"proposal_id"`
	Kind       NomineeKind `json:"kind"`
	// PersonID is the person's record (Kind Person).
	PersonID int64 `json:"person_id,omitempty"`
	// Gender is the person's, read from their record (the medal's years depend on it).
	Gender committee.Gender `json:"gender,omitempty"`
	// UnitID is the directory unit of an area or collective.
	UnitID string `json:"unit_id,omitempty"`
	// Name is printed in the list: the person's name or the collective's. The service fills
	// it from the records.
	Name string `json:"name"`
	// Position is "Chức vụ, đơn vị" in the list.
	Position    string `json:"position"`
	Achievement string `json:"achievement"`
	// CertificateID is the certificate (Giấy khen) issued with the award decision.
	CertificateID int64 `json:"certificate_id,omitempty"`
	// Vote is the council's vote on this nominee, nil before the meeting.
	Vote *Vote `json:"vote,omitempty"`
}

// Vote is the count of the council members in favour of a nominee; Members is the size of
// the council on the meeting's date, from the records.
type Vote struct {
	InFavour int `json:"in_favour"`
	Members  int `json:"members"`
}

// Percent returns the share in favour, rounded to a whole percent, for messages.
func (v Vote) Percent() int {
	if v.Members == 0 {
		return 0
	}
	return (v.InFavour*200 + v.Members) / (2 * v.Members)
}

// Clean normalises a nominee and checks it against the award.
func (n *Nominee) Clean(a *Award) error {
	n.Name = cleanText(n.Name)
	n.Position = cleanText(n.Position)
	n.Achievement = cleanText(n.Achievement)
	n.UnitID = strings.TrimSpace(n.UnitID)
	f := map[string]string{}
	switch {
	case n.Kind != Person && n.Kind != Area && n.Kind != Collective:
		f["kind"] = msgNomineeKind
	case !a.Accepts(n.Kind):
		f["kind"] = sprintf(msgKindNotAccepted, a.Name, kindName(n.Kind))
	case n.Kind == Person && n.PersonID == 0:
		f["person_id"] = msgPersonRequired
	case n.Kind != Person && n.UnitID == "":
		f["unit_id"] = msgUnitRequired
	}
	if len([]rune(n.Achievement)) > 1000 {
		f["achievement"] = msgAchievementTooLong
	}
	if len(f) > 0 {
		return apperr.InvalidFields(f)
	}
	return nil
}

func kindName(k NomineeKind) string {
	switch k {
	case Person:
		return "cá nhân"
	case Area:
		return "khu dân cư"
	}
	return "tập thể"
}
