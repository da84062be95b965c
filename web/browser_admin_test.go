package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"vanthu/internal/apptest"
)

// The admin pages in a browser: users and roles, and editing one unit of the directory.

// unlabelled counts the inputs of the page without a label.
const unlabelled = `[...document.querySelectorAll("input:not([type=hidden]), select, textarea")].filter(e => !e.labels || e.labels.length === 0).length`

// TestAdminUsers: the admin creates a văn thư of a commune (a short password first, refused
// at the field), signs out; the new user signs in and sees only văn thư's links; the admin
// locks the account, and signing in is refused.
func TestAdminUsers(t *testing.T) { eachBackend(t, testAdminUsers) }

func testAdminUsers(t *testing.T, a *apptest.App) {
	b := newBrowser(t, a.URL, 1280, 900)
	b.signIn("quantri")
	b.do("users", chromedp.Click(chromedp.CSS(`a[href="/quan-tri/nguoi-dung"]`)), chromedp.WaitVisible(chromedp.CSS("table")),
		chromedp.Click(chromedp.CSS(`a[href="/quan-tri/nguoi-dung/moi"]`)), chromedp.WaitVisible(chromedp.CSS("#login")))
	b.do("fill", chromedp.SetValue(chromedp.CSS("#login"), "vanthu.phuong"),
		chromedp.SetValue(chromedp.CSS("#name"), "Trần Thị Phương"),
		chromedp.SetValue(chromedp.CSS("#password"), "ngắn"),
		chromedp.SetValue(chromedp.CSS("#role-0"), "secretariat"),
		chromedp.SetValue(chromedp.CSS("#unit-0"), "ubnd-xa-dong-tien"))
	b.shot("them-nguoi-dung")
	b.do("create with a short password", chromedp.Click(chromedp.CSS(`button[value="save"]`)), chromedp.WaitVisible(chromedp.CSS("#password-err")))
	b.shot("mat-khau-ngan")
	if msg := b.text("#password-err"); !strings.Contains(msg, "10") {
		t.Errorf("the short password's message reads %q", msg)
	}
	if name := eval[string](b, `document.getElementById("name").value`); name != "Trần Thị Phương" {
		t.Errorf("the name typed came back as %q", name)
	}
	if role := eval[string](b, `document.getElementById("role-0").value + "@" + document.getElementById("unit-0").value`); role != "secretariat@ubnd-xa-dong-tien" {
		t.Errorf("the role chosen came back as %q", role)
	}
	if n := eval[int](b, unlabelled); n != 0 {
		t.Errorf("the user form has %d inputs without a label", n)
	}
	b.do("create", chromedp.SetValue(chromedp.CSS("#password"), "một mật khẩu đủ dài"),
		chromedp.Click(chromedp.CSS(`button[value="save"]`)), chromedp.WaitVisible(chromedp.CSS(".notice")))
	b.shot("da-tao")
	if !strings.Contains(b.text("table"), "vanthu.phuong") {
		t.Fatal("the new user is not listed")
	}
	b.do("sign out", chromedp.Click(chromedp.CSS(".signout button")), chromedp.WaitVisible(chromedp.CSS("#login")))

	b.do("sign in as the new user", chromedp.SetValue(chromedp.CSS("#login"), "vanthu.phuong"),
		chromedp.SetValue(chromedp.CSS("#password"), "một mật khẩu đủ dài"),
		chromedp.Click(chromedp.CSS("button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".tiles")))
	b.shot("trang-chu-van-thu-moi")
	got := eval[[]string](b, `[...document.querySelectorAll(".tiles strong")].map(e => e.textContent)`)
	if want := demoRoles[1].links; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the new văn thư sees %q, want %q", got, want)
	}
	b.do("sign out", chromedp.Click(chromedp.CSS(".signout button")), chromedp.WaitVisible(chromedp.CSS("#login")))

	b.signIn("quantri")
	b.do("open vanthu.phuong", chromedp.Navigate(a.URL+"/quan-tri/nguoi-dung"), chromedp.WaitVisible(chromedp.CSS("table")),
		chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll("table a")].find(e => e.textContent === "vanthu.phuong").click()`),
		chromedp.WaitVisible(chromedp.CSS("#disabled")))
	if login := b.text(".login"); login != "vanthu.phuong" {
		t.Fatalf("the user page is %q's", login)
	}
	b.do("lock", chromedp.Click(chromedp.CSS("#disabled")), chromedp.Click(chromedp.CSS(`button[value="save"]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")))
	b.shot("da-khoa")
	if !eval[bool](b, `document.getElementById("disabled").checked`) {
		t.Error("the account is not shown locked after saving")
	}
	b.do("sign out", chromedp.Click(chromedp.CSS(".signout button")), chromedp.WaitVisible(chromedp.CSS("#login")))
	b.do("sign in locked", chromedp.SetValue(chromedp.CSS("#login"), "vanthu.phuong"),
		chromedp.SetValue(chromedp.CSS("#password"), "một mật khẩu đủ dài"),
		chromedp.Click(chromedp.CSS("button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("p.error")))
	b.shot("dang-nhap-bi-tu-choi")
	if n := eval[int](b, `document.querySelectorAll(".signout").length`); n != 0 {
		t.Error("a locked user is signed in")
	}
}

// TestAdminEditUnit: the admin edits a commune's People's Committee on its directory page: a
// short name that is no symbol is refused at the field; corrected, it saves; a page opened
// before that save is refused at the top with what was typed kept. At 360 px the page
// does not scroll sideways.
func TestAdminEditUnit(t *testing.T) { eachBackend(t, testAdminEditUnit) }

func testAdminEditUnit(t *testing.T, a *apptest.App) {
	b := newBrowser(t, a.URL, 1280, 900)
	b.signIn("quantri")
	b.do("the unit", chromedp.Navigate(a.URL+"/quan-tri/don-vi?unit=ubnd-xa-dong-tien"), chromedp.WaitVisible(chromedp.CSS("details.edit summary")),
		chromedp.Click(chromedp.CSS("details.edit summary")), chromedp.WaitVisible(chromedp.CSS("#u-name")))
	version := eval[string](b, `document.querySelector("input[name=based_on]").value`)
	b.do("a bad short name", chromedp.SetValue(chromedp.CSS("#u-short_name"), "ub nd"),
		chromedp.SetValue(chromedp.CSS("#u-head_title"), "Chủ tịch Ủy ban nhân dân"),
		chromedp.Click(chromedp.CSS("form.unit-edit button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#u-short_name-err")),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("u-short_name").scrollIntoView({block: "center"})`))
	b.shot("viet-tat-sai")
	if msg := b.text("#u-short_name-err"); !strings.Contains(msg, "viết hoa") {
		t.Errorf("the short name's message reads %q", msg)
	}
	if v := eval[string](b, `document.getElementById("u-head_title").value`); v != "Chủ tịch Ủy ban nhân dân" {
		t.Errorf("the head's title typed came back as %q", v)
	}
	b.do("save", chromedp.SetValue(chromedp.CSS("#u-short_name"), "UBND"),
		chromedp.Click(chromedp.CSS("form.unit-edit button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".notice")))
	b.shot("da-luu")
	if facts := b.text(".facts"); !strings.Contains(facts, "Chủ tịch Ủy ban nhân dân") {
		t.Errorf("the unit's facts after saving: %q", facts)
	}
	b.do("stale", chromedp.Click(chromedp.CSS("details.edit summary")), chromedp.WaitVisible(chromedp.CSS("#u-name")),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("input[name=based_on]").value = "`+version+`"`),
		chromedp.SetValue(chromedp.CSS("#u-place"), "Xã Đông Tiến, Thanh Hoá"),
		chromedp.Click(chromedp.CSS("form.unit-edit button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("p.error")))
	b.shot("sua-tren-ban-cu")
	if v := eval[string](b, `document.getElementById("u-place").value`); v != "Xã Đông Tiến, Thanh Hoá" {
		t.Errorf("the place typed on a stale page came back as %q", v)
	}
	if n := eval[int](b, unlabelled); n != 0 {
		t.Errorf("the unit page has %d inputs without a label", n)
	}

	phone := newBrowser(t, a.URL, 360, 780)
	phone.signIn("quantri")
	for name, p := range map[string]string{"360-don-vi": "/quan-tri/don-vi?unit=ubnd-xa-dong-tien", "360-nguoi-dung-moi": "/quan-tri/nguoi-dung/moi"} {
		phone.do("open "+p, chromedp.Navigate(a.URL+p), chromedp.WaitVisible(chromedp.CSS("h1")),
			chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("details").forEach(d => d.open = true)`))
		phone.shot(name)
		if w := eval[int](phone, `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("%s is %d px wide on a 360 px screen", p, w)
		}
	}
}

// TestAdminPageWeight holds the admin pages with forms to 100 KB with the stylesheet and
// script, as TestPageWeight does the others: the user form lists every unit the admin
// manages in each role row.
func TestAdminPageWeight(t *testing.T) {
	a := apptest.NewSQLite(t)
	a.User(t, "quantri", "admin", "")
	cookie := signedIn(t, a, "quantri")
	get := func(cookie, path string) int {
		t.Helper()
		res := apptest.Do(t, a.Anonymous, a.URL, "GET", path, nil, "Cookie", cookie)
		if res.Status != 200 {
			t.Fatalf("GET %s: %d %s", path, res.Status, apptest.Excerpt(res.Body))
		}
		return len(res.Body)
	}
	assets := get("", "/static/site.css") + get("", "/static/site.js")
	for _, p := range []string{"/quan-tri/nguoi-dung", "/quan-tri/nguoi-dung/moi", "/quan-tri/nguoi-dung/1", "/quan-tri/don-vi?unit=ubnd-xa-dong-tien"} {
		html := get(cookie, p)
		t.Logf("%-45s %6d bytes HTML, %6d with the stylesheet and script", p, html, html+assets)
		if html+assets > 100<<10 {
			t.Errorf("%s weighs %d bytes, over 100 KB", p, html+assets)
		}
	}
}
