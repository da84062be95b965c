package access

import (
	"context"
	"fmt"

	"vanthu/apperr"
	"vanthu/directory"
)

// Everywhere is the unit of a grant that covers the whole organisation, and the unit passed
// to Can for an action on the organisation as a whole (replacing the directory, reading
// the audit log): only a grant made Everywhere allows such an action.
const Everywhere = ""

// Grant is one role held in one unit.
type Grant struct {
	Role   *Role
	UnitID string // Everywhere, or the unit the role is held in
}

// covers reports whether the grant's scope includes unitID.
func (g Grant) covers(unitID string, tree *directory.Tree) bool {
	switch {
	case g.UnitID == Everywhere:
		return true
	case unitID == Everywhere:
		return false
	case g.UnitID == unitID:
		return true
	case g.Role.Scope != ScopeSubtree || tree == nil:
		return false
	}
	for p, ok := tree.Parent(unitID); ok; p, ok = tree.Parent(p.ID) {
		if p.ID == g.UnitID {
			return true
		}
	}
	return false
}

// How an actor proved who they are.
const (
	ViaSession = "session" // a signed-in browser
	ViaToken   = "token"   // an API token
	ViaSystem  = "system"  // the command line, on the server itself
)

// Actor is who makes a request: a user and the grants they act with. For an API token the
// grants are the token's, never wider than its owner's.
type Actor struct {
	UserID    int64
	Login     string
	Name      string
	Grants    []Grant
	Via       string
	SessionID int64 // the session, when Via is ViaSession
	TokenID   int64 // the token, when Via is ViaToken
}

// System returns the actor of the command line: every permission, everywhere. It is never
// produced from a request.
func System(name string) *Actor {
	all := &Role{ID: "system", Name: "Hệ thống", Scope: ScopeSubtree, Permissions: Permissions,
		perms: make(map[Permission]bool, len(Permissions))}
	for _, p := range Permissions {
		all.perms[p] = true
	}
	return &Actor{Login: name, Name: name, Via: ViaSystem, Grants: []Grant{{Role: all, UnitID: Everywhere}}}
}

// Can reports whether the actor may do p on something belonging to unitID (the issuer of a
// document, the unit of a register), or on the organisation as a whole when unitID is
// Everywhere. A nil actor may do nothing.
func Can(a *Actor, p Permission, unitID string, tree *directory.Tree) bool {
	if a == nil {
		return false
	}
	for _, g := range a.Grants {
		if g.Role.Has(p) && g.covers(unitID, tree) {
			return true
		}
	}
	return false
}

// Holds reports whether the actor holds p in some unit: enough to ask for a list, which is
// then filtered with Visible.
func Holds(a *Actor, p Permission) bool {
	if a == nil {
		return false
	}
	for _, g := range a.Grants {
		if g.Role.Has(p) {
			return true
		}
	}
	return false
}

// Visible returns the units in which the actor may do p: all true when a grant covers the
// whole organisation, otherwise the set of unit IDs (each grant's unit, and the units
// under it for a subtree role).
func Visible(a *Actor, p Permission, tree *directory.Tree) (all bool, units map[string]bool) {
	units = map[string]bool{}
	if a == nil {
		return false, units
	}
	for _, g := range a.Grants {
		if !g.Role.Has(p) {
			continue
		}
		if g.UnitID == Everywhere {
			return true, nil
		}
		units[g.UnitID] = true
		if g.Role.Scope == ScopeSubtree && tree != nil {
			addSubtree(tree, g.UnitID, units)
		}
	}
	return false, units
}

func addSubtree(tree *directory.Tree, id string, into map[string]bool) {
	for _, c := range tree.Children(id) {
		into[c.ID] = true
		addSubtree(tree, c.ID, into)
	}
}

// actorKey is the context key of the actor; unexported so only this package sets it.
type actorKey struct{}

// WithActor returns a context carrying a. The one middleware that reads the session or
// the token calls it; nothing else should.
func WithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// FromContext returns the actor of the request, or nil when nobody is signed in.
func FromContext(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// Require returns nil when the actor in ctx may do p on unitID; otherwise an Unauthenticated
// error when nobody is signed in and a Forbidden one, naming the action and the unit, when
// the actor's roles or scope do not allow it.
func Require(ctx context.Context, p Permission, unitID string, tree *directory.Tree) error {
	a := FromContext(ctx)
	if a == nil {
		return ErrSignIn()
	}
	if Can(a, p, unitID, tree) {
		return nil
	}
	if tree == nil || unitID == Everywhere {
		return Forbid(p, unitID)
	}
	if u, ok := tree.Unit(unitID); ok {
		return forbid(p, fmt.Sprintf("%s (%s)", u.Name, unitID))
	}
	return Forbid(p, unitID)
}

// RequireAny is Require for a list the service filters afterwards: the actor must hold p
// in some unit.
func RequireAny(ctx context.Context, p Permission) error {
	a := FromContext(ctx)
	if a == nil {
		return ErrSignIn()
	}
	if Holds(a, p) {
		return nil
	}
	return Forbid(p, Everywhere)
}

// ErrSignIn is the error of a request made without a valid session or token.
func ErrSignIn() error {
	return apperr.New(apperr.Unauthenticated, msgSignIn)
}

// Forbid is the error of an actor refused p on unitID.
func Forbid(p Permission, unitID string) error {
	what := actionNames[p]
	if what == "" {
		what = string(p)
	}
	if unitID == Everywhere {
		return apperr.New(apperr.Forbidden, fmt.Sprintf(msgForbidden, what))
	}
	return forbid(p, fmt.Sprintf("%q", unitID))
}

// forbid is the error of an actor refused p on the unit named so.
func forbid(p Permission, unit string) error {
	what := actionNames[p]
	if what == "" {
		what = string(p)
	}
	return apperr.New(apperr.Forbidden, fmt.Sprintf(msgForbiddenUnit, what, unit))
}

// Who returns the actor's fields as the audit log records them: user id, login, the roles
// acted with ("admin@* secretariat@xa-a") and the unit of the first grant. A nil actor is
// recorded as nobody.
func (a *Actor) Who() (userID int64, login, roles, unitID string) {
	if a == nil {
		return 0, "", "", ""
	}
	var b []byte
	for i, g := range a.Grants {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, g.Role.ID...)
		b = append(b, '@')
		if g.UnitID == Everywhere {
			b = append(b, '*')
		} else {
			b = append(b, g.UnitID...)
		}
	}
	if len(a.Grants) > 0 {
		unitID = a.Grants[0].UnitID
	}
	return a.UserID, a.Login, string(b), unitID
}

// Grant returns the grant of role roleID in unitID, checking the role exists.
func (rs *Roles) Grant(roleID, unitID string) (Grant, error) {
	r, ok := rs.byID[roleID]
	if !ok {
		return Grant{}, apperr.InvalidFields(map[string]string{"role": fmt.Sprintf(msgUnknownRole, roleID)})
	}
	return Grant{Role: r, UnitID: unitID}, nil
}

// Covers reports whether g's scope includes unitID on tree.
func (g Grant) Covers(unitID string, tree *directory.Tree) bool { return g.covers(unitID, tree) }
