package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vanthu/apperr"
	"vanthu/register"
)

// Issue issues the draft id: in one transaction it takes the next number of the issuer's
// series for the year of now (1 on the first issue of a year), calls render with it,
// stores the .docx and its SHA-256, freezes the document as issued and writes its register
// line. If render or anything else fails, everything is rolled back, the number included:
// numbers are never skipped and never given twice, whatever the concurrency (see
// register.sql, next-number, and DB.write).
//
// now is the moment of issue in the issuer's time zone: its calendar year picks the series
// and its calendar date is the register's Ngày tháng. The entry render returns is completed
// by register.CompleteEntry. render runs inside the issuing transaction: it is called
// again, with the same number, if the transaction has to be run again (see groupWrite).
//
// Errors: NotFound for an unknown id, Conflict if the document is already issued; an
// *apperr.Error from render is returned as is, any other render error as Internal.
func (db *DB) Issue(ctx context.Context, id int64, now time.Time, render register.RenderFunc) (register.Document, error) {
	return db.IssueInYear(ctx, id, now, now.Year(), render)
}

// IssueInYear is Issue with the number taken from the series of year rather than of now's
// year: a document dated in another year (an archive typed in late) is numbered in the
// series its printed date belongs to, so that number and date never disagree.
func (db *DB) IssueInYear(ctx context.Context, id int64, now time.Time, year int, render register.RenderFunc) (register.Document, error) {
	var doc register.Document
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) (err error) {
		doc, err = db.issueInTx(ctx, tx, id, now, year, render)
		return err
	})
	if err != nil {
		return register.Document{}, internal("issue document", err)
	}
	return doc, nil
}

// CreateAndIssue stores d as a new document and issues it at once, in one transaction:
// what CreateDocument then IssueInYear do, with one write lock and one commit instead of
// two, for a document that needs no review as a draft.
func (db *DB) CreateAndIssue(ctx context.Context, d *register.Document, now time.Time, year int, render register.RenderFunc) (register.Document, error) {
	data, recipients, err := checkDraft(d)
	if err != nil {
		return register.Document{}, err
	}
	issuedAt := timestamp(now)
	var doc register.Document
	err = db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if err := checkCorrects(ctx, tx, db.q, d.CorrectsID); err != nil {
			return err
		}
		// Number and render first, then one INSERT of the issued row: the row, with its
		// submission, is written once rather than inserted and updated twice.
		r, err := db.numberAndRender(ctx, tx, d.IssuerID, d.Secret(), year, render)
		if err != nil {
			return err
		}
		var id int64
		if err := tx.StmtxContext(ctx, db.q.InsertIssuedDocument).QueryRowxContext(ctx,
			d.FormID, d.IssuerID, data, recipients, d.Subject, d.KindTitle, d.Symbol,
			nullInt64(d.CorrectsID), issuedAt, issuedAt, year, r.number, issuedAt, r.digest,
			d.Secret(), d.Secrecy, d.Urgency).Scan(&id); err != nil {
			return err
		}
		if err := db.storeFile(ctx, tx, id, r); err != nil {
			return err
		}
		doc = *d
		doc.ID, doc.Status, doc.CreatedAt, doc.UpdatedAt = id, register.Issued, issuedAt, issuedAt
		doc.Year, doc.Number, doc.IssuedAt, doc.SHA256 = year, r.number, &issuedAt, r.digest
		doc.Data, doc.Recipients = json.RawMessage(data), json.RawMessage(recipients)
		if err := db.insertRegister(ctx, tx, register.CompleteEntry(doc, r.entry, now)); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, documentObject(id), r.digest)
	})
	if err != nil {
		return register.Document{}, documentError("create and issue document", err)
	}
	return doc, nil
}

// rendered is a document numbered and rendered inside the issuing transaction.
type rendered struct {
	number int
	docx   []byte
	digest string // SHA-256 of docx, in hex
	entry  register.Entry
}

// numberAndRender takes the next number of issuer's series for year (its secret series
// when secret) and renders the document with it. An *apperr.Error from render is passed through; any other render error
// is wrapped as Internal (the caller's fault to log, not the user's).
func (db *DB) numberAndRender(ctx context.Context, tx *sqlx.Tx, issuer string, secret bool, year int, render register.RenderFunc) (rendered, error) {
	var r rendered
	if err := tx.StmtxContext(ctx, db.q.NextNumber).GetContext(ctx, &r.number, issuer, secret, year); err != nil {
		return r, fmt.Errorf("next number: %w", err)
	}
	var err error
	if r.docx, r.entry, err = render(r.number); err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) {
			return r, err
		}
		return r, apperr.Wrap(apperr.Internal, msgRenderFailed, err)
	}
	sum := sha256.Sum256(r.docx)
	r.digest = hex.EncodeToString(sum[:])
	return r, nil
}

