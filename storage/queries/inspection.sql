-- The yearly "An toàn về an ninh, trật tự" recognition: rounds, rosters, registrations,
-- files and assessments (Circular 124/2021/TT-BCA).

-- name: insert-round
INSERT INTO inspection_rounds (year, authority_id, name, target, calendar, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
RETURNING id;

-- name: update-round
UPDATE inspection_rounds SET name = ?, target = ?, calendar = ?, updated_at = ? WHERE id = ?;

-- name: delete-round
DELETE FROM inspection_rounds WHERE id = ?;

-- name: get-round
SELECT id, year, authority_id, name, target, calendar, created_at, updated_at
FROM inspection_rounds
WHERE id = ?;

-- name: list-rounds
-- A zero year and an empty authority match every round.
SELECT id, year, authority_id, name, target, calendar, created_at, updated_at
FROM inspection_rounds
WHERE (CAST(? AS INTEGER) = 0 OR year = ?)
  AND (CAST(? AS TEXT) = '' OR authority_id = ?)
ORDER BY year DESC, id DESC;

-- name: put-object
-- A new object goes to the end of the roster; an object already there keeps its place and
-- its registration.
INSERT INTO inspection_objects (round_id, id, position, kind, name, parent_id, unit_id)
VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM inspection_objects WHERE round_id = ?), ?, ?, ?, ?)
ON CONFLICT (round_id, id) DO UPDATE
SET kind = excluded.kind, name = excluded.name, parent_id = excluded.parent_id, unit_id = excluded.unit_id;

-- name: delete-object
-- Its files and assessment go with it (ON DELETE CASCADE).
DELETE FROM inspection_objects WHERE round_id = ? AND id = ?;

-- name: get-object
SELECT round_id, id, kind, name, parent_id, unit_id, registered_on, registered_late, registration_note
FROM inspection_objects
WHERE round_id = ? AND id = ?;

-- name: list-objects
SELECT round_id, id, kind, name, parent_id, unit_id, registered_on, registered_late, registration_note
FROM inspection_objects
WHERE round_id = ?
ORDER BY position;

-- name: register-object
UPDATE inspection_objects SET registered_on = ?, registered_late = ?, registration_note = ?
WHERE round_id = ? AND id = ?;

-- name: insert-attachment
INSERT INTO inspection_attachments (round_id, object_id, doc_kind, name, content_type, size, sha256, data, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id;

-- name: list-attachments
SELECT id, round_id, object_id, doc_kind, name, content_type, size, sha256, created_at
FROM inspection_attachments
WHERE round_id = ? AND object_id = ?
ORDER BY id;

-- name: get-attachment
SELECT id, round_id, object_id, doc_kind, name, content_type, size, sha256, created_at, data
FROM inspection_attachments
WHERE round_id = ? AND id = ?;

-- name: insert-assessment
-- The first save of an object's checklist; a second first save conflicts on the key.
INSERT INTO inspection_assessments (round_id, object_id, answers, facts, version, updated_at, updated_by, late)
VALUES (?, ?, ?, ?, 1, ?, ?, ?);

-- name: update-assessment
-- Matches nothing when someone saved since the version the inspector opened.
UPDATE inspection_assessments
SET answers = ?, facts = ?, version = version + 1, updated_at = ?, updated_by = ?, late = ?
WHERE round_id = ? AND object_id = ? AND version = ?;

-- name: get-assessment
SELECT round_id, object_id, answers, facts, version, updated_at, updated_by, late
FROM inspection_assessments
WHERE round_id = ? AND object_id = ?;

-- name: list-assessments
SELECT round_id, object_id, answers, facts, version, updated_at, updated_by, late
FROM inspection_assessments
WHERE round_id = ?;

-- name: insert-certificate
-- Linking the same document twice is no change.
INSERT INTO inspection_certificates (round_id, object_id, document_id)
VALUES (?, ?, ?)
ON CONFLICT (round_id, object_id, document_id) DO NOTHING;

-- name: list-certificates
-- With the number and day the register gave each, oldest first.
SELECT c.round_id, c.object_id, c.document_id, d.issuer_id, d.number, d.symbol, d.issued_at
FROM inspection_certificates c
JOIN documents d ON d.id = c.document_id
WHERE c.round_id = ?
ORDER BY c.object_id, c.document_id;

-- name: get-certificate-file
-- Only a document linked to that object of that round.
SELECT f.docx
FROM inspection_certificates c
JOIN document_files f ON f.document_id = c.document_id
WHERE c.round_id = ? AND c.object_id = ? AND c.document_id = ?;
