package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vanthu/access"
	"vanthu/apperr"
)

// CreateSession stores a new session, clears the login's failed sign-ins and appends the
// audit row, in one transaction.
func (db *DB) CreateSession(ctx context.Context, s access.Session, login string, audit access.AuditEntry) (int64, error) {
	var id int64
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if err := tx.StmtxContext(ctx, db.q.InsertSession).GetContext(ctx, &id, s.UserID, s.SecretHash,
			timestamp(s.CreatedAt), timestamp(s.LastSeenAt), timestamp(s.ExpiresAt), s.ClientAddr, s.UserAgent); err != nil {
			return err
		}
		if _, err := tx.StmtxContext(ctx, db.q.ClearLoginFailures).ExecContext(ctx, login); err != nil {
			return err
		}
		audit.Object = fmt.Sprintf("session:%d", id)
		return db.appendAudit(ctx, tx, audit)
	})
	return id, internal("create session", err)
}

// SessionBySecret returns the session whose secret has the given hash, active or not: the
// caller decides with Session.Active. No such session is NotFound.
func (db *DB) SessionBySecret(ctx context.Context, secretHash string) (access.Session, error) {
	var s access.Session
	if err := db.get(ctx, db.q.GetSession, &s, secretHash); errors.Is(err, sql.ErrNoRows) {
		return s, apperr.New(apperr.NotFound, msgSessionNotFound)
	} else if err != nil {
		return s, internal("get session", err)
	}
	utcSession(&s)
	return s, nil
}

func utcSession(s *access.Session) {
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = s.CreatedAt.UTC(), s.LastSeenAt.UTC(), s.ExpiresAt.UTC()
	if s.RevokedAt != nil {
		t := s.RevokedAt.UTC()
		s.RevokedAt = &t
	}
}

// Sessions returns the user's sessions that are neither revoked nor past their expiry.
func (db *DB) Sessions(ctx context.Context, userID int64, now time.Time) ([]access.Session, error) {
	out := []access.Session{}
	if err := db.sel(ctx, db.q.ListUserSessions, &out, userID, timestamp(now)); err != nil {
		return nil, internal("list sessions", err)
	}
	for i := range out {
		utcSession(&out[i])
	}
	return out, nil
}

// TouchSession records that the session was used at now, which keeps it from going idle.
// Callers touch at most once a minute per session: it is a write.
func (db *DB) TouchSession(ctx context.Context, id int64, now time.Time) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		_, err := tx.StmtxContext(ctx, db.q.TouchSession).ExecContext(ctx, timestamp(now), id)
		return err
	})
	return internal("touch session", err)
}

// RevokeSession ends a session (sign-out) with the audit row. Ending one already ended
// changes nothing and is not an error.
func (db *DB) RevokeSession(ctx context.Context, id int64, now time.Time, audit access.AuditEntry) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if _, err := tx.StmtxContext(ctx, db.q.RevokeSession).ExecContext(ctx, timestamp(now), id); err != nil {
			return err
		}
		audit.Object = fmt.Sprintf("session:%d", id)
		return db.appendAudit(ctx, tx, audit)
	})
	return internal("revoke session", err)
}

// tokenRow is a token as stored: its grants as JSON text.
type tokenRow struct {
	access.Token
	GrantsJSON string `db:"grants"`
}

func (r *tokenRow) token() (access.Token, error) {
	t := r.Token
	t.Grants = []access.UserGrant{}
	if r.GrantsJSON != "" {
		if err := json.Unmarshal([]byte(r.GrantsJSON), &t.Grants); err != nil {
			return t, fmt.Errorf("token %d grants: %w", t.ID, err)
		}
	}
	t.CreatedAt = t.CreatedAt.UTC()
	for _, p := range []**time.Time{&t.ExpiresAt, &t.LastUsedAt, &t.RevokedAt} {
		if *p != nil {
			u := (**p).UTC()
			*p = &u
		}
	}
	return t, nil
}

