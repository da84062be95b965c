package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/inspection"
	"vanthu/internal/apptest"
)

// TestUnitResultsScope reads the results page over HTTP as each commune's unit: each sees
// its own commune and certificate only, and the other's certificate is refused by its
// address. A certificate is linked only to a recognised object.
func TestUnitResultsScope(t *testing.T) {
	for _, be := range apptest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			be.SkipIfUnavailable(t)
			a := startApp(t, be.DSN(t))
			a.User(t, "donvi.quangphu", "unit", "xa-quang-phu")
			u := setUpUnitRounds(t, a)
			get := func(login, path string) apptest.Response {
				t.Helper()
				return apptest.Do(t, a.Anonymous, a.URL, "GET", path, nil, "Cookie", signedIn(t, a, login))
			}
			for _, tc := range []struct{ login, own, other string }{
				{"donvi", "xa-dong-tien", "xa-quang-phu"},
				{"donvi.quangphu", "xa-quang-phu", "xa-dong-tien"},
			} {
				res := get(tc.login, "/ket-qua")
				page := string(res.Body)
				ownLink := fmt.Sprintf("/ket-qua/%d/%s/giay-cong-nhan/%d", u.current, tc.own, u.certificates[tc.own])
				otherLink := fmt.Sprintf("/ket-qua/%d/%s/giay-cong-nhan/%d", u.current, tc.other, u.certificates[tc.other])
				if res.Status != http.StatusOK || !strings.Contains(page, ownLink) {
					t.Errorf("%s: %d, the page lacks its own certificate %s: %s", tc.login, res.Status, ownLink, apptest.Excerpt(res.Body))
				}
				if strings.Contains(page, "/"+tc.other+"/") || strings.Contains(page, "Đình Tân") || strings.Contains(page, "Thọ Sơn") {
					t.Errorf("%s: the page shows another unit's objects", tc.login)
				}
				if res := get(tc.login, ownLink); res.Status != http.StatusOK || !bytes.HasPrefix(res.Body, []byte("PK")) {
					t.Errorf("%s: own certificate: %d %s", tc.login, res.Status, apptest.Excerpt(res.Body))
				}
				if res := get(tc.login, otherLink); res.Status != http.StatusForbidden {
					t.Errorf("%s: the other's certificate: %d, want 403", tc.login, res.Status)
				}
				// The unit's own object with the other's document: not linked, so not found.
				mixed := fmt.Sprintf("/ket-qua/%d/%s/giay-cong-nhan/%d", u.current, tc.own, u.certificates[tc.other])
				if res := get(tc.login, mixed); res.Status != http.StatusNotFound {
					t.Errorf("%s: %s: %d, want 404", tc.login, mixed, res.Status)
				}
			}
			for _, p := range []string{"/ket-qua/0/xa-dong-tien/giay-cong-nhan/1", "/ket-qua/1/xa-dong-tien/giay-cong-nhan/abc",
				fmt.Sprintf("/ket-qua/%d/khong-co/giay-cong-nhan/1", u.current)} {
				if res := get("donvi", p); res.Status != http.StatusNotFound {
					t.Errorf("%s: %d, want 404", p, res.Status)
				}
			}

			sys := access.WithActor(context.Background(), access.System("unit results test"))
			// A round not assessed yet: the commune's result is pending, with no certificate.
			r, err := a.Inspection.CreateRound(sys, inspection.RoundInput{Year: a.Now().Year() - 2, AuthorityID: "ubnd-tinh-thanh-hoa"})
			if err != nil {
				t.Fatal(err)
			}
			if err := a.Inspection.PutObjects(sys, r.ID, []inspection.Object{{ID: "xa-dong-tien", Kind: inspection.Commune, Name: "Xã Đông Tiến", UnitID: "xa-dong-tien"}}); err != nil {
				t.Fatal(err)
			}
			page := string(get("donvi", "/ket-qua").Body)
			if n := strings.Count(page, `class="card standing"`); n != 3 || !strings.Contains(page, "Kết quả: Chưa đánh giá xong") {
				t.Errorf("with a round not assessed the page shows %d objects:\n%s", n, page)
			}
			err = a.Inspection.LinkCertificates(sys, u.last, []inspection.Certificate{{ObjectID: "xa-dong-tien", DocumentID: u.certificates["xa-dong-tien"]}})
			if apperr.CodeOf(err) != apperr.Invalid {
				t.Errorf("a certificate linked to a chưa đạt commune: %v, want Invalid", err)
			}
		})
	}
}
