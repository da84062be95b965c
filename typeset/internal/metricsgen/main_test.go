package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

const fontDir = "/usr/share/fonts/truetype/liberation2"

// TestCommittedTableIsUpToDate regenerates the table and compares it with the committed
// metrics_tnr.go, so that a hand edit or a generator change not followed by go generate shows.
func TestCommittedTableIsUpToDate(t *testing.T) {
	if _, err := os.Stat(filepath.Join(fontDir, faces[0].file)); err != nil {
		t.Skipf("Liberation Serif not installed in %s: skipping", fontDir)
	}
	out := filepath.Join(t.TempDir(), "metrics_tnr.go")
	if err := run(fontDir, out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../metrics_tnr.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("metrics_tnr.go is stale: run go generate ./typeset")
	}
}

func TestParseFont(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(fontDir, "LiberationSerif-Regular.ttf"))
	if err != nil {
		t.Skipf("Liberation Serif not installed: %v", err)
	}
	f, err := parseFont(data)
	if err != nil {
		t.Fatal(err)
	}
	if f.unitsPerEm != 2048 {
		t.Errorf("unitsPerEm = %d, want 2048", f.unitsPerEm)
	}
	for _, tt := range []struct {
		r    rune
		want uint16
	}{{'A', 1479}, {' ', 512}, {'n', 1024}, {'ệ', 909}} {
		if got, ok := f.advance(tt.r); !ok || got != tt.want {
			t.Errorf("advance(%q) = %d, %v; want %d", tt.r, got, ok, tt.want)
		}
	}
	if _, ok := f.advance(0x10FFFF); ok {
		t.Errorf("advance(U+10FFFF) found a glyph")
	}
	for _, bad := range [][]byte{nil, []byte("not a font at all"), data[:100]} {
		if _, err := parseFont(bad); err == nil {
			t.Errorf("parseFont of %d bytes of junk: no error", len(bad))
		}
	}
}
