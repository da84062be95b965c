package httpapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/idempotency"
)

// idempotent makes a route that creates or issues safe to retry. A request without an
// Idempotency-Key header runs as usual. With one, the first request with the key runs and
// its answer (status, Content-Type, Location, body) is kept 24 hours; a retry with the same
// key, method, path and body gets that answer again, marked Idempotent-Replayed, without
// the work done again. The same key with another request is a 422; while the first
// request still runs, a retry is a 409 (try again shortly). A first request that fails on
// the server's side (5xx: nothing was done) keeps nothing, so a retry does the work.
//
// Known limit: if the process dies after the work is committed but before its answer is
// kept, the key stays "in progress" (409) until it expires, never done twice.
func (h *handler) idempotent(c *gin.Context) {
	key := c.GetHeader(idempotency.Header)
	if key == "" {
		c.Next()
		return
	}
	body, err := readBody(c.Request)
	if err != nil {
		var tooBig *http.MaxBytesError
		if !errors.As(err, &tooBig) {
			err = apperr.Wrap(apperr.BadInput, msgUnreadableBody, err)
		}
		fail(c, h.log, err)
		return
	}
	c.Request.Body = io.NopCloser(bytes.NewReader(body))
	ctx := c.Request.Context()
	actor := actorOf(c)
	kept, err := h.svc.BeginIdempotent(ctx, actor, key, idempotency.Fingerprint(c.Request.Method, c.Request.URL.Path, body))
	if err != nil {
		fail(c, h.log, err)
		return
	}
	if kept != nil {
		if kept.Location != "" {
			c.Header("Location", kept.Location)
		}
		c.Header(idempotency.ReplayedHeader, "true")
		c.Data(kept.Status, kept.ContentType, kept.Body)
		c.Abort()
		return
	}

	rec := &recorder{ResponseWriter: c.Writer}
	c.Writer = rec
	done := false
	defer func() {
		if !done { // a panic: the work did not finish
			h.abandon(actor, key)
		}
	}()
	c.Next()
	done = true
	status := rec.Status()
	if status >= 500 {
		h.abandon(actor, key)
		return
	}
	// Kept even if the client has gone: that is the case this is for.
	save := context.WithoutCancel(ctx)
	if err := h.svc.FinishIdempotent(save, idempotency.Record{Actor: actor, Key: key, Status: status,
		ContentType: rec.Header().Get("Content-Type"), Location: rec.Header().Get("Location"), Body: rec.body.Bytes()}); err != nil {
		h.log.Error("keeping an idempotent answer failed", "key", key, "err", err)
	}
}

// abandon forgets the claim of a request that failed, so that a retry does the work.
func (h *handler) abandon(actor, key string) {
	if err := h.svc.AbandonIdempotent(context.Background(), actor, key); err != nil {
		h.log.Error("releasing an idempotency key failed", "key", key, "err", err)
	}
}

// actorOf returns who sends the request, which scopes idempotency keys: the user the
// authenticate middleware found, by their id ("user:42"), which never changes when the
// user is renamed and is the same whether they come with a session or any of their API
// tokens, so a retry through another credential of the same person is still the same
// request. Two users' keys never meet: neither is answered the other's kept response.
// Every idempotent route needs an actor, so "" (no actor) is not reached through the
// router; it would share one scope, as before users existed.
func actorOf(c *gin.Context) string {
	a := access.FromContext(c.Request.Context())
	if a == nil {
		return ""
	}
	return "user:" + strconv.FormatInt(a.UserID, 10)
}

// recorder passes an answer through and keeps a copy of its body.
type recorder struct {
	gin.ResponseWriter
	body bytes.Buffer
}

func (r *recorder) Write(p []byte) (int, error) {
	r.body.Write(p)
	return r.ResponseWriter.Write(p)
}

func (r *recorder) WriteString(s string) (int, error) {
	r.body.WriteString(s)
	return r.ResponseWriter.WriteString(s)
}
