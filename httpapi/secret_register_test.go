package httpapi_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"vanthu/internal/apptest"
	"vanthu/register"
)

// TestSecretRegister: a secret document is numbered in its issuer's secret series and
// entered in the secret register only (Decree 30, art. 15.2), through the real router on
// each database. The ordinary series and register go on as if it did not exist; the urgency
// shows in both registers; a bad mark is refused naming the field; the secret register
// needs register.secret.read, which the văn thư does not hold.
func TestSecretRegister(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			t.Parallel()
			a := apptest.Start(t, data, b.DSN(t))
			issue := func(i int, change func(d map[string]any)) register.Document {
				t.Helper()
				body := edit(t, issueBody(t, i), func(m map[string]any) { change(submissionData(m)) })
				res := a.Do(t, "POST", "/api/documents", strings.NewReader(body), "Content-Type", "application/json")
				if res.Status != http.StatusCreated {
					t.Fatalf("issue %d: %d %s", i, res.Status, apptest.Excerpt(res.Body))
				}
				var d register.Document
				res.JSON(t, &d)
				return d
			}
			plain := func(map[string]any) {}

			first := issue(1, plain)
			secret := issue(2, func(d map[string]any) { d["do_mat"], d["do_khan"] = "MẬT", "THƯỢNG KHẨN" })
			second := issue(3, func(d map[string]any) { d["do_khan"] = "HỎA TỐC" })
			if first.Number != 1 || secret.Number != 1 || second.Number != 2 {
				t.Fatalf("numbers: ordinary %d, secret %d, next ordinary %d; want 1, 1, 2", first.Number, secret.Number, second.Number)
			}
			if secret.Secrecy != "MẬT" || secret.Urgency != "THƯỢNG KHẨN" {
				t.Errorf("secret document marks: %q %q", secret.Secrecy, secret.Urgency)
			}
			// A draft made secret then issued takes the next number of the secret series.
			draftBody := edit(t, issueBody(t, 4), func(m map[string]any) {
				delete(m, "issue")
				submissionData(m)["do_mat"] = "TỐI MẬT"
			})
			vars := createDocument(t, a, draftBody, false)
			res := a.Do(t, "POST", "/api/documents/"+vars["id"]+"/issue", nil)
			var secret2 register.Document
			if res.JSON(t, &secret2); res.Status != http.StatusOK || secret2.Number != 2 || secret2.Secrecy != "TỐI MẬT" {
				t.Fatalf("issue the secret draft: %d %s", res.Status, apptest.Excerpt(res.Body))
			}

			query := "?issuer=" + seedIssuer + "&year=2026"
			var ordinary, secrets []register.Entry
			a.Do(t, "GET", "/api/register"+query, nil).JSON(t, &ordinary)
			if got := symbolsOf(ordinary); !slices.Equal(got, []string{"01/UBND-NC", "02/UBND-NC"}) {
				t.Errorf("ordinary register: %v", got)
			}
			if ordinary[1].Urgency != "HỎA TỐC" || ordinary[0].Urgency != "" || ordinary[0].Secrecy != "" {
				t.Errorf("ordinary register marks: %+v", ordinary)
			}
			ordinaryJSON := string(a.Do(t, "GET", "/api/register"+query, nil).Body)
			if !strings.Contains(ordinaryJSON, `"do_khan":"HỎA TỐC"`) || strings.Contains(ordinaryJSON, "đôn đốc lần thứ 2") ||
				strings.Contains(ordinaryJSON, `"do_mat"`) {
				t.Errorf("ordinary register JSON: %s", apptest.Excerpt([]byte(ordinaryJSON)))
			}
			a.Do(t, "GET", "/api/register/secret"+query, nil).JSON(t, &secrets)
			if got := symbolsOf(secrets); !slices.Equal(got, []string{"01/UBND-NC", "02/UBND-NC"}) {
				t.Fatalf("secret register: %v", got)
			}
			if secrets[0].DocumentID != secret.ID || secrets[0].Secrecy != "MẬT" || secrets[0].Urgency != "THƯỢNG KHẨN" ||
				!strings.Contains(secrets[0].TitleSubject, "đôn đốc lần thứ 2") || secrets[1].Secrecy != "TỐI MẬT" {
				t.Errorf("secret register lines: %+v", secrets)
			}

			t.Run("ordinary exports leave the secret lines out", func(t *testing.T) {
				csvRes := a.Do(t, "GET", "/api/register.csv"+query, nil)
				recs := readCSV(t, "register CSV", csvRes.Body)
				if len(recs) != 3 || recs[0][10] != "Độ khẩn" || len(recs[0]) != 11 {
					t.Fatalf("register CSV: %q", recs)
				}
				if recs[2][0] != "02/UBND-NC" || recs[2][10] != "HỎA TỐC" {
					t.Errorf("line of the urgent dispatch: %q", recs[2])
				}
				xlsx := a.Do(t, "GET", "/api/register.xlsx"+query, nil)
				if xlsx.Status != http.StatusOK {
					t.Fatalf("register XLSX: %d %s", xlsx.Status, apptest.Excerpt(xlsx.Body))
				}
				texts := map[string]string{"CSV": string(csvRes.Body)}
				for name, part := range unzip(t, xlsx.Body) {
					texts["XLSX "+name] = string(part)
				}
				if !strings.Contains(texts["XLSX xl/sharedStrings.xml"]+texts["XLSX xl/worksheets/sheet1.xml"], "HỎA TỐC") {
					t.Error("the XLSX register does not show the urgency")
				}
				for what, text := range texts {
					if strings.Contains(text, "lần thứ 2") || strings.Contains(text, "THƯỢNG KHẨN") {
						t.Errorf("ordinary export %s shows the secret document", what)
					}
				}
			})
			t.Run("secret exports", func(t *testing.T) {
				res := a.Do(t, "GET", "/api/register/secret.csv"+query, nil)
				recs := readCSV(t, "secret register CSV", res.Body)
				if len(recs) != 3 || !slices.Equal(recs[0][10:], []string{"Độ khẩn", "Độ mật"}) {
					t.Fatalf("secret register CSV: %q", recs)
				}
				if !slices.Equal(recs[1][10:], []string{"THƯỢNG KHẨN", "MẬT"}) || recs[2][11] != "TỐI MẬT" {
					t.Errorf("secret register CSV lines: %q", recs[1:])
				}
				if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "so-van-ban-mat.csv") {
					t.Errorf("Content-Disposition %q", cd)
				}
				xlsx := a.Do(t, "GET", "/api/register/secret.xlsx"+query, nil)
				if xlsx.Status != http.StatusOK || !strings.HasPrefix(string(xlsx.Body), "PK") {
					t.Errorf("secret register XLSX: %d %s", xlsx.Status, apptest.Excerpt(xlsx.Body))
				}
			})
			t.Run("a bad mark is refused naming the field", func(t *testing.T) {
				body := edit(t, issueBody(t, 5), func(m map[string]any) { submissionData(m)["do_mat"] = "BÍ MẬT" })
				res := a.Do(t, "POST", "/api/documents", strings.NewReader(body), "Content-Type", "application/json")
				code, _, fields := errorOf(t, res)
				if res.Status != http.StatusUnprocessableEntity || code != "invalid" ||
					!strings.Contains(fields["data.do_mat"], "Độ mật phải là một trong các giá trị: MẬT, TỐI MẬT, TUYỆT MẬT") {
					t.Errorf("bad secrecy: %d %s %v", res.Status, code, fields)
				}
				body = edit(t, issueBody(t, 6), func(m map[string]any) { submissionData(m)["do_khan"] = "gấp" })
				res = a.Do(t, "POST", "/api/documents", strings.NewReader(body), "Content-Type", "application/json")
				if _, _, fields := errorOf(t, res); res.Status != http.StatusUnprocessableEntity || !strings.Contains(fields["data.do_khan"], "Mức độ khẩn") {
					t.Errorf("bad urgency: %d %v", res.Status, fields)
				}
				// Nothing was numbered: the next ordinary document is 3.
				if d := issue(7, plain); d.Number != 3 {
					t.Errorf("after the refusals the next ordinary number is %d, want 3", d.Number)
				}
			})
			t.Run("the secret register needs its own permission", func(t *testing.T) {
				clerk := "Bearer " + a.User(t, "vanthu.tinh", "secretariat", seedIssuer)
				if res := a.Do(t, "GET", "/api/register"+query, nil, "Authorization", clerk); res.Status != http.StatusOK {
					t.Fatalf("clerk reads the register: %d %s", res.Status, apptest.Excerpt(res.Body))
				}
				for _, p := range []string{"/api/register/secret", "/api/register/secret.csv", "/api/register/secret.xlsx"} {
					res := a.Do(t, "GET", p+query, nil, "Authorization", clerk)
					if res.Status != http.StatusForbidden || !strings.Contains(string(res.Body), "xem sổ đăng ký văn bản mật") ||
						strings.Contains(string(res.Body), "lần thứ 2") {
						t.Errorf("clerk GET %s: %d %s", p, res.Status, apptest.Excerpt(res.Body))
					}
				}
				// Nor the secret documents themselves: not listed, not found, no file; nor may
				// the clerk draft one.
				id := strconv.FormatInt(secret.ID, 10)
				for _, p := range []string{"/api/documents/" + id, "/api/documents/" + id + "/docx"} {
					if res := a.Do(t, "GET", p, nil, "Authorization", clerk); res.Status != http.StatusNotFound {
						t.Errorf("clerk GET %s: %d, want 404: %s", p, res.Status, apptest.Excerpt(res.Body))
					}
				}
				res := a.Do(t, "GET", "/api/documents?issuer="+seedIssuer, nil, "Authorization", clerk)
				if res.Status != http.StatusOK || strings.Contains(string(res.Body), `"secrecy":"MẬT"`) || !strings.Contains(string(res.Body), `"id":`+strconv.FormatInt(first.ID, 10)+`,`) {
					t.Errorf("clerk's document list: %d %s", res.Status, apptest.Excerpt(res.Body))
				}
				body := edit(t, issueBody(t, 8), func(m map[string]any) { submissionData(m)["do_mat"] = "MẬT" })
				if res := a.Do(t, "POST", "/api/documents", strings.NewReader(body), "Authorization", clerk, "Content-Type", "application/json"); res.Status != http.StatusForbidden {
					t.Errorf("clerk issues a secret document: %d, want 403: %s", res.Status, apptest.Excerpt(res.Body))
				}
			})
		})
	}
}

func symbolsOf(entries []register.Entry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.NumberSymbol)
	}
	return out
}
