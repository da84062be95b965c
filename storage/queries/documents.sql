-- Documents from draft to issued, and their .docx files.

-- name: insert-document
INSERT INTO documents (form_id, issuer_id, status, data, recipients, subject, kind_title, symbol,
                       corrects_id, created_at, updated_at, secret, secrecy, urgency)
VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id;

-- name: insert-issued-document
-- A document issued as it is created: numbered, rendered, and written once.
INSERT INTO documents (form_id, issuer_id, status, data, recipients, subject, kind_title, symbol,
                       corrects_id, created_at, updated_at, year, number, issued_at, sha256,
                       secret, secrecy, urgency)
VALUES (?, ?, 'issued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id;

-- name: update-draft
-- Matches nothing once the document is issued: issued documents are frozen.
UPDATE documents
SET form_id = ?, issuer_id = ?, data = ?, recipients = ?, subject = ?, kind_title = ?, symbol = ?,
    corrects_id = ?, updated_at = ?, secret = ?, secrecy = ?, urgency = ?
WHERE id = ? AND status = 'draft';

-- name: get-document
SELECT id, form_id, issuer_id, status, data, recipients, subject, kind_title, symbol, year, number,
       corrects_id, created_at, updated_at, issued_at, sha256, secrecy, urgency
FROM documents
WHERE id = ?;

-- name: list-corrections
-- The issued documents correcting a document (Đính chính), oldest first.
SELECT id, form_id, issuer_id, status, data, recipients, subject, kind_title, symbol, year, number,
       corrects_id, created_at, updated_at, issued_at, sha256, secrecy, urgency
FROM documents
WHERE corrects_id = ? AND status = 'issued'
ORDER BY id;

-- name: get-document-status
SELECT status FROM documents WHERE id = ?;

-- name: list-documents
-- An empty issuer or status and a zero year match every document; with no_secret true the
-- secret ones are left out.
SELECT id, form_id, issuer_id, status, data, recipients, subject, kind_title, symbol, year, number,
       corrects_id, created_at, updated_at, issued_at, sha256, secrecy, urgency
FROM documents
WHERE (CAST(? AS TEXT) = '' OR issuer_id = ?)
  AND (CAST(? AS TEXT) = '' OR status = ?)
  AND (CAST(? AS INTEGER) = 0 OR year = ?)
  AND (? = FALSE OR secrecy = '')
ORDER BY id DESC
LIMIT ? OFFSET ?;

-- name: claim-draft
-- The first write of an issue: on PostgreSQL it locks the document row until the issue
-- commits, so a concurrent edit or second issue of the same draft waits and then finds it
-- issued.
UPDATE documents SET updated_at = ? WHERE id = ? AND status = 'draft';

-- name: mark-issued
UPDATE documents
SET status = 'issued', year = ?, number = ?, issued_at = ?, sha256 = ?, updated_at = ?
WHERE id = ? AND status = 'draft';

-- name: insert-document-file
INSERT INTO document_files (document_id, docx, sha256) VALUES (?, ?, ?);

-- name: get-document-file
SELECT docx, sha256 FROM document_files WHERE document_id = ?;
