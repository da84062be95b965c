-- Committees, teams and councils as records (issue 13): people, bodies and dated
-- memberships, so the composition of a body on any past date follows from data, and the
-- decisions issued about each body.
--
-- Days are TEXT "YYYY-MM-DD" on both databases: they compare as strings, and a
-- membership holds on day d when start_on <= d and (end_on IS NULL or d < end_on).
-- Unit ids are not foreign keys: the directory is replaced whole by an import, while
-- these records must outlive a renamed or re-imported unit.

CREATE TABLE people (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL,
    gender     TEXT    NOT NULL CHECK (gender IN ('nam', 'nu')),
    birth_year INTEGER NOT NULL,
    unit_id    TEXT    NOT NULL DEFAULT '',
    position   TEXT    NOT NULL DEFAULT '',
    address    TEXT    NOT NULL DEFAULT '',
    phone      TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX people_unit ON people (unit_id);

CREATE TABLE bodies (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL,
    unit_id    TEXT NOT NULL,
    name       TEXT NOT NULL,
    -- areas: the unit ids of the villages a team covers, separated by ";".
    areas      TEXT NOT NULL DEFAULT '',
    term_start TEXT NOT NULL DEFAULT '',
    term_end   TEXT NOT NULL DEFAULT ''
);

CREATE INDEX bodies_unit ON bodies (unit_id, kind);

CREATE TABLE memberships (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    body_id     INTEGER NOT NULL REFERENCES bodies (id),
    person_id   INTEGER NOT NULL REFERENCES people (id),
    role        TEXT   NOT NULL,
    start_on    TEXT   NOT NULL,
    end_on      TEXT   NULL,
    decision_id INTEGER NULL REFERENCES documents (id),
    CHECK (end_on IS NULL OR start_on <= end_on)
);

CREATE INDEX memberships_body ON memberships (body_id, start_on);
CREATE INDEX memberships_person ON memberships (person_id);

-- One row per issued decision establishing or reorganising a body.
CREATE TABLE body_decisions (
    document_id INTEGER NOT NULL PRIMARY KEY REFERENCES documents (id),
    body_id     INTEGER NOT NULL REFERENCES bodies (id),
    decided_on  TEXT   NOT NULL
);

CREATE INDEX body_decisions_body ON body_decisions (body_id, decided_on);
