package templates_test

import (
	"strings"
	"testing"

	"vanthu/templates"
)

func TestDecodeStrict(t *testing.T) {
	type file struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	tests := []struct {
		name, raw, wantName, wantErr string
	}{
		{"plain", `{"id":"a","name":"Xã"}`, "Xã", ""},
		{"byte order mark", "\uFEFF" + `{"id":"a","name":"Xã"}`, "Xã", ""},
		{"decomposed text is composed", `{"id":"a","name":"Xa` + "\u0303" + `"}`, "Xã", ""},
		{"unknown field", `{"id":"a","nmae":"Xã"}`, "", "unknown field"},
		{"trailing data", `{"id":"a"} {"id":"b"}`, "", "data after"},
		{"not JSON", `{`, "", "EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f file
			err := templates.DecodeStrict([]byte(tt.raw), &f)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || f.Name != tt.wantName {
				t.Fatalf("got %+v, %v; want name %q", f, err, tt.wantName)
			}
		})
	}
}
