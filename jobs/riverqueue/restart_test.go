//go:build unix

package riverqueue_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/appdata"
	"vanthu/internal/apptest"
	"vanthu/jobs"
	"vanthu/jobs/riverqueue"
	"vanthu/pdfconv"
	"vanthu/publish"
	"vanthu/secretariat"
	"vanthu/storage"
)

// TestJobsChild is not a test: it is the server process TestKilledServerResumes starts
// and kills. It serves jobs as instance "worker-1" until it is killed.
func TestJobsChild(t *testing.T) {
	dsn := os.Getenv(childDSN)
	if dsn == "" {
		t.Skip("run by TestKilledServerResumes only")
	}
	ctx := access.WithActor(context.Background(), access.System("test"))
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	d, err := appdata.Load("")
	if err != nil {
		t.Fatal(err)
	}
	db, err := storage.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := secretariat.New(ctx, secretariat.Config{DB: db, Catalog: d.Catalog, Validator: d.Validator,
		Rules: d.Rules, Renderer: d.Renderer, Now: func() time.Time { return apptest.Now }, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	conv, err := pdfconv.New(pdfconv.Config{Dir: os.Getenv(childDir), Log: log})
	if err != nil {
		t.Fatal(err)
	}
	pub, err := publish.New(publish.Config{Docs: svc, Converter: conv, CacheDir: os.Getenv(childCache), Log: log})
	if err != nil {
		t.Fatal(err)
	}
	j, err := riverqueue.Open(ctx, riverqueue.Config{DSN: dsn, Instance: "worker-1", Docs: svc, PDF: pub, ChunkSize: 1,
		WorkDir: filepath.Join(os.Getenv(childDir), "jobs"),
		Poll:    50 * time.Millisecond, JobTimeout: time.Minute, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Start(ctx); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(os.Stderr, "child: serving jobs")
	time.Sleep(2 * time.Minute) // killed long before
}

// TestKilledServerResumes runs a PDF job in a real server process, kills it with SIGKILL
// (LibreOffice with it) half-way, and starts the server again under the same instance
// name: the job resumes at once, its PDFs made before the kill come from the cache, and it
// ends with exactly one result holding every document.
func TestKilledServerResumes(t *testing.T) {
	conv := converter(t)
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			dsn := b.DSN(t)
			cache := t.TempDir()
			a := apptest.StartWith(t, data, dsn, apptest.Options{Converter: conv, PDFCache: cache})
			const n = 3
			ids := issue(t, a, n)
			// This process only queues the job: it has no worker until the restart.
			ctx := access.WithActor(context.Background(), access.System("test"))
			queue, err := riverqueue.Open(ctx, apptest.JobsConfig(t, a, dsn, "queue-only"))
			if err != nil {
				t.Fatal(err)
			}
			defer queue.Close(ctx)
			job, err := queue.StartPDFBatch(ctx, jobs.PDFBatchRequest{IDs: ids})
			if err != nil {
				t.Fatal(err)
			}

			child := exec.Command(os.Args[0], "-test.run", "^TestJobsChild$", "-test.count=1")
			loDir := filepath.Join(t.TempDir(), "lo")
			child.Env = append(os.Environ(), childDSN+"="+dsn, childCache+"="+cache, childDir+"="+loDir)
			child.Stderr = os.Stderr
			child.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
			if err := child.Start(); err != nil {
				t.Fatal(err)
			}
			killed := false
			kill := func() {
				if !killed {
					killed = true
					syscall.Kill(-child.Process.Pid, syscall.SIGKILL)
					child.Wait()
				}
			}
			defer kill()
			deadline := time.Now().Add(60 * time.Second)
			for {
				j, err := queue.Job(ctx, job.ID)
				if err != nil {
					t.Fatal(err)
				}
				if j.State == "running" && j.Done >= 1 && j.Done < n {
					t.Logf("killing the server at %d of %d", j.Done, n)
					break
				}
				if j.State != "available" && j.State != "running" || time.Now().After(deadline) {
					t.Fatalf("job never got half-way: %+v", j)
				}
				time.Sleep(20 * time.Millisecond)
			}
			kill()
			j, err := queue.Job(ctx, job.ID)
			if err != nil || j.State != "running" {
				t.Fatalf("after the kill the job is %+v (%v), want left running", j, err)
			}

			killedFiles, _ := os.ReadDir(filepath.Join(loDir, "jobs"))
			if len(killedFiles) == 0 {
				t.Error("the killed job left no ZIP in its work folder: nothing for the restart to clear")
			}

			// The restart: same instance name.
			cfg := apptest.JobsConfig(t, a, dsn, "worker-1")
			cfg.WorkDir = filepath.Join(loDir, "jobs") // the killed process's: Start empties it
			restarted := apptest.OpenJobs(t, a, cfg)
			// The restarted queue may already be working the job again, in new files: only the
			// killed attempt's must be gone.
			for _, f := range killedFiles {
				if _, err := os.Stat(filepath.Join(cfg.WorkDir, f.Name())); err == nil {
					t.Errorf("the killed job's file %s is still in the work folder", f.Name())
				}
			}
			deadline = time.Now().Add(60 * time.Second)
			for j.State != "completed" {
				if time.Now().After(deadline) || j.State == "discarded" || j.State == "cancelled" {
					t.Fatalf("after the restart the job is %+v", j)
				}
				time.Sleep(50 * time.Millisecond)
				if j, err = restarted.Job(ctx, job.ID); err != nil {
					t.Fatal(err)
				}
			}
			if j.Attempt != 2 || j.Done != n {
				t.Errorf("job %+v: want attempt 2, done %d", j, n)
			}
			if got, err := restarted.Results(ctx, job.ID); err != nil || got != 1 {
				t.Fatalf("%d results (%v), want exactly 1", got, err)
			}
			r, err := restarted.Result(ctx, job.ID)
			if err != nil {
				t.Fatal(err)
			}
			checkZip(t, r.Content, n)
			raw, _ := json.Marshal(j)
			t.Logf("job after the restart: %s", raw)
		})
	}
}
