package storage_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"vanthu/register"
	"vanthu/storage"
	"vanthu/storage/storagetest"
)

// TestSecretSeries: secret documents are numbered and registered apart (Decree 30, art.
// 15.2). The first secret document of a year is number 1 while the ordinary series goes on;
// each register shows its own lines; the date order holds within each series only.
func TestSecretSeries(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn)
		now := time.Date(2026, 3, 9, 10, 30, 0, 0, ict)
		dated := func(day time.Time) register.RenderFunc {
			return func(number int) ([]byte, register.Entry, error) {
				return docx(number), register.Entry{Signer: "Nguyễn Văn A", Copies: 2, Date: day}, nil
			}
		}
		draft := func(secrecy, urgency string) *register.Document {
			d := newDraft("ubnd-tinh")
			d.Secrecy, d.Urgency = secrecy, urgency
			return d
		}
		mar9, mar2 := register.DateOf(2026, 3, 9), register.DateOf(2026, 3, 2)

		// Ordinary 1, through a draft then Issue.
		d := draft("", "KHẨN")
		if err := db.CreateDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
		if got, err := db.IssueInYear(ctx, d.ID, now, 2026, dated(mar9)); err != nil || got.Number != 1 || got.Secret() {
			t.Fatalf("ordinary 1: %+v, %v", got, err)
		}
		// Secret 1, dated before the ordinary series' last: the order is per series.
		secret, err := db.CreateAndIssue(ctx, draft("MẬT", "THƯỢNG KHẨN"), now, 2026, dated(mar2))
		if err != nil || secret.Number != 1 || secret.Secrecy != "MẬT" || secret.Urgency != "THƯỢNG KHẨN" {
			t.Fatalf("secret 1: %+v, %v", secret, err)
		}
		// A secret draft, stored and read back, then issued: secret 2.
		sd := draft("TỐI MẬT", "")
		if err := db.CreateDocument(ctx, sd); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Document(ctx, sd.ID); err != nil || got.Secrecy != "TỐI MẬT" {
			t.Fatalf("secret draft read back: %+v, %v", got, err)
		}
		if got, err := db.IssueInYear(ctx, sd.ID, now, 2026, dated(mar9)); err != nil || got.Number != 2 {
			t.Fatalf("secret 2: %+v, %v", got, err)
		}
		// The ordinary series goes on, unaffected: 2.
		if got, err := db.CreateAndIssue(ctx, draft("", ""), now, 2026, dated(mar9)); err != nil || got.Number != 2 {
			t.Fatalf("ordinary 2: %+v, %v", got, err)
		}
		// Within the secret series the order still holds: a secret 3 dated before secret 2 is refused.
		if _, err := db.CreateAndIssue(ctx, draft("MẬT", ""), now, 2026, dated(mar2)); err == nil {
			t.Fatal("secret 3 dated before secret 2 was issued")
		}

		ordinary, err := db.Register(ctx, register.RegisterFilter{IssuerID: "ubnd-tinh", Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		if got := symbols(ordinary); !slices.Equal(got, []string{"01/UBND-NC", "02/UBND-NC"}) {
			t.Errorf("ordinary register = %v", got)
		}
		if ordinary[0].Urgency != "KHẨN" || ordinary[0].Secrecy != "" || ordinary[1].Urgency != "" {
			t.Errorf("ordinary marks = %+v", ordinary)
		}
		secrets, err := db.Register(ctx, register.RegisterFilter{IssuerID: "ubnd-tinh", Year: 2026, Secret: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := symbols(secrets); !slices.Equal(got, []string{"01/UBND-NC", "02/UBND-NC"}) {
			t.Errorf("secret register = %v", got)
		}
		if secrets[0].Secrecy != "MẬT" || secrets[0].Urgency != "THƯỢNG KHẨN" || secrets[1].Secrecy != "TỐI MẬT" {
			t.Errorf("secret marks = %+v", secrets)
		}
		if !secrets[0].Date.Equal(mar2) {
			t.Errorf("secret 1 dated %v, want %v", secrets[0].Date, mar2)
		}
		// The register page's search (one series, or everything) shows the ordinary lines only.
		for _, search := range []register.RegisterSearch{{IssuerID: "ubnd-tinh", Year: 2026}, {}, {Text: "triển khai"}} {
			page, _, err := db.SearchRegister(ctx, search)
			if err != nil {
				t.Fatal(err)
			}
			if got := symbols(page); !slices.Equal(got, []string{"02/UBND-NC", "01/UBND-NC"}) {
				t.Errorf("SearchRegister(%+v) = %v, want the ordinary lines only", search, got)
			}
			for _, e := range page {
				if e.Secret() {
					t.Errorf("SearchRegister(%+v) shows a secret line: %+v", search, e)
				}
			}
		}
	})
}

func symbols(entries []register.Entry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.NumberSymbol)
	}
	return out
}

