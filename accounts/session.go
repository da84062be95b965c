package accounts

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"vanthu/access"
	"vanthu/apperr"
)

// SignedIn is the outcome of a sign-in: the cookie value to set (signed), the CSRF token
// the browser's script must send back with every state-changing request, and who signed in.
type SignedIn struct {
	Cookie    string
	CSRF      string
	ExpiresAt time.Time
	User      access.User
}

// SignIn checks a login and password and opens a session. Failures are counted per login
// (access.LockFor): a locked login is refused without looking at the password, and every
// failure, refusal or success appends an audit row. An unknown login costs the same
// argon2id work as a known one and gets the same answer.
func (s *Service) SignIn(ctx context.Context, login, password string) (SignedIn, error) {
	login = truncate(access.NormalizeLogin(login), 64)
	now := s.now()
	req := access.RequestFrom(ctx)
	failed := access.AuditEntry{At: now, Login: login, Action: access.ActSignInFailed, RequestID: req.ID, ClientAddr: req.ClientAddr}

	if _, until, err := s.db.LoginLock(ctx, login); err != nil {
		return SignedIn{}, err
	} else if now.Before(until) {
		failed.Object = "login:" + login
		if err := s.db.AppendAudit(ctx, failed); err != nil {
			return SignedIn{}, err
		}
		wait := int(math.Ceil(until.Sub(now).Seconds()))
		return SignedIn{}, apperr.New(apperr.Unauthenticated, fmt.Sprintf(msgLocked, wait))
	}

	u, hash, err := s.db.UserByLogin(ctx, login)
	known := err == nil
	if err != nil && apperr.CodeOf(err) != apperr.NotFound {
		return SignedIn{}, err
	}
	if !known {
		hash = s.dummy
	}
	ok, verr := s.verify(ctx, hash, password)
	if verr != nil {
		s.log.Error("stored password hash is unreadable", "user", login, "err", verr)
	}
	if !known || !ok || u.Disabled {
		failed.UserID = u.ID
		n, until, err := s.db.RecordLoginFailure(ctx, login, now, access.LockFor, failed)
		if err != nil {
			return SignedIn{}, err
		}
		if n > access.FreeFailures {
			wait := int(math.Ceil(until.Sub(now).Seconds()))
			return SignedIn{}, apperr.New(apperr.Unauthenticated, msgBadCredentials+" "+fmt.Sprintf(msgLocked, wait))
		}
		return SignedIn{}, apperr.New(apperr.Unauthenticated, msgBadCredentials)
	}

	// Guesses sent in parallel all pass the lock check above before the first failure is
	// counted: one that finds the password still meets the lock the others set.
	if _, until, err := s.db.LoginLock(ctx, login); err != nil {
		return SignedIn{}, err
	} else if now.Before(until) {
		failed.Object, failed.UserID = "login:"+login, u.ID
		if err := s.db.AppendAudit(ctx, failed); err != nil {
			return SignedIn{}, err
		}
		return SignedIn{}, apperr.New(apperr.Unauthenticated, fmt.Sprintf(msgLocked, int(math.Ceil(until.Sub(now).Seconds()))))
	}

	secret, secretHash, err := access.NewSecret(access.SessionPrefix)
	if err != nil {
		return SignedIn{}, apperr.Wrap(apperr.Internal, apperr.DefaultMessage(apperr.Internal), err)
	}
	sess := access.Session{UserID: u.ID, SecretHash: secretHash, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(access.MaxSessionAge), ClientAddr: req.ClientAddr, UserAgent: truncate(req.UserAgent, 200)}
	actor := s.actorOf(u, access.ViaSession)
	entry := access.NewAuditEntry(access.WithActor(ctx, actor), now, access.ActSignIn, "", "")
	if sess.ID, err = s.db.CreateSession(ctx, sess, login, entry); err != nil {
		return SignedIn{}, err
	}
	return SignedIn{Cookie: access.SignCookie(s.key, secret), CSRF: access.CSRFToken(s.key, secret),
		ExpiresAt: sess.ExpiresAt, User: u}, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// Session resolves a session cookie into its actor and the CSRF token the session's
// state-changing requests must carry. A cookie that is forged, unknown, revoked, expired
// or idle, or whose user is disabled, is Unauthenticated.
func (s *Service) Session(ctx context.Context, cookie string) (*access.Actor, string, error) {
	secret, ok := access.VerifyCookie(s.key, cookie)
	if !ok {
		return nil, "", access.ErrSignIn()
	}
	key := access.HashSecret(secret)
	now := s.now()
	if e, ok := s.cache.get(key, now); ok {
		return e.actor, e.csrf, nil
	}
	sess, err := s.db.SessionBySecret(ctx, key)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, "", access.ErrSignIn()
	} else if err != nil {
		return nil, "", err
	}
	if !sess.Active(now) {
		return nil, "", access.ErrSignIn()
	}
	u, _, err := s.db.UserByID(ctx, sess.UserID)
	if err != nil {
		return nil, "", err
	}
	if u.Disabled {
		return nil, "", access.ErrSignIn()
	}
	if now.Sub(sess.LastSeenAt) > touchEvery {
		if err := s.db.TouchSession(ctx, sess.ID, now); err != nil {
			s.log.Warn("touch session", "err", err)
		}
	}
	a := s.actorOf(u, access.ViaSession)
	a.SessionID = sess.ID
	csrf := access.CSRFToken(s.key, secret)
	until := min(now.Add(actorCacheTTL).UnixNano(), sess.ExpiresAt.UnixNano(), now.Add(access.IdleTimeout).UnixNano())
	s.cache.put(key, cachedActor{actor: a, csrf: csrf, until: time.Unix(0, until)})
	return a, csrf, nil
}

