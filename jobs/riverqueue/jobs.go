package riverqueue

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, as storage uses

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/jobs"
	"vanthu/publish"
	"vanthu/register"
	"vanthu/secretariat"
)

// Config is what Open needs.
type Config struct {
	// DSN is the application's database, as storage.Open takes it; storage must have
	// opened (and migrated) it first.
	DSN string
	// Instance names this process in the queue. It must differ between the processes
	// sharing a PostgreSQL queue and stay the same across restarts of one: jobs found
	// running under this name at start-up were cut short by a crash and run again at once.
	Instance string
	Docs     *secretariat.Service
	PDF      *publish.Service
	// Workers is how many jobs this process runs at once; 1 by default.
	Workers int
	// ChunkSize is how many documents go to one LibreOffice start; 50 by default.
	ChunkSize int
	// Parallel is how many chunks of one job convert at once; 1 by default. More than the
	// PDF pool's converters only queues them.
	Parallel int
	// JobTimeout bounds one job; 30 minutes by default. A job running longer on an
	// instance that has disappeared is rescued by another instance after twice this.
	JobTimeout time.Duration
	// WorkDir holds the ZIPs being written. Start empties it: files left there are from
	// jobs of this instance cut short by a crash. By default a folder named after Instance
	// in the system's temporary folder.
	WorkDir string
	// Poll is how often the queue is looked at for new jobs (SQLite has no notifications);
	// 1 s by default.
	Poll time.Duration
	Log  *slog.Logger
}

// client is what Service uses of a River client, whatever its driver.
type client interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	JobGet(ctx context.Context, id int64) (*rivertype.JobRow, error)
	JobCancel(ctx context.Context, id int64) (*rivertype.JobRow, error)
	JobList(ctx context.Context, params *river.JobListParams) (*river.JobListResult, error)
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
}

// Service runs and answers for jobs. Build it with Open, Start it to work jobs, Close it.
type Service struct {
	cfg    Config
	river  client
	db     *sql.DB
	rebind func(string) string
	closer func()
	log    *slog.Logger
}

// Open connects to the database, applies River's migrations and builds the River client;
// it works no job until Start.
func Open(ctx context.Context, cfg Config) (*Service, error) {
	if cfg.Workers <= 0 {
		cfg.Workers = 1
	}
	if cfg.ChunkSize <= 0 {
		cfg.ChunkSize = 50
	}
	if cfg.Parallel <= 0 {
		cfg.Parallel = 1
	}
	if cfg.JobTimeout <= 0 {
		cfg.JobTimeout = 30 * time.Minute
	}
	if cfg.Poll <= 0 {
		cfg.Poll = time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Instance == "" {
		return nil, errors.New("jobs: Instance is empty")
	}
	if cfg.WorkDir == "" {
		name := strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
				return r
			}
			return '_'
		}, cfg.Instance)
		cfg.WorkDir = filepath.Join(os.TempDir(), "vanthu-jobs-"+name)
	}
	s := &Service{cfg: cfg, log: cfg.Log}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &pdfBatchWorker{s: s}); err != nil {
		return nil, err
	}
	rcfg := &river.Config{
		ID:                   cfg.Instance,
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}},
		Workers:              workers,
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: 2 * cfg.JobTimeout,
		FetchPollInterval:    cfg.Poll,
		FetchCooldown:        min(cfg.Poll, 100*time.Millisecond),
		Logger:               cfg.Log.With("component", "river"),
	}
	if strings.HasPrefix(cfg.DSN, "postgres://") || strings.HasPrefix(cfg.DSN, "postgresql://") {
		pool, err := pgxpool.New(ctx, cfg.DSN)
		if err != nil {
			return nil, fmt.Errorf("jobs: %w", err)
		}
		driver := riverpgxv5.New(pool)
		if err := migrateLocked(ctx, pool, driver, cfg.Log); err != nil {
			pool.Close()
			return nil, err
		}
		c, err := river.NewClient(driver, rcfg)
		if err != nil {
			pool.Close()
			return nil, fmt.Errorf("jobs: %w", err)
		}
		s.river, s.db = c, stdlib.OpenDBFromPool(pool)
		s.rebind = dollars
		s.closer = func() { s.db.Close(); pool.Close() }
	} else {
		db, err := sql.Open("sqlite", sqliteDSN(cfg.DSN))
		if err != nil {
			return nil, fmt.Errorf("jobs: %w", err)
		}
		// River's SQLite driver advises one connection: River runs queries in parallel and
		// SQLite allows one writer.
		db.SetMaxOpenConns(1)
		driver := riversqlite.New(db)
		if err := migrateRetrying(ctx, driver, cfg.Log); err != nil {
			db.Close()
			return nil, err
		}
		rcfg.PollOnly = true
		c, err := river.NewClient(driver, rcfg)
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("jobs: %w", err)
		}
		s.river, s.db = c, db
		s.rebind = func(q string) string { return q }
		s.closer = func() { db.Close() }
	}
	return s, nil
}

