package apptest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/accounts"
	"vanthu/appdata"
	"vanthu/apperr"
	"vanthu/generator"
	"vanthu/httpapi"
	"vanthu/inspection"
	"vanthu/jobs/riverqueue"
	"vanthu/pdfconv"
	"vanthu/publish"
	"vanthu/records"
	"vanthu/secretariat"
	"vanthu/signing"
	"vanthu/storage"
	"vanthu/storage/storagetest"
	"vanthu/web"
)

// MaxBody is the request body limit of the test router: 1 MiB.
const MaxBody = 1 << 20

// MaxUpload is the body limit of file uploads in the test router: 2 MiB.
const MaxUpload = 2 << 20

// Now is the fixed moment every test app lives in: 5 March 2026, 10:00 in Vietnam. Issued
// documents are numbered in its year's series and registered on its date unless their form
// gives a date.
var Now = time.Date(2026, time.March, 5, 10, 0, 0, 0, time.FixedZone("ICT", 7*60*60))

// Data is what the application reads from its data files.
type Data = appdata.Data

// LoadData loads the embedded data files exactly as cmd/vanthu loads them without -data;
// any failure ends the test.
func LoadData(tb testing.TB) *Data {
	tb.Helper()
	d, err := appdata.Load("")
	if err != nil {
		tb.Fatalf("data files: %v", err)
	}
	return d
}

// App is one running application: its data, its database, its service and its HTTP
// server. Everything is closed when the test ends.
type App struct {
	*Data
	DB      *storage.DB
	Service *secretariat.Service
	// Inspection is the recognition cycle's service, on the same database and clock.
	Inspection *inspection.Service
	// Records is the service of committees, teams and commendation proposals.
	Records *records.Service
	// PDF makes the PDF routes' files; without Options.Converter it answers 503.
	PDF *publish.Service
	// Jobs is the job queue, with Options.Jobs.
	Jobs   *riverqueue.Service
	Server *httptest.Server
	// URL is the server's base URL, without a trailing slash.
	URL string
	// Client talks to Server; it has a timeout so a hung handler fails the test. It acts
	// as the admin (AdminToken) on every request that carries neither an Authorization
	// header nor a cookie, so scenarios written before sign-in existed run authenticated;
	// Anonymous talks to Server as nobody.
	Client    *http.Client
	Anonymous *http.Client
	// Accounts is the identity service behind the router.
	Accounts *accounts.Service
	// AdminToken is an API token of the user "admin", who holds the admin role over the
	// whole organisation.
	AdminToken string
	// start is the moment the app was started at (Now unless StartAt said otherwise), and
	// clock how far every service's clock has been moved past it (Advance, SetNow).
	start time.Time
	clock atomic.Int64
}

// Advance moves the clock of every service forward by d, so tests can see sessions and
// tokens expire.
func (a *App) Advance(d time.Duration) { a.clock.Add(int64(d)) }

// SetNow moves the clock of every service to t, so a test can issue a document on the day
// it is dated (an issued document is dated the day it is numbered).
func (a *App) SetNow(t time.Time) { a.clock.Store(int64(t.Sub(a.start))) }

// Now is the app's clock: the moment it was started at, moved by Advance and SetNow.
func (a *App) Now() time.Time { return a.start.Add(time.Duration(a.clock.Load())) }

// Password is the password of every user the test app creates.
const Password = "mật khẩu thử nghiệm"

// TestPasswordParams are cheap argon2id costs, so tests that create users stay fast; the
// real costs are measured by access.BenchmarkSignInHash.
var TestPasswordParams = access.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// asAdmin adds the admin's token to requests that carry no credentials.
type asAdmin struct {
	token string
	next  http.RoundTripper
}

func (t asAdmin) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Header.Get("Authorization") == "" && r.Header.Get("Cookie") == "" {
		r = r.Clone(r.Context())
		r.Header.Set("Authorization", "Bearer "+t.token)
	}
	return t.next.RoundTrip(r)
}

