package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"vanthu/internal/apptest"
)

// pageUser is a signed-in user of the pages: its cookie and CSRF token.
type pageUser struct {
	t          *testing.T
	a          *apptest.App
	cookie     string
	csrf       string
	dropCSRF   bool
	lastStatus int
}

func signInPages(t *testing.T, a *apptest.App, login string) *pageUser {
	t.Helper()
	in, err := a.Accounts.SignIn(context.Background(), login, apptest.Password)
	if err != nil {
		t.Fatal(err)
	}
	return &pageUser{t: t, a: a, cookie: "vanthu_session=" + in.Cookie, csrf: in.CSRF}
}

// do sends a page request without following redirects and returns the status, the
// Location and the unescaped body.
func (u *pageUser) do(method, path string, form url.Values) (int, string, string) {
	u.t.Helper()
	var body io.Reader
	if form != nil {
		if !u.dropCSRF {
			form.Set("csrf_token", u.csrf)
		}
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, u.a.URL+path, body)
	req.Header.Set("Cookie", u.cookie)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), html.UnescapeString(string(b))
}

// adminJSON makes an API request as the admin and decodes its id.
func adminJSON(t *testing.T, a *apptest.App, method, path, body string, status int) int64 {
	t.Helper()
	res := a.Do(t, method, path, strings.NewReader(body), "Content-Type", "application/json")
	if res.Status != status {
		t.Fatalf("%s %s: %d %s", method, path, res.Status, apptest.Excerpt(res.Body))
	}
	var v struct {
		ID int64 `json:"id"`
	}
	if status == http.StatusCreated && strings.HasPrefix(string(res.Body), "{") {
		res.JSON(t, &v)
	}
	return v.ID
}

