package accounts_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/accounts"
	"vanthu/apperr"
	"vanthu/directory"
	"vanthu/storage"
	"vanthu/storage/storagetest"
	"vanthu/templates"
)

// clock is a settable clock for sessions that expire.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// cheap are argon2id costs that keep the tests fast; the costs themselves are measured by
// access.BenchmarkSignInHash.
var cheap = access.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

type env struct {
	svc   *accounts.Service
	db    *storage.DB
	clock *clock
	admin context.Context // acting as the admin of the whole organisation
}

func newEnv(t *testing.T, dsn string) *env {
	t.Helper()
	ctx := context.Background()
	data := templates.Open("")
	rolesFS, _ := fs.Sub(data, "roles")
	roles, err := access.LoadRoles(rolesFS)
	if err != nil {
		t.Fatal(err)
	}
	dirFS, _ := fs.Sub(data, "directory")
	tree, err := directory.LoadTree(dirFS)
	if err != nil {
		t.Fatal(err)
	}
	db := storagetest.MustOpen(t, dsn)
	c := &clock{t: time.Date(2026, 3, 5, 3, 0, 0, 0, time.UTC)}
	svc, err := accounts.New(ctx, accounts.Config{DB: db, Roles: roles, Tree: func() *directory.Tree { return tree },
		Now: c.now, Params: cheap})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{svc: svc, db: db, clock: c}
	sys := access.WithActor(ctx, access.System("test"))
	if _, err := svc.CreateUser(sys, accounts.NewUser{Login: "quantri", Name: "Quản trị viên", Password: "mật khẩu quản trị",
		Roles: []access.UserGrant{{Role: "admin"}}}); err != nil {
		t.Fatal(err)
	}
	e.admin = e.signIn(t, "quantri", "mật khẩu quản trị")
	return e
}

// signIn signs in and returns a context carrying the session's actor, as the HTTP
// middleware would build it from the cookie.
func (e *env) signIn(t *testing.T, login, password string) context.Context {
	t.Helper()
	ctx := access.WithRequest(context.Background(), access.Request{ID: "req-" + login, ClientAddr: "10.0.0.1"})
	in, err := e.svc.SignIn(ctx, login, password)
	if err != nil {
		t.Fatalf("SignIn(%s): %v", login, err)
	}
	a, csrf, err := e.svc.Session(ctx, in.Cookie)
	if err != nil {
		t.Fatalf("Session(%s): %v", login, err)
	}
	if csrf != in.CSRF {
		t.Errorf("the CSRF token of the session differs from the one given at sign-in")
	}
	return access.WithActor(context.WithValue(ctx, cookieKey{}, in.Cookie), a)
}

type cookieKey struct{}

func cookieOf(ctx context.Context) string { return ctx.Value(cookieKey{}).(string) }

func eachDatabase(t *testing.T, fn func(t *testing.T, e *env)) {
	for _, target := range []struct {
		name string
		dsn  func(testing.TB) string
	}{{"sqlite", storagetest.SQLiteDSN}, {"postgres", storagetest.PostgresDSN}} {
		t.Run(target.name, func(t *testing.T) {
			t.Parallel()
			fn(t, newEnv(t, target.dsn(t)))
		})
	}
}

