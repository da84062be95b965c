package storage_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/storage"
)

// t0 is the fixed moment of the access tests.
var t0 = time.Date(2026, 3, 5, 3, 0, 0, 0, time.UTC)

func auditOf(action string) access.AuditEntry {
	return access.AuditEntry{At: t0, Login: "admin", Role: "admin@*", Action: action, RequestID: "req-1", ClientAddr: "127.0.0.1"}
}

func createUser(t *testing.T, db *storage.DB, login string, grants ...access.UserGrant) access.User {
	t.Helper()
	u := access.User{Login: login, Name: "Nguyễn Văn " + login, Grants: grants}
	id, err := db.CreateUser(context.Background(), u, "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$a2V5", t0, auditOf(access.ActUserCreate))
	if err != nil {
		t.Fatalf("CreateUser(%s): %v", login, err)
	}
	got, _, err := db.UserByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestUsers(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn)
		clerk := createUser(t, db, "vanthu.xa", access.UserGrant{Role: "secretariat", UnitID: "xa-a"})
		admin := createUser(t, db, "admin", access.UserGrant{Role: "admin", UnitID: access.Everywhere})

		t.Run("read back", func(t *testing.T) {
			u, hash, err := db.UserByLogin(ctx, "vanthu.xa")
			if err != nil {
				t.Fatal(err)
			}
			if u.ID != clerk.ID || u.Name != "Nguyễn Văn vanthu.xa" || u.Disabled || !u.CreatedAt.Equal(t0) ||
				len(u.Grants) != 1 || u.Grants[0] != (access.UserGrant{Role: "secretariat", UnitID: "xa-a"}) {
				t.Errorf("UserByLogin = %+v", u)
			}
			if !strings.HasPrefix(hash, "$argon2id$") {
				t.Errorf("hash = %q", hash)
			}
			users, err := db.Users(ctx)
			if err != nil || len(users) != 2 || users[0].Login != "admin" || users[0].Grants[0].UnitID != "" {
				t.Errorf("Users() = %+v, %v", users, err)
			}
			if n, err := db.UserCount(ctx); n != 2 || err != nil {
				t.Errorf("UserCount() = %d, %v", n, err)
			}
			if _, _, err := db.UserByLogin(ctx, "nobody"); apperr.CodeOf(err) != apperr.NotFound {
				t.Errorf("unknown login: %v", err)
			}
		})

		t.Run("login taken", func(t *testing.T) {
			_, err := db.CreateUser(ctx, access.User{Login: "admin"}, "h", t0, auditOf(access.ActUserCreate))
			if apperr.CodeOf(err) != apperr.Conflict || apperr.As(err).Fields["login"] == "" {
				t.Errorf("duplicate login: %v", err)
			}
		})

		t.Run("update replaces grants; disabling ends sessions", func(t *testing.T) {
			s := access.Session{UserID: clerk.ID, SecretHash: access.HashSecret("s-clerk"), CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(time.Hour)}
			if _, err := db.CreateSession(ctx, s, clerk.Login, auditOf(access.ActSignIn)); err != nil {
				t.Fatal(err)
			}
			u := clerk
			u.Grants = []access.UserGrant{{Role: "leader", UnitID: "ubnd-tinh"}, {Role: "unit", UnitID: "xa-a"}}
			u.Disabled = true
			if err := db.UpdateUser(ctx, u, t0.Add(time.Minute), auditOf(access.ActUserUpdate)); err != nil {
				t.Fatal(err)
			}
			got, _, _ := db.UserByID(ctx, clerk.ID)
			if !got.Disabled || len(got.Grants) != 2 || got.Grants[0].Role != "leader" {
				t.Errorf("after update: %+v", got)
			}
			sess, err := db.SessionBySecret(ctx, access.HashSecret("s-clerk"))
			if err != nil || sess.RevokedAt == nil {
				t.Errorf("session of a disabled user: %+v, %v", sess, err)
			}
			u.ID = 9999
			if err := db.UpdateUser(ctx, u, t0, auditOf(access.ActUserUpdate)); apperr.CodeOf(err) != apperr.NotFound {
				t.Errorf("update unknown user: %v", err)
			}
		})

		t.Run("password change ends the other sessions", func(t *testing.T) {
			var ids []int64
			for i := range 3 {
				s := access.Session{UserID: admin.ID, SecretHash: access.HashSecret(fmt.Sprint("s-admin-", i)), CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(time.Hour)}
				id, err := db.CreateSession(ctx, s, admin.Login, auditOf(access.ActSignIn))
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
			}
			if err := db.SetPassword(ctx, admin.ID, "$argon2id$new", ids[1], t0.Add(time.Minute), auditOf(access.ActPasswordChange)); err != nil {
				t.Fatal(err)
			}
			active, err := db.Sessions(ctx, admin.ID, t0)
			if err != nil || len(active) != 1 || active[0].ID != ids[1] {
				t.Errorf("sessions after password change = %+v, %v; want only %d", active, err, ids[1])
			}
			if _, hash, _ := db.UserByID(ctx, admin.ID); hash != "$argon2id$new" {
				t.Errorf("hash = %q", hash)
			}
		})
	})
}

