package records

import (
	"context"
	"fmt"
	"strconv"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/commendation"
	"vanthu/committee"
	"vanthu/directory"
)

// Authority is the body whose head grants an award to a proposer's nominees, found from
// the award and the directory.
type Authority struct {
	Unit directory.Unit `json:"unit"`
	// Line is how the tờ trình addresses it: "Chủ tịch UBND xã Đông Tiến".
	Line  string `json:"line"`
	Basis string `json:"basis"`
}

// authority finds who grants award a to the nominees of proposerID: in the proposer's
// locality or the nearest one above of the award's level, the unit of the award's kind.
func (s *Service) authority(a *commendation.Award, proposerID string) (Authority, error) {
	tree := s.sec.Tree()
	fail := invalid("award_id", msgNoAuthority, a.Name, proposerID, a.Authority.Basis)
	loc, ok := tree.Locality(proposerID)
	if !ok {
		return Authority{}, fail
	}
	for _, l := range append([]directory.Unit{loc}, tree.Ancestors(loc.ID)...) {
		if string(l.Kind) != a.Authority.Level {
			continue
		}
		u, ok := childOfKind(tree, l.ID, directory.Kind(a.Authority.Unit))
		if !ok {
			return Authority{}, fail
		}
		line, err := headLine(tree, u.ID, proposerID)
		if err != nil {
			return Authority{}, fail
		}
		return Authority{Unit: u, Line: line, Basis: a.Authority.Basis}, nil
	}
	return Authority{}, fail
}

// ProposalView is a proposal with its award, the authority it goes to and its nominees.
type ProposalView struct {
	commendation.Proposal
	Award     *commendation.Award    `json:"award"`
	Authority Authority              `json:"authority"`
	Nominees  []commendation.Nominee `json:"nominees"`
}

// CreateProposal checks and stores a new proposal; the awarding authority must be found
// in the directory from the proposer, and a council must be an emulation council.
func (s *Service) CreateProposal(ctx context.Context, p *commendation.Proposal) (ProposalView, error) {
	if err := s.require(ctx, access.CommendationPropose, p.ProposerID); err != nil {
		return ProposalView{}, err
	}
	if err := p.Clean(s.awards); err != nil {
		return ProposalView{}, err
	}
	if _, err := s.checkUnit("proposer_id", p.ProposerID); err != nil {
		return ProposalView{}, err
	}
	a, _ := s.awards.Get(p.AwardID)
	if _, err := s.authority(a, p.ProposerID); err != nil {
		return ProposalView{}, err
	}
	if p.CouncilID != 0 {
		b, err := s.db.Body(ctx, p.CouncilID)
		if err != nil {
			return ProposalView{}, invalid("council_id", "%s", apperr.As(err).Message)
		}
		if b.Kind != committee.EmulationCouncil {
			return ProposalView{}, invalid("council_id", msgNotACouncil)
		}
	}
	if err := s.db.CreateProposal(s.audited(ctx, ActProposalCreate), p); err != nil {
		return ProposalView{}, err
	}
	return s.proposal(ctx, p.ID)
}

// Proposal returns a proposal with its nominees, to an actor who may read it: over its
// proposer, the authority it goes to or its council's unit.
func (s *Service) Proposal(ctx context.Context, id int64) (ProposalView, error) {
	if _, err := s.readableProposal(ctx, id); err != nil {
		return ProposalView{}, err
	}
	return s.proposal(ctx, id)
}

// proposal is Proposal without the check, for methods that made their own.
func (s *Service) proposal(ctx context.Context, id int64) (ProposalView, error) {
	p, err := s.db.Proposal(ctx, id)
	if err != nil {
		return ProposalView{}, err
	}
	a, err := s.award(p.AwardID)
	if err != nil {
		return ProposalView{}, err
	}
	auth, err := s.authority(a, p.ProposerID)
	if err != nil {
		return ProposalView{}, err
	}
	ns, err := s.db.Nominees(ctx, id)
	if err != nil {
		return ProposalView{}, err
	}
	return ProposalView{Proposal: p, Award: a, Authority: auth, Nominees: ns}, nil
}

