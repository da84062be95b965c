// Package storage is the one package that owns the database handle. Everything the
// application keeps — the organisation directory, documents from draft to issued, the
// rendered .docx files, the number series, the outgoing register and the rounds of the
// "An toàn về an ninh, trật tự" recognition with their rosters, files and assessments — is
// read and written here and nowhere else.
//
// Two databases are supported with the same SQL: SQLite (modernc.org/sqlite, no cgo), the
// default for a single office, and PostgreSQL (pgx) for a shared server. Queries are kept
// in queries/*.sql as named blocks written with "?" placeholders, rebound for PostgreSQL
// and prepared when the database is opened, so a broken query stops the server at boot
// rather than failing in front of a user. The schema is built by numbered migrations in
// migrations/, with per-dialect subfolders only where the SQL really differs.
//
// The package depends on the domain types (directory, register, inspection, apperr) and on database
// drivers; it must not depend on HTTP, templates or the document generator: issuing takes
// the rendering as a callback so the number and the .docx are committed together.
package storage
