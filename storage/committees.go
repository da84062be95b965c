package storage

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/jmoiron/sqlx"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/committee"
)

// Messages of the committee records.
const (
	msgNoSuchPerson     = "Không có người này trong hồ sơ"
	msgNoSuchBody       = "Không có tổ chức (Ban, Tổ, Hội đồng) này trong hồ sơ"
	msgChangedMeanwhile = "Thành phần đã được người khác thay đổi trong lúc này, xin tải lại và thử lại"
	msgUnknownPeople    = "Có người không có trong hồ sơ"
)

type personRow struct {
	ID        int64  `db:"id"`
	Name      string `db:"name"`
	Gender    string `db:"gender"`
	BirthYear int    `db:"birth_year"`
	UnitID    string `db:"unit_id"`
	Position  string `db:"position"`
	Address   string `db:"address"`
	Phone     string `db:"phone"`
}

func (r *personRow) person() committee.Person {
	return committee.Person{ID: r.ID, Name: r.Name, Gender: committee.Gender(r.Gender), BirthYear: r.BirthYear,
		UnitID: r.UnitID, Position: r.Position, Address: r.Address, Phone: r.Phone}
}

// CreatePerson stores a new person and sets its ID.
func (db *DB) CreatePerson(ctx context.Context, p *committee.Person) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if err := tx.StmtxContext(ctx, db.q.InsertPerson).QueryRowxContext(ctx,
			p.Name, string(p.Gender), p.BirthYear, p.UnitID, p.Position, p.Address, p.Phone).Scan(&p.ID); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, recordObject("person", p.ID), access.ObjectHash(p))
	})
	return internal("create person", err)
}

// UpdatePerson saves a person's fields.
func (db *DB) UpdatePerson(ctx context.Context, p *committee.Person) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		res, err := tx.StmtxContext(ctx, db.q.UpdatePerson).ExecContext(ctx,
			p.Name, string(p.Gender), p.BirthYear, p.UnitID, p.Position, p.Address, p.Phone, p.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return apperr.New(apperr.NotFound, msgNoSuchPerson)
		}
		return db.auditChange(ctx, tx, recordObject("person", p.ID), access.ObjectHash(p))
	})
	return internal("update person", err)
}

// Person returns a person by ID.
func (db *DB) Person(ctx context.Context, id int64) (committee.Person, error) {
	var r personRow
	if err := db.get(ctx, db.q.GetPerson, &r, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return committee.Person{}, apperr.New(apperr.NotFound, msgNoSuchPerson)
		}
		return committee.Person{}, internal("get person", err)
	}
	return r.person(), nil
}

// People lists the people of a unit ("" for everyone), by name.
func (db *DB) People(ctx context.Context, unitID string) ([]committee.Person, error) {
	var rows []personRow
	if err := db.sel(ctx, db.q.ListPeople, &rows, unitID, unitID); err != nil {
		return nil, internal("list people", err)
	}
	out := make([]committee.Person, len(rows))
	for i := range rows {
		out[i] = rows[i].person()
	}
	return out, nil
}

type bodyRow struct {
	ID        int64  `db:"id"`
	Kind      string `db:"kind"`
	UnitID    string `db:"unit_id"`
	Name      string `db:"name"`
	Areas     string `db:"areas"`
	TermStart string `db:"term_start"`
	TermEnd   string `db:"term_end"`
}

func (r *bodyRow) body() committee.Body {
	b := committee.Body{ID: r.ID, Kind: r.Kind, UnitID: r.UnitID, Name: r.Name,
		TermStart: committee.Date(r.TermStart), TermEnd: committee.Date(r.TermEnd)}
	if r.Areas != "" {
		b.Areas = strings.Split(r.Areas, ";")
	}
	return b
}

// CreateBody stores a new body and sets its ID.
func (db *DB) CreateBody(ctx context.Context, b *committee.Body) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if err := tx.StmtxContext(ctx, db.q.InsertBody).QueryRowxContext(ctx,
			b.Kind, b.UnitID, b.Name, strings.Join(b.Areas, ";"), string(b.TermStart), string(b.TermEnd)).Scan(&b.ID); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, recordObject("body", b.ID), access.ObjectHash(b))
	})
	return internal("create body", err)
}

// Body returns a body by ID.
func (db *DB) Body(ctx context.Context, id int64) (committee.Body, error) {
	var r bodyRow
	if err := db.get(ctx, db.q.GetBody, &r, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return committee.Body{}, apperr.New(apperr.NotFound, msgNoSuchBody)
		}
		return committee.Body{}, internal("get body", err)
	}
	return r.body(), nil
}

// Bodies lists the bodies of a unit and kind ("" for any).
func (db *DB) Bodies(ctx context.Context, unitID, kind string) ([]committee.Body, error) {
	var rows []bodyRow
	if err := db.sel(ctx, db.q.ListBodies, &rows, unitID, unitID, kind, kind); err != nil {
		return nil, internal("list bodies", err)
	}
	out := make([]committee.Body, len(rows))
	for i := range rows {
		out[i] = rows[i].body()
	}
	return out, nil
}

type membershipRow struct {
	ID         int64  `db:"id"`
	BodyID     int64  `db:"body_id"`
	PersonID   int64  `db:"person_id"`
	Role       string `db:"role"`
	Start      string `db:"start_on"`
	End        string `db:"end_on"`
	DecisionID int64  `db:"decision_id"`
}

