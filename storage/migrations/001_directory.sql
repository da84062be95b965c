-- The organisation directory: a tree of units of any depth (two-tier since July 2025,
-- three-tier in the archives) and saved groups of recipients.
--
-- Foreign keys into units are DEFERRABLE INITIALLY DEFERRED because the directory is
-- replaced as a whole (delete all, insert all) in one transaction: the references only
-- have to hold at commit.

CREATE TABLE units (
    id         TEXT    NOT NULL PRIMARY KEY,
    parent_id  TEXT    NULL REFERENCES units (id) DEFERRABLE INITIALLY DEFERRED,
    kind       TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    short_name TEXT    NOT NULL DEFAULT '',
    label      TEXT    NOT NULL DEFAULT '',
    head_title TEXT    NOT NULL DEFAULT '',
    place      TEXT    NOT NULL DEFAULT '',
    -- position keeps the order the directory was given in (the order of the CSV).
    position   INTEGER NOT NULL
);

CREATE INDEX units_parent ON units (parent_id);

CREATE TABLE groups (
    id       TEXT    NOT NULL PRIMARY KEY,
    name     TEXT    NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE group_members (
    group_id TEXT    NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    unit_id  TEXT    NOT NULL REFERENCES units (id) DEFERRABLE INITIALLY DEFERRED,
    -- position keeps the members in the order they are printed.
    position INTEGER NOT NULL,
    PRIMARY KEY (group_id, unit_id)
);

CREATE INDEX group_members_unit ON group_members (unit_id);
