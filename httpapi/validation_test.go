package httpapi_test

import (
	"strings"
	"testing"

	"vanthu/internal/apptest"
)

// TestAPIValidation runs the scenarios of issue 8 — input made to slip a wrong entry into
// the register — through the real router on every backend, each on a fresh database.
func TestAPIValidation(t *testing.T) {
	data := apptest.LoadData(t)
	scenarios := validationScenarios(t, data)
	for _, backend := range apptest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			backend.SkipIfUnavailable(t)
			t.Parallel()
			for _, s := range scenarios {
				t.Run(s.name, func(t *testing.T) {
					t.Parallel()
					s.run(t, apptest.Start(t, data, backend.DSN(t)))
				})
			}
		})
	}
}

// validationScenarios is the table of TestAPIValidation.
func validationScenarios(t *testing.T, data *apptest.Data) []scenario {
	seed := string(apptest.ReadFile(t, seedFile))
	// seedWith is the seed, issued at once, with data fields set.
	seedWith := func(fields map[string]any) string {
		return edit(t, seed, func(m map[string]any) {
			m["issue"] = true
			for k, v := range fields {
				submissionData(m)[k] = v
			}
		})
	}
	var scenarios []scenario

	// Item 4: types.
	scenarios = append(scenarios,
		scenario{
			name: "types: a fraction for an integer field", method: "POST", path: "/api/documents",
			body:   seedWith(map[string]any{"so_ban_luu": 2.5}),
			status: 422, json: map[string]any{"/fields": length(1), "/fields/data.so_ban_luu": "Số bản lưu phải là số nguyên"},
			check: noDocuments,
		},
		scenario{
			name: "types: a string for a number", method: "POST", path: "/api/documents",
			body:   seedWith(map[string]any{"so_ban_luu": "3"}),
			status: 422, json: map[string]any{"/fields": length(1), "/fields/data.so_ban_luu": "Số bản lưu phải là một số"},
			check: noDocuments,
		},
		scenario{
			name: "types: a number too large for any field", method: "POST", path: "/api/documents",
			body:   strings.Replace(seedWith(map[string]any{"so_ban_luu": 77777}), "77777", "1e400", 1),
			status: 422, json: map[string]any{"/fields": length(1), "/fields/data.so_ban_luu": "Số bản lưu phải là một số"},
			check: noDocuments,
		},
		scenario{
			name: "types: a number too large, previewed", method: "POST", path: "/api/preview",
			body:   strings.Replace(edit(t, seed, func(m map[string]any) { submissionData(m)["so_ban_luu"] = 77777 }), "77777", "-1e400", 1),
			status: 422, json: map[string]any{"/fields/data.so_ban_luu": "Số bản lưu phải là một số"},
		},
		scenario{
			name: "types: an array for the body", method: "POST", path: "/api/documents",
			body:   `[` + seed + `]`,
			status: 400, json: map[string]any{"/code": "bad_input", "/message": has("Dữ liệu gửi lên phải là một đối tượng JSON")},
			check: noDocuments,
		},
		scenario{
			name: "types: a string for the body", method: "POST", path: "/api/preview",
			body:   `"cong-van"`,
			status: 400, json: map[string]any{"/code": "bad_input", "/message": has("Dữ liệu gửi lên phải là một đối tượng JSON")},
		},
		scenario{
			name: "types: a number for a text field is named", method: "POST", path: "/api/documents",
			body:   `{"form":"cong-van","issuer_id":1}`,
			status: 400, json: map[string]any{"/code": "bad_input", "/message": `Trường "issuer_id" có kiểu dữ liệu không đúng.`},
			check: noDocuments,
		},
	)
	return scenarios
}
