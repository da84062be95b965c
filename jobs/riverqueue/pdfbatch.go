package riverqueue

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/riverqueue/river"

	"vanthu/access"
	"vanthu/publish"
)

// PDFBatchArgs is the job making the PDF/A of documents into one ZIP.
type PDFBatchArgs struct {
	IDs []int64 `json:"ids"`
	// Owner is the user who asked for the job (0 for the command line); only they, or an
	// actor who may read documents everywhere, see it. OwnerLogin names them in the log.
	Owner      int64  `json:"owner,omitempty"`
	OwnerLogin string `json:"owner_login,omitempty"`
}

// Kind names the job in River's table.
func (PDFBatchArgs) Kind() string { return "pdf_batch" }

type pdfBatchWorker struct {
	river.WorkerDefaults[PDFBatchArgs]
	s *Service
}

// errCancelled ends a job whose cancellation was asked for.
var errCancelled = errors.New("jobs: cancelled by the user")

// progressEvery is how often a running job writes its progress and looks for a cancellation.
const progressEvery = time.Second

// Work converts the documents chunk by chunk (one LibreOffice start each; PDFs already in
// publish's cache are not converted again, so a job resumed after a crash redoes little),
// writes them into a ZIP in a temporary file, and stores it as the job's one result.
func (w *pdfBatchWorker) Work(ctx context.Context, job *river.Job[PDFBatchArgs]) error {
	s := w.s
	// The documents were checked against the owner's scope when the job was queued; the
	// worker reads them as the system, on the owner's behalf.
	ctx = access.WithActor(ctx, access.System(fmt.Sprintf("job %d for %s", job.ID, job.Args.OwnerLogin)))
	if n, err := s.Results(ctx, job.ID); err != nil {
		return err
	} else if n > 0 {
		return nil // stored by an earlier attempt that died before River recorded it done
	}
	ids := job.Args.IDs
	if _, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO job_progress (job_id, done, total) VALUES (?, 0, ?)
		ON CONFLICT (job_id) DO UPDATE SET done = 0, total = excluded.total`), job.ID, len(ids)); err != nil {
		return err
	}
	work, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var done atomic.Int64
	stop := make(chan struct{})
	reporter := make(chan struct{})
	go func() {
		defer close(reporter)
		t := time.NewTicker(progressEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if s.report(ctx, job.ID, int(done.Load())) {
					cancel(errCancelled)
				}
			}
		}
	}()
	result, err := w.zip(work, ids, &done)
	close(stop)
	<-reporter
	if errors.Is(context.Cause(work), errCancelled) || s.report(ctx, job.ID, int(done.Load())) {
		return river.JobCancel(errCancelled)
	}
	if err != nil {
		return err
	}
	defer os.Remove(result.Name())
	defer result.Close()
	if _, err := result.Seek(0, io.SeekStart); err != nil {
		return err
	}
	content, err := io.ReadAll(result)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(content)
	// The primary key keeps one result even if two attempts ever got here.
	_, err = s.db.ExecContext(ctx, s.rebind(`INSERT INTO job_results (job_id, name, content_type, sha256, content) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (job_id) DO NOTHING`), job.ID, "van-ban-"+strconv.FormatInt(job.ID, 10)+".zip", "application/zip", hex.EncodeToString(sum[:]), content)
	return err
}

// report writes the progress and says whether cancellation was asked for.
func (s *Service) report(ctx context.Context, id int64, done int) bool {
	if _, err := s.db.ExecContext(ctx, s.rebind(`UPDATE job_progress SET done = ? WHERE job_id = ?`), done, id); err != nil && ctx.Err() == nil {
		s.log.Warn("job progress not written", "job", id, "err", err)
	}
	var cancel int
	if err := s.db.QueryRowContext(ctx, s.rebind(`SELECT cancel_requested FROM job_progress WHERE job_id = ?`), id).Scan(&cancel); err != nil {
		return false
	}
	return cancel != 0
}

// chunkResult is the outcome of one chunk's conversion.
type chunkResult struct {
	files []publish.File
	err   error
}

// zip writes the PDFs of ids into a ZIP in a temporary file, left open for the caller.
// Chunks convert in parallel up to Parallel (one LibreOffice start each) and are written in
// order; a chunk starts only when the one Parallel places before it is written, so at most
// Parallel chunks of PDFs are held in memory.
func (w *pdfBatchWorker) zip(ctx context.Context, ids []int64, done *atomic.Int64) (*os.File, error) {
	f, err := os.CreateTemp(w.s.cfg.WorkDir, "job-*.zip")
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The first chunks grow to the full size (with two lanes: half, then full), so that the
	// lanes' LibreOffice starts, during which no PDF appears, fall at different times and
	// the progress keeps moving.
	var chunks [][]int64
	for start := 0; start < len(ids); {
		size := w.s.cfg.ChunkSize
		if i := len(chunks); i < w.s.cfg.Parallel {
			size = max(1, size*(i+1)/w.s.cfg.Parallel)
		}
		chunks = append(chunks, ids[start:min(start+size, len(ids))])
		start += size
	}
	results := make([]chan chunkResult, len(chunks))
	launch := func(i int) {
		results[i] = make(chan chunkResult, 1)
		go func() {
			var reported atomic.Int64
			files, err := w.s.cfg.PDF.Documents(ctx, chunks[i], func(n int) {
				done.Add(int64(n) - reported.Swap(int64(n)))
			})
			results[i] <- chunkResult{files, err}
		}()
	}
	for i := range min(w.s.cfg.Parallel, len(chunks)) {
		launch(i)
	}
	fail := func(err error) (*os.File, error) {
		cancel()
		// Wait for the chunks still converting: their LibreOffice must be gone before the
		// job ends.
		for _, r := range results {
			if r != nil {
				<-r
			}
		}
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	zw := zip.NewWriter(f)
	for i := range chunks {
		r := <-results[i]
		results[i] = nil
		if r.err != nil {
			return fail(r.err)
		}
		if next := i + w.s.cfg.Parallel; next < len(chunks) {
			launch(next)
		}
		for _, file := range r.files {
			d := file.Document
			// One folder per issuer and year: numbers restart every year in every series.
			name := fmt.Sprintf("%s/%d/%s", d.IssuerID, d.Year, file.Name)
			zf, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: issuedAt(d.IssuedAt)})
			if err != nil {
				return fail(err)
			}
			if _, err := zf.Write(file.Data); err != nil {
				return fail(err)
			}
		}
	}
	if err := zw.Close(); err != nil {
		return fail(err)
	}
	return f, nil
}

func issuedAt(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
