package access

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"vanthu/apperr"
)

// PasswordParams are the argon2id costs of a new hash. They are encoded into every hash
// (PHC string format), so raising them later leaves old hashes verifiable; NeedsRehash tells
// the sign-in to store the password again under the new costs.
type PasswordParams struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// DefaultPasswordParams are one of OWASP's equivalent argon2id settings (7 MiB, 5 passes,
// 1 lane; the others trade memory for passes, down from 46 MiB and 1 pass). We take the
// low-memory end: the server runs under a 120 MB memory limit, and a burst of sign-ins
// holds one such block each while it hashes; each guess against a stolen hash still costs
// the attacker the same work.
var DefaultPasswordParams = PasswordParams{Memory: 7 * 1024, Time: 5, Threads: 1, SaltLen: 16, KeyLen: 32}

// Password length bounds. The upper bound keeps a sign-in request from buying seconds of
// CPU with a megabyte of password.
const (
	MinPasswordLen = 10  // characters
	MaxPasswordLen = 256 // bytes
)

// CheckPassword applies the password policy: length only (NIST SP 800-63B), and not the
// login itself. It returns an Invalid error naming the field "password".
func CheckPassword(login, password string) error {
	switch {
	case utf8.RuneCountInString(password) < MinPasswordLen:
		return apperr.InvalidFields(map[string]string{"password": fmt.Sprintf(msgPasswordShort, MinPasswordLen)})
	case len(password) > MaxPasswordLen:
		return apperr.InvalidFields(map[string]string{"password": fmt.Sprintf(msgPasswordLong, MaxPasswordLen)})
	case strings.EqualFold(strings.TrimSpace(password), strings.TrimSpace(login)):
		return apperr.InvalidFields(map[string]string{"password": msgPasswordCommon})
	}
	return nil
}

// HashPassword returns the argon2id hash of password with a fresh salt, encoded as
// $argon2id$v=19$m=…,t=…,p=…$salt$hash (unpadded base64).
func HashPassword(password string, p PasswordParams) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("access: salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// errBadHash is returned for a stored hash this package did not write.
var errBadHash = errors.New("access: not an argon2id hash")

// decodeHash parses an encoded hash.
func decodeHash(encoded string) (p PasswordParams, salt, key []byte, err error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil ||
		p.Memory == 0 || p.Time == 0 || p.Threads == 0 {
		return p, nil, nil, errBadHash
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil {
		return p, nil, nil, errBadHash
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) == 0 {
		return p, nil, nil, errBadHash
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// VerifyPassword reports whether password matches the encoded hash, comparing in constant
// time. An unreadable hash is an error, never a match.
func VerifyPassword(encoded, password string) (bool, error) {
	if len(password) > MaxPasswordLen {
		return false, nil
	}
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether encoded was made with other costs than p.
func NeedsRehash(encoded string, p PasswordParams) bool {
	q, _, _, err := decodeHash(encoded)
	return err != nil || q != p
}

// DummyHash is verified against when a sign-in names an unknown login, so that the answer
// takes as long as for a known one and does not tell which logins exist.
func DummyHash(p PasswordParams) string {
	h, err := HashPassword("vanthu-dummy-password", p)
	if err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return h
}
