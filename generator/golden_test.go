package generator_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// examples returns the document examples (examples/*.json, not the form submissions).
func examples(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob("../examples/*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

// TestGolden compares the body XML of every example with its reviewed golden copy. Run
// `go test ./generator -run Golden -update` after an intended change and review the diff.
func TestGolden(t *testing.T) {
	r := newRenderer(t)
	for _, name := range examples(t) {
		t.Run(name, func(t *testing.T) {
			checkGolden(t, render(t, r, loadExample(t, name)), strings.TrimSuffix(name, ".json"))
		})
	}
}

// checkGolden compares a document's body with testdata/golden/<name>.xml.
func checkGolden(t *testing.T, d *docx, name string) {
	t.Helper()
	// One element per line keeps the golden diffs readable.
	got := bytes.ReplaceAll(d.parts["word/document.xml"], []byte("<w:p>"), []byte("\n<w:p>"))
	path := filepath.Join("testdata", "golden", name+".xml")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("differs from %s at line %d:\n got %s\nwant %s", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("differs from %s in length: %d lines, want %d", path, len(gl), len(wl))
	}
}
