package main

import (
	"context"
	"log/slog"

	"vanthu/appdata"
	"vanthu/secretariat"
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
	svc, err := secretariat.New(ctx, secretariat.Config{DB: db, Catalog: d.Catalog, Validator: d.Validator, Dating: d.Dating,
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
