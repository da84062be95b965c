package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/jmoiron/sqlx"
	"modernc.org/sqlite"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"

	"vanthu/apperr"
)

// The dialects Dialect reports.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// sqliteParams are appended to every SQLite DSN.
//
//   - busy_timeout waits up to 10 s for another process's write lock instead of failing at
//     once with SQLITE_BUSY;
//   - WAL lets readers run while one writer writes; synchronous(NORMAL) is durable in WAL
//     except for the last transactions on power loss, and much faster than FULL;
//   - foreign_keys is off by default in SQLite and must be turned on per connection;
//   - _txlock=immediate makes BEGIN take the write lock at once: a deferred transaction
//     that reads and then writes can fail with SQLITE_BUSY on the lock upgrade, which
//     busy_timeout cannot wait out;
//   - _time_format=sqlite writes times as "2006-01-02 15:04:05.999999999-07:00", which the
//     driver parses back for TIMESTAMP columns (the default, time.Time.String, may carry a
//     monotonic clock reading).
const sqliteParams = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
	"&_pragma=synchronous(NORMAL)&_pragma=wal_autocheckpoint(0)&_txlock=immediate&_time_format=sqlite"

// SQLite checkpoints. The automatic checkpoint is off: it ran inside whichever commit
// filled the WAL, copying it and syncing the file under the write lock, which set the tail
// latency of issuing (README, "Measured performance"). Instead a background loop copies the WAL back without blocking anyone
// (PASSIVE), and once everything is copied and the WAL has grown past restartFrames it
// restarts the WAL from its beginning (RESTART) under this process's write token: with
// nothing left to copy, that pause is short.
const (
	checkpointEvery = 100 * time.Millisecond
	restartFrames   = 1000  // 4 MB of 4 KB pages
	maxFrames       = 16000 // 64 MB: the WAL never grows much past this
)

// DB is the application's database. It is safe for concurrent use by many goroutines.
type DB struct {
	x       *sqlx.DB
	dialect string
	q       *queries
	// writes holds one token on SQLite, taken by a batch of writes (see groupWrite) and by
	// the background checkpoint's restart of the WAL, so that writers of this process queue
	// in Go, in order and without polling, while readers keep the other connections. Nil on
	// PostgreSQL, where row locks do the work.
	writes chan struct{}
	// reads holds a token per read that may run at once outside a transaction (see
	// reading): one per reading connection of a SQLite file; on PostgreSQL two per core.
	reads chan struct{}
	batch batcher // the writes waiting for the next batch, on SQLite
	// stop ends the background checkpoints of a SQLite file; stopped says they have ended.
	stop, stopped chan struct{}
}

// Open opens the database named by dsn, brings its schema up to date (Migrate) and
// prepares every query. A dsn starting with "postgres://" or "postgresql://" is a
// PostgreSQL connection string (parameters such as sslmode or search_path are passed
// through); anything else is a SQLite file path, a "file:" URI or ":memory:".
func Open(ctx context.Context, dsn string) (*DB, error) {
	db := &DB{}
	var driver, source string
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db.dialect, driver, source = Postgres, "pgx", dsn
	} else {
		db.dialect, driver, source = SQLite, "sqlite", sqliteDSN(dsn)
	}
	x, err := sqlx.Open(driver, source)
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", db.dialect, err)
	}
	db.x = x
	switch db.dialect {
	case SQLite:
		// Every connection of an in-memory database is a database of its own.
		if strings.Contains(dsn, ":memory:") || strings.Contains(dsn, "mode=memory") {
			x.SetMaxOpenConns(1)
		} else {
			// One connection writes at a time (db.writes); the others read in parallel
			// under WAL. Connections are kept for the life of the process: each has its own
			// page cache and prepared statements, and opening one runs the pragmas again.
			n := max(4, runtime.GOMAXPROCS(0)+1)
			x.SetMaxOpenConns(n)
			x.SetMaxIdleConns(n)
			db.reads = make(chan struct{}, n-1)
		}
		x.SetConnMaxLifetime(0)
		db.writes = make(chan struct{}, 1)
		if !strings.Contains(dsn, ":memory:") && !strings.Contains(dsn, "mode=memory") {
			db.stop, db.stopped = make(chan struct{}), make(chan struct{})
		}
	case Postgres:
		// Issuers of one series wait on its row lock, holding a connection each; 16 keeps a
		// few server processes well under PostgreSQL's default max_connections of 100.
		x.SetMaxOpenConns(16)
		x.SetMaxIdleConns(8)
		x.SetConnMaxIdleTime(5 * time.Minute)
		// Reads take turns here too, two per core (the register page at 32 clients on 2
		// cores with the server beside it: p99 29 ms left to the pool, 13.5 ms with 4 turns,
		// 17 ms with 8), leaving the other connections to writers.
		db.reads = make(chan struct{}, min(2*runtime.GOMAXPROCS(0), 12))
	}
	if err := x.PingContext(ctx); err != nil {
		x.Close()
		return nil, fmt.Errorf("storage: connect to %s: %w", db.dialect, err)
	}
	if err := db.Migrate(ctx); err != nil {
		x.Close()
		return nil, err
	}
	q, err := prepareQueries(ctx, x)
	if err != nil {
		x.Close()
		return nil, err
	}
	db.q = q
	if db.stop != nil {
		go db.checkpoints()
	}
	return db, nil
}

