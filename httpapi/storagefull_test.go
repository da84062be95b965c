package httpapi_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"vanthu/apperr"
	"vanthu/internal/apptest"
)

// TestStorageFull fills the database and checks that a write is refused with 503 and the
// Vietnamese "storage full" message, while reads go on being served.
//
// On SQLite the database really is full: a second application opens the same file with
// PRAGMA max_page_count below its size (SQLite raises it to the current size), so a write
// that needs one more page fails with SQLITE_FULL, as on a full disk. On PostgreSQL a disk
// cannot be filled from a test, so a trigger on the documents table raises SQLSTATE 53100
// (disk_full), the error PostgreSQL returns when it cannot extend a file: what is tested is
// the mapping of that error, from the real driver through storage to the real router.
func TestStorageFull(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			dsn := b.DSN(t)
			a := apptest.Start(t, data, dsn)
			vars := createDocument(t, a, issueBody(t, 1), true)

			var full *apptest.App
			switch b.Name {
			case "sqlite":
				full = apptest.Attach(t, data, dsn+"?_pragma=max_page_count(1)")
			case "postgres":
				fillPostgres(t, dsn)
				full = a
			}

			big := edit(t, issueBody(t, 2), func(m map[string]any) {
				submissionData(m)["noi_dung"] = strings.Repeat("Đề nghị các đơn vị báo cáo kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc. ", 120)
			})
			sub := edit(t, big, func(m map[string]any) { delete(m, "issue") })
			for _, body := range []string{big, strings.Replace(big, `"issue":true`, `"issue":false`, 1)} {
				res := full.Do(t, "POST", "/api/documents", strings.NewReader(body), "Content-Type", "application/json")
				if res.Status != http.StatusServiceUnavailable {
					t.Fatalf("POST /api/documents on a full database: %d %s, want 503", res.Status, apptest.Excerpt(res.Body))
				}
				assertJSON(t, res.Body, map[string]any{"/code": string(apperr.StorageFull), "/message": apperr.DefaultMessage(apperr.StorageFull)})
			}
			res := full.Do(t, "POST", "/api/documents/"+vars["id"]+"/corrections", strings.NewReader(sub), "Content-Type", "application/json")
			if res.Status != http.StatusServiceUnavailable {
				t.Errorf("POST corrections on a full database: %d %s, want 503", res.Status, apptest.Excerpt(res.Body))
			}

			// Reads still work.
			for _, path := range []string{"/api/documents/" + vars["id"], "/api/documents/" + vars["id"] + "/docx",
				"/api/documents", "/api/register?issuer=" + seedIssuer, "/api/register.csv", "/api/units", "/healthz"} {
				if res := full.Do(t, "GET", path, nil); res.Status != http.StatusOK {
					t.Errorf("GET %s on a full database: %d %s", path, res.Status, apptest.Excerpt(res.Body))
				}
			}
			res = full.Do(t, "POST", "/api/preview", strings.NewReader(sub), "Content-Type", "application/json")
			if res.Status != http.StatusOK {
				t.Errorf("POST /api/preview on a full database: %d %s", res.Status, apptest.Excerpt(res.Body))
			}
			res = full.Do(t, "GET", "/api/documents", nil)
			assertJSON(t, res.Body, map[string]any{"": length(1)})
		})
	}
}

// fillPostgres makes every insert into the documents table of the schema dsn names fail as
// PostgreSQL fails when its disk is full.
func fillPostgres(t *testing.T, dsn string) {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, stmt := range []string{
		`CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
		 BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100'; END $$`,
		`CREATE TRIGGER disk_full BEFORE INSERT OR UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION disk_full()`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(fmt.Errorf("%s: %w", stmt, err))
		}
	}
}

// emptyPostgres undoes fillPostgres.
func emptyPostgres(t *testing.T, dsn string) {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP TRIGGER disk_full ON documents`); err != nil {
		t.Fatal(err)
	}
}
