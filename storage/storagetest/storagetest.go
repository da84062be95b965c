// Package storagetest opens real, fresh databases for tests of any package that needs one:
// a temporary SQLite file always, and PostgreSQL when VANTHU_TEST_POSTGRES_DSN names a
// server. There are no mocks of the database here, on purpose: the SQL is what is tested.
//
// It is imported only by _test.go files and must not be imported by the application.
package storagetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create and drop test schemas

	"vanthu/storage"
)

// PostgresEnv names the environment variable holding the DSN of a PostgreSQL server for
// tests, e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
const PostgresEnv = "VANTHU_TEST_POSTGRES_DSN"

// MustOpen opens dsn with storage.Open and closes it when the test ends. Opening the same
// dsn twice gives two handles onto one database, as two server processes would have.
func MustOpen(tb testing.TB, dsn string) *storage.DB {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := storage.Open(ctx, dsn)
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close test database: %v", err)
		}
	})
	return db
}

// SQLiteDSN returns the path of a new SQLite file in the test's temporary folder.
func SQLiteDSN(tb testing.TB) string {
	tb.Helper()
	return filepath.Join(tb.TempDir(), "vanthu.db")
}

// PostgresDSN creates an empty schema vanthu_test_<random> on the server named by
// VANTHU_TEST_POSTGRES_DSN and returns a DSN whose search_path is that schema; the schema
// is dropped when the test ends. Without the variable the test is skipped, saying so.
func PostgresDSN(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		tb.Skip(PostgresEnv + " not set: PostgreSQL storage tests skipped")
	}
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		tb.Fatal(err)
	}
	schema := "vanthu_test_" + hex.EncodeToString(b[:])

	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("%s: %v", PostgresEnv, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		tb.Fatalf("create test schema: %v", err)
	}
	tb.Cleanup(func() {
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop test schema %s: %v", schema, err)
		}
	})

	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
