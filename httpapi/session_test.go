package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/internal/apptest"
	"vanthu/register"
)

func TestSessions(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			t.Parallel()
			a := apptest.Start(t, data, b.DSN(t))
			a.User(t, "vanthu.xa", "secretariat", scopedUnit)

			t.Run("only /healthz and sign-in are open", func(t *testing.T) {
				if res := apptest.Do(t, a.Anonymous, a.URL, "GET", "/healthz", nil); res.Status != 200 {
					t.Errorf("/healthz: %d", res.Status)
				}
				res := apptest.Do(t, a.Anonymous, a.URL, "GET", "/api/nowhere", nil)
				if res.Status != 401 || res.Header.Get("WWW-Authenticate") == "" {
					t.Errorf("unknown path, anonymous: %d %v (an anonymous caller learns nothing of the routes)", res.Status, res.Header)
				}
				for _, auth := range []string{"Bearer vt_forged", "Basic YWRtaW46YWRtaW4=", "Bearer " + a.AdminToken + "x"} {
					if res := apptest.Do(t, a.Anonymous, a.URL, "GET", "/api/forms", nil, "Authorization", auth); res.Status != 401 {
						t.Errorf("%.20s: %d", auth, res.Status)
					}
				}
			})

			t.Run("the cookie is HttpOnly, SameSite=Lax and server-side", func(t *testing.T) {
				res := apptest.Do(t, a.Anonymous, a.URL, "POST", "/api/session",
					strings.NewReader(`{"login":"VanThu.Xa","password":"`+apptest.Password+`"}`), "Content-Type", "application/json")
				if res.Status != 200 {
					t.Fatalf("sign-in: %d %s", res.Status, res.Body)
				}
				set := res.Header.Get("Set-Cookie")
				for _, attr := range []string{"vanthu_session=vts_", "HttpOnly", "SameSite=Lax", "Path=/"} {
					if !strings.Contains(set, attr) {
						t.Errorf("Set-Cookie %q lacks %s", set, attr)
					}
				}
				if strings.Contains(string(res.Body), "vts_") {
					t.Error("the session secret is in the body, where scripts can read it")
				}
			})

			t.Run("CSRF: a cookie alone does not change state", func(t *testing.T) {
				s := signIn(t, a, "vanthu.xa", apptest.Password)
				body := scopedSubmission(t)
				cases := []struct {
					name   string
					header []string
					want   int
				}{
					{"no token", []string{"Cookie", s.cookie}, 403},
					{"wrong token", []string{"Cookie", s.cookie, "X-CSRF-Token", s.csrf + "x"}, 403},
					{"another site's origin", []string{"Cookie", s.cookie, "X-CSRF-Token", s.csrf, "Origin", "https://evil.example"}, 403},
					{"token and own origin", []string{"Cookie", s.cookie, "X-CSRF-Token", s.csrf, "Origin", a.URL}, 201},
				}
				for _, c := range cases {
					res := apptest.Do(t, a.Anonymous, a.URL, "POST", "/api/documents", strings.NewReader(body),
						append([]string{"Content-Type", "application/json"}, c.header...)...)
					if res.Status != c.want {
						t.Errorf("%s: %d, want %d: %s", c.name, res.Status, c.want, apptest.Excerpt(res.Body))
					}
				}
				if res := apptest.Do(t, a.Anonymous, a.URL, "GET", "/api/documents?issuer="+scopedUnit, nil, "Cookie", s.cookie); res.Status != 200 {
					t.Errorf("a GET needs no CSRF token: %d", res.Status)
				}
			})

			t.Run("sessions end when idle and after 12 hours", func(t *testing.T) {
				a.User(t, "het.han", "leader", scopedParent)
				idle := signIn(t, a, "het.han", apptest.Password)
				kept := signIn(t, a, "het.han", apptest.Password)
				for range 6 { // kept is used every 110 minutes, idle never
					a.Advance(110 * time.Minute)
					if res := send(t, a, "GET", "/api/me", "", kept); res.Status != 200 {
						t.Fatalf("a session in use: %d", res.Status)
					}
				}
				if res := send(t, a, "GET", "/api/me", "", idle); res.Status != 401 {
					t.Errorf("a session idle for 11 hours: %d", res.Status)
				}
				a.Advance(110 * time.Minute) // 12 h 50 min after sign-in
				if res := send(t, a, "GET", "/api/me", "", kept); res.Status != 401 {
					t.Errorf("a session past 12 hours: %d", res.Status)
				}
			})

			t.Run("sign-out ends the session", func(t *testing.T) {
				s := signIn(t, a, "vanthu.xa", apptest.Password)
				if res := send(t, a, "DELETE", "/api/session", "", s); res.Status != 204 {
					t.Fatalf("sign-out: %d %s", res.Status, res.Body)
				}
				if res := send(t, a, "GET", "/api/me", "", s); res.Status != 401 {
					t.Errorf("the cookie after sign-out: %d", res.Status)
				}
			})

			t.Run("a password change ends the other sessions", func(t *testing.T) {
				a.User(t, "doi.mat.khau", "leader", scopedParent)
				here, there := signIn(t, a, "doi.mat.khau", apptest.Password), signIn(t, a, "doi.mat.khau", apptest.Password)
				res := send(t, a, "PUT", "/api/me/password", `{"current_password":"`+apptest.Password+`","new_password":"một mật khẩu mới"}`, here)
				if res.Status != 204 {
					t.Fatalf("change: %d %s", res.Status, res.Body)
				}
				if res := send(t, a, "GET", "/api/me", "", here); res.Status != 200 {
					t.Errorf("this session: %d", res.Status)
				}
				if res := send(t, a, "GET", "/api/me", "", there); res.Status != 401 {
					t.Errorf("the other session: %d", res.Status)
				}
				signIn(t, a, "doi.mat.khau", "một mật khẩu mới")
			})

			t.Run("lock-out after repeated failures", func(t *testing.T) {
				a.User(t, "bi.doan", "unit", scopedUnit)
				try := func(pw string) apptest.Response {
					return apptest.Do(t, a.Anonymous, a.URL, "POST", "/api/session",
						strings.NewReader(fmt.Sprintf(`{"login":"bi.doan","password":%q}`, pw)), "Content-Type", "application/json")
				}
				for i := range access.FreeFailures {
					if res := try("đoán sai nữa rồi"); res.Status != 401 || strings.Contains(string(res.Body), "thử lại sau") {
						t.Fatalf("failure %d: %d %s", i+1, res.Status, res.Body)
					}
				}
				if res := try("đoán sai nữa rồi"); res.Status != 401 || !strings.Contains(string(res.Body), "thử lại sau") {
					t.Errorf("failure %d: %d %s", access.FreeFailures+1, res.Status, res.Body)
				}
				// The test clock stands still: the lock does not run out, even for the right password.
				if res := try(apptest.Password); res.Status != 401 || !strings.Contains(string(res.Body), "thử lại sau") {
					t.Errorf("right password while locked: %d %s", res.Status, res.Body)
				}
				var rows []access.AuditEntry
				a.Do(t, "GET", "/api/audit?action="+access.ActSignInFailed+"&login=bi.doan", nil).JSON(t, &rows)
				if len(rows) != access.FreeFailures+2 {
					t.Errorf("audit rows of failed sign-ins = %d, want %d", len(rows), access.FreeFailures+2)
				}
			})

			t.Run("tokens: created once, listed without secret, revoked", func(t *testing.T) {
				s := signIn(t, a, "vanthu.xa", apptest.Password)
				res := send(t, a, "POST", "/api/tokens", `{"name":"máy in sổ","expires_in_days":30}`, s)
				if res.Status != 201 {
					t.Fatalf("create: %d %s", res.Status, res.Body)
				}
				var created struct {
					Token string       `json:"token"`
					Info  access.Token `json:"info"`
				}
				res.JSON(t, &created)
				if res := apptest.Do(t, a.Anonymous, a.URL, "GET", "/api/register", nil, "Authorization", "Bearer "+created.Token); res.Status != 200 {
					t.Errorf("the token: %d", res.Status)
				}
				list := send(t, a, "GET", "/api/tokens", "", s)
				if list.Status != 200 || strings.Contains(string(list.Body), created.Token) || !strings.Contains(string(list.Body), "máy in sổ") {
					t.Errorf("list: %d %s", list.Status, list.Body)
				}
				if res := send(t, a, "DELETE", fmt.Sprintf("/api/tokens/%d", created.Info.ID), "", s); res.Status != 204 {
					t.Errorf("revoke: %d %s", res.Status, res.Body)
				}
				if res := apptest.Do(t, a.Anonymous, a.URL, "GET", "/api/register", nil, "Authorization", "Bearer "+created.Token); res.Status != 401 {
					t.Errorf("the revoked token: %d", res.Status)
				}
			})
		})
	}
}

