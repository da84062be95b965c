package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"vanthu/apperr"
	"vanthu/register"
	"vanthu/storage"
	"vanthu/storage/storagetest"
)

// TestGroupCommit queues writes that succeed and writes that fail in every way a write
// can, releases them as one batch, and checks that each has its own outcome: the ones that
// succeed are numbered without a gap, the others leave nothing behind.
func TestGroupCommit(t *testing.T) {
	ctx := context.Background()
	db := open(t, storagetest.SQLiteDSN(t))
	now := time.Date(2026, 5, 4, 9, 0, 0, 0, ict)
	failing := func(int) ([]byte, register.Entry, error) { return nil, register.Entry{}, errors.New("render failed") }
	panicking := func(int) ([]byte, register.Entry, error) { panic("render panicked") }
	cancelled, cancel := context.WithCancel(ctx)
	cancel()

	// Each write is a CreateAndIssue; check says whether its outcome is the expected one.
	type write struct {
		name   string
		ctx    context.Context
		issuer string
		render register.RenderFunc
		check  func(d register.Document, err error, panicked any) error
	}
	issued := func(d register.Document, err error, panicked any) error {
		if err != nil || panicked != nil || d.Number == 0 {
			return fmt.Errorf("got %+v, %v, panic %v; want issued", d, err, panicked)
		}
		return nil
	}
	numbers := []int{}
	var mu sync.Mutex
	batch := func(t *testing.T, writes []write) {
		release := storage.HoldWrites(db)
		var wg sync.WaitGroup
		for _, w := range writes {
			wg.Go(func() {
				var (
					d        register.Document
					err      error
					panicked any
				)
				func() {
					defer func() { panicked = recover() }()
					d, err = db.CreateAndIssue(w.ctx, newDraft(w.issuer), now, 2026, w.render)
				}()
				if e := w.check(d, err, panicked); e != nil {
					t.Errorf("%s: %v", w.name, e)
				}
				if err == nil && panicked == nil {
					mu.Lock()
					numbers = append(numbers, d.Number)
					mu.Unlock()
				}
			})
		}
		for storage.QueuedWrites(db) < len(writes) {
			time.Sleep(time.Millisecond)
		}
		release()
		wg.Wait()
	}

	t.Run("failures are rolled back alone", func(t *testing.T) {
		var writes []write
		for i := range 4 {
			writes = append(writes, write{fmt.Sprintf("good %d", i), ctx, "ubnd-tinh", render, issued})
		}
		writes = append(writes,
			write{"failing render", ctx, "ubnd-tinh", failing, func(_ register.Document, err error, _ any) error {
				if apperr.CodeOf(err) != apperr.Internal {
					return fmt.Errorf("got %v, want an internal error", err)
				}
				return nil
			}},
			write{"panicking render", ctx, "ubnd-tinh", panicking, func(_ register.Document, _ error, panicked any) error {
				if panicked != "render panicked" {
					return fmt.Errorf("panic %v, want the render's own, in the caller's goroutine", panicked)
				}
				return nil
			}},
			write{"cancelled before it ran", cancelled, "ubnd-tinh", render, func(_ register.Document, err error, _ any) error {
				if !errors.Is(err, context.Canceled) {
					return fmt.Errorf("got %v, want context.Canceled", err)
				}
				return nil
			}},
		)
		batch(t, writes)
		checkOneToN(t, numbers)
	})

	t.Run("a failed commit runs the writes alone", func(t *testing.T) {
		// The issuer's foreign key is deferred: an unknown issuer fails only at COMMIT,
		// after every write of the batch has run.
		writes := []write{{"unknown issuer", ctx, "no-such-unit", render, func(_ register.Document, err error, _ any) error {
			if apperr.CodeOf(err) != apperr.Invalid {
				return fmt.Errorf("got %v, want invalid", err)
			}
			return nil
		}}}
		for i := range 3 {
			writes = append(writes, write{fmt.Sprintf("good %d", i), ctx, "ubnd-tinh", render, issued})
		}
		batch(t, writes)
		checkOneToN(t, numbers)
	})

	entries, err := db.Register(ctx, register.RegisterFilter{IssuerID: "ubnd-tinh", Year: 2026})
	docs, err2 := db.Documents(ctx, register.DocumentFilter{})
	if err != nil || err2 != nil || len(entries) != len(numbers) || len(docs) != len(numbers) {
		t.Errorf("%d register lines (%v) and %d documents (%v), want %d of each",
			len(entries), err, len(docs), err2, len(numbers))
	}
}
