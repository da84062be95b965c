package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"vanthu/access"
	"vanthu/accounts"
	"vanthu/inspection"
	"vanthu/internal/apptest"
)

// unitRounds is what the unit's results page is tried on: this year's round of the
// province, where both communes and their residential areas are recognised and given their
// Giấy công nhận, and last year's, where the unit's commune is "chưa đạt".
type unitRounds struct {
	current, last int64
	// certificates are the issued certificates' document ids by object of the current round.
	certificates map[string]int64
	failed       string // the criterion the commune did not meet last year
}

// failedNote is the inspector's note on the criterion the commune did not meet.
const failedNote = "Chưa xây dựng mô hình tự quản về an ninh, trật tự ở khu dân cư"

// setUpUnitRounds makes the rounds as the system (registrations and assessments through
// the inspection service, as the command line would) and issues the certificates through
// the API, as the province's văn thư would.
func setUpUnitRounds(t *testing.T, a *apptest.App) *unitRounds {
	t.Helper()
	ctx := access.WithActor(context.Background(), access.System("unit results test"))
	year := a.Now().Year()
	u := &unitRounds{certificates: map[string]int64{}}
	pass := func(kind string) map[string]inspection.Answer {
		m := map[string]inspection.Answer{}
		for _, cr := range a.Checklists.Get(kind).Leaves() {
			if cr.Answerable() {
				m[cr.ID] = inspection.Answer{Result: inspection.Pass}
			}
		}
		return m
	}
	round := func(year int, objects []inspection.Object, answers func(o inspection.Object) map[string]inspection.Answer) int64 {
		t.Helper()
		r, err := a.Inspection.CreateRound(ctx, inspection.RoundInput{Year: year, AuthorityID: "ubnd-tinh-thanh-hoa"})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Inspection.PutObjects(ctx, r.ID, objects); err != nil {
			t.Fatal(err)
		}
		for _, o := range objects {
			if _, err := a.Inspection.Register(ctx, r.ID, o.ID, &inspection.Registration{}); err != nil {
				t.Fatalf("register %s: %v", o.ID, err)
			}
			if _, err := a.Inspection.SaveAssessment(ctx, &inspection.Assessment{RoundID: r.ID, ObjectID: o.ID, Answers: answers(o)}); err != nil {
				t.Fatalf("assess %s: %v", o.ID, err)
			}
		}
		return r.ID
	}
	kindOf := func(o inspection.Object) string {
		if o.Kind == inspection.Commune {
			return "xa"
		}
		return "khu-dan-cu"
	}
	u.current = round(year, []inspection.Object{
		{ID: "xa-dong-tien", Kind: inspection.Commune, Name: "Xã Đông Tiến", UnitID: "xa-dong-tien"},
		{ID: "thon-tho-son", Kind: inspection.ResidentialArea, Name: "Thôn Thọ Sơn", ParentID: "xa-dong-tien", UnitID: "thon-tho-son"},
		{ID: "xa-quang-phu", Kind: inspection.Commune, Name: "Xã Quảng Phú", UnitID: "xa-quang-phu"},
		{ID: "thon-dinh-tan", Kind: inspection.ResidentialArea, Name: "Thôn Đình Tân", ParentID: "xa-quang-phu", UnitID: "thon-dinh-tan"},
	}, func(o inspection.Object) map[string]inspection.Answer { return pass(kindOf(o)) })
	for _, cr := range a.Checklists.Get("xa").Leaves() {
		if cr.Answerable() {
			u.failed = cr.ID
			break
		}
	}
	u.last = round(year-1, []inspection.Object{
		{ID: "xa-dong-tien", Kind: inspection.Commune, Name: "Xã Đông Tiến", UnitID: "xa-dong-tien"},
		{ID: "thon-tho-son", Kind: inspection.ResidentialArea, Name: "Thôn Thọ Sơn", ParentID: "xa-dong-tien", UnitID: "thon-tho-son"},
	}, func(o inspection.Object) map[string]inspection.Answer {
		m := pass(kindOf(o))
		if o.Kind == inspection.Commune {
			m[u.failed] = inspection.Answer{Result: inspection.Fail, Note: failedNote}
		}
		return m
	})

	// The API's token is made now: the admin's was made on apptest's fixed day.
	tok, err := a.Accounts.TokenFor(ctx, "admin", accounts.NewToken{Name: "unit results test"})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{"issuer_id": "ubnd-tinh-thanh-hoa", "issue": true, "data": map[string]any{
		"nguoi_tang": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THANH HOÁ", "quyet_dinh": fmt.Sprintf("Quyết định số 1520/QĐ-UBND ngày 20/11/%d", year),
		"chuc_vu_nguoi_ky": "CHỦ TỊCH", "ho_ten_nguoi_ky": "Đỗ Minh Tuấn"}})
	res := apptest.Do(t, a.Anonymous, a.URL, "POST", fmt.Sprintf("/api/inspection/rounds/%d/certificates", u.current), strings.NewReader(string(body)),
		"Authorization", "Bearer "+tok.Secret, "Content-Type", "application/json")
	if res.Status != http.StatusCreated {
		t.Fatalf("certificates: %d %s", res.Status, apptest.Excerpt(res.Body))
	}
	var docs []struct {
		ID   int64          `json:"id"`
		Data map[string]any `json:"data"`
	}
	res.JSON(t, &docs)
	names := map[string]string{"Xã Đông Tiến": "xa-dong-tien", "Thôn Thọ Sơn": "thon-tho-son", "Xã Quảng Phú": "xa-quang-phu", "Thôn Đình Tân": "thon-dinh-tan"}
	for _, d := range docs {
		u.certificates[names[fmt.Sprint(d.Data["nguoi_nhan"])]] = d.ID
	}
	if len(u.certificates) != 4 {
		t.Fatalf("certificates issued to %v, want the four objects", u.certificates)
	}
	return u
}

