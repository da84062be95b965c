package storage

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"vanthu/register"
)

// migrationFiles holds the schema history. A file is named NNN_what.sql; NNN is its
// version. A version lives either in migrations/ (portable SQL) or in both
// migrations/sqlite/ and migrations/postgres/ (where the dialects differ: identity
// columns, blobs, time zones) — never in both places.
//
//go:embed migrations
var migrationFiles embed.FS

// migration is one step of the schema history.
type migration struct {
	version int
	name    string // file path, for messages
	sql     string
}

// schemaMigrations records the versions applied. It is created before the first migration,
// outside the numbered history, because the history is recorded in it.
var schemaMigrations = map[string]string{
	SQLite:   `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)`,
	Postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`,
}

// migrationLock is the PostgreSQL advisory lock key that serializes servers migrating the
// same database at start-up; any constant shared by all of them will do.
const migrationLock = 7_466_231_051

// goSteps are the parts of migrations written in Go, for what SQL cannot compute on both
// databases; each runs after the SQL of its version, in the same transaction.
var goSteps = map[int]func(context.Context, *sqlx.Tx) error{
	90: fillRegisterSearchText,
}

// fillRegisterSearchText folds the lines of the register written before version 90.
func fillRegisterSearchText(ctx context.Context, tx *sqlx.Tx) error {
	var lines []register.Entry
	if err := tx.SelectContext(ctx, &lines, `SELECT document_id, number_symbol, title_subject FROM register_entries`); err != nil {
		return err
	}
	update, err := tx.PreparexContext(ctx, tx.Rebind(`UPDATE register_entries SET search_text = ? WHERE document_id = ?`))
	if err != nil {
		return err
	}
	defer update.Close()
	for _, e := range lines {
		if _, err := update.ExecContext(ctx, e.SearchText(), e.DocumentID); err != nil {
			return err
		}
	}
	return nil
}

// Migrate applies, in order, each migration not yet recorded in schema_migrations, each in
// its own transaction together with its record. Open calls it before preparing the
// queries, so the application never runs on an old schema; it is exported for tools and
// tests, and running it again is a no-op. Several processes may migrate at once: SQLite's
// BEGIN IMMEDIATE and a PostgreSQL advisory lock let one apply a version while the others
// wait and then find it recorded.
func (db *DB) Migrate(ctx context.Context) error {
	migrations, err := loadMigrations(db.dialect)
	if err != nil {
		return err
	}
	err = db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		if err := db.lockMigrations(ctx, tx); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, schemaMigrations[db.dialect])
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: create schema_migrations: %w", err)
	}
	for _, m := range migrations {
		err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
			if err := db.lockMigrations(ctx, tx); err != nil {
				return err
			}
			var n int
			if err := tx.GetContext(ctx, &n, tx.Rebind(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), m.version); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			if fill, ok := goSteps[m.version]; ok {
				if err := fill(ctx, tx); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`),
				m.version, timestamp(time.Now()))
			return err
		})
		if err != nil {
			return fmt.Errorf("storage: migration %s: %w", m.name, err)
		}
	}
	return nil
}

// lockMigrations holds, on PostgreSQL, the migration lock until tx ends. On SQLite the
// transaction already holds the database's write lock.
func (db *DB) lockMigrations(ctx context.Context, tx *sqlx.Tx) error {
	if db.dialect != Postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock)
	return err
}

// loadMigrations returns the migrations of dialect ordered by version.
func loadMigrations(dialect string) ([]migration, error) {
	byVersion := map[int]migration{}
	for _, dir := range []string{"migrations", "migrations/" + dialect} {
		entries, err := fs.ReadDir(migrationFiles, dir)
		if err != nil {
			return nil, fmt.Errorf("storage: read %s: %w", dir, err)
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
				continue
			}
			name := path.Join(dir, e.Name())
			prefix, _, ok := strings.Cut(e.Name(), "_")
			version, err := strconv.Atoi(prefix)
			if !ok || err != nil || version <= 0 {
				return nil, fmt.Errorf("storage: migration %s: name must be NNN_what.sql", name)
			}
			if other, dup := byVersion[version]; dup {
				return nil, fmt.Errorf("storage: migrations %s and %s have the same version", other.name, name)
			}
			body, err := fs.ReadFile(migrationFiles, name)
			if err != nil {
				return nil, fmt.Errorf("storage: read %s: %w", name, err)
			}
			byVersion[version] = migration{version: version, name: name, sql: string(body)}
		}
	}
	migrations := make([]migration, 0, len(byVersion))
	for _, m := range byVersion {
		migrations = append(migrations, m)
	}
	sort.Slice(migrations, func(i, j int) bool { return migrations[i].version < migrations[j].version })
	return migrations, nil
}
