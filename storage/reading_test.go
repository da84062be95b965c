package storage_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"vanthu/storage"
)

// TestReadsTakeTurnsInOrder holds every turn to read (on SQLite, the reading connections),
// queues reads one after the other, and releases: they run in the order they came
// (database/sql alone hands a freed connection to a random waiter). A read whose request
// ends while it waits is not run and says why.
func TestReadsTakeTurnsInOrder(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) { readsTakeTurnsInOrder(t, open(t, dsn)) })
}

func readsTakeTurnsInOrder(t *testing.T, db *storage.DB) {
	ctx := context.Background()
	release := storage.HoldReads(db)

	gone, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := db.DirectoryVersion(gone); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a read given up while waiting returned %v, want the deadline", err)
	}

	const n = 12
	var mu sync.Mutex
	var order []int
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if _, err := db.DirectoryVersion(ctx); err != nil {
				t.Error(err)
			}
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
		})
		// Wait until read i queues before starting the next one.
		time.Sleep(5 * time.Millisecond)
	}
	release()
	wg.Wait()
	if len(order) != n {
		t.Fatalf("%d of %d reads ran", len(order), n)
	}
	// Several reads run at once, one per connection, and may finish in any order among
	// themselves; none may overtake a read that queued a whole round of connections earlier.
	for pos, i := range order {
		if i > pos+4 {
			t.Errorf("read %d finished at position %d: order %v", i, pos, order)
			break
		}
	}
}