// User creates a user holding grants (role, unit pairs: "secretariat", "ubnd-xa-dong-tien")
// with the password Password, and returns an API token acting as them.
func (a *App) User(tb testing.TB, login string, grants ...string) string {
	tb.Helper()
	if len(grants)%2 != 0 {
		tb.Fatal("apptest: grants are role, unit pairs")
	}
	ctx := access.WithActor(context.Background(), access.System("apptest"))
	var roles []access.UserGrant
	for i := 0; i < len(grants); i += 2 {
		roles = append(roles, access.UserGrant{Role: grants[i], UnitID: grants[i+1]})
	}
	if _, err := a.Accounts.CreateUser(ctx, accounts.NewUser{Login: login, Name: login, Password: Password, Roles: roles}); err != nil {
		tb.Fatalf("create user %s: %v", login, err)
	}
	tok, err := a.Accounts.TokenFor(ctx, login, accounts.NewToken{Name: "apptest"})
	if err != nil {
		tb.Fatalf("token of %s: %v", login, err)
	}
	return tok.Secret
}

// attachAdmin returns a new API token of the user "admin" another app already created on
// the database, as a second server process's operator would run `vanthu token add`; on a
// database filled without one (by a process), it creates the admin.
func (a *App) attachAdmin(tb testing.TB) string {
	tb.Helper()
	ctx := access.WithActor(context.Background(), access.System("apptest"))
	tok, err := a.Accounts.TokenFor(ctx, "admin", accounts.NewToken{Name: "apptest attach"})
	switch {
	case apperr.CodeOf(err) == apperr.NotFound:
		return a.User(tb, "admin", "admin", access.Everywhere)
	case err != nil:
		tb.Fatalf("token of admin: %v", err)
	}
	return tok.Secret
}

// Backend is a database the application runs on in tests.
type Backend struct {
	Name string
	// DSN returns the DSN of a fresh, empty database, removed when the test ends; it skips
	// the test when the database is not available.
	DSN func(testing.TB) string
	// env names the variable the backend needs, "" when it needs none.
	env string
}

// SkipIfUnavailable skips the test, saying why, when the backend is not configured, so a
// table of subtests is skipped once rather than subtest by subtest.
func (b Backend) SkipIfUnavailable(tb testing.TB) {
	tb.Helper()
	if b.env != "" && os.Getenv(b.env) == "" {
		tb.Skip(b.env + " not set: PostgreSQL API tests skipped")
	}
}

// Backends returns SQLite, always available, and PostgreSQL, which skips its tests when
// VANTHU_TEST_POSTGRES_DSN is not set.
func Backends() []Backend {
	return []Backend{{Name: "sqlite", DSN: storagetest.SQLiteDSN}, {Name: "postgres", DSN: PostgresDSN, env: storagetest.PostgresEnv}}
}

// NewSQLite starts the application on a fresh SQLite file in the test's temporary folder.
func NewSQLite(tb testing.TB) *App {
	tb.Helper()
	return New(tb, storagetest.SQLiteDSN(tb))
}

// PostgresDSN returns the DSN of a fresh PostgreSQL schema, dropped when the test ends (see
// storagetest.PostgresDSN), or skips the test, saying why, when no server is configured.
func PostgresDSN(tb testing.TB) string {
	tb.Helper()
	if os.Getenv(storagetest.PostgresEnv) == "" {
		tb.Skip(storagetest.PostgresEnv + " not set: PostgreSQL API tests skipped")
	}
	return storagetest.PostgresDSN(tb)
}

// New opens dsn (migrating it), loads the demo directory into it, builds the service with
// the fixed clock Now and serves the real router with a 1 MiB body limit.
func New(tb testing.TB, dsn string) *App {
	tb.Helper()
	return Start(tb, LoadData(tb), dsn)
}

// Start is New with data already loaded: the data is read-only, so tests that start many
// apps load it once and share it.
func Start(tb testing.TB, data *Data, dsn string) *App {
	tb.Helper()
	return StartWith(tb, data, dsn, Options{})
}

// StartAt is Start with the clock fixed at now instead of Now: an example dated the day it
// was issued is issued on that day.
func StartAt(tb testing.TB, data *Data, dsn string, now time.Time) *App {
	tb.Helper()
	return StartWith(tb, data, dsn, Options{Now: now})
}

// Attach starts a second application on a database another App (or process) has already
// filled: its own database handle, service and HTTP server, as a second server process
// would have. The demo directory is not loaded, and Client acts as the admin already on
// the database (created only if there is none) with a token of its own.
func Attach(tb testing.TB, data *Data, dsn string) *App {
	tb.Helper()
	return StartWith(tb, data, dsn, Options{Attach: true})
}

