-- The audit log. Rows are only ever inserted; the head row carries the chain's end.

-- name: advance-audit-head
UPDATE audit_head SET seq = seq + 1 WHERE id = 1
RETURNING seq, hash;

-- name: set-audit-head-hash
UPDATE audit_head SET hash = ? WHERE id = 1;

-- name: get-audit-head
SELECT seq, hash FROM audit_head WHERE id = 1;

-- name: insert-audit
INSERT INTO audit_log (seq, at, user_id, login, role, unit_id, action, object, request_id, client_addr,
                       object_sha256, prev_hash, hash)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: scan-audit
SELECT seq, at, user_id, login, role, unit_id, action, object, request_id, client_addr, object_sha256,
       prev_hash, hash
FROM audit_log
WHERE seq > ?
ORDER BY seq
LIMIT ?;

-- name: list-audit
SELECT seq, at, user_id, login, role, unit_id, action, object, request_id, client_addr, object_sha256,
       prev_hash, hash
FROM audit_log
WHERE seq < ?
  AND at >= ? AND at < ?
  AND (? = '' OR login = ?)
  AND (? = '' OR action = ?)
  AND (? = '' OR object = ?)
  AND (? = '' OR unit_id = ?)
ORDER BY seq DESC
LIMIT ?;