// storeFile stores the .docx of the document id and its digest.
func (db *DB) storeFile(ctx context.Context, tx *sqlx.Tx, id int64, r rendered) error {
	if _, err := tx.StmtxContext(ctx, db.q.InsertDocumentFile).ExecContext(ctx, id, r.docx, r.digest); err != nil {
		return fmt.Errorf("store docx: %w", err)
	}
	return nil
}

// insertRegister writes a line of the outgoing register, after checking that its date does
// not come before the date of the previous number of its series (the secret one for a
// secret document) (register.SeriesOrderMessage):
// an Invalid error naming register.FieldIssueDate if it does.
func (db *DB) insertRegister(ctx context.Context, tx *sqlx.Tx, e register.Entry) error {
	if e.Number > 1 { // the first number of a series has none before it
		var previous string
		var prevDate time.Time
		err := tx.StmtxContext(ctx, db.q.LastInSeries).QueryRowContext(ctx, e.IssuerID, e.Secret(), e.Year, e.Number).Scan(&previous, &prevDate)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("last in series: %w", err)
		default:
			prevDay := register.DateOf(prevDate.Year(), int(prevDate.Month()), prevDate.Day())
			if msg, refused := register.SeriesOrderMessage(previous, prevDay, e.Date); refused {
				return apperr.InvalidFields(map[string]string{register.FieldIssueDate: msg})
			}
		}
	}
	_, err := tx.StmtxContext(ctx, db.q.InsertRegisterEntry).ExecContext(ctx,
		e.DocumentID, e.IssuerID, e.Secret(), e.Year, e.Number, e.NumberSymbol, e.Date, e.TitleSubject, e.Signer,
		e.Recipients, e.ArchiveUnit, e.Copies, e.SentOn, e.ReceivedBy, e.Note, e.Secrecy, e.Urgency, e.SearchText())
	if err != nil {
		return fmt.Errorf("write register: %w", err)
	}
	return nil
}

// issueInTx issues the draft id inside tx: claim it, take the next number of its issuer's
// series for year, render, store the file and its digest, mark it issued, write the
// register line.
func (db *DB) issueInTx(ctx context.Context, tx *sqlx.Tx, id int64, now time.Time, year int, render register.RenderFunc) (register.Document, error) {
	issuedAt := timestamp(now)
	var doc register.Document
	err := func() error {
		res, err := tx.StmtxContext(ctx, db.q.ClaimDraft).ExecContext(ctx, issuedAt, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notDraft(ctx, tx, db.q, id, register.MsgAlreadyIssued)
		}
		if doc, err = getDocument(ctx, tx, db.q, id); err != nil {
			return err
		}

		r, err := db.numberAndRender(ctx, tx, doc.IssuerID, doc.Secret(), year, render)
		if err != nil {
			return err
		}
		if err := db.storeFile(ctx, tx, id, r); err != nil {
			return err
		}
		res, err = tx.StmtxContext(ctx, db.q.MarkIssued).ExecContext(ctx, year, r.number, issuedAt, r.digest, issuedAt, id)
		if err != nil {
			return fmt.Errorf("mark issued: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			// The claim holds the row (PostgreSQL) or the database (SQLite): unreachable.
			return fmt.Errorf("mark issued: %d rows changed", n)
		}
		doc.Status, doc.Year, doc.Number, doc.IssuedAt, doc.SHA256, doc.UpdatedAt =
			register.Issued, year, r.number, &issuedAt, r.digest, issuedAt

		if err := db.insertRegister(ctx, tx, register.CompleteEntry(doc, r.entry, now)); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, documentObject(id), r.digest)
	}()
	return doc, err
}

// DocumentFile returns the .docx stored when the document was issued and its SHA-256 in
// hex. A draft has no file: NotFound.
func (db *DB) DocumentFile(ctx context.Context, id int64) (docx []byte, sha string, err error) {
	var row struct {
		Docx   []byte `db:"docx"`
		SHA256 string `db:"sha256"`
	}
	err = db.get(ctx, db.q.GetDocumentFile, &row, id)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := db.Document(ctx, id); err != nil {
			return nil, "", err
		}
		return nil, "", apperr.New(apperr.NotFound, msgNoFile)
	}
	if err != nil {
		return nil, "", internal("get document file", err)
	}
	return row.Docx, row.SHA256, nil
}
