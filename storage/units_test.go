package storage_test

import (
	"context"
	"reflect"
	"testing"

	"vanthu/apperr"
	"vanthu/directory"
	"vanthu/storage/storagetest"
)

func TestReplaceDirectory(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn)

		t.Run("read back in the order given", func(t *testing.T) {
			units, err := db.Units(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(units, testUnits) {
				t.Errorf("Units() =\n%+v\nwant\n%+v", units, testUnits)
			}
			groups, err := db.Groups(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(groups, testGroups) {
				t.Errorf("Groups() = %+v, want %+v", groups, testGroups)
			}
			if n, err := db.UnitCount(ctx); err != nil || n != len(testUnits) {
				t.Errorf("UnitCount() = %d, %v; want %d", n, err, len(testUnits))
			}
		})

		// A document keeps its issuer in the directory across replacements.
		mustCreate(t, db, "ca-tinh")

		t.Run("replace with another directory", func(t *testing.T) {
			units := []directory.Unit{
				{ID: "ubnd-tinh", Kind: directory.Province, Name: "Ủy ban nhân dân tỉnh Thanh Hoá", ShortName: "UBND"},
				{ID: "ca-tinh", ParentID: "ubnd-tinh", Kind: directory.Police, Name: "Công an tỉnh Thanh Hoá (mới)", ShortName: "CAT"},
				{ID: "xa-b", ParentID: "ubnd-tinh", Kind: directory.Commune, Name: "Ủy ban nhân dân xã B", ShortName: "UBND"},
			}
			groups := []directory.Group{{ID: "xa", Name: "Các xã", Members: []string{"xa-b", "ca-tinh"}}}
			if err := db.ReplaceDirectory(ctx, units, groups); err != nil {
				t.Fatal(err)
			}
			got, err := db.Units(ctx)
			if err != nil || !reflect.DeepEqual(got, units) {
				t.Errorf("Units() = %+v, %v; want %+v", got, err, units)
			}
			gotGroups, err := db.Groups(ctx)
			if err != nil || !reflect.DeepEqual(gotGroups, groups) {
				t.Errorf("Groups() = %+v, %v; want %+v", gotGroups, err, groups)
			}
			if err := db.ReplaceDirectory(ctx, testUnits, testGroups); err != nil {
				t.Fatal(err)
			}
		})

		t.Run("refused, nothing changes", func(t *testing.T) {
			tests := []struct {
				name   string
				units  []directory.Unit
				groups []directory.Group
				code   apperr.Code
			}{
				{"unknown parent", []directory.Unit{{ID: "a", ParentID: "b", Name: "A"}}, nil, apperr.Invalid},
				{"duplicate id", []directory.Unit{{ID: "a", Name: "A"}, {ID: "a", Name: "A"}}, nil, apperr.Invalid},
				{"no id", []directory.Unit{{Name: "A"}}, nil, apperr.Invalid},
				{"cycle", []directory.Unit{{ID: "a", ParentID: "b", Name: "A"}, {ID: "b", ParentID: "a", Name: "B"}}, nil, apperr.Invalid},
				{"unknown member", []directory.Unit{{ID: "a", Name: "A"}}, []directory.Group{{ID: "g", Name: "G", Members: []string{"x"}}}, apperr.Invalid},
				{"duplicate group", []directory.Unit{{ID: "a", Name: "A"}}, []directory.Group{{ID: "g", Name: "G"}, {ID: "g", Name: "G"}}, apperr.Invalid},
				// ca-tinh issues a document: it cannot leave the directory.
				{"issuer removed", []directory.Unit{{ID: "ubnd-tinh", Name: "UBND tỉnh"}}, nil, apperr.Conflict},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					wantCode(t, db.ReplaceDirectory(ctx, tt.units, tt.groups), tt.code, "")
					units, err := db.Units(ctx)
					if err != nil || !reflect.DeepEqual(units, testUnits) {
						t.Errorf("directory changed: %+v, %v", units, err)
					}
					groups, err := db.Groups(ctx)
					if err != nil || !reflect.DeepEqual(groups, testGroups) {
						t.Errorf("groups changed: %+v, %v", groups, err)
					}
				})
			}
		})
	})
}

// TestReplaceDirectoryAtVersion checks the directory version: raised by one with each
// replacement, and a replacement built on an older version changes nothing.
func TestReplaceDirectoryAtVersion(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn) // holds testUnits, loaded with ReplaceDirectory
		v, err := db.DirectoryVersion(ctx)
		if err != nil || v < 2 {
			t.Fatalf("DirectoryVersion() = %d, %v; want at least 2 after a replacement", v, err)
		}
		next, err := db.ReplaceDirectoryAt(ctx, testUnits, nil, v)
		if err != nil || next != v+1 {
			t.Fatalf("ReplaceDirectoryAt(version %d) = %d, %v; want %d", v, next, err, v+1)
		}
		_, err = db.ReplaceDirectoryAt(ctx, testUnits[2:3], nil, v) // ubnd-tinh alone
		wantCode(t, err, apperr.Conflict, "")
		if units, err := db.Units(ctx); err != nil || len(units) != len(testUnits) {
			t.Errorf("a stale replacement changed the units: %d, %v", len(units), err)
		}
		if got, err := db.DirectoryVersion(ctx); err != nil || got != v+1 {
			t.Errorf("DirectoryVersion() = %d, %v after a refused replacement, want %d", got, err, v+1)
		}
	})
}

// TestDemoShortNamesMigrated: a database that loaded the old demo directory, whose short
// names had spaces, gets them as symbol parts from migration 012; other units are kept.
func TestDemoShortNamesMigrated(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := storagetest.MustOpen(t, dsn)
		old := []directory.Unit{
			{ID: "viet-nam", Kind: directory.Nation, Name: "Việt Nam"},
			{ID: "bcd-138-chinh-phu", ParentID: "viet-nam", Kind: directory.SteeringCommittee, Name: "Ban Chỉ đạo 138", ShortName: "BCĐ 138"},
			{ID: "truong-thcs-quang-phu", ParentID: "viet-nam", Kind: directory.School, Name: "Trường THCS Quảng Phú", ShortName: "THCS QP"},
			{ID: "khac", ParentID: "viet-nam", Kind: directory.School, Name: "Trường khác", ShortName: "THCS QP"},
		}
		if err := db.ReplaceDirectory(ctx, old, nil); err != nil {
			t.Fatal(err)
		}
		raw := rawDB(t, dsn)
		if _, err := raw.ExecContext(ctx, "DELETE FROM schema_migrations WHERE version = 12"); err != nil {
			t.Fatal(err)
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		units, err := db.Units(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, u := range units {
			got[u.ID] = u.ShortName
		}
		want := map[string]string{"viet-nam": "", "bcd-138-chinh-phu": "BCĐ138", "truong-thcs-quang-phu": "THCSQP", "khac": "THCS QP"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("short names after migration 012 = %v, want %v", got, want)
		}
	})
}
