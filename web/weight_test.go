package web_test

import (
	"fmt"
	"strings"
	"testing"

	"vanthu/inspection"
	"vanthu/internal/apptest"
)

// TestPageWeight fetches every page as the user who uses it, with its stylesheet and
// script, and holds each to 100 KB transferred (the pages load nothing else: no image, no
// font, no outside address). The register page is measured full: 50 lines.
func TestPageWeight(t *testing.T) {
	a := apptest.NewSQLite(t)
	for _, d := range demoRoles {
		a.User(t, d.login, d.role, d.unit)
	}
	seedRegister(t, a, 60, apptest.Now.Year())
	round := newRound(t, a, apptest.Now.Year(),
		inspection.Object{ID: "xa-dong-tien", Kind: inspection.Commune, Name: "Xã Đông Tiến", UnitID: "ubnd-xa-dong-tien"},
		inspection.Object{ID: "thon-1", Kind: inspection.ResidentialArea, Name: "Thôn Tiến Thắng", ParentID: "xa-dong-tien"})
	get := func(cookie, path string) int {
		t.Helper()
		res := apptest.Do(t, a.Anonymous, a.URL, "GET", path, nil, "Cookie", cookie)
		if res.Status != 200 {
			t.Fatalf("GET %s: %d %s", path, res.Status, apptest.Excerpt(res.Body))
		}
		if strings.Contains(string(res.Body), "http://") || strings.Contains(string(res.Body), "https://") {
			t.Errorf("%s refers to an outside address", path)
		}
		return len(res.Body)
	}
	anon := ""
	assets := get(anon, "/static/site.css") + get(anon, "/static/site.js")
	t.Logf("site.css + site.js: %d bytes", assets)
	for _, tc := range []struct{ login, path string }{
		{"vanthu.xa", "/"},
		{"vanthu.xa", "/van-ban/moi"},
		{"vanthu.xa", "/van-ban/moi/cong-van"},
		{"vanthu.xa", "/van-ban/moi/quyet-dinh-thanh-lap-to-bao-ve-antt"},
		{"vanthu.xa", fmt.Sprintf("/so-dang-ky?year=%d", apptest.Now.Year())},
		{"quantri", "/so-dang-ky"},
		{"kiemtra", "/kiem-tra"},
		{"kiemtra", fmt.Sprintf("/kiem-tra/%d", round.ID)},
		{"kiemtra", fmt.Sprintf("/kiem-tra/%d/thon-1", round.ID)},
		{"kiemtra", fmt.Sprintf("/kiem-tra/%d/xa-dong-tien", round.ID)},
		{"donvi", "/mau-trong"},
	} {
		html := get(signedIn(t, a, tc.login), tc.path)
		total := html + assets
		t.Logf("%-55s %6d bytes HTML, %6d with the stylesheet and script", tc.path, html, total)
		if total > 100<<10 {
			t.Errorf("%s weighs %d bytes, over 100 KB", tc.path, total)
		}
	}
}
