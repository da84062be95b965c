package httpapi_test

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vanthu/internal/apptest"
)

// TestDirectoryTwoProcesses runs two vanthu server processes on one database (a PostgreSQL
// schema; a SQLite file) and checks that a directory import on one is seen by the other
// within a second, and that an import built on an older directory version is refused with
// 409 instead of writing the old directory back.
func TestDirectoryTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts the binary: skipped in -short mode")
	}
	bin := buildBinary(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			dsn := b.DSN(t)
			first := startServer(t, bin, dsn)
			second := startServer(t, bin, dsn)
			// Both servers serve the demo's admin, with a token made by the operator's command.
			transport := &http.Transport{}
			t.Cleanup(transport.CloseIdleConnections)
			client := &http.Client{Timeout: 30 * time.Second, Transport: bearer{token: tokenAdd(t, bin, dsn, demoAdmin), next: transport}}
			get := func(base, path string) apptest.Response {
				return apptest.Do(t, client, base, "GET", path, nil)
			}
			put := func(base, path, body string, header ...string) apptest.Response {
				return apptest.Do(t, client, base, "PUT", path, strings.NewReader(body), append([]string{"Content-Type", "text/csv"}, header...)...)
			}

			// The first server adds a unit, on the version it exported.
			export := get(first, "/api/directory/units.csv")
			v := versionOf(t, export)
			units := string(export.Body) + "don-vi-moi,tinh-thanh-hoa,agency,Đơn vị mới thành lập,ĐVM,,Giám đốc,Thanh Hoá\n"
			res := put(first, "/api/directory/units.csv", units, "If-Match", export.Header.Get("ETag"))
			if res.Status != http.StatusOK || versionOf(t, res) != v+1 {
				t.Fatalf("PUT units.csv on the first server: %d %s %v, want 200 and version %d", res.Status, apptest.Excerpt(res.Body), res.Header, v+1)
			}

			// The second sees it within a second.
			start := time.Now()
			for {
				res := get(second, "/api/units/don-vi-moi")
				if res.Status == http.StatusOK {
					assertJSON(t, res.Body, map[string]any{"/name": "Đơn vị mới thành lập", "/short_name": "ĐVM"})
					break
				}
				if time.Since(start) > time.Second {
					t.Fatalf("the second server still answers %d for the new unit after %v", res.Status, time.Since(start))
				}
				time.Sleep(20 * time.Millisecond)
			}
			t.Logf("the second server saw the new unit after %v", time.Since(start))

			// An import on the second server built on the old version is refused: it would
			// write the directory back without the new unit.
			groups := get(second, "/api/directory/groups.csv")
			res = put(second, "/api/directory/groups.csv", string(groups.Body), "If-Match", strconv.Quote(strconv.FormatInt(v, 10)))
			if res.Status != http.StatusConflict {
				t.Fatalf("PUT groups.csv on version %d while the database is at %d: %d %s, want 409", v, v+1, res.Status, apptest.Excerpt(res.Body))
			}
			assertJSON(t, res.Body, map[string]any{"/code": "conflict", "/message": has("phiên bản")})
			res = put(second, "/api/directory/units.csv", string(export.Body), "If-Match", export.Header.Get("ETag"))
			if res.Status != http.StatusConflict {
				t.Fatalf("PUT the old units.csv on version %d: %d %s, want 409", v, res.Status, apptest.Excerpt(res.Body))
			}
			for _, base := range []string{first, second} {
				if res := get(base, "/api/units/don-vi-moi"); res.Status != http.StatusOK {
					t.Errorf("%s lost the new unit: %d", base, res.Status)
				}
			}

			// On the current version it goes through, and keeps the new unit.
			if got := versionOf(t, groups); got != v+1 {
				t.Fatalf("the second server exports version %d, want %d", got, v+1)
			}
			res = put(second, "/api/directory/groups.csv", string(groups.Body), "If-Match", groups.Header.Get("ETag"))
			if res.Status != http.StatusOK || versionOf(t, res) != v+2 {
				t.Fatalf("PUT groups.csv on the current version: %d %s, want 200 and version %d", res.Status, apptest.Excerpt(res.Body), v+2)
			}
			if res := get(first, "/api/units/don-vi-moi"); res.Status != http.StatusOK {
				t.Errorf("the new unit is gone after the groups import: %d", res.Status)
			}

			// Two imports on the same version at once, one per server: one wins, one is told.
			var wg sync.WaitGroup
			statuses := make([]int, 2)
			etag := `"` + strconv.FormatInt(v+2, 10) + `"`
			for i, base := range []string{first, second} {
				wg.Go(func() {
					r, err := apptest.Send(client, base, "PUT", "/api/directory/units.csv", strings.NewReader(units), "Content-Type", "text/csv", "If-Match", etag)
					if err != nil {
						t.Error(err)
						return
					}
					statuses[i] = r.Status
				})
			}
			wg.Wait()
			if !(statuses[0] == http.StatusOK && statuses[1] == http.StatusConflict || statuses[0] == http.StatusConflict && statuses[1] == http.StatusOK) {
				t.Errorf("two imports on version %d at once: %v, want one 200 and one 409", v+2, statuses)
			}
		})
	}
}

// versionOf reads the directory version of an answer (its X-Directory-Version, which the
// ETag repeats quoted).
func versionOf(t *testing.T, res apptest.Response) int64 {
	t.Helper()
	v, err := strconv.ParseInt(res.Header.Get("X-Directory-Version"), 10, 64)
	if err != nil || res.Header.Get("ETag") != `"`+strconv.FormatInt(v, 10)+`"` {
		t.Fatalf("answer %d without a directory version: X-Directory-Version %q, ETag %q", res.Status,
			res.Header.Get("X-Directory-Version"), res.Header.Get("ETag"))
	}
	return v
}
