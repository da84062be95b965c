-- Commendation proposals, their nominees and votes, and the recognised areas (issue 13).

-- name: insert-proposal
INSERT INTO proposals (award_id, year, proposer_id, council_id, movement, summary)
VALUES (?, ?, ?, ?, ?, ?)
RETURNING id;

-- name: get-proposal
SELECT id, award_id, year, proposer_id, COALESCE(council_id, 0) AS council_id, movement, summary,
       COALESCE(meeting_on, '') AS meeting_on, COALESCE(submission_id, 0) AS submission_id,
       COALESCE(minutes_id, 0) AS minutes_id, COALESCE(decision_id, 0) AS decision_id
FROM proposals WHERE id = ?;

-- name: list-proposals
SELECT id, award_id, year, proposer_id, COALESCE(council_id, 0) AS council_id, movement, summary,
       COALESCE(meeting_on, '') AS meeting_on, COALESCE(submission_id, 0) AS submission_id,
       COALESCE(minutes_id, 0) AS minutes_id, COALESCE(decision_id, 0) AS decision_id
FROM proposals
WHERE (? = 0 OR year = ?) AND (? = '' OR proposer_id = ?)
ORDER BY year DESC, id;

-- name: set-meeting
UPDATE proposals SET meeting_on = ? WHERE id = ?;

-- name: set-submission
UPDATE proposals SET submission_id = ? WHERE id = ?;

-- name: set-minutes
UPDATE proposals SET minutes_id = ? WHERE id = ?;

-- name: set-award-decision
UPDATE proposals SET decision_id = ? WHERE id = ?;

-- name: set-certificate
UPDATE nominees SET certificate_id = ? WHERE id = ?;

-- name: insert-nominee
INSERT INTO nominees (proposal_id, kind, person_id, unit_id, name, position, achievement)
VALUES (?, ?, ?, ?, ?, ?, ?)
RETURNING id;

-- name: list-nominees
SELECT n.id, n.proposal_id, n.kind, COALESCE(n.person_id, 0) AS person_id, n.unit_id, n.name,
       n.position, n.achievement, COALESCE(p.gender, '') AS gender, COALESCE(n.certificate_id, 0) AS certificate_id,
       COALESCE(v.in_favour, -1) AS in_favour, COALESCE(v.members, 0) AS members
FROM nominees n
LEFT JOIN people p ON p.id = n.person_id
LEFT JOIN votes v ON v.nominee_id = n.id
WHERE n.proposal_id = ?
ORDER BY n.id;

-- name: list-nominees-to-check
SELECT n.id, n.kind, COALESCE(n.person_id, 0) AS person_id, n.unit_id, n.name,
       COALESCE(p.gender, '') AS gender, COALESCE(v.in_favour, -1) AS in_favour, COALESCE(v.members, 0) AS members
FROM nominees n
LEFT JOIN people p ON p.id = n.person_id
LEFT JOIN votes v ON v.nominee_id = n.id
WHERE n.proposal_id = ?
ORDER BY n.id;

-- name: delete-vote
DELETE FROM votes WHERE nominee_id = ?;

-- name: insert-vote
INSERT INTO votes (nominee_id, in_favour, members) VALUES (?, ?, ?);

-- name: delete-recognitions
DELETE FROM area_recognitions WHERE year = ?;

-- name: insert-recognition
INSERT INTO area_recognitions (year, unit_id) VALUES (?, ?);

-- name: list-recognitions
SELECT unit_id FROM area_recognitions WHERE year = ? ORDER BY unit_id;
