package access

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"vanthu/apperr"
)

// User is a person (or a system) who signs in. The password hash never leaves storage and
// the service: it is not part of this type's JSON.
type User struct {
	ID        int64       `json:"id" db:"id"`
	Login     string      `json:"login" db:"login"`
	Name      string      `json:"name" db:"name"`
	Disabled  bool        `json:"disabled" db:"disabled"`
	CreatedAt time.Time   `json:"created_at" db:"created_at"`
	Grants    []UserGrant `json:"roles"`
}

// UserGrant is a grant as stored and shown: a role id and a unit id (Everywhere for the
// whole organisation).
type UserGrant struct {
	Role   string `json:"role" db:"role"`
	UnitID string `json:"unit_id" db:"unit_id"`
}

// Session is a signed-in browser. Its secret is in the cookie; only its hash is stored.
type Session struct {
	ID         int64      `json:"id" db:"id"`
	UserID     int64      `json:"user_id" db:"user_id"`
	SecretHash string     `json:"-" db:"secret_hash"`
	CreatedAt  time.Time  `json:"created_at" db:"created_at"`
	LastSeenAt time.Time  `json:"last_seen_at" db:"last_seen_at"`
	ExpiresAt  time.Time  `json:"expires_at" db:"expires_at"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty" db:"revoked_at"`
	ClientAddr string     `json:"client_addr" db:"client_addr"`
	UserAgent  string     `json:"user_agent" db:"user_agent"`
}

// Active reports whether the session still signs its user in at now: not revoked, not past
// its absolute expiry, not idle for longer than IdleTimeout.
func (s *Session) Active(now time.Time) bool {
	return s.RevokedAt == nil && now.Before(s.ExpiresAt) && now.Sub(s.LastSeenAt) < IdleTimeout
}

// Token is an API token for scripts and other systems. Its secret is shown once, at
// creation; only its hash is stored. Grants, when not empty, narrow the token below its
// owner's roles.
type Token struct {
	ID         int64       `json:"id" db:"id"`
	UserID     int64       `json:"user_id" db:"user_id"`
	Name       string      `json:"name" db:"name"`
	SecretHash string      `json:"-" db:"secret_hash"`
	Grants     []UserGrant `json:"roles"`
	CreatedAt  time.Time   `json:"created_at" db:"created_at"`
	ExpiresAt  *time.Time  `json:"expires_at,omitempty" db:"expires_at"`
	LastUsedAt *time.Time  `json:"last_used_at,omitempty" db:"last_used_at"`
	RevokedAt  *time.Time  `json:"revoked_at,omitempty" db:"revoked_at"`
}

// Active reports whether the token still authenticates at now.
func (t *Token) Active(now time.Time) bool {
	return t.RevokedAt == nil && (t.ExpiresAt == nil || now.Before(*t.ExpiresAt))
}

// NormalizeLogin returns the login as stored and compared: NFC, trimmed, lower case, so
// "NguyenVanA" and "nguyenvana" are one account.
func NormalizeLogin(login string) string {
	return strings.ToLower(norm.NFC.String(strings.TrimSpace(login)))
}

// CheckLogin checks a new login: 3 to 64 letters, digits, dots, dashes or underscores.
func CheckLogin(login string) error {
	n := 0
	for _, r := range login {
		n++
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '-' && r != '_' {
			return apperr.InvalidFields(map[string]string{"login": msgLoginChars})
		}
	}
	if n < 3 || n > 64 {
		return apperr.InvalidFields(map[string]string{"login": msgLoginLength})
	}
	return nil
}

// Narrow returns the grants of a token: owner's grants when want is empty; otherwise each
// wanted grant must be covered by one of the owner's (same role, unit inside the owner's
// scope), so a token is never wider than its owner. covered reports whether the owner's
// grant covers a unit (Grant.covers on the current tree).
func Narrow(owner []Grant, want []UserGrant, covered func(Grant, string) bool) ([]Grant, bool) {
	if len(want) == 0 {
		return owner, true
	}
	out := make([]Grant, 0, len(want))
	for _, w := range want {
		found := false
		for _, g := range owner {
			if g.Role.ID == w.Role && covered(g, w.UnitID) {
				out = append(out, Grant{Role: g.Role, UnitID: w.UnitID})
				found = true
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	return out, true
}
