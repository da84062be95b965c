package accounts

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/directory"
)

// Store is what the accounts service needs kept. storage.DB implements it; taking it as
// an interface keeps the HTTP layer, which imports this package, free of storage.
type Store interface {
	CreateUser(ctx context.Context, u access.User, passwordHash string, now time.Time, audit access.AuditEntry) (int64, error)
	UserByLogin(ctx context.Context, login string) (access.User, string, error)
	UserByID(ctx context.Context, id int64) (access.User, string, error)
	Users(ctx context.Context) ([]access.User, error)
	UserCount(ctx context.Context) (int, error)
	UpdateUser(ctx context.Context, u access.User, now time.Time, audit access.AuditEntry) error
	SetPassword(ctx context.Context, userID int64, passwordHash string, keepSession int64, now time.Time, audit access.AuditEntry) error
	LoginLock(ctx context.Context, login string) (int, time.Time, error)
	RecordLoginFailure(ctx context.Context, login string, now time.Time, lockFor func(int) time.Duration, audit access.AuditEntry) (int, time.Time, error)
	ServerKey(ctx context.Context, name, fresh string) (string, error)

	CreateSession(ctx context.Context, s access.Session, login string, audit access.AuditEntry) (int64, error)
	SessionBySecret(ctx context.Context, secretHash string) (access.Session, error)
	TouchSession(ctx context.Context, id int64, now time.Time) error
	RevokeSession(ctx context.Context, id int64, now time.Time, audit access.AuditEntry) error
	CreateToken(ctx context.Context, t access.Token, audit access.AuditEntry) (int64, error)
	TokenBySecret(ctx context.Context, secretHash string) (access.Token, error)
	Tokens(ctx context.Context, userID int64) ([]access.Token, error)
	TouchToken(ctx context.Context, id int64, now time.Time) error
	RevokeToken(ctx context.Context, userID, id int64, now time.Time, audit access.AuditEntry) error
	ForgetSessions(ctx context.Context, before, failedBefore, now time.Time) (sessions, failures int64, err error)

	AppendAudit(ctx context.Context, e access.AuditEntry) error
	Audit(ctx context.Context, f access.AuditFilter) ([]access.AuditEntry, error)
	VerifyAudit(ctx context.Context) (int64, error)
}

// Config is what New needs. Now defaults to time.Now, Log to slog.Default(), Params to
// access.DefaultPasswordParams.
type Config struct {
	DB    Store
	Roles *access.Roles
	// Tree returns the directory as it is now (the secretariat's, which an import swaps).
	Tree   func() *directory.Tree
	Now    func() time.Time
	Log    *slog.Logger
	Params access.PasswordParams
}

// Service is the identity service. Build it once with New and share it.
type Service struct {
	db     Store
	roles  *access.Roles
	tree   func() *directory.Tree
	now    func() time.Time
	log    *slog.Logger
	params access.PasswordParams
	dummy  string // the hash an unknown login is verified against
	// hashing admits as many password hashes at once as there are CPUs: a burst of
	// sign-ins queues here instead of holding a block of argon2 memory each.
	hashing chan struct{}
	cache   actorCache
	key     []byte // signs session cookies and derives CSRF tokens
}

// signingKey names the cookie-signing key in the server_keys table.
const signingKey = "session-signing"

// touchEvery is how stale a session's or token's last use may get before a request writes
// it again: one write a minute per session instead of one per request.
const touchEvery = time.Minute

// New builds the service; the first start stores a fresh random cookie-signing key, which
// every later start (and every server on the same database) reads back.
func New(ctx context.Context, cfg Config) (*Service, error) {
	s := &Service{db: cfg.DB, roles: cfg.Roles, tree: cfg.Tree, now: cfg.Now, log: cfg.Log, params: cfg.Params}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.params == (access.PasswordParams{}) {
		s.params = access.DefaultPasswordParams
	}
	if s.tree == nil {
		return nil, fmt.Errorf("accounts: no directory tree")
	}
	s.dummy = access.DummyHash(s.params)
	s.hashing = make(chan struct{}, runtime.GOMAXPROCS(0))
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, err
	}
	key, err := s.db.ServerKey(ctx, signingKey, base64.RawStdEncoding.EncodeToString(fresh))
	if err != nil {
		return nil, err
	}
	if s.key, err = base64.RawStdEncoding.DecodeString(key); err != nil || len(s.key) < 32 {
		return nil, fmt.Errorf("accounts: the stored %s key is not 32 bytes of base64", signingKey)
	}
	return s, nil
}

// Roles returns the catalogue of roles.
func (s *Service) Roles() *access.Roles { return s.roles }

// audit returns the audit row of action on object by the actor of ctx, now.
func (s *Service) audit(ctx context.Context, action, object, sha string) access.AuditEntry {
	return access.NewAuditEntry(ctx, s.now(), action, object, sha)
}

// Record appends an audit row for a change another service made outside a transaction of
// its own (prefer appending in the change's own transaction where storage offers it).
func (s *Service) Record(ctx context.Context, action, object, sha string) error {
	return s.db.AppendAudit(ctx, s.audit(ctx, action, object, sha))
}

// actorOf resolves a user's stored grants into access grants; a role that no longer
// exists in the data files is skipped (and logged), so it grants nothing.
func (s *Service) actorOf(u access.User, via string) *access.Actor {
	a := &access.Actor{UserID: u.ID, Login: u.Login, Name: u.Name, Via: via, Grants: make([]access.Grant, 0, len(u.Grants))}
	for _, g := range u.Grants {
		grant, err := s.roles.Grant(g.Role, g.UnitID)
		if err != nil {
			s.log.Warn("user holds a role that no longer exists", "user", u.Login, "role", g.Role)
			continue
		}
		a.Grants = append(a.Grants, grant)
	}
	return a
}

// resolveGrants checks stored grants: known roles, known units.
func (s *Service) resolveGrants(grants []access.UserGrant) ([]access.Grant, error) {
	tree := s.tree()
	out := make([]access.Grant, 0, len(grants))
	for _, g := range grants {
		grant, err := s.roles.Grant(g.Role, g.UnitID)
		if err != nil {
			return nil, err
		}
		if g.UnitID != access.Everywhere {
			if _, ok := tree.Unit(g.UnitID); !ok {
				return nil, apperr.InvalidFields(map[string]string{"roles": fmt.Sprintf(msgUnknownUnit, g.UnitID)})
			}
		}
		out = append(out, grant)
	}
	return out, nil
}

// verify checks a password against a hash, one at a time per CPU (see hashing).
func (s *Service) verify(ctx context.Context, hash, password string) (bool, error) {
	select {
	case s.hashing <- struct{}{}:
	case <-ctx.Done():
		return false, ctx.Err()
	}
	defer func() { <-s.hashing }()
	return access.VerifyPassword(hash, password)
}

// hash hashes a new password, one at a time per CPU (see hashing).
func (s *Service) hash(ctx context.Context, password string) (string, error) {
	select {
	case s.hashing <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-s.hashing }()
	h, err := access.HashPassword(password, s.params)
	if err != nil {
		return "", apperr.Wrap(apperr.Internal, apperr.DefaultMessage(apperr.Internal), err)
	}
	return h, nil
}
