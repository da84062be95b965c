-- The version of the organisation directory: one row, raised by every replacement of the
-- units or groups in the same transaction. Servers sharing the database compare it with
-- the version they hold to reload a directory another server changed, and an import built
-- on an older version than this one is refused instead of writing stale data back.
-- Versions start at 1, so that 0 can mean "no version given".

CREATE TABLE directory_version (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version BIGINT  NOT NULL CHECK (version > 0)
);

INSERT INTO directory_version (id, version) VALUES (1, 1);
