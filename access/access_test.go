package access_test

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/directory"
	"vanthu/templates"
)

func loadRoles(t testing.TB) *access.Roles {
	t.Helper()
	sub, err := fs.Sub(templates.Open(""), "roles")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := access.LoadRoles(sub)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func loadTree(t testing.TB) *directory.Tree {
	t.Helper()
	sub, err := fs.Sub(templates.Open(""), "directory")
	if err != nil {
		t.Fatal(err)
	}
	tree, err := directory.LoadTree(sub)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func TestLoadRoles(t *testing.T) {
	rs := loadRoles(t)
	want := map[string]access.Scope{"admin": access.ScopeSubtree, "secretariat": access.ScopeUnit,
		"inspector": access.ScopeSubtree, "unit": access.ScopeUnit, "leader": access.ScopeSubtree}
	if len(rs.List()) != len(want) {
		t.Fatalf("roles = %d, want %d", len(rs.List()), len(want))
	}
	for id, scope := range want {
		r, ok := rs.Role(id)
		if !ok {
			t.Fatalf("role %q missing", id)
		}
		if r.Scope != scope || r.Name == "" {
			t.Errorf("role %q: scope %q name %q", id, r.Scope, r.Name)
		}
	}
	admin, _ := rs.Role("admin")
	for _, p := range access.Permissions {
		if !admin.Has(p) {
			t.Errorf("admin lacks %s: the issue says admin may do everything below", p)
		}
	}
	leader, _ := rs.Role("leader")
	for _, p := range []access.Permission{access.DocumentIssue, access.DocumentDraft, access.RegisterWrite, access.DirectoryWrite} {
		if leader.Has(p) {
			t.Errorf("leader (read-only) has %s", p)
		}
	}
	if rs.Basis == "" {
		t.Error("roles carry no legal basis")
	}

	t.Run("broken files are refused with every problem", func(t *testing.T) {
		fsys := fstest.MapFS{"r.json": {Data: []byte(`{"roles": [
			{"id": "a", "name": "A", "scope": "galaxy", "permissions": ["document.issue", "document.isue"]},
			{"id": "a", "name": "A2", "scope": "unit", "permissions": []},
			{"id": "", "name": "B", "scope": "unit"}]}`)}}
		_, err := access.LoadRoles(fsys)
		if apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("err = %v, want Invalid", err)
		}
		for _, part := range []string{`"galaxy"`, `"document.isue"`, "bị trùng", "thứ 3 thiếu mã"} {
			if !strings.Contains(err.Error(), part) {
				t.Errorf("error %q does not mention %s", err, part)
			}
		}
	})
}

func TestCan(t *testing.T) {
	rs, tree := loadRoles(t), loadTree(t)
	grant := func(role, unit string) access.Grant {
		g, err := rs.Grant(role, unit)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	clerk := &access.Actor{UserID: 1, Grants: []access.Grant{grant("secretariat", "ubnd-xa-dong-tien")}}
	leader := &access.Actor{UserID: 2, Grants: []access.Grant{grant("leader", "tinh-thanh-hoa")}}
	admin := &access.Actor{UserID: 3, Grants: []access.Grant{grant("admin", access.Everywhere)}}
	communeAdmin := &access.Actor{UserID: 4, Grants: []access.Grant{grant("admin", "xa-dong-tien")}}
	both := &access.Actor{UserID: 5, Grants: []access.Grant{grant("unit", "thon-phu-luu"), grant("secretariat", "ubnd-xa-quang-phu")}}

	cases := []struct {
		name  string
		actor *access.Actor
		perm  access.Permission
		unit  string
		want  bool
	}{
		{"clerk issues for own unit", clerk, access.DocumentIssue, "ubnd-xa-dong-tien", true},
		{"clerk cannot issue for the province", clerk, access.DocumentIssue, "ubnd-tinh-thanh-hoa", false},
		{"clerk cannot issue for another commune", clerk, access.DocumentIssue, "ubnd-xa-quang-phu", false},
		{"unit scope does not reach below", clerk, access.DocumentIssue, "thon-phu-luu", false},
		{"clerk cannot replace the directory", clerk, access.DirectoryWrite, access.Everywhere, false},
		{"leader reads a commune's register below", leader, access.RegisterRead, "ubnd-xa-quang-phu", true},
		{"leader reads a village two levels below", leader, access.RegisterRead, "thon-tho-son", true},
		{"leader does not read the 2016 province", leader, access.RegisterRead, "ubnd-tinh-thanh-hoa-2016", false},
		{"leader does not issue", leader, access.DocumentIssue, "tinh-thanh-hoa", false},
		{"admin everywhere replaces the directory", admin, access.DirectoryWrite, access.Everywhere, true},
		{"admin everywhere issues anywhere", admin, access.DocumentIssue, "cuc-v11", true},
		{"commune admin issues in the commune", communeAdmin, access.DocumentIssue, "cong-an-xa-dong-tien", true},
		{"commune admin cannot replace the whole directory", communeAdmin, access.DirectoryWrite, access.Everywhere, false},
		{"commune admin cannot read the audit log of all", communeAdmin, access.AuditRead, access.Everywhere, false},
		{"two roles: unit role for the village", both, access.InspectionUpload, "thon-phu-luu", true},
		{"two roles: secretariat role elsewhere", both, access.DocumentIssue, "ubnd-xa-quang-phu", true},
		{"two roles do not mix", both, access.DocumentIssue, "thon-phu-luu", false},
		{"unknown unit", leader, access.RegisterRead, "nowhere", false},
		{"nobody", nil, access.FormRead, access.Everywhere, false},
		{"system", access.System("cli"), access.UserManage, access.Everywhere, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := access.Can(c.actor, c.perm, c.unit, tree); got != c.want {
				t.Errorf("Can(%s, %q) = %t, want %t", c.perm, c.unit, got, c.want)
			}
		})
	}

	t.Run("visible units", func(t *testing.T) {
		all, units := access.Visible(leader, access.RegisterRead, tree)
		if all || !units["tinh-thanh-hoa"] || !units["thon-tho-son"] || units["cuc-v11"] {
			t.Errorf("Visible(leader) = %t %v", all, units)
		}
		all, units = access.Visible(clerk, access.RegisterRead, tree)
		if all || len(units) != 1 || !units["ubnd-xa-dong-tien"] {
			t.Errorf("Visible(clerk) = %t %v", all, units)
		}
		if all, _ := access.Visible(admin, access.RegisterRead, tree); !all {
			t.Error("Visible(admin everywhere) is not all")
		}
	})

	t.Run("require: 401 without actor, 403 outside scope", func(t *testing.T) {
		ctx := context.Background()
		if err := access.Require(ctx, access.FormRead, access.Everywhere, tree); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Errorf("no actor: %v", err)
		}
		ctx = access.WithActor(ctx, clerk)
		if access.FromContext(ctx) != clerk {
			t.Fatal("actor not carried by the context")
		}
		err := access.Require(ctx, access.DocumentIssue, "ubnd-tinh-thanh-hoa", tree)
		if apperr.CodeOf(err) != apperr.Forbidden || !strings.Contains(err.Error(), "ban hành văn bản") ||
			!strings.Contains(err.Error(), "ubnd-tinh-thanh-hoa") {
			t.Errorf("out of scope: %v", err)
		}
		if err := access.Require(ctx, access.DocumentIssue, "ubnd-xa-dong-tien", tree); err != nil {
			t.Errorf("in scope: %v", err)
		}
	})

	t.Run("who", func(t *testing.T) {
		id, _, roles, unit := both.Who()
		if id != 5 || roles != "unit@thon-phu-luu secretariat@ubnd-xa-quang-phu" || unit != "thon-phu-luu" {
			t.Errorf("Who() = %d %q %q", id, roles, unit)
		}
		if _, _, roles, _ := admin.Who(); roles != "admin@*" {
			t.Errorf("Who(admin) roles = %q", roles)
		}
	})
}

