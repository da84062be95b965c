package storage_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"vanthu/apperr"
	"vanthu/register"
	"vanthu/storage"
	"vanthu/storage/storagetest"
)

func TestIssue(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn)
		now := time.Date(2026, 3, 9, 10, 30, 0, 0, ict)

		t.Run("numbers 1, 2, 3", func(t *testing.T) {
			for want := 1; want <= 3; want++ {
				d := mustCreate(t, db, "ubnd-tinh")
				got := mustIssue(t, db, d.ID, now)
				if got.Number != want || got.Year != 2026 || got.Status != register.Issued {
					t.Fatalf("issue %d: number %d, year %d, status %q", want, got.Number, got.Year, got.Status)
				}
				if got.IssuedAt == nil || !got.IssuedAt.Equal(now) {
					t.Errorf("IssuedAt = %v, want %v", got.IssuedAt, now)
				}
				stored, err := db.Document(ctx, d.ID)
				if err != nil || !sameDocument(stored, got) {
					t.Errorf("Document() = %+v, %v;\nIssue returned %+v", stored, err, got)
				}
				file, sha, err := db.DocumentFile(ctx, d.ID)
				sum := sha256.Sum256(docx(want))
				if err != nil || !bytes.Equal(file, docx(want)) || sha != hex.EncodeToString(sum[:]) || sha != got.SHA256 {
					t.Errorf("DocumentFile() = %q, %s, %v; want %q, %x", file, sha, err, docx(want), sum)
				}
			}
		})

		t.Run("year rollover restarts at 1", func(t *testing.T) {
			// 00:30 on 1 January in Vietnam is still 31 December in UTC: the issuer's
			// calendar decides.
			lastOf2026 := time.Date(2026, 12, 31, 23, 59, 0, 0, ict)
			firstOf2027 := time.Date(2027, 1, 1, 0, 30, 0, 0, ict)
			if got := mustIssue(t, db, mustCreate(t, db, "ubnd-tinh").ID, lastOf2026); got.Number != 4 || got.Year != 2026 {
				t.Errorf("last of 2026: %d/%d, want 4/2026", got.Number, got.Year)
			}
			for want := 1; want <= 2; want++ {
				got := mustIssue(t, db, mustCreate(t, db, "ubnd-tinh").ID, firstOf2027)
				if got.Number != want || got.Year != 2027 {
					t.Errorf("2027: %d/%d, want %d/2027", got.Number, got.Year, want)
				}
			}
			entries, err := db.Register(ctx, register.RegisterFilter{IssuerID: "ubnd-tinh", Year: 2027})
			if err != nil || len(entries) != 2 || !entries[0].Date.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("Register(2027) = %+v, %v", entries, err)
			}
		})

		t.Run("issued is frozen", func(t *testing.T) {
			d := mustCreate(t, db, "ca-tinh")
			issued := mustIssue(t, db, d.ID, now)
			edit := issued
			edit.Subject = "sửa sau khi ban hành"
			wantCode(t, db.UpdateDraft(ctx, &edit), apperr.Conflict,
				"Văn bản đã ban hành, không thể sửa; hãy ban hành công văn đính chính.")
			_, err := db.Issue(ctx, d.ID, now, render)
			wantCode(t, err, apperr.Conflict, "")
			got, err := db.Document(ctx, d.ID)
			if err != nil || !sameDocument(got, issued) {
				t.Errorf("issued document changed: %+v, %v", got, err)
			}
			// The refused issue took no number.
			if next := mustIssue(t, db, mustCreate(t, db, "ca-tinh").ID, now); next.Number != issued.Number+1 {
				t.Errorf("next number = %d, want %d", next.Number, issued.Number+1)
			}
		})

		t.Run("unknown or draft", func(t *testing.T) {
			_, err := db.Issue(ctx, 1<<40, now, render)
			wantCode(t, err, apperr.NotFound, "")
			_, _, err = db.DocumentFile(ctx, 1<<40)
			wantCode(t, err, apperr.NotFound, "")
			_, _, err = db.DocumentFile(ctx, mustCreate(t, db, "ubnd-tinh").ID)
			wantCode(t, err, apperr.NotFound, "Văn bản chưa ban hành nên chưa có tệp.")
		})

		t.Run("render error consumes no number", func(t *testing.T) {
			const issuer = "so-tp"
			mustIssue(t, db, mustCreate(t, db, issuer).ID, now) // 1
			failing := []struct {
				name   string
				render register.RenderFunc
				code   apperr.Code
			}{
				{"plain error", func(int) ([]byte, register.Entry, error) {
					return nil, register.Entry{}, errors.New("template broken")
				}, apperr.Internal},
				{"application error", func(int) ([]byte, register.Entry, error) {
					return nil, register.Entry{}, apperr.New(apperr.Invalid, "Thiếu người ký.")
				}, apperr.Invalid},
			}
			d := mustCreate(t, db, issuer)
			for _, f := range failing {
				t.Run(f.name, func(t *testing.T) {
					_, err := db.Issue(ctx, d.ID, now, f.render)
					wantCode(t, err, f.code, "")
					got, err := db.Document(ctx, d.ID)
					if err != nil || got.Status != register.Draft || got.Number != 0 {
						t.Errorf("after failed issue: %+v, %v", got, err)
					}
					if _, _, err := db.DocumentFile(ctx, d.ID); apperr.CodeOf(err) != apperr.NotFound {
						t.Errorf("DocumentFile after failed issue: %v", err)
					}
				})
			}
			t.Run("panic", func(t *testing.T) {
				func() {
					defer func() {
						if recover() == nil {
							t.Error("render panic did not reach the caller")
						}
					}()
					db.Issue(ctx, d.ID, now, func(int) ([]byte, register.Entry, error) { panic("render panic") })
				}()
				// The transaction was rolled back: the database is not left locked.
				if got, err := db.Document(ctx, d.ID); err != nil || got.Status != register.Draft {
					t.Errorf("after panic: %+v, %v", got, err)
				}
			})
			if got := mustIssue(t, db, d.ID, now); got.Number != 2 {
				t.Errorf("number after failed issues = %d, want 2", got.Number)
			}
			entries, err := db.Register(ctx, register.RegisterFilter{IssuerID: issuer})
			if err != nil || len(entries) != 2 {
				t.Errorf("register of %s = %d lines, %v; want 2", issuer, len(entries), err)
			}
		})
	})
}

