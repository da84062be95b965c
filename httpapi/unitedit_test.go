package httpapi_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"vanthu/internal/apptest"
)

// TestUpdateUnit edits one unit through PUT /api/units/:id on each database: a good edit
// raises the directory version and writes its audit row; a bad field is refused at the
// field and changes nothing; an edit on an older version is 409; an admin of another
// commune is 403; a browser without its CSRF token is 403; an unknown unit is 404.
func TestUpdateUnit(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			t.Parallel()
			dsn := b.DSN(t)
			a := apptest.Start(t, data, dsn)
			const unit = "/api/units/ubnd-xa-dong-tien"
			put := func(body string, header ...string) apptest.Response {
				return a.Do(t, "PUT", unit, strings.NewReader(body), append([]string{"Content-Type", "application/json"}, header...)...)
			}
			version := func() int64 {
				return versionOf(t, a.Do(t, "GET", "/api/directory/units.csv", nil))
			}
			v := version()

			// Decomposed Vietnamese (NFD, as pasted from macOS) and a zero-width space come out
			// composed and without it.
			good := `{"name":"Ủy ban nhân dân xã Đông Tiến mới","short_name":"UBND","label":"UBND xã Đông Tiến","head_title":"Chu\u0309 ti\u0323ch\u200b","place":"Đông Tiến"}`
			res := put(good, "If-Match", strconv.Quote(strconv.FormatInt(v, 10)))
			if res.Status != http.StatusOK {
				t.Fatalf("good edit: %d %s", res.Status, apptest.Excerpt(res.Body))
			}
			if got := versionOf(t, res); got != v+1 {
				t.Errorf("version after the edit = %d, want %d", got, v+1)
			}
			var saved struct {
				Name      string `json:"name"`
				HeadTitle string `json:"head_title"`
				Kind      string `json:"kind"`
				ParentID  string `json:"parent_id"`
			}
			a.Do(t, "GET", unit, nil).JSON(t, &saved)
			if saved.Name != "Ủy ban nhân dân xã Đông Tiến mới" || saved.HeadTitle != "Chủ tịch" ||
				saved.Kind != "people-committee" || saved.ParentID != "xa-dong-tien" {
				t.Errorf("saved unit = %+v", saved)
			}
			audit := a.Do(t, "GET", "/api/audit?action=unit.update", nil)
			if !strings.Contains(string(audit.Body), `"object":"unit:ubnd-xa-dong-tien"`) {
				t.Errorf("no audit row for the edit: %s", apptest.Excerpt(audit.Body))
			}

			for _, tc := range []struct {
				name, body, field string
				status            int
			}{
				{"short name not a symbol", `{"name":"UBND","short_name":"ub nd"}`, "short_name", http.StatusUnprocessableEntity},
				{"short name a formula", `{"name":"UBND","short_name":"=1+1"}`, "short_name", http.StatusUnprocessableEntity},
				{"name empty", `{"name":"  ","short_name":"UBND"}`, "name", http.StatusUnprocessableEntity},
				{"name zero-width", `{"name":"\u200b\u200d\ufeff","short_name":"UBND"}`, "name", http.StatusUnprocessableEntity},
				{"name huge", `{"name":"` + strings.Repeat("Đông ", 2000) + `"}`, "name", http.StatusUnprocessableEntity},
				{"kind is not editable", `{"name":"UBND","kind":"police"}`, "", http.StatusBadRequest},
				{"parent is not editable", `{"name":"UBND","parent_id":"xa-quang-phu"}`, "", http.StatusBadRequest},
			} {
				t.Run(tc.name, func(t *testing.T) {
					res := put(tc.body)
					if res.Status != tc.status {
						t.Fatalf("%d, want %d: %s", res.Status, tc.status, apptest.Excerpt(res.Body))
					}
					if tc.field != "" && !strings.Contains(string(res.Body), `"`+tc.field+`":"`) {
						t.Errorf("no message at %s: %s", tc.field, apptest.Excerpt(res.Body))
					}
				})
			}
			if got := version(); got != v+1 {
				t.Errorf("refused edits changed the version to %d", got)
			}

			// Stale: the version the first edit was built on.
			res = put(good, "If-Match", strconv.Quote(strconv.FormatInt(v, 10)))
			if res.Status != http.StatusConflict || !strings.Contains(string(res.Body), "phiên bản") {
				t.Errorf("stale edit: %d %s", res.Status, apptest.Excerpt(res.Body))
			}

			if res := a.Do(t, "PUT", "/api/units/khong-co", strings.NewReader(good), "Content-Type", "application/json"); res.Status != http.StatusNotFound {
				t.Errorf("unknown unit: %d %s", res.Status, apptest.Excerpt(res.Body))
			}

			// An admin of another commune, and a văn thư of this one.
			for _, u := range []struct{ login, role, unit string }{
				{"admin.quang.phu", "admin", "xa-quang-phu"}, {"vanthu.dong.tien", "secretariat", "ubnd-xa-dong-tien"}} {
				tok := a.User(t, u.login, u.role, u.unit)
				res := apptest.Do(t, a.Anonymous, a.URL, "PUT", unit, strings.NewReader(good),
					"Content-Type", "application/json", "Authorization", "Bearer "+tok)
				if res.Status != http.StatusForbidden {
					t.Errorf("%s: %d, want 403: %s", u.login, res.Status, apptest.Excerpt(res.Body))
				}
			}

			// A browser: with its CSRF token the page saves; without it, 403 and nothing saved.
			a.User(t, "admin.dong.tien", "admin", "xa-dong-tien")
			s := signIn(t, a, "admin.dong.tien", apptest.Password)
			form := url.Values{"based_on": {"0"}, "name": {"Ủy ban nhân dân xã Đông Tiến"}, "short_name": {"UBND"}}.Encode()
			noCSRF := &session{cookie: s.cookie}
			if res := send(t, a, "POST", "/quan-tri/don-vi/ubnd-xa-dong-tien", form, noCSRF); res.Status != http.StatusForbidden {
				t.Errorf("page without CSRF: %d %s", res.Status, apptest.Excerpt(res.Body))
			}
			if res := send(t, a, "PUT", unit, good, noCSRF); res.Status != http.StatusForbidden {
				t.Errorf("API without CSRF: %d %s", res.Status, apptest.Excerpt(res.Body))
			}
			if got := version(); got != v+1 {
				t.Errorf("refused edits changed the version to %d", got)
			}
			res = send(t, a, "POST", "/quan-tri/don-vi/ubnd-xa-dong-tien", form, s)
			if res.Status != http.StatusOK || !strings.Contains(string(res.Body), "Đã lưu đơn vị") {
				t.Errorf("page edit: %d %s", res.Status, apptest.Excerpt(res.Body))
			}
			// The page's messages at the field, in Vietnamese, the typed text kept.
			bad := url.Values{"based_on": {"0"}, "name": {"\u200b"}, "short_name": {"ub nd"}, "place": {"Nơi gõ dở"}}.Encode()
			res = send(t, a, "POST", "/quan-tri/don-vi/ubnd-xa-dong-tien", bad, s)
			body := string(res.Body)
			if res.Status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="u-name-err"`) ||
				!strings.Contains(body, `id="u-short_name-err"`) || !strings.Contains(body, "Nơi gõ dở") {
				t.Errorf("page bad fields: %d %s", res.Status, apptest.Excerpt(res.Body))
			}
			// A second server on the same database edits; this one, which has not reloaded
			// yet, refuses an edit on what it holds rather than writing over it, and then
			// holds the new directory.
			second := apptest.Attach(t, data, dsn)
			if res := second.Do(t, "PUT", unit, strings.NewReader(`{"name":"Ủy ban nhân dân xã Đông Tiến","short_name":"UBND","place":"Đông Tiến"}`),
				"Content-Type", "application/json"); res.Status != http.StatusOK {
				t.Fatalf("edit on the second server: %d %s", res.Status, apptest.Excerpt(res.Body))
			}
			if res := put(good); res.Status != http.StatusConflict || !strings.Contains(string(res.Body), "chưa lưu gì") {
				t.Errorf("edit on a server behind the database: %d %s", res.Status, apptest.Excerpt(res.Body))
			}
			if res := put(good); res.Status != http.StatusOK {
				t.Errorf("edit again after the refusal: %d %s", res.Status, apptest.Excerpt(res.Body))
			}

			// A stale page: 409 at the top, what was typed kept.
			stale := url.Values{"based_on": {strconv.FormatInt(v, 10)}, "name": {"Tên gõ trên trang cũ"}}.Encode()
			res = send(t, a, "POST", "/quan-tri/don-vi/ubnd-xa-dong-tien", stale, s)
			body = string(res.Body)
			if res.Status != http.StatusConflict || !strings.Contains(body, `class="error"`) || !strings.Contains(body, "Tên gõ trên trang cũ") {
				t.Errorf("page stale: %d %s", res.Status, apptest.Excerpt(res.Body))
			}
		})
	}
}
