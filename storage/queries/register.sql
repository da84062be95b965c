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
                              sent_on, received_by, note, secrecy, urgency)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: list-register
-- An empty issuer and a zero year match every line; the ordinary and the secret register
-- are kept apart, each list shows one of them.
SELECT document_id, issuer_id, year, number, number_symbol, issued_on, title_subject, signer,
       recipients, archive_unit, copies, sent_on, received_by, note, secrecy, urgency
FROM register_entries
WHERE secret = ?
  AND (CAST(? AS TEXT) = '' OR issuer_id = ?)
  AND (CAST(? AS INTEGER) = 0 OR year = ?)
ORDER BY issuer_id, year, number;

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
