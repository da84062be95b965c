package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/inspection"
)

// The storage of the recognition cycle implements inspection.Store.
var _ inspection.Store = (*DB)(nil)

type roundRow struct {
	ID          int64     `db:"id"`
	Year        int       `db:"year"`
	AuthorityID string    `db:"authority_id"`
	Name        string    `db:"name"`
	Target      float64   `db:"target"`
	Calendar    string    `db:"calendar"`
	CreatedAt   time.Time `db:"created_at"`
	UpdatedAt   time.Time `db:"updated_at"`
}

func (r roundRow) round() (*inspection.Round, error) {
	out := &inspection.Round{ID: r.ID, Year: r.Year, AuthorityID: r.AuthorityID, Name: r.Name, Target: r.Target,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	if err := json.Unmarshal([]byte(r.Calendar), &out.Calendar); err != nil {
		return nil, fmt.Errorf("round %d: calendar: %w", r.ID, err)
	}
	return out, nil
}

// CreateRound stores a new round and sets its ID and times. A second round of the same
// authority and year is a Conflict; an authority missing from the directory is invalid.
func (db *DB) CreateRound(ctx context.Context, r *inspection.Round) error {
	cal, err := json.Marshal(r.Calendar)
	if err != nil {
		return internal("create round", err)
	}
	now := timestamp(time.Now())
	var id int64
	err = db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if err := tx.StmtxContext(ctx, db.q.InsertRound).QueryRowxContext(ctx,
			r.Year, r.AuthorityID, r.Name, r.Target, string(cal), now, now).Scan(&id); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, roundObject(id), access.ObjectHash(r))
	})
	switch {
	case isUniqueViolation(err):
		return apperr.Wrap(apperr.Conflict, inspection.MsgRoundExists, err)
	case isForeignKeyViolation(err):
		return &apperr.Error{Code: apperr.Invalid, Message: inspection.MsgRoundInUse, Cause: err,
			Fields: map[string]string{"authority_id": fmt.Sprintf(msgUnknownAuthority, r.AuthorityID)}}
	case err != nil:
		return internal("create round", err)
	}
	r.ID, r.CreatedAt, r.UpdatedAt = id, now, now
	return nil
}

// UpdateRound saves a round's name, target and calendar.
func (db *DB) UpdateRound(ctx context.Context, r *inspection.Round) error {
	cal, err := json.Marshal(r.Calendar)
	if err != nil {
		return internal("update round", err)
	}
	now := timestamp(time.Now())
	err = db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		res, err := tx.StmtxContext(ctx, db.q.UpdateRound).ExecContext(ctx, r.Name, r.Target, string(cal), now, r.ID)
		if err := oneRow(res, err, inspection.MsgRoundNotFound); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, roundObject(r.ID), access.ObjectHash(r))
	})
	if err != nil {
		return internal("update round", err)
	}
	r.UpdatedAt = now
	return nil
}

// DeleteRound removes a round; its roster, files and assessments go with it.
func (db *DB) DeleteRound(ctx context.Context, id int64) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		res, err := tx.StmtxContext(ctx, db.q.DeleteRound).ExecContext(ctx, id)
		if err := oneRow(res, err, inspection.MsgRoundNotFound); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, roundObject(id), "")
	})
	return internal("delete round", err)
}

// Round reads one round.
func (db *DB) Round(ctx context.Context, id int64) (*inspection.Round, error) {
	var row roundRow
	if err := db.get(ctx, db.q.GetRound, &row, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, apperr.New(apperr.NotFound, inspection.MsgRoundNotFound)
		}
		return nil, internal("get round", err)
	}
	r, err := row.round()
	return r, internal("get round", err)
}

// Rounds lists the rounds f selects, newest year first.
func (db *DB) Rounds(ctx context.Context, f inspection.RoundFilter) ([]inspection.Round, error) {
	var rows []roundRow
	if err := db.sel(ctx, db.q.ListRounds, &rows, f.Year, f.Year, f.AuthorityID, f.AuthorityID); err != nil {
		return nil, internal("list rounds", err)
	}
	out := make([]inspection.Round, 0, len(rows))
	for _, row := range rows {
		r, err := row.round()
		if err != nil {
			return nil, internal("list rounds", err)
		}
		out = append(out, *r)
	}
	return out, nil
}