func TestSignIn(t *testing.T) {
	eachDatabase(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		if _, err := e.svc.CreateUser(e.admin, accounts.NewUser{Login: "VanThu.Xa", Name: "Lê Thị Văn Thư", Password: "mật khẩu văn thư",
			Roles: []access.UserGrant{{Role: "secretariat", UnitID: "ubnd-xa-dong-tien"}}}); err != nil {
			t.Fatal(err)
		}

		t.Run("login is case-insensitive; the actor carries the grants", func(t *testing.T) {
			c := e.signIn(t, "vanthu.xa", "mật khẩu văn thư")
			a := access.FromContext(c)
			if a.Login != "vanthu.xa" || len(a.Grants) != 1 || a.Grants[0].Role.ID != "secretariat" || a.SessionID == 0 || a.Via != access.ViaSession {
				t.Errorf("actor = %+v", a)
			}
		})

		t.Run("wrong password and unknown login get the same answer", func(t *testing.T) {
			_, err1 := e.svc.SignIn(ctx, "vanthu.xa", "sai mật khẩu rồi")
			_, err2 := e.svc.SignIn(ctx, "khong.co.ai", "sai mật khẩu rồi")
			if apperr.CodeOf(err1) != apperr.Unauthenticated || apperr.As(err1).Message != apperr.As(err2).Message {
				t.Errorf("wrong password: %v; unknown login: %v", err1, err2)
			}
		})

		t.Run("lock-out after repeated failures, then a growing delay", func(t *testing.T) {
			for i := 0; i < access.FreeFailures; i++ {
				if _, err := e.svc.SignIn(ctx, "nan.nhan", "đoán thử lần nữa"); apperr.CodeOf(err) != apperr.Unauthenticated {
					t.Fatal(err)
				}
			}
			if _, err := e.svc.CreateUser(e.admin, accounts.NewUser{Login: "nan.nhan", Name: "Nạn Nhân", Password: "mật khẩu đúng đây",
				Roles: []access.UserGrant{{Role: "unit", UnitID: "thon-phu-luu"}}}); err != nil {
				t.Fatal(err)
			}
			_, err := e.svc.SignIn(ctx, "nan.nhan", "đoán thử lần nữa") // the 4th failure locks for 1 s
			if !strings.Contains(apperr.As(err).Message, "thử lại sau 1 giây") {
				t.Errorf("4th failure: %v", err)
			}
			_, err = e.svc.SignIn(ctx, "nan.nhan", "mật khẩu đúng đây")
			if apperr.CodeOf(err) != apperr.Unauthenticated || !strings.Contains(apperr.As(err).Message, "thử lại sau") {
				t.Errorf("right password while locked: %v", err)
			}
			e.clock.add(2 * time.Second)
			if _, err := e.svc.SignIn(ctx, "nan.nhan", "đoán thử lần nữa"); !strings.Contains(apperr.As(err).Message, "sau 2 giây") {
				t.Errorf("5th failure: %v", err)
			}
			e.clock.add(3 * time.Second)
			e.signIn(t, "nan.nhan", "mật khẩu đúng đây")
			if n, _, _ := e.db.LoginLock(ctx, "nan.nhan"); n != 0 {
				t.Errorf("failures after success = %d", n)
			}
		})

		t.Run("disabled user cannot sign in and loses sessions", func(t *testing.T) {
			c := e.signIn(t, "vanthu.xa", "mật khẩu văn thư")
			u := access.FromContext(c)
			if _, err := e.svc.UpdateUser(e.admin, u.UserID, accounts.UserUpdate{Name: "Lê Thị Văn Thư", Disabled: true,
				Roles: []access.UserGrant{{Role: "secretariat", UnitID: "ubnd-xa-dong-tien"}}}); err != nil {
				t.Fatal(err)
			}
			if _, _, err := e.svc.Session(ctx, cookieOf(c)); apperr.CodeOf(err) != apperr.Unauthenticated {
				t.Errorf("session of a disabled user: %v", err)
			}
			if _, err := e.svc.SignIn(ctx, "vanthu.xa", "mật khẩu văn thư"); apperr.CodeOf(err) != apperr.Unauthenticated {
				t.Errorf("sign-in of a disabled user: %v", err)
			}
		})
	})
}