// Options are the parts of an App a test chooses.
type Options struct {
	// Now is the moment the app's clock starts at; Now (the package's) when zero.
	Now time.Time
	// Attach starts on a database another app has filled: no demo directory is loaded.
	Attach bool
	// Converter makes PDFs; nil leaves the PDF routes answering 503, as a server without
	// LibreOffice does.
	Converter *pdfconv.Pool
	// PDFCache is the PDF cache folder; a fresh temporary folder by default.
	PDFCache string
	// Signer signs issued documents' PDFs.
	Signer *signing.Signer
	// Appearance draws the signature and seal images on the signed PDFs.
	Appearance *generator.Appearance
	// Jobs starts a job queue on the app's database (App.Jobs, the /api/jobs routes);
	// without it they answer 503.
	Jobs bool
}

// JobsConfig is the job queue configuration of a test app: polls every 50 ms so tests
// wait little, documents in chunks of 50 per LibreOffice start as the server does.
func JobsConfig(tb testing.TB, a *App, dsn, instance string) riverqueue.Config {
	return riverqueue.Config{DSN: dsn, Instance: instance, Docs: a.Service, PDF: a.PDF, Workers: 2, ChunkSize: 50,
		Poll: 50 * time.Millisecond, JobTimeout: time.Minute, WorkDir: tb.TempDir(), Log: Logger(tb)}
}

// OpenJobs opens and starts a job queue on dsn for a's service, closed when the test ends.
func OpenJobs(tb testing.TB, a *App, cfg riverqueue.Config) *riverqueue.Service {
	tb.Helper()
	if cfg.Log == nil {
		cfg.Log = Logger(tb)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	j, err := riverqueue.Open(ctx, cfg)
	if err != nil {
		tb.Fatalf("jobs: %v", err)
	}
	if err := j.Start(context.Background()); err != nil {
		tb.Fatalf("jobs: start: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := j.Close(ctx); err != nil {
			tb.Errorf("jobs: close: %v", err)
		}
	})
	return j
}

// StartWith is Start with options.
func StartWith(tb testing.TB, data *Data, dsn string, opt Options) *App {
	tb.Helper()
	now := opt.Now
	if now.IsZero() {
		now = Now
	}
	demo := !opt.Attach
	a := &App{Data: data, DB: storagetest.MustOpen(tb, dsn), start: now}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	log := Logger(tb)
	var err error
	a.Service, err = secretariat.New(ctx, secretariat.Config{DB: a.DB, Catalog: a.Catalog, Validator: a.Validator, Dating: a.Dating,
		Rules: a.Rules, Renderer: a.Renderer, Now: a.Now, Log: log})
	if err != nil {
		tb.Fatalf("secretariat: %v", err)
	}
	if demo {
		loaded, err := a.Service.LoadDemo(ctx, a.Demo)
		if err != nil {
			tb.Fatalf("load demo directory: %v", err)
		}
		if !loaded {
			tb.Fatal("load demo directory: the fresh database already has units")
		}
	}
	// The file limit within the upload limit, as cmd/vanthu wires it.
	a.Inspection, err = inspection.New(inspection.Config{Store: a.DB, Catalog: a.Checklists, MaxAttachment: min(MaxUpload, inspection.MaxAttachmentSize), Now: a.Now, Tree: a.Service.Tree})
	if err != nil {
		tb.Fatalf("inspection: %v", err)
	}
	a.Records = records.New(records.Config{DB: a.DB, Secretariat: a.Service, Rules: a.Committees,
		Awards: a.Awards, Recognitions: a.Inspection.AreaRecognitions(), Now: a.Now})
	a.Accounts, err = accounts.New(ctx, accounts.Config{DB: a.DB, Roles: a.Roles, Tree: a.Service.Tree,
		Now: a.Now, Log: log, Params: TestPasswordParams})
	if err != nil {
		tb.Fatalf("accounts: %v", err)
	}
	// Like the binary, follow directory changes made through other apps on the database.
	watch, stopWatching := context.WithCancel(context.Background())
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		a.Service.WatchDirectory(watch, secretariat.DirectoryEvery)
	}()
	tb.Cleanup(func() { stopWatching(); <-watched }) // before the database's Close
	if opt.PDFCache == "" {
		opt.PDFCache = tb.TempDir()
	}
	a.PDF, err = publish.New(publish.Config{Docs: a.Service, Converter: opt.Converter, CacheDir: opt.PDFCache, Signer: opt.Signer, Appearance: opt.Appearance, Renderer: a.Renderer, Log: log})
	if err != nil {
		tb.Fatalf("publish: %v", err)
	}
	if opt.Jobs {
		a.Jobs = OpenJobs(tb, a, JobsConfig(tb, a, dsn, "apptest"))
	}
	pages, err := web.New(web.Config{Secretariat: a.Service, Inspection: a.Inspection, Accounts: a.Accounts, Records: a.Records, PDF: a.PDF, Log: log})
	if err != nil {
		tb.Fatalf("web pages: %v", err)
	}
	options := httpapi.Options{MaxBody: MaxBody, MaxUpload: MaxUpload, Log: log, Inspection: a.Inspection, Accounts: a.Accounts, Records: a.Records, PDF: a.PDF, Pages: pages}
	if a.Jobs != nil { // a nil *Service in the interface would not read as no queue
		options.Jobs = a.Jobs
	}
	a.Server = httptest.NewServer(httpapi.New(a.Service, options))
	tb.Cleanup(a.Server.Close) // registered after the database's Close, so it runs before it
	a.URL = a.Server.URL
	a.Anonymous = a.Server.Client()
	a.Anonymous.Timeout = 60 * time.Second
	if demo {
		a.AdminToken = a.User(tb, "admin", "admin", access.Everywhere)
	} else {
		a.AdminToken = a.attachAdmin(tb)
	}
	a.Client = &http.Client{Timeout: 60 * time.Second, Transport: asAdmin{token: a.AdminToken, next: a.Anonymous.Transport}}
	return a
}

