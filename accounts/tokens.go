package accounts

import (
	"context"
	"strings"
	"time"

	"vanthu/access"
	"vanthu/apperr"
)

// NewToken is a request for an API token.
type NewToken struct {
	Name string `json:"name"`
	// Roles narrows the token below its owner's roles; empty means the owner's.
	Roles []access.UserGrant `json:"roles"`
	// ExpiresInDays is the token's lifetime, 1 to 365 days; 0 means 90.
	ExpiresInDays int `json:"expires_in_days"`
}

// CreatedToken is a new token with its secret, which is shown this once and never again.
type CreatedToken struct {
	Secret string       `json:"token"`
	Token  access.Token `json:"info"`
}

// CreateToken creates an API token for the actor of ctx, never wider than the actor's own
// grants. A token cannot create tokens of its own: only a signed-in person can.
func (s *Service) CreateToken(ctx context.Context, req NewToken) (CreatedToken, error) {
	return s.createToken(ctx, access.FromContext(ctx), req)
}

// createToken creates a token of owner; the audit row names the actor of ctx, who may be
// the owner or the operator (TokenFor).
func (s *Service) createToken(ctx context.Context, a *access.Actor, req NewToken) (CreatedToken, error) {
	if a == nil || a.UserID == 0 {
		return CreatedToken{}, access.ErrSignIn()
	}
	if a.Via == access.ViaToken {
		return CreatedToken{}, apperr.New(apperr.Forbidden, msgNoSession)
	}
	req.Name = strings.TrimSpace(req.Name)
	if req.Name == "" || len(req.Name) > 200 {
		return CreatedToken{}, apperr.InvalidFields(map[string]string{"name": msgTokenName})
	}
	days := req.ExpiresInDays
	if days == 0 {
		days = 90
	}
	if days < 1 || days > 365 {
		return CreatedToken{}, apperr.InvalidFields(map[string]string{"expires_in_days": msgTokenExpiry})
	}
	tree := s.tree()
	if _, ok := access.Narrow(a.Grants, req.Roles, func(g access.Grant, unit string) bool { return g.Covers(unit, tree) }); !ok {
		return CreatedToken{}, apperr.InvalidFields(map[string]string{"roles": msgTokenWider})
	}
	if _, err := s.resolveGrants(req.Roles); err != nil {
		return CreatedToken{}, err
	}
	secret, hash, err := access.NewSecret(access.TokenPrefix)
	if err != nil {
		return CreatedToken{}, apperr.Wrap(apperr.Internal, apperr.DefaultMessage(apperr.Internal), err)
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	expires := now.Add(time.Duration(days) * 24 * time.Hour)
	t := access.Token{UserID: a.UserID, Name: req.Name, SecretHash: hash, Grants: req.Roles, CreatedAt: now, ExpiresAt: &expires}
	if t.Grants == nil {
		t.Grants = []access.UserGrant{}
	}
	if t.ID, err = s.db.CreateToken(ctx, t, s.audit(ctx, access.ActTokenCreate, "", "")); err != nil {
		return CreatedToken{}, err
	}
	return CreatedToken{Secret: secret, Token: t}, nil
}

// Tokens lists the tokens of the actor of ctx, revoked ones too.
func (s *Service) Tokens(ctx context.Context) ([]access.Token, error) {
	a := access.FromContext(ctx)
	if a == nil || a.UserID == 0 {
		return nil, access.ErrSignIn()
	}
	return s.db.Tokens(ctx, a.UserID)
}

// RevokeToken revokes one of the actor's own tokens.
func (s *Service) RevokeToken(ctx context.Context, id int64) error {
	a := access.FromContext(ctx)
	if a == nil || a.UserID == 0 {
		return access.ErrSignIn()
	}
	defer s.cache.clear()
	return s.db.RevokeToken(ctx, a.UserID, id, s.now(), s.audit(ctx, access.ActTokenRevoke, "", ""))
}

// TokenFor creates an API token for the user login, as the command line does for an
// operator (vanthu token add) and tests do: it needs user.manage over the whole
// organisation, which only the system actor and admins of everything hold.
func (s *Service) TokenFor(ctx context.Context, login string, req NewToken) (CreatedToken, error) {
	if err := access.Require(ctx, access.UserManage, access.Everywhere, s.tree()); err != nil {
		return CreatedToken{}, err
	}
	u, _, err := s.db.UserByLogin(ctx, access.NormalizeLogin(login))
	if err != nil {
		return CreatedToken{}, err
	}
	return s.createToken(ctx, s.actorOf(u, access.ViaSession), req)
}