// Proposals lists the proposals of a year (0: any) and proposer ("": any).
func (s *Service) Proposals(ctx context.Context, year int, proposerID string) ([]commendation.Proposal, error) {
	if err := access.RequireAny(ctx, access.CommendationRead); err != nil {
		return nil, err
	}
	ps, err := s.db.Proposals(ctx, year, proposerID)
	if err != nil {
		return nil, err
	}
	out := ps[:0]
	for i := range ps {
		if s.mayReadProposal(ctx, &ps[i]) {
			out = append(out, ps[i])
		}
	}
	return out, nil
}

// AddNominees checks nominees against the award and the records and adds them to a
// proposal: a person's name and post come from their record, an area's or collective's
// from the directory. Nobody is added twice.
func (s *Service) AddNominees(ctx context.Context, proposalID int64, ns []commendation.Nominee) ([]commendation.Nominee, error) {
	p, err := s.db.Proposal(ctx, proposalID)
	if err != nil {
		return nil, err
	}
	if err := s.require(ctx, access.CommendationPropose, p.ProposerID); err != nil {
		return nil, err
	}
	a, err := s.award(p.AwardID)
	if err != nil {
		return nil, err
	}
	existing, err := s.db.Nominees(ctx, proposalID)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	key := func(n *commendation.Nominee) string {
		if n.Kind == commendation.Person {
			return "p" + strconv.FormatInt(n.PersonID, 10)
		}
		return "u" + n.UnitID
	}
	for i := range existing {
		seen[key(&existing[i])] = true
	}
	tree := s.sec.Tree()
	f := map[string]string{}
	for i := range ns {
		n := &ns[i]
		field := fmt.Sprintf("nominees[%d]", i)
		if err := n.Clean(a); err != nil {
			for k, v := range apperr.As(err).Fields {
				f[field+"."+k] = v
			}
			continue
		}
		switch n.Kind {
		case commendation.Person:
			person, err := s.db.Person(ctx, n.PersonID)
			if err != nil {
				f[field+".person_id"] = apperr.As(err).Message
				continue
			}
			n.Name = person.Name
			if n.Position == "" {
				n.Position = person.Position
			}
		default:
			u, ok := tree.Unit(n.UnitID)
			if !ok {
				f[field+".unit_id"] = fmt.Sprintf(msgNoSuchUnit, n.UnitID)
				continue
			}
			if n.Kind == commendation.Area && u.Kind != directory.Village {
				f[field+".unit_id"] = fmt.Sprintf(msgNotAVillage, n.UnitID)
				continue
			}
			n.Name = u.Name
			if par, ok := tree.Parent(u.ID); ok && n.Position == "" {
				if l, ok := tree.Locality(par.ID); ok {
					n.Position = l.Name
				}
			}
		}
		if seen[key(n)] {
			f[field] = fmt.Sprintf(msgNomineeTwice, n.Name)
			continue
		}
		seen[key(n)] = true
	}
	if len(f) > 0 {
		return nil, apperr.InvalidFields(f)
	}
	if err := s.db.AddNominees(s.audited(ctx, ActNomineesAdd), proposalID, ns); err != nil {
		return nil, err
	}
	return ns, nil
}

// VoteRequest is the result of the council's meeting: its date and, per nominee, the
// number of members in favour.
type VoteRequest struct {
	MeetingDate committee.Date `json:"meeting_date"`
	Votes       []NomineeVote  `json:"votes"`
}

// NomineeVote is one nominee's count.
type NomineeVote struct {
	NomineeID int64 `json:"nominee_id"`
	InFavour  int   `json:"in_favour"`
}

// councilOn returns the council's members on a day.
func (s *Service) councilOn(ctx context.Context, councilID int64, d committee.Date) ([]committee.Member, error) {
	b, err := s.db.Body(ctx, councilID)
	if err != nil {
		return nil, err
	}
	return s.composition(ctx, b, d)
}

