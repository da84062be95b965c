package httpapi_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"vanthu/internal/apptest"
)

// TestUserPages drives the users pages (/quan-tri/nguoi-dung/moi, /quan-tri/nguoi-dung/:id)
// as an admin of one commune, on each database, with hostile input: each refusal comes back
// in Vietnamese at the field it is about, with the right status, and saves nothing.
func TestUserPages(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			t.Parallel()
			a := apptest.Start(t, data, b.DSN(t))
			a.User(t, "admin.dong.tien", "admin", "xa-dong-tien")
			a.User(t, "vanthu.quang.phu", "secretariat", "ubnd-xa-quang-phu")
			s := signIn(t, a, "admin.dong.tien", apptest.Password)
			newUser := func(login, name, password, role, unit string) url.Values {
				return url.Values{"login": {login}, "name": {name}, "password": {password}, "role": {role, ""}, "unit": {unit, ""}, "action": {"save"}}
			}
			post := func(path string, form url.Values, s *session) (int, string) {
				res := send(t, a, "POST", path, form.Encode(), s)
				return res.Status, string(res.Body)
			}

			status, body := post("/quan-tri/nguoi-dung/moi", newUser("vanthu.moi", "Nguyễn Văn Mới", apptest.Password, "secretariat", "ubnd-xa-dong-tien"), s)
			if status != http.StatusOK || !strings.Contains(body, "Đã tạo người dùng") || !strings.Contains(body, "vanthu.moi") {
				t.Fatalf("create: %d %s", status, apptest.Excerpt([]byte(body)))
			}

			for _, tc := range []struct {
				name   string
				form   url.Values
				status int
				field  string // the id of the message shown
				msg    string
			}{
				{"duplicate login", newUser("VanThu.Moi", "Người khác", apptest.Password, "unit", "ubnd-xa-dong-tien"), http.StatusConflict, "login-err", "Tên đăng nhập"},
				{"zero-width login", newUser("van\u200bthu", "Người khác", apptest.Password, "unit", "ubnd-xa-dong-tien"), http.StatusUnprocessableEntity, "login-err", ""},
				{"short login", newUser("ab", "Người khác", apptest.Password, "unit", "ubnd-xa-dong-tien"), http.StatusUnprocessableEntity, "login-err", ""},
				{"no name", newUser("nguoi.khac", " ", apptest.Password, "unit", "ubnd-xa-dong-tien"), http.StatusUnprocessableEntity, "name-err", "họ và tên"},
				{"zero-width name", newUser("nguoi.khac", "\u200b\ufeff", apptest.Password, "unit", "ubnd-xa-dong-tien"), http.StatusUnprocessableEntity, "name-err", "họ và tên"},
				{"huge name", newUser("nguoi.khac", strings.Repeat("Nguyễn ", 5000), apptest.Password, "unit", "ubnd-xa-dong-tien"), http.StatusUnprocessableEntity, "name-err", "200"},
				{"short password", newUser("nguoi.khac", "Người khác", "ngắn", "unit", "ubnd-xa-dong-tien"), http.StatusUnprocessableEntity, "password-err", "10"},
				{"unknown role", newUser("nguoi.khac", "Người khác", apptest.Password, "superuser", "ubnd-xa-dong-tien"), http.StatusUnprocessableEntity, "roles-err", "superuser"},
				{"unknown unit", newUser("nguoi.khac", "Người khác", apptest.Password, "unit", "khong-co"), http.StatusUnprocessableEntity, "roles-err", "khong-co"},
				{"unit outside scope", newUser("nguoi.khac", "Người khác", apptest.Password, "secretariat", "ubnd-xa-quang-phu"), http.StatusForbidden, "roles-err", "ngoài phạm vi"},
				{"the whole organisation", newUser("nguoi.khac", "Người khác", apptest.Password, "admin", "*"), http.StatusForbidden, "roles-err", "toàn hệ thống"},
				{"role without a unit", newUser("nguoi.khac", "Người khác", apptest.Password, "admin", ""), http.StatusUnprocessableEntity, "roles-err", "Chọn đơn vị"},
				{"no role", url.Values{"login": {"nguoi.khac"}, "name": {"Người khác"}, "password": {apptest.Password}, "role": {""}, "unit": {""}}, http.StatusUnprocessableEntity, "roles-err", "ít nhất một vai trò"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					status, body := post("/quan-tri/nguoi-dung/moi", tc.form, s)
					if status != tc.status || !strings.Contains(body, `id="`+tc.field+`"`) || !strings.Contains(body, tc.msg) {
						t.Errorf("%d (want %d), message %s %q: %s", status, tc.status, tc.field, tc.msg, apptest.Excerpt([]byte(body)))
					}
					// What was typed stays (the name; never the password).
					if name := tc.form.Get("name"); strings.TrimSpace(name) != "" && !strings.Contains(body, `value="`+name+`"`) {
						t.Errorf("the name typed is lost")
					}
					if strings.Contains(body, apptest.Password) {
						t.Errorf("the password is sent back in the page")
					}
				})
			}
			users := string(a.Do(t, "GET", "/api/users", nil).Body)
			if strings.Contains(users, "nguoi.khac") || strings.Contains(users, "van\u200bthu") {
				t.Errorf("a refused user was created: %s", users)
			}

			// Without the CSRF token: refused, nothing created.
			if status, _ := post("/quan-tri/nguoi-dung/moi", newUser("khong.csrf", "Không CSRF", apptest.Password, "unit", "ubnd-xa-dong-tien"), &session{cookie: s.cookie}); status != http.StatusForbidden {
				t.Errorf("create without CSRF: %d", status)
			}

			var list []struct {
				ID    int64  `json:"id"`
				Login string `json:"login"`
			}
			a.Do(t, "GET", "/api/users", nil).JSON(t, &list)
			ids := map[string]int64{}
			for _, u := range list {
				ids[u.Login] = u.ID
			}
			if _, ok := ids["khong.csrf"]; ok {
				t.Errorf("a user was created without the CSRF token")
			}
			moi := fmt.Sprintf("/quan-tri/nguoi-dung/%d", ids["vanthu.moi"])

			// One more role row, nothing saved.
			if status, body := post(moi, url.Values{"name": {"Nguyễn Văn Mới"}, "role": {"secretariat"}, "unit": {"ubnd-xa-dong-tien"}, "action": {"add-row"}}, s); status != http.StatusOK || !strings.Contains(body, `id="role-1"`) {
				t.Errorf("add a row: %d", status)
			}
			// The new user signs in; locked by the admin, their session ends and signing in is refused.
			u := signIn(t, a, "vanthu.moi", apptest.Password)
			status, body = post(moi, url.Values{"name": {"Nguyễn Văn Mới"}, "role": {"secretariat", ""}, "unit": {"ubnd-xa-dong-tien", ""}, "disabled": {"1"}, "action": {"save"}}, s)
			if status != http.StatusOK || !strings.Contains(body, "Đã lưu người dùng") || !strings.Contains(body, `id="disabled" name="disabled" type="checkbox" value="1" checked`) {
				t.Fatalf("lock: %d %s", status, apptest.Excerpt([]byte(body)))
			}
			if res := send(t, a, "GET", "/api/me", "", u); res.Status != http.StatusUnauthorized {
				t.Errorf("the locked user's session still answers: %d", res.Status)
			}
			res := apptest.Do(t, a.Anonymous, a.URL, "POST", "/api/session",
				strings.NewReader(`{"login":"vanthu.moi","password":"`+apptest.Password+`"}`), "Content-Type", "application/json")
			if res.Status != http.StatusUnauthorized {
				t.Errorf("the locked user signs in: %d", res.Status)
			}

			// A user of another commune is not found; the admin cannot lock themself; a user
			// edited without the CSRF token is not changed.
			other := fmt.Sprintf("/quan-tri/nguoi-dung/%d", ids["vanthu.quang.phu"])
			if res := send(t, a, "GET", other, "", s); res.Status != http.StatusNotFound {
				t.Errorf("a user of another commune: %d", res.Status)
			}
			if status, _ := post(other, url.Values{"name": {"Đổi tên"}, "role": {"secretariat"}, "unit": {"ubnd-xa-dong-tien"}}, s); status != http.StatusNotFound {
				t.Errorf("editing a user of another commune: %d", status)
			}
			self := fmt.Sprintf("/quan-tri/nguoi-dung/%d", ids["admin.dong.tien"])
			if status, body := post(self, url.Values{"name": {"admin.dong.tien"}, "role": {"admin"}, "unit": {"xa-dong-tien"}, "disabled": {"1"}}, s); status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="disabled-err"`) {
				t.Errorf("locking oneself: %d %s", status, apptest.Excerpt([]byte(body)))
			}
			if status, _ := post(moi, url.Values{"name": {"Đổi tên không CSRF"}, "role": {"secretariat"}, "unit": {"ubnd-xa-dong-tien"}}, &session{cookie: s.cookie}); status != http.StatusForbidden {
				t.Errorf("edit without CSRF: %d", status)
			}
			if strings.Contains(string(a.Do(t, "GET", "/api/users", nil).Body), "Đổi tên") {
				t.Errorf("a refused edit changed a user")
			}
		})
	}
}