// fieldMessage returns the message shown at the element whose id is id+"-err", or "".
func fieldMessage(body, id string) string {
	m := regexp.MustCompile(`id="` + regexp.QuoteMeta(id) + `-err" role="alert">([^<]*)<`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

// TestRecordPagesRefuseHostileInput posts what a careless or hostile user would to the
// pages of people, bodies and commendation: every refusal is a 4xx with the service's
// Vietnamese message at the field, and nothing is saved.
func TestRecordPagesRefuseHostileInput(t *testing.T) {
	for _, be := range apptest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			a := apptest.New(t, be.DSN(t))
			a.User(t, "vanthu.xa", "secretariat", "ubnd-xa-dong-tien")
			u := signInPages(t, a, "vanthu.xa")
			var people []int64
			for _, name := range []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"} {
				people = append(people, adminJSON(t, a, "POST", "/api/people",
					fmt.Sprintf(`{"name":%q,"gender":"nam","birth_year":1980,"unit_id":"ubnd-xa-dong-tien"}`, name), 201))
			}
			team := adminJSON(t, a, "POST", "/api/bodies", `{"kind":"to-bao-ve-antt","unit_id":"ubnd-xa-dong-tien","name":"Tổ bảo vệ an ninh, trật tự thôn Phù Lưu","areas":["thon-phu-luu"]}`, 201)
			other := adminJSON(t, a, "POST", "/api/bodies", `{"kind":"to-bao-ve-antt","unit_id":"ubnd-xa-quang-phu","name":"Tổ bảo vệ an ninh, trật tự của xã khác","areas":["thon-dinh-tan"]}`, 201)

			t.Run("a change breaking a rule shows the rule at the field", func(t *testing.T) {
				form := url.Values{"date": {"2025-07-15"},
					"j.0.person": {fmt.Sprint(people[0])}, "j.0.role": {"Tổ trưởng"},
					"j.1.person": {fmt.Sprint(people[1])}, "j.1.role": {"Tổ trưởng"},
					"j.2.person": {fmt.Sprint(people[2])}, "j.2.role": {"Tổ viên"}}
				status, _, body := u.do("POST", fmt.Sprintf("/to-chuc/ban/%d/thay-doi", team), form)
				msg := fieldMessage(body, "c-comp")
				if status != http.StatusUnprocessableEntity || !strings.Contains(msg, "Tổ trưởng") || !strings.Contains(msg, "30/2023/QH15") {
					t.Fatalf("%d, message at the composition %q: %s", status, msg, apptest.Excerpt([]byte(body)))
				}
				if !strings.Contains(body, `<option value="`+fmt.Sprint(people[1])+`" selected>`) {
					t.Error("the people chosen are not kept after the refusal")
				}
				_, _, page := u.do("GET", fmt.Sprintf("/to-chuc/ban/%d?ngay=2025-07-20", team), nil)
				if !strings.Contains(page, "Ngày này chưa có thành viên.") {
					t.Error("a refused change was saved")
				}
			})
			t.Run("an unknown role is named at its row", func(t *testing.T) {
				form := url.Values{"date": {"2025-07-15"}, "j.3.person": {fmt.Sprint(people[0])}, "j.3.role": {"Tổ trưởng\u200b"}}
				status, _, body := u.do("POST", fmt.Sprintf("/to-chuc/ban/%d/thay-doi", team), form)
				if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Dòng 4") || !regexp.MustCompile(`Vai trò[^<]*không có|không có vai trò|Tổ trưởng, Tổ phó, Tổ viên`).MatchString(body) {
					t.Fatalf("%d: %s", status, apptest.Excerpt([]byte(body)))
				}
			})
			t.Run("a zero-width name is no name", func(t *testing.T) {
				form := url.Values{"unit_id": {"ubnd-xa-dong-tien"}, "name": {"\u200b\u200c\u2060 "}, "gender": {"nam"}, "birth_year": {"1980"}}
				status, _, body := u.do("POST", "/to-chuc/nguoi", form)
				if msg := fieldMessage(body, "p-name"); status != http.StatusUnprocessableEntity || msg == "" {
					t.Fatalf("%d, message at the name %q: %s", status, msg, apptest.Excerpt([]byte(body)))
				}
				form.Set("name", "Phạm Văn Dũng")
				form.Set("birth_year", "99999999999")
				status, _, body = u.do("POST", "/to-chuc/nguoi", form)
				if msg := fieldMessage(body, "p-year"); status != http.StatusUnprocessableEntity || msg == "" {
					t.Fatalf("huge year: %d, message at the year %q", status, msg)
				}
				if !strings.Contains(body, `value="Phạm Văn Dũng"`) {
					t.Error("the name typed is lost after the refusal")
				}
			})
			t.Run("another unit's body is refused", func(t *testing.T) {
				for _, req := range []struct {
					method, path string
					form         url.Values
				}{
					{"GET", fmt.Sprintf("/to-chuc/ban/%d", other), nil},
					{"POST", fmt.Sprintf("/to-chuc/ban/%d/thay-doi", other), url.Values{"date": {"2025-07-15"}, "j.0.person": {fmt.Sprint(people[0])}, "j.0.role": {"Tổ trưởng"}}},
					{"POST", fmt.Sprintf("/to-chuc/ban/%d/quyet-dinh", other), url.Values{"date": {"2025-07-15"}, "signer": {"Lê Văn Cường"}}},
				} {
					status, _, body := u.do(req.method, req.path, req.form)
					if status != http.StatusForbidden && status != http.StatusNotFound {
						t.Errorf("%s %s: %d, want 403 or 404", req.method, req.path, status)
					}
					if strings.Contains(body, "của xã khác") {
						t.Errorf("%s %s shows the other unit's body", req.method, req.path)
					}
				}
				if _, _, body := u.do("GET", "/to-chuc/ban/abc", nil); !strings.Contains(body, "Không có tổ chức") {
					t.Error("a body id that is not a number is not a 404 in Vietnamese")
				}
			})
			t.Run("no CSRF token, nothing saved", func(t *testing.T) {
				u.dropCSRF = true
				defer func() { u.dropCSRF = false }()
				status, _, _ := u.do("POST", "/to-chuc/nguoi", url.Values{"unit_id": {"ubnd-xa-dong-tien"}, "name": {"Người Không Token"}, "gender": {"nam"}, "birth_year": {"1980"}})
				if status != http.StatusForbidden {
					t.Errorf("%d, want 403", status)
				}
				if _, _, page := u.do("GET", "/to-chuc?unit=ubnd-xa-dong-tien", nil); strings.Contains(page, "Người Không Token") {
					t.Error("the person was saved without the CSRF token")
				}
			})
			t.Run("year 9999", func(t *testing.T) {
				status, _, body := u.do("GET", "/khen-thuong?nam=9999", nil)
				if msg := fieldMessage(body, "nam"); status != http.StatusUnprocessableEntity || msg == "" {
					t.Errorf("list: %d, message at the year %q", status, msg)
				}
				status, _, body = u.do("POST", "/khen-thuong", url.Values{"award_id": {"giay-khen-chu-tich-ubnd-xa"}, "year": {"9999"},
					"proposer_id": {"ubnd-xa-dong-tien"}, "movement": {"=HYPERLINK(\"http://x\")"}, "summary": {"Tóm tắt"}})
				if msg := fieldMessage(body, "n-year"); status != http.StatusUnprocessableEntity || msg == "" {
					t.Errorf("new proposal: %d, message at the year %q: %s", status, msg, apptest.Excerpt([]byte(body)))
				}
				if !strings.Contains(body, `value="=HYPERLINK(&#34;http://x&#34;)"`) && !strings.Contains(body, `value="=HYPERLINK("http://x")"`) {
					t.Error("the movement typed is lost after the refusal")
				}
			})
			t.Run("another unit as proposer is refused", func(t *testing.T) {
				status, _, _ := u.do("POST", "/khen-thuong", url.Values{"award_id": {"giay-khen-chu-tich-ubnd-xa"}, "year": {"2025"},
					"proposer_id": {"ubnd-xa-quang-phu"}, "movement": {"phong trào"}, "summary": {"Tóm tắt"}})
				if status != http.StatusForbidden {
					t.Errorf("%d, want 403", status)
				}
			})
		})
	}
}

