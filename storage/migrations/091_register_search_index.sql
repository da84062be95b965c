-- The register's series index with the folded text at its end, for page-register-series:
-- the page's search walks this index alone and reads from the table only the lines of the
-- page, instead of every line of the year the text is searched in.
CREATE INDEX register_entries_search ON register_entries (issuer_id, secret, year, number, search_text);
