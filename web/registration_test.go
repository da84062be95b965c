package web_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"vanthu/inspection"
	"vanthu/internal/apptest"
)

// TestRegistrationTooLarge posts the registration form with a file over the body limit:
// the registration page again, with the message at the file field and 413, and nothing
// recorded; the API keeps its JSON 413.
func TestRegistrationTooLarge(t *testing.T) {
	for _, be := range apptest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			be.SkipIfUnavailable(t)
			a := startApp(t, be.DSN(t))
			round := newRound(t, a, a.Now().Year(), communeObject)
			in, err := a.Accounts.SignIn(context.Background(), "donvi", apptest.Password)
			if err != nil {
				t.Fatal(err)
			}
			form := func(csrf string, size int) (*bytes.Buffer, string) {
				var buf bytes.Buffer
				w := multipart.NewWriter(&buf)
				w.WriteField("csrf_token", csrf)
				w.WriteField("note", "Xã đăng ký phấn đấu")
				w.WriteField("doc_kind", inspection.DocRegistration)
				fw, _ := w.CreateFormFile("file", "ban-dang-ky.pdf")
				fw.Write(append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0"), size)...))
				w.Close()
				return &buf, w.FormDataContentType()
			}
			page := fmt.Sprintf("/kiem-tra/%d/xa-dong-tien/dang-ky", round.ID)
			for _, tc := range []struct{ name, csrf string }{{"with its token", in.CSRF}, {"without a token", ""}} {
				body, ct := form(tc.csrf, apptest.MaxUpload+1)
				res := apptest.Do(t, a.Anonymous, a.URL, "POST", page, body, "Cookie", "vanthu_session="+in.Cookie, "Content-Type", ct)
				html := string(res.Body)
				if res.Status != http.StatusRequestEntityTooLarge || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
					t.Fatalf("%s: %d %s, want the page with 413: %s", tc.name, res.Status, res.Header.Get("Content-Type"), apptest.Excerpt(res.Body))
				}
				if !strings.Contains(html, `id="file-err"`) || !strings.Contains(html, "Tệp quá lớn") || !strings.Contains(html, `aria-invalid="true"`) {
					t.Errorf("%s: the message is not at the file field:\n%s", tc.name, html)
				}
				if !strings.Contains(html, `name="csrf_token" value="`+in.CSRF+`"`) {
					t.Errorf("%s: the form shown again cannot be sent: no CSRF token", tc.name)
				}
			}
			o, err := a.Inspection.Objects(asSystem(), round.ID)
			if err != nil || len(o) != 1 || o[0].Registered() || o[0].RegistrationNote != "" {
				t.Errorf("a refused form was recorded: %+v, %v", o, err)
			}
			if files, err := a.Inspection.Attachments(asSystem(), round.ID, "xa-dong-tien"); err != nil || len(files) != 0 {
				t.Errorf("a refused file was stored: %+v, %v", files, err)
			}

			// Under the limit the same form is recorded.
			body, ct := form(in.CSRF, 1000)
			if res := apptest.Do(t, a.Anonymous, a.URL, "POST", page, body, "Cookie", "vanthu_session="+in.Cookie, "Content-Type", ct); res.Status != http.StatusOK {
				t.Errorf("a form under the limit: %d %s", res.Status, apptest.Excerpt(res.Body))
			}

			// The API's registration keeps its JSON answer.
			body, ct = form("", apptest.MaxUpload+1)
			res := a.Do(t, "POST", fmt.Sprintf("/api/inspection/rounds/%d/objects/xa-dong-tien/registration", round.ID), body, "Content-Type", ct)
			if res.Status != http.StatusRequestEntityTooLarge || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
				t.Errorf("the API: %d %s", res.Status, res.Header.Get("Content-Type"))
			}
		})
	}
}
