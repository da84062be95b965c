//go:build unix

package riverqueue_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/internal/apptest"
	"vanthu/jobs"
	"vanthu/pdfconv"
	"vanthu/secretariat"
	"vanthu/storage/storagetest"
)

// childCPU is the CPU time (user + system) of the child processes waited for so far: the
// LibreOffice converters. On a shared machine the wall time depends on the others' load;
// this does not.
func childCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS is the most memory this process has held (VmHWM), in MB; 0 without /proc.
func peakRSS() float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}

// BenchmarkPDFBatchCertificates issues VANTHU_BENCH_CERTIFICATES (1000 by default) giấy
// khen, each to a different person, then times one job making the PDF/A of all of them
// into a ZIP, as the server runs it with -pdf-workers 2 (50 documents per LibreOffice
// start, two converters at once, cold cache; VANTHU_BENCH_PDF_WORKERS changes the 2). It reports the job's seconds, the longest time its progress stood still,
// the CPU time LibreOffice spent, and the peak memory of the process (which also holds the
// test's data). Targets: ≤ 120 s
// for 1000 on 2 cores, progress at least every 2 s, ≤ 300 MB. Run it alone:
//
//	go test ./jobs -run XXX -bench PDFBatchCertificates -benchtime 1x
func BenchmarkPDFBatchCertificates(b *testing.B) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("VANTHU_BENCH_CERTIFICATES")); err == nil && v > 0 {
		n = v
	}
	apptest.RequireLibreOffice(b)
	workers := 2
	if v, err := strconv.Atoi(os.Getenv("VANTHU_BENCH_PDF_WORKERS")); err == nil && v > 0 {
		workers = v
	}
	conv, err := pdfconv.New(pdfconv.Config{Workers: workers, Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer conv.Close()
	if err := conv.Warm(context.Background()); err != nil { // as the server does at start-up
		b.Fatal(err)
	}
	dsn := storagetest.SQLiteDSN(b)
	a := apptest.StartWith(b, apptest.LoadData(b), dsn, apptest.Options{Converter: conv})
	ctx := access.WithActor(context.Background(), access.System("test"))
	var sub secretariat.Submission
	if err := json.Unmarshal(apptest.ReadFile(b, "examples/forms/giay-khen.json"), &sub); err != nil {
		b.Fatal(err)
	}
	for i := range n {
		sub.Data["nguoi_nhan"] = fmt.Sprintf("Ông Nguyễn Văn Số %d", i+1)
		if _, err := a.Service.CreateAndIssue(ctx, &sub); err != nil {
			b.Fatalf("certificate %d: %v", i+1, err)
		}
	}
	cfg := apptest.JobsConfig(b, a, dsn, "bench")
	cfg.ChunkSize = 50
	cfg.Workers = 1
	cfg.Parallel = workers
	cfg.JobTimeout = 30 * time.Minute
	q := apptest.OpenJobs(b, a, cfg)
	for b.Loop() {
		job, err := q.StartPDFBatch(ctx, jobs.PDFBatchRequest{IssuerID: sub.IssuerID, Year: 2025})
		if err != nil {
			b.Fatal(err)
		}
		if job.Total != n {
			b.Fatalf("%d documents in the job, want %d", job.Total, n)
		}
		cpu := childCPU()
		start, last, lastDone := time.Now(), time.Now(), -1
		var stall time.Duration
		for {
			j, err := q.Job(ctx, job.ID)
			if err != nil {
				b.Fatal(err)
			}
			if j.Done != lastDone {
				stall = max(stall, time.Since(last))
				last, lastDone = time.Now(), j.Done
			}
			if j.State == "completed" {
				break
			}
			if j.State != "available" && j.State != "running" {
				b.Fatalf("job %+v", j)
			}
			time.Sleep(100 * time.Millisecond)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s-job")
		b.ReportMetric((childCPU() - cpu).Seconds(), "s-cpu-libreoffice")
		b.ReportMetric(stall.Seconds(), "s-longest-stall")
		r, err := q.Result(ctx, job.ID)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(r.Content))/(1<<20), "MB-zip")
	}
	b.ReportMetric(peakRSS(), "MB-peak-rss")
}
