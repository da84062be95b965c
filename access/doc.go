// Package access says who may do what, and keeps the record of what was done.
//
// It holds the domain of identity and authorisation: roles and their permissions (data,
// loaded from templates/roles/*.json, so adding a role needs no code), the Actor who makes
// a request (a user with roles, each granted in a unit of the organisation tree) carried in
// the context.Context, the one check Can that services call before they act, password
// hashing (argon2id with its parameters encoded beside the hash), the secrets of sessions
// and API tokens (random, stored only as their SHA-256), and the audit chain (each row
// carries the hash of the row before it, so an edited or deleted row is detected by
// VerifyChain).
//
// Authorisation is decided here and in the services that call Can, never in HTTP handlers
// or pages: the same rule then holds for the JSON API and every face added later.
//
// The package is pure domain code. It must not depend on HTTP (gin, net/http), on SQL or a
// database driver: storage keeps users, sessions, tokens and audit rows; the HTTP layer
// reads a cookie or a bearer token and puts the Actor it finds into the request's context.
// Its dependencies are the standard library, apperr, directory (the tree that gives a
// grant's subtree) and golang.org/x/crypto/argon2.
package access