type objectRow struct {
	RoundID          int64  `db:"round_id"`
	ID               string `db:"id"`
	Kind             string `db:"kind"`
	Name             string `db:"name"`
	ParentID         string `db:"parent_id"`
	UnitID           string `db:"unit_id"`
	RegisteredOn     string `db:"registered_on"`
	RegisteredLate   bool   `db:"registered_late"`
	RegistrationNote string `db:"registration_note"`
}

func (r objectRow) object() inspection.Object {
	return inspection.Object{RoundID: r.RoundID, ID: r.ID, Kind: inspection.Kind(r.Kind), Name: r.Name,
		ParentID: r.ParentID, UnitID: r.UnitID, RegisteredOn: r.RegisteredOn, RegisteredLate: r.RegisteredLate,
		RegistrationNote: r.RegistrationNote}
}

// PutObjects adds objects to a round's roster or changes those already there, in one
// transaction.
func (db *DB) PutObjects(ctx context.Context, roundID int64, objects []inspection.Object) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		put := tx.StmtxContext(ctx, db.q.PutObject)
		for _, o := range objects {
			if _, err := put.ExecContext(ctx, roundID, o.ID, roundID, string(o.Kind), o.Name, o.ParentID, o.UnitID); err != nil {
				return err
			}
		}
		return db.auditChange(ctx, tx, roundObject(roundID)+"/objects", access.ObjectHash(objects))
	})
	if isForeignKeyViolation(err) {
		return apperr.Wrap(apperr.NotFound, inspection.MsgRoundNotFound, err)
	}
	return internal("put objects", err)
}

// DeleteObject removes an object from a round's roster with its files and assessment.
func (db *DB) DeleteObject(ctx context.Context, roundID int64, id string) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		res, err := tx.StmtxContext(ctx, db.q.DeleteObject).ExecContext(ctx, roundID, id)
		if err := oneRow(res, err, inspection.MsgObjectNotFound); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, inspectionObject(roundID, id), "")
	})
	return internal("delete object", err)
}

// Object reads one object of a round.
func (db *DB) Object(ctx context.Context, roundID int64, id string) (*inspection.Object, error) {
	var row objectRow
	if err := db.get(ctx, db.q.GetObject, &row, roundID, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, apperr.New(apperr.NotFound, inspection.MsgObjectNotFound)
		}
		return nil, internal("get object", err)
	}
	o := row.object()
	return &o, nil
}

// Objects reads a round's roster in its order.
func (db *DB) Objects(ctx context.Context, roundID int64) ([]inspection.Object, error) {
	var rows []objectRow
	if err := db.sel(ctx, db.q.ListObjects, &rows, roundID); err != nil {
		return nil, internal("list objects", err)
	}
	out := make([]inspection.Object, len(rows))
	for i, row := range rows {
		out[i] = row.object()
	}
	return out, nil
}

// RegisterObject records a registration and stores its files, in one transaction.
func (db *DB) RegisterObject(ctx context.Context, roundID int64, objectID string, reg *inspection.Registration, late bool) error {
	now := timestamp(time.Now())
	ids := make([]int64, len(reg.Files))
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		res, err := tx.StmtxContext(ctx, db.q.RegisterObject).ExecContext(ctx, reg.RegisteredOn, late, reg.Note, roundID, objectID)
		if err := oneRow(res, err, inspection.MsgObjectNotFound); err != nil {
			return err
		}
		insert := tx.StmtxContext(ctx, db.q.InsertAttachment)
		for i, f := range reg.Files {
			if err := insert.QueryRowxContext(ctx, roundID, objectID, f.DocKind, f.Name, f.ContentType, f.Size,
				f.SHA256, f.Data, now).Scan(&ids[i]); err != nil {
				return err
			}
		}
		// The registration's hash covers its files through their own SHA-256.
		return db.auditChange(ctx, tx, inspectionObject(roundID, objectID)+"/registration", access.ObjectHash(reg))
	})
	if err != nil {
		return internal("register", err)
	}
	for i := range reg.Files {
		reg.Files[i].ID, reg.Files[i].CreatedAt = ids[i], now
	}
	return nil
}

type attachmentRow struct {
	ID          int64     `db:"id"`
	RoundID     int64     `db:"round_id"`
	ObjectID    string    `db:"object_id"`
	DocKind     string    `db:"doc_kind"`
	Name        string    `db:"name"`
	ContentType string    `db:"content_type"`
	Size        int64     `db:"size"`
	SHA256      string    `db:"sha256"`
	CreatedAt   time.Time `db:"created_at"`
	Data        []byte    `db:"data"`
}