// reading waits for a turn to read outside a transaction and returns the function that
// ends it. Readers queue here in arrival order: on a SQLite file for one of the reading
// connections (the writer keeps the last one). Left to database/sql, a connection freed
// goes to a waiter picked at random: under load a few requests waited ten times the
// median (the register page at 32 clients: p99 22 ms against a median of 3.5 ms, 12 ms
// once queued in order). A read whose ctx ends while it waits is not run.
func (db *DB) reading(ctx context.Context) (func(), error) {
	if db.reads == nil {
		return func() {}, nil
	}
	select {
	case db.reads <- struct{}{}:
		return func() { <-db.reads }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// get and sel run a prepared read outside a transaction in its turn (reading): get
// scans one row into dest, sel every row into the slice dest points to.
func (db *DB) get(ctx context.Context, s *sqlx.Stmt, dest any, args ...any) error {
	done, err := db.reading(ctx)
	if err != nil {
		return err
	}
	defer done()
	return s.GetContext(ctx, dest, args...)
}

func (db *DB) sel(ctx context.Context, s *sqlx.Stmt, dest any, args ...any) error {
	done, err := db.reading(ctx)
	if err != nil {
		return err
	}
	defer done()
	return s.SelectContext(ctx, dest, args...)
}

// checkpoints keeps the WAL of a SQLite file copied back and small, in the background,
// until Close. Errors (the database busy) are left for the next tick.
func (db *DB) checkpoints() {
	defer close(db.stopped)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-db.stop:
			return
		case <-t.C:
		}
		var busy, frames, copied int
		if err := db.x.QueryRow("PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied); err != nil ||
			frames < restartFrames || (copied < frames && frames < maxFrames) {
			continue
		}
		// Everything is copied (a short pause), or writers never let the copy catch up and
		// the WAL is past maxFrames: restart it anyway, whatever the pause.
		select {
		case db.writes <- struct{}{}:
			_, _ = db.x.Exec("PRAGMA wal_checkpoint(RESTART)")
			<-db.writes
		case <-db.stop:
			return
		}
	}
}

// sqliteDSN appends the connection parameters to a SQLite path or URI.
func sqliteDSN(dsn string) string {
	if strings.Contains(dsn, "?") {
		return dsn + "&" + sqliteParams
	}
	return dsn + "?" + sqliteParams
}

// Close closes the prepared statements and the connections, after a last checkpoint that
// leaves the WAL empty.
func (db *DB) Close() error {
	if db.stop != nil {
		close(db.stop)
		<-db.stopped
		db.stop = nil
		_, _ = db.x.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	if db.q != nil {
		db.q.close()
	}
	return db.x.Close()
}

// Dialect reports which database is open: "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.dialect }

// write runs fn in a transaction, committed when fn returns nil and rolled back otherwise.
// On SQLite, writes are run one at a time by this process, and those that wait are
// committed together (see groupWrite), each still all or nothing; BEGIN IMMEDIATE and
// busy_timeout guard against writers in other processes. On PostgreSQL it runs at READ
// COMMITTED, which the number upsert relies on: a waiter re-reads the series row once the
// holder commits instead of failing with a serialization error.
func (db *DB) write(ctx context.Context, fn func(ctx context.Context, tx *sqlx.Tx) error) error {
	if db.writes != nil {
		return db.groupWrite(ctx, fn)
	}
	return db.transaction(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted}, fn)
}

// transaction runs fn in a transaction of its own with the options opts.
func (db *DB) transaction(ctx context.Context, opts *sql.TxOptions, fn func(ctx context.Context, tx *sqlx.Tx) error) error {
	tx, err := db.x.BeginTxx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	// Rolled back on error and on panic too (a render callback may panic and the HTTP
	// layer recover): a SQLite transaction left open would keep the write lock forever.
	committed := false
	defer func() {
		if !committed {
			_ = tx.Rollback()
		}
	}()
	if err = fn(ctx, tx); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	committed = true
	return nil
}

// internal turns a database failure into the application error the user sees as a generic
// message, keeping op and the cause for the log. Application errors pass unchanged.
func internal(op string, err error) error {
	if err == nil {
		return nil
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return err
	}
	if isStorageFull(err) {
		return apperr.Wrap(apperr.StorageFull, apperr.DefaultMessage(apperr.StorageFull), fmt.Errorf("storage: %s: %w", op, err))
	}
	return apperr.Wrap(apperr.Internal, msgInternal, fmt.Errorf("storage: %s: %w", op, err))
}

// isStorageFull reports whether err says the database cannot grow: SQLITE_FULL (the disk is
// full, or the file reached max_page_count) or PostgreSQL's disk_full (SQLSTATE 53100).
// Such a write fails whole and changes nothing; reads go on working.
func isStorageFull(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()&0xff == sqlite3.SQLITE_FULL
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == pgDiskFull
}

// pgDiskFull is PostgreSQL's SQLSTATE for "disk_full".
const pgDiskFull = "53100"

// isForeignKeyViolation reports whether err is a FOREIGN KEY constraint failure.
func isForeignKeyViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23503"
}

// nullString stores "" as NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullInt64 stores 0 as NULL.
func nullInt64(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

// timestamp is how times are stored: UTC, to the microsecond PostgreSQL keeps, so a time
// reads back equal on both databases.
func timestamp(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
