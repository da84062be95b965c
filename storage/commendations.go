package storage

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"github.com/jmoiron/sqlx"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/commendation"
	"vanthu/committee"
)

// Messages of the commendation records.
const (
	msgNoSuchProposal = "Không có đề nghị khen thưởng này"
	msgVoteNominee    = "Đối tượng không thuộc đề nghị này"
)

type proposalRow struct {
	ID           int64  `db:"id"`
	AwardID      string `db:"award_id"`
	Year         int    `db:"year"`
	ProposerID   string `db:"proposer_id"`
	CouncilID    int64  `db:"council_id"`
	Movement     string `db:"movement"`
	Summary      string `db:"summary"`
	MeetingOn    string `db:"meeting_on"`
	SubmissionID int64  `db:"submission_id"`
	MinutesID    int64  `db:"minutes_id"`
	DecisionID   int64  `db:"decision_id"`
}

func (r *proposalRow) proposal() commendation.Proposal {
	return commendation.Proposal{ID: r.ID, AwardID: r.AwardID, Year: r.Year, ProposerID: r.ProposerID,
		CouncilID: r.CouncilID, Movement: r.Movement, Summary: r.Summary, MeetingDate: committee.Date(r.MeetingOn),
		SubmissionID: r.SubmissionID, MinutesID: r.MinutesID, DecisionID: r.DecisionID}
}

// CreateProposal stores a new proposal and sets its ID.
func (db *DB) CreateProposal(ctx context.Context, p *commendation.Proposal) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		err := tx.StmtxContext(ctx, db.q.InsertProposal).QueryRowxContext(ctx,
			p.AwardID, p.Year, p.ProposerID, nullInt64(p.CouncilID), p.Movement, p.Summary).Scan(&p.ID)
		if isForeignKeyViolation(err) {
			return apperr.InvalidFields(map[string]string{"council_id": msgNoSuchBody})
		}
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, recordObject("proposal", p.ID), access.ObjectHash(p))
	})
	return internal("create proposal", err)
}

// Proposal returns a proposal by ID.
func (db *DB) Proposal(ctx context.Context, id int64) (commendation.Proposal, error) {
	var r proposalRow
	if err := db.get(ctx, db.q.GetProposal, &r, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return commendation.Proposal{}, apperr.New(apperr.NotFound, msgNoSuchProposal)
		}
		return commendation.Proposal{}, internal("get proposal", err)
	}
	return r.proposal(), nil
}

// Proposals lists the proposals of a year (0: any) and proposer ("": any).
func (db *DB) Proposals(ctx context.Context, year int, proposerID string) ([]commendation.Proposal, error) {
	var rows []proposalRow
	if err := db.sel(ctx, db.q.ListProposals, &rows, year, year, proposerID, proposerID); err != nil {
		return nil, internal("list proposals", err)
	}
	out := make([]commendation.Proposal, len(rows))
	for i := range rows {
		out[i] = rows[i].proposal()
	}
	return out, nil
}

// AddNominees stores nominees of a proposal in one transaction and sets their IDs.
func (db *DB) AddNominees(ctx context.Context, proposalID int64, ns []commendation.Nominee) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		ins := tx.StmtxContext(ctx, db.q.InsertNominee)
		for i := range ns {
			n := &ns[i]
			err := ins.QueryRowxContext(ctx, proposalID, string(n.Kind), nullInt64(n.PersonID), n.UnitID,
				n.Name, n.Position, n.Achievement).Scan(&n.ID)
			if isForeignKeyViolation(err) {
				return apperr.New(apperr.NotFound, msgNoSuchProposal)
			}
			if err != nil {
				return err
			}
			n.ProposalID = proposalID
		}
		return db.auditChange(ctx, tx, recordObject("proposal", proposalID)+"/nominees", access.ObjectHash(ns))
	})
	return internal("add nominees", err)
}

