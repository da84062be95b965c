-- Sessions of signed-in browsers and API tokens. Both are found by the SHA-256 of their
-- secret, which is all the database keeps of it.

-- name: insert-session
INSERT INTO sessions (user_id, secret_hash, created_at, last_seen_at, expires_at, client_addr, user_agent)
VALUES (?, ?, ?, ?, ?, ?, ?)
RETURNING id;

-- name: get-session
SELECT id, user_id, secret_hash, created_at, last_seen_at, expires_at, revoked_at, client_addr, user_agent
FROM sessions
WHERE secret_hash = ?;

-- name: touch-session
UPDATE sessions SET last_seen_at = ? WHERE id = ? AND revoked_at IS NULL;

-- name: revoke-session
UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL;

-- name: revoke-user-sessions
UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND id <> ? AND revoked_at IS NULL;

-- name: list-user-sessions
SELECT id, user_id, secret_hash, created_at, last_seen_at, expires_at, revoked_at, client_addr, user_agent
FROM sessions
WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?
ORDER BY id;

-- name: insert-token
INSERT INTO api_tokens (user_id, name, secret_hash, grants, created_at, expires_at)
VALUES (?, ?, ?, ?, ?, ?)
RETURNING id;

-- name: get-token
SELECT id, user_id, name, secret_hash, grants, created_at, expires_at, last_used_at, revoked_at
FROM api_tokens
WHERE secret_hash = ?;

-- name: list-user-tokens
SELECT id, user_id, name, secret_hash, grants, created_at, expires_at, last_used_at, revoked_at
FROM api_tokens
WHERE user_id = ?
ORDER BY id;

-- name: touch-token
UPDATE api_tokens SET last_used_at = ? WHERE id = ?;

-- name: revoke-token
UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL;

-- name: delete-ended-sessions
-- Sessions ended (expired or revoked) before a moment: kept a while for the sessions list,
-- then forgotten; who signed in when is in the audit log.
DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?;
