package httpapi

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
)

// limitBody refuses bodies over max bytes with 413: at once when Content-Length says so,
// and while reading otherwise (http.MaxBytesReader).
func limitBody(max int64, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > max {
			fail(c, log, apperr.Of(apperr.TooLarge))
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, max)
		c.Next()
	}
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
