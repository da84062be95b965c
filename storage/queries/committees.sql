-- People, bodies, memberships and the decisions issued about bodies (issue 13).

-- name: insert-person
INSERT INTO people (name, gender, birth_year, unit_id, position, address, phone)
VALUES (?, ?, ?, ?, ?, ?, ?)
RETURNING id;

-- name: update-person
UPDATE people SET name = ?, gender = ?, birth_year = ?, unit_id = ?, position = ?, address = ?, phone = ?
WHERE id = ?;

-- name: get-person
SELECT id, name, gender, birth_year, unit_id, position, address, phone FROM people WHERE id = ?;

-- name: list-people
SELECT id, name, gender, birth_year, unit_id, position, address, phone
FROM people
WHERE (? = '' OR unit_id = ?)
ORDER BY name, id;

-- name: insert-body
INSERT INTO bodies (kind, unit_id, name, areas, term_start, term_end)
VALUES (?, ?, ?, ?, ?, ?)
RETURNING id;

-- name: get-body
SELECT id, kind, unit_id, name, areas, term_start, term_end FROM bodies WHERE id = ?;

-- name: list-bodies
SELECT id, kind, unit_id, name, areas, term_start, term_end
FROM bodies
WHERE (? = '' OR unit_id = ?) AND (? = '' OR kind = ?)
ORDER BY unit_id, kind, name, id;

-- name: list-memberships
SELECT m.id, m.body_id, m.person_id, m.role, m.start_on, COALESCE(m.end_on, '') AS end_on,
       COALESCE(m.decision_id, 0) AS decision_id,
       p.name, p.gender, p.birth_year, p.unit_id, p.position, p.address, p.phone
FROM memberships m JOIN people p ON p.id = m.person_id
WHERE m.body_id = ?
ORDER BY m.start_on, m.id;

-- name: list-service-spans
SELECT m.person_id, m.start_on, COALESCE(m.end_on, '') AS end_on
FROM memberships m JOIN bodies b ON b.id = m.body_id
WHERE b.kind = ?
ORDER BY m.person_id, m.start_on;

-- name: close-membership
UPDATE memberships SET end_on = ? WHERE id = ? AND body_id = ? AND end_on IS NULL;

-- name: insert-membership
INSERT INTO memberships (body_id, person_id, role, start_on, decision_id) VALUES (?, ?, ?, ?, ?);

-- name: link-memberships-to-decision
UPDATE memberships SET decision_id = ?
WHERE body_id = ? AND start_on <= ? AND decision_id IS NULL;

-- name: insert-body-decision
INSERT INTO body_decisions (document_id, body_id, decided_on) VALUES (?, ?, ?);

-- name: list-body-decisions
SELECT document_id, decided_on FROM body_decisions WHERE body_id = ? ORDER BY decided_on, document_id;
