package storage_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"vanthu/apperr"
	"vanthu/directory"
	"vanthu/register"
	"vanthu/storage"
	"vanthu/storage/storagetest"
)

// targets are the databases every storage test runs on. PostgreSQL skips, saying why,
// unless VANTHU_TEST_POSTGRES_DSN is set.
var targets = []struct {
	name string
	dsn  func(testing.TB) string // a fresh, empty database
}{
	{"sqlite", storagetest.SQLiteDSN},
	{"postgres", storagetest.PostgresDSN},
}

// eachDatabase runs fn as a subtest on a fresh database of each target.
func eachDatabase(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	for _, target := range targets {
		t.Run(target.name, func(t *testing.T) {
			t.Parallel()
			fn(t, target.dsn(t))
		})
	}
}

// ict is Vietnam's time zone, fixed so the tests need no tzdata.
var ict = time.FixedZone("ICT", 7*60*60)

// testUnits is a small three-tier directory, listed children first to check that
// ReplaceDirectory inserts parents before children yet keeps the given order.
var testUnits = []directory.Unit{
	{ID: "xa-a", ParentID: "ubnd-huyen", Kind: directory.Commune, Name: "Ủy ban nhân dân xã A", ShortName: "UBND", Place: "A"},
	{ID: "ubnd-huyen", ParentID: "ubnd-tinh", Kind: directory.District, Name: "Ủy ban nhân dân huyện Đông Sơn", ShortName: "UBND", Label: "UBND huyện Đông Sơn", HeadTitle: "Chủ tịch", Place: "Đông Sơn"},
	{ID: "ubnd-tinh", Kind: directory.PeopleCommittee, Name: "Ủy ban nhân dân tỉnh Thanh Hoá", ShortName: "UBND", Label: "UBND tỉnh Thanh Hoá", HeadTitle: "Chủ tịch", Place: "Thanh Hoá"},
	{ID: "ca-tinh", ParentID: "ubnd-tinh", Kind: directory.Police, Name: "Công an tỉnh Thanh Hoá", ShortName: "CAT", Label: "Công an tỉnh", HeadTitle: "Giám đốc", Place: "Thanh Hoá"},
	{ID: "bcd-tinh", ParentID: "ubnd-tinh", Kind: directory.SteeringCommittee, Name: "Ban Chỉ đạo an ninh trật tự tỉnh", ShortName: "BCĐ", HeadTitle: "Trưởng ban", Place: "Thanh Hoá"},
	{ID: "so-tp", ParentID: "ubnd-tinh", Kind: directory.Department, Name: "Sở Tư pháp", ShortName: "STP", Place: "Thanh Hoá"},
}

var testGroups = []directory.Group{
	{ID: "cap-tinh", Name: "Các sở, ban, ngành cấp tỉnh", Members: []string{"so-tp", "ca-tinh", "bcd-tinh"}},
	{ID: "rong", Name: "Nhóm chưa có thành viên", Members: []string{}},
}

// open opens dsn and loads the test directory.
func open(t testing.TB, dsn string) *storage.DB {
	t.Helper()
	db := storagetest.MustOpen(t, dsn)
	if err := db.ReplaceDirectory(context.Background(), testUnits, testGroups); err != nil {
		t.Fatalf("ReplaceDirectory: %v", err)
	}
	return db
}

// newDraft returns a công văn draft of issuer, as the HTTP layer would build it.
func newDraft(issuer string) *register.Document {
	recipients, _ := json.Marshal(directory.Recipients{
		KinhGui: []string{"Công an tỉnh", "Sở Tư pháp"},
		NoiNhan: []string{"Như trên", "Chủ tịch UBND tỉnh (để b/c)", "Sở Tư pháp"},
		Archive: "VT, NC (3)",
	})
	return &register.Document{
		FormID:     "cong-van",
		IssuerID:   issuer,
		Data:       json.RawMessage(`{"noi_dung":"Triển khai thực hiện"}`),
		Recipients: recipients,
		Subject:    "V/v triển khai phong trào toàn dân bảo vệ an ninh Tổ quốc",
		KindTitle:  "Công văn",
		Symbol:     "UBND-NC",
	}
}

// mustCreate creates a draft of issuer.
func mustCreate(t testing.TB, db *storage.DB, issuer string) *register.Document {
	t.Helper()
	d := newDraft(issuer)
	if err := db.CreateDocument(context.Background(), d); err != nil {
		t.Fatalf("CreateDocument: %v", err)
	}
	return d
}

// docx is what the test render function returns: the bytes of a numbered file.
func docx(number int) []byte { return fmt.Appendf(nil, "docx of number %d", number) }

