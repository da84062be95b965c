package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/register"
)

// usersPage answers GET /quan-tri/nguoi-dung: the users the actor manages, with their
// roles (accounts.Service.Users keeps to the actor's scope).
func (p *Pages) usersPage(c *gin.Context) {
	users, err := p.accounts.Users(c.Request.Context())
	if err != nil {
		p.fail(c, err)
		return
	}
	rows := make([]userRow, 0, len(users))
	for _, u := range users {
		var grants []string
		for _, g := range u.Grants {
			grants = append(grants, p.grantName(g.Role, g.UnitID))
		}
		rows = append(rows, userRow{User: u, Roles: strings.Join(grants, "; ")})
	}
	msg := ""
	if c.Query("da-tao") != "" {
		msg = "Đã tạo người dùng."
	}
	p.render(c, http.StatusOK, "users", view{Title: "Người dùng", Message: msg, Data: rows})
}

// grantName is a role given in a unit as the admin pages write it, role and unit by name:
// "Văn thư (Ủy ban nhân dân xã Đông Tiến)", "Quản trị (toàn hệ thống)".
func (p *Pages) grantName(roleID, unitID string) string {
	name, unit := roleID, "toàn hệ thống"
	if r, ok := p.accounts.Roles().Role(roleID); ok {
		name = r.Name
	}
	if unitID != access.Everywhere && unitID != "*" {
		unit = unitID
		if u, ok := p.svc.Tree().Unit(unitID); ok {
			unit = u.Name
		}
	}
	return name + " (" + unit + ")"
}

// userRow is one user as the users page lists them: roles and units by name.
type userRow struct {
	access.User
	Roles string
}

// auditView is the audit log page.
type auditView struct {
	Login, Action, Object, From, To string
	Actions                         []actionChoice
	Entries                         []auditRow
	Older                           string // the next page's link, older entries
	CSV                             string // the CSV export's link, with the same filters
	Errors                          map[string]string
}

// auditRow is one line of the log as the page shows it: the time in Vietnam, the roles
// and the action by name, a link to the document it concerns.
type auditRow struct {
	access.AuditEntry
	When, Roles, ActionName string
	Document                int64
}

// auditPage answers GET /quan-tri/nhat-ky?login=&action=&object=&from=&to=&before=: the
// audit log, newest first, 50 entries a page.
func (p *Pages) auditPage(c *gin.Context) {
	av := auditView{Login: strings.TrimSpace(c.Query("login")), Action: strings.TrimSpace(c.Query("action")),
		Object: strings.TrimSpace(c.Query("object")), From: c.Query("from"), To: c.Query("to"), Errors: map[string]string{}}
	f := access.AuditFilter{Login: av.Login, Action: av.Action, Object: av.Object, Limit: 50}
	day := func(name, v string) time.Time {
		if v == "" {
			return time.Time{}
		}
		d, err := time.ParseInLocation(time.DateOnly, v, register.Vietnam) // the days the page shows
		if err != nil {
			av.Errors[name] = "Ngày phải có dạng 2026-12-01."
		}
		return d
	}
	f.From = day("from", av.From)
	if to := day("to", av.To); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1) // the whole day given
	}
	if b, err := strconv.ParseInt(c.Query("before"), 10, 64); err == nil && b > 0 {
		f.Before = b
	}
	entries, err := p.accounts.Audit(c.Request.Context(), f)
	if err != nil {
		p.fail(c, err)
		return
	}
	for _, e := range entries {
		row := auditRow{AuditEntry: e, When: e.At.In(register.Vietnam).Format("02/01/2006 15:04:05"), ActionName: actionName(e.Action)}
		var roles []string
		for _, g := range strings.Fields(e.Role) {
			role, unit, _ := strings.Cut(g, "@")
			roles = append(roles, p.grantName(role, unit))
		}
		row.Roles = strings.Join(roles, "; ")
		if id, ok := strings.CutPrefix(e.Object, "document:"); ok {
			row.Document, _ = strconv.ParseInt(id, 10, 64)
		}
		av.Entries = append(av.Entries, row)
	}
	av.Actions = actionChoices
	q := url.Values{}
	for k, v := range map[string]string{"login": av.Login, "action": av.Action, "object": av.Object, "from": av.From, "to": av.To} {
		if v != "" {
			q.Set(k, v)
		}
	}
	// The export takes the same moments: the days of the page are Vietnam's, "to" included.
	ex := url.Values{}
	for k, v := range map[string]string{"login": av.Login, "action": av.Action, "object": av.Object} {
		if v != "" {
			ex.Set(k, v)
		}
	}
	for k, t := range map[string]time.Time{"from": f.From, "to": f.To} {
		if !t.IsZero() {
			ex.Set(k, t.Format(time.RFC3339))
		}
	}
	av.CSV = "/api/audit.csv?" + ex.Encode()
	if len(entries) == f.Limit {
		q.Set("before", strconv.FormatInt(entries[len(entries)-1].Seq, 10))
		av.Older = "/quan-tri/nhat-ky?" + q.Encode()
	}
	p.render(c, http.StatusOK, "audit", view{Title: "Nhật ký", Data: &av})
}