func TestSessionsAndTokens(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn)
		u := createUser(t, db, "lanhdao", access.UserGrant{Role: "leader", UnitID: "ubnd-tinh"})
		other := createUser(t, db, "khac")

		secret, hash, err := access.NewSecret(access.SessionPrefix)
		if err != nil {
			t.Fatal(err)
		}
		s := access.Session{UserID: u.ID, SecretHash: hash, CreatedAt: t0, LastSeenAt: t0,
			ExpiresAt: t0.Add(access.MaxSessionAge), ClientAddr: "10.0.0.7", UserAgent: "Firefox"}
		id, err := db.CreateSession(ctx, s, u.Login, auditOf(access.ActSignIn))
		if err != nil {
			t.Fatal(err)
		}

		t.Run("session", func(t *testing.T) {
			got, err := db.SessionBySecret(ctx, access.HashSecret(secret))
			if err != nil || got.ID != id || got.UserID != u.ID || got.ClientAddr != "10.0.0.7" || !got.Active(t0.Add(time.Minute)) {
				t.Fatalf("SessionBySecret = %+v, %v", got, err)
			}
			if got.Active(t0.Add(access.IdleTimeout)) {
				t.Error("an idle session is active")
			}
			if err := db.TouchSession(ctx, id, t0.Add(access.IdleTimeout-time.Minute)); err != nil {
				t.Fatal(err)
			}
			got, _ = db.SessionBySecret(ctx, hash)
			if !got.Active(t0.Add(access.IdleTimeout + time.Minute)) {
				t.Error("touching did not keep the session alive")
			}
			if got.Active(t0.Add(access.MaxSessionAge)) {
				t.Error("a session past its absolute expiry is active")
			}
			if err := db.RevokeSession(ctx, id, t0.Add(2*time.Minute), auditOf(access.ActSignOut)); err != nil {
				t.Fatal(err)
			}
			got, _ = db.SessionBySecret(ctx, hash)
			if got.RevokedAt == nil || got.Active(t0.Add(3*time.Minute)) {
				t.Errorf("revoked session = %+v", got)
			}
			if _, err := db.SessionBySecret(ctx, access.HashSecret("forged")); apperr.CodeOf(err) != apperr.NotFound {
				t.Errorf("unknown session: %v", err)
			}
		})

		t.Run("tokens", func(t *testing.T) {
			secret, hash, _ := access.NewSecret(access.TokenPrefix)
			expires := t0.Add(24 * time.Hour)
			tok := access.Token{UserID: u.ID, Name: "báo cáo tự động", SecretHash: hash, CreatedAt: t0, ExpiresAt: &expires,
				Grants: []access.UserGrant{{Role: "leader", UnitID: "xa-a"}}}
			id, err := db.CreateToken(ctx, tok, auditOf(access.ActTokenCreate))
			if err != nil {
				t.Fatal(err)
			}
			got, err := db.TokenBySecret(ctx, access.HashSecret(secret))
			if err != nil || got.ID != id || got.Name != "báo cáo tự động" || len(got.Grants) != 1 ||
				got.Grants[0].UnitID != "xa-a" || got.ExpiresAt == nil || !got.ExpiresAt.Equal(expires) || !got.Active(t0) {
				t.Fatalf("TokenBySecret = %+v, %v", got, err)
			}
			if got.Active(expires) {
				t.Error("an expired token is active")
			}
			if err := db.TouchToken(ctx, id, t0.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			if err := db.RevokeToken(ctx, other.ID, id, t0, auditOf(access.ActTokenRevoke)); apperr.CodeOf(err) != apperr.NotFound {
				t.Errorf("revoking another user's token: %v", err)
			}
			if err := db.RevokeToken(ctx, u.ID, id, t0.Add(2*time.Minute), auditOf(access.ActTokenRevoke)); err != nil {
				t.Fatal(err)
			}
			list, err := db.Tokens(ctx, u.ID)
			if err != nil || len(list) != 1 || list[0].RevokedAt == nil || list[0].LastUsedAt == nil || list[0].Active(t0) {
				t.Errorf("Tokens() = %+v, %v", list, err)
			}
		})

		t.Run("server key is chosen once", func(t *testing.T) {
			k1, err := db.ServerKey(ctx, "session-signing", "first")
			if err != nil || k1 != "first" {
				t.Fatalf("ServerKey = %q, %v", k1, err)
			}
			if k2, _ := db.ServerKey(ctx, "session-signing", "second"); k2 != "first" {
				t.Errorf("second ServerKey = %q, want the first", k2)
			}
		})
	})
}

