package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jmoiron/sqlx"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"vanthu/access"
	"vanthu/apperr"
)

// accessQueries are the statements of users, sessions, tokens and the audit log.
type accessQueries struct {
	// users.sql
	InsertUser               *sqlx.Stmt `query:"insert-user"`
	GetUserLogin             *sqlx.Stmt `query:"get-user-login"`
	GetUser                  *sqlx.Stmt `query:"get-user"`
	ListUsers                *sqlx.Stmt `query:"list-users"`
	UpdateUser               *sqlx.Stmt `query:"update-user"`
	SetPassword              *sqlx.Stmt `query:"set-password"`
	ListUserRoles            *sqlx.Stmt `query:"list-user-roles"`
	ListAllUserRoles         *sqlx.Stmt `query:"list-all-user-roles"`
	DeleteUserRoles          *sqlx.Stmt `query:"delete-user-roles"`
	InsertUserRole           *sqlx.Stmt `query:"insert-user-role"`
	CountUsers               *sqlx.Stmt `query:"count-users"`
	GetLoginFailures         *sqlx.Stmt `query:"get-login-failures"`
	RecordLoginFailure       *sqlx.Stmt `query:"record-login-failure"`
	LockLogin                *sqlx.Stmt `query:"lock-login"`
	ClearLoginFailures       *sqlx.Stmt `query:"clear-login-failures"`
	DeleteStaleLoginFailures *sqlx.Stmt `query:"delete-stale-login-failures"`
	InsertServerKey          *sqlx.Stmt `query:"insert-server-key"`
	GetServerKey             *sqlx.Stmt `query:"get-server-key"`

	// sessions.sql
	InsertSession       *sqlx.Stmt `query:"insert-session"`
	GetSession          *sqlx.Stmt `query:"get-session"`
	TouchSession        *sqlx.Stmt `query:"touch-session"`
	RevokeSession       *sqlx.Stmt `query:"revoke-session"`
	RevokeUserSessions  *sqlx.Stmt `query:"revoke-user-sessions"`
	DeleteEndedSessions *sqlx.Stmt `query:"delete-ended-sessions"`
	ListUserSessions    *sqlx.Stmt `query:"list-user-sessions"`
	InsertToken         *sqlx.Stmt `query:"insert-token"`
	GetToken            *sqlx.Stmt `query:"get-token"`
	ListUserTokens      *sqlx.Stmt `query:"list-user-tokens"`
	TouchToken          *sqlx.Stmt `query:"touch-token"`
	RevokeToken         *sqlx.Stmt `query:"revoke-token"`

	// audit.sql
	AdvanceAuditHead *sqlx.Stmt `query:"advance-audit-head"`
	SetAuditHeadHash *sqlx.Stmt `query:"set-audit-head-hash"`
	GetAuditHead     *sqlx.Stmt `query:"get-audit-head"`
	InsertAudit      *sqlx.Stmt `query:"insert-audit"`
	ScanAudit        *sqlx.Stmt `query:"scan-audit"`
	ListAudit        *sqlx.Stmt `query:"list-audit"`
}

// userRow is a user as read, with the password hash that stays in this package and the
// service.
type userRow struct {
	access.User
	PasswordHash string `db:"password_hash"`
}

// CreateUser adds a user with a password hash and grants, and the audit row of it, in one
// transaction. A login already taken is a Conflict naming the field.
func (db *DB) CreateUser(ctx context.Context, u access.User, passwordHash string, now time.Time, audit access.AuditEntry) (int64, error) {
	now = timestamp(now)
	var id int64
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if err := tx.StmtxContext(ctx, db.q.InsertUser).GetContext(ctx, &id, u.Login, u.Name, passwordHash, now, now, now); err != nil {
			return err
		}
		if err := db.insertGrants(ctx, tx, id, u.Grants); err != nil {
			return err
		}
		u.ID, u.CreatedAt = id, now
		audit.Object, audit.ObjectSHA256 = fmt.Sprintf("user:%d", id), access.ObjectHash(u)
		return db.appendAudit(ctx, tx, audit)
	})
	if isUniqueViolation(err) {
		e := apperr.InvalidFields(map[string]string{"login": msgLoginTaken})
		e.Code, e.Cause = apperr.Conflict, err
		return 0, e
	}
	return id, internal("create user", err)
}

func (db *DB) insertGrants(ctx context.Context, tx *sqlx.Tx, userID int64, grants []access.UserGrant) error {
	insert := tx.StmtxContext(ctx, db.q.InsertUserRole)
	seen := map[access.UserGrant]bool{}
	for _, g := range grants {
		if seen[g] {
			continue
		}
		seen[g] = true
		if _, err := insert.ExecContext(ctx, userID, g.Role, g.UnitID); err != nil {
			return err
		}
	}
	return nil
}

// UserByLogin returns the user with the (normalised) login and its password hash.
func (db *DB) UserByLogin(ctx context.Context, login string) (access.User, string, error) {
	return db.user(ctx, db.q.GetUserLogin, login)
}

// UserByID returns the user with the id and its password hash.
func (db *DB) UserByID(ctx context.Context, id int64) (access.User, string, error) {
	return db.user(ctx, db.q.GetUser, id)
}

func (db *DB) user(ctx context.Context, stmt *sqlx.Stmt, key any) (access.User, string, error) {
	var r userRow
	if err := db.get(ctx, stmt, &r, key); errors.Is(err, sql.ErrNoRows) {
		return access.User{}, "", apperr.New(apperr.NotFound, msgUserNotFound)
	} else if err != nil {
		return access.User{}, "", internal("get user", err)
	}
	r.Grants = []access.UserGrant{}
	if err := db.sel(ctx, db.q.ListUserRoles, &r.Grants, r.ID); err != nil {
		return access.User{}, "", internal("get user roles", err)
	}
	r.CreatedAt = r.CreatedAt.UTC()
	return r.User, r.PasswordHash, nil
}