// TestSecretSeriesMigration: migration 040 keeps what a database already holds. The schema
// without it is built from the migration files, filled with an issued document, its file,
// register line and committee decision, and a draft; then Open applies 040 (on SQLite a rebuild of documents,
// number_series and register_entries under foreign keys) and the rows, the AUTOINCREMENT
// high-water mark and the series are all there, the old lines in the ordinary register.
func TestSecretSeriesMigration(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		dialect := storage.SQLite
		if strings.HasPrefix(dsn, "postgres") {
			dialect = storage.Postgres
		}
		raw := rawDB(t, dsn)
		if dialect == storage.SQLite {
			if _, err := raw.ExecContext(ctx, "PRAGMA foreign_keys = ON"); err != nil {
				t.Fatal(err)
			}
			raw.SetMaxOpenConns(1)
		}
		exec := func(query string, args ...any) {
			t.Helper()
			if dialect == storage.Postgres {
				query = sqlx.Rebind(sqlx.DOLLAR, query)
			}
			if _, err := raw.ExecContext(ctx, query, args...); err != nil {
				t.Fatalf("%s: %v", query, err)
			}
		}
		exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)")
		// A database deployed before 040: every other migration applied, 040 missing (Migrate
		// applies a missing version whatever its place in the history), but for those from
		// 090 on, which build on the register table as 040 rebuilds it and so never ran
		// before it.
		for _, v := range migrationVersions(t, dialect) {
			if v == 40 || v >= 90 {
				continue
			}
			exec(migrationFile(t, dialect, v))
			exec("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", v, time.Now().UTC())
		}
		issued := time.Date(2026, 2, 1, 2, 0, 0, 0, time.UTC)
		exec("INSERT INTO units (id, kind, name, short_name, position) VALUES ('ubnd-tinh', 'ubnd', 'Ủy ban nhân dân tỉnh', 'UBND', 0)")
		for id := 1; id <= 3; id++ {
			exec(`INSERT INTO documents (form_id, issuer_id, status, subject, kind_title, symbol, created_at, updated_at)
			      VALUES ('cong-van', 'ubnd-tinh', 'draft', 'việc cũ', 'Công văn', 'UBND-NC', ?, ?)`, issued, issued)
		}
		exec("UPDATE documents SET status = 'issued', year = 2026, number = 1, issued_at = ? WHERE id = 2", issued)
		exec("DELETE FROM documents WHERE id = 3") // the high-water mark stays at 3
		exec("INSERT INTO document_files (document_id, docx, sha256) VALUES (2, ?, 'abc')", []byte("docx"))
		exec("INSERT INTO number_series (issuer_id, year, last_number) VALUES ('ubnd-tinh', 2026, 1)")
		exec(`INSERT INTO register_entries (document_id, issuer_id, year, number, number_symbol, issued_on, title_subject)
		      VALUES (2, 'ubnd-tinh', 2026, 1, '01/UBND-NC', ?, 'Công văn V/v việc cũ')`, register.DateOf(2026, 2, 1))
		// A later table referring to documents (migration 060): its row must find its parent again.
		exec("INSERT INTO bodies (kind, unit_id, name) VALUES ('to-bao-ve', 'ubnd-tinh', 'Tổ bảo vệ')")
		exec("INSERT INTO body_decisions (document_id, body_id, decided_on) VALUES (2, 1, '2026-02-01')")

		db := storagetest.MustOpen(t, dsn)
		var decisions int
		if err := raw.QueryRowContext(ctx, "SELECT COUNT(*) FROM body_decisions JOIN documents ON documents.id = body_decisions.document_id").Scan(&decisions); err != nil || decisions != 1 {
			t.Errorf("body decision joined to its document: %d, %v", decisions, err)
		}
		if dialect == storage.SQLite {
			var problems int
			if err := raw.QueryRowContext(ctx, "SELECT COUNT(*) FROM pragma_foreign_key_check").Scan(&problems); err != nil || problems != 0 {
				t.Errorf("foreign_key_check: %d problems, %v", problems, err)
			}
		}
		if d, err := db.Document(ctx, 1); err != nil || d.Status != register.Draft {
			t.Errorf("draft 1: %+v, %v", d, err)
		}
		if docxBytes, _, err := db.DocumentFile(ctx, 2); err != nil || string(docxBytes) != "docx" {
			t.Errorf("file of 2: %q, %v", docxBytes, err)
		}
		entries, err := db.Register(ctx, register.RegisterFilter{})
		if err != nil || len(entries) != 1 || entries[0].NumberSymbol != "01/UBND-NC" || entries[0].Secret() {
			t.Fatalf("register after 040: %+v, %v", entries, err)
		}
		// 090 folded the line written before it for the text search.
		if page, _, err := db.SearchRegister(ctx, register.RegisterSearch{Text: "VIEC CU"}); err != nil || len(page) != 1 {
			t.Errorf("the old line searched without its marks: %+v, %v", page, err)
		}
		now := time.Date(2026, 3, 9, 10, 30, 0, 0, ict)
		next, err := db.CreateAndIssue(ctx, newDraft("ubnd-tinh"), now, 2026, render)
		if err != nil || next.Number != 2 || next.ID != 4 {
			t.Errorf("next ordinary: id %d number %d, %v; want id 4 (3 was used), number 2", next.ID, next.Number, err)
		}
		secret := newDraft("ubnd-tinh")
		secret.Secrecy = "MẬT"
		if got, err := db.CreateAndIssue(ctx, secret, now, 2026, render); err != nil || got.Number != 1 {
			t.Errorf("first secret: %+v, %v", got, err)
		}
	})
}

// migrationFile returns the SQL of migration version for dialect.
func migrationFile(t *testing.T, dialect string, version int) string {
	t.Helper()
	for _, dir := range []string{"migrations", filepath.Join("migrations", dialect)} {
		names, _ := filepath.Glob(filepath.Join(dir, fmt.Sprintf("%03d_*.sql", version)))
		if len(names) == 1 {
			b, err := os.ReadFile(names[0])
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("no migration %d", version)
	return ""
}
