package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/httpapi"
	"vanthu/internal/apptest"
	"vanthu/register"
)

// The access matrix: every route of the router × every role × in scope and out of scope,
// through the real router on each database. The rules below say, for each route, which
// permission it needs and on what; the matrix is generated from the router's own route
// list (httpapi.Routes), so a route added without a rule here fails TestAccessMatrix.

// scopedUnit is the unit the matrix's documents belong to; otherUnit is one outside
// every in-scope grant.
const (
	scopedUnit   = "ubnd-xa-dong-tien"
	scopedParent = "xa-dong-tien" // where subtree roles are granted in scope
	otherUnit    = "ubnd-xa-quang-phu"
	otherParent  = "xa-quang-phu"
	scopedForm   = "examples/forms/quyet-dinh-thanh-lap-to-bao-ve-antt.json" // issued by scopedUnit
)

// target says what a route's permission is checked on.
type target int

const (
	onSelf       target = iota // the signed-in user's own things: any actor
	onAnyUnit                  // a list or catalogue: the permission held anywhere (lists are filtered)
	onScopedUnit               // something of scopedUnit: the permission over scopedUnit
	onEverything               // the whole organisation: the permission granted Everywhere
	openRoute                  // no actor needed
)

// rule is the access rule of one route, and how the matrix calls it.
type rule struct {
	perm   access.Permission
	target target
	// request returns the path (with ids filled) and the body of a call.
	request func(f *fixture) (path, body string)
	// hides: a refused caller gets 404 rather than 403, so the object's existence is not
	// revealed (a user outside the admin's scope).
	hides bool
	// page is a web page: an anonymous caller is sent to the sign-in page (303).
	page bool
	// unavailable: an allowed caller may get 503, as the matrix's server has no LibreOffice
	// (the PDF routes); a refused one still gets 403.
	unavailable bool
	// leak is text that must not appear in the answer of a caller out of scope who is
	// allowed the list (the scoped unit's documents, register lines, users).
	leak string
}

// fixture holds the ids the requests use.
type fixture struct {
	sub            string // a submission issued by scopedUnit
	form           string // its form
	draftToEdit    int64
	draftToIssue   int64
	issued         int64
	scopedUserID   int64 // a user whose only role is in scopedUnit
	unitsCSV       string
	groupsCSV      string
	seq            int
	createdUserIDs []int64
	cycle          *cycleFixture // the recognition cycle's and the records' (access_cycle_test.go)
}

func path(p string) func(*fixture) (string, string) {
	return func(*fixture) (string, string) { return p, "" }
}