// Logger returns a logger that writes warnings and errors to the test log, so a failing
// test shows what the server logged (internal causes are logged, never sent).
func Logger(tb testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{tb}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct{ tb testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.tb.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}

// Response is a response read whole.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, ending the test if it is not JSON.
func (r Response) JSON(tb testing.TB, v any) {
	tb.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		tb.Fatalf("response (%d) is not JSON: %v\n%s", r.Status, err, Excerpt(r.Body))
	}
}

// Do sends a request to the app and reads the whole response; a transport failure ends the
// test. body may be nil; header pairs are name, value, name, value, …
func (a *App) Do(tb testing.TB, method, path string, body io.Reader, header ...string) Response {
	tb.Helper()
	return Do(tb, a.Client, a.URL, method, path, body, header...)
}

// Do sends a request to baseURL+path with client and reads the whole response; a transport
// failure ends the test, so call it from the test's goroutine (goroutines use Send).
func Do(tb testing.TB, client *http.Client, baseURL, method, path string, body io.Reader, header ...string) Response {
	tb.Helper()
	res, err := Send(client, baseURL, method, path, body, header...)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	return res
}

// Send is Do without a testing.TB, for goroutines: it returns the transport error.
func Send(client *http.Client, baseURL, method, path string, body io.Reader, header ...string) (Response, error) {
	req, err := http.NewRequest(method, baseURL+path, body)
	if err != nil {
		return Response{}, err
	}
	if len(header)%2 != 0 {
		return Response{}, errors.New("apptest: header pairs are name, value")
	}
	for i := 0; i < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := client.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return Response{}, err
	}
	return Response{Status: res.StatusCode, Header: res.Header, Body: data}, nil
}

// Excerpt returns the start of a body for a failure message.
func Excerpt(body []byte) string {
	const max = 600
	if len(body) > max {
		return string(body[:max]) + "…"
	}
	return string(body)
}

// ModuleRoot returns the folder holding go.mod, found upwards from the working directory
// (a package's folder while its tests run).
func ModuleRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// ReadFile reads a file by its path from the module root ("examples/forms/cong-van.json").
func ReadFile(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(ModuleRoot(tb), filepath.FromSlash(path)))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// Example is one example submission of examples/forms.
type Example struct {
	Name string // file name without .json
	Raw  []byte
	secretariat.Submission
}

// Examples reads every examples/forms/*.json, in file-name order.
func Examples(tb testing.TB) []Example {
	tb.Helper()
	dir := filepath.Join(ModuleRoot(tb), "examples", "forms")
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(names) == 0 {
		tb.Fatalf("no example under %s (%v)", dir, err)
	}
	out := make([]Example, 0, len(names))
	for _, name := range names {
		raw, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		ex := Example{Name: filepath.Base(name[:len(name)-len(".json")]), Raw: raw}
		if err := json.Unmarshal(raw, &ex.Submission); err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		out = append(out, ex)
	}
	return out
}
