package secretariat_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/directory"
	"vanthu/internal/apptest"
	"vanthu/register"
	"vanthu/secretariat"
	"vanthu/storage/storagetest"
)

// issuer is the archived UBND tỉnh Thanh Hoá of the demo directory, which issued the seed
// dispatch 1028/UBND-NC in 2016; its documents take the symbol UBND-NC.
const issuer = "ubnd-tinh-thanh-hoa-2016"

// The recipients the rule cong-van-chi-dao-tinh gives the issuer, as the seed prints them.
var (
	wantKinhGui = []string{"Các sở, ban, ngành, đoàn thể cấp tỉnh", "UBND các huyện, thị xã, thành phố"}
	wantNoiNhan = []string{"Như trên", "BCĐ 138 Chính phủ", "Văn phòng Chính phủ", "TTr Tỉnh ủy, HĐND tỉnh",
		"Chủ tịch, các PCT UBND tỉnh", "Cục V11, V28, Bộ Công an"}
	wantArchive = "VT, NC (3)"
)

// congVan returns a short công văn of the issuer dated 01/02/2016, changed by the given
// functions; each call builds fresh maps, so a case may change its own copy.
func congVan(change ...func(*secretariat.Submission)) *secretariat.Submission {
	sub := &secretariat.Submission{Form: "cong-van", IssuerID: issuer, Data: map[string]any{
		"trich_yeu":        "tăng cường chỉ đạo thực hiện Đề án 375",
		"noi_dung":         "Chủ tịch UBND tỉnh yêu cầu các cơ quan, đơn vị tập trung chỉ đạo thực hiện./.",
		"don_vi_soan_thao": "NC",
		"so_ban_luu":       float64(3), // as JSON decodes a number
		"ngay_ban_hanh":    "2016-02-01",
		"chuc_vu_nguoi_ky": "CHỦ TỊCH",
		"ho_ten_nguoi_ky":  "Nguyễn Đình Xúng",
	}}
	for _, c := range change {
		c(sub)
	}
	return sub
}

// report is an achievement report: a form whose kind takes no number.
func report() *secretariat.Submission {
	return &secretariat.Submission{Form: "bao-cao-thanh-tich", IssuerID: issuer, Data: map[string]any{
		"trich_yeu":      "ĐỀ NGHỊ TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ",
		"ho_ten":         "Lê Văn Bình",
		"thanh_tich":     "Hoàn thành xuất sắc nhiệm vụ.",
		"de_nghi":        "Trên đây là báo cáo thành tích của ông Lê Văn Bình.",
		"ho_ten_bao_cao": "Lê Văn Bình",
	}}
}

// subject sets the trích yếu.
func subject(s string) func(*secretariat.Submission) {
	return func(sub *secretariat.Submission) { sub.Data["trich_yeu"] = s }
}

// undated removes the date of issue: the document is dated, and numbered in the series of,
// the day it is issued (apptest.Now, in 2026).
func undated(sub *secretariat.Submission) { delete(sub.Data, "ngay_ban_hanh") }

// env is one fresh service on a fresh database holding the demo directory.
type env struct {
	ctx  context.Context
	svc  *secretariat.Service
	data *apptest.Data
	dsn  string
	// ids names the documents setup made, for action and check.
	ids map[string]int64
}

// restart builds a second service on the same database, with rules instead of the loaded
// routing rules when not nil, as the server restarted with other data files would be.
func (e *env) restart(t *testing.T, rules map[string]directory.Rule) *secretariat.Service {
	t.Helper()
	return newService(t, e.data, e.dsn, rules)
}

