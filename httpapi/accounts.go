package httpapi

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/accounts"
)

// signInRequest is the body of POST /api/session.
type signInRequest struct {
	Login    string `json:"login"`
	Password string `json:"password"`
}

// me is who is signed in, as GET /api/me and POST /api/session show it.
type me struct {
	UserID    int64              `json:"user_id"`
	Login     string             `json:"login"`
	Name      string             `json:"name"`
	Roles     []access.UserGrant `json:"roles"`
	Via       string             `json:"via"`
	CSRFToken string             `json:"csrf_token,omitempty"`
	ExpiresAt *time.Time         `json:"expires_at,omitempty"`
}

func meOf(a *access.Actor) me {
	m := me{UserID: a.UserID, Login: a.Login, Name: a.Name, Via: a.Via, Roles: make([]access.UserGrant, len(a.Grants))}
	for i, g := range a.Grants {
		m.Roles[i] = access.UserGrant{Role: g.Role.ID, UnitID: g.UnitID}
	}
	return m
}

// signIn answers POST /api/session: sets the session cookie and returns who signed in with
// the CSRF token the page must send back in X-CSRF-Token.
func (h *handler) signIn(c *gin.Context) {
	var req signInRequest
	if err := decodeJSON(c, &req); err != nil {
		fail(c, h.log, err)
		return
	}
	in, err := h.accounts.SignIn(c.Request.Context(), req.Login, req.Password)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	h.setSessionCookie(c, in.Cookie, in.ExpiresAt)
	m := me{UserID: in.User.ID, Login: in.User.Login, Name: in.User.Name, Roles: in.User.Grants, Via: access.ViaSession,
		CSRFToken: in.CSRF, ExpiresAt: &in.ExpiresAt}
	c.JSON(http.StatusOK, m)
}

// signOut answers DELETE /api/session: ends the session server-side and clears the cookie.
func (h *handler) signOut(c *gin.Context) {
	if err := h.accounts.SignOut(c.Request.Context()); err != nil {
		fail(c, h.log, err)
		return
	}
	h.clearSessionCookie(c)
	c.Status(http.StatusNoContent)
}

// getMe answers GET /api/me: who is signed in, and the session's CSRF token again (a
// reloaded page lost it).
func (h *handler) getMe(c *gin.Context) {
	a := access.FromContext(c.Request.Context())
	m := meOf(a)
	if a.Via == access.ViaSession {
		if cookie, err := c.Cookie(sessionCookie); err == nil {
			if _, csrf, err := h.accounts.Session(c.Request.Context(), cookie); err == nil {
				m.CSRFToken = csrf
			}
		}
	}
	c.JSON(http.StatusOK, m)
}

// passwordRequest is the body of PUT /api/me/password.
type passwordRequest struct {
	Current string `json:"current_password"`
	New     string `json:"new_password"`
}

// changePassword answers PUT /api/me/password: 204; every other session of the user ends.
func (h *handler) changePassword(c *gin.Context) {
	var req passwordRequest
	if err := decodeJSON(c, &req); err != nil {
		fail(c, h.log, err)
		return
	}
	if err := h.accounts.ChangePassword(c.Request.Context(), req.Current, req.New); err != nil {
		fail(c, h.log, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// listTokens answers GET /api/tokens: the user's own tokens, without their secrets.
func (h *handler) listTokens(c *gin.Context) {
	tokens, err := h.accounts.Tokens(c.Request.Context())
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, tokens)
}

// createToken answers POST /api/tokens: 201 with the token's secret, shown this once.
func (h *handler) createToken(c *gin.Context) {
	var req accounts.NewToken
	if err := decodeJSON(c, &req); err != nil {
		fail(c, h.log, err)
		return
	}
	t, err := h.accounts.CreateToken(c.Request.Context(), req)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, t)
}

// revokeToken answers DELETE /api/tokens/:id: 204.
func (h *handler) revokeToken(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	if err := h.accounts.RevokeToken(c.Request.Context(), id); err != nil {
		fail(c, h.log, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// listRoles answers GET /api/roles: the roles a user may be given, for an admin's form.
func (h *handler) listRoles(c *gin.Context) {
	roles, err := h.accounts.ListRoles(c.Request.Context())
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, roles)
}

// listUsers answers GET /api/users: the users the admin manages.
func (h *handler) listUsers(c *gin.Context) {
	users, err := h.accounts.Users(c.Request.Context())
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, users)
}

// getUser answers GET /api/users/:id.
func (h *handler) getUser(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	u, err := h.accounts.User(c.Request.Context(), id)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, u)
}

// createUser answers POST /api/users: 201 with the user.
func (h *handler) createUser(c *gin.Context) {
	var req accounts.NewUser
	if err := decodeJSON(c, &req); err != nil {
		fail(c, h.log, err)
		return
	}
	u, err := h.accounts.CreateUser(c.Request.Context(), req)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("Location", "/api/users/"+strconv.FormatInt(u.ID, 10))
	c.JSON(http.StatusCreated, u)
}

// updateUser answers PUT /api/users/:id: name, disabled, roles, and a new password.
func (h *handler) updateUser(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	var req accounts.UserUpdate
	if err := decodeJSON(c, &req); err != nil {
		fail(c, h.log, err)
		return
	}
	u, err := h.accounts.UpdateUser(c.Request.Context(), id, req)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, u)
}

// auditFilter reads ?login=&action=&object=&unit=&from=&to=&before=&limit= (from and to
// as RFC 3339 times or dates).
func auditFilter(c *gin.Context) (access.AuditFilter, error) {
	f := access.AuditFilter{Login: c.Query("login"), Action: c.Query("action"), Object: c.Query("object"), UnitID: c.Query("unit")}
	var err error
	for _, t := range []struct {
		name string
		into *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		v := c.Query(t.name)
		if v == "" {
			continue
		}
		if *t.into, err = time.Parse(time.RFC3339, v); err != nil {
			if *t.into, err = time.Parse(time.DateOnly, v); err != nil {
				return f, invalidQuery(t.name, msgBadTime)
			}
		}
	}
	if f.Limit, err = queryInt(c, "limit", labelLimit, access.MaxAuditPage); err != nil {
		return f, err
	}
	before, err := queryInt(c, "before", labelBefore, maxOffset)
	f.Before = int64(before)
	return f, err
}

// listAudit answers GET /api/audit: the audit log, newest first, filtered.
func (h *handler) listAudit(c *gin.Context) {
	f, err := auditFilter(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	rows, err := h.accounts.Audit(c.Request.Context(), f)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, rows)
}

// auditCSV answers GET /api/audit.csv: the filtered audit log as CSV.
func (h *handler) auditCSV(c *gin.Context) {
	f, err := auditFilter(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	var buf bytes.Buffer
	if err := h.accounts.AuditCSV(c.Request.Context(), f, &buf); err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="nhat-ky.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// setSessionCookie gives the browser its session: HttpOnly, SameSite=Lax, Secure over TLS.
func (h *handler) setSessionCookie(c *gin.Context, value string, expires time.Time) {
	http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: value, Path: "/", Expires: expires,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.secureCookies || c.Request.TLS != nil})
}

// clearSessionCookie removes the session cookie from the browser.
func (h *handler) clearSessionCookie(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.secureCookies || c.Request.TLS != nil})
}