// TestUnitReadsResultsAndCertificates signs in as the unit at 390×844, reads this year's
// "đạt" and last year's "chưa đạt" with its reason, and downloads this year's Giấy công
// nhận; the other commune's result and certificate are neither shown nor served.
func TestUnitReadsResultsAndCertificates(t *testing.T) {
	eachBackend(t, testUnitReadsResultsAndCertificates)
}

func testUnitReadsResultsAndCertificates(t *testing.T, a *apptest.App) {
	u := setUpUnitRounds(t, a)
	b := newBrowser(t, a.URL, 390, 844)
	b.signIn("donvi")
	b.shot("trang-chu")
	b.do("results", chromedp.Click(chromedp.CSS(`.tiles a[href="/ket-qua"]`)), chromedp.WaitVisible(chromedp.CSS("section.standing")))
	b.shot("ket-qua")
	sections := eval[[]string](b, `[...document.querySelectorAll("section.standing")].map(s => s.innerText)`)
	if len(sections) != 2 {
		t.Fatalf("the page shows %d objects, want the commune in two rounds: %q", len(sections), sections)
	}
	page := strings.Join(sections, "\n")
	for _, other := range []string{"Quảng Phú", "Thọ Sơn", "Đình Tân"} {
		if strings.Contains(page, other) {
			t.Errorf("the unit's page shows %s, which is not the unit's own:\n%s", other, page)
		}
	}
	if !strings.Contains(sections[0], "Kết quả: Đạt") || !strings.Contains(sections[0], "Giấy công nhận số") {
		t.Errorf("this year's result reads %q", sections[0])
	}
	if !strings.Contains(sections[1], "Kết quả: Chưa đạt") || !strings.Contains(sections[1], u.failed+".") || !strings.Contains(sections[1], failedNote) {
		t.Errorf("last year's result does not say why it is chưa đạt: %q", sections[1])
	}
	if strings.Contains(sections[1], "Giấy công nhận số") {
		t.Errorf("last year's chưa đạt shows a certificate: %q", sections[1])
	}
	if n := eval[int](b, `document.querySelectorAll('a[href$="/pdf"]').length`); n != 0 {
		t.Errorf("the unit, who may not read the issuer's documents, is offered %d PDF links", n)
	}
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the results page is %d px wide on a 390 px screen", w)
	}
	b.do("scroll", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("section.standing")[1].scrollIntoView()`))
	b.shot("chua-dat")

	href := eval[string](b, `document.querySelector("section.standing a[download]").getAttribute("href")`)
	if want := fmt.Sprintf("/ket-qua/%d/xa-dong-tien/giay-cong-nhan/%d", u.current, u.certificates["xa-dong-tien"]); href != want {
		t.Errorf("the certificate's link is %q, want %q", href, want)
	}
	doc := apptest.OpenDocx(t, b.fetchFile(href))
	text := strings.ToUpper(strings.Join(strings.Fields(doc.Text()), " "))
	if !strings.Contains(text, "GIẤY CÔNG NHẬN") || !strings.Contains(text, "XÃ ĐÔNG TIẾN") {
		t.Errorf("the downloaded certificate does not name the unit:\n%s", doc.Text())
	}
	if strings.Contains(text, "QUẢNG PHÚ") {
		t.Errorf("the unit's certificate names another commune:\n%s", doc.Text())
	}

	// The other commune's certificate by its address, and the unit's own certificate under
	// the other commune's object: refused by the service, not just left off the page.
	for _, p := range []string{
		fmt.Sprintf("/ket-qua/%d/xa-quang-phu/giay-cong-nhan/%d", u.current, u.certificates["xa-quang-phu"]),
		fmt.Sprintf("/ket-qua/%d/xa-quang-phu/giay-cong-nhan/%d", u.current, u.certificates["xa-dong-tien"]),
		fmt.Sprintf("/ket-qua/%d/xa-dong-tien/giay-cong-nhan/%d", u.current, u.certificates["xa-quang-phu"]),
	} {
		status := eval[int](b, fmt.Sprintf(`fetch(%q).then(r => r.status)`, p))
		if status != http.StatusForbidden && status != http.StatusNotFound {
			t.Errorf("%s answers the unit %d, want 403 or 404", p, status)
		}
	}
	b.do("refused", chromedp.Navigate(a.URL+fmt.Sprintf("/ket-qua/%d/xa-quang-phu/giay-cong-nhan/%d", u.current, u.certificates["xa-quang-phu"])),
		chromedp.WaitVisible(chromedp.CSS("p.error")))
	b.shot("giay-cua-don-vi-khac")
}

// TestUnitRegistrationTooLarge sends, in the browser, a registration file over the upload
// limit: the page's script refuses it before sending, keeping what was typed; without the
// script the server answers the registration page again, 413, with the message at the
// file. Nothing is recorded either way.
func TestUnitRegistrationTooLarge(t *testing.T) { eachBackend(t, testUnitRegistrationTooLarge) }

func testUnitRegistrationTooLarge(t *testing.T, a *apptest.App) {
	round := newRound(t, a, a.Now().Year(), communeObject)
	big := filepath.Join(t.TempDir(), "ho-so-lon.pdf")
	if err := os.WriteFile(big, append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0"), apptest.MaxUpload+1)...), 0o644); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, a.URL, 390, 844)
	b.signIn("donvi")
	page := fmt.Sprintf("%s/kiem-tra/%d/xa-dong-tien/dang-ky", a.URL, round.ID)
	send := func(what string) {
		b.do(what, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{big}),
			chromedp.Click(chromedp.CSS("form.doc-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#file-err")),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("file").scrollIntoView({block: "center"})`))
	}
	check := func(what string) {
		t.Helper()
		if msg := b.text("#file-err"); !strings.Contains(msg, "quá lớn") || !strings.Contains(msg, "2 MB") {
			t.Errorf("%s: the message at the file reads %q", what, msg)
		}
		if s := b.text(".facts dd"); !strings.Contains(s, "Chưa đăng ký") {
			t.Errorf("%s: a file refused as too large was recorded: %q", what, s)
		}
	}
	b.do("open", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#file")), chromedp.SetValue(chromedp.CSS("#note"), "Xã đăng ký phấn đấu"))
	send("too large, refused by the page")
	b.shot("tep-qua-lon-truoc-khi-gui")
	check("the page's script")
	if v := eval[string](b, `document.getElementById("note").value`); v != "Xã đăng ký phấn đấu" {
		t.Errorf("the page lost the note typed: %q", v)
	}

	// As without the script: the form goes to the server, over its body limit.
	b.do("reopen", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("file").removeAttribute("data-max-bytes")`))
	send("too large, refused by the server")
	b.shot("tep-qua-lon-may-chu")
	check("the server")
	if n := eval[int](b, `performance.getEntriesByType("navigation")[0].responseStatus || 413`); n != 413 {
		t.Errorf("the server answered the too large form with %d, want 413", n)
	}
}
