package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"vanthu/access"
	"vanthu/accounts"
	"vanthu/appdata"
	"vanthu/generator"
	"vanthu/inspection"
	"vanthu/jobs/riverqueue"
	"vanthu/pdfconv"
	"vanthu/publish"
	"vanthu/records"
	"vanthu/secretariat"
	"vanthu/signing"
	"vanthu/storage"
)

// app is everything a command needs, wired once.
type app struct {
	db       *storage.DB
	svc      *secretariat.Service
	insp     *inspection.Service
	accounts *accounts.Service
	records  *records.Service
	// renderer wrote the stored documents; it draws the signature images on signed PDFs.
	renderer *generator.Renderer
}

// system returns ctx acting as the command line: every permission, as the operator who
// runs a command on the server already holds the database itself.
func system(ctx context.Context, command string) context.Context {
	return access.WithActor(ctx, access.System(command))
}

// openApp opens the database (migrating it), loads the data files and builds the services;
// with demo set, an empty database gets the demo directory and, with no user yet, one demo
// user per role (see demoUsers).
func openApp(ctx context.Context, cfg config, log *slog.Logger) (*app, error) {
	d, err := appdata.Load(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	db, err := storage.Open(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	svc, err := secretariat.New(ctx, secretariat.Config{DB: db, Catalog: d.Catalog, Validator: d.Validator, Dating: d.Dating,
		Rules: d.Rules, Renderer: d.Renderer, Log: log})
	if err != nil {
		db.Close()
		return nil, err
	}
	insp, err := inspection.New(inspection.Config{Store: db, Catalog: d.Checklists, MaxAttachment: min(cfg.MaxUpload, inspection.MaxAttachmentSize), Tree: svc.Tree})
	if err != nil {
		db.Close()
		return nil, err
	}
	acc, err := accounts.New(ctx, accounts.Config{DB: db, Roles: d.Roles, Tree: svc.Tree, Log: log})
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
		if !cfg.noDemoUsers {
			n, err := acc.AddDemoUsers(system(ctx, "vanthu demo"), demoUsers)
			if err != nil {
				db.Close()
				return nil, err
			}
			if n > 0 {
				log.Info("demo users created; their passwords are in the README", "users", n)
			}
		}
	}
	rec := records.New(records.Config{DB: db, Secretariat: svc, Rules: d.Committees, Awards: d.Awards,
		Recognitions: insp.AreaRecognitions()})
	return &app{db: db, svc: svc, insp: insp, accounts: acc, records: rec, renderer: d.Renderer}, nil
}

// demoUsers are the demo database's users, one per role, so a newcomer can try each. Their
// passwords are public (README, "Demo users"): they are created only in a database that
// has no user at all, which a real deployment never is after `vanthu user add`.
var demoUsers = []accounts.NewUser{
	{Login: "quantri", Name: "Quản trị hệ thống (demo)", Password: "quantri-demo-2026", Roles: []access.UserGrant{{Role: "admin"}}},
	{Login: "vanthu", Name: "Văn thư UBND tỉnh (demo)", Password: "vanthu-demo-2026", Roles: []access.UserGrant{{Role: "secretariat", UnitID: "ubnd-tinh-thanh-hoa"}}},
	{Login: "vanthu.xa", Name: "Văn thư UBND xã Đông Tiến (demo)", Password: "vanthuxa-demo-2026", Roles: []access.UserGrant{{Role: "secretariat", UnitID: "ubnd-xa-dong-tien"}}},
	{Login: "kiemtra", Name: "Cán bộ kiểm tra (demo)", Password: "kiemtra-demo-2026", Roles: []access.UserGrant{{Role: "inspector", UnitID: "tinh-thanh-hoa"}}},
	{Login: "donvi", Name: "Xã Đông Tiến (demo)", Password: "donvi-demo-2026", Roles: []access.UserGrant{{Role: "unit", UnitID: "xa-dong-tien"}}},
	{Login: "lanhdao", Name: "Lãnh đạo tỉnh (demo)", Password: "lanhdao-demo-2026", Roles: []access.UserGrant{{Role: "leader", UnitID: "tinh-thanh-hoa"}}},
}

// openPublish starts the PDF service. Without LibreOffice it still starts (the PDF routes
// answer 503) and says so in the log.
func openPublish(cfg config, svc *secretariat.Service, renderer *generator.Renderer, log *slog.Logger) (*publish.Service, *pdfconv.Pool, error) {
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
	appearance, err := loadAppearance(cfg)
	if err != nil {
		pool.Close()
		return nil, nil, err
	}
	if appearance != nil {
		log.Info("signed PDFs show the signature image", "signature", cfg.SignImage, "seal", cfg.SealImage, "seal_mm", appearance.SealMM)
	}
	pub, err := publish.New(publish.Config{Docs: svc, Converter: pool, CacheDir: cfg.PDFCache, Signer: signer,
		Appearance: appearance, Renderer: renderer, Log: log})
	if err != nil {
		pool.Close()
		return nil, nil, err
	}
	return pub, pool, nil
}

// loadAppearance reads the signature and seal images of signed PDFs; nil when no signature
// image is configured.
func loadAppearance(cfg config) (*generator.Appearance, error) {
	if cfg.SignImage == "" {
		return nil, nil
	}
	sig, err := os.ReadFile(cfg.SignImage)
	if err != nil {
		return nil, fmt.Errorf("-sign-image: %w", err)
	}
	var seal []byte
	if cfg.SealImage != "" {
		if seal, err = os.ReadFile(cfg.SealImage); err != nil {
			return nil, fmt.Errorf("-seal-image: %w", err)
		}
	}
	a, err := generator.NewAppearance(sig, seal, cfg.SealMM)
	if err != nil {
		return nil, fmt.Errorf("-sign-image, -seal-image: %w", err)
	}
	return a, nil
}

// openJobs starts the job queue on the application's database.
func openJobs(ctx context.Context, cfg config, svc *secretariat.Service, pub *publish.Service, log *slog.Logger) (*riverqueue.Service, error) {
	j, err := riverqueue.Open(ctx, riverqueue.Config{DSN: cfg.DB, Instance: cfg.Instance, Docs: svc, PDF: pub, Workers: cfg.JobWorkers,
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
