package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func noEnv(string) string { return "" }

// server counts what it receives; every third request fails with 500 when flaky is set.
type server struct {
	hits, failed atomic.Int64
	badBody      atomic.Int64
	wantBody     []byte
	flaky        bool
	delay        time.Duration
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := s.hits.Add(1)
	body, _ := io.ReadAll(r.Body)
	if r.Method != http.MethodPost || r.URL.Path != "/api/preview" || !bytes.Equal(body, s.wantBody) ||
		r.Header.Get("Content-Type") != "application/json" {
		s.badBody.Add(1)
	}
	time.Sleep(s.delay)
	if s.flaky && n%3 == 0 {
		s.failed.Add(1)
		http.Error(w, "lỗi", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
	w.Write(bytes.Repeat([]byte("x"), 64<<10)) // an answer larger than one read
}

func writeBody(t *testing.T) (string, []byte) {
	t.Helper()
	body := []byte(`{"form":"cong-van","data":{"trich_yeu":"Về việc <kiểm tra> & báo cáo"}}`)
	path := filepath.Join(t.TempDir(), "body.json")
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, body
}

func runJSON(t *testing.T, args ...string) (summary, int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append(args, "-json"), noEnv, &stdout, &stderr)
	var s summary
	if code != 2 {
		if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
			t.Fatalf("summary is not JSON: %v\n%s\nstderr: %s", err, stdout.String(), stderr.String())
		}
	}
	return s, code, stderr.String()
}

func TestRequestCap(t *testing.T) {
	bodyFile, body := writeBody(t)
	srv := &server{wantBody: body}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	s, code, stderr := runJSON(t, "-url", ts.URL, "-path", "/api/preview", "-body", bodyFile,
		"-clients", "8", "-requests", "200", "-duration", "30s", "-pid", "0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if s.Requests != 200 || s.OK != 200 || s.Errors != 0 || s.Statuses["201"] != 200 {
		t.Errorf("summary = %+v, want 200 requests all 201", s)
	}
	if got := srv.hits.Load(); got != 200 {
		t.Errorf("server saw %d requests, want exactly 200", got)
	}
	if n := srv.badBody.Load(); n != 0 {
		t.Errorf("%d requests arrived without the body, method, path or content type given", n)
	}
	if s.RequestsPerSecond <= 0 || s.Latency.P50 <= 0 || s.Latency.P50 > s.Latency.P90 ||
		s.Latency.P90 > s.Latency.P99 || s.Latency.P99 > s.Latency.Max {
		t.Errorf("latency/throughput inconsistent: %+v, %v req/s", s.Latency, s.RequestsPerSecond)
	}
}

func TestErrorsByStatus(t *testing.T) {
	bodyFile, body := writeBody(t)
	srv := &server{wantBody: body, flaky: true}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	s, code, _ := runJSON(t, "-url", ts.URL, "-path", "api/preview", "-body", bodyFile,
		"-clients", "4", "-requests", "90", "-expect", "200/201")
	if code != 1 {
		t.Errorf("exit %d, want 1 when requests failed", code)
	}
	if s.Requests != 90 || s.Errors != 30 || s.OK != 60 || s.ErrorStatuses["500"] != 30 {
		t.Errorf("summary = %+v, want 90 requests of which 30 answered 500", s)
	}
	if got := srv.failed.Load(); int(got) != s.ErrorStatuses["500"] {
		t.Errorf("server failed %d, summary counts %d", got, s.ErrorStatuses["500"])
	}
}

func TestDurationStopsTheRun(t *testing.T) {
	bodyFile, body := writeBody(t)
	srv := &server{wantBody: body, delay: 5 * time.Millisecond}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	began := time.Now()
	s, code, stderr := runJSON(t, "-url", ts.URL, "-path", "/api/preview", "-body", bodyFile,
		"-clients", "4", "-duration", "300ms", "-pid", "0")
	took := time.Since(began)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if took > 3*time.Second || s.ElapsedSeconds < 0.3 {
		t.Errorf("a 300ms run took %v (elapsed reported %.2fs)", took, s.ElapsedSeconds)
	}
	// 4 clients × 300 ms / 5 ms is at most 240 requests, and surely more than a handful.
	if s.Requests < 10 || s.Requests > 4*(300/5)+4 || int64(s.Requests) != srv.hits.Load() {
		t.Errorf("%d requests reported, server saw %d", s.Requests, srv.hits.Load())
	}
}