// render is a render function that fills the register columns a caller knows.
func render(number int) ([]byte, register.Entry, error) {
	return docx(number), register.Entry{Signer: "Nguyễn Văn A", Copies: 5}, nil
}

// mustIssue issues id at now.
func mustIssue(t testing.TB, db *storage.DB, id int64, now time.Time) register.Document {
	t.Helper()
	d, err := db.Issue(context.Background(), id, now, render)
	if err != nil {
		t.Fatalf("Issue(%d): %v", id, err)
	}
	return d
}

// wantCode fails unless err is an *apperr.Error with code and, if not empty, message.
func wantCode(t testing.TB, err error, code apperr.Code, message string) {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		t.Fatalf("error = %v, want *apperr.Error %s", err, code)
	}
	if ae.Code != code {
		t.Fatalf("code = %s (%v), want %s", ae.Code, err, code)
	}
	if message != "" && ae.Message != message {
		t.Fatalf("message = %q, want %q", ae.Message, message)
	}
}

// rawDB opens dsn with database/sql alone, to look at what storage does not expose.
func rawDB(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	driver := "sqlite"
	if strings.HasPrefix(dsn, "postgres") {
		driver = "pgx"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestOpen(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := storagetest.MustOpen(t, dsn)
		want := storage.SQLite
		if strings.HasPrefix(dsn, "postgres") {
			want = storage.Postgres
		}
		if got := db.Dialect(); got != want {
			t.Errorf("Dialect() = %q, want %q", got, want)
		}

		t.Run("migrations are idempotent", func(t *testing.T) {
			for range 2 {
				if err := db.Migrate(ctx); err != nil {
					t.Fatalf("Migrate again: %v", err)
				}
			}
			// A second handle, as a second server process starting, migrates nothing.
			storagetest.MustOpen(t, dsn)

			rows, err := rawDB(t, dsn).QueryContext(ctx, "SELECT version FROM schema_migrations ORDER BY version")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var versions []int
			for rows.Next() {
				var v int
				if err := rows.Scan(&v); err != nil {
					t.Fatal(err)
				}
				versions = append(versions, v)
			}
			want, err := storage.MigrationVersions(db.Dialect())
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(versions, want) {
				t.Errorf("schema_migrations = %v, want %v", versions, want)
			}
		})

		t.Run("empty database", func(t *testing.T) {
			n, err := db.UnitCount(ctx)
			if err != nil || n != 0 {
				t.Errorf("UnitCount() = %d, %v; want 0", n, err)
			}
			for name, fn := range map[string]func() (int, error){
				"Units":     func() (int, error) { u, err := db.Units(ctx); return len(u), err },
				"Groups":    func() (int, error) { g, err := db.Groups(ctx); return len(g), err },
				"Documents": func() (int, error) { d, err := db.Documents(ctx, register.DocumentFilter{}); return len(d), err },
				"Register":  func() (int, error) { e, err := db.Register(ctx, register.RegisterFilter{}); return len(e), err },
			} {
				if n, err := fn(); err != nil || n != 0 {
					t.Errorf("%s() = %d rows, %v; want none", name, n, err)
				}
			}
		})
	})
}

func TestOpenSQLiteForms(t *testing.T) {
	tests := []struct{ name, dsn string }{
		{"memory", ":memory:"},
		{"memory URI", "file::memory:"},
		{"file URI", "file:" + filepath.Join(t.TempDir(), "uri.db") + "?cache=private"},
		{"path", filepath.Join(t.TempDir(), "path.db")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := open(t, tt.dsn)
			if db.Dialect() != storage.SQLite {
				t.Errorf("Dialect() = %q", db.Dialect())
			}
			d := mustCreate(t, db, "ubnd-tinh")
			if got := mustIssue(t, db, d.ID, time.Now()); got.Number != 1 {
				t.Errorf("number = %d, want 1", got.Number)
			}
			if n, err := db.UnitCount(context.Background()); err != nil || n != len(testUnits) {
				t.Errorf("UnitCount() = %d, %v", n, err)
			}
		})
	}
}

// TestCheckpointsKeepTheWALSmall checks that SQLite's WAL is copied back in the background
// and left empty by Close, now that the automatic checkpoint is off.
func TestCheckpointsKeepTheWALSmall(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wal.db")
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ReplaceDirectory(context.Background(), testUnits, testGroups); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 9, 10, 30, 0, 0, ict)
	for range 50 {
		if _, err := db.CreateAndIssue(context.Background(), newDraft("ubnd-tinh"), now, 2026, render); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		t.Errorf("the WAL holds %d bytes after Close, want it truncated", st.Size())
	}
}