// SetVotes records the council's votes. The share is taken of all the council's members
// on the meeting's date, from the records, not of those present; a count above that is
// refused. It returns the eligibility after the vote.
func (s *Service) SetVotes(ctx context.Context, proposalID int64, req VoteRequest) ([]commendation.Result, error) {
	p, err := s.db.Proposal(ctx, proposalID)
	if err != nil {
		return nil, err
	}
	if p.CouncilID == 0 {
		return nil, invalid("council_id", msgNoCouncil)
	}
	unit, err := s.councilUnit(ctx, &p)
	if err != nil {
		return nil, err
	}
	if err := s.require(ctx, access.CommendationVote, unit); err != nil {
		return nil, err
	}
	d, err := committee.ParseDate(string(req.MeetingDate))
	if err != nil {
		return nil, invalid("meeting_date", "%s", err.Error())
	}
	council, err := s.councilOn(ctx, p.CouncilID, d)
	if err != nil {
		return nil, err
	}
	if len(council) == 0 {
		return nil, invalid("meeting_date", msgCouncilEmpty, d.Vietnamese())
	}
	votes := make(map[int64]commendation.Vote, len(req.Votes))
	f := map[string]string{}
	for i, v := range req.Votes {
		field := fmt.Sprintf("votes[%d].in_favour", i)
		switch {
		case v.InFavour < 0:
			f[field] = msgInFavourNegative
		case v.InFavour > len(council):
			f[field] = fmt.Sprintf(msgInFavourTooMany, v.InFavour, len(council))
		}
		if _, dup := votes[v.NomineeID]; dup {
			f[fmt.Sprintf("votes[%d].nominee_id", i)] = fmt.Sprintf(msgVoteNomineeTwice, v.NomineeID)
		}
		votes[v.NomineeID] = commendation.Vote{InFavour: v.InFavour, Members: len(council)}
	}
	if len(f) > 0 {
		return nil, apperr.InvalidFields(f)
	}
	if err := s.db.SetVotes(s.audited(ctx, ActVotes), proposalID, d, votes); err != nil {
		return nil, err
	}
	return s.eligibility(ctx, proposalID)
}

// Eligibility checks every nominee of a proposal against its award from the records,
// which are read once: the year's recognitions, the people, the service years.
func (s *Service) Eligibility(ctx context.Context, proposalID int64) ([]commendation.Result, error) {
	if _, err := s.readableProposal(ctx, proposalID); err != nil {
		return nil, err
	}
	return s.eligibility(ctx, proposalID)
}

// eligibility is Eligibility without the check, for methods that made their own.
func (s *Service) eligibility(ctx context.Context, proposalID int64) ([]commendation.Result, error) {
	p, err := s.db.Proposal(ctx, proposalID)
	if err != nil {
		return nil, err
	}
	a, err := s.award(p.AwardID)
	if err != nil {
		return nil, err
	}
	ns, err := s.db.NomineesToCheck(ctx, proposalID)
	if err != nil {
		return nil, err
	}
	rec, err := s.records(ctx, a, p.Year, ns)
	if err != nil {
		return nil, err
	}
	return commendation.Check(a, ns, rec)
}

// records loads what the award's conditions read, and only that.
func (s *Service) records(ctx context.Context, a *commendation.Award, year int, ns []commendation.Nominee) (*commendation.Records, error) {
	rec := &commendation.Records{Year: year, ServiceYears: map[string]map[int64]int{}}
	for _, c := range a.Condition {
		switch c.Kind {
		case commendation.CondAreaRecognised:
			if rec.Recognitions != nil {
				continue
			}
			switch src := s.recognitions.(type) {
			case nil:
			case commendation.RecognitionLoader:
				r, held, err := src.LoadRecognitions(ctx, year)
				if err != nil {
					return nil, err
				}
				if held {
					rec.Recognitions = r
					continue
				}
			default:
				rec.Recognitions = src
				continue
			}
			r, err := s.db.Recognitions(ctx, year)
			if err != nil {
				return nil, err
			}
			rec.Recognitions = r
		case commendation.CondServiceYears:
			if _, done := rec.ServiceYears[c.BodyKind]; done {
				continue
			}
			wanted := map[int64]bool{}
			for _, n := range ns {
				if n.Kind == commendation.Person {
					wanted[n.PersonID] = true
				}
			}
			ms, err := s.db.ServiceSpans(ctx, c.BodyKind)
			if err != nil {
				return nil, err
			}
			// Service is counted to the end of the proposal's year.
			asOf := committee.Date(fmt.Sprintf("%04d-01-01", year+1))
			years := map[int64]int{}
			for i := 0; i < len(ms); {
				j := i
				for j < len(ms) && ms[j].PersonID == ms[i].PersonID {
					j++
				}
				if wanted[ms[i].PersonID] {
					years[ms[i].PersonID] = committee.ServiceYears(ms[i:j], asOf)
				}
				i = j
			}
			rec.ServiceYears[c.BodyKind] = years
		}
	}
	return rec, nil
}