// CreateToken stores a new API token with the audit row.
func (db *DB) CreateToken(ctx context.Context, t access.Token, audit access.AuditEntry) (int64, error) {
	grants, err := grantsJSON(t.Grants)
	if err != nil {
		return 0, internal("encode token grants", err)
	}
	var expires any
	if t.ExpiresAt != nil {
		expires = timestamp(*t.ExpiresAt)
	}
	var id int64
	err = db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if err := tx.StmtxContext(ctx, db.q.InsertToken).GetContext(ctx, &id, t.UserID, t.Name, t.SecretHash, grants,
			timestamp(t.CreatedAt), expires); err != nil {
			return err
		}
		t.ID = id
		audit.Object, audit.ObjectSHA256 = fmt.Sprintf("token:%d", id), access.ObjectHash(t)
		return db.appendAudit(ctx, tx, audit)
	})
	return id, internal("create token", err)
}

// TokenBySecret returns the token whose secret has the given hash, active or not. No such
// token is NotFound.
func (db *DB) TokenBySecret(ctx context.Context, secretHash string) (access.Token, error) {
	var r tokenRow
	if err := db.get(ctx, db.q.GetToken, &r, secretHash); errors.Is(err, sql.ErrNoRows) {
		return access.Token{}, apperr.New(apperr.NotFound, msgTokenNotFound)
	} else if err != nil {
		return access.Token{}, internal("get token", err)
	}
	t, err := r.token()
	return t, internal("get token", err)
}

// Tokens returns the user's tokens, revoked ones too, oldest first.
func (db *DB) Tokens(ctx context.Context, userID int64) ([]access.Token, error) {
	var rows []tokenRow
	if err := db.sel(ctx, db.q.ListUserTokens, &rows, userID); err != nil {
		return nil, internal("list tokens", err)
	}
	out := make([]access.Token, 0, len(rows))
	for i := range rows {
		t, err := rows[i].token()
		if err != nil {
			return nil, internal("list tokens", err)
		}
		out = append(out, t)
	}
	return out, nil
}

// TouchToken records the token's last use. Callers touch at most once a minute per token.
func (db *DB) TouchToken(ctx context.Context, id int64, now time.Time) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		_, err := tx.StmtxContext(ctx, db.q.TouchToken).ExecContext(ctx, timestamp(now), id)
		return err
	})
	return internal("touch token", err)
}

// RevokeToken revokes the user's token with the audit row. A token of another user, or
// one already revoked, is NotFound.
func (db *DB) RevokeToken(ctx context.Context, userID, id int64, now time.Time, audit access.AuditEntry) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		res, err := tx.StmtxContext(ctx, db.q.RevokeToken).ExecContext(ctx, timestamp(now), id, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, msgTokenNotFound)
		}
		audit.Object = fmt.Sprintf("token:%d", id)
		return db.appendAudit(ctx, tx, audit)
	})
	return internal("revoke token", err)
}

// ForgetSessions deletes the sessions that ended (expired or were revoked) before before,
// and the login failures not repeated since failedBefore whose lock has passed at now. It
// returns how many rows of each it deleted.
func (db *DB) ForgetSessions(ctx context.Context, before, failedBefore, now time.Time) (sessions, failures int64, err error) {
	err = db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		res, err := tx.StmtxContext(ctx, db.q.DeleteEndedSessions).ExecContext(ctx, timestamp(before), timestamp(before))
		if err != nil {
			return err
		}
		if sessions, err = res.RowsAffected(); err != nil {
			return err
		}
		res, err = tx.StmtxContext(ctx, db.q.DeleteStaleLoginFailures).ExecContext(ctx, timestamp(failedBefore), timestamp(now))
		if err != nil {
			return err
		}
		failures, err = res.RowsAffected()
		return err
	})
	return sessions, failures, internal("forget sessions", err)
}
