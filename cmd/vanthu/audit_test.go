package main

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"vanthu/storage/storagetest"
)

// TestAuditVerify: `vanthu audit verify` passes on an intact log and names the first
// broken row once a row is changed with SQL behind the service's back.
func TestAuditVerify(t *testing.T) {
	for _, target := range []struct {
		name, driver string
		dsn          func(testing.TB) string
	}{{"sqlite", "sqlite", storagetest.SQLiteDSN}, {"postgres", "pgx", storagetest.PostgresDSN}} {
		t.Run(target.name, func(t *testing.T) {
			dsn := target.dsn(t)
			ctx := context.Background()
			t.Setenv("VANTHU_LOG", "error")
			for _, login := range []string{"quantri.moi", "vanthu.moi"} {
				if err := run(ctx, []string{"user", "add", login, "-role", "admin", "-db", dsn}); err != nil {
					t.Fatalf("user add %s: %v", login, err)
				}
			}
			if err := run(ctx, []string{"audit", "verify", "-db", dsn}); err != nil {
				t.Fatalf("verify an intact log: %v", err)
			}

			raw, err := sql.Open(target.driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			drops := []string{"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"}
			if target.driver == "pgx" {
				drops = []string{"DROP TRIGGER audit_log_no_change ON audit_log"}
			}
			for _, q := range drops {
				if _, err := raw.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := raw.Exec("UPDATE audit_log SET login = 'ai-do' WHERE seq = 1"); err != nil {
				t.Fatal(err)
			}
			err = run(ctx, []string{"audit", "verify", "-db", dsn})
			if err == nil || !strings.Contains(err.Error(), "audit row 1:") {
				t.Errorf("verify after tampering = %v, want row 1 named", err)
			}
		})
	}
}
