package templates

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestOpenOverlay(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "routing"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "routing", "zz-extra.json"), []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	base, err := fs.Glob(FS, "routing/*.json")
	if err != nil || len(base) == 0 {
		t.Fatalf("no embedded rules: %v", err)
	}
	// Override one embedded file with new content.
	if err := os.WriteFile(filepath.Join(dir, base[0]), []byte(`{"overridden":true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys := Open(dir)
	got, err := fs.Glob(fsys, "routing/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(base)+1 {
		t.Errorf("overlay lists %d rules, want %d", len(got), len(base)+1)
	}
	b, err := fs.ReadFile(fsys, base[0])
	if err != nil || string(b) != `{"overridden":true}` {
		t.Errorf("override not read: %q %v", b, err)
	}
	sub, err := fs.Sub(fsys, "routing")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadFile(sub, "zz-extra.json"); err != nil {
		t.Errorf("sub-FS misses the added file: %v", err)
	}
	if Open("") != fs.FS(FS) {
		t.Error("empty dir should give the embedded files")
	}
}
