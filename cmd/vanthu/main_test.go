package main

import (
	"archive/zip"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/internal/apptest"
)

// TestRender runs the render command on the seed dispatch and on a form submission, as the
// README shows, and checks each writes a .docx.
func TestRender(t *testing.T) {
	dir := t.TempDir()
	for _, in := range []string{"../../examples/cong-van-1028.json", "../../examples/forms/cong-van.json"} {
		t.Run(filepath.Base(in), func(t *testing.T) {
			out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(in), ".json")+".docx")
			if err := run(context.Background(), []string{"render", in, "-o", out}); err != nil {
				t.Fatal(err)
			}
			zr, err := zip.OpenReader(out)
			if err != nil {
				t.Fatalf("%s is not a .docx: %v", out, err)
			}
			defer zr.Close()
			found := false
			for _, f := range zr.File {
				found = found || f.Name == "word/document.xml"
			}
			if !found {
				t.Error("no word/document.xml")
			}
		})
	}
	t.Run("an input naming neither kind nor form", func(t *testing.T) {
		in := filepath.Join(dir, "x.json")
		if err := os.WriteFile(in, []byte(`{"subject":"x"}`), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := run(context.Background(), []string{"render", in}); err == nil || !strings.Contains(err.Error(), "neither") {
			t.Errorf("got %v, want an error naming the problem", err)
		}
	})
}

func TestConfig(t *testing.T) {
	t.Setenv("VANTHU_ADDR", "127.0.0.1:9999")
	t.Setenv("VANTHU_MAX_BODY", "4096")
	cfg := defaultConfig()
	fs := flag.NewFlagSet("vanthu", flag.ContinueOnError)
	cfg.bind(fs)
	if err := fs.Parse([]string{"-log", "debug"}); err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:9999" || cfg.MaxBody != 4096 || cfg.LogLevel != "debug" {
		t.Errorf("environment or flags not applied: %+v", cfg)
	}
	if err := cfg.validate(); err != nil {
		t.Errorf("validate: %v", err)
	}
	cfg.LogLevel = "loud"
	if err := cfg.validate(); err == nil {
		t.Error("a bad log level passed validation")
	}
	if got := redact("postgres://vanthu:secret@127.0.0.1/db"); strings.Contains(got, "secret") {
		t.Errorf("redact kept the password: %s", got)
	}
}

// TestSignatureImageConfig reads the signature and seal images from flags and the
// environment, refuses them without what they depend on, and refuses an image that is not
// a transparent PNG when the server starts.
func TestSignatureImageConfig(t *testing.T) {
	dir := t.TempDir()
	sig, seal, bad := filepath.Join(dir, "chu-ky.png"), filepath.Join(dir, "dau.png"), filepath.Join(dir, "anh.jpg")
	for path, data := range map[string][]byte{sig: apptest.SignatureImage(), seal: apptest.SealImage(), bad: []byte("JFIF")} {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("VANTHU_SEAL_IMAGE", seal)
	t.Setenv("VANTHU_SEAL_MM", "42")
	cfg := defaultConfig()
	fs := flag.NewFlagSet("vanthu", flag.ContinueOnError)
	cfg.bind(fs)
	if err := fs.Parse([]string{"-sign-image", sig}); err != nil {
		t.Fatal(err)
	}
	if cfg.SignImage != sig || cfg.SealImage != seal || cfg.SealMM != 42 {
		t.Fatalf("flags or environment not applied: %q %q %g", cfg.SignImage, cfg.SealImage, cfg.SealMM)
	}
	if err := cfg.validate(); err == nil || !strings.Contains(err.Error(), "-sign-p12") {
		t.Errorf("a signature image without -sign-p12: %v", err)
	}
	cfg.SignP12 = filepath.Join(dir, "ky.p12")
	if err := cfg.validate(); err != nil {
		t.Fatal(err)
	}
	a, err := loadAppearance(cfg)
	if err != nil || a == nil || a.SealMM != 42 || a.Seal == nil {
		t.Fatalf("loadAppearance: %+v, %v", a, err)
	}
	cfg.SealImage = bad
	if _, err := loadAppearance(cfg); err == nil {
		t.Error("a seal that is not a PNG was accepted")
	}
	cfg.SignImage, cfg.SealImage = "", seal
	if err := cfg.validate(); err == nil || !strings.Contains(err.Error(), "-sign-image") {
		t.Errorf("a seal without a signature image: %v", err)
	}
	if a, err := loadAppearance(defaultConfig()); a != nil || err != nil {
		t.Errorf("no images configured: %+v, %v; want nothing drawn", a, err)
	}
}
