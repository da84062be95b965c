package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"vanthu/directory"
	"vanthu/internal/apptest"
	"vanthu/register"
)

// seedRegister issues n công văn of ubnd-xa-dong-tien in year through storage (numbers
// 1…n), as fast as the database takes them: the register page reads them, nothing else.
func seedRegister(tb testing.TB, a *apptest.App, n, year int) {
	tb.Helper()
	ctx := context.Background()
	recipients, _ := json.Marshal(directory.Recipients{KinhGui: []string{"Các thôn"}, NoiNhan: []string{"Như trên", "Đảng ủy xã"}, Archive: "VT, VP (2)"})
	day := time.Date(year, time.March, 2, 9, 0, 0, 0, time.UTC)
	render := func(int) ([]byte, register.Entry, error) {
		return []byte("PK docx"), register.Entry{Signer: "Lê Văn Bình", Copies: 4}, nil
	}
	for i := range n {
		d := &register.Document{FormID: "cong-van", IssuerID: "ubnd-xa-dong-tien", Data: json.RawMessage(`{}`), Recipients: recipients,
			Subject: fmt.Sprintf("V/v việc số %d về an ninh, trật tự", i+1), KindTitle: "Công văn", Symbol: "UBND-VP"}
		if _, err := a.DB.CreateAndIssue(ctx, d, day, year, render); err != nil {
			tb.Fatalf("seed %d: %v", i, err)
		}
	}
}

// signedIn returns the Cookie header of a session of login.
func signedIn(tb testing.TB, a *apptest.App, login string) string {
	tb.Helper()
	in, err := a.Accounts.SignIn(context.Background(), login, apptest.Password)
	if err != nil {
		tb.Fatal(err)
	}
	return "vanthu_session=" + in.Cookie
}

// BenchmarkRegisterPage measures the server time of the register page (GET /so-dang-ky, a
// page of 50 lines of a year of 10,000, with the count) at 32 concurrent clients, through
// the real router and middleware (session read) on SQLite, without the network: the
// handler is called directly; on SQLite, and on PostgreSQL when one is configured. It
// reports the p50 and p99 of the requests' times.
func BenchmarkRegisterPage(b *testing.B) {
	// The binary's GC target (vanthu serve -gc-percent, default 400), not the test's 100.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	for _, be := range apptest.Backends() {
		b.Run(be.Name, func(b *testing.B) {
			a := apptest.New(b, be.DSN(b))
			a.User(b, "vanthu.xa", "secretariat", "ubnd-xa-dong-tien")
			year := apptest.Now.Year()
			seedRegister(b, a, 10_000, year)
			cookie := signedIn(b, a, "vanthu.xa")
			h := a.Server.Config.Handler
			for _, tc := range []struct{ name, query string }{
				{"year", fmt.Sprintf("?year=%d", year)},
				{"year-page-100", fmt.Sprintf("?year=%d&page=100", year)},
				{"text", fmt.Sprintf("?year=%d&q=s%%E1%%BB%%91+9999", year)}, // "số 9999"
				{"number-range", fmt.Sprintf("?year=%d&from=5000&to=5100", year)},
			} {
				for _, clients := range []int{1, 32} {
					b.Run(fmt.Sprintf("%s/clients=%d", tc.name, clients), func(b *testing.B) {
						runClients(b, h, "/so-dang-ky"+tc.query, cookie, clients)
					})
				}
			}
		})
	}
}

// runClients sends b.N requests GET path from clients goroutines at once, each waiting
// for its answer before sending the next (a closed loop), and reports the p50 and p99 of
// the answers' times.
func runClients(b *testing.B, h http.Handler, path, cookie string, clients int) {
	times := make([]time.Duration, b.N)
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for range clients {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.Header.Set("Cookie", cookie)
				rec := httptest.NewRecorder()
				start := time.Now()
				h.ServeHTTP(rec, req)
				times[i] = time.Since(start)
				if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "UBND-VP") {
					b.Errorf("%d: %s", rec.Code, apptest.Excerpt(rec.Body.Bytes()))
					return
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
}
