package web_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"vanthu/internal/apptest"
	"vanthu/register"
)

// TestAuditPage reads the audit log page as the admin: times in Vietnam's time, actions
// and roles by their Vietnamese names, the document an action concerns linked, and the
// CSV export holding the lines the page's filters select, the same days included.
func TestAuditPage(t *testing.T) {
	a := apptest.NewSQLite(t)
	a.User(t, "quantri", "admin", "")
	a.User(t, "vanthu.xa", "secretariat", "ubnd-xa-dong-tien")
	// 23:30 in Vietnam on 1 March 2026 is still 28 February in UTC.
	a.SetNow(time.Date(2026, 3, 1, 23, 30, 0, 0, register.Vietnam))
	signedIn(t, a, "vanthu.xa")
	var seed map[string]any
	if err := json.Unmarshal(apptest.ReadFile(t, "examples/forms/cong-van.json"), &seed); err != nil {
		t.Fatal(err)
	}
	seed["issue"] = true
	body, _ := json.Marshal(seed)
	if res := a.Do(t, "POST", "/api/documents", bytes.NewReader(body), "Content-Type", "application/json"); res.Status != http.StatusCreated {
		t.Fatalf("issue the seed: %d %s", res.Status, apptest.Excerpt(res.Body))
	}
	cookie := signedIn(t, a, "quantri")
	get := func(path string) string {
		t.Helper()
		res := apptest.Do(t, a.Anonymous, a.URL, "GET", path, nil, "Cookie", cookie)
		if res.Status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, res.Status, apptest.Excerpt(res.Body))
		}
		return string(res.Body)
	}
	page := html.UnescapeString(get("/quan-tri/nhat-ky?login=vanthu.xa&from=2026-03-01&to=2026-03-01"))
	for _, want := range []string{"01/03/2026 23:30:00", "Đăng nhập", "Văn thư (Ủy ban nhân dân xã Đông Tiến)"} {
		if !strings.Contains(page, want) {
			t.Errorf("the log page lacks %q", want)
		}
	}
	if strings.Contains(page, "session.sign-in</td>") || strings.Contains(page, "secretariat@") {
		t.Error("the log page shows codes where names belong")
	}
	rows := regexp.MustCompile(`(?s)<tbody>(.*?)</tbody>`).FindStringSubmatch(page)
	if rows == nil || strings.Count(rows[1], "<tr>") != 1 {
		t.Fatalf("the log filtered by vanthu.xa on 1 March shows %v rows, want its sign-in", rows)
	}
	// The same day in UTC would have missed it: the export takes the page's moments.
	href := regexp.MustCompile(`href="(/api/audit\.csv\?[^"]*)"`).FindStringSubmatch(page)
	if href == nil {
		t.Fatal("no CSV link")
	}
	lines, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(get(html.UnescapeString(href[1])), "\ufeff"))).ReadAll()
	if err != nil || len(lines) != 2 {
		t.Errorf("the CSV export holds %d lines (%v), want a header and the sign-in: %q", len(lines), err, lines)
	}

	// Filtered by action, chosen by name; the document issued is linked.
	issued := html.UnescapeString(get("/quan-tri/nhat-ky?action=document.issue"))
	if !strings.Contains(issued, `<option value="document.issue" selected>Ban hành văn bản</option>`) {
		t.Error("the filter does not show the action chosen by its name")
	}
	if !regexp.MustCompile(`<a href="/van-ban/\d+">document:\d+</a>`).MatchString(issued) {
		t.Errorf("the issued document is not linked:\n%s", apptest.Excerpt([]byte(issued)))
	}
}
