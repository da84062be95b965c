package access

import "time"

// Sign-in throttling. Failures are counted per login name (known or not, so the answer
// does not tell which logins exist) and reset by a successful sign-in. The first
// FreeFailures cost nothing; each one after locks the login for twice as long as the one
// before, from one second up to MaxLock: a guesser gets a few hundred tries a day, a user
// who mistyped waits seconds.
const (
	FreeFailures = 3
	MaxLock      = 15 * time.Minute
)

// LockFor returns how long a login stays locked after its n-th consecutive failure.
func LockFor(n int) time.Duration {
	if n <= FreeFailures {
		return 0
	}
	d := time.Second
	for i := FreeFailures + 1; i < n && d < MaxLock; i++ {
		d *= 2
	}
	return min(d, MaxLock)
}

// Session lifetimes. A session ends after IdleTimeout without a request or MaxSessionAge
// after sign-in, whichever comes first: a workstation left signed in overnight in an office
// is signed out by morning.
const (
	IdleTimeout   = 2 * time.Hour
	MaxSessionAge = 12 * time.Hour
)
