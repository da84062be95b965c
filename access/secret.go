package access

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// Prefixes of the secrets handed out, so a token pasted into a chat or a log is
// recognisable (and can be found by secret scanners).
const (
	TokenPrefix   = "vt_"  // API tokens
	SessionPrefix = "vts_" // session cookies
)

// secretBytes is the entropy of a session or token secret: 256 bits.
const secretBytes = 32

// NewSecret returns a random secret with prefix, to be given to the user once, and its
// hash, the only form stored. A stolen copy of the database therefore yields no usable
// session or token.
func NewSecret(prefix string) (secret, hash string, err error) {
	b := make([]byte, secretBytes)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	secret = prefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, HashSecret(secret), nil
}

// HashSecret returns the hex SHA-256 of a secret: what is stored and looked up. Secrets
// carry 256 random bits, so a fast hash suffices (no salt, no argon2), which keeps the
// per-request cost of a token to one hash and one indexed read.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// SignCookie returns value.signature, the HMAC-SHA256 of value under key: a cookie a
// client altered is refused before the database is asked.
func SignCookie(key []byte, value string) string {
	return value + "." + cookieMAC(key, value)
}

// VerifyCookie returns the value of a signed cookie, and false when the signature does not
// match (compared in constant time).
func VerifyCookie(key []byte, signed string) (string, bool) {
	i := strings.LastIndexByte(signed, '.')
	if i <= 0 {
		return "", false
	}
	value, mac := signed[:i], signed[i+1:]
	if !hmac.Equal([]byte(mac), []byte(cookieMAC(key, value))) {
		return "", false
	}
	return value, true
}

func cookieMAC(key []byte, value string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(value))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// CSRFToken derives the anti-forgery token of a session from its secret: the browser's
// script reads it from the sign-in answer (or GET /api/me) and sends it back in the
// X-CSRF-Token header; a forged cross-site request cannot know it. Deriving it, rather than
// storing it, keeps one secret per session.
func CSRFToken(key []byte, sessionSecret string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("csrf\x00"))
	m.Write([]byte(sessionSecret))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// EqualToken compares two tokens in constant time.
func EqualToken(a, b string) bool { return hmac.Equal([]byte(a), []byte(b)) }
