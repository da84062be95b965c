// Package apperr is the one error type of the application: a code, a Vietnamese message for
// the user, field messages for invalid input, and the cause for the log. Domain packages
// return it; only the HTTP layer turns codes into statuses. It depends on nothing.
package apperr