var rules = map[string]rule{
	"GET /healthz":      {target: openRoute},
	"POST /api/session": {target: openRoute},

	"DELETE /api/session": {target: onSelf, request: path("/api/session")},
	"GET /api/me":         {target: onSelf, request: path("/api/me")},
	"PUT /api/me/password": {target: onSelf, request: func(*fixture) (string, string) {
		return "/api/me/password", `{"current_password":"không đúng","new_password":"mật khẩu mới đủ dài"}`
	}},
	"GET /api/tokens":        {target: onSelf, request: path("/api/tokens")},
	"POST /api/tokens":       {target: onSelf, request: func(*fixture) (string, string) { return "/api/tokens", `{"name":"ma trận"}` }},
	"DELETE /api/tokens/:id": {target: onSelf, request: path("/api/tokens/999999")},

	"GET /api/roles": {perm: access.UserManage, target: onAnyUnit, request: path("/api/roles")},
	"GET /api/users": {perm: access.UserManage, target: onAnyUnit, request: path("/api/users"), leak: `"unit_id":"` + scopedUnit + `"`},
	"POST /api/users": {perm: access.UserManage, target: onScopedUnit, request: func(f *fixture) (string, string) {
		f.seq++
		return "/api/users", fmt.Sprintf(`{"login":"moi.%d","name":"Người mới","password":%q,"roles":[{"role":"unit","unit_id":%q}]}`,
			f.seq, apptest.Password, scopedUnit)
	}},
	"GET /api/users/:id": {perm: access.UserManage, target: onScopedUnit, hides: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/users/%d", f.scopedUserID), ""
	}},
	"PUT /api/users/:id": {perm: access.UserManage, target: onScopedUnit, hides: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/users/%d", f.scopedUserID),
			fmt.Sprintf(`{"name":"Văn thư xã","roles":[{"role":"secretariat","unit_id":%q}]}`, scopedUnit)
	}},
	"GET /api/audit":     {perm: access.AuditRead, target: onEverything, request: path("/api/audit")},
	"GET /api/audit.csv": {perm: access.AuditRead, target: onEverything, request: path("/api/audit.csv")},

	"GET /api/forms":                {perm: access.FormRead, target: onAnyUnit, request: path("/api/forms")},
	"GET /api/forms/:id":            {perm: access.FormRead, target: onAnyUnit, request: path("/api/forms/cong-van")},
	"GET /api/forms/:id/blank.docx": {perm: access.TemplateRead, target: onAnyUnit, request: path("/api/forms/cong-van/blank.docx")},

	"GET /api/units":     {perm: access.DirectoryRead, target: onAnyUnit, request: path("/api/units")},
	"GET /api/units/:id": {perm: access.DirectoryRead, target: onAnyUnit, request: path("/api/units/" + scopedUnit)},
	// The scoped unit's names as they are: the edit changes nothing the other routes read.
	"PUT /api/units/:id": {perm: access.DirectoryWrite, target: onScopedUnit, request: func(*fixture) (string, string) {
		return "/api/units/" + scopedUnit, `{"name":"Ủy ban nhân dân xã Đông Tiến","short_name":"UBND","label":"UBND xã Đông Tiến","head_title":"Chủ tịch","place":"Đông Tiến"}`
	}},
	"GET /api/groups":               {perm: access.DirectoryRead, target: onAnyUnit, request: path("/api/groups")},
	"GET /api/directory/units.csv":  {perm: access.DirectoryRead, target: onAnyUnit, request: path("/api/directory/units.csv")},
	"GET /api/directory/groups.csv": {perm: access.DirectoryRead, target: onAnyUnit, request: path("/api/directory/groups.csv")},
	"GET /api/routing":              {perm: access.DirectoryRead, target: onAnyUnit, request: path("/api/routing")},
	"PUT /api/directory/units.csv": {perm: access.DirectoryWrite, target: onEverything, request: func(f *fixture) (string, string) {
		return "/api/directory/units.csv", f.unitsCSV
	}},
	"PUT /api/directory/groups.csv": {perm: access.DirectoryWrite, target: onEverything, request: func(f *fixture) (string, string) {
		return "/api/directory/groups.csv", f.groupsCSV
	}},

	"POST /api/route":     {perm: access.DocumentDraft, target: onScopedUnit, request: func(f *fixture) (string, string) { return "/api/route", f.sub }},
	"POST /api/preview":   {perm: access.DocumentPreview, target: onScopedUnit, request: func(f *fixture) (string, string) { return "/api/preview", f.sub }},
	"POST /api/documents": {perm: access.DocumentDraft, target: onScopedUnit, request: func(f *fixture) (string, string) { return "/api/documents", f.sub }},
	"GET /api/documents":  {perm: access.DocumentRead, target: onAnyUnit, request: path("/api/documents"), leak: `"issuer_id":"` + scopedUnit + `"`},
	"GET /api/documents/:id": {perm: access.DocumentRead, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/documents/%d", f.issued), ""
	}},
	"PUT /api/documents/:id": {perm: access.DocumentDraft, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/documents/%d", f.draftToEdit), f.sub
	}},
	"GET /api/documents/:id/docx": {perm: access.DocumentRead, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/documents/%d/docx", f.issued), ""
	}},
	"POST /api/documents/:id/issue": {perm: access.DocumentIssue, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/documents/%d/issue", f.draftToIssue), ""
	}},
	"POST /api/documents/:id/corrections": {perm: access.DocumentCorrect, target: onScopedUnit, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/documents/%d/corrections", f.issued), f.sub
	}},

	"POST /api/preview.pdf": {perm: access.DocumentPreview, target: onScopedUnit, unavailable: true,
		request: func(f *fixture) (string, string) { return "/api/preview.pdf", f.sub }},
	"GET /api/documents/:id/pdf": {perm: access.DocumentRead, target: onScopedUnit, unavailable: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/api/documents/%d/pdf", f.issued), ""
	}},
	"POST /api/jobs/pdf": {perm: access.DocumentRead, target: onScopedUnit, unavailable: true, request: func(f *fixture) (string, string) {
		return "/api/jobs/pdf", fmt.Sprintf(`{"ids":[%d]}`, f.issued)
	}},
	// A job is its owner's (or an admin's of the whole organisation): an unknown one is
	// 404 to everyone, which the jobs tests check for a real one.
	"GET /api/jobs/:id":         {target: onSelf, request: path("/api/jobs/999999")},
	"GET /api/jobs/:id/result":  {target: onSelf, request: path("/api/jobs/999999/result")},
	"POST /api/jobs/:id/cancel": {target: onSelf, request: path("/api/jobs/999999/cancel")},

	"GET /api/register":      {perm: access.RegisterRead, target: onAnyUnit, request: path("/api/register"), leak: `"issuer_id":"` + scopedUnit + `"`},
	"GET /api/register.csv":  {perm: access.RegisterExport, target: onAnyUnit, request: path("/api/register.csv"), leak: "/QĐ-UBND"},
	"GET /api/register.xlsx": {perm: access.RegisterExport, target: onAnyUnit, request: path("/api/register.xlsx")},
	// The register of secret documents (Decree 30, art. 15.2); its exports also need register.export.
	"GET /api/register/secret":      {perm: access.RegisterSecretRead, target: onAnyUnit, request: path("/api/register/secret")},
	"GET /api/register/secret.csv":  {perm: access.RegisterSecretRead, target: onAnyUnit, request: path("/api/register/secret.csv")},
	"GET /api/register/secret.xlsx": {perm: access.RegisterSecretRead, target: onAnyUnit, request: path("/api/register/secret.xlsx")},

	// The web pages (package web): the same services, so the same permissions; anonymous
	// callers are sent to the sign-in page rather than answered 401.
	"GET /dang-nhap":         {target: openRoute},
	"POST /dang-nhap":        {target: openRoute},
	"GET /static/*filepath":  {target: openRoute},
	"POST /dang-xuat":        {target: onSelf, page: true, request: path("/dang-xuat")},
	"GET /":                  {target: onSelf, page: true, request: path("/")},
	"GET /van-ban/moi":       {perm: access.FormRead, target: onAnyUnit, page: true, request: path("/van-ban/moi")},
	"GET /van-ban/moi/:form": {perm: access.FormRead, target: onAnyUnit, page: true, request: path("/van-ban/moi/cong-van")},
	"GET /mau-trong":         {perm: access.FormRead, target: onAnyUnit, page: true, request: path("/mau-trong")},
	"GET /so-dang-ky":        {perm: access.RegisterRead, target: onAnyUnit, page: true, request: path("/so-dang-ky"), leak: "/QĐ-UBND"},
	"POST /van-ban/moi/:form": {perm: access.DocumentDraft, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return "/van-ban/moi/" + f.form, pageForm(f.sub, "route")
	}},
	"GET /van-ban/:id": {perm: access.DocumentRead, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/van-ban/%d", f.issued), ""
	}},
	"GET /van-ban/:id/pdf": {perm: access.DocumentRead, target: onScopedUnit, page: true, unavailable: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/van-ban/%d/pdf", f.issued), ""
	}},
	"GET /van-ban/:id/dinh-chinh": {perm: access.DocumentCorrect, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/van-ban/%d/dinh-chinh", f.issued), ""
	}},
	"POST /van-ban/:id/dinh-chinh": {perm: access.DocumentCorrect, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/van-ban/%d/dinh-chinh", f.issued), pageForm(f.sub, "route")
	}},
	"GET /quan-tri/nguoi-dung":     {perm: access.UserManage, target: onAnyUnit, page: true, request: path("/quan-tri/nguoi-dung"), leak: "Ủy ban nhân dân xã Đông Tiến)"},
	"GET /quan-tri/nguoi-dung/moi": {perm: access.UserManage, target: onAnyUnit, page: true, request: path("/quan-tri/nguoi-dung/moi")},
	"POST /quan-tri/nguoi-dung/moi": {perm: access.UserManage, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		f.seq++
		return "/quan-tri/nguoi-dung/moi", url.Values{"login": {fmt.Sprintf("trang.moi.%d", f.seq)}, "name": {"Người mới"},
			"password": {apptest.Password}, "role": {"unit"}, "unit": {scopedUnit}, "action": {"save"}}.Encode()
	}},
	"GET /quan-tri/nguoi-dung/:id": {perm: access.UserManage, target: onScopedUnit, hides: true, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/quan-tri/nguoi-dung/%d", f.scopedUserID), ""
	}},
	"POST /quan-tri/nguoi-dung/:id": {perm: access.UserManage, target: onScopedUnit, hides: true, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/quan-tri/nguoi-dung/%d", f.scopedUserID),
			url.Values{"name": {"Văn thư xã"}, "role": {"secretariat"}, "unit": {scopedUnit}, "action": {"save"}}.Encode()
	}},
	"POST /quan-tri/don-vi/:id": {perm: access.DirectoryWrite, target: onScopedUnit, page: true, request: func(*fixture) (string, string) {
		return "/quan-tri/don-vi/" + scopedUnit, url.Values{"based_on": {"0"}, "name": {"Ủy ban nhân dân xã Đông Tiến"}, "short_name": {"UBND"},
			"label": {"UBND xã Đông Tiến"}, "head_title": {"Chủ tịch"}, "place": {"Đông Tiến"}}.Encode()
	}},
	"GET /quan-tri/don-vi": {perm: access.DirectoryRead, target: onAnyUnit, page: true, request: path("/quan-tri/don-vi?unit=ubnd-xa-dong-tien")},
	// No file: an allowed caller is answered 422 at the field, others 403.
	"POST /quan-tri/don-vi": {perm: access.DirectoryWrite, target: onEverything, page: true, request: func(f *fixture) (string, string) { return "/quan-tri/don-vi", "version=0" }},
	"GET /quan-tri/nhat-ky": {perm: access.AuditRead, target: onEverything, page: true, request: path("/quan-tri/nhat-ky")},
	"GET /tong-hop/:round":  {perm: access.DashboardRead, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) { return fmt.Sprintf("/tong-hop/%d", f.cycle.round), "" }},
	"GET /kiem-tra":         {perm: access.RoundRead, target: onAnyUnit, page: true, request: path("/kiem-tra")},
	"GET /kiem-tra/:round":  {perm: access.RoundRead, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) { return fmt.Sprintf("/kiem-tra/%d", f.cycle.round), "" }},
	"GET /kiem-tra/:round/:object": {perm: access.InspectionAssess, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/kiem-tra/%d/xa-dong-tien", f.cycle.round), ""
	}},
	"GET /kiem-tra/:round/:object/dang-ky": {perm: access.RoundRead, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/kiem-tra/%d/xa-dong-tien/dang-ky", f.cycle.round), ""
	}},
	"POST /kiem-tra/:round/:object/dang-ky": {perm: access.RoundRegister, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/kiem-tra/%d/xa-dong-tien/dang-ky", f.cycle.round), "registered_on=&note=Đăng ký phấn đấu"
	}},
	// Version 0 again: the first allowed caller saves, the others are shown the page as stale (409).
	"POST /kiem-tra/:round/:object": {perm: access.InspectionAssess, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/kiem-tra/%d/xa-dong-tien", f.cycle.round), "version=0&action=save"
	}},
}