func TestLoginFailures(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn)
		u := createUser(t, db, "vanthu")
		var until time.Time
		for i := 1; i <= 5; i++ {
			n, u, err := db.RecordLoginFailure(ctx, "vanthu", t0, access.LockFor, auditOf(access.ActSignInFailed))
			if err != nil || n != i || !u.Equal(t0.Add(access.LockFor(i))) {
				t.Fatalf("failure %d: %d, %v, %v", i, n, u, err)
			}
			until = u
		}
		n, lockedUntil, err := db.LoginLock(ctx, "vanthu")
		if err != nil || n != 5 || !lockedUntil.Equal(until) || !until.Equal(t0.Add(2*time.Second)) {
			t.Errorf("LoginLock = %d, %v, %v", n, lockedUntil, err)
		}
		s := access.Session{UserID: u.ID, SecretHash: "h", CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(time.Hour)}
		if _, err := db.CreateSession(ctx, s, "vanthu", auditOf(access.ActSignIn)); err != nil {
			t.Fatal(err)
		}
		if n, _, _ := db.LoginLock(ctx, "vanthu"); n != 0 {
			t.Errorf("failures after a sign-in = %d, want 0", n)
		}
	})
}

func TestAuditLog(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn)
		createUser(t, db, "a")
		createUser(t, db, "b")

		t.Run("concurrent appends form one chain", func(t *testing.T) {
			var wg sync.WaitGroup
			errs := make(chan error, 40)
			for i := range 40 {
				wg.Go(func() {
					e := auditOf(access.ActSignOut)
					e.Login, e.At = fmt.Sprint("user-", i), t0.Add(time.Duration(i)*time.Second)
					errs <- db.AppendAudit(ctx, e)
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			n, err := db.VerifyAudit(ctx)
			if err != nil || n != 42 {
				t.Errorf("VerifyAudit = %d, %v; want 42 rows", n, err)
			}
		})

		t.Run("filter", func(t *testing.T) {
			rows, err := db.Audit(ctx, access.AuditFilter{Action: access.ActUserCreate})
			if err != nil || len(rows) != 2 || rows[0].Object != "user:2" || rows[1].Object != "user:1" || rows[0].ObjectSHA256 == "" {
				t.Fatalf("Audit(user.create) = %+v, %v", rows, err)
			}
			rows, _ = db.Audit(ctx, access.AuditFilter{Login: "user-7"})
			if len(rows) != 1 || !rows[0].At.Equal(t0.Add(7*time.Second)) {
				t.Errorf("Audit(login) = %+v", rows)
			}
			rows, _ = db.Audit(ctx, access.AuditFilter{From: t0.Add(10 * time.Second), To: t0.Add(20 * time.Second), Limit: 3})
			if len(rows) != 3 || rows[0].Seq < rows[1].Seq {
				t.Errorf("Audit(time range, limit 3) = %+v", rows)
			}
			page, _ := db.Audit(ctx, access.AuditFilter{Before: rows[2].Seq, Limit: 1})
			if len(page) != 1 || page[0].Seq != rows[2].Seq-1 {
				t.Errorf("Audit(before) = %+v", page)
			}
		})

		t.Run("the database refuses updates and deletes", func(t *testing.T) {
			raw := rawDB(t, dsn)
			for _, q := range []string{"UPDATE audit_log SET login = 'x' WHERE seq = 1", "DELETE FROM audit_log WHERE seq = 1"} {
				if _, err := raw.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
					t.Errorf("%s: %v", q, err)
				}
			}
		})

		t.Run("tampering behind the service is found", func(t *testing.T) {
			raw := rawDB(t, dsn)
			dropTriggers(t, raw, dsn)
			if _, err := raw.ExecContext(ctx, "UPDATE audit_log SET login = 'someone-else' WHERE seq = 5"); err != nil {
				t.Fatal(err)
			}
			_, err := db.VerifyAudit(ctx)
			if err == nil || !strings.Contains(err.Error(), "audit row 5:") {
				t.Errorf("VerifyAudit after an edit = %v, want row 5 named", err)
			}
		})
	})
}

func TestAuditDeletedRows(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn)
		for range 6 {
			if err := db.AppendAudit(ctx, auditOf(access.ActSignOut)); err != nil {
				t.Fatal(err)
			}
		}
		raw := rawDB(t, dsn)
		dropTriggers(t, raw, dsn)
		if _, err := raw.ExecContext(ctx, "DELETE FROM audit_log WHERE seq = 6"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.VerifyAudit(ctx); err == nil || !strings.Contains(err.Error(), "rows 6–6 were deleted") {
			t.Errorf("VerifyAudit after deleting the last row = %v", err)
		}
		if _, err := raw.ExecContext(ctx, "DELETE FROM audit_log WHERE seq = 3"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.VerifyAudit(ctx); err == nil || !strings.Contains(err.Error(), "audit row 4: expected row 3") {
			t.Errorf("VerifyAudit after deleting row 3 = %v", err)
		}
	})
}

// dropTriggers removes the append-only triggers, as someone with the database's own rights
// could: what remains to catch them is the hash chain.
func dropTriggers(t *testing.T, raw *sql.DB, dsn string) {
	t.Helper()
	stmts := []string{"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"}
	if strings.HasPrefix(dsn, "postgres") {
		stmts = []string{"DROP TRIGGER audit_log_no_change ON audit_log"}
	}
	for _, q := range stmts {
		if _, err := raw.ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}
