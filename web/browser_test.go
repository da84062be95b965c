package web_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"vanthu/access"
	"vanthu/inspection"
	"vanthu/internal/apptest"
)

// The pages in a real browser: Debian's chromium driven through the DevTools protocol,
// against the real server on a loopback port and a real database: each test runs on SQLite
// and on PostgreSQL (eachBackend). Screenshots of every step go to $VANTHU_SCREENSHOTS when
// set (a folder kept after the test), else to the test's temporary folder.

// chromium finds the browser, or skips the test saying how to get it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium not installed: the browser tests are skipped (apt-get install chromium; .ci/run installs it)")
	return ""
}

// browser is one browser tab with its screenshots folder.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	dir  string
	step int
	// phone shots show the screen as the user sees it, not the whole page.
	phone bool
}

// newBrowser starts a headless chromium with a window of w×h CSS pixels.
func newBrowser(t *testing.T, base string, w, h int) *browser {
	t.Helper()
	path := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.WindowSize(w, h), chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("lang", "vi"))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(w), int64(h))); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	dir := os.Getenv("VANTHU_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else {
		dir = filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_"))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, ctx: ctx, base: base, dir: dir, phone: w < 500}
}

// do runs actions with a time limit, ending the test on failure.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.shot("echec-" + what)
		b.t.Fatalf("%s: %v", what, err)
	}
}

// text returns the visible text of the first element matching sel.
func (b *browser) text(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// eval runs a script in the page and returns its result.
func eval[T any](b *browser, script string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("script %s: %v", script, err)
	}
	return v
}

