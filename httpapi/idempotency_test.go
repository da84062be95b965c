package httpapi_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"vanthu/access"
	"vanthu/accounts"
	"vanthu/internal/apptest"
	"vanthu/register"
)

// TestIdempotencyKey checks retry safety through the router on both databases: the same
// key and request give the first answer again without the work done twice, another
// request with the key is a 422, concurrent retries do the work once, and a request that
// failed on the server's side (503, storage full) keeps nothing, so its retry does it.
func TestIdempotencyKey(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			dsn := b.DSN(t)
			a := apptest.Start(t, data, dsn)
			post := func(path, body, key string) apptest.Response {
				h := []string{"Content-Type", "application/json"}
				if key != "" {
					h = append(h, "Idempotency-Key", key)
				}
				return a.Do(t, "POST", path, strings.NewReader(body), h...)
			}
			count := func(path string) int {
				var list []map[string]any
				a.Do(t, "GET", path, nil).JSON(t, &list)
				return len(list)
			}
			same := func(what string, first, again apptest.Response, status int) {
				t.Helper()
				if first.Status != status || again.Status != status || !bytes.Equal(first.Body, again.Body) {
					t.Fatalf("%s: %d then %d, want %d twice with the same body:\n%s\n%s", what, first.Status, again.Status, status,
						apptest.Excerpt(first.Body), apptest.Excerpt(again.Body))
				}
				if again.Header.Get("Idempotent-Replayed") != "true" || first.Header.Get("Idempotent-Replayed") != "" {
					t.Errorf("%s: Idempotent-Replayed %q then %q, want only the retry marked", what,
						first.Header.Get("Idempotent-Replayed"), again.Header.Get("Idempotent-Replayed"))
				}
				if first.Header.Get("Location") != again.Header.Get("Location") || first.Header.Get("Content-Type") != again.Header.Get("Content-Type") {
					t.Errorf("%s: headers differ: %v / %v", what, first.Header, again.Header)
				}
			}

			// Create and issue, retried: one document, one register line.
			issue := issueBody(t, 1)
			first := post("/api/documents", issue, "phat-hanh-1")
			same("create and issue", first, post("/api/documents", issue, "phat-hanh-1"), http.StatusCreated)
			if n := count("/api/documents"); n != 1 {
				t.Fatalf("%d documents after a retried issue, want 1", n)
			}
			if n := count("/api/register?issuer=" + seedIssuer); n != 1 {
				t.Fatalf("%d register lines after a retried issue, want 1", n)
			}
			// Without the key the request is a new one.
			if res := post("/api/documents", issue, ""); res.Status != http.StatusCreated {
				t.Fatalf("without a key: %d", res.Status)
			}

			// The same key with another body, or on another route: 422, nothing done.
			res := post("/api/documents", issueBody(t, 2), "phat-hanh-1")
			if res.Status != http.StatusUnprocessableEntity {
				t.Fatalf("same key, another body: %d %s, want 422", res.Status, apptest.Excerpt(res.Body))
			}
			assertJSON(t, res.Body, map[string]any{"/code": "invalid", "/message": has("Idempotency-Key"), "/fields/Idempotency-Key": present{}})
			if n := count("/api/documents"); n != 2 {
				t.Fatalf("%d documents, want 2", n)
			}

			// A draft issued with a key, retried: the same answer, not 409.
			draftBody := edit(t, issue, func(m map[string]any) { m["issue"] = false })
			vars := createDocument(t, a, draftBody, false)
			path := "/api/documents/" + vars["id"] + "/issue"
			first = post(path, "", "ban-hanh-du-thao")
			same("issue a draft", first, post(path, "", "ban-hanh-du-thao"), http.StatusOK)
			var d register.Document
			first.JSON(t, &d)
			if d.Status != register.Issued || d.Number != 3 {
				t.Errorf("issued draft = %s number %d, want issued number 3", d.Status, d.Number)
			}
			if res := post(path, "", ""); res.Status != http.StatusConflict {
				t.Errorf("issue again without the key: %d, want 409", res.Status)
			}
			other := createDocument(t, a, draftBody, false)
			if res := post("/api/documents/"+other["id"]+"/issue", "", "ban-hanh-du-thao"); res.Status != http.StatusUnprocessableEntity {
				t.Errorf("the key on another document's issue: %d, want 422", res.Status)
			}

			// A correction, retried: one correcting draft.
			correction := edit(t, draftBody, func(m map[string]any) { delete(m, "issue") })
			cpath := "/api/documents/" + vars["id"] + "/corrections"
			same("correction", post(cpath, correction, "dinh-chinh-1"), post(cpath, correction, "dinh-chinh-1"), http.StatusCreated)
			if n := count("/api/documents"); n != 5 {
				t.Errorf("%d documents after a retried correction, want 5", n)
			}

			// A key that is not printable ASCII or too long: 400.
			for _, key := range []string{"khóa", strings.Repeat("k", 256)} {
				if res := post("/api/documents", issue, key); res.Status != http.StatusBadRequest {
					t.Errorf("key %.20q: %d, want 400", key, res.Status)
				}
			}

			// Concurrent requests with one key: the work is done once; the others get the
			// first answer or are told it is still in progress (409).
			concurrent := issueBody(t, 9)
			const n = 8
			var wg sync.WaitGroup
			answers := make([]apptest.Response, n)
			for i := range n {
				wg.Go(func() {
					r, err := apptest.Send(a.Client, a.URL, "POST", "/api/documents", strings.NewReader(concurrent),
						"Content-Type", "application/json", "Idempotency-Key", "dong-thoi")
					if err != nil {
						t.Error(err)
					}
					answers[i] = r
				})
			}
			wg.Wait()
			var created []apptest.Response
			for _, r := range answers {
				switch r.Status {
				case http.StatusCreated:
					created = append(created, r)
				case http.StatusConflict:
					assertJSON(t, r.Body, map[string]any{"/message": has("đang được xử lý")})
				default:
					t.Errorf("concurrent request with one key: %d %s", r.Status, apptest.Excerpt(r.Body))
				}
			}
			fresh := 0
			for _, r := range created {
				if r.Header.Get("Idempotent-Replayed") == "" {
					fresh++
				}
			}
			t.Logf("%d concurrent requests with one key: %d answered 201 (%d of them new), the others 409", n, len(created), fresh)
			if fresh != 1 {
				t.Errorf("%d concurrent requests with one key: %d new answers, want exactly 1 (the others replayed or 409)", n, fresh)
			}
			if len(created) == 0 {
				t.Fatal("no concurrent request got 201")
			}
			for _, r := range created[1:] {
				if !bytes.Equal(r.Body, created[0].Body) {
					t.Errorf("two different 201 answers for one key:\n%s\n%s", apptest.Excerpt(created[0].Body), apptest.Excerpt(r.Body))
				}
			}
			if n := count("/api/documents"); n != 6 {
				t.Errorf("%d documents after %d concurrent requests with one key, want 6", n, len(answers))
			}
			if res := post("/api/documents", concurrent, "dong-thoi"); res.Status != http.StatusCreated || !bytes.Equal(res.Body, created[0].Body) {
				t.Errorf("retry after the concurrent ones: %d, want the first answer", res.Status)
			}

			// A request that failed on the server's side keeps nothing: its retry does it.
			full := a
			switch b.Name {
			case "sqlite":
				full = apptest.Attach(t, data, dsn+"?_pragma=max_page_count(1)")
			case "postgres":
				fillPostgres(t, dsn)
			}
			big := edit(t, issueBody(t, 10), func(m map[string]any) {
				submissionData(m)["noi_dung"] = strings.Repeat("Đề nghị các đơn vị báo cáo kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc. ", 120)
			})
			if res := full.Do(t, "POST", "/api/documents", strings.NewReader(big), "Content-Type", "application/json", "Idempotency-Key", "sau-khi-day"); res.Status != http.StatusServiceUnavailable {
				t.Fatalf("on a full database: %d %s, want 503", res.Status, apptest.Excerpt(res.Body))
			}
			if b.Name == "postgres" {
				emptyPostgres(t, dsn)
			}
			if res := post("/api/documents", big, "sau-khi-day"); res.Status != http.StatusCreated || res.Header.Get("Idempotent-Replayed") != "" {
				t.Errorf("retry once there is room: %d %s, want a new 201", res.Status, apptest.Excerpt(res.Body))
			}
		})
	}
}

