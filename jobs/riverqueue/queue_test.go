package riverqueue_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/internal/apptest"
	"vanthu/jobs"
	"vanthu/jobs/riverqueue"
)

// TestCancelRunningJob cancels a job while it converts: it stops within seconds, ends
// cancelled and keeps no result.
func TestCancelRunningJob(t *testing.T) {
	conv := converter(t)
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			a := apptest.StartWith(t, data, b.DSN(t), apptest.Options{Converter: conv, Jobs: true})
			ctx := access.WithActor(context.Background(), access.System("test"))
			job, err := a.Jobs.StartPDFBatch(ctx, jobs.PDFBatchRequest{IDs: issue(t, a, 20)})
			if err != nil {
				t.Fatal(err)
			}
			path := "/api/jobs/" + itoa(job.ID)
			waitJob(t, a, path, 60*time.Second, func(j jobs.Job) bool { return j.State == "running" })
			res := a.Do(t, http.MethodPost, path+"/cancel", nil)
			if res.Status != http.StatusOK {
				t.Fatalf("cancel: %d %s", res.Status, apptest.Excerpt(res.Body))
			}
			start := time.Now()
			j := waitJob(t, a, path, 30*time.Second, func(j jobs.Job) bool { return j.State != "running" })
			t.Logf("stopped %s after the cancellation, at %d of %d", time.Since(start).Round(time.Millisecond), j.Done, j.Total)
			if j.State != "cancelled" || j.Done >= j.Total {
				t.Errorf("job %+v, want cancelled before the end", j)
			}
			if res := a.Do(t, http.MethodGet, path+"/result", nil); res.Status != http.StatusConflict {
				t.Errorf("result of a cancelled job: %d, want 409", res.Status)
			}
			if n, err := a.Jobs.Results(ctx, job.ID); err != nil || n != 0 {
				t.Errorf("%d results (%v), want none", n, err)
			}
		})
	}
}

// TestTwoInstancesShareQueue runs two job queues, as two server processes would, on one
// PostgreSQL database: every job runs once (one attempt, by one instance) and has one
// result. The PDFs are made once beforehand, so the jobs are quick and contend.
func TestTwoInstancesShareQueue(t *testing.T) {
	conv := converter(t)
	dsn := apptest.PostgresDSN(t)
	cache := t.TempDir()
	a := apptest.StartWith(t, apptest.LoadData(t), dsn, apptest.Options{Converter: conv, PDFCache: cache})
	ids := issue(t, a, 3)
	ctx := access.WithActor(context.Background(), access.System("test"))
	if _, err := a.PDF.Documents(ctx, ids, nil); err != nil { // fills the cache
		t.Fatal(err)
	}
	one := apptest.OpenJobs(t, a, apptest.JobsConfig(t, a, dsn, "instance-1"))
	two := apptest.OpenJobs(t, a, apptest.JobsConfig(t, a, dsn, "instance-2"))
	var queued []int64
	for i := range 24 {
		q := one
		if i%2 == 1 {
			q = two
		}
		j, err := q.StartPDFBatch(ctx, jobs.PDFBatchRequest{IDs: ids[:1+i%3]})
		if err != nil {
			t.Fatal(err)
		}
		queued = append(queued, j.ID)
	}
	deadline := time.Now().Add(60 * time.Second)
	for _, id := range queued {
		for {
			j, err := one.Job(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if j.State == "completed" {
				if j.Attempt != 1 {
					t.Errorf("job %d ran %d times", id, j.Attempt)
				}
				if n, err := two.Results(ctx, id); err != nil || n != 1 {
					t.Errorf("job %d: %d results (%v)", id, n, err)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("job %d still %+v", id, j)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	by := map[string]int{}
	for _, id := range queued {
		row, err := one.AttemptedBy(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(row) != 1 {
			t.Errorf("job %d attempted by %v, want one instance", id, row)
		}
		for _, who := range row {
			by[who]++
		}
	}
	t.Logf("jobs run by instance: %v", by)
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// TestInstancesStartTogether opens four job queues at once on a new database, as servers
// started together would: River's migrations are applied once and every queue opens.
func TestInstancesStartTogether(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			dsn := b.DSN(t)
			a := apptest.StartWith(t, data, dsn, apptest.Options{})
			errs := make(chan error, 4)
			for i := range 4 {
				go func() {
					cfg := apptest.JobsConfig(t, a, dsn, "instance-"+strconv.Itoa(i))
					q, err := riverqueue.Open(context.Background(), cfg)
					if err == nil {
						err = q.Close(context.Background())
					}
					errs <- err
				}()
			}
			for range 4 {
				if err := <-errs; err != nil {
					t.Error(err)
				}
			}
		})
	}
}