func TestSessions(t *testing.T) {
	eachDatabase(t, func(t *testing.T, e *env) {
		ctx := context.Background()

		t.Run("forged and altered cookies", func(t *testing.T) {
			good := cookieOf(e.admin)
			for _, c := range []string{"", "vts_abc.def", good + "x", strings.Replace(good, "vts_", "vts_A", 1)} {
				if _, _, err := e.svc.Session(ctx, c); apperr.CodeOf(err) != apperr.Unauthenticated {
					t.Errorf("cookie %q: %v", c, err)
				}
			}
		})

		t.Run("sign-out ends the session server-side", func(t *testing.T) {
			c := e.signIn(t, "quantri", "mật khẩu quản trị")
			if err := e.svc.SignOut(c); err != nil {
				t.Fatal(err)
			}
			if _, _, err := e.svc.Session(ctx, cookieOf(c)); apperr.CodeOf(err) != apperr.Unauthenticated {
				t.Errorf("after sign-out: %v", err)
			}
		})

		t.Run("idle and absolute expiry", func(t *testing.T) {
			c := e.signIn(t, "quantri", "mật khẩu quản trị")
			for range 6 { // used every 110 minutes: never idle, until the 12 hours are up
				e.clock.add(110 * time.Minute)
				if _, _, err := e.svc.Session(ctx, cookieOf(c)); err != nil {
					t.Fatalf("session in use: %v", err)
				}
			}
			e.clock.add(110 * time.Minute) // 12 h 50 min after sign-in
			if _, _, err := e.svc.Session(ctx, cookieOf(c)); apperr.CodeOf(err) != apperr.Unauthenticated {
				t.Errorf("past the absolute expiry: %v", err)
			}
			c = e.signIn(t, "quantri", "mật khẩu quản trị")
			e.clock.add(access.IdleTimeout + time.Second)
			if _, _, err := e.svc.Session(ctx, cookieOf(c)); apperr.CodeOf(err) != apperr.Unauthenticated {
				t.Errorf("idle session: %v", err)
			}
		})

		t.Run("password change ends the other sessions", func(t *testing.T) {
			here := e.signIn(t, "quantri", "mật khẩu quản trị")
			there := e.signIn(t, "quantri", "mật khẩu quản trị")
			if err := e.svc.ChangePassword(here, "sai", "mật khẩu mới dài"); apperr.As(err).Fields["current_password"] == "" {
				t.Errorf("wrong current password: %v", err)
			}
			if err := e.svc.ChangePassword(here, "mật khẩu quản trị", "ngắn"); apperr.As(err).Fields["new_password"] == "" {
				t.Errorf("short new password: %v", err)
			}
			if err := e.svc.ChangePassword(here, "mật khẩu quản trị", "mật khẩu mới dài"); err != nil {
				t.Fatal(err)
			}
			if _, _, err := e.svc.Session(ctx, cookieOf(here)); err != nil {
				t.Errorf("the session that changed the password: %v", err)
			}
			if _, _, err := e.svc.Session(ctx, cookieOf(there)); apperr.CodeOf(err) != apperr.Unauthenticated {
				t.Errorf("the other session: %v", err)
			}
			if _, err := e.svc.SignIn(ctx, "quantri", "mật khẩu quản trị"); apperr.CodeOf(err) != apperr.Unauthenticated {
				t.Errorf("old password: %v", err)
			}
			e.signIn(t, "quantri", "mật khẩu mới dài")
		})
	})
}

