package httpapi_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"vanthu/internal/apptest"
	"vanthu/register"
)

// TestAPISeriesDatesUnderConcurrency issues documents of one series, dated in a shuffled
// order, from many clients at once: whatever the interleaving, the register's numbers and
// dates go up together (each refusal is the store's, made inside the issuing transaction,
// and gives its number back), on every backend.
func TestAPISeriesDatesUnderConcurrency(t *testing.T) {
	const issues, clients = 60, 12
	data := apptest.LoadData(t)
	seed := string(apptest.ReadFile(t, seedFile))
	for _, backend := range apptest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			backend.SkipIfUnavailable(t)
			t.Parallel()
			a := apptest.Start(t, data, backend.DSN(t))
			rng := rand.New(rand.NewPCG(8, 2))
			bodies := make([]string, issues)
			for i := range bodies {
				day := time.Date(2016, time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(90))
				bodies[i] = edit(t, seed, func(m map[string]any) {
					m["issue"] = true
					submissionData(m)["ngay_ban_hanh"] = day.Format("2006-01-02")
					submissionData(m)["trich_yeu"] = fmt.Sprintf("đôn đốc lần thứ %d", i+1)
				})
			}
			var (
				mu               sync.Mutex
				issued, refused  int
				unexpected       []string
				wg               sync.WaitGroup
				next             = make(chan string)
				refusalSubstring = "sớm hơn ngày"
			)
			for range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for body := range next {
						res, err := apptest.Send(a.Client, a.URL, "POST", "/api/documents", strings.NewReader(body), "Content-Type", "application/json")
						mu.Lock()
						switch {
						case err != nil:
							unexpected = append(unexpected, err.Error())
						case res.Status == http.StatusCreated:
							issued++
						case res.Status == http.StatusUnprocessableEntity && strings.Contains(string(res.Body), refusalSubstring):
							refused++
						default:
							unexpected = append(unexpected, fmt.Sprintf("%d %s", res.Status, apptest.Excerpt(res.Body)))
						}
						mu.Unlock()
					}
				}()
			}
			for _, b := range bodies {
				next <- b
			}
			close(next)
			wg.Wait()
			if len(unexpected) > 0 {
				t.Fatalf("%d unexpected answers, first: %s", len(unexpected), unexpected[0])
			}
			if issued == 0 || refused == 0 || issued+refused != issues {
				t.Fatalf("%d issued, %d refused of %d: the shuffled dates should give both", issued, refused, issues)
			}
			var entries []register.Entry
			a.Do(t, "GET", "/api/register?issuer="+seedIssuer+"&year=2016", nil).JSON(t, &entries)
			if len(entries) != issued {
				t.Fatalf("%d register lines for %d issued documents", len(entries), issued)
			}
			sort.Slice(entries, func(i, j int) bool { return entries[i].Number < entries[j].Number })
			for i, e := range entries {
				if e.Number != i+1 {
					t.Fatalf("line %d has number %d: a number was skipped", i+1, e.Number)
				}
				if i > 0 && e.Date.Before(entries[i-1].Date) {
					t.Errorf("number %d is dated %s, before number %d's %s", e.Number, register.FormatDate(e.Date),
						entries[i-1].Number, register.FormatDate(entries[i-1].Date))
				}
			}
		})
	}
}

// TestAPIExamplesIssueOnTheirDay issues every example of examples/forms on the day it is
// dated (the clock set to 10:00 that day in Vietnam): each is accepted, numbered 1 in its
// year's series, and the document and its register line carry that date.
func TestAPIExamplesIssueOnTheirDay(t *testing.T) {
	data := apptest.LoadData(t)
	examples := apptest.Examples(t)
	for _, backend := range apptest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			backend.SkipIfUnavailable(t)
			t.Parallel()
			for _, ex := range examples {
				t.Run(ex.Name, func(t *testing.T) {
					t.Parallel()
					def, ok := data.Catalog.Get(ex.Form)
					if !ok {
						t.Fatalf("no form %s", ex.Form)
					}
					f, ok := def.FieldFor("date")
					if !ok {
						t.Fatalf("form %s has no date field", ex.Form)
					}
					raw, _ := ex.Data[f.Name].(string)
					day, err := time.Parse("2006-01-02", raw)
					if err != nil {
						if day, err = time.Parse("02/01/2006", raw); err != nil {
							t.Fatalf("example %s: date %q: %v", ex.Name, raw, err)
						}
					}
					now := time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, register.Vietnam)
					a := apptest.StartAt(t, data, backend.DSN(t), now)
					body := edit(t, string(ex.Raw), func(m map[string]any) { m["issue"] = true })
					res := a.Do(t, "POST", "/api/documents", strings.NewReader(body), "Content-Type", "application/json")
					if spec, _ := def.Kind.Spec(); spec.Unnumbered {
						// An achievement report takes no number: issuing it is refused.
						if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), `"form"`) {
							t.Errorf("issuing an unnumbered form: %d %s", res.Status, apptest.Excerpt(res.Body))
						}
						return
					}
					if res.Status != http.StatusCreated {
						t.Fatalf("status %d: %s", res.Status, apptest.Excerpt(res.Body))
					}
					assertJSON(t, res.Body, map[string]any{"/status": "issued", "/number": 1, "/year": day.Year()})
					reg := a.Do(t, "GET", "/api/register", nil)
					assertJSON(t, reg.Body, map[string]any{"": length(1), "/0/ngay_thang": day.Format("2006-01-02") + "T00:00:00Z"})
					// Dated the day before, it is refused (but by the 2016 archive, which may backdate).
					yesterday := edit(t, body, func(m map[string]any) { submissionData(m)[f.Name] = day.AddDate(0, 0, -1).Format("2006-01-02") })
					if ex.IssuerID != seedIssuer {
						res := a.Do(t, "POST", "/api/documents", strings.NewReader(yesterday), "Content-Type", "application/json")
						if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "data."+f.Name) {
							t.Errorf("dated the day before: %d %s", res.Status, apptest.Excerpt(res.Body))
						}
					}
				})
			}
		})
	}
}

// TestAPIDatesInVietnamTime issues an undated document at 23:30 UTC on 5 March 2026, which
// is 06:30 on 6 March in Vietnam: the document and the register say 6 March.
func TestAPIDatesInVietnamTime(t *testing.T) {
	data := apptest.LoadData(t)
	seed := string(apptest.ReadFile(t, seedFile))
	for _, backend := range apptest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			backend.SkipIfUnavailable(t)
			t.Parallel()
			a := apptest.StartAt(t, data, backend.DSN(t), time.Date(2026, time.March, 5, 23, 30, 0, 0, time.UTC))
			body := edit(t, seed, func(m map[string]any) {
				m["issue"] = true
				m["issuer_id"] = "ubnd-tinh-thanh-hoa"
				delete(submissionData(m), "ngay_ban_hanh")
			})
			res := a.Do(t, "POST", "/api/documents", strings.NewReader(body), "Content-Type", "application/json")
			if res.Status != http.StatusCreated {
				t.Fatalf("status %d: %s", res.Status, apptest.Excerpt(res.Body))
			}
			reg := a.Do(t, "GET", "/api/register", nil)
			assertJSON(t, reg.Body, map[string]any{"/0/ngay_thang": "2026-03-06T00:00:00Z"})
			text := apptest.OpenDocx(t, a.Do(t, "GET", "/api/documents/1/docx", nil).Body).Text()
			if !strings.Contains(text, "ngày 06 tháng 3 năm 2026") {
				t.Errorf("the document is not dated 06/03/2026 as the register:\n%s", text)
			}
		})
	}
}