// sqliteDSN opens the SQLite file as storage does: waiting for locks, WAL, times as text.
func sqliteDSN(dsn string) string {
	const params = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate&_time_format=sqlite"
	if strings.Contains(dsn, "?") {
		return dsn + "&" + params
	}
	return dsn + "?" + params
}

// migrate applies River's own migrations; ours (job_progress, job_results) are storage's.
func migrate[TTx any](ctx context.Context, driver riverdriver.Driver[TTx], log *slog.Logger) error {
	m, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: log.With("component", "rivermigrate")})
	if err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return fmt.Errorf("jobs: River migrations: %w", err)
	}
	if len(res.Versions) > 0 {
		log.Info("River migrations applied", "versions", len(res.Versions))
	}
	return nil
}

// riverMigrationLock is the PostgreSQL advisory lock key that serializes instances applying
// River's migrations at start-up, as storage's key does ours.
const riverMigrationLock = 7_466_231_052

// migrateLocked runs migrate while holding riverMigrationLock on one connection of pool, so
// instances starting together on a new database do not create River's tables twice.
func migrateLocked(ctx context.Context, pool *pgxpool.Pool, driver *riverpgxv5.Driver, log *slog.Logger) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", int64(riverMigrationLock)); err != nil {
		return fmt.Errorf("jobs: lock River migrations: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", int64(riverMigrationLock))
	return migrate(ctx, driver, log)
}

// migrateRetrying runs migrate until it succeeds, for a few seconds: SQLite has no
// advisory lock, and two processes starting together on a new file can both try a version;
// the loser's transaction rolls back, and its next try finds the version applied.
func migrateRetrying(ctx context.Context, driver *riversqlite.Driver, log *slog.Logger) error {
	var err error
	for range 50 {
		if err = migrate(ctx, driver, log); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(100 * time.Millisecond):
		}
	}
	return err
}

