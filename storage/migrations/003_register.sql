-- Numbering and the outgoing register (sổ đăng ký văn bản đi, Decree 30/2020/NĐ-CP).
--
-- number_series holds the last number given by each issuer in each calendar year; a
-- steering committee that keeps its own series is simply another issuer. The row is
-- created by the first issue of the year, so numbers restart at 1 on 1 January.

CREATE TABLE number_series (
    issuer_id   TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    last_number INTEGER NOT NULL CHECK (last_number > 0),
    PRIMARY KEY (issuer_id, year)
);

-- One line per issued document, written in the issuing transaction and frozen with it:
-- what the register shows never changes when a draft, a unit name or a template changes
-- later. Only the columns the secretariat fills by hand (sent_on, received_by, note)
-- are updated afterwards.
CREATE TABLE register_entries (
    document_id   BIGINT  NOT NULL PRIMARY KEY REFERENCES documents (id),
    issuer_id     TEXT    NOT NULL,
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
    UNIQUE (issuer_id, year, number)
);
