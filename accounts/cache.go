package accounts

import (
	"sync"
	"time"

	"vanthu/access"
)

// actorCacheTTL is how long a resolved session or token is reused without asking the
// database again. Every request otherwise costs three reads (the secret, the user, the
// roles) on a pool of few SQLite connections that the issuing path also needs. A change
// made through this process (sign-out, revocation, password change, user or role change)
// empties the cache at once; a change made through another server process on the same
// database is seen within this time.
const actorCacheTTL = 2 * time.Second

// maxCachedActors bounds the cache; when full it is emptied.
const maxCachedActors = 10000

// cachedActor is a resolved credential.
type cachedActor struct {
	actor *access.Actor // shared, never changed after it is cached
	csrf  string
	until time.Time // the earliest of the TTL and the credential's own end
}

// actorCache maps the hash of a session or token secret to its resolved actor.
type actorCache struct {
	mu sync.Mutex
	m  map[string]cachedActor
}

func (c *actorCache) get(key string, now time.Time) (cachedActor, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || !now.Before(e.until) {
		return cachedActor{}, false
	}
	return e, true
}

func (c *actorCache) put(key string, e cachedActor) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedActors {
		c.m = make(map[string]cachedActor)
	}
	c.m[key] = e
}

// clear forgets every cached actor: called after any change to users, roles, sessions or
// tokens, so this process never acts on a revoked credential.
func (c *actorCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = nil
}