func TestServerMemorySampled(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer ts.Close()
	// The test process is the server here.
	s, code, stderr := runJSON(t, "-url", ts.URL, "-method", "GET", "-expect", "200",
		"-clients", "2", "-duration", "250ms", "-pid", strconv.Itoa(os.Getpid()))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	m := s.Memory
	if m == nil || m.PeakMB <= 0 || m.PeakMB < m.StartMB || m.HWMMB < m.PeakMB || m.SampleErr != "" {
		t.Errorf("memory = %+v, want a peak RSS between start and VmHWM", m)
	}
}

func TestRefusesOtherHosts(t *testing.T) {
	tests := []struct {
		url  string
		want bool // accepted
	}{
		{"http://127.0.0.1:8080", true},
		{"http://127.8.9.10", true},
		{"http://localhost:8080", true},
		{"http://LOCALHOST.", true},
		{"http://[::1]:8080", true},
		{"https://127.0.0.1", true},
		{"http://10.0.0.1:8080", false},
		{"http://192.168.1.10", false},
		{"http://172.16.0.1", false},
		{"http://8.8.8.8", false},
		{"http://0.0.0.0:8080", false},
		{"http://[2001:db8::1]", false},
		{"http://[::]", false},
		{"http://example.com", false},
		{"http://127.0.0.1.nip.io", false},
		{"http://localhost.example.com", false},
		{"http://user:pw@127.0.0.1", false},
		{"ftp://127.0.0.1", false},
		{"127.0.0.1:8080", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			_, err := parseConfig([]string{"-url", tt.url}, noEnv, io.Discard)
			if (err == nil) != tt.want {
				t.Errorf("parseConfig(-url %s) error = %v, want accepted %v", tt.url, err, tt.want)
			}
		})
	}
	t.Run("whole run", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"-url", "http://192.0.2.1", "-requests", "1"}, noEnv, &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), "not loopback") || stdout.Len() != 0 {
			t.Errorf("exit %d, stderr %q, stdout %q; want a refusal before any request", code, stderr.String(), stdout.String())
		}
	})
	t.Run("from the environment", func(t *testing.T) {
		env := func(k string) string {
			if k == "LOADGEN_URL" {
				return "http://10.1.2.3"
			}
			return ""
		}
		if _, err := parseConfig(nil, env, io.Discard); err == nil {
			t.Error("LOADGEN_URL=http://10.1.2.3 accepted")
		}
	})
}

// TestDialerRefusesOtherAddresses covers what the URL check cannot see: the client itself
// refuses, before dialling, any address that is not loopback.
func TestDialerRefusesOtherAddresses(t *testing.T) {
	client := newClient(config{Clients: 1, Timeout: 5 * time.Second})
	for _, u := range []string{"http://192.0.2.1/", "http://[2001:db8::1]:8080/", "http://example.invalid/"} {
		resp, err := client.Get(u)
		if err == nil {
			resp.Body.Close()
			t.Errorf("GET %s: answered %s", u, resp.Status)
			continue
		}
		if !errors.Is(err, errNotLoopback) {
			t.Errorf("GET %s: error %v, want a refusal", u, err)
		}
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer ts.Close()
	for _, u := range []string{ts.URL, strings.Replace(ts.URL, "127.0.0.1", "localhost", 1)} {
		resp, err := client.Get(u)
		if err != nil {
			t.Errorf("GET %s: %v", u, err)
			continue
		}
		resp.Body.Close()
	}
}

// A redirect is reported as its status, never followed: its Location may be anywhere.
func TestRedirectNotFollowed(t *testing.T) {
	ts := httptest.NewServer(http.RedirectHandler("http://192.0.2.1/", http.StatusFound))
	defer ts.Close()
	s, _, _ := runJSON(t, "-url", ts.URL, "-method", "GET", "-requests", "3", "-clients", "1")
	if s.ErrorStatuses["302"] != 3 || len(s.Failures) != 0 {
		t.Errorf("summary = %+v, want three 302 answers and nothing followed", s)
	}
}

func TestConfigRejects(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-clients", "0"}, "-clients"},
		{[]string{"-clients", "5000"}, "-clients"},
		{[]string{"-duration", "0s"}, "-duration"},
		{[]string{"-duration", "2h"}, "-duration"},
		{[]string{"-requests", "-1"}, "-requests"},
		{[]string{"-expect", "ok"}, "-expect"},
		{[]string{"-expect", "/"}, "-expect"},
		{[]string{"-body", "/does/not/exist"}, "-body"},
		{[]string{"extra"}, "unexpected"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, err := parseConfig(tt.args, noEnv, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one about %s", err, tt.want)
			}
		})
	}
}

