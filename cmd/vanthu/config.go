package main

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// config is every setting of the binary, with its default. Each can be set by a flag or
// by the environment variable named beside it; a flag wins over the environment.
type config struct {
	Addr      string        // VANTHU_ADDR: where the HTTP server listens
	DB        string        // VANTHU_DB: SQLite file path, or a postgres:// DSN
	DataDir   string        // VANTHU_DATA_DIR: folder whose forms/, routing/, directory/ override the embedded data
	Demo      bool          // VANTHU_DEMO: load the demo directory (and demo users) into an empty database
	MaxBody   int64         // VANTHU_MAX_BODY: largest request body in bytes; larger gets 413
	MaxUpload int64         // VANTHU_MAX_UPLOAD: largest upload (registration files) in bytes
	Timeout   time.Duration // VANTHU_TIMEOUT: read/write timeout of HTTP requests
	LogLevel  string        // VANTHU_LOG: debug, info, warn, error
	PprofAddr string        // VANTHU_PPROF: loopback address for net/http/pprof, off when empty
	// SecureCookies marks the session cookie Secure behind a TLS-terminating proxy.
	SecureCookies bool // VANTHU_SECURE_COOKIES
	// GCPercent and MemoryLimit tune the Go collector for a server whose live heap is small
	// (tens of MB) but whose requests allocate fast: collect less often, yet never let the
	// heap pass the limit.
	GCPercent   int   // VANTHU_GC_PERCENT (GOGC wins when set)
	MemoryLimit int64 // VANTHU_MEMORY_LIMIT in bytes (GOMEMLIMIT wins when set)

	// noDemoUsers keeps the demo directory but creates no users: render's throw-away
	// in-memory database needs no one to sign in.
	noDemoUsers bool
	// PDF through LibreOffice (pdfconv, publish).
	Soffice    string        // VANTHU_SOFFICE: the LibreOffice binary, a path or a name on PATH
	PDFWorkers int           // VANTHU_PDF_WORKERS: LibreOffice processes converting at once
	PDFTimeout time.Duration // VANTHU_PDF_TIMEOUT: longest one document's conversion may take
	PDFCache   string        // VANTHU_PDF_CACHE: folder keeping the PDFs made, by SHA-256 of the .docx
	// Signing (optional): a PKCS#12 file and its password.
	SignP12      string // VANTHU_SIGN_P12: PKCS#12 file signing issued documents' PDFs
	SignPassword string // VANTHU_SIGN_PASSWORD: its password (prefer the variable: a flag shows in ps)
	// Jobs (River).
	Instance   string // VANTHU_INSTANCE: this process's name in the job queue
	JobWorkers int    // VANTHU_JOB_WORKERS: jobs run at once by this process
}

func defaultConfig() config {
	return config{
		Addr:        "127.0.0.1:8080",
		DB:          "vanthu.db",
		Demo:        true,
		MaxBody:     2 << 20,
		MaxUpload:   12 << 20,
		Timeout:     30 * time.Second,
		LogLevel:    "info",
		GCPercent:   400,
		MemoryLimit: 120 << 20,
		Soffice:     "soffice",
		PDFWorkers:  1,
		PDFTimeout:  60 * time.Second,
		PDFCache:    "vanthu-pdf",
		JobWorkers:  1,
	}
}