func TestTokens(t *testing.T) {
	eachDatabase(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		if _, err := e.svc.CreateUser(e.admin, accounts.NewUser{Login: "lanhdao", Name: "Trần Văn Lãnh Đạo", Password: "mật khẩu lãnh đạo",
			Roles: []access.UserGrant{{Role: "leader", UnitID: "tinh-thanh-hoa"}}}); err != nil {
			t.Fatal(err)
		}
		leader := e.signIn(t, "lanhdao", "mật khẩu lãnh đạo")

		wide, err := e.svc.CreateToken(leader, accounts.NewToken{Name: "bảng tổng hợp"})
		if err != nil {
			t.Fatal(err)
		}
		narrow, err := e.svc.CreateToken(leader, accounts.NewToken{Name: "một xã",
			Roles: []access.UserGrant{{Role: "leader", UnitID: "xa-dong-tien"}}})
		if err != nil {
			t.Fatal(err)
		}

		t.Run("a token acts with its owner's scope or narrower", func(t *testing.T) {
			a, err := e.svc.Token(ctx, wide.Secret)
			if err != nil || a.Via != access.ViaToken || a.TokenID != wide.Token.ID || len(a.Grants) != 1 || a.Grants[0].UnitID != "tinh-thanh-hoa" {
				t.Fatalf("wide token: %+v, %v", a, err)
			}
			a, err = e.svc.Token(ctx, narrow.Secret)
			if err != nil || len(a.Grants) != 1 || a.Grants[0].UnitID != "xa-dong-tien" {
				t.Fatalf("narrow token: %+v, %v", a, err)
			}
		})

		t.Run("wider than the owner is refused", func(t *testing.T) {
			for _, g := range []access.UserGrant{{Role: "leader", UnitID: "tinh-thanh-hoa-2016"}, {Role: "admin", UnitID: "xa-dong-tien"}, {Role: "leader"}} {
				if _, err := e.svc.CreateToken(leader, accounts.NewToken{Name: "rộng", Roles: []access.UserGrant{g}}); apperr.As(err).Fields["roles"] == "" {
					t.Errorf("token with %+v: %v", g, err)
				}
			}
		})

		t.Run("a token cannot make tokens", func(t *testing.T) {
			a, _ := e.svc.Token(ctx, wide.Secret)
			if _, err := e.svc.CreateToken(access.WithActor(ctx, a), accounts.NewToken{Name: "con"}); apperr.CodeOf(err) != apperr.Forbidden {
				t.Errorf("token making a token: %v", err)
			}
		})

		t.Run("expiry and revocation", func(t *testing.T) {
			short, err := e.svc.CreateToken(leader, accounts.NewToken{Name: "một ngày", ExpiresInDays: 1})
			if err != nil {
				t.Fatal(err)
			}
			if err := e.svc.RevokeToken(leader, narrow.Token.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := e.svc.Token(ctx, narrow.Secret); apperr.CodeOf(err) != apperr.Unauthenticated {
				t.Errorf("revoked token: %v", err)
			}
			if err := e.svc.RevokeToken(e.admin, wide.Token.ID); apperr.CodeOf(err) != apperr.NotFound {
				t.Errorf("revoking another user's token: %v", err)
			}
			list, err := e.svc.Tokens(leader)
			if err != nil || len(list) != 3 {
				t.Errorf("Tokens = %+v, %v", list, err)
			}
			e.clock.add(25 * time.Hour)
			if _, err := e.svc.Token(ctx, short.Secret); apperr.CodeOf(err) != apperr.Unauthenticated {
				t.Errorf("expired token: %v", err)
			}
			if _, err := e.svc.Token(ctx, "vt_not-a-token"); apperr.CodeOf(err) != apperr.Unauthenticated {
				t.Errorf("unknown token: %v", err)
			}
		})
	})
}