// pageForm turns a JSON submission into the fields the form page posts, with its action.
func pageForm(sub, action string) string {
	var s struct {
		Form     string         `json:"form"`
		IssuerID string         `json:"issuer_id"`
		Data     map[string]any `json:"data"`
	}
	if err := json.Unmarshal([]byte(sub), &s); err != nil {
		panic(err)
	}
	v := url.Values{"issuer_id": {s.IssuerID}, "action": {action}}
	for name, value := range s.Data {
		switch x := value.(type) {
		case []any:
			var lines []string
			for r, item := range x {
				if row, ok := item.([]any); ok {
					for c, cell := range row {
						v.Set(fmt.Sprintf("f.%s.%d.%d", name, r, c), fmt.Sprint(cell))
					}
					v.Set("rows."+name, fmt.Sprint(len(x)))
					continue
				}
				lines = append(lines, fmt.Sprint(item))
			}
			if len(lines) > 0 {
				v.Set("f."+name, strings.Join(lines, "\n"))
			}
		default:
			v.Set("f."+name, fmt.Sprint(x))
		}
	}
	return v.Encode()
}

// caller is one signed-in user of the matrix.
type caller struct {
	name       string
	role       *access.Role
	inScope    bool // granted in scopedUnit (or above it, for a subtree role)
	everywhere bool // granted over the whole organisation
	login      string
}