// newService opens dsn and builds the service with the fixed clock apptest.Now, filling an
// empty database with the demo directory.
func newService(t *testing.T, data *apptest.Data, dsn string, rules map[string]directory.Rule) *secretariat.Service {
	t.Helper()
	if rules == nil {
		rules = data.Rules
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	svc, err := secretariat.New(ctx, secretariat.Config{DB: storagetest.MustOpen(t, dsn), Catalog: data.Catalog, Dating: data.Dating,
		Validator: data.Validator, Rules: rules, Renderer: data.Renderer,
		Now: func() time.Time { return apptest.Now }, Log: apptest.Logger(t)})
	if err != nil {
		t.Fatalf("secretariat.New: %v", err)
	}
	if _, err := svc.LoadDemo(ctx, data.Demo); err != nil {
		t.Fatalf("load demo directory: %v", err)
	}
	return svc
}

// backend is a database the service runs on in these tests.
type backend struct {
	name string
	// dsn returns the DSN of a fresh, empty database, removed when the test ends.
	dsn func(testing.TB) string
	// env names the variable the backend needs, "" when it needs none.
	env string
}

// backends are SQLite, always, and PostgreSQL when VANTHU_TEST_POSTGRES_DSN is set.
var backends = []backend{
	{name: "sqlite", dsn: storagetest.SQLiteDSN},
	{name: "postgres", dsn: storagetest.PostgresDSN, env: storagetest.PostgresEnv},
}

// forEachBackend runs test once per backend, skipping a backend that is not configured
// once, saying why, rather than subtest by subtest.
func forEachBackend(t *testing.T, test func(t *testing.T, b backend)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.env != "" && os.Getenv(b.env) == "" {
				t.Skip(b.env + " not set: PostgreSQL secretariat tests skipped")
			}
			t.Parallel()
			test(t, b)
		})
	}
}

// serviceCase is one call to the service against a fresh database and what must follow.
// A case that expects an error gets, for free, the check that nothing saved changed:
// documents, register lines, stored files and directory are compared before and after.
type serviceCase struct {
	name string
	// rules changes a copy of the loaded routing rules before the service is built.
	rules func(rules map[string]directory.Rule)
	// setup prepares the database through the service, naming documents in e.ids.
	setup func(t *testing.T, e *env)
	// action is the call under test.
	action func(t *testing.T, e *env) error
	// code is the apperr code action must return, "" for success.
	code apperr.Code
	// message is a substring of the error's message; fields maps a field to a substring of
	// its message ("" only asks that the field be named).
	message string
	fields  map[string]string
	// check makes further assertions after the action.
	check func(t *testing.T, e *env)
}

func TestService(t *testing.T) {
	data := apptest.LoadData(t)
	cases := serviceCases()
	forEachBackend(t, func(t *testing.T, b backend) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				c.run(t, data, b)
			})
		}
	})
}

func (c serviceCase) run(t *testing.T, data *apptest.Data, b backend) {
	ctx, cancel := context.WithTimeout(access.WithActor(context.Background(), access.System("secretariat test")), 60*time.Second)
	defer cancel()
	e := &env{ctx: ctx, data: data, dsn: b.dsn(t), ids: map[string]int64{}}
	var rules map[string]directory.Rule
	if c.rules != nil {
		rules = maps.Clone(data.Rules)
		c.rules(rules)
	}
	e.svc = newService(t, data, e.dsn, rules)
	if c.setup != nil {
		c.setup(t, e)
	}
	var before saved
	if c.code != "" {
		before = snapshot(t, e)
	}
	err := c.action(t, e)
	switch {
	case c.code == "" && err != nil:
		t.Fatalf("want success, got %v (fields %v)", err, apperr.As(err).Fields)
	case c.code != "":
		wantError(t, err, c.code, c.message, c.fields)
		before.compare(t, snapshot(t, e))
	}
	if c.check != nil {
		c.check(t, e)
	}
}

// wantError checks err's apperr code, message and field messages.
func wantError(t *testing.T, err error, code apperr.Code, message string, fields map[string]string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want a %s error, got success", code)
	}
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		t.Fatalf("want an *apperr.Error with code %s, got %T: %v", code, err, err)
	}
	if ae.Code != code {
		t.Fatalf("code %s, want %s (%v)", ae.Code, code, err)
	}
	if !strings.Contains(ae.Message, message) {
		t.Errorf("message %q does not hold %q", ae.Message, message)
	}
	for field, want := range fields {
		got, ok := ae.Fields[field]
		if !ok {
			t.Errorf("no message for field %s; fields: %v", field, ae.Fields)
			continue
		}
		if !strings.Contains(got, want) {
			t.Errorf("field %s: %q does not hold %q", field, got, want)
		}
	}
	for field, msg := range ae.Fields {
		if !strings.ContainsFunc(msg, func(r rune) bool { return r > 0x7f }) {
			t.Errorf("field %s: message %q is not Vietnamese", field, msg)
		}
	}
}