// Token resolves an API token (the text after "Bearer ") into its actor: the owner's
// grants, narrowed to the token's own if it has any, and only as far as the owner still
// holds them today.
func (s *Service) Token(ctx context.Context, bearer string) (*access.Actor, error) {
	if !strings.HasPrefix(bearer, access.TokenPrefix) {
		return nil, access.ErrSignIn()
	}
	key := access.HashSecret(bearer)
	now := s.now()
	if e, ok := s.cache.get(key, now); ok {
		return e.actor, nil
	}
	tok, err := s.db.TokenBySecret(ctx, key)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, access.ErrSignIn()
	} else if err != nil {
		return nil, err
	}
	if !tok.Active(now) {
		return nil, access.ErrSignIn()
	}
	u, _, err := s.db.UserByID(ctx, tok.UserID)
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, access.ErrSignIn()
	}
	a := s.actorOf(u, access.ViaToken)
	a.TokenID = tok.ID
	tree := s.tree()
	grants, ok := access.Narrow(a.Grants, tok.Grants, func(g access.Grant, unit string) bool { return g.Covers(unit, tree) })
	if !ok {
		// The owner lost a role the token was narrowed to: the token keeps what is left.
		grants = grants[:0]
		for _, want := range tok.Grants {
			if g, ok := access.Narrow(a.Grants, []access.UserGrant{want}, func(g access.Grant, unit string) bool { return g.Covers(unit, tree) }); ok {
				grants = append(grants, g...)
			}
		}
	}
	a.Grants = grants
	if tok.LastUsedAt == nil || now.Sub(*tok.LastUsedAt) > touchEvery {
		if err := s.db.TouchToken(ctx, tok.ID, now); err != nil {
			s.log.Warn("touch token", "err", err)
		}
	}
	until := now.Add(actorCacheTTL)
	if tok.ExpiresAt != nil && tok.ExpiresAt.Before(until) {
		until = *tok.ExpiresAt
	}
	s.cache.put(key, cachedActor{actor: a, until: until})
	return a, nil
}

// SignOut ends the session of the actor of ctx, server-side: the cookie is worthless
// afterwards even if a copy survives.
func (s *Service) SignOut(ctx context.Context) error {
	a := access.FromContext(ctx)
	if a == nil {
		return access.ErrSignIn()
	}
	if a.SessionID == 0 {
		return apperr.New(apperr.BadInput, msgNoSession)
	}
	defer s.cache.clear()
	return s.db.RevokeSession(ctx, a.SessionID, s.now(), s.audit(ctx, access.ActSignOut, "", ""))
}

// ChangePassword changes the password of the actor of ctx after checking the current one,
// and ends every other session of theirs (the one making the request stays signed in).
func (s *Service) ChangePassword(ctx context.Context, current, next string) error {
	a := access.FromContext(ctx)
	if a == nil || a.UserID == 0 {
		return access.ErrSignIn()
	}
	u, hash, err := s.db.UserByID(ctx, a.UserID)
	if err != nil {
		return err
	}
	if ok, _ := s.verify(ctx, hash, current); !ok {
		return apperr.InvalidFields(map[string]string{"current_password": msgWrongPassword})
	}
	if err := access.CheckPassword(u.Login, next); err != nil {
		return renameField(err, "password", "new_password")
	}
	newHash, err := s.hash(ctx, next)
	if err != nil {
		return err
	}
	defer s.cache.clear()
	return s.db.SetPassword(ctx, a.UserID, newHash, a.SessionID, s.now(),
		s.audit(ctx, access.ActPasswordChange, "", ""))
}

// renameField moves a field message of an Invalid error to another field name.
func renameField(err error, from, to string) error {
	e := apperr.As(err)
	if msg, ok := e.Fields[from]; ok {
		return apperr.InvalidFields(map[string]string{to: msg})
	}
	return err
}

// How long what ends is kept: an ended session for the sessions list, a failed login for
// the lock-out count. Who signed in, and who failed to, stays in the audit log.
const (
	KeepEndedSessions = 30 * 24 * time.Hour
	KeepLoginFailures = 24 * time.Hour
)

// ForgetEnded deletes the sessions that ended more than KeepEndedSessions ago and the
// login failures not repeated for KeepLoginFailures whose lock has passed, so neither table
// grows with every sign-in and every login someone tried. It returns how many rows went.
func (s *Service) ForgetEnded(ctx context.Context) (int64, error) {
	now := s.now()
	sessions, failures, err := s.db.ForgetSessions(ctx, now.Add(-KeepEndedSessions), now.Add(-KeepLoginFailures), now)
	return sessions + failures, err
}
