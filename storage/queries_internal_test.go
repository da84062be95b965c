package storage

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadQueries(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		want    map[string]string
		wantErr string
	}{
		{
			name:  "blocks",
			files: map[string]string{"queries/a.sql": "-- About a.\n\n-- name: one\nSELECT 1;\n\n-- name: two\n-- comment kept\nSELECT 2\nFROM t;\n"},
			want:  map[string]string{"one": "SELECT 1;", "two": "-- comment kept\nSELECT 2\nFROM t;"},
		},
		{
			name:    "SQL before the first name",
			files:   map[string]string{"queries/a.sql": "SELECT 0;\n-- name: one\nSELECT 1;\n"},
			wantErr: "before the first",
		},
		{
			name:    "empty block",
			files:   map[string]string{"queries/a.sql": "-- name: one\n\n-- name: two\nSELECT 2;\n"},
			wantErr: "is empty",
		},
		{
			name:    "same name in two files",
			files:   map[string]string{"queries/a.sql": "-- name: one\nSELECT 1;\n", "queries/b.sql": "-- name: one\nSELECT 1;\n"},
			wantErr: "in both",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			got, err := loadQueries(fsys)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for name, sql := range tt.want {
				if got[name] != sql {
					t.Errorf("%s = %q, want %q", name, got[name], sql)
				}
			}
		})
	}
}

// TestMigrationsMatch checks both dialects have the same history: a version written per
// dialect must be written for each.
func TestMigrationsMatch(t *testing.T) {
	versions := map[string][]int{}
	for _, dialect := range []string{SQLite, Postgres} {
		migrations, err := loadMigrations(dialect)
		if err != nil {
			t.Fatal(err)
		}
		// Versions increase; a gap is allowed, since each branch of work is given its own
		// range of numbers (050–059 for the jobs) so that merges never collide.
		for i, m := range migrations {
			if m.version <= 0 || i > 0 && m.version <= migrations[i-1].version {
				t.Errorf("%s: migration %s has version %d after %d", dialect, m.name, m.version, migrations[max(i-1, 0)].version)
			}
			versions[dialect] = append(versions[dialect], m.version)
		}
	}
	if !slices.Equal(versions[SQLite], versions[Postgres]) {
		t.Errorf("versions differ: sqlite %v, postgres %v", versions[SQLite], versions[Postgres])
	}
}
