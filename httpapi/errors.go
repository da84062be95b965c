package httpapi

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
)

// statusOf is the one table from application error codes to HTTP statuses.
var statusOf = map[apperr.Code]int{
	apperr.Invalid:  http.StatusUnprocessableEntity,
	apperr.NotFound: http.StatusNotFound,
	apperr.Conflict: http.StatusConflict,
	apperr.TooLarge: http.StatusRequestEntityTooLarge,
	apperr.BadInput: http.StatusBadRequest,
	apperr.Internal: http.StatusInternalServerError,

	apperr.StorageFull: http.StatusServiceUnavailable,

	apperr.Unauthenticated: http.StatusUnauthorized,
	apperr.Forbidden:       http.StatusForbidden,
	apperr.Unavailable:     http.StatusServiceUnavailable,
}

// errorBody is what the client receives: a code, a Vietnamese message and, for invalid
// input, a Vietnamese message per field.
type errorBody struct {
	Code    apperr.Code       `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// fail writes err as JSON with its status. The cause goes to the log, never to the client.
func fail(c *gin.Context, log *slog.Logger, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		err = apperr.Wrap(apperr.TooLarge, apperr.DefaultMessage(apperr.TooLarge), err)
	}
	e := apperr.As(err)
	status, ok := statusOf[e.Code]
	if !ok {
		status = http.StatusInternalServerError
	}
	switch {
	case e.Code == apperr.Unavailable || e.Code == apperr.StorageFull:
		// A part of the server is missing or full (no LibreOffice, a full disk): the
		// operator's to fix, not a fault of the code.
		log.Warn("request not served", "method", c.Request.Method, "path", c.Request.URL.Path, "code", e.Code, "err", err)
	case status >= 500:
		log.Error("request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
	case e.Cause != nil:
		log.Info("request refused", "method", c.Request.Method, "path", c.Request.URL.Path, "code", e.Code, "cause", e.Cause)
	}
	c.AbortWithStatusJSON(status, errorBody{Code: e.Code, Message: e.Message, Fields: e.Fields})
}