// allowed is what the rules and the role data say the caller may do on a route,
// independently of access.Can.
func (c caller) allowed(r rule) bool {
	switch r.target {
	case onSelf, openRoute:
		return true
	case onAnyUnit:
		return c.role.Has(r.perm)
	case onScopedUnit:
		return c.role.Has(r.perm) && (c.inScope || c.everywhere)
	case onEverything:
		return c.role.Has(r.perm) && c.everywhere
	}
	return false
}

func TestAccessMatrix(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			t.Parallel()
			// With a job queue but no converter: the PDF routes answer 503 to those allowed,
			// after the same refusals as everywhere.
			a := apptest.StartWith(t, data, b.DSN(t), apptest.Options{Jobs: true})
			f := newFixture(t, a)

			var callers []caller
			for _, role := range data.Roles.List() {
				in, out := scopedUnit, otherUnit
				if role.Scope == access.ScopeSubtree {
					in, out = scopedParent, otherParent
				}
				for _, c := range []caller{{name: role.ID + " in scope", inScope: true, login: role.ID + ".trong"},
					{name: role.ID + " out of scope", login: role.ID + ".ngoai"}} {
					c.role = role
					unit := out
					if c.inScope {
						unit = in
					}
					a.User(t, c.login, role.ID, unit)
					callers = append(callers, c)
				}
			}
			adminRole, _ := data.Roles.Role("admin")
			a.User(t, "admin.toan.bo", "admin", access.Everywhere)
			callers = append(callers, caller{name: "admin everywhere", role: adminRole, everywhere: true, login: "admin.toan.bo"})

			routes := httpapi.Routes(a.Server.Config.Handler)
			if len(routes) < 30 {
				t.Fatalf("the router lists only %d routes", len(routes))
			}
			for _, route := range routes {
				key := route.Method + " " + route.Path
				r, ok := ruleFor(key)
				if !ok {
					t.Errorf("route %s has no access rule in access_test.go: say which permission it needs", key)
					continue
				}
				if r.target == openRoute {
					continue // signing in and the health check: TestSessions
				}
				t.Run(key, func(t *testing.T) {
					p, body := r.request(f)
					res := send(t, a, route.Method, p, body, nil)
					switch {
					case r.page && !(res.Status == http.StatusOK && strings.Contains(string(res.Body), `action="/dang-nhap"`)):
						// The client follows the 303 to the sign-in page.
						t.Errorf("anonymous: %d, want the sign-in page: %s", res.Status, apptest.Excerpt(res.Body))
					case !r.page && res.Status != http.StatusUnauthorized:
						t.Errorf("anonymous: %d, want 401: %s", res.Status, apptest.Excerpt(res.Body))
					}
					for _, c := range callers {
						s := signIn(t, a, c.login, apptest.Password)
						p, body := r.request(f)
						res := send(t, a, route.Method, p, body, s)
						want := c.allowed(r)
						switch {
						case want && r.unavailable && res.Status == http.StatusServiceUnavailable:
						case want && (res.Status == 401 || res.Status == 403 || res.Status >= 500):
							t.Errorf("%s: %d, want allowed: %s", c.name, res.Status, apptest.Excerpt(res.Body))
						case !want && res.Status != 403 && !(r.hides && res.Status == 404):
							t.Errorf("%s: %d, want 403: %s", c.name, res.Status, apptest.Excerpt(res.Body))
						case want && !c.inScope && !c.everywhere && r.leak != "" && strings.Contains(string(res.Body), r.leak):
							t.Errorf("%s: the answer leaks %s: %s", c.name, r.leak, apptest.Excerpt(res.Body))
						}
					}
				})
			}
			for key := range allRules() {
				method, p, _ := strings.Cut(key, " ")
				found := false
				for _, route := range routes {
					found = found || (route.Method == method && route.Path == p)
				}
				if !found {
					t.Errorf("access rule for %s, which the router does not have", key)
				}
			}
		})
	}
}

