-- Users and their roles in units.

-- name: insert-user
INSERT INTO users (login, name, password_hash, disabled, created_at, updated_at, password_changed_at)
VALUES (?, ?, ?, 0, ?, ?, ?)
RETURNING id;

-- name: get-user-login
SELECT id, login, name, disabled <> 0 AS disabled, created_at, password_hash
FROM users
WHERE login = ?;

-- name: get-user
SELECT id, login, name, disabled <> 0 AS disabled, created_at, password_hash
FROM users
WHERE id = ?;

-- name: list-users
SELECT id, login, name, disabled <> 0 AS disabled, created_at
FROM users
ORDER BY login;

-- name: update-user
UPDATE users SET name = ?, disabled = ?, updated_at = ? WHERE id = ?;

-- name: set-password
UPDATE users SET password_hash = ?, updated_at = ?, password_changed_at = ? WHERE id = ?;

-- name: list-user-roles
SELECT role, unit_id FROM user_roles WHERE user_id = ? ORDER BY role, unit_id;

-- name: list-all-user-roles
SELECT user_id, role, unit_id FROM user_roles ORDER BY user_id, role, unit_id;

-- name: delete-user-roles
DELETE FROM user_roles WHERE user_id = ?;

-- name: insert-user-role
INSERT INTO user_roles (user_id, role, unit_id) VALUES (?, ?, ?);

-- name: count-users
SELECT COUNT(*) FROM users;

-- name: get-login-failures
SELECT failures, locked_until FROM login_failures WHERE login = ?;

-- name: record-login-failure
INSERT INTO login_failures (login, failures, last_failed_at, locked_until)
VALUES (?, 1, ?, ?)
ON CONFLICT (login) DO UPDATE SET failures = login_failures.failures + 1, last_failed_at = excluded.last_failed_at
RETURNING failures;

-- name: lock-login
UPDATE login_failures SET locked_until = ? WHERE login = ?;

-- name: clear-login-failures
DELETE FROM login_failures WHERE login = ?;

-- name: insert-server-key
INSERT INTO server_keys (name, secret, created_at) VALUES (?, ?, ?)
ON CONFLICT (name) DO NOTHING;

-- name: get-server-key
SELECT secret FROM server_keys WHERE name = ?;

-- name: delete-stale-login-failures
-- Failures of logins not tried since a moment and no longer locked: the count starts again.
DELETE FROM login_failures WHERE last_failed_at < ? AND locked_until < ?;
