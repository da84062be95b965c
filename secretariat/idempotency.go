package secretariat

import (
	"context"

	"vanthu/idempotency"
)

// BeginIdempotent starts a request sent with an idempotency key: it returns nil when the
// request is the first with key (the caller does the work, then calls FinishIdempotent
// or, if it failed on the server's side, AbandonIdempotent), or the kept first answer to
// send again. The key used for another request within idempotency.TTL is Invalid (422);
// the first request still running is a Conflict (409): the client waits and retries,
// rather than the server holding a connection open on another's work.
func (s *Service) BeginIdempotent(ctx context.Context, actor, key, fingerprint string) (*idempotency.Record, error) {
	if err := idempotency.CheckKey(key); err != nil {
		return nil, err
	}
	now := s.now()
	kept, err := s.db.ClaimIdempotencyKey(ctx, idempotency.Record{Actor: actor, Key: key, Fingerprint: fingerprint, CreatedAt: now},
		now.Add(-idempotency.TTL))
	if err != nil || kept == nil {
		return nil, err
	}
	return idempotency.Match(kept, fingerprint)
}

// FinishIdempotent keeps the answer r of the first request with r's key.
func (s *Service) FinishIdempotent(ctx context.Context, r idempotency.Record) error {
	return s.db.FinishIdempotencyKey(ctx, r)
}

// AbandonIdempotent forgets the claim of a request that failed on the server's side, so
// that a retry with its key does the work.
func (s *Service) AbandonIdempotent(ctx context.Context, actor, key string) error {
	return s.db.ReleaseIdempotencyKey(ctx, actor, key)
}

// CleanIdempotencyKeys deletes the keys older than idempotency.TTL and returns how many.
func (s *Service) CleanIdempotencyKeys(ctx context.Context) (int64, error) {
	return s.db.DeleteExpiredIdempotencyKeys(ctx, s.now().Add(-idempotency.TTL))
}