// Users returns every user with their grants, by login.
func (db *DB) Users(ctx context.Context) ([]access.User, error) {
	users := []access.User{}
	if err := db.sel(ctx, db.q.ListUsers, &users); err != nil {
		return nil, internal("list users", err)
	}
	var grants []struct {
		UserID int64 `db:"user_id"`
		access.UserGrant
	}
	if err := db.sel(ctx, db.q.ListAllUserRoles, &grants); err != nil {
		return nil, internal("list user roles", err)
	}
	index := make(map[int64]int, len(users))
	for i := range users {
		users[i].Grants = []access.UserGrant{}
		users[i].CreatedAt = users[i].CreatedAt.UTC()
		index[users[i].ID] = i
	}
	for _, g := range grants {
		if i, ok := index[g.UserID]; ok {
			users[i].Grants = append(users[i].Grants, g.UserGrant)
		}
	}
	return users, nil
}

// UserCount returns how many users exist; 0 means the first admin is still to be created.
func (db *DB) UserCount(ctx context.Context) (int, error) {
	var n int
	if err := db.get(ctx, db.q.CountUsers, &n); err != nil {
		return 0, internal("count users", err)
	}
	return n, nil
}

// UpdateUser sets a user's name, disabled flag and grants (replacing them all) with the
// audit row. Disabling a user also ends every session they have.
func (db *DB) UpdateUser(ctx context.Context, u access.User, now time.Time, audit access.AuditEntry) error {
	now = timestamp(now)
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		disabled := 0
		if u.Disabled {
			disabled = 1
		}
		res, err := tx.StmtxContext(ctx, db.q.UpdateUser).ExecContext(ctx, u.Name, disabled, now, u.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, msgUserNotFound)
		}
		if _, err := tx.StmtxContext(ctx, db.q.DeleteUserRoles).ExecContext(ctx, u.ID); err != nil {
			return err
		}
		if err := db.insertGrants(ctx, tx, u.ID, u.Grants); err != nil {
			return err
		}
		if u.Disabled {
			if _, err := tx.StmtxContext(ctx, db.q.RevokeUserSessions).ExecContext(ctx, now, u.ID, 0); err != nil {
				return err
			}
		}
		audit.Object, audit.ObjectSHA256 = fmt.Sprintf("user:%d", u.ID), access.ObjectHash(u)
		return db.appendAudit(ctx, tx, audit)
	})
	return internal("update user", err)
}

// SetPassword stores a new password hash and ends every other session of the user (all of
// them when keepSession is 0), with the audit row: whoever knew the old password is
// signed out.
func (db *DB) SetPassword(ctx context.Context, userID int64, passwordHash string, keepSession int64, now time.Time, audit access.AuditEntry) error {
	now = timestamp(now)
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		res, err := tx.StmtxContext(ctx, db.q.SetPassword).ExecContext(ctx, passwordHash, now, now, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, msgUserNotFound)
		}
		if _, err := tx.StmtxContext(ctx, db.q.RevokeUserSessions).ExecContext(ctx, now, userID, keepSession); err != nil {
			return err
		}
		audit.Object = fmt.Sprintf("user:%d", userID)
		return db.appendAudit(ctx, tx, audit)
	})
	return internal("set password", err)
}

// LoginLock returns the consecutive failures of a login and until when it is locked (zero
// values when it has none).
func (db *DB) LoginLock(ctx context.Context, login string) (failures int, lockedUntil time.Time, err error) {
	var r struct {
		Failures    int       `db:"failures"`
		LockedUntil time.Time `db:"locked_until"`
	}
	if err := db.get(ctx, db.q.GetLoginFailures, &r, login); errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, nil
	} else if err != nil {
		return 0, time.Time{}, internal("get login failures", err)
	}
	return r.Failures, r.LockedUntil.UTC(), nil
}

// RecordLoginFailure counts one more failed sign-in of login, locks it for lockFor(n) from
// now, and appends the audit row, in one transaction. It returns the count and the end of
// the lock.
func (db *DB) RecordLoginFailure(ctx context.Context, login string, now time.Time, lockFor func(int) time.Duration, audit access.AuditEntry) (int, time.Time, error) {
	now = timestamp(now)
	var n int
	var until time.Time
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if err := tx.StmtxContext(ctx, db.q.RecordLoginFailure).GetContext(ctx, &n, login, now, now); err != nil {
			return err
		}
		until = now.Add(lockFor(n))
		if _, err := tx.StmtxContext(ctx, db.q.LockLogin).ExecContext(ctx, until, login); err != nil {
			return err
		}
		audit.Object = "login:" + login
		return db.appendAudit(ctx, tx, audit)
	})
	return n, until, internal("record login failure", err)
}

// ServerKey returns the secret stored under name, storing fresh first if there is none:
// the first server to start chooses it, and every server and restart after uses the same.
func (db *DB) ServerKey(ctx context.Context, name, fresh string) (string, error) {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		_, err := tx.StmtxContext(ctx, db.q.InsertServerKey).ExecContext(ctx, name, fresh, timestamp(time.Now()))
		return err
	})
	if err != nil {
		return "", internal("store server key", err)
	}
	var secret string
	if err := db.get(ctx, db.q.GetServerKey, &secret, name); err != nil {
		return "", internal("get server key", err)
	}
	return secret, nil
}

// isUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY constraint failure.
func isUniqueViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// grantsJSON encodes a token's narrowed grants; none is "".
func grantsJSON(grants []access.UserGrant) (string, error) {
	if len(grants) == 0 {
		return "", nil
	}
	b, err := json.Marshal(grants)
	return string(b), err
}
