package httpapi

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/apperr"
)

// How a browser proves who it is, and how its state-changing requests prove they come from
// our own pages.
const (
	// sessionCookie holds the signed session secret: HttpOnly (no script reads it),
	// SameSite=Lax (not sent with cross-site POSTs), Secure when served over HTTPS.
	sessionCookie = "vanthu_session"
	// csrfHeader must carry the session's CSRF token on every request that is not a GET,
	// HEAD or OPTIONS when the request is authenticated by the cookie. The token is given
	// by POST /api/session and GET /api/me; another site cannot read it, so it cannot
	// forge the header. Requests with a bearer token need none: a browser never adds a
	// bearer token by itself.
	csrfHeader = "X-CSRF-Token"
	// requestIDHeader carries the id of the request, kept in the audit log; a client's own
	// id is kept when it is short and plain, otherwise one is made.
	requestIDHeader = "X-Request-ID"
)

// openRoutes need no actor: the health check and signing in.
var openRoutes = map[string]bool{
	"GET /healthz":      true,
	"POST /api/session": true,
}

// authenticate is the one middleware that finds who makes a request: from an
// "Authorization: Bearer" API token, or else from the session cookie. It puts the actor
// and the request's id and address into the request's context, where the services find
// them; it decides no permission. Without a valid actor only the open routes answer (401
// otherwise), and a cookie-authenticated request that changes state must carry the CSRF
// token (403 otherwise).
func (h *handler) authenticate(c *gin.Context) {
	req := access.Request{ID: requestID(c.GetHeader(requestIDHeader)), ClientAddr: c.ClientIP(), UserAgent: c.Request.UserAgent()}
	c.Header(requestIDHeader, req.ID)
	ctx := access.WithRequest(c.Request.Context(), req)
	open := openRoutes[c.Request.Method+" "+c.FullPath()] || h.openPages[c.Request.Method+" "+c.FullPath()]

	var actor *access.Actor
	var err error
	if auth := c.GetHeader("Authorization"); auth != "" {
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok {
			err = access.ErrSignIn()
		} else {
			actor, err = h.accounts.Token(ctx, strings.TrimSpace(token))
		}
	} else if cookie, cerr := c.Cookie(sessionCookie); cerr == nil && cookie != "" {
		var csrf string
		actor, csrf, err = h.accounts.Session(ctx, cookie)
		if err == nil {
			c.Set(csrfKey, csrf)
		}
		if err == nil && !safeMethod(c.Request.Method) && !open && !sameOriginCSRF(c, csrf) {
			actor, err = nil, apperr.New(apperr.Forbidden, msgCSRF)
		}
	}
	if open {
		if err == nil && actor != nil {
			ctx = access.WithActor(ctx, actor)
		}
		c.Request = c.Request.WithContext(ctx)
		c.Next()
		return
	}
	if err == nil && actor == nil {
		err = access.ErrSignIn()
	}
	if err != nil {
		closeUnread(c)
		if apperr.CodeOf(err) == apperr.Unauthenticated && h.openPages != nil && isPage(c.Request.URL.Path) {
			// A page asked by someone not signed in: the sign-in page, then back here.
			c.Redirect(http.StatusSeeOther, "/dang-nhap?next="+url.QueryEscape(c.Request.URL.RequestURI()))
			c.Abort()
			return
		}
		if apperr.CodeOf(err) == apperr.Unauthenticated {
			c.Header("WWW-Authenticate", `Bearer realm="vanthu"`)
		}
		fail(c, h.log, err)
		return
	}
	c.Request = c.Request.WithContext(access.WithActor(ctx, actor))
	c.Next()
}

// safeMethod reports whether a method only reads.
func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// sameOriginCSRF checks a cookie-authenticated state change: the CSRF header (or, from an
// HTML form, the csrf_token field) must match the session's token, and an Origin header, when the browser sends one, must be this
// server's own.
func sameOriginCSRF(c *gin.Context, want string) bool {
	given := c.GetHeader(csrfHeader)
	if given == "" && isPage(c.Request.URL.Path) {
		given = c.PostForm(csrfField)
	}
	if !access.EqualToken(given, want) {
		return false
	}
	if origin := c.GetHeader("Origin"); origin != "" {
		u, err := url.Parse(origin)
		if err != nil || u.Host != c.Request.Host {
			return false
		}
	}
	return true
}

// requestID keeps a client's request id when it is at most 64 plain characters, and makes
// a random one otherwise.
func requestID(given string) string {
	if given != "" && len(given) <= 64 && strings.IndexFunc(given, func(r rune) bool {
		return !(r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) < 0 {
		return given
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
