package records

import (
	"context"

	"vanthu/commendation"
	"vanthu/committee"
)

// Store is what the records need kept. storage.DB implements it on SQLite or PostgreSQL.
type Store interface {
	CreatePerson(ctx context.Context, p *committee.Person) error
	UpdatePerson(ctx context.Context, p *committee.Person) error
	Person(ctx context.Context, id int64) (committee.Person, error)
	People(ctx context.Context, unitID string) ([]committee.Person, error)

	CreateBody(ctx context.Context, b *committee.Body) error
	Body(ctx context.Context, id int64) (committee.Body, error)
	Bodies(ctx context.Context, unitID, kind string) ([]committee.Body, error)
	Memberships(ctx context.Context, bodyID int64) ([]committee.Membership, map[int64]committee.Person, error)
	ServiceSpans(ctx context.Context, kind string) ([]committee.Membership, error)
	ApplyChange(ctx context.Context, bodyID int64, date committee.Date, plan committee.Plan) error
	RecordDecision(ctx context.Context, bodyID, documentID int64, date committee.Date) error
	BodyDecisions(ctx context.Context, bodyID int64) ([]committee.Decision, error)

	CreateProposal(ctx context.Context, p *commendation.Proposal) error
	Proposal(ctx context.Context, id int64) (commendation.Proposal, error)
	Proposals(ctx context.Context, year int, proposerID string) ([]commendation.Proposal, error)
	AddNominees(ctx context.Context, proposalID int64, ns []commendation.Nominee) error
	Nominees(ctx context.Context, proposalID int64) ([]commendation.Nominee, error)
	NomineesToCheck(ctx context.Context, proposalID int64) ([]commendation.Nominee, error)
	SetVotes(ctx context.Context, proposalID int64, meeting committee.Date, votes map[int64]commendation.Vote) error
	SetProposalDocument(ctx context.Context, proposalID int64, which string, documentID int64) error
	SetCertificate(ctx context.Context, nomineeID, documentID int64) error

	ReplaceRecognitions(ctx context.Context, year int, unitIDs []string) error
	Recognitions(ctx context.Context, year int) (*commendation.Recognitions, error)
}