// TestIssueConcurrent issues many drafts of one issuer at once and checks the numbers are
// exactly 1..n, each once: none lost, none given twice. The "two handles" cases stand in
// for two server processes on one database.
func TestIssueConcurrent(t *testing.T) {
	const drafts = 500
	for _, target := range targets {
		for _, handles := range []int{1, 2} {
			t.Run(fmt.Sprintf("%s/%d handles", target.name, handles), func(t *testing.T) {
				t.Parallel()
				dsn := target.dsn(t)
				dbs := []*storage.DB{open(t, dsn)}
				for len(dbs) < handles {
					dbs = append(dbs, storagetest.MustOpen(t, dsn))
				}
				now := time.Date(2026, 7, 1, 8, 0, 0, 0, ict)
				ids := make([]int64, drafts)
				for i := range ids {
					ids[i] = mustCreate(t, dbs[0], "ubnd-tinh").ID
				}
				// Every tenth render fails, and is retried: failures must leave no gap.
				numbers := make([]int, drafts)
				took := make([]time.Duration, drafts) // of the successful Issue call
				errs := make(chan error, drafts)
				var wg sync.WaitGroup
				start := make(chan struct{})
				for i, id := range ids {
					wg.Go(func() {
						db := dbs[i%len(dbs)]
						<-start
						if i%10 == 0 {
							_, err := db.Issue(context.Background(), id, now, func(int) ([]byte, register.Entry, error) {
								return nil, register.Entry{}, errors.New("render failed")
							})
							if err == nil {
								errs <- fmt.Errorf("draft %d: failing render issued", id)
								return
							}
						}
						began := time.Now()
						d, err := db.Issue(context.Background(), id, now, render)
						if err != nil {
							errs <- fmt.Errorf("draft %d: %w", id, err)
							return
						}
						numbers[i], took[i] = d.Number, time.Since(began)
					})
				}
				began := time.Now()
				close(start)
				wg.Wait()
				close(errs)
				for err := range errs {
					t.Error(err)
				}
				elapsed := time.Since(began)
				slices.Sort(took)
				t.Logf("%d concurrent issues on %s with %d handle(s): %v; wait+issue median %v, max %v",
					drafts, target.name, handles, elapsed, took[drafts/2], took[drafts-1])
				checkOneToN(t, numbers)

				entries, err := dbs[0].Register(context.Background(), register.RegisterFilter{IssuerID: "ubnd-tinh", Year: 2026})
				if err != nil {
					t.Fatal(err)
				}
				for i, e := range entries {
					if e.Number != i+1 {
						t.Fatalf("register line %d has number %d", i+1, e.Number)
					}
				}
				if len(entries) != drafts {
					t.Fatalf("register has %d lines, want %d", len(entries), drafts)
				}
			})
		}
	}
}