// dollars rewrites ? placeholders as $1, $2, … for PostgreSQL.
func dollars(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Start runs jobs in the background until Close. Jobs this instance was running when it
// died are made available again first, so they resume now rather than when River's
// rescuer deems them stuck.
func (s *Service) Start(ctx context.Context) error {
	if err := os.RemoveAll(s.cfg.WorkDir); err != nil {
		return fmt.Errorf("jobs: empty the work folder: %w", err)
	}
	if err := os.MkdirAll(s.cfg.WorkDir, 0o700); err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	if err := s.resumeOrphans(ctx); err != nil {
		return err
	}
	return s.river.Start(ctx)
}

// resumeOrphans makes the jobs left running under this instance's name available again.
func (s *Service) resumeOrphans(ctx context.Context) error {
	res, err := s.river.JobList(ctx, river.NewJobListParams().States(rivertype.JobStateRunning).First(10000))
	if err != nil {
		return fmt.Errorf("jobs: list running jobs: %w", err)
	}
	for _, j := range res.Jobs {
		if n := len(j.AttemptedBy); n == 0 || j.AttemptedBy[n-1] != s.cfg.Instance {
			continue
		}
		// River has no call that puts a running job back in line (JobRetry leaves running
		// jobs alone), so this one statement touches River's table, by id. Its scheduled_at
		// is in the past already (it ran), so it is next in line.
		if _, err := s.db.ExecContext(ctx, s.rebind(`UPDATE river_job SET state = 'available' WHERE id = ? AND state = 'running'`), j.ID); err != nil {
			return fmt.Errorf("jobs: resume job %d: %w", j.ID, err)
		}
		s.log.Warn("job cut short by a restart, resumed", "job", j.ID, "kind", j.Kind, "attempt", j.Attempt)
	}
	return nil
}

// Close stops working jobs, waiting for running ones to finish up to ctx's deadline (then
// they are cancelled and run again after a restart), and closes the connections.
func (s *Service) Close(ctx context.Context) error {
	err := s.river.Stop(ctx)
	s.closer()
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// Job returns a job's state and progress.
func (s *Service) Job(ctx context.Context, id int64) (jobs.Job, error) {
	row, err := s.river.JobGet(ctx, id)
	if errors.Is(err, river.ErrNotFound) {
		return jobs.Job{}, apperr.New(apperr.NotFound, msgNoSuchJob)
	}
	if err != nil {
		return jobs.Job{}, err
	}
	if err := maySee(ctx, row); err != nil {
		return jobs.Job{}, err
	}
	j := jobs.Job{ID: row.ID, Kind: row.Kind, State: string(row.State), Attempt: row.Attempt,
		CreatedAt: row.CreatedAt, FinalizedAt: row.FinalizedAt}
	if err := s.db.QueryRowContext(ctx, s.rebind(`SELECT done, total FROM job_progress WHERE job_id = ?`), id).Scan(&j.Done, &j.Total); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return jobs.Job{}, err
	}
	if row.State == rivertype.JobStateCompleted {
		j.Result = fmt.Sprintf("/api/jobs/%d/result", id)
	}
	if n := len(row.Errors); n > 0 && row.State != rivertype.JobStateCompleted {
		// The last error, for the operator; the user sees the state.
		j.Error = row.Errors[n-1].Error
	}
	return j, nil
}

// maySee refuses a job to anyone but its owner and an actor who may read documents across
// the whole organisation; to others it does not exist (404), so ids reveal nothing.
func maySee(ctx context.Context, row *rivertype.JobRow) error {
	a := access.FromContext(ctx)
	if a == nil {
		return access.ErrSignIn()
	}
	var args PDFBatchArgs
	if err := json.Unmarshal(row.EncodedArgs, &args); err != nil {
		return err
	}
	if a.Via == access.ViaSystem || a.UserID == args.Owner || access.Can(a, access.DocumentRead, access.Everywhere, nil) {
		return nil
	}
	return apperr.New(apperr.NotFound, msgNoSuchJob)
}

// Result returns a completed job's result.
func (s *Service) Result(ctx context.Context, id int64) (jobs.Result, error) {
	if _, err := s.Job(ctx, id); err != nil {
		return jobs.Result{}, err // unknown, or not this actor's
	}
	var r jobs.Result
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT name, content_type, sha256, content FROM job_results WHERE job_id = ?`), id).
		Scan(&r.Name, &r.ContentType, &r.SHA256, &r.Content)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := s.Job(ctx, id); err != nil {
			return jobs.Result{}, err
		}
		return jobs.Result{}, apperr.New(apperr.Conflict, msgNoResult)
	}
	return r, err
}

// Results counts the results of a job: one once it has completed, never more (tests).
func (s *Service) Results(ctx context.Context, id int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT COUNT(*) FROM job_results WHERE job_id = ?`), id).Scan(&n)
	return n, err
}

