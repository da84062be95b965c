package storage_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"vanthu/idempotency"
)

// TestIdempotencyKeys: a key is claimed once, its answer kept and read back, and after the
// time to live it no longer counts and is deleted by the clean-up.
func TestIdempotencyKeys(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn)
		t0 := time.Date(2026, 3, 5, 10, 0, 0, 0, ict)
		r := idempotency.Record{Key: "k-1", Fingerprint: "fp", CreatedAt: t0}

		if kept, err := db.ClaimIdempotencyKey(ctx, r, t0.Add(-idempotency.TTL)); err != nil || kept != nil {
			t.Fatalf("first claim = %+v, %v; want it claimed", kept, err)
		}
		later := t0.Add(time.Hour)
		kept, err := db.ClaimIdempotencyKey(ctx, idempotency.Record{Key: "k-1", Fingerprint: "other", CreatedAt: later}, later.Add(-idempotency.TTL))
		if err != nil || kept == nil || kept.Done() || kept.Fingerprint != "fp" {
			t.Fatalf("second claim = %+v, %v; want the first, in progress", kept, err)
		}
		// Another actor's key of the same name is another key.
		if kept, err := db.ClaimIdempotencyKey(ctx, idempotency.Record{Actor: "u-2", Key: "k-1", Fingerprint: "fp", CreatedAt: t0}, t0.Add(-idempotency.TTL)); err != nil || kept != nil {
			t.Fatalf("claim by another actor = %+v, %v; want it claimed", kept, err)
		}

		answer := idempotency.Record{Key: "k-1", Status: 201, ContentType: "application/json", Location: "/api/documents/7", Body: []byte(`{"id":7}`)}
		if err := db.FinishIdempotencyKey(ctx, answer); err != nil {
			t.Fatal(err)
		}
		// Releasing a finished key changes nothing.
		if err := db.ReleaseIdempotencyKey(ctx, "", "k-1"); err != nil {
			t.Fatal(err)
		}
		kept, err = db.ClaimIdempotencyKey(ctx, r, later.Add(-idempotency.TTL))
		if err != nil || kept == nil || kept.Status != 201 || kept.Location != answer.Location || !bytes.Equal(kept.Body, answer.Body) ||
			kept.ContentType != answer.ContentType || !kept.CreatedAt.Equal(t0) {
			t.Fatalf("claim after the answer = %+v, %v; want the answer kept at %v", kept, err, t0)
		}

		// A claim released (the work failed) can be made again.
		if err := db.ReleaseIdempotencyKey(ctx, "u-2", "k-1"); err != nil {
			t.Fatal(err)
		}
		if kept, err := db.ClaimIdempotencyKey(ctx, idempotency.Record{Actor: "u-2", Key: "k-1", Fingerprint: "fp2", CreatedAt: later}, later.Add(-idempotency.TTL)); err != nil || kept != nil {
			t.Fatalf("claim after release = %+v, %v; want it claimed", kept, err)
		}

		// After the time to live, the key is free again…
		expired := t0.Add(idempotency.TTL + time.Minute)
		if kept, err := db.ClaimIdempotencyKey(ctx, idempotency.Record{Key: "k-1", Fingerprint: "new", CreatedAt: expired}, expired.Add(-idempotency.TTL)); err != nil || kept != nil {
			t.Fatalf("claim after the TTL = %+v, %v; want it claimed afresh", kept, err)
		}
		// …and the clean-up deletes what has expired: u-2's key (claimed at t0+1h) is
		// expired a day after; k-1 was claimed again just now.
		n, err := db.DeleteExpiredIdempotencyKeys(ctx, later.Add(time.Minute))
		if err != nil || n != 1 {
			t.Fatalf("DeleteExpiredIdempotencyKeys = %d, %v; want 1", n, err)
		}
		if kept, err := db.ClaimIdempotencyKey(ctx, idempotency.Record{Actor: "u-2", Key: "k-1", Fingerprint: "x", CreatedAt: expired}, expired.Add(-idempotency.TTL)); err != nil || kept != nil {
			t.Fatalf("claim of a deleted key = %+v, %v; want it claimed", kept, err)
		}
	})
}
