-- Idempotency keys (migration 011): the first answer to a request sent with a key.

-- name: insert-idempotency-key
INSERT INTO idempotency_keys (actor, idem_key, fingerprint, status, created_at)
VALUES (?, ?, ?, 0, ?)
ON CONFLICT (actor, idem_key) DO NOTHING;

-- name: get-idempotency-key
SELECT actor, idem_key, fingerprint, status, content_type, location, body, created_at
FROM idempotency_keys
WHERE actor = ? AND idem_key = ?;

-- name: delete-expired-idempotency-key
DELETE FROM idempotency_keys WHERE actor = ? AND idem_key = ? AND created_at < ?;

-- name: finish-idempotency-key
UPDATE idempotency_keys SET status = ?, content_type = ?, location = ?, body = ?
WHERE actor = ? AND idem_key = ? AND status = 0;

-- name: release-idempotency-key
DELETE FROM idempotency_keys WHERE actor = ? AND idem_key = ? AND status = 0;

-- name: delete-expired-idempotency-keys
DELETE FROM idempotency_keys WHERE created_at < ?;
