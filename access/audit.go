package access

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Audit actions. An action names what changed, in English, as a machine-readable verb; the
// object says which thing.
const (
	ActSignIn         = "session.sign-in"
	ActSignInFailed   = "session.sign-in-failed"
	ActSignOut        = "session.sign-out"
	ActPasswordChange = "user.password-change"
	ActUserCreate     = "user.create"
	ActUserUpdate     = "user.update"
	ActRoleGrant      = "user.role-grant"
	ActRoleRevoke     = "user.role-revoke"
	ActTokenCreate    = "token.create"
	ActTokenRevoke    = "token.revoke"
	ActDocumentDraft  = "document.draft"
	ActDocumentUpdate = "document.update"
	ActDocumentIssue  = "document.issue"
	ActDocumentFix    = "document.correct"
	ActRegisterNotes  = "register.notes"
	ActDirectory      = "directory.replace"
	ActUnitUpdate     = "unit.update"
)

// AuditEntry is one row of the audit log: who did what to which object, when and from
// where, and the SHA-256 of the object after the change. Seq numbers the rows 1, 2, 3, …
// without gaps; PrevHash is the Hash of row Seq-1 ("" for row 1); Hash covers every other
// field, so editing any of them, or deleting or inserting a row, breaks the chain.
type AuditEntry struct {
	Seq          int64     `json:"seq" db:"seq"`
	At           time.Time `json:"at" db:"at"`
	UserID       int64     `json:"user_id" db:"user_id"` // 0 for the system or an unknown login
	Login        string    `json:"login" db:"login"`
	Role         string    `json:"role" db:"role"` // the roles acted with, "admin@ubnd-tinh secretariat@xa-a"
	UnitID       string    `json:"unit_id" db:"unit_id"`
	Action       string    `json:"action" db:"action"`
	Object       string    `json:"object" db:"object"` // "document:42", "user:7", "directory"
	RequestID    string    `json:"request_id" db:"request_id"`
	ClientAddr   string    `json:"client_addr" db:"client_addr"`
	ObjectSHA256 string    `json:"object_sha256" db:"object_sha256"`
	PrevHash     string    `json:"prev_hash" db:"prev_hash"`
	Hash         string    `json:"hash" db:"hash"`
}

// AuditTime is how At enters the hash: UTC to the microsecond, which both databases keep.
const auditTime = "2006-01-02T15:04:05.000000Z"

