-- Secret documents are registered and numbered apart (Decree 30/2020/NĐ-CP, art. 15.2:
-- "Văn bản mật được đăng ký, đánh số riêng"): a series is keyed by issuer, secrecy and
-- year, so the first secret document of a year is number 1 while the ordinary series goes
-- on. A document keeps its secrecy (độ mật) and urgency (độ khẩn) marks; its register line
-- keeps them too, frozen with the rest of the line. (SQLite rebuilds the tables instead.)

ALTER TABLE number_series ADD COLUMN secret BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE number_series DROP CONSTRAINT number_series_pkey;
ALTER TABLE number_series ADD PRIMARY KEY (issuer_id, secret, year);

ALTER TABLE documents
    ADD COLUMN secret  BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN secrecy TEXT    NOT NULL DEFAULT '',
    ADD COLUMN urgency TEXT    NOT NULL DEFAULT '',
    ADD CHECK (secret = (secrecy <> ''));
ALTER TABLE documents DROP CONSTRAINT documents_issuer_id_year_number_key;
ALTER TABLE documents ADD UNIQUE (issuer_id, secret, year, number);

ALTER TABLE register_entries
    ADD COLUMN secret  BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN secrecy TEXT    NOT NULL DEFAULT '',
    ADD COLUMN urgency TEXT    NOT NULL DEFAULT '',
    ADD CHECK (secret = (secrecy <> ''));
ALTER TABLE register_entries DROP CONSTRAINT register_entries_issuer_id_year_number_key;
ALTER TABLE register_entries ADD UNIQUE (issuer_id, secret, year, number);
