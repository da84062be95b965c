package riverqueue_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"vanthu/internal/apptest"
	"vanthu/jobs"
)

// issue issues the seed dispatch n times (each gets its own number, so its own .docx and
// its own PDF) and returns the ids.
func issue(tb testing.TB, a *apptest.App, n int) []int64 {
	tb.Helper()
	body := strings.Replace(string(apptest.ReadFile(tb, "examples/forms/cong-van.json")), "{", `{"issue": true,`, 1)
	var ids []int64
	for range n {
		res := a.Do(tb, http.MethodPost, "/api/documents", strings.NewReader(body))
		if res.Status != http.StatusCreated {
			tb.Fatalf("issue: %d %s", res.Status, apptest.Excerpt(res.Body))
		}
		id, err := strconv.ParseInt(strings.TrimPrefix(res.Header.Get("Location"), "/api/documents/"), 10, 64)
		if err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// waitJob polls the job through the API until until says so, or fails after timeout.
func waitJob(tb testing.TB, a *apptest.App, path string, timeout time.Duration, until func(jobs.Job) bool) jobs.Job {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		res := a.Do(tb, http.MethodGet, path, nil)
		var j jobs.Job
		res.JSON(tb, &j)
		if res.Status != http.StatusOK {
			tb.Fatalf("GET %s: %d %s", path, res.Status, apptest.Excerpt(res.Body))
		}
		if until(j) {
			return j
		}
		if time.Now().After(deadline) {
			tb.Fatalf("job still %+v after %s", j, timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// checkZip checks that zipData holds one PDF/A per id, in per-issuer, per-year folders.
func checkZip(tb testing.TB, zipData []byte, n int) {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(zipData), int64(len(zipData)))
	if err != nil {
		tb.Fatalf("result is not a ZIP: %v", err)
	}
	if len(zr.File) != n {
		tb.Fatalf("ZIP holds %d files, want %d", len(zr.File), n)
	}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "ubnd-tinh-thanh-hoa-2016/2016/") || !strings.HasSuffix(f.Name, "-UBND-NC.pdf") {
			tb.Errorf("ZIP entry %q", f.Name)
		}
		rc, _ := f.Open()
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			tb.Errorf("%s is not a PDF", f.Name)
		}
	}
}

// TestPDFJobThroughAPI: on each database, POST /api/jobs/pdf answers 202 with the job's
// address; the job's progress grows to its total; the ZIP downloads once it completes;
// asking for the result before, or cancelling after, is refused with 409.
func TestPDFJobThroughAPI(t *testing.T) {
	conv := converter(t)
	data := apptest.LoadData(t)
	cache := t.TempDir()
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			a := apptest.StartWith(t, data, b.DSN(t), apptest.Options{Converter: conv, PDFCache: cache, Jobs: true})
			ids := issue(t, a, 3)
			body, _ := json.Marshal(map[string]any{"ids": ids})
			res := a.Do(t, http.MethodPost, "/api/jobs/pdf", bytes.NewReader(body))
			if res.Status != http.StatusAccepted {
				t.Fatalf("POST /api/jobs/pdf: %d %s", res.Status, apptest.Excerpt(res.Body))
			}
			loc := res.Header.Get("Location")
			var j jobs.Job
			res.JSON(t, &j)
			if loc != fmt.Sprintf("/api/jobs/%d", j.ID) || j.Total != 3 || j.Kind != "pdf_batch" {
				t.Fatalf("Location %q, job %+v", loc, j)
			}
			seen := map[int]bool{}
			j = waitJob(t, a, loc, 60*time.Second, func(j jobs.Job) bool {
				seen[j.Done] = true
				return j.State == "completed" || j.State == "discarded" || j.State == "cancelled"
			})
			if j.State != "completed" || j.Done != 3 || j.Result != loc+"/result" {
				t.Fatalf("job ended %+v", j)
			}
			t.Logf("progress seen: %v", seen)
			res = a.Do(t, http.MethodGet, loc+"/result", nil)
			if res.Status != http.StatusOK || res.Header.Get("Content-Type") != "application/zip" {
				t.Fatalf("result: %d %s", res.Status, res.Header.Get("Content-Type"))
			}
			checkZip(t, res.Body, 3)
			if res := a.Do(t, http.MethodPost, loc+"/cancel", nil); res.Status != http.StatusConflict {
				t.Errorf("cancelling a completed job: %d, want 409", res.Status)
			}
			for _, tc := range []struct {
				body string
				want int
			}{
				{`{}`, http.StatusUnprocessableEntity},
				{`{"issuer_id": "ubnd-tinh-thanh-hoa-2016"}`, http.StatusUnprocessableEntity},
				{`{"ids": [999999]}`, http.StatusNotFound},
			} {
				if res := a.Do(t, http.MethodPost, "/api/jobs/pdf", strings.NewReader(tc.body)); res.Status != tc.want {
					t.Errorf("POST %s: %d, want %d: %s", tc.body, res.Status, tc.want, apptest.Excerpt(res.Body))
				}
			}
			if res := a.Do(t, http.MethodGet, "/api/jobs/999999", nil); res.Status != http.StatusNotFound {
				t.Errorf("unknown job: %d", res.Status)
			}
			// By issuer and year: the same three documents, from the cache now.
			res = a.Do(t, http.MethodPost, "/api/jobs/pdf", strings.NewReader(`{"issuer_id": "ubnd-tinh-thanh-hoa-2016", "year": 2016}`))
			if res.Status != http.StatusAccepted {
				t.Fatalf("by issuer and year: %d %s", res.Status, apptest.Excerpt(res.Body))
			}
			j = waitJob(t, a, res.Header.Get("Location"), 30*time.Second, func(j jobs.Job) bool { return j.State == "completed" })
			if j.Total != 3 {
				t.Errorf("by issuer and year: %d documents, want 3", j.Total)
			}
			n, err := a.Jobs.Results(context.Background(), j.ID)
			if err != nil || n != 1 {
				t.Errorf("%d results (%v), want 1", n, err)
			}
		})
	}
}
