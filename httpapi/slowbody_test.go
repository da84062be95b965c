package httpapi_test

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"vanthu/internal/apptest"
)

// slowConnections is how many connections announce a body near the limit and send none.
const slowConnections = 100

// TestSlowBodiesHoldNoMemory opens connections that announce a body of almost the limit
// (1 MiB in tests) and send nothing, and checks the server (in this process) has not
// allocated their announced size while it goes on answering others. Sizing the buffer from
// Content-Length held slowConnections MiB here; the make load-slow target measures the
// same with 1,000 connections against the binary.
func TestSlowBodiesHoldNoMemory(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			a := apptest.Start(t, data, b.DSN(t))
			u, err := url.Parse(a.URL)
			if err != nil {
				t.Fatal(err)
			}
			seed := apptest.ReadFile(t, seedFile)

			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			goroutines := runtime.NumGoroutine()

			head := fmt.Sprintf("POST /api/preview HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n",
				u.Host, apptest.MaxBody-100)
			conns := make([]net.Conn, 0, slowConnections)
			t.Cleanup(func() {
				for _, c := range conns {
					c.Close()
				}
			})
			for range slowConnections {
				c, err := net.Dial("tcp", u.Host)
				if err != nil {
					t.Fatal(err)
				}
				conns = append(conns, c)
				if _, err := c.Write([]byte(head)); err != nil {
					t.Fatal(err)
				}
			}
			// Wait until the server has a goroutine per connection, each blocked reading its
			// body (a client goroutine and a server one per connection at least).
			deadline := time.Now().Add(5 * time.Second)
			for runtime.NumGoroutine() < goroutines+slowConnections && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			time.Sleep(100 * time.Millisecond)

			// Others are still served, quickly.
			for i := range 5 {
				start := time.Now()
				res := a.Do(t, "POST", "/api/preview", strings.NewReader(string(seed)), "Content-Type", "application/json")
				if res.Status != http.StatusOK {
					t.Fatalf("preview %d while %d bodies are pending: %d %s", i, slowConnections, res.Status, apptest.Excerpt(res.Body))
				}
				if d := time.Since(start); d > 5*time.Second {
					t.Errorf("preview %d took %v while %d bodies are pending", i, d, slowConnections)
				}
			}

			runtime.GC()
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			grown := int64(after.HeapAlloc) - int64(before.HeapAlloc)
			t.Logf("%d pending bodies of %d bytes announced: heap grew by %.1f MiB", slowConnections, apptest.MaxBody-100, float64(grown)/(1<<20))
			// Sized from Content-Length, the buffers alone would be slowConnections MiB.
			if limit := int64(slowConnections) << 20 / 5; grown > limit {
				t.Errorf("heap grew by %d bytes for %d silent connections, want under %d", grown, slowConnections, limit)
			}
		})
	}
}

// TestRefusedBeforeTheBody sends requests that announce a small body and send none: one
// not signed in to the API, one not signed in to a page, one with a bad token. Each is
// refused at once, and its connection closed after the answer, rather than answered only
// when the server gives up waiting for the body it will never read.
func TestRefusedBeforeTheBody(t *testing.T) {
	a := apptest.NewSQLite(t)
	u, err := url.Parse(a.URL)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path, header, status string
	}{
		{"API, not signed in", "/api/documents", "", "401"},
		{"page, not signed in", "/van-ban/moi/cong-van", "", "303"},
		{"API, a bad token", "/api/preview", "Authorization: Bearer not-a-token\r\n", "401"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := net.Dial("tcp", u.Host)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: %s\r\n%sContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n", tc.path, u.Host, tc.header)
			if _, err := c.Write([]byte(head)); err != nil {
				t.Fatal(err)
			}
			c.SetReadDeadline(time.Now().Add(2 * time.Second))
			buf := make([]byte, 4096)
			n, err := c.Read(buf)
			if err != nil {
				t.Fatalf("no answer while the body is not sent: %v", err)
			}
			answer := string(buf[:n])
			if !strings.HasPrefix(answer, "HTTP/1.1 "+tc.status) || !strings.Contains(answer, "Connection: close") {
				t.Errorf("answer %q, want %s with Connection: close", answer, tc.status)
			}
		})
	}
}