func (r attachmentRow) attachment() inspection.Attachment {
	return inspection.Attachment{ID: r.ID, RoundID: r.RoundID, ObjectID: r.ObjectID, DocKind: r.DocKind, Name: r.Name,
		ContentType: r.ContentType, Size: r.Size, SHA256: r.SHA256, CreatedAt: r.CreatedAt.UTC(), Data: r.Data}
}

// Attachments lists an object's files without their content.
func (db *DB) Attachments(ctx context.Context, roundID int64, objectID string) ([]inspection.Attachment, error) {
	var rows []attachmentRow
	if err := db.sel(ctx, db.q.ListAttachments, &rows, roundID, objectID); err != nil {
		return nil, internal("list attachments", err)
	}
	out := make([]inspection.Attachment, len(rows))
	for i, row := range rows {
		out[i] = row.attachment()
	}
	return out, nil
}

// Attachment reads one file of a round with its content.
func (db *DB) Attachment(ctx context.Context, roundID, id int64) (*inspection.Attachment, error) {
	var row attachmentRow
	if err := db.get(ctx, db.q.GetAttachment, &row, roundID, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, apperr.New(apperr.NotFound, inspection.MsgAttachmentNotFound)
		}
		return nil, internal("get attachment", err)
	}
	a := row.attachment()
	return &a, nil
}

type assessmentRow struct {
	RoundID   int64     `db:"round_id"`
	ObjectID  string    `db:"object_id"`
	Answers   string    `db:"answers"`
	Facts     string    `db:"facts"`
	Version   int       `db:"version"`
	UpdatedAt time.Time `db:"updated_at"`
	UpdatedBy string    `db:"updated_by"`
	Late      bool      `db:"late"`
}

func (r assessmentRow) assessment() (inspection.Assessment, error) {
	a := inspection.Assessment{RoundID: r.RoundID, ObjectID: r.ObjectID, Version: r.Version,
		UpdatedAt: r.UpdatedAt.UTC(), UpdatedBy: r.UpdatedBy, Late: r.Late}
	if err := json.Unmarshal([]byte(r.Answers), &a.Answers); err != nil {
		return a, fmt.Errorf("assessment %d/%s: answers: %w", r.RoundID, r.ObjectID, err)
	}
	if r.Facts != "" {
		a.Facts = &inspection.Facts{}
		if err := json.Unmarshal([]byte(r.Facts), a.Facts); err != nil {
			return a, fmt.Errorf("assessment %d/%s: facts: %w", r.RoundID, r.ObjectID, err)
		}
	}
	return a, nil
}

// SaveAssessment stores a if the stored version is still a.Version and sets a.Version to
// the new one; someone else's save in between is a Conflict.
func (db *DB) SaveAssessment(ctx context.Context, a *inspection.Assessment) error {
	answers, err := json.Marshal(a.Answers)
	if err != nil {
		return internal("save assessment", err)
	}
	facts := ""
	if a.Facts != nil {
		b, err := json.Marshal(a.Facts)
		if err != nil {
			return internal("save assessment", err)
		}
		facts = string(b)
	}
	at := timestamp(a.UpdatedAt)
	sha := sha256Hex(string(answers) + "\n" + facts)
	object := inspectionObject(a.RoundID, a.ObjectID) + "/assessment"
	err = db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if a.Version == 0 {
			if _, err := tx.StmtxContext(ctx, db.q.InsertAssessment).ExecContext(ctx,
				a.RoundID, a.ObjectID, string(answers), facts, at, a.UpdatedBy, a.Late); err != nil {
				return err
			}
			return db.auditChange(ctx, tx, object, sha)
		}
		res, err := tx.StmtxContext(ctx, db.q.UpdateAssessment).ExecContext(ctx,
			string(answers), facts, at, a.UpdatedBy, a.Late, a.RoundID, a.ObjectID, a.Version)
		if err := oneRow(res, err, inspection.MsgStaleAssessment); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, object, sha)
	})
	switch {
	case isUniqueViolation(err):
		return apperr.Wrap(apperr.Conflict, inspection.MsgStaleAssessment, err)
	case apperr.CodeOf(err) == apperr.NotFound:
		// The row to update is gone or has moved on: either way the inspector's copy is stale.
		return apperr.New(apperr.Conflict, inspection.MsgStaleAssessment)
	case isForeignKeyViolation(err):
		return apperr.Wrap(apperr.NotFound, inspection.MsgObjectNotFound, err)
	case err != nil:
		return internal("save assessment", err)
	}
	a.Version++
	a.UpdatedAt = at
	return nil
}

