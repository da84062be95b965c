package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"vanthu/directory"
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
			name: "types: an array for the form's data", method: "POST", path: "/api/documents",
			body:   `{"form":"cong-van","issuer_id":"` + seedIssuer + `","data":["tăng cường chỉ đạo"]}`,
			status: 400, json: map[string]any{"/code": "bad_input", "/message": has("Dữ liệu biểu mẫu (data) phải là một đối tượng JSON")},
			check: noDocuments,
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
	// Item 6: sizes.
	lines := func(n int, format string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf(format, i+1)
		}
		return out
	}
	example := string(apptest.ReadFile(t, "examples/forms/to-trinh-de-nghi-cong-nhan-antt.json"))
	scenarios = append(scenarios,
		scenario{
			name: "sizes: the form states its limits", method: "GET", path: "/api/forms/cong-van",
			status: 200,
			json: map[string]any{"/max_recipients": 200, "/max_recipient_length": 500,
				"/fields/0/name": "trich_yeu", "/fields/0/max_length": 2000,
				"/fields/1/name": "kinh_gui_them", "/fields/1/max_items": 200, "/fields/1/max_length": 2000,
				"/fields/2/name": "noi_dung", "/fields/2/max_length": 50000},
		},
		scenario{
			name: "sizes: 201 Kính gửi lines", method: "POST", path: "/api/documents",
			body: edit(t, seed, func(m map[string]any) {
				m["issue"] = true
				m["recipients"] = map[string]any{"kinh_gui": lines(201, "Đơn vị số %d"), "noi_nhan": []string{}}
			}),
			status: 422, json: map[string]any{"/fields": length(1), "/fields/recipients.kinh_gui": "Kính gửi có quá 200 dòng."},
			check: noDocuments,
		},
		scenario{
			name: "sizes: 200 Kính gửi lines are enough", method: "POST", path: "/api/documents",
			body: edit(t, seed, func(m map[string]any) {
				m["issue"] = true
				m["recipients"] = map[string]any{"kinh_gui": lines(200, "Đơn vị số %d"), "noi_nhan": []string{}}
			}),
			status: 201, json: map[string]any{"/status": "issued", "/recipients/kinh_gui": length(200)},
		},
		scenario{
			name: "sizes: 201 Nơi nhận lines added by an edit", method: "POST", path: "/api/route",
			body: edit(t, seed, func(m map[string]any) {
				m["edit"] = map[string]any{"add_noi_nhan": lines(201, "Đơn vị số %d")}
			}),
			status: 422, json: map[string]any{"/fields": length(1), "/fields/recipients.noi_nhan": "Nơi nhận có quá 200 dòng."},
		},
		scenario{
			name: "sizes: a Kính gửi line of 501 characters", method: "POST", path: "/api/preview",
			body: edit(t, seed, func(m map[string]any) {
				m["recipients"] = map[string]any{"kinh_gui": []string{"Sở Tư pháp", strings.Repeat("ễ", 501)}, "archive": strings.Repeat("V", 501)}
			}),
			status: 422, json: map[string]any{"/fields": length(2), "/fields/recipients.kinh_gui": "Kính gửi: dòng 2 dài quá 500 ký tự, xin rút gọn.",
				"/fields/recipients.archive": "Dòng Lưu dài quá 500 ký tự, xin rút gọn."},
		},
		scenario{
			name: "sizes: a list of 201 items", method: "POST", path: "/api/documents",
			body:   seedWith(map[string]any{"kinh_gui_them": lines(201, "Đơn vị số %d")}),
			status: 422, json: map[string]any{"/fields": length(1), "/fields/data.kinh_gui_them": "Kính gửi thêm có quá 200 mục"},
			check: noDocuments,
		},
		scenario{
			name: "sizes: a body of 50,001 characters", method: "POST", path: "/api/documents",
			body:   seedWith(map[string]any{"noi_dung": strings.Repeat("ệ", 50001)}),
			status: 422, json: map[string]any{"/fields": length(1), "/fields/data.noi_dung": "Nội dung dài quá 50000 ký tự, xin rút gọn"},
			check: noDocuments,
		},
		scenario{
			name: "sizes: a name of 2,001 characters", method: "POST", path: "/api/documents",
			body:   seedWith(map[string]any{"ho_ten_nguoi_ky": strings.Repeat("a", 2001)}),
			status: 422, json: map[string]any{"/fields": length(1), "/fields/data.ho_ten_nguoi_ky": "Họ và tên người ký dài quá 2000 ký tự, xin rút gọn"},
			check: noDocuments,
		},
		scenario{
			name: "sizes: a table of 501 rows", method: "POST", path: "/api/preview",
			body: edit(t, example, func(m map[string]any) {
				rows := submissionData(m)["danh_sach"].([]any)
				for len(rows) < 501 {
					rows = append(rows, rows[0])
				}
				submissionData(m)["danh_sach"] = rows
			}),
			status: 422, json: map[string]any{"/fields": length(1), "/fields/data.danh_sach": has("có quá 500 dòng")},
		},
		scenario{
			name: "sizes: 101 entries expanded", method: "POST", path: "/api/route",
			body: edit(t, seed, func(m map[string]any) {
				expand := map[string]any{}
				for _, id := range lines(101, "muc-%d") {
					expand[id] = true
				}
				m["expand"] = expand
			}),
			status: 422, json: map[string]any{"/fields": length(1), "/fields/expand": "Chỉ được chọn mở rộng tối đa 100 mục."},
		},
	)
	// Item 1: who may issue what, on every path.
	byHand := func(issuer string, issue bool) string {
		return edit(t, seed, func(m map[string]any) {
			m["issuer_id"] = issuer
			m["recipients"] = map[string]any{"kinh_gui": []string{"Sở Tư pháp"}, "noi_nhan": []string{"Như trên"}, "archive": "VT, NC"}
			if issue {
				m["issue"] = true
			}
		})
	}
	const natMsg = `Đơn vị "viet-nam" là một địa bàn hành chính, không phải cơ quan: không ban hành văn bản.`
	units := data.Demo.Units()
	noSymbol := make([]directory.Unit, len(units))
	copy(noSymbol, units)
	for i := range noSymbol {
		if noSymbol[i].ID == seedIssuer {
			noSymbol[i].ShortName = ""
		}
	}
	noSymbolCSV := csvOf(t, noSymbol, "")
	asAgency := make([]directory.Unit, len(units))
	copy(asAgency, units)
	for i := range asAgency {
		if asAgency[i].ID == seedIssuer {
			asAgency[i].Kind = directory.Agency
		}
	}
	asAgencyCSV := csvOf(t, asAgency, "")
	dropSymbol := func(t *testing.T, a *apptest.App) {
		res := a.Do(t, "PUT", "/api/directory/units.csv", strings.NewReader(noSymbolCSV), "Content-Type", "text/csv")
		if res.Status != 200 {
			t.Fatalf("setup: PUT units.csv: %d %s", res.Status, apptest.Excerpt(res.Body))
		}
	}
	const noSymbolMsg = `Đơn vị "ubnd-tinh-thanh-hoa-2016" chưa có chữ viết tắt (short_name) để ghi ký hiệu văn bản, nên chưa thể cấp số.`
	scenarios = append(scenarios,
		scenario{
			name: "issuer: the nation, recipients given by hand, issued", method: "POST", path: "/api/documents",
			body:   byHand("viet-nam", true),
			status: 422, json: map[string]any{"/fields": length(1), "/fields/issuer_id": natMsg},
			check: noDocuments,
		},
		scenario{
			name: "issuer: a residents' group, recipients given by hand, issued", method: "POST", path: "/api/documents",
			body:   byHand("tdp-lam-son-1", true),
			status: 422, json: map[string]any{"/fields/issuer_id": has(`"tdp-lam-son-1" là một địa bàn hành chính`)},
			check: noDocuments,
		},
		scenario{
			name: "issuer: the nation, previewed", method: "POST", path: "/api/preview",
			body:   byHand("viet-nam", false),
			status: 422, json: map[string]any{"/fields/issuer_id": natMsg},
		},
		scenario{
			name: "issuer: a police unit drafts a công văn by hand", method: "POST", path: "/api/documents",
			body:   byHand("cong-an-tinh-thanh-hoa", false),
			status: 422, json: map[string]any{"/fields/issuer_id": `Đơn vị "cong-an-tinh-thanh-hoa" (loại police) không được ban hành Công văn; chỉ các đơn vị loại: people-committee.`},
			check: noDocuments,
		},
		scenario{
			name: "issuer: a form's own issuer kinds", method: "POST", path: "/api/preview",
			body: edit(t, string(apptest.ReadFile(t, "examples/forms/quyet-dinh-thanh-lap-to-bao-ve-antt.json")),
				func(m map[string]any) { m["issuer_id"] = "cong-an-xa-dong-tien" }),
			status: 422, json: map[string]any{"/fields/issuer_id": has("không được ban hành Quyết định thành lập Tổ bảo vệ")},
		},
		scenario{
			name: "issuer: a draft moved to another body", method: "PUT", path: "/api/documents/{id}",
			setup:  func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seed, false) },
			body:   edit(t, seed, func(m map[string]any) { m["issuer_id"] = "ubnd-tinh-thanh-hoa" }),
			status: 422, json: map[string]any{"/fields": length(1),
				"/fields/issuer_id": `Không đổi được cơ quan ban hành của dự thảo ("ubnd-tinh-thanh-hoa-2016"); hãy tạo dự thảo mới.`},
			check: func(t *testing.T, a *apptest.App, vars map[string]string, _ apptest.Response) {
				res := a.Do(t, "GET", "/api/documents/"+vars["id"], nil)
				assertJSON(t, res.Body, map[string]any{"/issuer_id": seedIssuer, "/status": "draft"})
			},
		},
		scenario{
			name: "issuer: a draft moved to a forbidden body, recipients by hand", method: "PUT", path: "/api/documents/{id}",
			setup:  func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seed, false) },
			body:   byHand("viet-nam", false),
			status: 422, json: map[string]any{"/fields/issuer_id": has("Không đổi được cơ quan ban hành")},
		},
		scenario{
			name: "issuer: a correction filed by another body", method: "POST", path: "/api/documents/{id}/corrections",
			setup: func(t *testing.T, a *apptest.App) map[string]string {
				return createDocument(t, a, edit(t, seed, func(m map[string]any) { m["issue"] = true }), true)
			},
			body:   edit(t, seed, func(m map[string]any) { m["issuer_id"] = "ubnd-tinh-thanh-hoa" }),
			status: 422, json: map[string]any{"/fields": length(1),
				"/fields/issuer_id": `Văn bản đính chính phải do chính cơ quan đã ban hành văn bản số 01/UBND-NC ("ubnd-tinh-thanh-hoa-2016") ban hành.`},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, _ apptest.Response) {
				res := a.Do(t, "GET", "/api/documents", nil)
				assertJSON(t, res.Body, map[string]any{"": length(1)})
			},
		},
		scenario{
			name: "issuer: a correction by the same body", method: "POST", path: "/api/documents/{id}/corrections",
			setup: func(t *testing.T, a *apptest.App) map[string]string {
				return createDocument(t, a, edit(t, seed, func(m map[string]any) { m["issue"] = true }), true)
			},
			body:   seed,
			status: 201, json: map[string]any{"/status": "draft", "/corrects_id": 1, "/issuer_id": seedIssuer},
		},
		scenario{
			name: "issuer: a draft whose issuer became another kind, issued", method: "POST", path: "/api/documents/{id}/issue",
			setup: func(t *testing.T, a *apptest.App) map[string]string {
				vars := createDocument(t, a, seed, false)
				res := a.Do(t, "PUT", "/api/directory/units.csv", strings.NewReader(asAgencyCSV), "Content-Type", "text/csv")
				if res.Status != 200 {
					t.Fatalf("setup: PUT units.csv: %d %s", res.Status, apptest.Excerpt(res.Body))
				}
				return vars
			},
			status: 422, json: map[string]any{"/fields": length(1),
				"/fields/issuer_id": `Đơn vị "ubnd-tinh-thanh-hoa-2016" (loại agency) không được ban hành Công văn; chỉ các đơn vị loại: people-committee.`},
			check: func(t *testing.T, a *apptest.App, vars map[string]string, _ apptest.Response) {
				res := a.Do(t, "GET", "/api/documents/"+vars["id"], nil)
				assertJSON(t, res.Body, map[string]any{"/status": "draft", "/number": 0})
			},
		},
		scenario{
			name: "issuer: without a symbol, issuing a draft", method: "POST", path: "/api/documents/{id}/issue",
			setup: func(t *testing.T, a *apptest.App) map[string]string {
				vars := createDocument(t, a, seed, false)
				dropSymbol(t, a)
				return vars
			},
			status: 422, json: map[string]any{"/fields": length(1), "/fields/issuer_id": noSymbolMsg},
			check: func(t *testing.T, a *apptest.App, vars map[string]string, _ apptest.Response) {
				res := a.Do(t, "GET", "/api/register", nil)
				assertJSON(t, res.Body, map[string]any{"": length(0)})
			},
		},
		scenario{
			name: "issuer: without a symbol, created and issued", method: "POST", path: "/api/documents",
			setup: func(t *testing.T, a *apptest.App) map[string]string {
				dropSymbol(t, a)
				return nil
			},
			body:   edit(t, seed, func(m map[string]any) { m["issue"] = true }),
			status: 422, json: map[string]any{"/fields/issuer_id": noSymbolMsg},
			check: noDocuments,
		},
		scenario{
			name: "issuer: without a symbol, still drafts", method: "POST", path: "/api/documents",
			setup: func(t *testing.T, a *apptest.App) map[string]string {
				dropSymbol(t, a)
				return nil
			},
			body:   seed,
			status: 201, json: map[string]any{"/status": "draft"},
		},
	)
	// Item 2: dates. The clock is apptest.Now, 5 March 2026 in Vietnam; the 2016 archive
	// (the seed's issuer) may date documents from 1 January 2016 (templates/register/dating.json);
	// every other issuer dates them the day they are numbered.
	dated := func(date string, issue bool) string {
		return edit(t, seed, func(m map[string]any) {
			submissionData(m)["ngay_ban_hanh"] = date
			if issue {
				m["issue"] = true
			}
		})
	}
	province := func(date string, issue bool) string {
		return edit(t, dated(date, issue), func(m map[string]any) { m["issuer_id"] = "ubnd-tinh-thanh-hoa" })
	}
	implausible := func(date, max string) string {
		return "Ngày ban hành: ngày " + date + " không hợp lệ; văn bản chỉ mang ngày từ 01/01/1945 đến " + max + "."
	}
	issuedWith := func(body string) func(t *testing.T, a *apptest.App) map[string]string {
		return func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, body, true) }
	}
	scenarios = append(scenarios,
		scenario{
			name: "dates: year 0001, issued", method: "POST", path: "/api/documents",
			body:   dated("0001-01-01", true),
			status: 422, json: map[string]any{"/fields": length(1), "/fields/data.ngay_ban_hanh": implausible("01/01/0001", "05/03/2027")},
			check: noDocuments,
		},
		scenario{
			name: "dates: year 1900, drafted", method: "POST", path: "/api/documents",
			body:   dated("01/01/1900", false),
			status: 422, json: map[string]any{"/fields": length(1), "/fields/data.ngay_ban_hanh": implausible("01/01/1900", "05/03/2027")},
			check: noDocuments,
		},
		scenario{
			name: "dates: year 2099, previewed", method: "POST", path: "/api/preview",
			body:   dated("2099-12-31", false),
			status: 422, json: map[string]any{"/fields/data.ngay_ban_hanh": implausible("31/12/2099", "05/03/2027")},
		},
		scenario{
			name: "dates: year 9999, a draft updated", method: "PUT", path: "/api/documents/{id}",
			setup:  func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seed, false) },
			body:   dated("9999-12-31", false),
			status: 422, json: map[string]any{"/fields/data.ngay_ban_hanh": implausible("31/12/9999", "05/03/2027")},
		},
		scenario{
			name: "dates: a meeting in 1900 in the minutes", method: "POST", path: "/api/preview",
			body: edit(t, string(apptest.ReadFile(t, "examples/forms/bien-ban-hop-xet-antt.json")),
				func(m map[string]any) { submissionData(m)["ngay_hop"] = "1900-01-01" }),
			status: 422, json: map[string]any{"/fields/data.ngay_hop": has("ngày 01/01/1900 không hợp lệ")},
		},
		scenario{
			name: "dates: a draft a year ahead is plausible", method: "POST", path: "/api/documents",
			body:   province("2027-03-05", false),
			status: 201, json: map[string]any{"/status": "draft", "/data/ngay_ban_hanh": "2027-03-05"},
		},
		scenario{
			name: "dates: an issuer without a window, dated yesterday", method: "POST", path: "/api/documents",
			body:   province("2026-03-04", true),
			status: 422, json: map[string]any{"/fields": length(1),
				"/fields/data.ngay_ban_hanh": "Ngày ban hành phải là ngày cấp số, hôm nay 05/03/2026; không ghi lùi hay ghi trước ngày (04/03/2026)."},
			check: noDocuments,
		},
		scenario{
			name: "dates: an issuer without a window, dated tomorrow, drafted then issued", method: "POST", path: "/api/documents/{id}/issue",
			setup: func(t *testing.T, a *apptest.App) map[string]string {
				return createDocument(t, a, province("2026-03-06", false), false)
			},
			status: 422, json: map[string]any{"/fields/data.ngay_ban_hanh": has("không ghi lùi hay ghi trước ngày (06/03/2026)")},
			check: func(t *testing.T, a *apptest.App, vars map[string]string, _ apptest.Response) {
				res := a.Do(t, "GET", "/api/documents/"+vars["id"], nil)
				assertJSON(t, res.Body, map[string]any{"/status": "draft", "/number": 0})
			},
		},
		scenario{
			name: "dates: an issuer without a window, dated today", method: "POST", path: "/api/documents",
			body:   province("05/03/2026", true),
			status: 201, json: map[string]any{"/status": "issued", "/year": 2026, "/number": 1},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, _ apptest.Response) {
				res := a.Do(t, "GET", "/api/register?issuer=ubnd-tinh-thanh-hoa", nil)
				assertJSON(t, res.Body, map[string]any{"": length(1), "/0/ngay_thang": "2026-03-05T00:00:00Z"})
				text := apptest.OpenDocx(t, a.Do(t, "GET", "/api/documents/1/docx", nil).Body).Text()
				if !strings.Contains(text, "Thanh Hoá, ngày 05 tháng 3 năm 2026") {
					t.Errorf("the document is not dated as the register:\n%s", text)
				}
			},
		},
		scenario{
			name: "dates: the archive, before its first day", method: "POST", path: "/api/documents",
			body:   dated("2015-12-31", true),
			status: 422, json: map[string]any{"/fields": length(1),
				"/fields/data.ngay_ban_hanh": "Ngày ban hành phải trong khoảng từ 01/01/2016 đến 05/03/2026; không nhận ngày 31/12/2015."},
			check: noDocuments,
		},
		scenario{
			name: "dates: a later number dated before the one before it", method: "POST", path: "/api/documents",
			setup:  issuedWith(dated("2016-02-03", true)),
			body:   dated("2016-02-01", true),
			status: 422, json: map[string]any{"/fields": length(1),
				"/fields/data.ngay_ban_hanh": "Ngày 01/02/2016 sớm hơn ngày 03/02/2016 của văn bản số 01/UBND-NC trong cùng sổ: số sau không được mang ngày sớm hơn số trước."},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, _ apptest.Response) {
				// The refused issue gave its number back: the next is 2.
				vars := createDocument(t, a, dated("2016-02-03", true), true)
				res := a.Do(t, "GET", "/api/documents/"+vars["id"], nil)
				assertJSON(t, res.Body, map[string]any{"/number": 2})
				reg := a.Do(t, "GET", "/api/register?issuer="+seedIssuer+"&year=2016", nil)
				assertJSON(t, reg.Body, map[string]any{"": length(2), "/1/so_ky_hieu": "02/UBND-NC", "/1/ngay_thang": "2016-02-03T00:00:00Z"})
			},
		},
		scenario{
			name: "dates: a draft issued after a later-dated number", method: "POST", path: "/api/documents/{id}/issue",
			setup: func(t *testing.T, a *apptest.App) map[string]string {
				vars := createDocument(t, a, dated("2016-02-01", false), false)
				createDocument(t, a, dated("2016-03-01", true), true)
				return vars
			},
			status: 422, json: map[string]any{"/fields/data.ngay_ban_hanh": has("sớm hơn ngày 01/03/2016 của văn bản số 01/UBND-NC")},
		},
		scenario{
			name: "dates: a form without a date is dated today in Vietnam", method: "POST", path: "/api/documents",
			body: edit(t, seed, func(m map[string]any) {
				delete(submissionData(m), "ngay_ban_hanh")
				m["issue"] = true
			}),
			status: 201, json: map[string]any{"/year": 2026, "/number": 1},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, _ apptest.Response) {
				res := a.Do(t, "GET", "/api/register?year=2026", nil)
				assertJSON(t, res.Body, map[string]any{"": length(1), "/0/ngay_thang": "2026-03-05T00:00:00Z"})
			},
		},
	)
	return scenarios
}