func TestUserAdministration(t *testing.T) {
	eachDatabase(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		if _, err := e.svc.CreateUser(e.admin, accounts.NewUser{Login: "qt.xa", Name: "Quản trị xã", Password: "mật khẩu quản trị xã",
			Roles: []access.UserGrant{{Role: "admin", UnitID: "xa-dong-tien"}}}); err != nil {
			t.Fatal(err)
		}
		communeAdmin := e.signIn(t, "qt.xa", "mật khẩu quản trị xã")

		t.Run("a commune admin manages inside the commune only", func(t *testing.T) {
			if _, err := e.svc.CreateUser(communeAdmin, accounts.NewUser{Login: "vt.thon", Name: "Văn thư thôn", Password: "mật khẩu văn thư thôn",
				Roles: []access.UserGrant{{Role: "secretariat", UnitID: "ubnd-xa-dong-tien"}}}); err != nil {
				t.Errorf("inside: %v", err)
			}
			for _, g := range []access.UserGrant{{Role: "admin", UnitID: "tinh-thanh-hoa"}, {Role: "admin"}} {
				_, err := e.svc.CreateUser(communeAdmin, accounts.NewUser{Login: "leo.thang", Name: "Leo Thang", Password: "mật khẩu leo thang",
					Roles: []access.UserGrant{g}})
				if apperr.CodeOf(err) != apperr.Forbidden {
					t.Errorf("grant %+v: %v", g, err)
				}
			}
			users, err := e.svc.Users(communeAdmin)
			if err != nil || len(users) != 2 { // itself and the clerk, not the province admin
				t.Errorf("Users(commune admin) = %+v, %v", users, err)
			}
			all, _ := e.svc.Users(e.admin)
			if len(all) != 3 {
				t.Errorf("Users(admin) = %d users", len(all))
			}
		})

		t.Run("validation names the fields", func(t *testing.T) {
			_, err := e.svc.CreateUser(e.admin, accounts.NewUser{Login: "a b", Password: "ngắn", Roles: []access.UserGrant{{Role: "unit", UnitID: "xa-dong-tien"}}})
			f := apperr.As(err).Fields
			if f["login"] == "" || f["name"] == "" || f["password"] == "" {
				t.Errorf("fields = %v", f)
			}
			_, err = e.svc.CreateUser(e.admin, accounts.NewUser{Login: "ok.user", Name: "Ok", Password: "mật khẩu đủ dài",
				Roles: []access.UserGrant{{Role: "unit", UnitID: "khong-co"}}})
			if apperr.As(err).Fields["roles"] == "" {
				t.Errorf("unknown unit: %v", err)
			}
			_, err = e.svc.CreateUser(e.admin, accounts.NewUser{Login: "quantri", Name: "Trùng", Password: "mật khẩu đủ dài",
				Roles: []access.UserGrant{{Role: "unit", UnitID: "xa-dong-tien"}}})
			if apperr.CodeOf(err) != apperr.Conflict {
				t.Errorf("login taken: %v", err)
			}
		})

		t.Run("non-admins are refused", func(t *testing.T) {
			clerk := e.signIn(t, "vt.thon", "mật khẩu văn thư thôn")
			if _, err := e.svc.Users(clerk); apperr.CodeOf(err) != apperr.Forbidden {
				t.Errorf("Users(clerk): %v", err)
			}
			if _, err := e.svc.Audit(communeAdmin, access.AuditFilter{}); apperr.CodeOf(err) != apperr.Forbidden {
				t.Errorf("Audit(commune admin): %v", err)
			}
			if _, err := e.svc.Users(ctx); apperr.CodeOf(err) != apperr.Unauthenticated {
				t.Errorf("Users(nobody): %v", err)
			}
		})

		t.Run("every change is in the audit log, and the chain holds", func(t *testing.T) {
			rows, err := e.svc.Audit(e.admin, access.AuditFilter{Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			count := map[string]int{}
			for _, r := range rows {
				count[r.Action]++
			}
			if count[access.ActUserCreate] != 3 || count[access.ActSignIn] != 3 || count[access.ActSignInFailed] != 0 {
				t.Errorf("audit actions = %v", count)
			}
			last := rows[0]
			if last.Action != access.ActSignIn || last.Login != "vt.thon" || last.RequestID != "req-vt.thon" || last.ClientAddr != "10.0.0.1" {
				t.Errorf("last row = %+v", last)
			}
			var buf bytes.Buffer
			if err := e.svc.AuditCSV(e.admin, access.AuditFilter{}, &buf); err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
			if err != nil || len(recs) != len(rows)+1 || recs[0][1] != "Thời điểm (UTC)" {
				t.Errorf("CSV: %d records, %v", len(recs), err)
			}
			if n, err := e.svc.VerifyAudit(e.admin); err != nil || n != int64(len(rows)) {
				t.Errorf("VerifyAudit = %d, %v", n, err)
			}
		})
	})
}

// TestCacheAcrossProcesses: a token revoked through another server process on the same
// database stops working here within the cache's lifetime; revoked through this process,
// at once.
func TestCacheAcrossProcesses(t *testing.T) {
	eachDatabase(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		tok, err := e.svc.CreateToken(e.admin, accounts.NewToken{Name: "hai tiến trình"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Token(ctx, tok.Secret); err != nil {
			t.Fatal(err)
		}
		other, err := accounts.New(ctx, accounts.Config{DB: e.db, Roles: e.svc.Roles(),
			Tree: func() *directory.Tree { return nil }, Now: e.clock.now, Params: cheap})
		if err != nil {
			t.Fatal(err)
		}
		if err := other.RevokeToken(e.admin, tok.Token.ID); err != nil {
			t.Fatal(err)
		}
		e.clock.add(3 * time.Second)
		if _, err := e.svc.Token(ctx, tok.Secret); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Errorf("revoked elsewhere, after the cache's lifetime: %v", err)
		}

		tok2, _ := e.svc.CreateToken(e.admin, accounts.NewToken{Name: "một tiến trình"})
		if _, err := e.svc.Token(ctx, tok2.Secret); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.RevokeToken(e.admin, tok2.Token.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Token(ctx, tok2.Secret); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Errorf("revoked here: %v", err)
		}
	})
}

// BenchmarkSignIn is a whole sign-in on SQLite with the default argon2id costs: the
// password check, the new session and its audit row.
func BenchmarkSignIn(b *testing.B) {
	ctx := context.Background()
	data := templates.Open("")
	rolesFS, _ := fs.Sub(data, "roles")
	roles, err := access.LoadRoles(rolesFS)
	if err != nil {
		b.Fatal(err)
	}
	dirFS, _ := fs.Sub(data, "directory")
	tree, err := directory.LoadTree(dirFS)
	if err != nil {
		b.Fatal(err)
	}
	db := storagetest.MustOpen(b, storagetest.SQLiteDSN(b))
	svc, err := accounts.New(ctx, accounts.Config{DB: db, Roles: roles, Tree: func() *directory.Tree { return tree }})
	if err != nil {
		b.Fatal(err)
	}
	sys := access.WithActor(ctx, access.System("bench"))
	if _, err := svc.CreateUser(sys, accounts.NewUser{Login: "vanthu", Name: "Văn thư", Password: "mật khẩu văn thư",
		Roles: []access.UserGrant{{Role: "secretariat", UnitID: "ubnd-xa-dong-tien"}}}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.SignIn(ctx, "vanthu", "mật khẩu văn thư"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestForgetEnded: ended sessions are kept KeepEndedSessions, failed logins
// KeepLoginFailures, then deleted; a recent failure stays.
func TestForgetEnded(t *testing.T) {
	eachDatabase(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		live := e.signIn(t, "quantri", "mật khẩu quản trị")
		out := e.signIn(t, "quantri", "mật khẩu quản trị")
		if err := e.svc.SignOut(out); err != nil {
			t.Fatal(err)
		}
		for _, login := range []string{"khong-co-ai", "=cmd|' /C calc'!A0", "quantri\u200b"} {
			if _, err := e.svc.SignIn(ctx, login, "đoán bừa"); apperr.CodeOf(err) != apperr.Unauthenticated {
				t.Fatalf("a wrong sign-in as %q: %v", login, err)
			}
		}
		if n, err := e.svc.ForgetEnded(ctx); err != nil || n != 0 {
			t.Errorf("at once: %d deleted, %v; want none", n, err)
		}

		// Past what is kept: the sessions have all ended (12 hours at most), long enough ago.
		e.clock.add(accounts.KeepEndedSessions + 13*time.Hour)
		if _, _, err := e.svc.Session(ctx, cookieOf(live)); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Fatalf("a session alive after %v: %v", accounts.KeepEndedSessions, err)
		}
		if _, err := e.svc.SignIn(ctx, "lan-nay-moi", "đoán bừa"); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Fatal(err)
		}
		n, err := e.svc.ForgetEnded(ctx)
		// newEnv's session, live's and out's, and the three old failed logins; the failure
		// just now stays.
		if err != nil || n != 3+3 {
			t.Errorf("after %v: %d deleted, %v; want 6", accounts.KeepEndedSessions, n, err)
		}
		if n, _ := e.svc.ForgetEnded(ctx); n != 0 {
			t.Errorf("again: %d deleted", n)
		}
		e.signIn(t, "quantri", "mật khẩu quản trị")
	})
}