// Nominees returns the nominees of a proposal with their votes, in the order added. A
// proposal may hold thousands of nominees, so the rows are scanned by hand rather than by
// reflection.
func (db *DB) Nominees(ctx context.Context, proposalID int64) ([]commendation.Nominee, error) {
	done, err := db.reading(ctx)
	if err != nil {
		return nil, internal("list nominees", err)
	}
	defer done()
	rows, err := db.q.ListNominees.QueryContext(ctx, proposalID)
	if err != nil {
		return nil, internal("list nominees", err)
	}
	defer rows.Close()
	out := []commendation.Nominee{}
	for rows.Next() {
		var n commendation.Nominee
		var kind, gender string
		var inFavour, members int
		if err := rows.Scan(&n.ID, &n.ProposalID, &kind, &n.PersonID, &n.UnitID, &n.Name, &n.Position,
			&n.Achievement, &gender, &n.CertificateID, &inFavour, &members); err != nil {
			return nil, internal("list nominees", err)
		}
		n.Kind, n.Gender = commendation.NomineeKind(kind), committee.Gender(gender)
		if inFavour >= 0 {
			n.Vote = &commendation.Vote{InFavour: inFavour, Members: members}
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("list nominees", err)
	}
	return out, nil
}

// NomineesToCheck returns the nominees of a proposal with only what eligibility reads
// (kind, person, unit, name, gender, vote), in the order added: the fewer columns, the
// faster thousands of rows come out of SQLite.
func (db *DB) NomineesToCheck(ctx context.Context, proposalID int64) ([]commendation.Nominee, error) {
	done, err := db.reading(ctx)
	if err != nil {
		return nil, internal("list nominees to check", err)
	}
	defer done()
	rows, err := db.q.ListNomineesToCheck.QueryContext(ctx, proposalID)
	if err != nil {
		return nil, internal("list nominees to check", err)
	}
	defer rows.Close()
	out := []commendation.Nominee{}
	for rows.Next() {
		n := commendation.Nominee{ProposalID: proposalID}
		var kind, gender string
		var inFavour, members int
		if err := rows.Scan(&n.ID, &kind, &n.PersonID, &n.UnitID, &n.Name, &gender, &inFavour, &members); err != nil {
			return nil, internal("list nominees to check", err)
		}
		n.Kind, n.Gender = commendation.NomineeKind(kind), committee.Gender(gender)
		if inFavour >= 0 {
			n.Vote = &commendation.Vote{InFavour: inFavour, Members: members}
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("list nominees to check", err)
	}
	return out, nil
}

// SetVotes records the council meeting's date and the votes per nominee ID, replacing any
// earlier count of those nominees, in one transaction. Every nominee must belong to the
// proposal.
func (db *DB) SetVotes(ctx context.Context, proposalID int64, meeting committee.Date, votes map[int64]commendation.Vote) error {
	nominees, err := db.Nominees(ctx, proposalID)
	if err != nil {
		return err
	}
	own := make(map[int64]bool, len(nominees))
	for _, n := range nominees {
		own[n.ID] = true
	}
	for id := range votes {
		if !own[id] {
			return apperr.InvalidFields(map[string]string{"votes": msgVoteNominee})
		}
	}
	err = db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		res, err := tx.StmtxContext(ctx, db.q.SetMeeting).ExecContext(ctx, string(meeting), proposalID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return apperr.New(apperr.NotFound, msgNoSuchProposal)
		}
		del, ins := tx.StmtxContext(ctx, db.q.DeleteVote), tx.StmtxContext(ctx, db.q.InsertVote)
		for id, v := range votes {
			if _, err := del.ExecContext(ctx, id); err != nil {
				return err
			}
			if _, err := ins.ExecContext(ctx, id, v.InFavour, v.Members); err != nil {
				return err
			}
		}
		return db.auditChange(ctx, tx, recordObject("proposal", proposalID)+"/votes", access.ObjectHash(struct {
			Meeting committee.Date
			Votes   map[int64]commendation.Vote
		}{meeting, votes}))
	})
	return internal("set votes", err)
}

// SetProposalDocument records the tờ trình ("submission"), the minutes ("minutes") or the
// award decision ("decision") generated for a proposal.
func (db *DB) SetProposalDocument(ctx context.Context, proposalID int64, which string, documentID int64) error {
	stmt := db.q.SetSubmission
	switch which {
	case "minutes":
		stmt = db.q.SetMinutes
	case "decision":
		stmt = db.q.SetAwardDecision
	}
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if _, err := tx.StmtxContext(ctx, stmt).ExecContext(ctx, documentID, proposalID); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, recordObject("proposal", proposalID)+"/"+which, "")
	})
	return internal("set proposal document", err)
}

// SetCertificate records the certificate issued to a nominee.
func (db *DB) SetCertificate(ctx context.Context, nomineeID, documentID int64) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if _, err := tx.StmtxContext(ctx, db.q.SetCertificate).ExecContext(ctx, documentID, nomineeID); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, recordObject("nominee", nomineeID)+"/certificate", "")
	})
	return internal("set certificate", err)
}

// ReplaceRecognitions sets the residential areas recognised "An toàn về an ninh, trật tự"
// in a year, replacing that year's list.
func (db *DB) ReplaceRecognitions(ctx context.Context, year int, unitIDs []string) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if _, err := tx.StmtxContext(ctx, db.q.DeleteRecognitions).ExecContext(ctx, year); err != nil {
			return err
		}
		ins := tx.StmtxContext(ctx, db.q.InsertRecognition)
		seen := map[string]bool{}
		for _, id := range unitIDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			if _, err := ins.ExecContext(ctx, year, id); err != nil {
				return err
			}
		}
		return db.auditChange(ctx, tx, "recognitions:"+strconv.Itoa(year), access.ObjectHash(unitIDs))
	})
	return internal("replace recognitions", err)
}

// Recognitions returns a year's recognised areas, read once: the RecognitionSource that
// eligibility checks use until the inspection records provide one.
func (db *DB) Recognitions(ctx context.Context, year int) (*commendation.Recognitions, error) {
	var ids []string
	if err := db.sel(ctx, db.q.ListRecognitions, &ids, year); err != nil {
		return nil, internal("list recognitions", err)
	}
	r := &commendation.Recognitions{Year: year, Units: make(map[string]bool, len(ids))}
	for _, id := range ids {
		r.Units[id] = true
	}
	return r, nil
}