// shot saves a full-page screenshot as NN-name.png.
func (b *browser) shot(name string) {
	b.t.Helper()
	b.step++
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	shoot := chromedp.FullScreenshot(100) // 100: PNG
	if b.phone {
		shoot = chromedp.CaptureScreenshot()
	}
	png, err := chromedp.Run(ctx, shoot)
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	path := filepath.Join(b.dir, fmt.Sprintf("%02d-%s.png", b.step, strings.NewReplacer(" ", "-", "/", "-").Replace(name)))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// signIn signs in through the sign-in page.
func (b *browser) signIn(login string) {
	b.t.Helper()
	b.do("sign in "+login,
		chromedp.Navigate(b.base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#login")),
		chromedp.SetValue(chromedp.CSS("#login"), login),
		chromedp.SetValue(chromedp.CSS("#password"), apptest.Password),
		chromedp.Click(chromedp.CSS("button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".signout, p.error")),
	)
	if h := b.text("h1"); !strings.HasPrefix(h, "Xin chào") {
		b.shot("dang-nhap-" + login)
		b.t.Fatalf("after signing in as %s the page says %q", login, h)
	}
}

// fetchFile downloads a link with the browser's own cookies and returns its bytes.
func (b *browser) fetchFile(href string) []byte {
	b.t.Helper()
	s := eval[string](b, fmt.Sprintf(`fetch(%q, {credentials: "same-origin"}).then(r => {
		if (!r.ok) throw new Error("status " + r.status);
		return r.arrayBuffer();
	}).then(buf => { let s = ""; for (const c of new Uint8Array(buf)) s += String.fromCharCode(c); return btoa(s); })`, href))
	data, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		b.t.Fatal(err)
	}
	return data
}

// demoRoles are the demo users of cmd/vanthu (wire.go demoUsers), made with the test
// password: login, role, unit, and the links of the home page each must see.
var demoRoles = []struct {
	login, role, unit string
	links             []string
}{
	{"quantri", "admin", "", []string{"Soạn văn bản", "Sổ đăng ký văn bản đi", "Đợt kiểm tra", "Kết quả và giấy công nhận", "Người và tổ chức", "Khen thưởng", "Thư viện mẫu", "Người dùng", "Danh mục đơn vị", "Nhật ký"}},
	{"vanthu.xa", "secretariat", "ubnd-xa-dong-tien", []string{"Soạn văn bản", "Sổ đăng ký văn bản đi", "Đợt kiểm tra", "Người và tổ chức", "Khen thưởng", "Thư viện mẫu"}},
	{"kiemtra", "inspector", "tinh-thanh-hoa", []string{"Đợt kiểm tra", "Thư viện mẫu"}},
	{"donvi", "unit", "xa-dong-tien", []string{"Đợt kiểm tra", "Kết quả và giấy công nhận", "Thư viện mẫu"}},
	{"lanhdao", "leader", "tinh-thanh-hoa", []string{"Sổ đăng ký văn bản đi", "Đợt kiểm tra", "Người và tổ chức", "Khen thưởng", "Thư viện mẫu"}},
}

// eachBackend runs a browser test once on SQLite and once on PostgreSQL (skipped, saying
// so, when no server is configured), each on its own fresh database.
func eachBackend(t *testing.T, test func(*testing.T, *apptest.App)) {
	chromium(t)
	for _, be := range apptest.Backends() {
		t.Run(be.Name, func(t *testing.T) { test(t, startApp(t, be.DSN(t))) })
	}
}

func startApp(t *testing.T, dsn string) *apptest.App {
	t.Helper()
	a := apptest.New(t, dsn)
	// The browser keeps the session cookie until its Expires, read on the browser's own
	// clock: the app lives today, not on apptest's fixed day, or the cookie is born expired.
	a.SetNow(time.Now())
	for _, d := range demoRoles {
		a.User(t, d.login, d.role, d.unit)
	}
	return a
}

// asSystem is a context acting as the system, as the command line would: the tests set
// rounds up through the service, the pages under test then read them.
func asSystem() context.Context {
	return access.WithActor(context.Background(), access.System("web test"))
}

// newRound creates the round of year of the People's Committee of xã Đông Tiến with its
// objects, as the system.
func newRound(t *testing.T, a *apptest.App, year int, objects ...inspection.Object) *inspection.Round {
	t.Helper()
	round, err := a.Inspection.CreateRound(asSystem(), inspection.RoundInput{Year: year, AuthorityID: "ubnd-xa-dong-tien"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Inspection.PutObjects(asSystem(), round.ID, objects); err != nil {
		t.Fatal(err)
	}
	return round
}

// communeObject is xã Đông Tiến as an object of a round, linked to the unit of the demo
// user donvi.
var communeObject = inspection.Object{ID: "xa-dong-tien", Kind: inspection.Commune, Name: "Xã Đông Tiến", UnitID: "xa-dong-tien"}

// TestRolesSeeOnlyTheirPages signs in as each demo role and reads the home page: its
// links are exactly what the role may do.
func TestRolesSeeOnlyTheirPages(t *testing.T) { eachBackend(t, testRolesSeeOnlyTheirPages) }

func testRolesSeeOnlyTheirPages(t *testing.T, a *apptest.App) {
	b := newBrowser(t, a.URL, 1280, 900)
	b.do("anonymous", chromedp.Navigate(a.URL+"/so-dang-ky"), chromedp.WaitVisible(chromedp.CSS("#login")))
	b.shot("dang-nhap")
	for _, d := range demoRoles {
		b.signIn(d.login)
		b.shot("trang-chu-" + d.login)
		got := eval[[]string](b, `[...document.querySelectorAll(".tiles strong")].map(e => e.textContent)`)
		if strings.Join(got, "|") != strings.Join(d.links, "|") {
			t.Errorf("%s sees %q, want %q", d.login, got, d.links)
		}
		if d.login == "quantri" {
			b.do("audit log", chromedp.Click(chromedp.CSS(`a[href="/quan-tri/nhat-ky"]`)), chromedp.WaitVisible(chromedp.CSS("table")),
				chromedp.SetValue(chromedp.CSS("#login"), "quantri"), chromedp.Click(chromedp.CSS(".filters button")),
				chromedp.WaitVisible(chromedp.CSS(`#login[value="quantri"]`)))
			b.shot("nhat-ky")
			logins := eval[[]string](b, `[...document.querySelectorAll("tbody tr td:nth-child(3)")].map(e => e.textContent)`)
			if len(logins) == 0 || slices.ContainsFunc(logins, func(l string) bool { return l != "quantri" }) {
				t.Errorf("the audit log filtered by quantri lists %q", logins)
			}
			b.do("users", chromedp.Click(chromedp.CSS(`a[href="/quan-tri/nguoi-dung"]`)), chromedp.WaitVisible(chromedp.CSS("table")))
			b.shot("nguoi-dung")
		}
		b.do("sign out", chromedp.Click(chromedp.CSS(".signout button")), chromedp.WaitVisible(chromedp.CSS("#login")))
	}
}

// TestSecretariatIssuesCongVan fills the công văn form with one field wrong, reads the
// message at that field, corrects it, previews, issues, finds the document in the register
// and downloads it.
func TestSecretariatIssuesCongVan(t *testing.T) { eachBackend(t, testSecretariatIssuesCongVan) }

func testSecretariatIssuesCongVan(t *testing.T, a *apptest.App) {
	// Lines already in the register, so that its filters and exports have lines to leave out.
	seedRegister(t, a, 5, time.Now().Year())
	b := newBrowser(t, a.URL, 1280, 900)
	b.signIn("vanthu.xa")
	b.do("choose the form", chromedp.Click(chromedp.CSS(`a[href="/van-ban/moi"]`)), chromedp.WaitVisible(chromedp.CSS(".list")))
	b.shot("chon-mau")
	b.do("open công văn", chromedp.Click(chromedp.CSS(`a[href="/van-ban/moi/cong-van"]`)), chromedp.WaitVisible(chromedp.CSS("#f-trich_yeu")))
	b.do("fill",
		chromedp.SetValue(chromedp.CSS("#f-trich_yeu"), "tăng cường bảo vệ an ninh trật tự dịp Tết"),
		chromedp.SetValue(chromedp.CSS("#f-noi_dung"), "Ủy ban nhân dân xã yêu cầu các thôn tăng cường tuần tra./."),
		chromedp.SetValue(chromedp.CSS("#f-so_ban_luu"), "150"), // wrong: at most 99
		chromedp.SetValue(chromedp.CSS("#f-chuc_vu_nguoi_ky"), "CHỦ TỊCH"),
		chromedp.SetValue(chromedp.CSS("#f-ho_ten_nguoi_ky"), "Lê Văn Bình"),
	)
	b.shot("dien-mau")
	// Leaving the wrong field: the page asks the server, which answers with its own rule.
	b.do("check as typed", chromedp.Evaluate[chromedp.Void](`document.getElementById("f-so_ban_luu").dispatchEvent(new Event("change", {bubbles: true}))`),
		chromedp.WaitVisible(chromedp.CSS("#f-so_ban_luu-err")))
	b.shot("kiem-tra-khi-nhap")
	if n := eval[int](b, `document.querySelectorAll(".msg").length`); n != 1 {
		t.Errorf("checking one field shows %d messages, want 1 (only the field left)", n)
	}
	early := b.text("#f-so_ban_luu-err")
	b.do("route", chromedp.Click(chromedp.CSS(`button[value=route]`)), chromedp.WaitVisible(chromedp.CSS(".error")))
	b.shot("loi-tai-truong")
	msg := b.text("#f-so_ban_luu-err")
	if !strings.Contains(msg, "Số bản lưu") || !strings.Contains(msg, "99") {
		t.Errorf("the message at Số bản lưu reads %q", msg)
	}
	if early != msg {
		t.Errorf("the page's check said %q, the server on sending %q", early, msg)
	}
	if got := eval[string](b, `document.getElementById("f-so_ban_luu").getAttribute("aria-describedby")`); !strings.Contains(got, "f-so_ban_luu-err") {
		t.Errorf("the field is not described by its message: %q", got)
	}
	if v := eval[string](b, `document.getElementById("f-trich_yeu").value`); v != "tăng cường bảo vệ an ninh trật tự dịp Tết" {
		t.Errorf("the page lost what was typed: %q", v)
	}
	b.do("correct", chromedp.SetValue(chromedp.CSS("#f-so_ban_luu"), "3"),
		chromedp.Click(chromedp.CSS(`button[value=route]`)), chromedp.WaitVisible(chromedp.CSS("#kinh_gui")))
	b.shot("noi-nhan-de-xuat")
	noiNhan := eval[string](b, `document.getElementById("noi_nhan").value`)
	if !strings.Contains(noiNhan, "Như trên") && eval[string](b, `document.getElementById("kinh_gui").value`) == "" {
		t.Errorf("routing proposed nothing: Nơi nhận %q", noiNhan)
	}
	b.do("edit recipients", chromedp.Evaluate[chromedp.Void](`document.getElementById("noi_nhan").value += "\nTrưởng các thôn"`))

	preview := eval[string](b, `(() => { const f = document.querySelector("form.doc-form"); const d = new URLSearchParams(new FormData(f)); d.set("action", "preview");
		return fetch(f.getAttribute("action"), {method: "POST", body: d, credentials: "same-origin"}).then(r => r.ok ? r.headers.get("Content-Type") + " " + r.headers.get("Content-Disposition") : "status " + r.status); })()`)
	if !strings.Contains(preview, "wordprocessingml") || !strings.Contains(preview, "xem-truoc-cong-van.docx") {
		t.Errorf("preview answered %q", preview)
	}

	b.do("issue", chromedp.Click(chromedp.CSS(`button[value=issue]`)), chromedp.WaitVisible(chromedp.CSS("a[download]")))
	b.shot("da-ban-hanh")
	h1 := b.text("h1")
	m := regexp.MustCompile(`số (\d+/\S+)`).FindStringSubmatch(h1)
	if m == nil {
		t.Fatalf("the issued document's heading is %q", h1)
	}
	numberSymbol := m[1]

	b.do("register", chromedp.Click(chromedp.CSS(`a[href="/so-dang-ky"]`)), chromedp.WaitVisible(chromedp.CSS("table.register")),
		// Typed as on a keyboard without Vietnamese marks: the search folds case and marks.
		chromedp.SetValue(chromedp.CSS("#q"), "dip TET"), chromedp.Click(chromedp.CSS(".filters button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(`#q[value="dip TET"]`)))
	b.shot("so-dang-ky")
	rows := eval[[]string](b, `[...document.querySelectorAll("table.register tbody tr td:first-child")].map(e => e.textContent)`)
	if len(rows) != 1 || rows[0] != numberSymbol {
		t.Fatalf("the register filtered by text lists %q, want [%s]", rows, numberSymbol)
	}
	// The export links carry the filters: the CSV holds the line shown, and only it.
	exported := string(b.fetchFile(eval[string](b, `document.querySelector('a[href^="/api/register.csv"]').getAttribute("href")`)))
	if lines := strings.Split(strings.TrimSpace(exported), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[1], numberSymbol+",") {
		t.Errorf("the CSV export of the filtered register holds %d lines:\n%s", len(lines), exported)
	}
	href := eval[string](b, `document.querySelector("table.register a[download]").getAttribute("href")`)
	doc := apptest.OpenDocx(t, b.fetchFile(href))
	if number, _, _ := strings.Cut(numberSymbol, "/"); !strings.Contains(doc.Text(), "Số: "+number) && !strings.Contains(doc.Text(), numberSymbol) {
		t.Errorf("the downloaded .docx does not carry %s:\n%s", numberSymbol, doc.Text())
	}
	if !strings.Contains(doc.Text(), "Trưởng các thôn") {
		t.Errorf("the edited Nơi nhận is not in the document:\n%s", doc.Text())
	}

	// The PDF: this server has no LibreOffice, so the page says so in Vietnamese.
	b.do("document page", chromedp.Click(chromedp.CSS("table.register tbody a:not([download])")), chromedp.WaitVisible(chromedp.CSS(`a[href$="/pdf"]`)))
	b.do("pdf", chromedp.Click(chromedp.CSS(`a[href$="/pdf"]`)), chromedp.WaitVisible(chromedp.CSS("p.error")))
	b.shot("pdf-khong-co-libreoffice")
	if msg := b.text("p.error"); !strings.Contains(msg, "LibreOffice") {
		t.Errorf("the PDF page without LibreOffice reads %q", msg)
	}
	if h := b.text("h1"); !strings.Contains(h, numberSymbol) {
		t.Errorf("without a PDF the page shown is %q, not the document's", h)
	}

	// Correcting: the form filled from the issued document, issued as a new one.
	b.do("correct", chromedp.Click(chromedp.CSS(`a[href$="/dinh-chinh"]`)), chromedp.WaitVisible(chromedp.CSS("#f-trich_yeu")))
	b.shot("dinh-chinh")
	if v := eval[string](b, `document.getElementById("f-trich_yeu").value`); v != "tăng cường bảo vệ an ninh trật tự dịp Tết" {
		t.Errorf("the correction form holds Trích yếu %q", v)
	}
	if v := eval[string](b, `document.getElementById("noi_nhan").value`); !strings.Contains(v, "Trưởng các thôn") {
		t.Errorf("the correction form holds Nơi nhận %q", v)
	}
	if h := b.text("h1"); !strings.Contains(h, numberSymbol) {
		t.Errorf("the correction page's heading is %q, want it to name %s", h, numberSymbol)
	}
	b.do("pdf preview", chromedp.SetValue(chromedp.CSS("#f-noi_dung"), "Ủy ban nhân dân xã đính chính: tuần tra từ ngày 20 tháng Chạp./."),
		chromedp.Click(chromedp.CSS(`button[value=preview-pdf]`)), chromedp.WaitVisible(chromedp.CSS("p.error")))
	b.shot("xem-truoc-pdf")
	if msg := b.text("p.error"); !strings.Contains(msg, "LibreOffice") {
		t.Errorf("Xem trước PDF without LibreOffice reads %q", msg)
	}
	if v := eval[string](b, `document.getElementById("f-noi_dung").value`); !strings.Contains(v, "tháng Chạp") {
		t.Errorf("the form lost what was typed after Xem trước PDF: %q", v)
	}
	b.do("issue the correction", chromedp.Click(chromedp.CSS(`button[value=issue]`)), chromedp.WaitVisible(chromedp.CSS("a.corrects")))
	b.shot("da-ban-hanh-dinh-chinh")
	if got := b.text("a.corrects"); !strings.Contains(got, numberSymbol) {
		t.Errorf("the correction refers to %q, want %s", got, numberSymbol)
	}
	if h := b.text("h1"); strings.Contains(h, numberSymbol) {
		t.Errorf("the correction carries the original's number: %q", h)
	}
	fixed := apptest.OpenDocx(t, b.fetchFile(eval[string](b, `document.querySelector("a[download]").getAttribute("href")`)))
	if !strings.Contains(fixed.Text(), "tháng Chạp") {
		t.Errorf("the correction does not say what was corrected:\n%s", fixed.Text())
	}
	// The original's page names its correction.
	correction := b.text("h1")
	b.do("the original", chromedp.Click(chromedp.CSS("a.corrects")), chromedp.WaitVisible(chromedp.CSS("a.corrected-by")))
	b.shot("van-ban-goc-da-dinh-chinh")
	if got := b.text("a.corrected-by"); !strings.Contains(correction, strings.TrimSpace(strings.SplitN(got, " số ", 2)[1])) {
		t.Errorf("the original names its correction %q, the correction's heading is %q", got, correction)
	}
	// The original is frozen: its file is the one downloaded before.
	if again := apptest.OpenDocx(t, b.fetchFile(href)); again.Text() != doc.Text() {
		t.Errorf("the original changed after its correction:\n%s", again.Text())
	}
}

// TestInspectorFillsChecklistOnPhone fills a residential area's checklist at 390×844,
// reloads mid-way and finds the answers kept, sends it and reads why it is "chưa đạt".
func TestInspectorFillsChecklistOnPhone(t *testing.T) {
	eachBackend(t, testInspectorFillsChecklistOnPhone)
}

func testInspectorFillsChecklistOnPhone(t *testing.T, a *apptest.App) {
	// The round is set up by the system: the admin's API token was made on apptest's fixed
	// day, before the clock was moved to today.
	round := newRound(t, a, time.Now().Year(),
		inspection.Object{ID: "xa-dong-tien", Kind: inspection.Commune, Name: "Xã Đông Tiến", UnitID: "ubnd-xa-dong-tien"},
		inspection.Object{ID: "thon-1", Kind: inspection.ResidentialArea, Name: "Thôn Tiến Thắng", ParentID: "xa-dong-tien"})

	b := newBrowser(t, a.URL, 390, 844)
	b.signIn("kiemtra")
	b.shot("trang-chu")
	b.do("rounds", chromedp.Click(chromedp.CSS(`a[href="/kiem-tra"]`)), chromedp.WaitVisible(chromedp.CSS(".list a")),
		chromedp.Click(chromedp.CSS(".list a")), chromedp.WaitVisible(chromedp.CSS(".objects")))
	b.shot("doi-tuong")
	b.do("checklist", chromedp.Click(chromedp.CSS(`a[href$="/thon-1"]`)), chromedp.WaitVisible(chromedp.CSS("form.checklist")))
	b.shot("phieu-trong")
	leaves := eval[[]string](b, `[...document.querySelectorAll("fieldset.crit input[value=dat]")].map(e => e.name.slice(2))`)
	if len(leaves) < 10 {
		t.Fatalf("the checklist asks %d criteria: %q", len(leaves), leaves)
	}
	// A real tap on the first answer's label, then the first half by script.
	b.do("tap", chromedp.Click(chromedp.CSS(`label.choice.dat:has(input[name="a.`+leaves[0]+`"])`)))
	half := len(leaves) / 2
	for _, id := range leaves[1:half] {
		b.do("answer "+id, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('input[name="a.%s"][value=dat]').click()`, id)))
	}
	b.do("saved", chromedp.WaitVisible(chromedp.CSS(".state.saved")))
	b.do("scroll", chromedp.Evaluate[chromedp.Void](`document.getElementById("c-`+leaves[2]+`").scrollIntoView()`))
	b.shot("da-luu-mot-nua")
	if s := b.text(".state"); !strings.Contains(s, "Đã lưu") || !strings.Contains(s, fmt.Sprintf("%d/%d", half, len(leaves))) {
		t.Errorf("the state reads %q, want Đã lưu and %d/%d", s, half, len(leaves))
	}

	b.do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("form.checklist")))
	b.shot("tai-lai")
	kept := eval[int](b, `document.querySelectorAll("fieldset.crit input:checked").length`)
	if kept != half {
		t.Errorf("after reloading %d answers are checked, want %d", kept, half)
	}

	failed := leaves[half]
	b.do("not met", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('input[name="a.%s"][value=khong-dat]').click();
		document.getElementById("n-%s").value = "Tháng 10 xảy ra một vụ trộm cắp tài sản";`, failed, failed)))
	for _, id := range leaves[half+1:] {
		b.do("answer "+id, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('input[name="a.%s"][value=dat]').click()`, id)))
	}
	b.do("scroll", chromedp.Evaluate[chromedp.Void](`document.getElementById("c-`+failed+`").scrollIntoView()`))
	b.shot("dien-xong")
	b.do("send", chromedp.Click(chromedp.CSS(`button[value=submit]`)), chromedp.WaitVisible(chromedp.CSS(".verdict")))
	b.shot("ket-qua")
	verdict := b.text(".verdict")
	if !strings.Contains(verdict, "Chưa đạt") || !strings.Contains(verdict, failed+".") || !strings.Contains(verdict, "trộm cắp") {
		t.Errorf("the result reads %q", verdict)
	}
	if n := eval[int](b, `document.querySelectorAll(".verdict li").length`); n != 1 {
		t.Errorf("the result gives %d reasons, want 1: %q", n, verdict)
	}
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the checklist is %d px wide on a 390 px screen", w)
	}

	// The leader reads the round's dashboard: the chart and the table drawn on the server.
	b.do("sign out", chromedp.Click(chromedp.CSS(".signout button")), chromedp.WaitVisible(chromedp.CSS("#login")))
	b.signIn("lanhdao")
	b.do("round", chromedp.Navigate(fmt.Sprintf("%s/kiem-tra/%d", a.URL, round.ID)), chromedp.WaitVisible(chromedp.CSS(`a[href^="/tong-hop/"]`)),
		chromedp.Click(chromedp.CSS(`a[href^="/tong-hop/"]`)), chromedp.WaitVisible(chromedp.CSS("figure.chart svg")))
	b.shot("tong-hop")
	if n := eval[int](b, `document.querySelectorAll("figure.chart svg rect.done").length`); n == 0 {
		t.Error("the dashboard's chart has no bar")
	}
	if row := b.text("tbody tr"); !strings.Contains(row, "1") {
		t.Errorf("the dashboard's first row reads %q", row)
	}
}

// TestUnitDownloadsBlankTemplate downloads a blank công văn with the unit's header.
func TestUnitDownloadsBlankTemplate(t *testing.T) { eachBackend(t, testUnitDownloadsBlankTemplate) }

func testUnitDownloadsBlankTemplate(t *testing.T, a *apptest.App) {
	b := newBrowser(t, a.URL, 390, 844)
	b.signIn("donvi")
	b.do("library", chromedp.Click(chromedp.CSS(`a[href="/mau-trong"]`)), chromedp.WaitVisible(chromedp.CSS("#unit")))
	b.shot("thu-vien-mau")
	unit := eval[string](b, `document.getElementById("unit").value`)
	name := eval[string](b, `document.getElementById("unit").selectedOptions[0].textContent`)
	href := eval[string](b, `document.querySelector('a[href^="/api/forms/cong-van/blank.docx"]').getAttribute("href")`)
	if !strings.Contains(href, "unit="+unit) {
		t.Errorf("the link %q does not carry the unit %s", href, unit)
	}
	doc := apptest.OpenDocx(t, b.fetchFile(href))
	// The header breaks its name over lines as Decree 30 lays it out: compare the words.
	header := strings.Join(strings.Fields(strings.ToUpper(name)), " ")
	if !strings.Contains(strings.Join(strings.Fields(doc.Text()), " "), header) {
		t.Errorf("the blank does not carry the header %q:\n%s", header, doc.Text())
	}
}

// TestFormTableRowsWithoutScript adds and removes rows of a table field with the page's
// own buttons: a round trip to the server, no script needed.
func TestFormTableRowsWithoutScript(t *testing.T) { eachBackend(t, testFormTableRowsWithoutScript) }

func testFormTableRowsWithoutScript(t *testing.T, a *apptest.App) {
	b := newBrowser(t, a.URL, 390, 844)
	b.signIn("vanthu.xa")
	b.do("open", chromedp.Navigate(a.URL+"/van-ban/moi/quyet-dinh-thanh-lap-to-bao-ve-antt"), chromedp.WaitVisible(chromedp.CSS(`input[name="f.thanh_vien.0.1"]`)),
		chromedp.SetValue(chromedp.CSS(`input[name="f.thanh_vien.0.1"]`), "Nguyễn Văn An"))
	b.do("add", chromedp.Click(chromedp.CSS(`button[value="add-row:thanh_vien"]`)), chromedp.WaitVisible(chromedp.CSS(`input[name="f.thanh_vien.1.1"]`)),
		chromedp.SetValue(chromedp.CSS(`input[name="f.thanh_vien.1.1"]`), "Trần Thị Bình"))
	b.do("add again", chromedp.Click(chromedp.CSS(`button[value="add-row:thanh_vien"]`)), chromedp.WaitVisible(chromedp.CSS(`input[name="f.thanh_vien.2.1"]`)),
		chromedp.SetValue(chromedp.CSS(`input[name="f.thanh_vien.2.1"]`), "Lê Văn Cường"))
	b.do("scroll", chromedp.Evaluate[chromedp.Void](`document.querySelector('input[name="f.thanh_vien.0.1"]').scrollIntoView()`))
	b.shot("ba-dong")
	b.do("remove the first", chromedp.Click(chromedp.CSS(`button[value="del-row:thanh_vien:0"]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`input[name="f.thanh_vien.2.1"]`)))
	b.do("scroll", chromedp.Evaluate[chromedp.Void](`document.querySelector('input[name="f.thanh_vien.0.1"]').scrollIntoView()`))
	b.shot("xoa-dong-dau")
	got := eval[[]string](b, `[...document.querySelectorAll('input[name^="f.thanh_vien."][name$=".1"]')].map(e => e.value)`)
	if strings.Join(got, "|") != "Trần Thị Bình|Lê Văn Cường" {
		t.Errorf("after removing the first row the names are %q", got)
	}
}

// TestPagesAt360 opens every page of the văn thư and the unit on a 360 px wide screen:
// none may be wider than the screen (tables scroll inside their own box).
func TestPagesAt360(t *testing.T) { eachBackend(t, testPagesAt360) }

func testPagesAt360(t *testing.T, a *apptest.App) {
	seedRegister(t, a, 60, time.Now().Year())
	b := newBrowser(t, a.URL, 360, 740)
	b.signIn("vanthu.xa")
	for _, p := range []string{"/", "/van-ban/moi", "/van-ban/moi/cong-van", "/van-ban/moi/quyet-dinh-thanh-lap-to-bao-ve-antt",
		fmt.Sprintf("/so-dang-ky?year=%d", time.Now().Year()), "/van-ban/1", "/van-ban/1/dinh-chinh", "/mau-trong", "/kiem-tra", "/quan-tri/don-vi?unit=ubnd-xa-dong-tien", "/khong-co-trang-nay"} {
		b.do("open "+p, chromedp.Navigate(a.URL+p), chromedp.WaitVisible(chromedp.CSS("main h1")))
		b.shot("360" + p)
		if w := eval[int](b, `document.documentElement.scrollWidth`); w > 360 {
			wide := eval[[]string](b, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > 362 && !e.closest(".scroll, nav")).slice(0, 5).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`)
			t.Errorf("%s is %d px wide on a 360 px screen: %q", p, w, wide)
		}
		if n := eval[int](b, `[...document.querySelectorAll("input:not([type=hidden]), select, textarea")].filter(e => !e.labels || e.labels.length === 0).length`); n != 0 {
			t.Errorf("%s has %d inputs without a label", p, n)
		}
	}
}

// TestUnknownPage opens an address no page answers: an HTML page in Vietnamese with the way
// home, while the API keeps its JSON 404.
func TestUnknownPage(t *testing.T) { eachBackend(t, testUnknownPage) }

func testUnknownPage(t *testing.T, a *apptest.App) {
	b := newBrowser(t, a.URL, 1280, 900)
	b.signIn("vanthu.xa")
	b.do("unknown", chromedp.Navigate(a.URL+"/van-ban-cu/123"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	b.shot("khong-co-trang")
	if h := b.text("main h1"); h != "Không có trang này" {
		t.Errorf("an unknown page reads %q", h)
	}
	status := eval[string](b, `fetch("/van-ban-cu/123").then(r => r.status + " " + r.headers.get("Content-Type"))`)
	if !strings.HasPrefix(status, "404 text/html") {
		t.Errorf("an unknown page answers %q, want 404 text/html", status)
	}
	api := eval[string](b, `fetch("/api/khong-co").then(r => r.text().then(s => r.status + " " + r.headers.get("Content-Type") + " " + s))`)
	if !strings.HasPrefix(api, "404 application/json") {
		t.Errorf("an unknown API route answers %q, want a JSON 404", api)
	}
	b.do("home", chromedp.Click(chromedp.CSS("main a.button")), chromedp.WaitVisible(chromedp.CSS(".tiles")))
}

// TestUnitRegistersWithFile registers the unit's commune in a round with its file at
// 390×844: a file of a refused type is answered at the file's field, a PDF is accepted and
// listed.
func TestUnitRegistersWithFile(t *testing.T) { eachBackend(t, testUnitRegistersWithFile) }

func testUnitRegistersWithFile(t *testing.T, a *apptest.App) {
	round := newRound(t, a, time.Now().Year(), communeObject)
	dir := t.TempDir()
	bad, good := filepath.Join(dir, "ghi-chu.txt"), filepath.Join(dir, "ban-dang-ky.pdf")
	if err := os.WriteFile(bad, []byte("không phải tệp hồ sơ"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good, []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, a.URL, 390, 844)
	b.signIn("donvi")
	b.do("round", chromedp.Navigate(fmt.Sprintf("%s/kiem-tra/%d", a.URL, round.ID)), chromedp.WaitVisible(chromedp.CSS("a.register-link")),
		chromedp.Click(chromedp.CSS("a.register-link")), chromedp.WaitVisible(chromedp.CSS("#file")))
	b.shot("dang-ky")
	if help := b.text("#file-help"); !strings.Contains(help, "PDF") || !strings.Contains(help, "MB") {
		t.Errorf("the file's limits read %q", help)
	}
	b.do("wrong type", chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{bad}),
		chromedp.Click(chromedp.CSS("form.doc-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#file-err")),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("file").scrollIntoView({block: "center"})`))
	b.shot("sai-loai-tep")
	if msg := b.text("#file-err"); !strings.Contains(msg, "ghi-chu.txt") && !strings.Contains(msg, ".txt") {
		t.Errorf("the refused file's message reads %q", msg)
	}
	b.do("pdf", chromedp.SetValue(chromedp.CSS("#note"), "Xã đăng ký phấn đấu đạt tiêu chuẩn"),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{good}),
		chromedp.Click(chromedp.CSS("form.doc-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".notice")))
	b.shot("da-dang-ky")
	if files := eval[[]string](b, `[...document.querySelectorAll("tbody tr td:first-child")].map(e => e.textContent)`); len(files) != 1 || files[0] != "ban-dang-ky.pdf" {
		t.Errorf("the file lists %q, want [ban-dang-ky.pdf]", files)
	}
	if s := b.text(".facts dd"); !strings.Contains(s, "Đã đăng ký") {
		t.Errorf("the state reads %q", s)
	}
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the registration page is %d px wide on a 390 px screen", w)
	}
	if n := eval[int](b, `[...document.querySelectorAll("input:not([type=hidden]), select, textarea")].filter(e => !e.labels || e.labels.length === 0).length`); n != 0 {
		t.Errorf("the registration page has %d inputs without a label", n)
	}
}

// TestAdminDirectory walks the directory tree as the admin, downloads the units CSV and
// imports it back on the version the page showed; a page opened before another import
// is refused rather than overwriting it.
func TestAdminDirectory(t *testing.T) { eachBackend(t, testAdminDirectory) }

func testAdminDirectory(t *testing.T, a *apptest.App) {
	b := newBrowser(t, a.URL, 1280, 900)
	b.signIn("quantri")
	b.do("directory", chromedp.Click(chromedp.CSS(`a[href="/quan-tri/don-vi"]`)), chromedp.WaitVisible(chromedp.CSS("ul.units a")))
	b.shot("goc")
	b.do("a unit", chromedp.Click(chromedp.CSS("ul.units a")), chromedp.WaitVisible(chromedp.CSS(".facts")),
		chromedp.Click(chromedp.CSS("ul.units a")), chromedp.WaitVisible(chromedp.CSS(".crumbs a + a")))
	b.shot("don-vi")
	if kind := b.text(".facts dd:nth-of-type(2)"); !strings.ContainsAny(kind, "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ") {
		t.Errorf("the unit's kind reads %q, not in Vietnamese", kind)
	}
	if n := eval[int](b, `document.querySelectorAll(".crumbs a").length`); n < 2 {
		t.Errorf("a second-level unit shows %d links up the tree", n)
	}
	version := b.text(".version")
	csv := b.fetchFile("/api/directory/units.csv")
	path := filepath.Join(t.TempDir(), "don-vi.csv")
	if err := os.WriteFile(path, csv, 0o644); err != nil {
		t.Fatal(err)
	}
	b.do("import", chromedp.SetUploadFiles(chromedp.CSS("#units"), []string{path}),
		chromedp.Click(chromedp.CSS("form.doc-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".notice")))
	b.shot("da-nhap")
	if after := b.text(".version"); after == version {
		t.Errorf("the version is still %s after importing", after)
	}
	// As if the page had been opened before that import.
	b.do("stale import", chromedp.Evaluate[chromedp.Void](`document.querySelector("input[name=version]").value = "`+version+`"`),
		chromedp.SetUploadFiles(chromedp.CSS("#units"), []string{path}),
		chromedp.Click(chromedp.CSS("form.doc-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#units-err")),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("units").scrollIntoView({block: "center"})`))
	b.shot("nhap-tren-ban-cu")
	if msg := b.text("#units-err"); msg == "" {
		t.Error("an import on an old version has no message")
	}
	if n := eval[int](b, `[...document.querySelectorAll("input:not([type=hidden]), select, textarea")].filter(e => !e.labels || e.labels.length === 0).length`); n != 0 {
		t.Errorf("the directory page has %d inputs without a label", n)
	}
}
