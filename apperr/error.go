package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an application error. The HTTP layer maps each code to a status in one
// table; domain code never speaks HTTP.
type Code string

// The error codes.
const (
	Invalid  Code = "invalid"   // the user's input breaks a rule: 422 with field messages
	NotFound Code = "not_found" // no such thing: 404
	Conflict Code = "conflict"  // the thing is in a state that forbids the action: 409
	TooLarge Code = "too_large" // the request body is over the limit: 413
	BadInput Code = "bad_input" // the request cannot be read at all (bad JSON, bad CSV): 400
	Internal Code = "internal"  // our fault; the user sees a generic message, the log the cause

	// StorageFull: the database's disk (or quota) is full, so nothing can be written until an
	// administrator frees space; reads go on working: 503.
	StorageFull Code = "storage_full"

	Unauthenticated Code = "unauthenticated" // no valid session or token: 401
	Forbidden       Code = "forbidden"       // the actor may not do this: 403

	Unavailable Code = "unavailable" // a part the request needs is missing or overloaded (LibreOffice): 503
)

// Error is the one error type of the application. Message is Vietnamese and shown to the
// user; Fields maps a field name to its Vietnamese message; Cause is logged, never shown.
type Error struct {
	Code    Code
	Message string
	Fields  map[string]string
	Cause   error
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Cause)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Cause }

// New returns an error with a code and a user message.
func New(code Code, message string) *Error { return &Error{Code: code, Message: message} }

// Wrap returns an error with a code, a user message and the cause to log.
func Wrap(code Code, message string, cause error) *Error {
	return &Error{Code: code, Message: message, Cause: cause}
}

// InvalidFields returns the validation error carrying a field → message map.
func InvalidFields(fields map[string]string) *Error {
	return &Error{Code: Invalid, Message: DefaultMessage(Invalid), Fields: fields}
}

// CodeOf returns the code of err, Internal when err is not an *Error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// As returns err as an *Error; an unknown error becomes Internal with a generic message and
// err as its cause.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: Internal, Message: DefaultMessage(Internal), Cause: err}
}
