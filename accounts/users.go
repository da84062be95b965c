package accounts

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"vanthu/access"
	"vanthu/apperr"
)

// NewUser is a request to create a user.
type NewUser struct {
	Login    string             `json:"login"`
	Name     string             `json:"name"`
	Password string             `json:"password"`
	Roles    []access.UserGrant `json:"roles"`
}

// UserUpdate changes a user: name, disabled flag and roles (all replaced); a non-empty
// Password resets the password and ends every session of the user.
type UserUpdate struct {
	Name     string             `json:"name"`
	Disabled bool               `json:"disabled"`
	Roles    []access.UserGrant `json:"roles"`
	Password string             `json:"password"`
}

// checkGrants checks the actor may give each grant: the role exists, the unit exists and
// lies inside the actor's user.manage scope (an admin of a commune manages the commune's
// people, and cannot make anyone an admin of the province).
func (s *Service) checkGrants(a *access.Actor, grants []access.UserGrant) error {
	if len(grants) == 0 {
		return apperr.InvalidFields(map[string]string{"roles": msgNoGrant})
	}
	if _, err := s.resolveGrants(grants); err != nil {
		return err
	}
	tree := s.tree()
	for _, g := range grants {
		if !access.Can(a, access.UserManage, g.UnitID, tree) {
			unit := g.UnitID
			if unit == access.Everywhere {
				unit = "toàn hệ thống"
			}
			return apperr.New(apperr.Forbidden, fmt.Sprintf(msgGrantOutside, unit))
		}
	}
	return nil
}

// manages reports whether the actor may manage u: every grant of u inside the actor's
// scope (a user without grants only by an admin of the whole organisation).
func (s *Service) manages(a *access.Actor, u access.User) bool {
	tree := s.tree()
	if len(u.Grants) == 0 {
		return access.Can(a, access.UserManage, access.Everywhere, tree)
	}
	for _, g := range u.Grants {
		if !access.Can(a, access.UserManage, g.UnitID, tree) {
			return false
		}
	}
	return true
}

// CreateUser creates a user with a password and roles. The actor needs user.manage over
// every unit the roles are given in.
func (s *Service) CreateUser(ctx context.Context, req NewUser) (access.User, error) {
	if err := access.RequireAny(ctx, access.UserManage); err != nil {
		return access.User{}, err
	}
	a := access.FromContext(ctx)
	u := access.User{Login: access.NormalizeLogin(req.Login), Name: cleanName(req.Name), Grants: req.Roles}
	fields := map[string]string{}
	if err := access.CheckLogin(u.Login); err != nil {
		fields["login"] = apperr.As(err).Fields["login"]
	}
	if msg := nameProblem(u.Name); msg != "" {
		fields["name"] = msg
	}
	if err := access.CheckPassword(u.Login, req.Password); err != nil {
		fields["password"] = apperr.As(err).Fields["password"]
	}
	if len(fields) > 0 {
		return access.User{}, apperr.InvalidFields(fields)
	}
	if err := s.checkGrants(a, u.Grants); err != nil {
		return access.User{}, err
	}
	hash, err := s.hash(ctx, req.Password)
	if err != nil {
		return access.User{}, err
	}
	id, err := s.db.CreateUser(ctx, u, hash, s.now(), s.audit(ctx, access.ActUserCreate, "", ""))
	if err != nil {
		return access.User{}, err
	}
	u, _, err = s.db.UserByID(ctx, id)
	return u, err
}

// Users lists the users the actor may manage.
func (s *Service) Users(ctx context.Context) ([]access.User, error) {
	if err := access.RequireAny(ctx, access.UserManage); err != nil {
		return nil, err
	}
	a := access.FromContext(ctx)
	all, err := s.db.Users(ctx)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, u := range all {
		if s.manages(a, u) {
			out = append(out, u)
		}
	}
	return out, nil
}

// User returns one user the actor may manage; others are NotFound, so their existence is
// not revealed.
func (s *Service) User(ctx context.Context, id int64) (access.User, error) {
	if err := access.RequireAny(ctx, access.UserManage); err != nil {
		return access.User{}, err
	}
	u, _, err := s.db.UserByID(ctx, id)
	if err != nil {
		return access.User{}, err
	}
	if !s.manages(access.FromContext(ctx), u) {
		return access.User{}, apperr.New(apperr.NotFound, msgUserNotFound)
	}
	return u, nil
}

// UpdateUser changes a user the actor manages, within the actor's scope. An admin cannot
// disable themself (there would be no one left to undo it).
func (s *Service) UpdateUser(ctx context.Context, id int64, req UserUpdate) (access.User, error) {
	u, err := s.User(ctx, id)
	if err != nil {
		return access.User{}, err
	}
	a := access.FromContext(ctx)
	if req.Disabled && id == a.UserID {
		return access.User{}, apperr.InvalidFields(map[string]string{"disabled": msgSelf})
	}
	u.Name = cleanName(req.Name)
	if msg := nameProblem(u.Name); msg != "" {
		return access.User{}, apperr.InvalidFields(map[string]string{"name": msg})
	}
	u.Disabled, u.Grants = req.Disabled, req.Roles
	if err := s.checkGrants(a, u.Grants); err != nil {
		return access.User{}, err
	}
	if req.Password != "" {
		if err := access.CheckPassword(u.Login, req.Password); err != nil {
			return access.User{}, err
		}
	}
	defer s.cache.clear()
	if err := s.db.UpdateUser(ctx, u, s.now(), s.audit(ctx, access.ActUserUpdate, "", "")); err != nil {
		return access.User{}, err
	}
	if req.Password != "" {
		hash, err := s.hash(ctx, req.Password)
		if err != nil {
			return access.User{}, err
		}
		if err := s.db.SetPassword(ctx, u.ID, hash, 0, s.now(), s.audit(ctx, access.ActPasswordChange, "", "")); err != nil {
			return access.User{}, err
		}
	}
	u, _, err = s.db.UserByID(ctx, id)
	return u, err
}

// maxNameLen is the longest full name kept, in characters: far above any real name, low
// enough that a pasted page does not end up in every audit row and list.
const maxNameLen = 200

// cleanName is a full name as kept: NFC, without the invisible format characters (zero-width
// space, BOM, soft hyphen…) that would make an empty name look filled in, spaces collapsed.
func cleanName(name string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) || unicode.IsControl(r) {
			return -1
		}
		return r
	}, norm.NFC.String(name))
	return strings.Join(strings.Fields(name), " ")
}

// nameProblem says what is wrong with a cleaned full name, "" if nothing.
func nameProblem(name string) string {
	switch {
	case name == "":
		return msgName
	case utf8.RuneCountInString(name) > maxNameLen:
		return fmt.Sprintf(msgNameLong, maxNameLen)
	}
	return ""
}

// AddDemoUsers creates users in a database that has none, and reports how many it
// created: 0 when any user exists already.
func (s *Service) AddDemoUsers(ctx context.Context, users []NewUser) (int, error) {
	n, err := s.db.UserCount(ctx)
	if err != nil || n > 0 {
		return 0, err
	}
	for _, u := range users {
		if _, err := s.CreateUser(ctx, u); err != nil {
			return 0, fmt.Errorf("demo user %s: %w", u.Login, err)
		}
	}
	return len(users), nil
}

// ListRoles returns the roles, for an actor who manages users.
func (s *Service) ListRoles(ctx context.Context) ([]*access.Role, error) {
	if err := access.RequireAny(ctx, access.UserManage); err != nil {
		return nil, err
	}
	return s.roles.List(), nil
}