// ComputeHash returns the hash of e chained to prev: the SHA-256 of every field but Hash,
// each written as its byte length, a colon and its bytes, so no two different rows encode
// alike.
func (e *AuditEntry) ComputeHash() string {
	h := sha256.New()
	for _, f := range []string{
		strconv.FormatInt(e.Seq, 10),
		e.At.UTC().Format(auditTime),
		strconv.FormatInt(e.UserID, 10),
		e.Login, e.Role, e.UnitID, e.Action, e.Object, e.RequestID, e.ClientAddr, e.ObjectSHA256,
		e.PrevHash,
	} {
		h.Write([]byte(strconv.Itoa(len(f))))
		h.Write([]byte{':'})
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Seal sets e's place in the chain after the row (prevSeq, prevHash) — (0, "") for the
// first — and its hash. At is truncated to the microsecond first, as it will be stored.
func (e *AuditEntry) Seal(prevSeq int64, prevHash string) {
	e.Seq = prevSeq + 1
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.PrevHash = prevHash
	e.Hash = e.ComputeHash()
}

// ChainVerifier checks audit rows read in Seq order, one at a time, so a long log is
// verified without holding it in memory.
type ChainVerifier struct {
	prevSeq  int64
	prevHash string
	n        int64
}

// Check checks the next row. The error names the row and what is wrong with it: a row
// missing before it, a PrevHash that is not the hash of the row before, or a Hash that does
// not match its own fields (the row was edited).
func (v *ChainVerifier) Check(e AuditEntry) error {
	switch {
	case e.Seq != v.prevSeq+1:
		return fmt.Errorf("audit row %d: expected row %d here; rows %d–%d are missing or reordered",
			e.Seq, v.prevSeq+1, v.prevSeq+1, e.Seq-1)
	case e.PrevHash != v.prevHash:
		return fmt.Errorf("audit row %d: prev_hash does not match the hash of row %d (a row was replaced)", e.Seq, v.prevSeq)
	case e.ComputeHash() != e.Hash:
		return fmt.Errorf("audit row %d: its fields do not match its hash (the row was edited)", e.Seq)
	}
	v.prevSeq, v.prevHash = e.Seq, e.Hash
	v.n++
	return nil
}

// Finish checks the end of the chain against the head the log keeps apart (the last seq
// and hash written): rows deleted from the end are found here.
func (v *ChainVerifier) Finish(headSeq int64, headHash string) error {
	if headSeq == v.prevSeq && headHash != v.prevHash {
		return fmt.Errorf("audit row %d: does not match the hash the log's head records for it (the row was replaced)", headSeq)
	}
	if headSeq != v.prevSeq {
		return fmt.Errorf("audit log ends at row %d but its head records row %d: rows %d–%d were deleted",
			v.prevSeq, headSeq, v.prevSeq+1, headSeq)
	}
	return nil
}

// Rows returns how many rows were checked.
func (v *ChainVerifier) Rows() int64 { return v.n }

// AuditFilter selects audit rows, newest first. Zero fields select everything; Before
// pages backwards (rows with Seq < Before); Limit is clamped to 1…MaxAuditPage.
type AuditFilter struct {
	Before int64
	From   time.Time // inclusive
	To     time.Time // exclusive
	Login  string
	Action string
	Object string
	UnitID string
	Limit  int
}

// MaxAuditPage bounds one page of the audit log.
const MaxAuditPage = 1000

// Normalize fills the defaults: Before past the end, the widest time range, Limit 100.
func (f AuditFilter) Normalize() AuditFilter {
	if f.Before <= 0 {
		f.Before = 1<<63 - 1
	}
	if f.From.IsZero() {
		f.From = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if f.To.IsZero() {
		f.To = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	switch {
	case f.Limit <= 0:
		f.Limit = 100
	case f.Limit > MaxAuditPage:
		f.Limit = MaxAuditPage
	}
	return f
}

// ObjectHash is the SHA-256 (hex) of an object's canonical JSON, recorded in the audit row
// of the change that produced it. Callers that hold the object's bytes (a .docx) hash
// those instead.
func ObjectHash(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Request is what the audit log records of the request behind a change.
type Request struct {
	ID         string // the request id the HTTP layer gives every request
	ClientAddr string
	UserAgent  string
}

type requestKey struct{}

// WithRequest returns a context carrying r, set once by the HTTP layer.
func WithRequest(ctx context.Context, r Request) context.Context {
	return context.WithValue(ctx, requestKey{}, r)
}

// RequestFrom returns the request of ctx; the zero Request outside one (the command line).
func RequestFrom(ctx context.Context) Request {
	r, _ := ctx.Value(requestKey{}).(Request)
	return r
}

// NewAuditEntry returns the audit row of action on object by the actor of ctx, for the
// request of ctx, at now.
func NewAuditEntry(ctx context.Context, now time.Time, action, object, objectSHA256 string) AuditEntry {
	userID, login, roles, unit := FromContext(ctx).Who()
	r := RequestFrom(ctx)
	return AuditEntry{At: now, UserID: userID, Login: login, Role: roles, UnitID: unit, Action: action,
		Object: object, RequestID: r.ID, ClientAddr: r.ClientAddr, ObjectSHA256: objectSHA256}
}

type pendingKey struct{}

// WithAudit returns a context asking the store to record the change it makes with it as e,
// inside the change's own transaction: a service sets it just before a store write, and
// the store fills e's object and its hash, which only it knows (a new document's id, the
// SHA-256 of the issued file). A write whose context carries no entry records nothing.
func WithAudit(ctx context.Context, e AuditEntry) context.Context {
	return context.WithValue(ctx, pendingKey{}, e)
}

// AuditFrom returns the entry WithAudit put in ctx.
func AuditFrom(ctx context.Context) (AuditEntry, bool) {
	e, ok := ctx.Value(pendingKey{}).(AuditEntry)
	return e, ok
}