// testParams are cheap argon2id costs for tests of the encoding, not of the costs.
var testParams = access.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestPassword(t *testing.T) {
	h, err := access.HashPassword("mật khẩu đủ dài", testParams)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q does not encode its parameters", h)
	}
	h2, _ := access.HashPassword("mật khẩu đủ dài", testParams)
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, c := range []struct {
		pw   string
		want bool
	}{{"mật khẩu đủ dài", true}, {"mật khẩu đủ dàI", false}, {"", false}} {
		ok, err := access.VerifyPassword(h, c.pw)
		if err != nil || ok != c.want {
			t.Errorf("VerifyPassword(%q) = %t, %v; want %t", c.pw, ok, err, c.want)
		}
	}
	if _, err := access.VerifyPassword("$2a$10$bcrypt", "x"); err == nil {
		t.Error("a foreign hash verified without error")
	}
	if access.NeedsRehash(h, testParams) || !access.NeedsRehash(h, access.DefaultPasswordParams) {
		t.Error("NeedsRehash does not compare parameters")
	}
	for pw, field := range map[string]bool{"ngắn": true, "nguyenvana": true, strings.Repeat("x", 300): true, "một câu dài đủ": false} {
		err := access.CheckPassword("nguyenvana", pw)
		if (err != nil) != field {
			t.Errorf("CheckPassword(%.20q) = %v", pw, err)
		}
		if err != nil && apperr.As(err).Fields["password"] == "" {
			t.Errorf("CheckPassword(%.20q) does not name the field", pw)
		}
	}
}

