package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
)

// limitBody refuses bodies over max bytes with 413: at once when Content-Length says so,
// and while reading otherwise (http.MaxBytesReader). Routes named in larger (by their gin
// path) take their own limit: file uploads are bigger than JSON.
//
// A page's form posted over the limit is answered by pages (the router, when the web
// pages are mounted) as the GET of the same page, marked BodyTooLarge: the page is shown
// again with its message and 413 instead of a JSON answer. Nothing of the body is read, so
// the limit holds, and a GET changes nothing, so it needs no CSRF token.
func limitBody(max int64, larger map[string]int64, log *slog.Logger, pages *gin.Engine) gin.HandlerFunc {
	return func(c *gin.Context) {
		max := max
		if n, ok := larger[c.FullPath()]; ok {
			max = n
		}
		if c.Request.ContentLength > max {
			closeUnread(c)
			if pages != nil && c.Request.Method == http.MethodPost && isPage(c.Request.URL.Path) {
				r := c.Request.WithContext(context.WithValue(c.Request.Context(), tooLargeKey{}, true))
				r.Method, r.Body, r.ContentLength = http.MethodGet, http.NoBody, 0
				r.Header = r.Header.Clone()
				r.Header.Del("Content-Type")
				c.Request = r
				pages.HandleContext(c)
				c.Abort()
				return
			}
			fail(c, log, apperr.Of(apperr.TooLarge))
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, max)
		c.Next()
	}
}

// closeUnread makes a request refused before its body was read (not signed in, too large)
// end its connection after the answer. Otherwise Go's server reads what is left of a
// small body before it writes the answer, and a client that announces a body and sends
// none (or sends it slowly) waits for its refusal as long as the server waits for it.
func closeUnread(c *gin.Context) {
	if c.Request.ContentLength != 0 {
		c.Header("Connection", "close")
	}
}

// tooLargeKey marks in a request's context a page's form that was over the body limit.
type tooLargeKey struct{}

// BodyTooLarge reports whether r is the GET of a page standing for a form posted over the
// body limit (see limitBody): the page says so, with status 413.
func BodyTooLarge(r *http.Request) bool {
	v, _ := r.Context().Value(tooLargeKey{}).(bool)
	return v
}

// recoverJSON turns a panic into a logged 500 with the generic message, so a bug never
// shows a stack trace to the user.
func recoverJSON(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				log.Error("panic", "path", c.Request.URL.Path, "panic", r)
				c.AbortWithStatusJSON(http.StatusInternalServerError,
					errorBody{Code: apperr.Internal, Message: apperr.DefaultMessage(apperr.Internal)})
			}
		}()
		c.Next()
	}
}

// logRequests logs each request at debug level, and slow ones at info.
func logRequests(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		d := time.Since(start)
		level := slog.LevelDebug
		if d > 500*time.Millisecond {
			level = slog.LevelInfo
		}
		log.Log(c.Request.Context(), level, "request", "method", c.Request.Method, "path", c.Request.URL.Path,
			"status", c.Writer.Status(), "duration", d)
	}
}