// newFixture creates, as the admin, the documents of scopedUnit the matrix reads, edits and
// issues.
func newFixture(t *testing.T, a *apptest.App) *fixture {
	t.Helper()
	f := &fixture{sub: scopedSubmission(t)}
	var head struct {
		Form string `json:"form"`
	}
	if err := json.Unmarshal([]byte(f.sub), &head); err != nil {
		t.Fatal(err)
	}
	f.form = head.Form
	create := func(issue bool) int64 {
		body := f.sub
		if issue {
			body = edit(t, body, func(m map[string]any) { m["issue"] = true })
		}
		res := a.Do(t, "POST", "/api/documents", strings.NewReader(body), "Content-Type", "application/json")
		if res.Status != http.StatusCreated {
			t.Fatalf("fixture document: %d %s", res.Status, apptest.Excerpt(res.Body))
		}
		var d register.Document
		res.JSON(t, &d)
		return d.ID
	}
	f.draftToEdit, f.draftToIssue, f.issued = create(false), create(false), create(true)
	f.unitsCSV = string(a.Do(t, "GET", "/api/directory/units.csv", nil).Body)
	f.groupsCSV = string(a.Do(t, "GET", "/api/directory/groups.csv", nil).Body)
	a.User(t, "vanthu.xa.dong.tien", "secretariat", scopedUnit)
	var users []struct {
		ID    int64  `json:"id"`
		Login string `json:"login"`
	}
	a.Do(t, "GET", "/api/users", nil).JSON(t, &users)
	for _, u := range users {
		if u.Login == "vanthu.xa.dong.tien" {
			f.scopedUserID = u.ID
		}
	}
	if f.scopedUserID == 0 {
		t.Fatal("fixture user not listed")
	}
	f.cycle = newCycleFixture(t, a)
	return f
}

