package storage

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"vanthu/apperr"
)

// TestInternalStorageFull checks the mapping at the storage boundary of PostgreSQL's
// disk_full, which a test cannot provoke by filling a disk (SQLite's SQLITE_FULL is
// provoked for real in httpapi's TestStorageFull), next to errors that are not it.
func TestInternalStorageFull(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want apperr.Code
	}{
		{"disk_full", fmt.Errorf("commit: %w", &pgconn.PgError{Code: "53100", Message: "could not extend file"}), apperr.StorageFull},
		{"out of memory is not it", &pgconn.PgError{Code: "53200"}, apperr.Internal},
		{"unique violation", &pgconn.PgError{Code: "23505"}, apperr.Internal},
		{"plain error", errors.New("boom"), apperr.Internal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := apperr.CodeOf(internal("op", tt.err)); got != tt.want {
				t.Errorf("internal(%v) has code %s, want %s", tt.err, got, tt.want)
			}
		})
	}
}
