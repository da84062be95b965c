-- Number series and the outgoing register.

-- name: next-number
-- Gives the next number of an issuer's series for a year, 1 for the first of the year.
-- Secret documents have a series of their own (Decree 30, art. 15.2).
-- On PostgreSQL the conflicting update locks the series row until the issuing
-- transaction ends, so issuers of one series take their numbers one after the other, and
-- a rolled-back issue gives its number back. Needs SQLite 3.35 (RETURNING).
INSERT INTO number_series (issuer_id, secret, year, last_number)
VALUES (?, ?, ?, 1)
ON CONFLICT (issuer_id, secret, year) DO UPDATE SET last_number = number_series.last_number + 1
RETURNING last_number;

-- name: insert-register-entry
INSERT INTO register_entries (document_id, issuer_id, secret, year, number, number_symbol, issued_on,
                              title_subject, signer, recipients, archive_unit, copies,
                              sent_on, received_by, note, secrecy, urgency, search_text)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: list-register
-- An empty issuer, form or text and a zero year or bound match every line; the ordinary
-- and the secret register are kept apart, each list shows one of them. The form, number
-- and text filters are the register page's (see page-register), so that an export holds
-- what the page showed.
SELECT r.document_id, r.issuer_id, r.year, r.number, r.number_symbol, r.issued_on, r.title_subject, r.signer,
       r.recipients, r.archive_unit, r.copies, r.sent_on, r.received_by, r.note, r.secrecy, r.urgency
FROM register_entries r
WHERE r.secret = ?
  AND (CAST(? AS TEXT) = '' OR r.issuer_id = ?)
  AND (CAST(? AS INTEGER) = 0 OR r.year = ?)
  AND (CAST(? AS TEXT) = '' OR EXISTS (SELECT 1 FROM documents d WHERE d.id = r.document_id AND d.form_id = ?))
  AND (CAST(? AS INTEGER) = 0 OR r.number >= ?)
  AND (CAST(? AS INTEGER) = 0 OR r.number <= ?)
  AND (CAST(? AS TEXT) = '' OR r.search_text LIKE ? ESCAPE '\')
ORDER BY r.issuer_id, r.year, r.number;

-- name: update-register-notes
UPDATE register_entries SET sent_on = ?, received_by = ?, note = ? WHERE document_id = ?;

-- name: last-in-series
-- The number and date of the last document of an issuer's series for a year before a
-- number: read inside the issuing transaction, after next-number has taken the series
-- (its row lock on PostgreSQL, the write lock on SQLite), so no other issue of the series
-- can come between the check and the new line. The UNIQUE (issuer_id, secret, year,
-- number) index finds it without reading the series. The order holds within a series: a
-- secret document is checked against the secret series only.
SELECT number_symbol, issued_on
FROM register_entries
WHERE issuer_id = ? AND secret = ? AND year = ? AND number < ?
ORDER BY number DESC
LIMIT 1;

-- name: page-register
-- One page of the register as the register page shows it, newest number first, with the
-- columns the page shows (the hand-written ones and the archive unit are left in the
-- table: each column read costs on every line of every page). An empty issuer, form or
-- text and a zero year or bound match everything. The text is matched against
-- search_text, the number and symbol and the title and subject folded (register.Fold; a
-- LIKE pattern, escaped by the caller with "\"). The page shows the ordinary register:
-- secret documents' lines are kept apart (Decree 30, art. 15.2) and never shown here.
SELECT r.document_id, r.issuer_id, r.year, r.number, r.number_symbol, r.issued_on, r.title_subject,
       r.signer, r.recipients, r.copies, r.urgency
FROM register_entries r
JOIN documents d ON d.id = r.document_id
WHERE r.secret = FALSE
  AND (CAST(? AS TEXT) = '' OR r.issuer_id = ?)
  AND (CAST(? AS INTEGER) = 0 OR r.year = ?)
  AND (CAST(? AS TEXT) = '' OR d.form_id = ?)
  AND (CAST(? AS INTEGER) = 0 OR r.number >= ?)
  AND (CAST(? AS INTEGER) = 0 OR r.number <= ?)
  AND (CAST(? AS TEXT) = '' OR r.search_text LIKE ? ESCAPE '\')
ORDER BY r.year DESC, r.issuer_id, r.number DESC
LIMIT ? OFFSET ?;


-- name: page-register-series
-- page-register for one issuer's series of one year, the register page's usual question.
-- The inner query walks the index register_entries_search (issuer_id, secret, year,
-- number, search_text) from the newest number down: the range of the ordinary series, its
-- order and the text are all in the index, so it reads no line of the table until it has
-- the page's numbers, and stops there; the outer query then reads those lines only. A
-- text found in few lines of a year of 10,000 costs a walk of the index (1.4 ms here) rather
-- than of the table (4.3 ms). The number bounds are always given (0 and the largest integer
-- when the user gives none); an empty form or text matches everything.
SELECT r.document_id, r.issuer_id, r.year, r.number, r.number_symbol, r.issued_on, r.title_subject,
       r.signer, r.recipients, r.copies, r.urgency
FROM register_entries r
WHERE r.document_id IN (
  SELECT s.document_id
  FROM register_entries s
  WHERE s.issuer_id = ? AND s.secret = FALSE AND s.year = ? AND s.number BETWEEN ? AND ?
    AND (CAST(? AS TEXT) = '' OR EXISTS (SELECT 1 FROM documents d WHERE d.id = s.document_id AND d.form_id = ?))
    AND (CAST(? AS TEXT) = '' OR s.search_text LIKE ? ESCAPE '\')
  ORDER BY s.number DESC
  LIMIT ? OFFSET ?)
ORDER BY r.number DESC;
