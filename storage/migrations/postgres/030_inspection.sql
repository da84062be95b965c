-- The yearly "An toàn về an ninh, trật tự" recognition (Circular 124/2021/TT-BCA): rounds,
-- their rosters with registrations, registration files and assessments.
--
-- A round is one authority's recognition of one year (art. 3.1: once a year), so the pair
-- is unique. Its calendar (art. 8.2, 9.1) is kept as JSON: a snapshot taken when the round
-- was created, so changing the configuration does not move a running round's dates.
-- Dates are civil dates as text (YYYY-MM-DD) on both databases; an empty registered_on
-- means not registered.

CREATE TABLE inspection_rounds (
    id           BIGINT           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year         INTEGER          NOT NULL,
    authority_id TEXT             NOT NULL REFERENCES units (id) DEFERRABLE INITIALLY DEFERRED,
    name         TEXT             NOT NULL,
    target       DOUBLE PRECISION NOT NULL CHECK (target > 0 AND target <= 1),
    calendar     TEXT             NOT NULL DEFAULT '{}',
    created_at   TIMESTAMPTZ      NOT NULL,
    updated_at   TIMESTAMPTZ      NOT NULL,
    UNIQUE (authority_id, year)
);

-- position keeps the roster in the order it was given (the order of the annex lists).
CREATE TABLE inspection_objects (
    round_id          BIGINT  NOT NULL REFERENCES inspection_rounds (id) ON DELETE CASCADE,
    id                TEXT    NOT NULL,
    position          INTEGER NOT NULL,
    kind              TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    parent_id         TEXT    NOT NULL DEFAULT '',
    unit_id           TEXT    NOT NULL DEFAULT '',
    registered_on     TEXT    NOT NULL DEFAULT '',
    registered_late   BOOLEAN NOT NULL DEFAULT FALSE,
    registration_note TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (round_id, id)
);

CREATE INDEX inspection_objects_position ON inspection_objects (round_id, position);

CREATE TABLE inspection_attachments (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id     BIGINT    NOT NULL,
    object_id    TEXT      NOT NULL,
    doc_kind     TEXT      NOT NULL,
    name         TEXT      NOT NULL,
    content_type TEXT      NOT NULL,
    size         BIGINT    NOT NULL,
    sha256       TEXT      NOT NULL,
    data         BYTEA     NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (round_id, object_id) REFERENCES inspection_objects (round_id, id) ON DELETE CASCADE
);

CREATE INDEX inspection_attachments_object ON inspection_attachments (round_id, object_id);

-- version grows by one at each save: a save naming an older version is refused.
CREATE TABLE inspection_assessments (
    round_id   BIGINT    NOT NULL,
    object_id  TEXT      NOT NULL,
    answers    TEXT      NOT NULL DEFAULT '{}',
    facts      TEXT      NOT NULL DEFAULT '',
    version    INTEGER   NOT NULL CHECK (version > 0),
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT      NOT NULL DEFAULT '',
    late       BOOLEAN   NOT NULL DEFAULT FALSE,
    PRIMARY KEY (round_id, object_id),
    FOREIGN KEY (round_id, object_id) REFERENCES inspection_objects (round_id, id) ON DELETE CASCADE
);
