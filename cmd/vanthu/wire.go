package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"vanthu/appdata"
	"vanthu/jobs"
	"vanthu/pdfconv"
	"vanthu/publish"
	"vanthu/secretariat"
	"vanthu/signing"
	"vanthu/storage"
)

// app is everything a command needs, wired once.
type app struct {
	db  *storage.DB
	svc *secretariat.Service
}

// openApp opens the database (migrating it), loads the data files and builds the service;
// with demo set, an empty database gets the demo directory.
func openApp(ctx context.Context, cfg config, log *slog.Logger) (*app, error) {
	d, err := appdata.Load(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	db, err := storage.Open(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	svc, err := secretariat.New(ctx, secretariat.Config{DB: db, Catalog: d.Catalog, Validator: d.Validator,
		Rules: d.Rules, Renderer: d.Renderer, Log: log})
	if err != nil {
		db.Close()
		return nil, err
	}
	if cfg.Demo {
		loaded, err := svc.LoadDemo(ctx, d.Demo)
		if err != nil {
			db.Close()
			return nil, err
		}
		if loaded {
			log.Info("demo directory loaded", "units", len(d.Demo.Units()), "groups", len(d.Demo.Groups()))
		}
	}
	return &app{db: db, svc: svc}, nil
}

// openPublish starts the PDF service. Without LibreOffice it still starts (the PDF routes
// answer 503) and says so in the log.
func openPublish(cfg config, svc *secretariat.Service, log *slog.Logger) (*publish.Service, *pdfconv.Pool, error) {
	pool, err := pdfconv.New(pdfconv.Config{Soffice: cfg.Soffice, Workers: cfg.PDFWorkers, Timeout: cfg.PDFTimeout, Log: log})
	if err != nil {
		return nil, nil, err
	}
	if err := pool.Err(); err != nil {
		log.Warn("PDF disabled: LibreOffice not found; the PDF routes answer 503", "soffice", cfg.Soffice, "err", err)
	} else {
		go func() {
			if err := pool.Warm(context.Background()); err != nil {
				log.Warn("LibreOffice profiles not made ahead", "err", err)
			}
		}()
	}
	var signer *signing.Signer
	if cfg.SignP12 != "" {
		p12, err := os.ReadFile(cfg.SignP12)
		if err == nil {
			signer, err = signing.Load(p12, cfg.SignPassword)
		}
		if err != nil {
			pool.Close()
			return nil, nil, fmt.Errorf("-sign-p12: %w", err)
		}
		c := signer.Certificate()
		log.Info("issued documents' PDFs are signed", "subject", c.Subject.String(), "not_after", c.NotAfter)
	}
	pub, err := publish.New(publish.Config{Docs: svc, Converter: pool, CacheDir: cfg.PDFCache, Signer: signer, Log: log})
	if err != nil {
		pool.Close()
		return nil, nil, err
	}
	return pub, pool, nil
}

// openJobs starts the job queue on the application's database.
func openJobs(ctx context.Context, cfg config, svc *secretariat.Service, pub *publish.Service, log *slog.Logger) (*jobs.Service, error) {
	j, err := jobs.Open(ctx, jobs.Config{DSN: cfg.DB, Instance: cfg.Instance, Docs: svc, PDF: pub, Workers: cfg.JobWorkers,
		Parallel: cfg.PDFWorkers, Log: log})
	if err != nil {
		return nil, err
	}
	if err := j.Start(ctx); err != nil {
		j.Close(ctx)
		return nil, err
	}
	return j, nil
}
