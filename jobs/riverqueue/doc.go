// Package riverqueue runs long work — the PDF of a batch of documents into one ZIP — as jobs of a
// persistent River queue (github.com/riverqueue/river) in the application's database:
// PostgreSQL through River's pgx driver, shared by every instance on it, or the SQLite file
// through River's SQLite driver. A job survives a restart, reports its progress, can be
// cancelled and has exactly one result, kept in the database beside River's job row.
//
// It sits beside storage (it opens its own connections to the same database, and runs
// River's migrations, as storage runs ours) and above publish, which it calls to make the
// PDFs. It must not import gin: httpapi translates its answers.
package riverqueue
