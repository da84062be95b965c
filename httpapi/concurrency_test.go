package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"vanthu/internal/apptest"
	"vanthu/register"
)

// Concurrency of the issue path: this many documents, issued by this many clients at once.
const (
	concurrentIssues  = 500
	concurrentClients = 48
)

// issueBody is a short, undated công văn of the seed's issuer, issued at once: numbered in
// the series of the year of issue. The test is about numbering, so the body is kept small
// for the render inside the issuing transaction to be quick.
func issueBody(t *testing.T, i int) string {
	t.Helper()
	return edit(t, string(apptest.ReadFile(t, seedFile)), func(m map[string]any) {
		m["issue"] = true
		d := submissionData(m)
		d["trich_yeu"] = fmt.Sprintf("đôn đốc lần thứ %d", i)
		d["noi_dung"] = fmt.Sprintf("Công văn thứ %d trong loạt ban hành đồng thời./.", i)
		delete(d, "ngay_ban_hanh")
	})
}

// issueConcurrently sends concurrentIssues issue requests from concurrentClients
// goroutines, request i to servers[i%len(servers)], and returns the number each document
// got, by document id.
func issueConcurrently(t *testing.T, client *http.Client, servers []string) map[int64]int {
	t.Helper()
	bodies := make([]string, concurrentIssues)
	for i := range bodies {
		bodies[i] = issueBody(t, i+1)
	}
	var (
		mu      sync.Mutex
		numbers = make(map[int64]int, concurrentIssues)
		errs    []string
		wg      sync.WaitGroup
		next    = make(chan int)
	)
	for range concurrentClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res, err := apptest.Send(client, servers[i%len(servers)], "POST", "/api/documents",
					strings.NewReader(bodies[i]), "Content-Type", "application/json")
				var d register.Document
				if err == nil && res.Status == http.StatusCreated {
					err = jsonUnmarshal(res.Body, &d)
				} else if err == nil {
					err = fmt.Errorf("status %d: %s", res.Status, apptest.Excerpt(res.Body))
				}
				mu.Lock()
				if err != nil {
					errs = append(errs, fmt.Sprintf("request %d: %v", i, err))
				} else {
					numbers[d.ID] = d.Number
				}
				mu.Unlock()
			}
		}()
	}
	for i := range concurrentIssues {
		next <- i
	}
	close(next)
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("%d of %d issues failed; first: %s", len(errs), concurrentIssues, strings.Join(errs[:min(5, len(errs))], "\n"))
	}
	return numbers
}

// checkNumbering checks that the responses and the register both give the numbers
// 1..concurrentIssues, each exactly once, to the same documents.
func checkNumbering(t *testing.T, numbers map[int64]int, entries []register.Entry) {
	t.Helper()
	if len(numbers) != concurrentIssues {
		t.Errorf("%d distinct documents issued, want %d", len(numbers), concurrentIssues)
	}
	seen := make(map[int]int64, concurrentIssues)
	for id, n := range numbers {
		if other, dup := seen[n]; dup {
			t.Errorf("number %d given to documents %d and %d", n, other, id)
		}
		seen[n] = id
	}
	for n := 1; n <= concurrentIssues; n++ {
		if _, ok := seen[n]; !ok {
			t.Errorf("number %d never given", n)
		}
	}
	if len(entries) != concurrentIssues {
		t.Fatalf("the register has %d lines, want %d", len(entries), concurrentIssues)
	}
	for i, e := range entries {
		if e.Number != i+1 {
			t.Fatalf("register line %d has number %d: numbers skipped or repeated", i+1, e.Number)
		}
		if numbers[e.DocumentID] != e.Number {
			t.Errorf("register line %d is document %d, which the API said got number %d", e.Number, e.DocumentID, numbers[e.DocumentID])
		}
		if want := fmt.Sprintf("%02d/UBND-NC", e.Number); e.NumberSymbol != want {
			t.Errorf("register line %d: Số, ký hiệu %q, want %q", e.Number, e.NumberSymbol, want)
		}
	}
}

func TestConcurrentIssueSQLite(t *testing.T) {
	a := apptest.NewSQLite(t)
	start := time.Now()
	numbers := issueConcurrently(t, a.Client, []string{a.URL})
	t.Logf("%d issues from %d clients in %v", concurrentIssues, concurrentClients, time.Since(start))
	res := a.Do(t, "GET", "/api/register?issuer="+seedIssuer+"&year=2026", nil)
	var entries []register.Entry
	res.JSON(t, &entries)
	checkNumbering(t, numbers, entries)
}

