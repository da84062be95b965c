package storage_test

import (
	"context"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/apperr"
)

// TestUpdateUnitAt changes one unit on the directory version it was made on: the version is
// raised and the audit row written with it; on an older version, or for an unknown unit,
// nothing changes and no audit row is written.
func TestUpdateUnitAt(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn) // holds testUnits
		v, err := db.DirectoryVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		audited := func(object string) context.Context {
			return access.WithAudit(ctx, access.AuditEntry{At: time.Now(), Action: access.ActUnitUpdate, Object: object, Login: "test"})
		}
		u := testUnits[3] // ca-tinh
		u.Name, u.HeadTitle = "Công an tỉnh Thanh Hoá (mới)", "Giám đốc Công an tỉnh"
		next, err := db.UpdateUnitAt(audited("unit:ca-tinh"), u, v)
		if err != nil || next != v+1 {
			t.Fatalf("UpdateUnitAt = %d, %v; want %d", next, err, v+1)
		}
		units, err := db.Units(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if units[3] != u {
			t.Errorf("unit after the edit = %+v, want %+v", units[3], u)
		}
		// Order, kind and parent stay.
		if units[3].ParentID != "ubnd-tinh" || units[0].ID != "xa-a" {
			t.Errorf("the edit moved units: %+v", units)
		}

		stale := u
		stale.Name = "Cũ"
		_, err = db.UpdateUnitAt(audited("unit:ca-tinh"), stale, v)
		wantCode(t, err, apperr.Conflict, "")
		unknown := u
		unknown.ID = "khong-co"
		_, err = db.UpdateUnitAt(audited("unit:khong-co"), unknown, 0)
		wantCode(t, err, apperr.NotFound, "")

		if got, _ := db.DirectoryVersion(ctx); got != v+1 {
			t.Errorf("refused edits moved the version to %d", got)
		}
		rows, err := db.Audit(ctx, access.AuditFilter{Action: access.ActUnitUpdate, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Object != "unit:ca-tinh" {
			t.Errorf("audit rows = %+v, want one for unit:ca-tinh", rows)
		}
	})
}