// Cancel cancels a job: one waiting never runs, one running stops at its next progress
// report (within a second) and keeps no result.
func (s *Service) Cancel(ctx context.Context, id int64) (jobs.Job, error) {
	j, err := s.Job(ctx, id)
	if err != nil {
		return jobs.Job{}, err
	}
	switch rivertype.JobState(j.State) {
	case rivertype.JobStateCompleted, rivertype.JobStateCancelled, rivertype.JobStateDiscarded:
		return jobs.Job{}, apperr.New(apperr.Conflict, msgNotCancellable)
	}
	// The flag reaches a running job on any driver; River's own cancellation reaches it only
	// through PostgreSQL notifications, and stops a waiting job from starting.
	if _, err := s.db.ExecContext(ctx, s.rebind(`UPDATE job_progress SET cancel_requested = 1 WHERE job_id = ?`), id); err != nil {
		return jobs.Job{}, err
	}
	if _, err := s.river.JobCancel(ctx, id); err != nil {
		return jobs.Job{}, err
	}
	return s.Job(ctx, id)
}

// StartPDFBatch queues the job making the ZIP and returns it.
func (s *Service) StartPDFBatch(ctx context.Context, req jobs.PDFBatchRequest) (jobs.Job, error) {
	if err := access.RequireAny(ctx, access.DocumentRead); err != nil {
		return jobs.Job{}, err
	}
	ids := req.IDs
	switch {
	case len(ids) == 0 && req.IssuerID == "" && req.Year == 0:
		return jobs.Job{}, apperr.InvalidFields(map[string]string{"ids": msgNoDocuments})
	case len(ids) == 0 && (req.IssuerID == "" || req.Year == 0):
		return jobs.Job{}, apperr.InvalidFields(map[string]string{"year": msgYearNeedsIssuer})
	case len(ids) == 0:
		for offset := 0; ; offset += register.MaxLimit {
			docs, err := s.cfg.Docs.Documents(ctx, register.DocumentFilter{IssuerID: req.IssuerID, Year: req.Year,
				Status: register.Issued, Limit: register.MaxLimit, Offset: offset})
			if err != nil {
				return jobs.Job{}, err
			}
			for _, d := range docs {
				ids = append(ids, d.ID)
			}
			if len(docs) < register.MaxLimit || len(ids) > jobs.MaxBatch {
				break
			}
		}
		if len(ids) == 0 {
			return jobs.Job{}, apperr.InvalidFields(map[string]string{"issuer_id": msgNoDocuments})
		}
	}
	if len(ids) > jobs.MaxBatch {
		return jobs.Job{}, apperr.InvalidFields(map[string]string{"ids": fmt.Sprintf(msgTooMany, jobs.MaxBatch)})
	}
	// Every document must exist and be issued now, so the job cannot fail on that later.
	for _, id := range ids {
		d, err := s.cfg.Docs.Document(ctx, id)
		if err != nil {
			return jobs.Job{}, err
		}
		if d.Status != register.Issued {
			return jobs.Job{}, apperr.InvalidFields(map[string]string{"ids": fmt.Sprintf(msgNotIssued, id)})
		}
	}
	if err := s.cfg.PDF.Err(); err != nil {
		return jobs.Job{}, err // no converter: nothing would ever come of the job
	}
	owner := access.FromContext(ctx)
	res, err := s.river.Insert(ctx, PDFBatchArgs{IDs: ids, Owner: owner.UserID, OwnerLogin: owner.Login}, &river.InsertOpts{MaxAttempts: 5})
	if err != nil {
		return jobs.Job{}, err
	}
	if _, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO job_progress (job_id, done, total) VALUES (?, 0, ?) ON CONFLICT (job_id) DO NOTHING`),
		res.Job.ID, len(ids)); err != nil {
		return jobs.Job{}, err
	}
	return s.Job(ctx, res.Job.ID)
}

// AttemptedBy returns the instances that have run the job, in order (one per attempt).
func (s *Service) AttemptedBy(ctx context.Context, id int64) ([]string, error) {
	row, err := s.river.JobGet(ctx, id)
	if err != nil {
		return nil, err
	}
	return row.AttemptedBy, nil
}