// TestIssueIndependentSeries issues for a People's Committee and its steering committee
// at once: each keeps its own series from 1.
func TestIssueIndependentSeries(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		db := open(t, dsn)
		issuers := []string{"ubnd-tinh", "bcd-tinh", "ca-tinh"}
		const each = 40
		now := time.Date(2026, 2, 3, 14, 0, 0, 0, ict)
		numbers := map[string][]int{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, issuer := range issuers {
			for range each {
				id := mustCreate(t, db, issuer).ID
				wg.Go(func() {
					d, err := db.Issue(context.Background(), id, now, render)
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					numbers[issuer] = append(numbers[issuer], d.Number)
					mu.Unlock()
				})
			}
		}
		wg.Wait()
		for _, issuer := range issuers {
			t.Run(issuer, func(t *testing.T) { checkOneToN(t, numbers[issuer]) })
		}
	})
}

// checkOneToN fails unless numbers holds 1..len(numbers), each once.
func checkOneToN(t *testing.T, numbers []int) {
	t.Helper()
	seen := make([]int, len(numbers)+1)
	for _, n := range numbers {
		if n < 1 || n > len(numbers) {
			t.Errorf("number %d outside 1..%d", n, len(numbers))
			continue
		}
		seen[n]++
	}
	for n := 1; n <= len(numbers); n++ {
		if seen[n] != 1 {
			t.Errorf("number %d given %d times", n, seen[n])
		}
	}
}

func TestCreateAndIssue(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn)
		now := time.Date(2026, 3, 9, 10, 30, 0, 0, ict)
		for want := 1; want <= 2; want++ {
			got, err := db.CreateAndIssue(ctx, newDraft("ubnd-tinh"), now, 2026, render)
			if err != nil || got.Number != want || got.Status != register.Issued || got.ID == 0 {
				t.Fatalf("CreateAndIssue %d: %+v, %v", want, got, err)
			}
			if file, _, err := db.DocumentFile(ctx, got.ID); err != nil || !bytes.Equal(file, docx(want)) {
				t.Errorf("file of %d: %q, %v", want, file, err)
			}
		}
		before, err := db.Documents(ctx, register.DocumentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		failing := func(int) ([]byte, register.Entry, error) { return nil, register.Entry{}, errors.New("render failed") }
		if _, err := db.CreateAndIssue(ctx, newDraft("ubnd-tinh"), now, 2026, failing); apperr.CodeOf(err) != apperr.Internal {
			t.Fatalf("a failed render: %v, want an internal error", err)
		}
		after, _ := db.Documents(ctx, register.DocumentFilter{})
		if len(after) != len(before) {
			t.Errorf("a failed render left a document behind: %d documents, want %d", len(after), len(before))
		}
		if got, err := db.CreateAndIssue(ctx, newDraft("ubnd-tinh"), now, 2026, render); err != nil || got.Number != 3 {
			t.Errorf("after a failed render the next number is %d (%v), want 3: none lost", got.Number, err)
		}
		if _, err := db.CreateAndIssue(ctx, newDraft("no-such-unit"), now, 2026, render); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("unknown issuer: %v, want invalid", err)
		}
	})
}
