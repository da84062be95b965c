package web_test

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"vanthu/inspection"
	"vanthu/internal/apptest"
)

// TestDashboardFiguresAreTheWorkbooks reads a round's dashboard as the leader and the
// XLSX it links to: every row of the page's tables (the round by kind, then each area)
// holds the figures of the workbook's row for the same area and kind.
func TestDashboardFiguresAreTheWorkbooks(t *testing.T) {
	for _, be := range apptest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			a := apptest.New(t, be.DSN(t))
			a.User(t, "lanhdao", "leader", "tinh-thanh-hoa")
			ctx := asSystem()
			objects := []inspection.Object{{ID: "xa-dong-tien", Kind: inspection.Commune, Name: "Xã Đông Tiến", UnitID: "ubnd-xa-dong-tien"}}
			for i := 1; i <= 7; i++ {
				objects = append(objects, inspection.Object{ID: fmt.Sprintf("thon-%d", i), Kind: inspection.ResidentialArea,
					Name: fmt.Sprintf("Thôn %d", i), ParentID: "xa-dong-tien"})
			}
			round := newRound(t, a, apptest.Now.Year(), objects...)
			// Six of seven registered, five assessed, one of them failing a criterion.
			for i := 1; i <= 6; i++ {
				if _, err := a.Inspection.Register(ctx, round.ID, fmt.Sprintf("thon-%d", i), &inspection.Registration{RegisteredOn: apptest.Now.Format("2006-01-02")}); err != nil {
					t.Fatal(err)
				}
			}
			areas := a.Checklists.ForKind(inspection.ResidentialArea)
			for i := 1; i <= 5; i++ {
				answers := map[string]inspection.Answer{}
				for _, cr := range areas.Leaves() {
					if cr.Answerable() {
						answers[cr.ID] = inspection.Answer{Result: inspection.Pass}
					}
				}
				if i == 5 {
					answers["4.4.b"] = inspection.Answer{Result: inspection.Fail, Note: "Xảy ra vụ cướp tài sản"}
				}
				if _, err := a.Inspection.SaveAssessment(ctx, &inspection.Assessment{RoundID: round.ID, ObjectID: fmt.Sprintf("thon-%d", i), Answers: answers}); err != nil {
					t.Fatal(err)
				}
			}

			cookie := signedIn(t, a, "lanhdao")
			get := func(path string) []byte {
				t.Helper()
				res := apptest.Do(t, a.Anonymous, a.URL, "GET", path, nil, "Cookie", cookie)
				if res.Status != http.StatusOK {
					t.Fatalf("GET %s: %d %s", path, res.Status, apptest.Excerpt(res.Body))
				}
				return res.Body
			}
			page := string(get(fmt.Sprintf("/tong-hop/%d", round.ID)))
			href := regexp.MustCompile(`href="(/api/inspection/rounds/\d+/progress\.xlsx)"`).FindStringSubmatch(page)
			if href == nil {
				t.Fatalf("the dashboard links to no workbook:\n%s", apptest.Excerpt([]byte(page)))
			}
			book, err := excelize.OpenReader(bytes.NewReader(get(href[1])))
			if err != nil {
				t.Fatal(err)
			}
			sheetRows, err := book.GetRows(book.GetSheetName(0), excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			// The workbook's rows by area and kind: Tổng số, Đã đăng ký, Đã đánh giá, Được
			// công nhận, and the recognised share as a fraction.
			workbook := map[string][]string{}
			for _, r := range sheetRows[4:] {
				if len(r) >= 8 {
					workbook[r[0]+"|"+r[1]] = r[2:8]
				}
			}
			share := func(s string) string { // "0.8" in the workbook, "80,0%" on the page
				f, err := strconv.ParseFloat(s, 64)
				if err != nil {
					return s
				}
				return strings.Replace(strconv.FormatFloat(f*100, 'f', 1, 64), ".", ",", 1) + "%"
			}
			tables := regexp.MustCompile(`(?s)<tbody>(.*?)</tbody>`).FindAllStringSubmatch(page, -1)
			if len(tables) != 2 {
				t.Fatalf("the dashboard has %d tables, want the round's and the areas'", len(tables))
			}
			cells := func(row string) []string {
				var out []string
				for _, m := range regexp.MustCompile(`<t[hd][^>]*>(.*?)</t[hd]>`).FindAllStringSubmatch(row, -1) {
					out = append(out, html.UnescapeString(m[1]))
				}
				return out
			}
			rows := 0
			for _, row := range strings.Split(tables[0][1], "</tr>") {
				c := cells(row)
				if len(c) == 0 {
					continue
				}
				rows++
				w, ok := workbook["Toàn đợt xét|"+c[0]]
				if !ok {
					t.Errorf("the page's row %q is not in the workbook", c)
					continue
				}
				want := []string{c[0], w[0], w[1], w[2], w[3], share(w[5])}
				if got := c[:6]; strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("round, %s: the page says %q, the workbook %q", c[0], got, want)
				}
			}
			for _, row := range strings.Split(tables[1][1], "</tr>") {
				c := cells(row)
				if len(c) == 0 {
					continue
				}
				rows++
				w, ok := workbook[c[0]+"|"+c[1]]
				if !ok {
					t.Errorf("the page's row %q is not in the workbook", c)
					continue
				}
				want := []string{c[0], c[1], w[0], w[3], share(w[5])}
				if got := c[:5]; strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("%s: the page says %q, the workbook %q", c[0], got, want)
				}
			}
			if rows != len(workbook) {
				t.Errorf("the page shows %d rows, the workbook %d", rows, len(workbook))
			}
			// And the figures are those of the round: 7 areas, 6 registered, 5 assessed, 4 recognised.
			if w := workbook["Toàn đợt xét|"+kindTitle(t, page, "Khu dân cư")]; len(w) < 4 || strings.Join(w[:4], " ") != "7 6 5 4" {
				t.Errorf("the residential areas' row reads %q, want 7 6 5 4", w)
			}
		})
	}
}

// kindTitle returns the title the dashboard gives the kind whose title starts with prefix.
func kindTitle(t *testing.T, page, prefix string) string {
	t.Helper()
	m := regexp.MustCompile(`<th scope="row">(` + regexp.QuoteMeta(prefix) + `[^<]*)</th>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no row for %s", prefix)
	}
	return html.UnescapeString(m[1])
}
