package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"

	"vanthu/directory"
	"vanthu/forms"
	"vanthu/generator"
	"vanthu/secretariat"
	"vanthu/storage"
	"vanthu/templates"
)

// app is everything a command needs, wired once.
type app struct {
	db  *storage.DB
	svc *secretariat.Service
}

// data holds what is read from the data files: embedded, or overridden from a folder.
type data struct {
	catalog  *forms.Catalog
	rules    map[string]directory.Rule
	demo     *directory.Tree
	renderer *generator.Renderer
}

// loadData reads forms, routing rules, the demo directory and the layout. A broken file
// fails here, at start-up.
func loadData(dir string) (*data, error) {
	fsys := templates.Open(dir)
	sub := func(name string) fs.FS {
		s, _ := fs.Sub(fsys, name) // only fails for an invalid name
		return s
	}
	d := &data{}
	var err error
	if d.catalog, err = forms.Load(sub("forms")); err != nil {
		return nil, fmt.Errorf("forms: %w", err)
	}
	if d.rules, err = directory.LoadRules(sub("routing")); err != nil {
		return nil, fmt.Errorf("routing rules: %w", err)
	}
	if d.demo, err = directory.LoadTree(sub("directory")); err != nil {
		return nil, fmt.Errorf("demo directory: %w", err)
	}
	layout := generator.DefaultLayout()
	if raw, err := fs.ReadFile(fsys, "layout.json"); err == nil {
		if err := json.Unmarshal(raw, &layout); err != nil {
			return nil, fmt.Errorf("layout.json: %w", err)
		}
	}
	if d.renderer, err = generator.New(layout); err != nil {
		return nil, err
	}
	return d, nil
}

// openApp opens the database (migrating it), loads the data files and builds the service;
// with demo set, an empty database gets the demo directory.
func openApp(ctx context.Context, cfg config, log *slog.Logger) (*app, error) {
	d, err := loadData(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	db, err := storage.Open(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	validator, err := forms.NewValidator()
	if err != nil {
		db.Close()
		return nil, err
	}
	svc, err := secretariat.New(ctx, secretariat.Config{DB: db, Catalog: d.catalog, Validator: validator,
		Rules: d.rules, Renderer: d.renderer, Log: log})
	if err != nil {
		db.Close()
		return nil, err
	}
	if cfg.Demo {
		loaded, err := svc.LoadDemo(ctx, d.demo)
		if err != nil {
			db.Close()
			return nil, err
		}
		if loaded {
			log.Info("demo directory loaded", "units", len(d.demo.Units()), "groups", len(d.demo.Groups()))
		}
	}
	return &app{db: db, svc: svc}, nil
}
