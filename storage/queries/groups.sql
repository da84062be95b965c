-- Saved groups of recipients, with their members in printing order.

-- name: delete-group-members
DELETE FROM group_members;

-- name: delete-groups
DELETE FROM groups;

-- name: insert-group
INSERT INTO groups (id, name, position) VALUES (?, ?, ?);

-- name: insert-group-member
INSERT INTO group_members (group_id, unit_id, position) VALUES (?, ?, ?);

-- name: list-group-members
-- One row per member; a group without members gives one row with an empty unit_id.
SELECT g.id AS group_id, g.name AS group_name, COALESCE(m.unit_id, '') AS unit_id
FROM groups g
LEFT JOIN group_members m ON m.group_id = g.id
ORDER BY g.position, m.position;
