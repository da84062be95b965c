-- Users, their roles in units, sessions, API tokens, sign-in failures, the server's keys and
-- the audit log (issue 10). Times are stored as text in UTC; the driver reads TIMESTAMP
-- columns back as time.Time. Flags are INTEGER 0/1 on both databases.

CREATE TABLE users (
    -- AUTOINCREMENT: a user id, once in the audit log, is never given to another person.
    id                  INTEGER   PRIMARY KEY AUTOINCREMENT,
    login               TEXT      NOT NULL UNIQUE,
    name                TEXT      NOT NULL DEFAULT '',
    -- argon2id, PHC string format: the parameters travel with the hash.
    password_hash       TEXT      NOT NULL,
    disabled            INTEGER   NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    password_changed_at TIMESTAMP NOT NULL
);

-- A role held in a unit; unit_id '' means the whole organisation. No foreign key into
-- units: the directory is replaced as a whole, and a grant in a unit that left it simply
-- covers nothing until an admin changes it.
CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    TEXT    NOT NULL,
    unit_id TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (user_id, role, unit_id)
);

-- Only the SHA-256 of a session's secret is stored: the database holds nothing that signs
-- anyone in.
CREATE TABLE sessions (
    id           INTEGER   PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER   NOT NULL REFERENCES users (id),
    secret_hash  TEXT      NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    revoked_at   TIMESTAMP NULL,
    client_addr  TEXT      NOT NULL DEFAULT '',
    user_agent   TEXT      NOT NULL DEFAULT ''
);

CREATE INDEX sessions_user ON sessions (user_id);

-- grants narrows a token below its owner's roles: a JSON list of {role, unit_id}, '' for
-- the owner's roles as they are at each use.
CREATE TABLE api_tokens (
    id           INTEGER   PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER   NOT NULL REFERENCES users (id),
    name         TEXT      NOT NULL,
    secret_hash  TEXT      NOT NULL UNIQUE,
    grants       TEXT      NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NULL,
    last_used_at TIMESTAMP NULL,
    revoked_at   TIMESTAMP NULL
);

CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Consecutive failed sign-ins per login name, known or not.
CREATE TABLE login_failures (
    login          TEXT      NOT NULL PRIMARY KEY,
    failures       INTEGER   NOT NULL,
    last_failed_at TIMESTAMP NOT NULL,
    locked_until   TIMESTAMP NOT NULL
);

-- Keys the server generates once and keeps: the key that signs session cookies.
CREATE TABLE server_keys (
    name       TEXT      NOT NULL PRIMARY KEY,
    secret     TEXT      NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- The audit log: append-only, each row chained to the one before by prev_hash (see
-- access.AuditEntry). No foreign keys: the log must outlive what it names.
CREATE TABLE audit_log (
    seq           INTEGER   NOT NULL PRIMARY KEY,
    at            TIMESTAMP NOT NULL,
    user_id       INTEGER   NOT NULL DEFAULT 0,
    login         TEXT      NOT NULL DEFAULT '',
    role          TEXT      NOT NULL DEFAULT '',
    unit_id       TEXT      NOT NULL DEFAULT '',
    action        TEXT      NOT NULL,
    object        TEXT      NOT NULL DEFAULT '',
    request_id    TEXT      NOT NULL DEFAULT '',
    client_addr   TEXT      NOT NULL DEFAULT '',
    object_sha256 TEXT      NOT NULL DEFAULT '',
    prev_hash     TEXT      NOT NULL,
    hash          TEXT      NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user_id, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);

-- The head of the chain, one row: the last seq and hash written. Appending updates it in
-- the same transaction, which serialises appenders, and lets verification find rows
-- deleted from the end.
CREATE TABLE audit_head (
    id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT    NOT NULL
);

INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

-- The application never updates or deletes audit rows; the database refuses it too, so a
-- mistake cannot. (Someone with the database's own rights can drop these triggers: that
-- is what the hash chain is for.)
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