// TestIssueOutOfScope: a văn thư of one commune cannot issue in another's name, and the
// refusal comes before a number is taken: the next document the rightful issuer issues
// still gets number 1.
func TestIssueOutOfScope(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			t.Parallel()
			a := apptest.Start(t, data, b.DSN(t))
			other := a.User(t, "vanthu.quang.phu", "secretariat", otherUnit)
			own := a.User(t, "vanthu.dong.tien", "secretariat", scopedUnit)
			body := edit(t, scopedSubmission(t), func(m map[string]any) { m["issue"] = true })
			for range 3 {
				res := apptest.Do(t, a.Anonymous, a.URL, "POST", "/api/documents", strings.NewReader(body),
					"Content-Type", "application/json", "Authorization", "Bearer "+other)
				if res.Status != http.StatusForbidden || !strings.Contains(string(res.Body), scopedUnit) {
					t.Fatalf("out of scope: %d %s", res.Status, res.Body)
				}
			}
			res := apptest.Do(t, a.Anonymous, a.URL, "POST", "/api/documents", strings.NewReader(body),
				"Content-Type", "application/json", "Authorization", "Bearer "+own, "X-Request-ID", "so-1")
			if res.Status != http.StatusCreated {
				t.Fatalf("in scope: %d %s", res.Status, res.Body)
			}
			var d register.Document
			res.JSON(t, &d)
			if d.Number != 1 {
				t.Errorf("number = %d, want 1: the refused attempts took numbers", d.Number)
			}

			var rows []access.AuditEntry
			a.Do(t, "GET", "/api/audit?action="+access.ActDocumentIssue, nil).JSON(t, &rows)
			if len(rows) != 1 {
				t.Fatalf("audit rows of issuing = %d, want 1 (refusals change nothing)", len(rows))
			}
			r := rows[0]
			if r.Login != "vanthu.dong.tien" || r.Role != "secretariat@"+scopedUnit || r.RequestID != "so-1" ||
				r.Object != fmt.Sprintf("document:%d", d.ID) || r.ObjectSHA256 != d.SHA256 || r.ClientAddr == "" {
				raw, _ := json.Marshal(r)
				t.Errorf("audit row of the issue = %s; want the clerk, request so-1, the document and its file's SHA-256 %s", raw, d.SHA256)
			}
		})
	}
}