func TestExpectParsing(t *testing.T) {
	got, err := parseStatuses("200/201, 204")
	if err != nil || len(got) != 3 || !got[200] || !got[201] || !got[204] {
		t.Errorf("parseStatuses = %v, %v", got, err)
	}
}

func TestPercentiles(t *testing.T) {
	var d []time.Duration
	for i := 100; i >= 1; i-- {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	l := latencies(d)
	if l.P50 != 50 || l.P90 != 90 || l.P99 != 99 || l.Max != 100 || l.Mean != 50.5 {
		t.Errorf("latencies(1..100 ms) = %+v", l)
	}
	if l := latencies([]time.Duration{7 * time.Millisecond}); l.P50 != 7 || l.P99 != 7 {
		t.Errorf("one sample: %+v", l)
	}
	if l := latencies(nil); l != (latency{}) {
		t.Errorf("no samples: %+v", l)
	}
}

func TestTextReport(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer ts.Close()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-url", ts.URL, "-method", "GET", "-requests", "5", "-clients", "2"}, noEnv, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"requests    5 (5 ok, 0 errors)", "statuses    200: 5", "requests/s", "p50", "p99", "max"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, stdout.String())
		}
	}
}

// TestRatePacesRequests checks that -rate sends requests at that pace in all, not as fast
// as the clients can.
func TestRatePacesRequests(t *testing.T) {
	bodyFile, body := writeBody(t)
	srv := &server{wantBody: body}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	s, code, stderr := runJSON(t, "-url", ts.URL, "-path", "/api/preview", "-body", bodyFile,
		"-clients", "8", "-duration", "500ms", "-rate", "100", "-pid", "0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// 100 requests/s for half a second: 50 are due; allow for timer slack.
	if s.Requests < 40 || s.Requests > 51 || s.Rate != 100 {
		t.Errorf("%d requests at rate %g, want about 50 at 100/s", s.Requests, s.Rate)
	}
}

// TestBearerToken: -token (or LOADGEN_TOKEN) is sent as "Authorization: Bearer" on every
// request, as the authenticated API needs.
func TestBearerToken(t *testing.T) {
	var wrong atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer vt_secret" {
			wrong.Add(1)
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer ts.Close()
	s, code, stderr := runJSON(t, "-url", ts.URL, "-path", "/api/me", "-method", "GET", "-clients", "2",
		"-requests", "20", "-token", "vt_secret")
	if code != 0 || s.OK != 20 || wrong.Load() != 0 {
		t.Errorf("exit %d, %d ok, %d without the token: %s", code, s.OK, wrong.Load(), stderr)
	}
}

func TestSlowConnectionsHeldOpen(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // the slow ones never finish
	}))
	defer ts.Close()
	s, code, stderr := runJSON(t, "-url", ts.URL, "-method", "POST", "-expect", "200",
		"-clients", "2", "-duration", "250ms", "-slow", "5", "-slow-length", "1000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if s.Slow == nil || s.Slow.Opened != 5 || s.Slow.StillOpen != 5 || s.Slow.Length != 1000 || s.OK == 0 {
		t.Errorf("slow = %+v, ok = %d; want 5 opened, 5 still open, requests served", s.Slow, s.OK)
	}
}

// TestSlowConnectionsCarryToken: the slow connections send the bearer token too, so an
// authenticated server reads their bodies as it would a client's, instead of answering 401
// before the body.
func TestSlowConnectionsCarryToken(t *testing.T) {
	var slow, wrong atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength == 1000 {
			slow.Add(1)
		}
		if r.Header.Get("Authorization") != "Bearer vt_secret" {
			wrong.Add(1)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_, _ = io.Copy(io.Discard, r.Body)
	}))
	defer ts.Close()
	s, code, stderr := runJSON(t, "-url", ts.URL, "-method", "POST", "-expect", "200", "-token", "vt_secret",
		"-clients", "2", "-duration", "250ms", "-slow", "5", "-slow-length", "1000")
	if code != 0 || wrong.Load() != 0 || slow.Load() != 5 || s.Slow == nil || s.Slow.StillOpen != 5 {
		t.Errorf("exit %d, %d slow requests seen, %d without the token, slow = %+v: %s", code, slow.Load(), wrong.Load(), s.Slow, stderr)
	}
}