// TestIdempotencyKeyPerActor checks that a key belongs to the user who sent it: another
// user with the same key and the same request gets a new answer of their own, never the
// first user's kept one, while the same user retrying through another of their tokens
// gets their own first answer again.
func TestIdempotencyKeyPerActor(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			t.Parallel()
			a := apptest.Start(t, data, b.DSN(t))
			other := a.User(t, "quan.tri.hai", "admin", access.Everywhere)
			ctx := access.WithActor(context.Background(), access.System("test"))
			again, err := a.Accounts.TokenFor(ctx, "admin", accounts.NewToken{Name: "lần thứ hai"})
			if err != nil {
				t.Fatal(err)
			}
			body := issueBody(t, 1)
			post := func(token string) (apptest.Response, register.Document) {
				t.Helper()
				res := apptest.Do(t, a.Anonymous, a.URL, "POST", "/api/documents", strings.NewReader(body),
					"Content-Type", "application/json", "Idempotency-Key", "cung-mot-khoa", "Authorization", "Bearer "+token)
				if res.Status != http.StatusCreated {
					t.Fatalf("POST /api/documents: %d %s", res.Status, apptest.Excerpt(res.Body))
				}
				var d register.Document
				res.JSON(t, &d)
				return res, d
			}
			replayed := func(r apptest.Response) bool { return r.Header.Get("Idempotent-Replayed") == "true" }

			firstRes, first := post(a.AdminToken)
			otherRes, second := post(other)
			if replayed(firstRes) || replayed(otherRes) || second.ID == first.ID || second.Number == first.Number {
				t.Fatalf("two users, one key: documents %d (number %d, replayed %v) and %d (number %d, replayed %v), want two new ones",
					first.ID, first.Number, replayed(firstRes), second.ID, second.Number, replayed(otherRes))
			}
			if res, d := post(again.Secret); !replayed(res) || d.ID != first.ID || !bytes.Equal(res.Body, firstRes.Body) {
				t.Errorf("the first user through another token: document %d (replayed %v), want the kept answer of document %d", d.ID, replayed(res), first.ID)
			}
			if res, d := post(other); !replayed(res) || d.ID != second.ID || !bytes.Equal(res.Body, otherRes.Body) {
				t.Errorf("the second user again: document %d (replayed %v), want their own kept answer of document %d", d.ID, replayed(res), second.ID)
			}
			var list []map[string]any
			a.Do(t, "GET", "/api/documents", nil).JSON(t, &list)
			if len(list) != 2 {
				t.Errorf("%d documents, want 2: one per user", len(list))
			}
		})
	}
}