// session is a signed-in browser: its cookie and CSRF token.
type session struct{ cookie, csrf string }

// signIn signs in through POST /api/session.
func signIn(t *testing.T, a *apptest.App, login, password string) *session {
	t.Helper()
	res := apptest.Do(t, a.Anonymous, a.URL, "POST", "/api/session",
		strings.NewReader(fmt.Sprintf(`{"login":%q,"password":%q}`, login, password)), "Content-Type", "application/json")
	if res.Status != http.StatusOK {
		t.Fatalf("sign in %s: %d %s", login, res.Status, apptest.Excerpt(res.Body))
	}
	var me struct {
		CSRF string `json:"csrf_token"`
	}
	res.JSON(t, &me)
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		if c.Name == "vanthu_session" {
			return &session{cookie: c.Name + "=" + c.Value, csrf: me.CSRF}
		}
	}
	t.Fatalf("sign in %s: no session cookie", login)
	return nil
}

// send makes a request as s (nobody when nil), as a browser page would: the cookie and the
// CSRF header.
func send(t *testing.T, a *apptest.App, method, p, body string, s *session) apptest.Response {
	t.Helper()
	header := []string{}
	if body != "" {
		ct := "application/json"
		switch {
		case strings.HasSuffix(p, ".csv"):
			ct = "text/csv"
		case !strings.HasPrefix(body, "{") && !strings.HasPrefix(body, "["):
			ct = "application/x-www-form-urlencoded" // a web page's form
		}
		header = append(header, "Content-Type", ct)
	}
	if s != nil {
		header = append(header, "Cookie", s.cookie, "X-CSRF-Token", s.csrf)
	}
	var r *strings.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	if r == nil {
		return apptest.Do(t, a.Anonymous, a.URL, method, p, nil, header...)
	}
	return apptest.Do(t, a.Anonymous, a.URL, method, p, r, header...)
}

// scopedSubmission is scopedForm dated the app's day: an issued document is dated the day it
// is numbered, and the example is dated the day it was really issued.
func scopedSubmission(t testing.TB) string {
	return strings.Replace(string(apptest.ReadFile(t, scopedForm)), `"2025-09-15"`, `"`+apptest.Now.Format(time.DateOnly)+`"`, 1)
}