func TestSecrets(t *testing.T) {
	s1, h1, err := access.NewSecret(access.TokenPrefix)
	if err != nil {
		t.Fatal(err)
	}
	s2, _, _ := access.NewSecret(access.TokenPrefix)
	if s1 == s2 || !strings.HasPrefix(s1, "vt_") || len(s1) < 40 {
		t.Errorf("secrets %q %q", s1, s2)
	}
	if h1 != access.HashSecret(s1) || len(h1) != 64 || strings.Contains(h1, s1) {
		t.Errorf("hash %q", h1)
	}

	key := []byte("0123456789abcdef0123456789abcdef")
	signed := access.SignCookie(key, s1)
	if v, ok := access.VerifyCookie(key, signed); !ok || v != s1 {
		t.Errorf("VerifyCookie(signed) = %q, %t", v, ok)
	}
	for _, bad := range []string{s1, signed + "x", "x" + signed, "." + signed[strings.LastIndexByte(signed, '.')+1:]} {
		if _, ok := access.VerifyCookie(key, bad); ok {
			t.Errorf("VerifyCookie(%q) accepted", bad)
		}
	}
	if _, ok := access.VerifyCookie([]byte("another key......................"), signed); ok {
		t.Error("a cookie signed with another key was accepted")
	}
	c1, c2 := access.CSRFToken(key, s1), access.CSRFToken(key, s2)
	if c1 == c2 || !access.EqualToken(c1, access.CSRFToken(key, s1)) || access.EqualToken(c1, c2) {
		t.Error("CSRF tokens are not per session")
	}
}

func TestLockFor(t *testing.T) {
	want := map[int]time.Duration{0: 0, 1: 0, 3: 0, 4: time.Second, 5: 2 * time.Second, 6: 4 * time.Second,
		13: 512 * time.Second, 14: access.MaxLock, 100: access.MaxLock}
	for n, d := range want {
		if got := access.LockFor(n); got != d {
			t.Errorf("LockFor(%d) = %v, want %v", n, got, d)
		}
	}
}

func TestAuditChain(t *testing.T) {
	at := time.Date(2026, 3, 5, 3, 0, 0, 123456789, time.UTC)
	var rows []access.AuditEntry
	prevSeq, prevHash := int64(0), ""
	for i, action := range []string{access.ActSignIn, access.ActDocumentDraft, access.ActDocumentIssue, access.ActSignOut} {
		e := access.AuditEntry{At: at.Add(time.Duration(i) * time.Second), UserID: 7, Login: "vanthu.xa",
			Role: "secretariat@ubnd-xa-dong-tien", UnitID: "ubnd-xa-dong-tien", Action: action,
			Object: "document:1", RequestID: "r1", ClientAddr: "127.0.0.1"}
		e.Seal(prevSeq, prevHash)
		prevSeq, prevHash = e.Seq, e.Hash
		rows = append(rows, e)
	}
	verify := func(rows []access.AuditEntry, headSeq int64, headHash string) error {
		var v access.ChainVerifier
		for _, r := range rows {
			if err := v.Check(r); err != nil {
				return err
			}
		}
		return v.Finish(headSeq, headHash)
	}
	if err := verify(rows, 4, rows[3].Hash); err != nil {
		t.Fatalf("intact chain: %v", err)
	}
	if rows[0].At.Nanosecond()%1000 != 0 {
		t.Error("Seal kept nanoseconds the database does not store")
	}
	tamper := []struct {
		name string
		edit func([]access.AuditEntry) []access.AuditEntry
		head int64
		want string
	}{
		{"edited field", func(r []access.AuditEntry) []access.AuditEntry { r[1].Object = "document:2"; return r }, 4, "audit row 2: its fields"},
		{"edited and rehashed", func(r []access.AuditEntry) []access.AuditEntry {
			r[1].Login = "admin"
			r[1].Hash = r[1].ComputeHash()
			return r
		}, 4, "audit row 3: prev_hash"},
		{"deleted row", func(r []access.AuditEntry) []access.AuditEntry { return append(r[:1], r[2:]...) }, 4, "rows 2–2 are missing"},
		{"deleted tail", func(r []access.AuditEntry) []access.AuditEntry { return r[:3] }, 4, "rows 4–4 were deleted"},
	}
	for _, c := range tamper {
		t.Run(c.name, func(t *testing.T) {
			cp := append([]access.AuditEntry(nil), rows...)
			err := verify(c.edit(cp), c.head, rows[3].Hash)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("verify = %v, want %q", err, c.want)
			}
		})
	}
}

// BenchmarkSignInHash is the cost of one sign-in's password check with the default
// argon2id parameters: the CPU a sign-in (or a guess) costs the server.
func BenchmarkSignInHash(b *testing.B) {
	h, err := access.HashPassword("mật khẩu đủ dài", access.DefaultPasswordParams)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if ok, err := access.VerifyPassword(h, "mật khẩu đủ dài"); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}

// BenchmarkCan is the cost of the authorisation check on the issuing path.
func BenchmarkCan(b *testing.B) {
	rs, tree := loadRoles(b), loadTree(b)
	g, _ := rs.Grant("leader", "tinh-thanh-hoa")
	a := &access.Actor{Grants: []access.Grant{g}}
	b.ReportAllocs()
	for b.Loop() {
		if !access.Can(a, access.RegisterRead, "thon-tho-son", tree) {
			b.Fatal("refused")
		}
	}
}