// Assessment reads the assessment of one object; NotFound when none is saved.
func (db *DB) Assessment(ctx context.Context, roundID int64, objectID string) (*inspection.Assessment, error) {
	var row assessmentRow
	if err := db.get(ctx, db.q.GetAssessment, &row, roundID, objectID); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, apperr.New(apperr.NotFound, inspection.MsgAssessmentNotFound)
		}
		return nil, internal("get assessment", err)
	}
	a, err := row.assessment()
	if err != nil {
		return nil, internal("get assessment", err)
	}
	return &a, nil
}

// Assessments reads every assessment of a round.
func (db *DB) Assessments(ctx context.Context, roundID int64) ([]inspection.Assessment, error) {
	var rows []assessmentRow
	if err := db.sel(ctx, db.q.ListAssessments, &rows, roundID); err != nil {
		return nil, internal("list assessments", err)
	}
	out := make([]inspection.Assessment, len(rows))
	for i, row := range rows {
		a, err := row.assessment()
		if err != nil {
			return nil, internal("list assessments", err)
		}
		out[i] = a
	}
	return out, nil
}

// oneRow turns an update or delete that matched no row into NotFound with message.
func oneRow(res sql.Result, err error, message string) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return apperr.New(apperr.NotFound, message)
	}
	return nil
}

// roundObject names an inspection round in the audit log.
func roundObject(id int64) string { return "round:" + strconv.FormatInt(id, 10) }

// inspectionObject names an object of a round in the audit log.
func inspectionObject(roundID int64, id string) string { return roundObject(roundID) + "/object:" + id }

// AddCertificates links issued certificates to objects of a round, in one transaction.
func (db *DB) AddCertificates(ctx context.Context, roundID int64, certs []inspection.Certificate) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		insert := tx.StmtxContext(ctx, db.q.InsertCertificate)
		for _, c := range certs {
			if _, err := insert.ExecContext(ctx, roundID, c.ObjectID, c.DocumentID); err != nil {
				return err
			}
		}
		return db.auditChange(ctx, tx, roundObject(roundID)+"/certificates", access.ObjectHash(certs))
	})
	if isForeignKeyViolation(err) {
		return apperr.Wrap(apperr.NotFound, inspection.MsgObjectNotFound, err)
	}
	return internal("add certificates", err)
}

type certificateRow struct {
	RoundID    int64         `db:"round_id"`
	ObjectID   string        `db:"object_id"`
	DocumentID int64         `db:"document_id"`
	IssuerID   string        `db:"issuer_id"`
	Number     sql.NullInt64 `db:"number"`
	Symbol     string        `db:"symbol"`
	IssuedAt   sql.NullTime  `db:"issued_at"`
}

// Certificates lists the certificates of a round with their numbers.
func (db *DB) Certificates(ctx context.Context, roundID int64) ([]inspection.Certificate, error) {
	var rows []certificateRow
	if err := db.q.ListCertificates.SelectContext(ctx, &rows, roundID); err != nil {
		return nil, internal("list certificates", err)
	}
	out := make([]inspection.Certificate, len(rows))
	for i, r := range rows {
		out[i] = inspection.Certificate{RoundID: r.RoundID, ObjectID: r.ObjectID, DocumentID: r.DocumentID,
			IssuerID: r.IssuerID, Number: int(r.Number.Int64), Symbol: r.Symbol}
		if r.IssuedAt.Valid {
			out[i].IssuedAt = r.IssuedAt.Time.UTC()
		}
	}
	return out, nil
}

// CertificateFile reads the .docx of a certificate linked to an object of a round.
func (db *DB) CertificateFile(ctx context.Context, roundID int64, objectID string, documentID int64) ([]byte, error) {
	var docx []byte
	if err := db.q.GetCertificateFile.GetContext(ctx, &docx, roundID, objectID, documentID); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, apperr.New(apperr.NotFound, inspection.MsgCertificateNotFound)
		}
		return nil, internal("get certificate file", err)
	}
	return docx, nil
}
