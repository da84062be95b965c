-- The register's text filter compares folded text (register.Fold: lower case, no tone or
-- vowel marks, đ as d), so that "tet" finds "dịp Tết" on both databases. The column holds
-- a line's Số, ký hiệu and Tên loại và trích yếu folded; the lines already written are
-- filled by the Go step of this version (fillRegisterSearchText), every new line by the
-- issuing transaction.
ALTER TABLE register_entries ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