// TestRecordPagesWeight holds the records' pages, filled as a commune's are, to the
// 100 KB of TestPageWeight, stylesheet and script included.
func TestRecordPagesWeight(t *testing.T) {
	a := apptest.NewSQLite(t)
	a.User(t, "vanthu.xa", "secretariat", "ubnd-xa-dong-tien")
	u := signInPages(t, a, "vanthu.xa")
	var people []int64
	for i := range 40 {
		people = append(people, adminJSON(t, a, "POST", "/api/people",
			fmt.Sprintf(`{"name":"Nguyễn Văn Thành %d","gender":"nam","birth_year":1980,"unit_id":"ubnd-xa-dong-tien","position":"Công an viên thôn Phù Lưu"}`, i), 201))
	}
	team := adminJSON(t, a, "POST", "/api/bodies", `{"kind":"to-bao-ve-antt","unit_id":"ubnd-xa-dong-tien","name":"Tổ bảo vệ an ninh, trật tự thôn Phù Lưu","areas":["thon-phu-luu"]}`, 201)
	adminJSON(t, a, "POST", fmt.Sprintf("/api/bodies/%d/changes", team), fmt.Sprintf(`{"date":"2025-07-15","join":[{"person_id":%d,"role":"Tổ trưởng"},{"person_id":%d,"role":"Tổ phó"},{"person_id":%d,"role":"Tổ viên"}]}`, people[0], people[1], people[2]), 200)
	proposal := adminJSON(t, a, "POST", "/api/proposals", `{"award_id":"giay-khen-chu-tich-ubnd-xa","year":2025,"proposer_id":"cong-an-xa-dong-tien","movement":"phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025","summary":"Tiêu biểu."}`, 201)
	var nominees []string
	for _, id := range people[:20] {
		nominees = append(nominees, fmt.Sprintf(`{"kind":"person","person_id":%d,"achievement":"Tham gia tuần tra, giải quyết nhiều vụ việc."}`, id))
	}
	adminJSON(t, a, "POST", fmt.Sprintf("/api/proposals/%d/nominees", proposal), `{"nominees":[`+strings.Join(nominees, ",")+`]}`, 201)
	assets := len(apptest.Do(t, a.Anonymous, a.URL, "GET", "/static/site.css", nil).Body) + len(apptest.Do(t, a.Anonymous, a.URL, "GET", "/static/site.js", nil).Body)
	for _, p := range []string{"/to-chuc", "/to-chuc/nguoi?unit=ubnd-xa-dong-tien", fmt.Sprintf("/to-chuc/ban/%d?ngay=2025-08-01", team),
		"/khen-thuong?nam=2025", fmt.Sprintf("/khen-thuong/%d", proposal)} {
		status, _, body := u.do("GET", p, nil)
		if status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", p, status, apptest.Excerpt([]byte(body)))
		}
		total := len(body) + assets
		t.Logf("%-40s %6d bytes HTML, %6d with the stylesheet and script", p, len(body), total)
		if total > 100_000 {
			t.Errorf("%s weighs %d bytes, over 100 KB", p, total)
		}
	}
}
