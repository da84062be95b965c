package httpapi

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
)

// Pages are the HTML pages served on the same router as the API (package web). They are
// mounted after the API, behind the same authenticate middleware, so a page request has
// its actor in the context exactly as an API request does. httpapi owns the session cookie
// and the CSRF check; Sessions lends them to the pages.
type Pages interface {
	// Mount adds the pages' routes. Every route must be listed in OpenPages or need an actor.
	Mount(r gin.IRouter, s Sessions)
	// OpenPages are the page routes ("GET /dang-nhap") answered without an actor: the
	// sign-in page and the static files.
	OpenPages() []string
}

// csrfField is the form field an HTML form carries the CSRF token in; a script sends the
// same token in the X-CSRF-Token header. Either one passes the same check.
const csrfField = "csrf_token"

// csrfKey is where authenticate leaves the session's CSRF token for the pages.
const csrfKey = "vanthu.csrf"

// Sessions lets the pages sign in and out with the API's session cookie.
type Sessions struct{ h *handler }

// SignIn checks a login and password and, when they are right, sets the session cookie.
func (s Sessions) SignIn(c *gin.Context, login, password string) error {
	in, err := s.h.accounts.SignIn(c.Request.Context(), login, password)
	if err != nil {
		return err
	}
	s.h.setSessionCookie(c, in.Cookie, in.ExpiresAt)
	return nil
}

// SignOut ends the session of the request and clears the cookie.
func (s Sessions) SignOut(c *gin.Context) error {
	if err := s.h.accounts.SignOut(c.Request.Context()); err != nil {
		return err
	}
	s.h.clearSessionCookie(c)
	return nil
}

// CSRF returns the CSRF token of the request's session, for a page's forms; "" when the
// request is not made with a session cookie.
func (s Sessions) CSRF(c *gin.Context) string { return c.GetString(csrfKey) }

// CSRFField is the name of the hidden form field carrying the token.
func (Sessions) CSRFField() string { return csrfField }

// Status is the HTTP status of an error, from the one table statusOf, for the pages.
func Status(err error) int {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return http.StatusRequestEntityTooLarge
	}
	if status, ok := statusOf[apperr.As(err).Code]; ok {
		return status
	}
	return http.StatusInternalServerError
}

// isPage reports whether a request is for a page rather than the API: a page asked by
// someone not signed in is sent to the sign-in page instead of a 401 answer.
// PageNotFound is implemented by Pages that answer an unknown page address (outside /api/)
// with their own HTML 404 page.
type PageNotFound interface {
	NotFound(c *gin.Context)
}

func isPage(path string) bool {
	return path != "/healthz" && path != "/api" && !hasPrefix(path, "/api/")
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
