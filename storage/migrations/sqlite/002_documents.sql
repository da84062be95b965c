-- Documents from draft to issued, and the .docx of each issued one.
--
-- A draft has no year and no number (NULL, not 0): NULLs are distinct in a UNIQUE
-- constraint, so any number of drafts pass it while two issued documents of one issuer
-- can never share a number in a year.
-- Times are stored as text in UTC; the driver reads TIMESTAMP columns back as time.Time.

CREATE TABLE documents (
    -- AUTOINCREMENT: an id, once used in a link, is never given to another document.
    id          INTEGER   PRIMARY KEY AUTOINCREMENT,
    form_id     TEXT      NOT NULL,
    issuer_id   TEXT      NOT NULL REFERENCES units (id) DEFERRABLE INITIALLY DEFERRED,
    status      TEXT      NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
    data        TEXT      NOT NULL DEFAULT '{}',
    recipients  TEXT      NOT NULL DEFAULT '{}',
    subject     TEXT      NOT NULL DEFAULT '',
    kind_title  TEXT      NOT NULL DEFAULT '',
    symbol      TEXT      NOT NULL DEFAULT '',
    year        INTEGER   NULL,
    number      INTEGER   NULL,
    corrects_id INTEGER   NULL REFERENCES documents (id),
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    issued_at   TIMESTAMP NULL,
    sha256      TEXT      NOT NULL DEFAULT '',
    CHECK ((status = 'draft' AND year IS NULL AND number IS NULL AND issued_at IS NULL)
        OR (status = 'issued' AND year IS NOT NULL AND number > 0 AND issued_at IS NOT NULL)),
    UNIQUE (issuer_id, year, number)
);

CREATE INDEX documents_status ON documents (status, id);

CREATE TABLE document_files (
    document_id INTEGER NOT NULL PRIMARY KEY REFERENCES documents (id),
    docx        BLOB    NOT NULL,
    sha256      TEXT    NOT NULL
);
