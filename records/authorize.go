package records

import (
	"context"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/commendation"
	"vanthu/committee"
)

// The records refuse, here and nowhere else, what the actor of the request may not do:
// every exported method calls one of these before it acts. A person and a body belong to
// their unit; a proposal to its proposer, to the authority that grants its award (which
// reads what is proposed to it and makes the decision) and, for the vote and the minutes,
// to the unit of its council. Documents go on through the secretariat, which checks the
// issuer as for any document.

// Audit actions of the records.
const (
	ActPersonCreate   = "person.create"
	ActPersonUpdate   = "person.update"
	ActBodyCreate     = "body.create"
	ActBodyChange     = "body.membership-change"
	ActBodyDecision   = "body.decision"
	ActProposalCreate = "proposal.create"
	ActNomineesAdd    = "proposal.nominees-add"
	ActVotes          = "proposal.votes"
	ActProposalDoc    = "proposal.document"
	ActCertificate    = "proposal.certificate"
	ActRecognitions   = "recognitions.replace"
)

// require checks the actor of ctx may do p on unitID.
func (s *Service) require(ctx context.Context, p access.Permission, unitID string) error {
	return access.Require(ctx, p, unitID, s.sec.Tree())
}

// can reports whether the actor of ctx may do p on unitID.
func (s *Service) can(ctx context.Context, p access.Permission, unitID string) bool {
	return access.Can(access.FromContext(ctx), p, unitID, s.sec.Tree())
}

// audited returns ctx asking the store to record action in the audit log, by the actor of
// ctx, in the transaction of the change (see access.WithAudit).
func (s *Service) audited(ctx context.Context, action string) context.Context {
	return access.WithAudit(ctx, access.NewAuditEntry(ctx, s.now(), action, "", ""))
}

// personUnit is the unit a person's record belongs to: Everywhere for a person of no unit,
// whom only an actor over the whole organisation manages.
func personUnit(p *committee.Person) string { return p.UnitID }

// authorizedPerson returns person id when the actor may do p on its unit's records. A
// person outside the actor's scope is answered as not found: a person's record is personal
// data, and which unit an id belongs to is not told either.
func (s *Service) authorizedPerson(ctx context.Context, p access.Permission, id int64) (committee.Person, error) {
	if err := access.RequireAny(ctx, p); err != nil {
		return committee.Person{}, err
	}
	person, err := s.db.Person(ctx, id)
	if err != nil {
		return person, err
	}
	if !s.can(ctx, p, personUnit(&person)) {
		return committee.Person{}, apperr.New(apperr.NotFound, MsgNoSuchPerson)
	}
	return person, nil
}

// authorizedBody returns body id when the actor may do p on its unit.
func (s *Service) authorizedBody(ctx context.Context, p access.Permission, id int64) (committee.Body, error) {
	if err := access.RequireAny(ctx, p); err != nil {
		return committee.Body{}, err
	}
	b, err := s.db.Body(ctx, id)
	if err != nil {
		return b, err
	}
	return b, s.require(ctx, p, b.UnitID)
}

// proposalUnits are the units a proposal belongs to: its proposer, the authority that
// grants its award and its council's unit.
func (s *Service) proposalUnits(ctx context.Context, p *commendation.Proposal) []string {
	units := []string{p.ProposerID}
	if a, ok := s.awards.Get(p.AwardID); ok {
		if auth, err := s.authority(a, p.ProposerID); err == nil {
			units = append(units, auth.Unit.ID)
		}
	}
	if p.CouncilID != 0 {
		if b, err := s.db.Body(ctx, p.CouncilID); err == nil {
			units = append(units, b.UnitID)
		}
	}
	return units
}

// mayReadProposal reports whether the actor may read p: commendation.read over any unit
// the proposal belongs to.
func (s *Service) mayReadProposal(ctx context.Context, p *commendation.Proposal) bool {
	for _, u := range s.proposalUnits(ctx, p) {
		if s.can(ctx, access.CommendationRead, u) {
			return true
		}
	}
	return false
}

// readableProposal returns proposal id when the actor may read it.
func (s *Service) readableProposal(ctx context.Context, id int64) (commendation.Proposal, error) {
	if err := access.RequireAny(ctx, access.CommendationRead); err != nil {
		return commendation.Proposal{}, err
	}
	p, err := s.db.Proposal(ctx, id)
	if err != nil {
		return p, err
	}
	if !s.mayReadProposal(ctx, &p) {
		return p, s.require(ctx, access.CommendationRead, p.ProposerID)
	}
	return p, nil
}

// councilUnit returns the unit of a proposal's council, "" without one.
func (s *Service) councilUnit(ctx context.Context, p *commendation.Proposal) (string, error) {
	if p.CouncilID == 0 {
		return "", nil
	}
	b, err := s.db.Body(ctx, p.CouncilID)
	if err != nil {
		return "", err
	}
	return b.UnitID, nil
}
