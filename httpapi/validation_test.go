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
	// Item 3: empty made to look full.
	const zwsp, nbsp = "\u200b", "\u00a0"
	scenarios = append(scenarios,
		scenario{
			name: "empty: every required field a zero-width space", method: "POST", path: "/api/documents",
			body: seedWith(map[string]any{"trich_yeu": zwsp, "noi_dung": zwsp + "\n" + zwsp + zwsp,
				"chuc_vu_nguoi_ky": zwsp, "ho_ten_nguoi_ky": zwsp}),
			status: 422,
			json: map[string]any{"/fields": length(4), "/fields/data.trich_yeu": "Trích yếu là trường bắt buộc",
				"/fields/data.noi_dung": "Nội dung là trường bắt buộc", "/fields/data.chuc_vu_nguoi_ky": "Chức vụ người ký là trường bắt buộc",
				"/fields/data.ho_ten_nguoi_ky": "Họ và tên người ký là trường bắt buộc"},
			check: noDocuments,
		},
		scenario{
			name: "empty: no-break spaces and lone combining marks", method: "POST", path: "/api/documents",
			body:   seedWith(map[string]any{"trich_yeu": nbsp + " " + nbsp, "ho_ten_nguoi_ky": "\u0301\u0300 \u0323"}),
			status: 422,
			json: map[string]any{"/fields": length(2), "/fields/data.trich_yeu": "Trích yếu là trường bắt buộc",
				"/fields/data.ho_ten_nguoi_ky": "Họ và tên người ký là trường bắt buộc"},
			check: noDocuments,
		},
		scenario{
			name: "empty: a zero-width space inside a real name is kept", method: "POST", path: "/api/documents",
			body:   seedWith(map[string]any{"ho_ten_nguoi_ky": "Nguyễn" + zwsp + " Đình Xúng"}),
			status: 201, json: map[string]any{"/status": "issued", "/number": 1},
		},
		scenario{
			name: "empty: a công văn to nobody", method: "POST", path: "/api/documents",
			body: edit(t, seed, func(m map[string]any) {
				m["issue"] = true
				m["recipients"] = map[string]any{"kinh_gui": []string{}, "noi_nhan": []string{}, "archive": "VT, NC"}
			}),
			status: 422, json: map[string]any{"/fields": length(1), "/fields/recipients": has("Công văn phải có ít nhất một nơi nhận")},
			check: noDocuments,
		},
		scenario{
			name: "empty: a công văn to invisible lines, previewed", method: "POST", path: "/api/preview",
			body: edit(t, seed, func(m map[string]any) {
				m["recipients"] = map[string]any{"kinh_gui": []string{zwsp, nbsp}, "noi_nhan": []string{"- " + zwsp + ";"}}
			}),
			status: 422, json: map[string]any{"/fields/recipients": has("Công văn phải có ít nhất một nơi nhận")},
		},
		scenario{
			name: "empty: a công văn with only a Nơi nhận line", method: "POST", path: "/api/documents",
			body: edit(t, seed, func(m map[string]any) {
				m["issue"] = true
				m["recipients"] = map[string]any{"kinh_gui": []string{}, "noi_nhan": []string{"Sở Tư pháp"}}
			}),
			status: 201, json: map[string]any{"/status": "issued", "/recipients/noi_nhan": []string{"Sở Tư pháp"}},
		},
	)
	return scenarios
}
