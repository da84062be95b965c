package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"vanthu/access"
)

// usersPage answers GET /quan-tri/nguoi-dung: the users the actor manages, with their
// roles (accounts.Service.Users keeps to the actor's scope).
func (p *Pages) usersPage(c *gin.Context) {
	users, err := p.accounts.Users(c.Request.Context())
	if err != nil {
		p.fail(c, err)
		return
	}
	tree, roles := p.svc.Tree(), p.accounts.Roles()
	rows := make([]userRow, 0, len(users))
	for _, u := range users {
		var grants []string
		for _, g := range u.Grants {
			name, unit := g.Role, "toàn bộ"
			if r, ok := roles.Role(g.Role); ok {
				name = r.Name
			}
			if g.UnitID != access.Everywhere {
				unit = g.UnitID
				if un, ok := tree.Unit(g.UnitID); ok {
					unit = un.Name
				}
			}
			grants = append(grants, name+" ("+unit+")")
		}
		rows = append(rows, userRow{User: u, Roles: strings.Join(grants, "; ")})
	}
	msg := ""
	if c.Query("da-tao") != "" {
		msg = "Đã tạo người dùng."
	}
	p.render(c, http.StatusOK, "users", view{Title: "Người dùng", Message: msg, Data: rows})
}

// userRow is one user as the users page lists them: roles and units by name.
type userRow struct {
	access.User
	Roles string
}

// auditView is the audit log page.
type auditView struct {
	Login, Action, Object, From, To string
	Entries                         []access.AuditEntry
	Older                           string // the next page's link, older entries
	Export                          string // the same filters for the CSV export
	Errors                          map[string]string
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
		d, err := time.Parse(time.DateOnly, v)
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
	av.Entries = entries
	q := url.Values{}
	for k, v := range map[string]string{"login": av.Login, "action": av.Action, "object": av.Object, "from": av.From, "to": av.To} {
		if v != "" {
			q.Set(k, v)
		}
	}
	av.Export = q.Encode()
	if len(entries) == f.Limit {
		q.Set("before", strconv.FormatInt(entries[len(entries)-1].Seq, 10))
		av.Older = "/quan-tri/nhat-ky?" + q.Encode()
	}
	p.render(c, http.StatusOK, "audit", view{Title: "Nhật ký", Data: &av})
}
