package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"vanthu/access"
)

// auditPage is how many rows ScanAudit reads per query.
const auditPage = 1000

// appendAudit appends e to the audit log inside tx. Advancing the head row first takes its
// lock (PostgreSQL) or runs under the one writer (SQLite), so concurrent appenders are
// chained one after the other, never to the same predecessor. e is sealed here, inside
// the transaction, because a write may run twice (see groupWrite).
func (db *DB) appendAudit(ctx context.Context, tx *sqlx.Tx, e access.AuditEntry) error {
	var head struct {
		Seq  int64  `db:"seq"`
		Hash string `db:"hash"`
	}
	if err := tx.StmtxContext(ctx, db.q.AdvanceAuditHead).QueryRowxContext(ctx).StructScan(&head); err != nil {
		return err
	}
	auditNow(&e)
	e.Seal(head.Seq-1, head.Hash)
	if _, err := tx.StmtxContext(ctx, db.q.InsertAudit).ExecContext(ctx, e.Seq, e.At, e.UserID, e.Login, e.Role,
		e.UnitID, e.Action, e.Object, e.RequestID, e.ClientAddr, e.ObjectSHA256, e.PrevHash, e.Hash); err != nil {
		return err
	}
	_, err := tx.StmtxContext(ctx, db.q.SetAuditHeadHash).ExecContext(ctx, e.Hash)
	return err
}

// AppendAudit appends e in a transaction of its own, for an event that changes nothing
// else (a refused sign-in of an unknown login is recorded with RecordLoginFailure).
func (db *DB) AppendAudit(ctx context.Context, e access.AuditEntry) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error { return db.appendAudit(ctx, tx, e) })
	return internal("append audit", err)
}

// AuditHead returns the seq and hash of the last row appended, as the head row records
// them.
func (db *DB) AuditHead(ctx context.Context) (int64, string, error) {
	var head struct {
		Seq  int64  `db:"seq"`
		Hash string `db:"hash"`
	}
	if err := db.get(ctx, db.q.GetAuditHead, &head); err != nil {
		return 0, "", internal("get audit head", err)
	}
	return head.Seq, head.Hash, nil
}

// ScanAudit calls fn with every audit row in seq order, reading a page at a time; it stops
// at fn's first error and returns it.
func (db *DB) ScanAudit(ctx context.Context, fn func(access.AuditEntry) error) error {
	var after int64
	for {
		var rows []access.AuditEntry
		if err := db.sel(ctx, db.q.ScanAudit, &rows, after, auditPage); err != nil {
			return internal("scan audit", err)
		}
		for _, r := range rows {
			r.At = r.At.UTC()
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(rows) < auditPage {
			return nil
		}
		after = rows[len(rows)-1].Seq
	}
}

// Audit returns the rows f selects, newest first.
func (db *DB) Audit(ctx context.Context, f access.AuditFilter) ([]access.AuditEntry, error) {
	f = f.Normalize()
	rows := []access.AuditEntry{}
	if err := db.sel(ctx, db.q.ListAudit, &rows, f.Before, timestamp(f.From), timestamp(f.To),
		f.Login, f.Login, f.Action, f.Action, f.Object, f.Object, f.UnitID, f.UnitID, f.Limit); err != nil {
		return nil, internal("list audit", err)
	}
	for i := range rows {
		rows[i].At = rows[i].At.UTC()
	}
	return rows, nil
}

// auditNow is the clock of rows appended without one.
func auditNow(e *access.AuditEntry) {
	if e.At.IsZero() {
		e.At = time.Now()
	}
}

// VerifyAudit checks the whole audit chain (access.ChainVerifier) against the head row and
// returns how many rows it checked; the error names the first broken row.
func (db *DB) VerifyAudit(ctx context.Context) (int64, error) {
	seq, hash, err := db.AuditHead(ctx)
	if err != nil {
		return 0, err
	}
	var v access.ChainVerifier
	if err := db.ScanAudit(ctx, v.Check); err != nil {
		return v.Rows(), err
	}
	return v.Rows(), v.Finish(seq, hash)
}

// auditChange appends, inside tx, the entry the service put in ctx with access.WithAudit,
// naming object and its hash unless the service named them. Without one it does nothing.
func (db *DB) auditChange(ctx context.Context, tx *sqlx.Tx, object, sha string) error {
	e, ok := access.AuditFrom(ctx)
	if !ok {
		return nil
	}
	if e.Object == "" {
		e.Object = object
	}
	if e.ObjectSHA256 == "" {
		e.ObjectSHA256 = sha
	}
	return db.appendAudit(ctx, tx, e)
}

// documentObject names a document in the audit log.
func documentObject(id int64) string { return "document:" + strconv.FormatInt(id, 10) }

// sha256Hex is the hex SHA-256 of a stored text (a draft's submission).
func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// recordObject names a record of committees and commendation in the audit log:
// "person:3", "body:7", "proposal:12".
func recordObject(kind string, id int64) string { return kind + ":" + strconv.FormatInt(id, 10) }
