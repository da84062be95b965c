package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/inspection"
	"vanthu/internal/apptest"
	"vanthu/storage/storagetest"
)

// checkCertificateBatch reads a multi-page .docx of certificates: n sections, one per
// certificate, each naming its residential area ("Thôn 1" … in order) and, when numbers is
// given, carrying the number it was issued with.
func checkCertificateBatch(t *testing.T, res apptest.Response, n int, numbers []string) {
	t.Helper()
	if ct := res.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
		t.Errorf("content type %q", ct)
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="giay-cong-nhan-antt-`) || !strings.Contains(cd, `.docx"`) {
		t.Errorf("content disposition %q", cd)
	}
	docx := apptest.OpenDocx(t, res.Body)
	if got := strings.Count(docx.Document(), "<w:sectPr"); got != n {
		t.Errorf("%d sections, want one per certificate: %d", got, n)
	}
	text := docx.Text()
	if got := strings.Count(text, "GIẤY CÔNG NHẬN"); got != n {
		t.Errorf("%d titles GIẤY CÔNG NHẬN, want %d", got, n)
	}
	// Each certificate's page group in order: split the text at the titles.
	pages := strings.Split(text, "GIẤY CÔNG NHẬN")[1:]
	for i, page := range pages {
		if !regexp.MustCompile(`\bThôn ` + strconv.Itoa(i+1) + `\b`).MatchString(page) {
			t.Errorf("certificate %d does not name Thôn %d:\n%s", i+1, i+1, page)
		}
	}
	for i, num := range numbers {
		if !strings.Contains(text, "Số sổ: "+num) {
			t.Errorf("certificate %d: number %q not in the batch:\n%s", i+1, num, text)
		}
	}
}

// batchInLibreOffice opens a batch of n certificates in LibreOffice and expects n pages, one
// per certificate. Skipped, saying so, without soffice and pdfinfo, and with -short.
// VANTHU_KEEP_PDF=DIR keeps the .docx and the PDF.
func batchInLibreOffice(t *testing.T, docx []byte, n int) {
	t.Helper()
	for _, tool := range []string{"soffice", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Logf("%s not installed: LibreOffice render of the certificate batch skipped", tool)
			return
		}
	}
	if testing.Short() {
		t.Log("-short: LibreOffice render of the certificate batch skipped")
		return
	}
	dir := t.TempDir()
	if keep := os.Getenv("VANTHU_KEEP_PDF"); keep != "" {
		dir = keep
	}
	in := filepath.Join(dir, "giay-cong-nhan-batch.docx")
	if err := os.WriteFile(in, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(t.TempDir(), "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, in).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	info, err := exec.Command("pdfinfo", filepath.Join(dir, "giay-cong-nhan-batch.pdf")).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v (LibreOffice did not convert the batch)", err)
	}
	if m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info); m == nil || string(m[1]) != strconv.Itoa(n) {
		t.Errorf("LibreOffice lays the batch out on %s pages, want %d:\n%s", m, n, info)
	}
}

// expandIDs reads the X-Document-Ids header: runs "first-last" or lone ids, comma-separated.
func expandIDs(t *testing.T, header string) []string {
	t.Helper()
	var ids []string
	for run := range strings.SplitSeq(header, ",") {
		first, last, isRange := strings.Cut(run, "-")
		a, err := strconv.ParseInt(first, 10, 64)
		b := a
		if err == nil && isRange {
			b, err = strconv.ParseInt(last, 10, 64)
		}
		if err != nil || b < a {
			t.Fatalf("X-Document-Ids %q: bad run %q", header, run)
		}
		for id := a; id <= b; id++ {
			ids = append(ids, strconv.FormatInt(id, 10))
		}
	}
	return ids
}

// certificateData is what every certificate of the tests shares.
var certificateData = map[string]any{
	"nguoi_tang": "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN", "quyet_dinh": "Quyết định số 215/QĐ-UBND ngày 25/11/2025",
	"ngay_ban_hanh": "2025-11-25", "chuc_vu_nguoi_ky": "CHỦ TỊCH", "ho_ten_nguoi_ky": "Trần Quốc Hùng"}

// Issued as one .docx: every certificate is numbered in the register first, and each page
// of the file carries the number its certificate was given; a refused batch takes no number.
func TestCertificatesBatchIssuedAPI(t *testing.T) {
	data := apptest.LoadData(t)
	for _, backend := range apptest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			backend.SkipIfUnavailable(t)
			a := apptest.StartAt(t, data, backend.DSN(t), time.Date(2025, time.November, 25, 10, 0, 0, 0, apptest.Now.Location()))
			var round inspection.Round
			expect(t, "round", a.Do(t, "POST", "/api/inspection/rounds", strings.NewReader(`{"year": 2025, "authority_id": "ubnd-xa-dong-tien"}`)), 201).JSON(t, &round)
			base := fmt.Sprintf("/api/inspection/rounds/%d", round.ID)
			var objects []inspection.Object
			for i := 1; i <= 4; i++ {
				objects = append(objects, inspection.Object{ID: fmt.Sprintf("thon-%02d", i), Kind: inspection.ResidentialArea, Name: fmt.Sprintf("Thôn %d", i)})
			}
			expect(t, "roster", a.Do(t, "PUT", base+"/objects", jsonBody(t, map[string]any{"objects": objects})), 200)
			for i, o := range objects {
				answers := allPassAnswers(a.Checklists.Get("khu-dan-cu"))
				if i == 3 {
					answers["4.4.b"] = inspection.Answer{Result: inspection.Fail}
				}
				expect(t, "assess "+o.ID, a.Do(t, "PUT", base+"/objects/"+o.ID+"/assessment", jsonBody(t, map[string]any{"version": 0, "answers": answers})), 200)
			}
			certificates := func(body map[string]any) apptest.Response {
				return a.Do(t, "POST", base+"/certificates", jsonBody(t, body))
			}
			registerLines := func() int {
				var entries []map[string]any
				expect(t, "register", a.Do(t, "GET", "/api/register?issuer=ubnd-xa-dong-tien&year=2025", nil), 200).JSON(t, &entries)
				return len(entries)
			}

			// Refusals name the field and issue nothing.
			res := expect(t, "unknown bundle", certificates(map[string]any{"issuer_id": "ubnd-xa-dong-tien", "bundle": "pdf", "data": certificateData}), 422)
			if _, _, fields := errorOf(t, res); !strings.Contains(fields["bundle"], `"docx"`) {
				t.Errorf("bundle refusal: %v", fields)
			}
			res = expect(t, "nothing recognised", certificates(map[string]any{"issuer_id": "ubnd-xa-dong-tien", "bundle": "docx", "issue": true,
				"kinds": []inspection.Kind{inspection.Agency}, "data": certificateData}), 422)
			if _, _, fields := errorOf(t, res); fields["kinds"] == "" {
				t.Errorf("empty batch refusal: %v", fields)
			}
			unsigned := map[string]any{}
			for k, v := range certificateData {
				unsigned[k] = v
			}
			delete(unsigned, "ho_ten_nguoi_ky")
			res = expect(t, "unsigned", certificates(map[string]any{"issuer_id": "ubnd-xa-dong-tien", "bundle": "docx", "issue": true, "data": unsigned}), 422)
			if _, _, fields := errorOf(t, res); fields["data.ho_ten_nguoi_ky"] == "" {
				t.Errorf("unsigned refusal: %v", fields)
			}
			if n := registerLines(); n != 0 {
				t.Fatalf("refused batches left %d register lines", n)
			}

			res = expect(t, "issued batch", certificates(map[string]any{"issuer_id": "ubnd-xa-dong-tien", "bundle": "docx", "issue": true, "data": certificateData}), 201)
			ids := expandIDs(t, res.Header.Get("X-Document-Ids"))
			if len(ids) != 3 {
				t.Fatalf("X-Document-Ids %q, want the three recognised areas'", res.Header.Get("X-Document-Ids"))
			}
			var numbers []string
			for i, id := range ids {
				var d struct {
					Status string         `json:"status"`
					Number int            `json:"number"`
					Symbol string         `json:"symbol"`
					Data   map[string]any `json:"data"`
				}
				expect(t, "certificate "+id, a.Do(t, "GET", "/api/documents/"+id, nil), 200).JSON(t, &d)
				if d.Status != "issued" || d.Number != i+1 || d.Data["nguoi_nhan"] != fmt.Sprintf("Thôn %d", i+1) {
					t.Errorf("certificate %s: %+v", id, d)
				}
				numbers = append(numbers, fmt.Sprintf("%02d/%s", d.Number, d.Symbol))
				// The stored file of each carries the same number as its page of the batch.
				file := apptest.OpenDocx(t, expect(t, "file "+id, a.Do(t, "GET", "/api/documents/"+id+"/docx", nil), 200).Body)
				if !strings.Contains(file.Text(), "Số sổ: "+numbers[i]) {
					t.Errorf("stored certificate %s lacks %q:\n%s", id, numbers[i], file.Text())
				}
			}
			checkCertificateBatch(t, res, 3, numbers)
			// Each issued certificate is linked to the area it names, and to no other.
			sys := access.WithActor(context.Background(), access.System("certificates test"))
			for i, id := range ids {
				doc, _ := strconv.ParseInt(id, 10, 64)
				if _, err := a.Inspection.CertificateFile(sys, round.ID, objects[i].ID, doc); err != nil {
					t.Errorf("certificate %s is not linked to %s: %v", id, objects[i].ID, err)
				}
				if _, err := a.Inspection.CertificateFile(sys, round.ID, objects[(i+1)%3].ID, doc); apperr.CodeOf(err) != apperr.NotFound {
					t.Errorf("certificate %s under %s: %v, want NotFound", id, objects[(i+1)%3].ID, err)
				}
			}
			if backend.Name == "sqlite" {
				batchInLibreOffice(t, res.Body, 3)
			}
			if n := registerLines(); n != 3 {
				t.Errorf("%d register lines, want 3", n)
			}
		})
	}
}

// BenchmarkCertificatesDocx renders the certificates of 1,000 recognised residential areas
// in one request as one multi-page .docx (previews: numbers blank, nothing stored), the
// .docx counterpart of BenchmarkCertificatesZIP.
func BenchmarkCertificatesDocx(b *testing.B) {
	benchmarkCertificatesDocx(b, false)
}

// BenchmarkCertificatesDocxIssued is BenchmarkCertificatesDocx with every certificate
// numbered and registered (1,000 issues on SQLite) before the file is rendered.
func BenchmarkCertificatesDocxIssued(b *testing.B) {
	benchmarkCertificatesDocx(b, true)
}

func benchmarkCertificatesDocx(b *testing.B, issue bool) {
	// The day the certificates are dated: an issued one is dated the day it is numbered.
	a := apptest.StartAt(b, apptest.LoadData(b), storagetest.SQLiteDSN(b), time.Date(2025, time.November, 25, 10, 0, 0, 0, apptest.Now.Location()))
	ctx := context.Background()
	r, err := a.Inspection.CreateRound(ctx, inspection.RoundInput{Year: 2025, AuthorityID: "ubnd-xa-dong-tien"})
	if err != nil {
		b.Fatal(err)
	}
	objects := make([]inspection.Object, 1000)
	for i := range objects {
		objects[i] = inspection.Object{ID: fmt.Sprintf("kdc-%04d", i), Kind: inspection.ResidentialArea, Name: fmt.Sprintf("Tổ dân phố số %d", i+1)}
	}
	if err := a.Inspection.PutObjects(ctx, r.ID, objects); err != nil {
		b.Fatal(err)
	}
	answers := allPassAnswers(a.Checklists.Get("khu-dan-cu"))
	for _, o := range objects {
		if _, err := a.Inspection.SaveAssessment(ctx, &inspection.Assessment{RoundID: r.ID, ObjectID: o.ID, Answers: answers}); err != nil {
			b.Fatal(err)
		}
	}
	body, err := json.Marshal(map[string]any{"issuer_id": "ubnd-xa-dong-tien", "bundle": "docx", "issue": issue, "data": certificateData})
	if err != nil {
		b.Fatal(err)
	}
	path := fmt.Sprintf("/api/inspection/rounds/%d/certificates", r.ID)
	var last []byte
	b.ResetTimer()
	for b.Loop() {
		res := a.Do(b, "POST", path, bytes.NewReader(body))
		if res.Status != 201 {
			b.Fatalf("%d %s", res.Status, apptest.Excerpt(res.Body))
		}
		b.SetBytes(int64(len(res.Body)))
		last = res.Body
	}
	b.StopTimer()
	if n := strings.Count(apptest.OpenDocx(b, last).Document(), "<w:sectPr"); n != len(objects) {
		b.Fatalf("%d certificates in the file, want %d", n, len(objects))
	}
}