// bind registers the flags of c on fs, each defaulting to its environment variable when set.
func (c *config) bind(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", env("VANTHU_ADDR", c.Addr), "listen address (VANTHU_ADDR)")
	fs.StringVar(&c.DB, "db", env("VANTHU_DB", c.DB), "SQLite file or postgres:// DSN (VANTHU_DB)")
	fs.StringVar(&c.DataDir, "data", env("VANTHU_DATA_DIR", c.DataDir), "folder overriding the embedded forms/, routing/, directory/ (VANTHU_DATA_DIR)")
	fs.BoolVar(&c.Demo, "demo", envBool("VANTHU_DEMO", c.Demo), "load the demo directory into an empty database, and one demo user per role into a database with no user (VANTHU_DEMO)")
	fs.Int64Var(&c.MaxBody, "max-body", envInt("VANTHU_MAX_BODY", c.MaxBody), "largest request body in bytes (VANTHU_MAX_BODY)")
	fs.Int64Var(&c.MaxUpload, "max-upload", envInt("VANTHU_MAX_UPLOAD", c.MaxUpload), "largest upload of registration files in bytes (VANTHU_MAX_UPLOAD)")
	fs.DurationVar(&c.Timeout, "timeout", envDuration("VANTHU_TIMEOUT", c.Timeout), "HTTP read/write timeout (VANTHU_TIMEOUT)")
	fs.StringVar(&c.LogLevel, "log", env("VANTHU_LOG", c.LogLevel), "log level: debug, info, warn, error (VANTHU_LOG)")
	fs.IntVar(&c.GCPercent, "gc-percent", int(envInt("VANTHU_GC_PERCENT", int64(c.GCPercent))), "Go GC target percentage (VANTHU_GC_PERCENT; GOGC wins)")
	fs.Int64Var(&c.MemoryLimit, "memory-limit", envInt("VANTHU_MEMORY_LIMIT", c.MemoryLimit), "soft memory limit of the Go heap in bytes (VANTHU_MEMORY_LIMIT; GOMEMLIMIT wins)")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", envBool("VANTHU_SECURE_COOKIES", c.SecureCookies), "mark the session cookie Secure, for a server behind an HTTPS proxy (VANTHU_SECURE_COOKIES)")
	fs.StringVar(&c.Soffice, "soffice", env("VANTHU_SOFFICE", c.Soffice), "LibreOffice binary for PDF, a path or a name on PATH (VANTHU_SOFFICE)")
	fs.IntVar(&c.PDFWorkers, "pdf-workers", int(envInt("VANTHU_PDF_WORKERS", int64(c.PDFWorkers))), "LibreOffice processes converting to PDF at once (VANTHU_PDF_WORKERS)")
	fs.DurationVar(&c.PDFTimeout, "pdf-timeout", envDuration("VANTHU_PDF_TIMEOUT", c.PDFTimeout), "longest a document's PDF conversion may take before it is killed and retried once (VANTHU_PDF_TIMEOUT)")
	fs.StringVar(&c.PDFCache, "pdf-cache", env("VANTHU_PDF_CACHE", c.PDFCache), "folder keeping the PDFs made, by SHA-256 of the .docx; empty keeps none (VANTHU_PDF_CACHE)")
	fs.StringVar(&c.SignP12, "sign-p12", env("VANTHU_SIGN_P12", c.SignP12), "PKCS#12 file (.p12/.pfx) whose key signs the PDF of issued documents; empty signs nothing (VANTHU_SIGN_P12)")
	fs.StringVar(&c.SignPassword, "sign-password", env("VANTHU_SIGN_PASSWORD", c.SignPassword), "password of -sign-p12; prefer VANTHU_SIGN_PASSWORD, a flag shows in the process list")
	fs.StringVar(&c.Instance, "instance", env("VANTHU_INSTANCE", c.Instance), "this process's name in the job queue: unique among the instances sharing a database, the same across restarts (VANTHU_INSTANCE; default host name and -addr)")
	fs.IntVar(&c.JobWorkers, "job-workers", int(envInt("VANTHU_JOB_WORKERS", int64(c.JobWorkers))), "jobs (PDF batches) run at once by this process (VANTHU_JOB_WORKERS)")
	fs.StringVar(&c.PprofAddr, "pprof", env("VANTHU_PPROF", c.PprofAddr), "serve net/http/pprof on this loopback address, for profiling (VANTHU_PPROF)")
}

// validate checks the settings once, before anything starts.
func (c *config) validate() error {
	if c.DB == "" {
		return fmt.Errorf("-db is empty")
	}
	if c.MaxBody < 1024 {
		return fmt.Errorf("-max-body %d is too small", c.MaxBody)
	}
	if c.MaxUpload < 1024 {
		return fmt.Errorf("-max-upload %d is too small", c.MaxUpload)
	}
	switch strings.ToLower(c.LogLevel) {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("-log %q: want debug, info, warn or error", c.LogLevel)
	}
	if c.PDFWorkers < 1 || c.PDFWorkers > 32 {
		return fmt.Errorf("-pdf-workers %d: want 1 to 32", c.PDFWorkers)
	}
	if c.PDFTimeout < time.Second {
		return fmt.Errorf("-pdf-timeout %s is too short", c.PDFTimeout)
	}
	if c.JobWorkers < 1 || c.JobWorkers > 32 {
		return fmt.Errorf("-job-workers %d: want 1 to 32", c.JobWorkers)
	}
	if c.Instance == "" {
		host, err := os.Hostname()
		if err != nil {
			host = "vanthu"
		}
		c.Instance = host + "@" + c.Addr
	}
	if c.DataDir != "" {
		if st, err := os.Stat(c.DataDir); err != nil || !st.IsDir() {
			return fmt.Errorf("-data %q is not a folder", c.DataDir)
		}
	}
	return nil
}

// redact hides the password of a DSN before it is printed.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

func envBool(key string, def bool) bool {
	if v, err := strconv.ParseBool(os.Getenv(key)); err == nil {
		return v
	}
	return def
}

func envInt(key string, def int64) int64 {
	if v, err := strconv.ParseInt(os.Getenv(key), 10, 64); err == nil {
		return v
	}
	return def
}

func envDuration(key string, def time.Duration) time.Duration {
	if v, err := time.ParseDuration(os.Getenv(key)); err == nil {
		return v
	}
	return def
}
