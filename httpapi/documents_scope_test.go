package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"vanthu/directory"
	"vanthu/internal/apptest"
	"vanthu/register"
)

// TestDocumentListScope: the document list is cut into pages in the database, so an actor
// who reads only some units' documents names the unit, and a page holds as many of its
// documents as asked even when other units issued more since, and none of its secret ones
// when the actor may not read them.
func TestDocumentListScope(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			t.Parallel()
			a := apptest.Start(t, data, b.DSN(t))
			a.User(t, "vanthu.xa", "secretariat", scopedUnit)
			ctx := context.Background()
			recipients, _ := json.Marshal(directory.Recipients{NoiNhan: []string{"Lưu: VT"}})
			day := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			render := func(int) ([]byte, register.Entry, error) { return []byte("PK docx"), register.Entry{}, nil }
			issue := func(issuer, secrecy string, i int) {
				t.Helper()
				d := &register.Document{FormID: "cong-van", IssuerID: issuer, Data: json.RawMessage(`{}`), Recipients: recipients,
					Subject: fmt.Sprintf("V/v việc %d", i), KindTitle: "Công văn", Symbol: "UBND", Secrecy: secrecy}
				if _, err := a.DB.CreateAndIssue(ctx, d, day, 2026, render); err != nil {
					t.Fatal(err)
				}
			}
			// The commune's three, one secret, then 120 of the province.
			issue(scopedUnit, "", 1)
			issue(scopedUnit, "MẬT", 2)
			issue(scopedUnit, "", 3)
			for i := range 120 {
				issue(seedIssuer, "", i)
			}
			s := signIn(t, a, "vanthu.xa", apptest.Password)
			list := func(query string) ([]register.Document, apptest.Response) {
				res := apptest.Do(t, a.Anonymous, a.URL, "GET", "/api/documents"+query, nil, "Cookie", s.cookie)
				var docs []register.Document
				if res.Status == http.StatusOK {
					res.JSON(t, &docs)
				}
				return docs, res
			}
			if _, res := list(""); res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), `"issuer"`) {
				t.Errorf("the list without issuer: %d %s, want 422 naming issuer", res.Status, apptest.Excerpt(res.Body))
			}
			docs, res := list("?issuer=" + scopedUnit + "&limit=2")
			if res.Status != http.StatusOK || len(docs) != 2 || docs[0].Subject != "V/v việc 3" || docs[1].Subject != "V/v việc 1" {
				t.Errorf("the first page of 2: %d %+v", res.Status, docs)
			}
			if docs, _ := list("?issuer=" + scopedUnit + "&limit=2&offset=2"); len(docs) != 0 {
				t.Errorf("the second page holds %d documents, want none (the secret one is not the văn thư's)", len(docs))
			}
			if _, res := list("?issuer=" + seedIssuer); res.Status != http.StatusForbidden {
				t.Errorf("another unit's list: %d, want 403", res.Status)
			}
			// The admin reads every unit: one page of the newest 100 of all.
			var all []register.Document
			a.Do(t, "GET", "/api/documents", nil).JSON(t, &all)
			if len(all) != 100 {
				t.Errorf("the admin's first page holds %d documents, want 100", len(all))
			}
			var own []register.Document
			a.Do(t, "GET", "/api/documents?issuer="+scopedUnit, nil).JSON(t, &own)
			if len(own) != 3 {
				t.Errorf("the admin sees %d of the commune's documents, want 3 with the secret one", len(own))
			}
		})
	}
}
