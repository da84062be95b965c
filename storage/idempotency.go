package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vanthu/idempotency"
)

// ClaimIdempotencyKey records that the request r (its actor, key, fingerprint and
// CreatedAt) has started, and returns nil; or, when the key is already kept, returns the
// record kept for it (in progress or done) and records nothing. A record created before
// expiredBefore no longer counts: it is deleted and the key claimed afresh.
//
// The claim is its own short transaction, committed before the work starts, so that a
// concurrent request with the same key finds it: on PostgreSQL the second INSERT waits for
// the first to commit and then does nothing; on SQLite writes are serialised anyway.
func (db *DB) ClaimIdempotencyKey(ctx context.Context, r idempotency.Record, expiredBefore time.Time) (*idempotency.Record, error) {
	var kept *idempotency.Record
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		kept = nil
		if _, err := tx.StmtxContext(ctx, db.q.DeleteExpiredIdempotencyKey).ExecContext(ctx, r.Actor, r.Key, timestamp(expiredBefore)); err != nil {
			return err
		}
		res, err := tx.StmtxContext(ctx, db.q.InsertIdempotencyKey).ExecContext(ctx, r.Actor, r.Key, r.Fingerprint, timestamp(r.CreatedAt))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		var rec idempotency.Record
		if err := tx.StmtxContext(ctx, db.q.GetIdempotencyKey).GetContext(ctx, &rec, r.Actor, r.Key); err != nil {
			return fmt.Errorf("read the kept key: %w", err)
		}
		kept = &rec
		return nil
	})
	if err != nil {
		return nil, internal("claim idempotency key", err)
	}
	return kept, nil
}

// FinishIdempotencyKey keeps the answer r (Status, ContentType, Location, Body) of the
// request that claimed r's key.
func (db *DB) FinishIdempotencyKey(ctx context.Context, r idempotency.Record) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		_, err := tx.StmtxContext(ctx, db.q.FinishIdempotencyKey).ExecContext(ctx,
			r.Status, r.ContentType, r.Location, r.Body, r.Actor, r.Key)
		return err
	})
	return internal("finish idempotency key", err)
}

// ReleaseIdempotencyKey forgets a claim whose request failed on the server's side, so a
// retry with the key does the work; a finished record is left alone.
func (db *DB) ReleaseIdempotencyKey(ctx context.Context, actor, key string) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		_, err := tx.StmtxContext(ctx, db.q.ReleaseIdempotencyKey).ExecContext(ctx, actor, key)
		return err
	})
	return internal("release idempotency key", err)
}

// DeleteExpiredIdempotencyKeys deletes the records created before before and returns how
// many.
func (db *DB) DeleteExpiredIdempotencyKeys(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		res, err := tx.StmtxContext(ctx, db.q.DeleteExpiredIdempotencyKeys).ExecContext(ctx, timestamp(before))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, internal("delete expired idempotency keys", err)
}
