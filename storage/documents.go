package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"vanthu/apperr"
	"vanthu/register"
)

// documentRow is a documents row as scanned: NULL year, number, corrects_id and issued_at
// for drafts, JSON as text.
type documentRow struct {
	ID         int64         `db:"id"`
	FormID     string        `db:"form_id"`
	IssuerID   string        `db:"issuer_id"`
	Status     string        `db:"status"`
	Data       string        `db:"data"`
	Recipients string        `db:"recipients"`
	Subject    string        `db:"subject"`
	KindTitle  string        `db:"kind_title"`
	Symbol     string        `db:"symbol"`
	Year       sql.NullInt64 `db:"year"`
	Number     sql.NullInt64 `db:"number"`
	CorrectsID sql.NullInt64 `db:"corrects_id"`
	CreatedAt  time.Time     `db:"created_at"`
	UpdatedAt  time.Time     `db:"updated_at"`
	IssuedAt   sql.NullTime  `db:"issued_at"`
	SHA256     string        `db:"sha256"`
	Secrecy    string        `db:"secrecy"`
	Urgency    string        `db:"urgency"`
}

func (r documentRow) document() register.Document {
	d := register.Document{
		ID:         r.ID,
		FormID:     r.FormID,
		IssuerID:   r.IssuerID,
		Status:     register.Status(r.Status),
		Data:       json.RawMessage(r.Data),
		Recipients: json.RawMessage(r.Recipients),
		Subject:    r.Subject,
		KindTitle:  r.KindTitle,
		Symbol:     r.Symbol,
		Year:       int(r.Year.Int64),
		Number:     int(r.Number.Int64),
		CorrectsID: r.CorrectsID.Int64,
		CreatedAt:  r.CreatedAt.UTC(),
		UpdatedAt:  r.UpdatedAt.UTC(),
		SHA256:     r.SHA256,
		Secrecy:    r.Secrecy,
		Urgency:    r.Urgency,
	}
	if r.IssuedAt.Valid {
		t := r.IssuedAt.Time.UTC()
		d.IssuedAt = &t
	}
	return d
}

// CreateDocument stores d as a new draft and sets its ID, Status (Draft), CreatedAt and
// UpdatedAt; any year, number or digest it carries is ignored. Empty Data and Recipients
// are stored as {}.
func (db *DB) CreateDocument(ctx context.Context, d *register.Document) error {
	data, recipients, err := checkDraft(d)
	if err != nil {
		return err
	}
	now := timestamp(time.Now())
	var id int64
	err = db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if err := checkCorrects(ctx, tx, db.q, d.CorrectsID); err != nil {
			return err
		}
		if err := tx.StmtxContext(ctx, db.q.InsertDocument).QueryRowxContext(ctx,
			d.FormID, d.IssuerID, data, recipients, d.Subject, d.KindTitle, d.Symbol,
			nullInt64(d.CorrectsID), now, now, d.Secret(), d.Secrecy, d.Urgency).Scan(&id); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, documentObject(id), sha256Hex(data))
	})
	if err != nil {
		return documentError("create document", err)
	}
	d.ID, d.Status, d.CreatedAt, d.UpdatedAt = id, register.Draft, now, now
	d.Year, d.Number, d.IssuedAt, d.SHA256 = 0, 0, nil, ""
	d.Data, d.Recipients = json.RawMessage(data), json.RawMessage(recipients)
	return nil
}

// UpdateDraft saves the editable fields of the draft d.ID (form, issuer, data, recipients,
// subject, kind title, symbol, corrected document) and reloads d from the database. An
// issued document is frozen: Conflict.
func (db *DB) UpdateDraft(ctx context.Context, d *register.Document) error {
	data, recipients, err := checkDraft(d)
	if err != nil {
		return err
	}
	var saved register.Document
	err = db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if d.CorrectsID == d.ID {
			return apperr.InvalidFields(map[string]string{"corrects_id": msgCorrectsItself})
		}
		if err := checkCorrects(ctx, tx, db.q, d.CorrectsID); err != nil {
			return err
		}
		res, err := tx.StmtxContext(ctx, db.q.UpdateDraft).ExecContext(ctx,
			d.FormID, d.IssuerID, data, recipients, d.Subject, d.KindTitle, d.Symbol,
			nullInt64(d.CorrectsID), timestamp(time.Now()), d.Secret(), d.Secrecy, d.Urgency, d.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notDraft(ctx, tx, db.q, d.ID, register.MsgIssuedFrozen)
		}
		if saved, err = getDocument(ctx, tx, db.q, d.ID); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, documentObject(d.ID), sha256Hex(data))
	})
	if err != nil {
		return documentError("update draft", err)
	}
	*d = saved
	return nil
}

