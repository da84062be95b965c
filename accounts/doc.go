// Package accounts is the service of identity: signing in and out, resolving the session
// cookie or API token of a request into an access.Actor, changing passwords, API tokens,
// the administration of users and their roles, and reading the audit log.
//
// Every method that changes something appends its audit row in the same transaction, and
// every method checks the actor of its context.Context with access.Can before it acts: an
// HTTP handler only translates. Sign-in is the one method that needs no actor.
//
// It depends on access (the rules) and directory (the tree that gives scopes), and keeps
// its data through the Store interface, which storage.DB implements; never on HTTP: the cookie's name, flags and the CSRF header belong to
// httpapi, which hands this package only the cookie's value or the bearer token.
package accounts
