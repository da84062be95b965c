package storage

import (
	"context"
	"fmt"
	"sync"

	"github.com/jmoiron/sqlx"
)

// Group commit on SQLite.
//
// SQLite has one writer at a time, and every commit appends each page it changed to the
// WAL, which the checkpoint later copies into the database file. Issuing one dispatch alone
// wrote 17 pages (70 KB): 6 of them its submission and its .docx, the other 11 the index,
// interior, counter and header pages every issue touches again. So writes that arrive while
// a transaction runs wait, and the next transaction runs all of them (up to maxBatch), each
// inside its own SAVEPOINT, and commits once: the shared pages are written once per batch.
//
// Each write keeps its own outcome. One that fails is rolled back to its savepoint alone,
// its number with it, and the others go on. If the commit itself fails (a deferred foreign
// key, a full disk), the batch is rolled back and the writes that had succeeded run again,
// each in a transaction of its own, so that what fails is only what caused the failure.
// The writes are closures over their inputs and may run twice; they must have no effect
// outside the transaction (a RenderFunc has none).
//
// A write that has started runs to its end even if its caller gives up: its context's
// cancellation is removed (context.WithoutCancel), because an interrupted statement makes
// SQLite roll back the whole transaction, the batch's other writes included. A write whose
// context is done before it starts is not run.

// maxBatch bounds the writes committed together: enough to share the common pages among
// all 32 clients of a busy server, few enough that one commit stays short.
const maxBatch = 64

// writeJob is one write transaction's work, queued for the SQLite writer.
type writeJob struct {
	ctx  context.Context
	fn   func(ctx context.Context, tx *sqlx.Tx) error
	err  error // fn's outcome, or why it could not run
	pnc  any   // what fn panicked with, raised again in the caller's goroutine
	done chan struct{}
	lead chan struct{} // closed when this job's goroutine is to run the next batch
}

// batcher queues the writes of one SQLite database. running says a goroutine is running
// batches; it hands the role on to the first queued job's goroutine when it is done with
// its own batch, so no caller runs other callers' writes for longer than one batch.
type batcher struct {
	mu      sync.Mutex
	queue   []*writeJob
	running bool
}

// groupWrite runs fn in the next batch and returns its outcome (see the comment above).
func (db *DB) groupWrite(ctx context.Context, fn func(ctx context.Context, tx *sqlx.Tx) error) error {
	j := &writeJob{ctx: ctx, fn: fn, done: make(chan struct{}), lead: make(chan struct{})}
	b := &db.batch
	b.mu.Lock()
	b.queue = append(b.queue, j)
	leader := !b.running
	b.running = true
	b.mu.Unlock()
	if !leader {
		select {
		case <-j.done:
		case <-j.lead:
			leader = true
		}
	}
	if leader {
		db.runNextBatch()
	}
	<-j.done
	if j.pnc != nil {
		panic(j.pnc)
	}
	return j.err
}

// runNextBatch takes the queued jobs (the caller's first), runs and commits them, then
// hands the runner's role to the next queued job or, if there is none, gives it up.
func (db *DB) runNextBatch() {
	// The background checkpoint takes the token too, between batches; jobs that queue
	// while it does join this batch.
	db.writes <- struct{}{}
	b := &db.batch
	b.mu.Lock()
	n := min(len(b.queue), maxBatch)
	jobs := make([]*writeJob, n)
	copy(jobs, b.queue)
	b.queue = append(b.queue[:0], b.queue[n:]...)
	b.mu.Unlock()
	db.runBatch(jobs)
	<-db.writes
	for _, j := range jobs {
		close(j.done)
	}

	b.mu.Lock()
	if len(b.queue) > 0 {
		close(b.queue[0].lead)
	} else {
		b.running = false
	}
	b.mu.Unlock()
}

// runBatch runs jobs in one transaction, each in a savepoint, and commits; see groupWrite.
func (db *DB) runBatch(jobs []*writeJob) {
	var live []*writeJob
	for _, j := range jobs {
		if j.err = j.ctx.Err(); j.err == nil {
			live = append(live, j)
		}
	}
	if len(live) < 2 {
		db.runAlone(live) // the transaction is the job's own: no savepoint needed
		return
	}
	tx, err := db.x.BeginTxx(context.Background(), nil)
	if err != nil {
		db.runAlone(live)
		return
	}
	for _, j := range live {
		if err = db.runSavepoint(tx, j); err != nil {
			break // the transaction cannot go on: none of the batch is kept
		}
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		_ = tx.Rollback()
		db.runAlone(live)
	}
}

// runSavepoint runs j inside a savepoint of tx, rolling back to it if j fails. Its error
// is about the transaction (a savepoint statement failed), not about j; j's own outcome is
// in j.err and j.pnc.
func (db *DB) runSavepoint(tx *sqlx.Tx, j *writeJob) error {
	if _, err := tx.Exec("SAVEPOINT job"); err != nil {
		return err
	}
	db.runJob(tx, j)
	if j.err != nil {
		if _, err := tx.Exec("ROLLBACK TO job"); err != nil {
			return err
		}
	}
	_, err := tx.Exec("RELEASE job")
	return err
}

// runAlone runs in a transaction of its own each job that has not failed on its own: the
// jobs not run yet, and those that succeeded in a batch that could not be committed.
func (db *DB) runAlone(jobs []*writeJob) {
	for _, j := range jobs {
		if j.err != nil {
			continue
		}
		err := db.transaction(context.WithoutCancel(j.ctx), nil, func(ctx context.Context, tx *sqlx.Tx) error {
			db.runJob(tx, j)
			return j.err
		})
		if j.pnc == nil {
			j.err = err
		}
	}
}

// runJob calls j's function with its context's cancellation removed and records its
// outcome; a panic becomes an error here (the transaction is rolled back) and is raised
// again in the caller's goroutine.
func (db *DB) runJob(tx *sqlx.Tx, j *writeJob) {
	defer func() {
		if r := recover(); r != nil {
			j.err, j.pnc = fmt.Errorf("panic: %v", r), r
		}
	}()
	j.err, j.pnc = j.fn(context.WithoutCancel(j.ctx), tx), nil
}