// saved is everything the service keeps, for comparing before and after a call.
type saved struct {
	Documents []register.Document
	Register  []register.Entry
	Files     map[int64]string // SHA-256 of each issued document's file, recomputed
	Units     string
	Groups    string
}

// compare reports each part of what was saved that differs in after.
func (s saved) compare(t *testing.T, after saved) {
	t.Helper()
	if !reflect.DeepEqual(s.Documents, after.Documents) {
		t.Errorf("a failed call changed the documents:\nbefore %s\nafter  %s", summary(s.Documents), summary(after.Documents))
	}
	if !reflect.DeepEqual(s.Register, after.Register) {
		t.Errorf("a failed call changed the register:\nbefore %+v\nafter  %+v", s.Register, after.Register)
	}
	if !reflect.DeepEqual(s.Files, after.Files) {
		t.Errorf("a failed call changed the stored files: before %v, after %v", s.Files, after.Files)
	}
	if s.Units != after.Units {
		t.Errorf("a failed call changed the units:\n%s", after.Units)
	}
	if s.Groups != after.Groups {
		t.Errorf("a failed call changed the groups:\n%s", after.Groups)
	}
}

// summary names documents by id, status, number and subject, for failure messages.
func summary(docs []register.Document) string {
	parts := make([]string, len(docs))
	for i, d := range docs {
		parts[i] = fmt.Sprintf("#%d %s %d/%d %q", d.ID, d.Status, d.Number, d.Year, d.Subject)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func snapshot(t *testing.T, e *env) saved {
	t.Helper()
	s := saved{Documents: listAll(t, e.ctx, e.svc.Documents), Register: listAll(t, e.ctx, e.svc.Register),
		Files: map[int64]string{}}
	for _, d := range s.Documents {
		if d.Status == register.Issued {
			docx, _ := download(t, e, d.ID)
			s.Files[d.ID] = sha256Hex(docx)
		}
	}
	var units, groups bytes.Buffer
	if _, err := e.svc.ExportUnits(e.ctx, &units); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.ExportGroups(e.ctx, &groups); err != nil {
		t.Fatal(err)
	}
	s.Units, s.Groups = units.String(), groups.String()
	return s
}

// listAll calls a list method of the service with its zero filter, which selects
// everything. Taking the filter's type from the method keeps these tests independent of
// the package that defines the filters.
func listAll[F, T any](t *testing.T, ctx context.Context, list func(context.Context, F) ([]T, error)) []T {
	t.Helper()
	var all F
	out, err := list(ctx, all)
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	return out
}

// draft stores sub as a draft and names it.
func draft(t *testing.T, e *env, name string, sub *secretariat.Submission) register.Document {
	t.Helper()
	d, err := e.svc.CreateDraft(e.ctx, sub, 0)
	if err != nil {
		t.Fatalf("setup: draft %s: %v", name, err)
	}
	if d.ID == 0 || d.Status != register.Draft || d.Number != 0 || d.SHA256 != "" {
		t.Fatalf("setup: draft %s stored as %+v", name, d)
	}
	e.ids[name] = d.ID
	return d
}

// issued creates and issues sub in one call and names it.
func issued(t *testing.T, e *env, name string, sub *secretariat.Submission) register.Document {
	t.Helper()
	d, err := e.svc.CreateAndIssue(e.ctx, sub)
	if err != nil {
		t.Fatalf("setup: issue %s: %v", name, err)
	}
	if d.Status != register.Issued || d.Number == 0 || d.SHA256 == "" {
		t.Fatalf("setup: %s issued as %+v", name, d)
	}
	e.ids[name] = d.ID
	return d
}

// download returns the stored file of an issued document, after checking that the SHA-256
// the service gives is the file's.
func download(t *testing.T, e *env, id int64) ([]byte, string) {
	t.Helper()
	docx, sha, err := e.svc.File(e.ctx, id)
	if err != nil {
		t.Fatalf("file of document %d: %v", id, err)
	}
	if got := sha256Hex(docx); got != sha {
		t.Fatalf("file of document %d: SHA-256 %s, the service says %s", id, got, sha)
	}
	return docx, sha
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// document reads a stored document.
func document(t *testing.T, e *env, id int64) register.Document {
	t.Helper()
	d, err := e.svc.Document(e.ctx, id)
	if err != nil {
		t.Fatalf("document %d: %v", id, err)
	}
	return d
}

// recipientsOf decodes a stored document's recipients.
func recipientsOf(t *testing.T, d register.Document) directory.Recipients {
	t.Helper()
	var r directory.Recipients
	if err := json.Unmarshal(d.Recipients, &r); err != nil {
		t.Fatalf("recipients of document %d: %v", d.ID, err)
	}
	return r
}

// docxText returns the paragraphs of a .docx, one a line, after checking it opens.
func docxText(t *testing.T, docx []byte) string {
	t.Helper()
	return apptest.OpenDocx(t, docx).Text()
}

// wantRecipients compares recipients with the wanted lines.
func wantRecipients(t *testing.T, got directory.Recipients, kinhGui, noiNhan []string, archive string) {
	t.Helper()
	if !slices.Equal(got.KinhGui, kinhGui) {
		t.Errorf("Kính gửi %q, want %q", got.KinhGui, kinhGui)
	}
	if !slices.Equal(got.NoiNhan, noiNhan) {
		t.Errorf("Nơi nhận %q, want %q", got.NoiNhan, noiNhan)
	}
	if got.Archive != archive {
		t.Errorf("Lưu %q, want %q", got.Archive, archive)
	}
}

// wantDocuments checks how many documents are stored.
func wantDocuments(t *testing.T, e *env, n int) {
	t.Helper()
	if docs := listAll(t, e.ctx, e.svc.Documents); len(docs) != n {
		t.Errorf("%d documents stored, want %d", len(docs), n)
	}
}

// exportUnits returns the units as CSV with old replaced by new once.
func exportUnits(t *testing.T, e *env, old, new string) string {
	t.Helper()
	var b bytes.Buffer
	if _, err := e.svc.ExportUnits(e.ctx, &b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), old) {
		t.Fatalf("the units CSV has no %q", old)
	}
	return strings.Replace(b.String(), old, new, 1)
}

// withoutLine returns csv without the line starting with prefix.
func withoutLine(t *testing.T, csv, prefix string) string {
	t.Helper()
	lines := strings.Split(csv, "\n")
	kept := slices.DeleteFunc(slices.Clone(lines), func(l string) bool { return strings.HasPrefix(l, prefix) })
	if len(kept) != len(lines)-1 {
		t.Fatalf("no single line starting with %q", prefix)
	}
	return strings.Join(kept, "\n")
}

// TestNewRefusesAMissingRoutingRule: a form naming a rule the data lacks stops the start,
// naming both, rather than failing on the first document of that form.
func TestNewRefusesAMissingRoutingRule(t *testing.T) {
	data := apptest.LoadData(t)
	rules := maps.Clone(data.Rules)
	delete(rules, "cong-van-chi-dao-tinh")
	_, err := secretariat.New(context.Background(), secretariat.Config{DB: storagetest.MustOpen(t, storagetest.SQLiteDSN(t)),
		Catalog: data.Catalog, Validator: data.Validator, Rules: rules, Renderer: data.Renderer, Log: apptest.Logger(t)})
	if err == nil || !strings.Contains(err.Error(), `"cong-van"`) || !strings.Contains(err.Error(), `"cong-van-chi-dao-tinh"`) {
		t.Fatalf("New with a missing routing rule: %v", err)
	}
}
