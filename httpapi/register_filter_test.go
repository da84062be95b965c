package httpapi_test

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"vanthu/internal/apptest"
	"vanthu/register"
)

// TestRegisterFilters reads and exports the register with the register page's filters
// (form, number range, text): the JSON list, the CSV and the XLSX hold the same lines, the
// ones the page shows. Filters a user can mistype are refused naming the parameter, and
// a text made of LIKE's own wildcards matches itself only.
func TestRegisterFilters(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			t.Parallel()
			a := apptest.Start(t, data, b.DSN(t))
			for i := 1; i <= 6; i++ {
				if res := a.Do(t, "POST", "/api/documents", strings.NewReader(issueBody(t, i)), "Content-Type", "application/json"); res.Status != http.StatusCreated {
					t.Fatalf("issue %d: %d %s", i, res.Status, apptest.Excerpt(res.Body))
				}
			}
			base := url.Values{"issuer": {seedIssuer}, "year": {"2026"}}
			with := func(kv ...string) string {
				q := url.Values{}
				for k, v := range base {
					q[k] = v
				}
				for i := 0; i < len(kv); i += 2 {
					q.Set(kv[i], kv[i+1])
				}
				return "?" + q.Encode()
			}
			tests := []struct {
				name  string
				query string
				want  []string
			}{
				{"no filter", with(), []string{"01/UBND-NC", "02/UBND-NC", "03/UBND-NC", "04/UBND-NC", "05/UBND-NC", "06/UBND-NC"}},
				{"a number range", with("from", "2", "to", "4"), []string{"02/UBND-NC", "03/UBND-NC", "04/UBND-NC"}},
				{"a text", with("q", "lần thứ 5"), []string{"05/UBND-NC"}},
				{"a text and a range that exclude each other", with("q", "lần thứ 5", "to", "4"), nil},
				{"the form", with("form", "cong-van", "from", "6"), []string{"06/UBND-NC"}},
				{"another form", with("form", "giay-moi"), nil},
				{"wildcards taken literally", with("q", "%_%"), nil},
				{"a formula as text", with("q", "=HYPERLINK(\"x\")"), nil},
			}
			for _, tc := range tests {
				var list []register.Entry
				if res := a.Do(t, "GET", "/api/register"+tc.query, nil); res.Status != http.StatusOK {
					t.Fatalf("%s: %d %s", tc.name, res.Status, apptest.Excerpt(res.Body))
				} else {
					res.JSON(t, &list)
				}
				if got := symbolsOf(list); !slices.Equal(got, tc.want) {
					t.Errorf("%s: the list holds %v, want %v", tc.name, got, tc.want)
				}
				res := a.Do(t, "GET", "/api/register.csv"+tc.query, nil)
				rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(res.Body), "\ufeff"))).ReadAll()
				if res.Status != http.StatusOK || err != nil {
					t.Fatalf("%s: CSV %d %v %s", tc.name, res.Status, err, apptest.Excerpt(res.Body))
				}
				var csvSymbols []string
				for _, r := range rows[1:] {
					csvSymbols = append(csvSymbols, r[0])
				}
				if !slices.Equal(csvSymbols, tc.want) {
					t.Errorf("%s: the CSV holds %v, want %v", tc.name, csvSymbols, tc.want)
				}
				if res := a.Do(t, "GET", "/api/register.xlsx"+tc.query, nil); res.Status != http.StatusOK {
					t.Errorf("%s: XLSX %d %s", tc.name, res.Status, apptest.Excerpt(res.Body))
				}
			}

			for _, bad := range []struct{ query, field string }{
				{with("from", "-1"), "from"},
				{with("to", "1e9"), "to"},
				{with("to", "99999999999999999999"), "to"},
				{with("q", strings.Repeat("ả", register.MaxSearchText+1)), "q"},
			} {
				for _, path := range []string{"/api/register", "/api/register.csv", "/api/register.xlsx"} {
					res := a.Do(t, "GET", path+bad.query, nil)
					if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), `"`+bad.field+`"`) {
						t.Errorf("%s%s: %d %s, want 422 naming %s", path, bad.query, res.Status, apptest.Excerpt(res.Body), bad.field)
					}
				}
			}
		})
	}
}
