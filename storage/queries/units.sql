-- The units of the organisation directory, in the order they were given.

-- name: delete-units
DELETE FROM units;

-- name: insert-unit
INSERT INTO units (id, parent_id, kind, name, short_name, label, head_title, place, position)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: update-unit
-- One unit's names and printing (directory.UnitEdit); its id, kind, parent and position stay.
UPDATE units SET name = ?, short_name = ?, label = ?, head_title = ?, place = ? WHERE id = ?;

-- name: list-units
SELECT id, COALESCE(parent_id, '') AS parent_id, kind, name, short_name, label, head_title, place
FROM units
ORDER BY position;

-- name: count-units
SELECT COUNT(*) FROM units;
