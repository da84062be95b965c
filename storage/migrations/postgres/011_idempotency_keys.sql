-- Retry safety: the first answer to a request sent with an Idempotency-Key header, kept
-- 24 hours so that a retry of the same request gets it again instead of the work done
-- twice. The row is inserted (status 0) before the work starts, so a concurrent retry
-- finds it and is told to wait; it gets the answer when the work is done, and is deleted
-- if the work failed on the server's side, so that a retry may do it.
--
-- actor scopes keys to who sends them; '' until requests carry an identity.

CREATE TABLE idempotency_keys (
    actor        TEXT    NOT NULL DEFAULT '',
    idem_key     TEXT    NOT NULL,
    fingerprint  TEXT    NOT NULL,
    status       INTEGER NOT NULL DEFAULT 0,
    content_type TEXT    NOT NULL DEFAULT '',
    location     TEXT    NOT NULL DEFAULT '',
    body         BYTEA    NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (actor, idem_key)
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
