package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"vanthu/appdata"
	"vanthu/generator"
	"vanthu/httpapi"
	"vanthu/secretariat"
	"vanthu/web"
)

// serve runs the HTTP API until the context ends, then shuts down gracefully.
func serve(ctx context.Context, args []string) error {
	cfg := defaultConfig()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg.bind(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.validate(); err != nil {
		return err
	}
	log := newLogger(cfg.LogLevel)
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(cfg.GCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" && cfg.MemoryLimit > 0 {
		debug.SetMemoryLimit(cfg.MemoryLimit)
	}
	a, err := openApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.db.Close()
	pub, pool, err := openPublish(cfg, a.svc, a.renderer, log)
	if err != nil {
		return err
	}
	defer pool.Close()
	// The queue runs under its own context: jobs stop when the server has shut down, not
	// at the signal, so a job still running is cut short only after requests have ended.
	queue, err := openJobs(context.WithoutCancel(ctx), cfg, a.svc, pub, log)
	if err != nil {
		return err
	}
	defer func() {
		stop, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := queue.Close(stop); err != nil {
			log.Error("job queue did not stop cleanly", "err", err)
		}
	}()
	pages, err := web.New(web.Config{Secretariat: a.svc, Inspection: a.insp, Accounts: a.accounts, Records: a.records, PDF: pub, Log: log})
	if err != nil {
		return err
	}
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           httpapi.New(a.svc, httpapi.Options{MaxBody: cfg.MaxBody, MaxUpload: cfg.MaxUpload, Log: log, Inspection: a.insp, Accounts: a.accounts, SecureCookies: cfg.SecureCookies, Records: a.records, PDF: pub, Jobs: queue, Pages: pages}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cfg.Timeout,
		WriteTimeout:      cfg.Timeout,
	}
	// Other servers on the same database may change the directory: follow them.
	watch, stopWatching := context.WithCancel(ctx)
	defer stopWatching()
	go a.svc.WatchDirectory(watch, secretariat.DirectoryEvery)
	go every(watch, log, time.Hour, "expired idempotency keys", a.svc.CleanIdempotencyKeys)
	go every(watch, log, time.Hour, "ended sessions and old login failures", a.accounts.ForgetEnded)
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	if cfg.PprofAddr != "" {
		go servePprof(cfg.PprofAddr, log)
	}
	fmt.Fprintf(os.Stderr, "vanthu: serving http://%s (database %s, dialect %s)\n", cfg.Addr, redact(cfg.DB), a.db.Dialect())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// migrate opens the database, which applies the migrations, and exits.
func migrate(ctx context.Context, args []string) error {
	cfg := defaultConfig()
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	cfg.bind(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.validate(); err != nil {
		return err
	}
	cfg.Demo = false
	a, err := openApp(ctx, cfg, newLogger(cfg.LogLevel))
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "vanthu: %s is migrated\n", redact(cfg.DB))
	return a.db.Close()
}

// render writes a .docx from a JSON file: a document of the generator when the file has a
// "kind", a form submission ({"form", "issuer_id", "data"}) otherwise, addressed from the
// directory in the data files (the demo one unless -data says otherwise).
func render(ctx context.Context, args []string) error {
	cfg := defaultConfig()
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	cfg.bind(fs)
	out := fs.String("o", "", "output .docx (default: the input name with .docx)")
	var in string
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		in, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if in == "" && fs.NArg() > 0 {
		in = fs.Arg(0)
	}
	if err := cfg.validate(); err != nil {
		return err
	}
	if in == "" {
		return errors.New("render: give the input file: vanthu render FILE.json -o OUT.docx")
	}
	if *out == "" {
		*out = in[:len(in)-len(extOf(in))] + ".docx"
	}
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var probe struct {
		Kind string `json:"kind"`
		Form string `json:"form"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	var docx []byte
	switch {
	case probe.Kind != "":
		docx, err = renderDocument(cfg.DataDir, raw)
	case probe.Form != "":
		docx, err = renderSubmission(ctx, cfg, raw)
	default:
		return fmt.Errorf("%s names neither a document kind (\"kind\") nor a form (\"form\")", in)
	}
	if err != nil {
		return err // the data files or the input, each error says which
	}
	if err := os.WriteFile(*out, docx, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "vanthu: wrote %s (%d bytes)\n", *out, len(docx))
	return nil
}

func extOf(name string) string {
	for i := len(name) - 1; i >= 0 && name[i] != '/'; i-- {
		if name[i] == '.' {
			return name[i:]
		}
	}
	return ""
}

// renderDocument renders a generator.Document given as JSON.
func renderDocument(dataDir string, raw []byte) ([]byte, error) {
	d, err := appdata.Load(dataDir)
	if err != nil {
		return nil, err
	}
	var doc generator.Document
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("input: %w", err)
	}
	var buf bytes.Buffer
	err = d.Renderer.Render(&buf, &doc)
	return buf.Bytes(), err
}

// renderSubmission previews a form submission against an in-memory database holding the
// directory of the data files, so nothing is written anywhere.
func renderSubmission(ctx context.Context, cfg config, raw []byte) ([]byte, error) {
	var sub secretariat.Submission
	if err := json.Unmarshal(raw, &sub); err != nil {
		return nil, fmt.Errorf("input: %w", err)
	}
	cfg.DB, cfg.Demo, cfg.noDemoUsers = ":memory:", true, true
	a, err := openApp(ctx, cfg, newLogger("error"))
	if err != nil {
		return nil, err
	}
	defer a.db.Close()
	docx, err := a.svc.Preview(system(ctx, "vanthu render"), &sub)
	if err != nil {
		return nil, describe(err)
	}
	return docx, nil
}

// directoryCmd exports or imports the organisation directory as CSV files.
func directoryCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "export" && args[0] != "import") {
		return errors.New("directory: say export or import")
	}
	verb := args[0]
	cfg := defaultConfig()
	fs := flag.NewFlagSet("directory "+verb, flag.ContinueOnError)
	cfg.bind(fs)
	unitsFile := fs.String("units", "", "units CSV file (export default: standard output)")
	groupsFile := fs.String("groups", "", "groups CSV file")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if err := cfg.validate(); err != nil {
		return err
	}
	cfg.Demo = verb == "export"
	a, err := openApp(ctx, cfg, newLogger(cfg.LogLevel))
	if err != nil {
		return err
	}
	defer a.db.Close()
	ctx = system(ctx, "vanthu directory "+verb)
	if verb == "export" {
		if err := writeTo(*unitsFile, func(w io.Writer) error { _, err := a.svc.ExportUnits(ctx, w); return err }); err != nil {
			return err
		}
		if *groupsFile != "" {
			return writeTo(*groupsFile, func(w io.Writer) error { _, err := a.svc.ExportGroups(ctx, w); return err })
		}
		return nil
	}
	var units, groups io.Reader
	for _, f := range []struct {
		name string
		r    *io.Reader
	}{{*unitsFile, &units}, {*groupsFile, &groups}} {
		if f.name == "" {
			continue
		}
		file, err := os.Open(f.name)
		if err != nil {
			return err
		}
		defer file.Close()
		*f.r = file
	}
	if units == nil && groups == nil {
		return errors.New("directory import: give -units and/or -groups")
	}
	if _, err := a.svc.ImportDirectory(ctx, units, groups, 0); err != nil {
		return describe(err)
	}
	fmt.Fprintf(os.Stderr, "vanthu: directory imported: %d units, %d groups\n", len(a.svc.Tree().Units()), len(a.svc.Tree().Groups()))
	return nil
}

func writeTo(name string, write func(io.Writer) error) error {
	if name == "" {
		return write(os.Stdout)
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// every runs forget at once and then every interval until ctx ends, logging how many rows
// of what it deleted, and its failures.
func every(ctx context.Context, log *slog.Logger, interval time.Duration, what string, forget func(context.Context) (int64, error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := forget(ctx); err != nil && ctx.Err() == nil {
			log.Warn("deleting "+what+" failed", "err", err)
		} else if n > 0 {
			log.Info(what+" deleted", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