// TestConcurrentIssueTwoProcesses runs two vanthu server processes on one PostgreSQL
// schema, as a deployment behind a load balancer would, and issues through both at once:
// the numbers must still be 1..N exactly once, which only the database can guarantee.
func TestConcurrentIssueTwoProcesses(t *testing.T) {
	dsn := apptest.PostgresDSN(t)
	if testing.Short() {
		t.Skip("builds and starts the binary: skipped in -short mode")
	}
	bin := buildBinary(t)
	first := startServer(t, bin, dsn)
	second := startServer(t, bin, dsn) // after the first has migrated and loaded the demo

	// The demo's admin issues, with a token made by the operator's command.
	client := &http.Client{Timeout: 60 * time.Second, Transport: bearer{token: tokenAdd(t, bin, dsn, demoAdmin),
		next: &http.Transport{MaxIdleConnsPerHost: concurrentClients}}}
	t.Cleanup(client.CloseIdleConnections)
	start := time.Now()
	numbers := issueConcurrently(t, client, []string{first, second})
	t.Logf("%d issues from %d clients through 2 processes in %v", concurrentIssues, concurrentClients, time.Since(start))

	// The year is the processes' clock's, not the fixed test clock.
	res := apptest.Do(t, client, second, "GET", "/api/register?issuer="+seedIssuer, nil)
	var entries []register.Entry
	res.JSON(t, &entries)
	checkNumbering(t, numbers, entries)
	for _, e := range entries {
		if e.Year != entries[0].Year {
			t.Fatalf("register lines of years %d and %d", entries[0].Year, e.Year)
		}
	}
}

// buildBinary builds cmd/vanthu into the test's temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "vanthu")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/vanthu")
	cmd.Dir = apptest.ModuleRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/vanthu: %v\n%s", err, out)
	}
	return bin
}

// startServer starts the binary on a free port with the demo directory on, waits until
// /healthz answers and returns its base URL. The process is killed when the test ends;
// its output is shown if the test fails.
func startServer(t *testing.T, bin, dsn string) string {
	t.Helper()
	addr := freeAddr(t)
	var output bytes.Buffer
	cmd := exec.Command(bin, "serve", "-addr", addr, "-db", dsn, "-demo=true", "-log", "warn", "-timeout", "60s")
	cmd.Env = withoutVanthuEnv(os.Environ())
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("output of the server on %s:\n%s", addr, output.String())
		}
	})

	url := "http://" + addr
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case err := <-exited:
			exited <- err // for the cleanup
			t.Fatalf("the server on %s exited: %v\n%s", addr, err, output.String())
		default:
		}
		res, err := client.Get(url + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return url
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server on %s is not healthy after 30 s: %v\n%s", addr, err, output.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// demoAdmin is the login of the admin over the whole organisation that a server started
// with -demo=true creates in a database with no user (appdata's demo users).
const demoAdmin = "quantri"

// tokenAdd runs `vanthu token add login` on the database dsn, as an operator gives a script
// its credentials (README, "Signing in, roles and the audit log"), and returns the token.
func tokenAdd(t *testing.T, bin, dsn, login string) string {
	t.Helper()
	cmd := exec.Command(bin, "token", "add", login, "-name", t.Name(), "-days", "1", "-db", dsn, "-log", "warn")
	cmd.Env = withoutVanthuEnv(os.Environ())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("vanthu token add %s: %v\n%s", login, err, stderr.String())
	}
	return strings.TrimSpace(string(out))
}

// freeAddr returns a loopback address with a port nobody listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// withoutVanthuEnv drops the VANTHU_* variables, so the server runs with the flags given
// and the defaults only.
func withoutVanthuEnv(env []string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, "VANTHU_") {
			out = append(out, kv)
		}
	}
	return out
}

// bearer sends every request with an API token.
type bearer struct {
	token string
	next  http.RoundTripper
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return b.next.RoundTrip(r)
}

// jsonUnmarshal decodes a response body, with an error that shows it.
func jsonUnmarshal(body []byte, v any) error {
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("%w: %s", err, apptest.Excerpt(body))
	}
	return nil
}