// Document returns the document id, draft or issued.
func (db *DB) Document(ctx context.Context, id int64) (register.Document, error) {
	var row documentRow
	if err := db.get(ctx, db.q.GetDocument, &row, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return register.Document{}, apperr.New(apperr.NotFound, register.MsgDocumentNotFound)
		}
		return register.Document{}, internal("get document", err)
	}
	return row.document(), nil
}

// Corrections returns the issued documents correcting document id, oldest first.
func (db *DB) Corrections(ctx context.Context, id int64) ([]register.Document, error) {
	var rows []documentRow
	if err := db.sel(ctx, db.q.ListCorrections, &rows, id); err != nil {
		return nil, internal("list corrections", err)
	}
	docs := make([]register.Document, len(rows))
	for i, r := range rows {
		docs[i] = r.document()
	}
	return docs, nil
}

// Documents returns the documents f selects, newest first.
func (db *DB) Documents(ctx context.Context, f register.DocumentFilter) ([]register.Document, error) {
	limit, offset := f.Page()
	var rows []documentRow
	err := db.sel(ctx, db.q.ListDocuments, &rows,
		f.IssuerID, f.IssuerID, string(f.Status), string(f.Status), f.Year, f.Year, f.NoSecret, limit, offset)
	if err != nil {
		return nil, internal("list documents", err)
	}
	docs := make([]register.Document, len(rows))
	for i, r := range rows {
		docs[i] = r.document()
	}
	return docs, nil
}

// checkDraft checks what the database needs of a draft and returns its JSON as text.
func checkDraft(d *register.Document) (data, recipients string, err error) {
	fields := map[string]string{}
	if d.FormID == "" {
		fields["form"] = msgNoForm
	}
	if d.IssuerID == "" {
		fields["issuer_id"] = msgNoIssuer
	}
	data, recipients = "{}", "{}"
	if len(d.Data) > 0 {
		if !json.Valid(d.Data) {
			fields["data"] = msgDataNotJSON
		}
		data = string(d.Data)
	}
	if len(d.Recipients) > 0 {
		if !json.Valid(d.Recipients) {
			fields["recipients"] = msgRecipientsNotJSON
		}
		recipients = string(d.Recipients)
	}
	if len(fields) > 0 {
		return "", "", apperr.InvalidFields(fields)
	}
	return data, recipients, nil
}

// checkCorrects checks that a correcting dispatch corrects an issued document.
func checkCorrects(ctx context.Context, tx *sqlx.Tx, q *queries, id int64) error {
	if id == 0 {
		return nil
	}
	var status string
	err := tx.StmtxContext(ctx, q.GetDocumentStatus).GetContext(ctx, &status, id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && status != string(register.Issued)) {
		return apperr.InvalidFields(map[string]string{"corrects_id": msgCorrectsDraft})
	}
	return err
}

// notDraft explains why a write guarded by status = 'draft' matched no row: the document
// is missing (NotFound) or issued (Conflict with message).
func notDraft(ctx context.Context, tx *sqlx.Tx, q *queries, id int64, message string) error {
	var status string
	err := tx.StmtxContext(ctx, q.GetDocumentStatus).GetContext(ctx, &status, id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return apperr.New(apperr.NotFound, register.MsgDocumentNotFound)
	case err != nil:
		return err
	}
	return apperr.New(apperr.Conflict, message)
}

// getDocument reads the document id inside tx.
func getDocument(ctx context.Context, tx *sqlx.Tx, q *queries, id int64) (register.Document, error) {
	var row documentRow
	if err := tx.StmtxContext(ctx, q.GetDocument).GetContext(ctx, &row, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return register.Document{}, apperr.New(apperr.NotFound, register.MsgDocumentNotFound)
		}
		return register.Document{}, err
	}
	return row.document(), nil
}

// documentError maps the constraint a document write can break to what the user can fix.
func documentError(op string, err error) error {
	if isForeignKeyViolation(err) {
		return apperr.InvalidFields(map[string]string{"issuer_id": msgUnknownIssuer})
	}
	return internal(op, err)
}
