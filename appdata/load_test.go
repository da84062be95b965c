package appdata_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/appdata"
)

func TestLoadEmbedded(t *testing.T) {
	d, err := appdata.Load("")
	if err != nil {
		t.Fatal(err)
	}
	if d.Catalog == nil || d.Validator == nil || d.Demo == nil || d.Renderer == nil || len(d.Rules) == 0 {
		t.Fatalf("incomplete data: %+v", d)
	}
	if _, ok := d.Catalog.Get("cong-van"); !ok {
		t.Error("the embedded catalog has no cong-van form")
	}
}

// A data folder overrides the layout, and a broken file is reported by its kind.
func TestLoadFolder(t *testing.T) {
	tests := []struct {
		name, file, content, wantErr string
	}{
		{"partial layout", "layout.json", `{"margin_left_mm": 35}`, ""},
		{"broken layout", "layout.json", `{"margin_left_mm": `, "layout.json"},
		{"layout outside the decree", "layout.json", `{"margin_left_mm": 90}`, "layout.json"},
		{"broken routing rule", "routing/x.json", `{`, "routing rules"},
		{"broken dating", "register/dating.json", `{"default": {"backdate_days": -1}}`, "register/dating.json"},
		{"broken form", "forms/x.json", `[]`, "forms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, filepath.FromSlash(tt.file))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			d, err := appdata.Load(dir)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if d.Layout.MarginLeftMM != 35 {
					t.Errorf("margin_left_mm = %v, want 35 from the folder", d.Layout.MarginLeftMM)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Errorf("error = %v, want one starting %q", err, tt.wantErr)
			}
		})
	}
}
