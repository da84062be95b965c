-- Secret documents are registered and numbered apart (Decree 30/2020/NĐ-CP, art. 15.2:
-- "Văn bản mật được đăng ký, đánh số riêng"): a series is keyed by issuer, secrecy and
-- year, so the first secret document of a year is number 1 while the ordinary series goes
-- on. A document keeps its secrecy (độ mật) and urgency (độ khẩn) marks; its register line
-- keeps them too, frozen with the rest of the line.
--
-- SQLite cannot change a table's UNIQUE constraint, so the three tables are rebuilt. The
-- migration runs in a transaction, where foreign_keys cannot be switched off:
-- defer_foreign_keys holds the checks until commit instead. documents is re-created under
-- its own name before its rows are copied back, so that the rows of the tables referring
-- to it (document_files, committees, commendations) find their parent again; dropping it
-- first and renaming a copy afterwards would leave them pointing at nothing.

PRAGMA defer_foreign_keys = ON;

CREATE TABLE number_series_040 (
    issuer_id   TEXT    NOT NULL,
    secret      BOOLEAN NOT NULL DEFAULT FALSE CHECK (secret IN (0, 1)),
    year        INTEGER NOT NULL,
    last_number INTEGER NOT NULL CHECK (last_number > 0),
    PRIMARY KEY (issuer_id, secret, year)
);
INSERT INTO number_series_040 (issuer_id, secret, year, last_number)
SELECT issuer_id, FALSE, year, last_number FROM number_series;
DROP TABLE number_series;
ALTER TABLE number_series_040 RENAME TO number_series;

CREATE TABLE register_entries_040 AS SELECT * FROM register_entries;
DROP TABLE register_entries;

CREATE TABLE documents_040 AS SELECT * FROM documents;
-- AUTOINCREMENT's high-water mark goes with the table: keep it, so that an id once used
-- is never given again.
CREATE TABLE documents_sequence_040 AS SELECT seq FROM sqlite_sequence WHERE name = 'documents';
DROP TABLE documents;

CREATE TABLE documents (
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
    -- secret is secrecy <> '', kept as a column for the series key.
    secret      BOOLEAN   NOT NULL DEFAULT FALSE CHECK (secret IN (0, 1)),
    secrecy     TEXT      NOT NULL DEFAULT '',
    urgency     TEXT      NOT NULL DEFAULT '',
    CHECK ((status = 'draft' AND year IS NULL AND number IS NULL AND issued_at IS NULL)
        OR (status = 'issued' AND year IS NOT NULL AND number > 0 AND issued_at IS NOT NULL)),
    CHECK (secret = (secrecy <> '')),
    UNIQUE (issuer_id, secret, year, number)
);
INSERT INTO documents (id, form_id, issuer_id, status, data, recipients, subject, kind_title, symbol,
                       year, number, corrects_id, created_at, updated_at, issued_at, sha256)
SELECT id, form_id, issuer_id, status, data, recipients, subject, kind_title, symbol,
       year, number, corrects_id, created_at, updated_at, issued_at, sha256
FROM documents_040 ORDER BY id;
DROP TABLE documents_040;
CREATE INDEX documents_status ON documents (status, id);
UPDATE sqlite_sequence SET seq = (SELECT seq FROM documents_sequence_040)
WHERE name = 'documents' AND seq < (SELECT seq FROM documents_sequence_040);
INSERT INTO sqlite_sequence (name, seq)
SELECT 'documents', seq FROM documents_sequence_040
WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'documents');
DROP TABLE documents_sequence_040;

CREATE TABLE register_entries (
    document_id   INTEGER NOT NULL PRIMARY KEY REFERENCES documents (id),
    issuer_id     TEXT    NOT NULL,
    secret        BOOLEAN NOT NULL DEFAULT FALSE CHECK (secret IN (0, 1)),
    year          INTEGER NOT NULL,
    number        INTEGER NOT NULL,
    number_symbol TEXT    NOT NULL,
    issued_on     DATE    NOT NULL,
    title_subject TEXT    NOT NULL,
    signer        TEXT    NOT NULL DEFAULT '',
    recipients    TEXT    NOT NULL DEFAULT '',
    archive_unit  TEXT    NOT NULL DEFAULT '',
    copies        INTEGER NOT NULL DEFAULT 0,
    sent_on       TEXT    NOT NULL DEFAULT '',
    received_by   TEXT    NOT NULL DEFAULT '',
    note          TEXT    NOT NULL DEFAULT '',
    secrecy       TEXT    NOT NULL DEFAULT '',
    urgency       TEXT    NOT NULL DEFAULT '',
    CHECK (secret = (secrecy <> '')),
    UNIQUE (issuer_id, secret, year, number)
);
INSERT INTO register_entries (document_id, issuer_id, year, number, number_symbol, issued_on,
                              title_subject, signer, recipients, archive_unit, copies,
                              sent_on, received_by, note)
SELECT document_id, issuer_id, year, number, number_symbol, issued_on,
       title_subject, signer, recipients, archive_unit, copies, sent_on, received_by, note
FROM register_entries_040;
DROP TABLE register_entries_040;