func (r *membershipRow) membership() committee.Membership {
	return committee.Membership{ID: r.ID, BodyID: r.BodyID, PersonID: r.PersonID, Role: r.Role,
		Start: committee.Date(r.Start), End: committee.Date(r.End), DecisionID: r.DecisionID}
}

// Memberships returns every membership of a body, past and present, with the people who
// held them.
func (db *DB) Memberships(ctx context.Context, bodyID int64) ([]committee.Membership, map[int64]committee.Person, error) {
	var rows []struct {
		membershipRow
		Name      string `db:"name"`
		Gender    string `db:"gender"`
		BirthYear int    `db:"birth_year"`
		UnitID    string `db:"unit_id"`
		Position  string `db:"position"`
		Address   string `db:"address"`
		Phone     string `db:"phone"`
	}
	if err := db.sel(ctx, db.q.ListMemberships, &rows, bodyID); err != nil {
		return nil, nil, internal("list memberships", err)
	}
	ms := make([]committee.Membership, len(rows))
	people := make(map[int64]committee.Person, len(rows))
	for i := range rows {
		r := &rows[i]
		ms[i] = r.membership()
		p := personRow{ID: r.PersonID, Name: r.Name, Gender: r.Gender, BirthYear: r.BirthYear,
			UnitID: r.UnitID, Position: r.Position, Address: r.Address, Phone: r.Phone}
		people[r.PersonID] = p.person()
	}
	return ms, people, nil
}

// ServiceSpans returns the spans of every membership on bodies of a kind, by person then
// start: what service years are computed from, for thousands of nominees at once, so only
// the person and the dates are read, and scanned by hand.
func (db *DB) ServiceSpans(ctx context.Context, kind string) ([]committee.Membership, error) {
	done, err := db.reading(ctx)
	if err != nil {
		return nil, internal("list service spans", err)
	}
	defer done()
	rows, err := db.q.ListServiceSpans.QueryContext(ctx, kind)
	if err != nil {
		return nil, internal("list service spans", err)
	}
	defer rows.Close()
	var out []committee.Membership
	for rows.Next() {
		var m committee.Membership
		var start, end string
		if err := rows.Scan(&m.PersonID, &start, &end); err != nil {
			return nil, internal("list service spans", err)
		}
		m.Start, m.End = committee.Date(start), committee.Date(end)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("list service spans", err)
	}
	return out, nil
}

// ApplyChange stores a planned change of a body's composition in one transaction: the
// memberships of plan.Close end on date, those of plan.Open start. A membership closed
// meanwhile by someone else makes it a Conflict and changes nothing.
func (db *DB) ApplyChange(ctx context.Context, bodyID int64, date committee.Date, plan committee.Plan) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		closeStmt := tx.StmtxContext(ctx, db.q.CloseMembership)
		for _, id := range plan.Close {
			res, err := closeStmt.ExecContext(ctx, string(date), id, bodyID)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n != 1 {
				return apperr.New(apperr.Conflict, msgChangedMeanwhile)
			}
		}
		ins := tx.StmtxContext(ctx, db.q.InsertMembership)
		for _, m := range plan.Open {
			if _, err := ins.ExecContext(ctx, bodyID, m.PersonID, m.Role, string(m.Start), nullInt64(m.DecisionID)); err != nil {
				if isForeignKeyViolation(err) {
					return apperr.InvalidFields(map[string]string{"join": msgUnknownPeople})
				}
				return err
			}
		}
		return db.auditChange(ctx, tx, recordObject("body", bodyID)+"/memberships", access.ObjectHash(struct {
			Date committee.Date
			Plan committee.Plan
		}{date, plan}))
	})
	return internal("apply change", err)
}

// RecordDecision records an issued decision against a body and links to it the
// memberships that started by its date and no earlier decision covers.
func (db *DB) RecordDecision(ctx context.Context, bodyID, documentID int64, date committee.Date) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if _, err := tx.StmtxContext(ctx, db.q.InsertBodyDecision).ExecContext(ctx, documentID, bodyID, string(date)); err != nil {
			return err
		}
		if _, err := tx.StmtxContext(ctx, db.q.LinkMembershipsToDecision).ExecContext(ctx, documentID, bodyID, string(date)); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, recordObject("body", bodyID)+"/decision", "")
	})
	return internal("record decision", err)
}

// BodyDecisions lists the decisions issued about a body, oldest first.
func (db *DB) BodyDecisions(ctx context.Context, bodyID int64) ([]committee.Decision, error) {
	out := []committee.Decision{}
	if err := db.sel(ctx, db.q.ListBodyDecisions, &out, bodyID); err != nil {
		return nil, internal("list body decisions", err)
	}
	return out, nil
}

// CreatePeople stores many people in one transaction and sets their IDs: an import of a
// commune's lists.
func (db *DB) CreatePeople(ctx context.Context, people []committee.Person) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		ins := tx.StmtxContext(ctx, db.q.InsertPerson)
		for i := range people {
			p := &people[i]
			if err := ins.QueryRowxContext(ctx, p.Name, string(p.Gender), p.BirthYear, p.UnitID, p.Position,
				p.Address, p.Phone).Scan(&p.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return internal("create people", err)
}
