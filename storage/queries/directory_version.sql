-- The version of the directory (migration 010): one row, raised with every replacement.

-- name: get-directory-version
SELECT version FROM directory_version WHERE id = 1;

-- name: bump-directory-version
-- Raises the version only if it is still the one the replacement was built on: on
-- PostgreSQL a concurrent replacement waits on the row lock, then finds the version moved
-- and changes nothing.
UPDATE directory_version SET version = version + 1 WHERE id = 1 AND version = ?;
