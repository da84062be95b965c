package httpapi_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"vanthu/directory"
	"vanthu/forms"
	"vanthu/internal/apptest"
	"vanthu/register"
)

// scenario is one request to the API against a fresh application (a new database with the
// demo directory) and what the response must hold.
type scenario struct {
	name   string
	method string
	// path may hold placeholders {name} filled from what setup returns.
	path string
	// body is sent as is (placeholders filled); file, a path from the module root, is sent
	// instead when set.
	body string
	file string
	// chunked sends the body without Content-Length.
	chunked bool
	header  []string // name, value pairs; values may hold placeholders
	// setup prepares the database through the API and returns the placeholders' values.
	setup func(t *testing.T, a *apptest.App) map[string]string

	status int
	// contains are substrings of the body.
	contains []string
	// json maps a JSON pointer (RFC 6901; "" is the whole body) to the value found there:
	// a plain value compares equal (after a JSON round trip, so 1 matches 1.0 and []string
	// matches []any), has/length/pattern/present compare loosely.
	json map[string]any
	// headers maps a response header to a substring of its value.
	headers map[string]string
	// docx are substrings of the text of word/document.xml of a .docx body, which must
	// open as a zip with well-formed XML parts.
	docx []string
	// check makes further assertions; vars are setup's placeholders.
	check func(t *testing.T, a *apptest.App, vars map[string]string, res apptest.Response)
}

// Loose JSON expectations.
type (
	has     string // a string holding this
	length  int    // an array or object with this many elements
	pattern string // a string matching this regular expression
	present struct{}
)

const (
	seedFile   = "examples/forms/cong-van.json"
	seedIssuer = "ubnd-tinh-thanh-hoa-2016"
	docxType   = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// The seed dispatch 1028/UBND-NC: its Kính gửi and Nơi nhận, as printed. (It prints "BCD
// 138 Chính phủ", a typing slip for "BCĐ", which the directory spells right.)
var (
	seedKinhGui = []string{"Các sở, ban, ngành, đoàn thể cấp tỉnh", "UBND các huyện, thị xã, thành phố"}
	seedNoiNhan = []string{"Như trên", "BCĐ 138 Chính phủ", "Văn phòng Chính phủ", "TTr Tỉnh ủy, HĐND tỉnh",
		"Chủ tịch, các PCT UBND tỉnh", "Cục V11, V28, Bộ Công an"}
	seedArchive = "VT, NC (3)"
)

func TestAPIScenarios(t *testing.T) {
	data := apptest.LoadData(t)
	scenarios := apiScenarios(t, data)
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

// apiScenarios is the table. Each scenario runs on its own fresh database, so document ids
// start at 1 and the first issue of each year's series gets number 1.
func apiScenarios(t *testing.T, data *apptest.Data) []scenario {
	seed := string(apptest.ReadFile(t, seedFile))
	seedIssue := edit(t, seed, func(m map[string]any) { m["issue"] = true })
	// undated has no date of issue: it is dated, and numbered in the series of, the day it
	// is issued (the fixed clock's 2026), where the seed is dated 01/02/2016.
	undated := edit(t, seed, func(m map[string]any) { delete(submissionData(m), "ngay_ban_hanh"); m["issue"] = true })
	seedEdited := edit(t, seed, func(m map[string]any) { submissionData(m)["trich_yeu"] = "đôn đốc thực hiện Đề án 375" })
	demoUnits := len(data.Demo.Units())
	unitsCSV := csvOf(t, data.Demo.Units(), "")
	unitsWithout2016Issuer := csvOf(t, data.Demo.Units(), seedIssuer)
	big := `{"form":"cong-van","issuer_id":"` + seedIssuer + `","data":{"noi_dung":"` +
		strings.Repeat("Trong những năm qua, ", apptest.MaxBody/20) + `"}}`

	formIDs := make([]string, 0, 7)
	for _, def := range data.Catalog.List() {
		formIDs = append(formIDs, def.ID)
	}

	scenarios := []scenario{
		{
			name: "health", method: "GET", path: "/healthz",
			status: 200, json: map[string]any{"/status": "ok"},
		},

		// Forms.
		{
			name: "forms list", method: "GET", path: "/api/forms",
			status: 200,
			json: map[string]any{"": length(len(formIDs)), "/0/id": "cong-van", "/0/title": "Công văn", "/0/family": "van-ban",
				"/0/legal_basis/0": has("Nghị định 30/2020/NĐ-CP")},
			contains: []string{`"title":"Giấy khen"`, `"title":"Tờ trình đề nghị khen thưởng"`,
				`"title":"Quyết định thành lập Tổ bảo vệ an ninh, trật tự"`, `"title":"Quyết định kiện toàn Ban Chỉ đạo"`,
				`"title":"Biên bản họp xét, đề nghị công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”"`},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				var list []struct{ ID, Title string }
				res.JSON(t, &list)
				var ids []string
				for _, f := range list {
					ids = append(ids, f.ID)
					if !vietnamese.MatchString(f.Title) {
						t.Errorf("form %s: title %q has no Vietnamese letter", f.ID, f.Title)
					}
				}
				if !reflect.DeepEqual(ids, formIDs) {
					t.Errorf("form ids = %v, want the catalog's %v", ids, formIDs)
				}
			},
		},
		{
			name: "form with its fields and rules", method: "GET", path: "/api/forms/cong-van",
			status: 200,
			json: map[string]any{"/id": "cong-van", "/kind": "cong-van", "/routing": "cong-van-chi-dao-tinh",
				"/drafting_unit": "NC", "/fields": length(15),
				"/fields/0": map[string]any{"name": "trich_yeu", "label": "Trích yếu", "type": "text", "required": true, "max_length": 2000,
					"rules": "max=300", "help": "Nội dung sau chữ “V/v”, không viết “V/v”.",
					"placeholder": "tăng cường chỉ đạo thực hiện …", "target": "subject"},
				"/fields/3/rules": "symbol,max=20", "/fields/4/rules": "min=1,max=99", "/fields/5/type": "date",
				"/fields/6/options": []string{"TM.", "KT.", "Q.", "TL.", "TUQ."},
				"/fields/10": map[string]any{"name": "do_mat", "label": "Độ mật", "type": "select", "target": "secrecy", "max_length": 2000,
					"options": []string{"MẬT", "TỐI MẬT", "TUYỆT MẬT"}, "help": "Chỉ chọn khi văn bản có nội dung bí mật nhà nước; văn bản mật được đăng ký, đánh số riêng (Nghị định 30/2020/NĐ-CP, Điều 15)."},
				"/fields/11/options": []string{"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"}},
		},
		{
			name: "unknown form", method: "GET", path: "/api/forms/nope",
			status: 404, json: map[string]any{"/code": "not_found", "/message": `Không có biểu mẫu "nope".`},
		},
		{
			name: "blank form", method: "GET", path: "/api/forms/cong-van/blank.docx",
			status:  200,
			headers: map[string]string{"Content-Type": docxType, "Content-Disposition": `filename="mau-cong-van.docx"`},
			docx:    []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số:", "/…", "V/v", "Kính gửi:", "Nơi nhận:", "- Lưu: VT, NC (", "………"},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				if text := apptest.OpenDocx(t, res.Body).Text(); strings.Contains(text, "ỦY BAN NHÂN DÂN") {
					t.Error("a blank form without a unit prints a unit's name in its header")
				}
			},
		},
		{
			name: "blank form with a unit's header", method: "GET", path: "/api/forms/cong-van/blank.docx?unit=ubnd-xa-dong-tien",
			status:  200,
			headers: map[string]string{"Content-Type": docxType},
			docx:    []string{"ỦY BAN NHÂN DÂN", "XÃ ĐÔNG TIẾN", "/UBND-NC", "Đông Tiến, ngày", "…………", "Kính gửi:", "Nơi nhận:"},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				doc := apptest.OpenDocx(t, res.Body).Document()
				for _, s := range []string{"ỦY BAN NHÂN DÂN", "XÃ ĐÔNG TIẾN", "…"} {
					if !strings.Contains(doc, s) {
						t.Errorf("word/document.xml lacks %q", s)
					}
				}
			},
		},
		{
			name: "blank form of an unknown unit", method: "GET", path: "/api/forms/cong-van/blank.docx?unit=nope",
			status: 404, json: map[string]any{"/code": "not_found", "/message": `Không có đơn vị "nope" trong danh bạ.`},
		},
		{
			name: "blank form of an unknown form", method: "GET", path: "/api/forms/nope/blank.docx",
			status: 404, json: map[string]any{"/code": "not_found", "/message": has("Không có biểu mẫu")},
		},

		// Directory.
		{
			name: "units", method: "GET", path: "/api/units",
			status: 200,
			json: map[string]any{"": length(demoUnits), "/0/id": "viet-nam",
				"/1": map[string]any{"id": "bcd-138-chinh-phu", "parent_id": "viet-nam", "kind": "steering-committee",
					"name": "Ban Chỉ đạo phòng, chống tội phạm của Chính phủ", "short_name": "BCĐ138", "label": "BCĐ 138 Chính phủ",
					"head_title": "Trưởng ban", "place": "Hà Nội"}},
			contains: []string{`"id":"ubnd-xa-dong-tien"`, `"id":"ubnd-tinh-thanh-hoa-2016"`},
		},
		{
			name: "units of a parent and a kind", method: "GET", path: "/api/units?parent=tinh-thanh-hoa&kind=department",
			status: 200, json: map[string]any{"/0/id": "so-noi-vu", "/0/name": "Sở Nội vụ"},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				var units []directory.Unit
				res.JSON(t, &units)
				if len(units) < 4 {
					t.Errorf("%d departments under tinh-thanh-hoa, want at least 4", len(units))
				}
				for _, u := range units {
					if u.Kind != "department" || u.ParentID != "tinh-thanh-hoa" {
						t.Errorf("unit %s (%s under %s) does not match the filter", u.ID, u.Kind, u.ParentID)
					}
				}
			},
		},
		{
			name: "unit with its header lines", method: "GET", path: "/api/units/ubnd-tinh-thanh-hoa",
			status: 200,
			json: map[string]any{"/id": "ubnd-tinh-thanh-hoa", "/name": "Ủy ban nhân dân tỉnh Thanh Hoá", "/short_name": "UBND",
				"/place": "Thanh Hoá", "/header_parent": "", "/header_issuer": "ỦY BAN NHÂN DÂN TỈNH THANH HOÁ"},
		},
		{
			name: "unit under a cơ quan chủ quản", method: "GET", path: "/api/units/cong-an-xa-dong-tien",
			status: 200,
			json: map[string]any{"/header_parent": "CÔNG AN TỈNH THANH HOÁ", "/header_issuer": "CÔNG AN XÃ ĐÔNG TIẾN",
				"/short_name": "CAX"},
		},
		{
			name: "unknown unit", method: "GET", path: "/api/units/nope",
			status: 404, json: map[string]any{"/code": "not_found", "/message": "Không có đơn vị này trong danh bạ."},
		},
		{
			name: "groups", method: "GET", path: "/api/groups",
			status: 200,
			json: map[string]any{"": length(len(data.Demo.Groups())), "/0/id": "so-ban-nganh-tinh",
				"/0/name": "Các sở, ban, ngành, đoàn thể cấp tỉnh", "/0/members": length(9), "/0/members/0": "cong-an-tinh-thanh-hoa"},
		},
		{
			name: "routing rules", method: "GET", path: "/api/routing",
			status: 200,
			json: map[string]any{"": length(len(data.Rules)), "/0/id": "bao-cao-len-cap-tren",
				"/2/id": "cong-van-chi-dao-tinh", "/2/archive": "VT, {drafting_unit}", "/2/to": length(2), "/2/copies": length(5)},
		},
		{
			name: "units as CSV", method: "GET", path: "/api/directory/units.csv",
			status:  200,
			headers: map[string]string{"Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `filename="units.csv"`},
			contains: []string{"\uFEFFid,parent_id,kind,name,short_name,label,head_title,place\n",
				"\nubnd-xa-dong-tien,xa-dong-tien,people-committee,Ủy ban nhân dân xã Đông Tiến,UBND,UBND xã Đông Tiến,Chủ tịch,Đông Tiến\n"},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				if !bytes.HasPrefix(res.Body, []byte("\uFEFFid,")) {
					t.Errorf("the CSV does not start with a BOM and the header: %q", apptest.Excerpt(res.Body))
				}
				if string(res.Body) != unitsCSV {
					t.Error("the exported CSV differs from the demo directory written by directory.WriteCSV")
				}
			},
		},
		{
			name: "groups as CSV", method: "GET", path: "/api/directory/groups.csv",
			status:   200,
			contains: []string{"\uFEFFid,name,members\n", `so-ban-nganh-tinh,"Các sở, ban, ngành, đoàn thể cấp tỉnh",cong-an-tinh-thanh-hoa;so-noi-vu;`},
		},
		{
			name: "units CSV with a stray quote", method: "PUT", path: "/api/directory/units.csv",
			body:   "id,parent_id,kind,name\nviet-nam,,nation,Việt Nam\nso-x,viet-nam,department,Sở \"Nội vụ\n",
			status: 400,
			json:   map[string]any{"/code": "bad_input", "/message": "dòng 3: tệp CSV không đọc được: dấu ngoặc kép (\") đặt sai chỗ"},
			check:  directoryUnchanged(unitsCSV),
		},
		{
			name: "units CSV with a unit without a name", method: "PUT", path: "/api/directory/units.csv",
			body:   "\uFEFFid,parent_id,kind,name\nviet-nam,,nation,Việt Nam\nso-x,viet-nam,department,\n",
			status: 422,
			json:   map[string]any{"/code": "invalid", "/message": "dòng 3: thiếu tên đơn vị (name)"},
			check:  directoryUnchanged(unitsCSV),
		},
		{
			name: "units CSV with an unknown kind and parent", method: "PUT", path: "/api/directory/units.csv",
			body:     "id;kind;name;parent_id\nviet-nam;nation;Việt Nam;\nso-x;sở;Sở X;nowhere\n",
			status:   422,
			json:     map[string]any{"/message": has(`dòng 3: loại đơn vị (kind) "sở" không hợp lệ`)},
			contains: []string{`dòng 3: đơn vị cha (parent_id) \"nowhere\" không có trong tệp`},
			check:    directoryUnchanged(unitsCSV),
		},
		{
			name: "units CSV without a header", method: "PUT", path: "/api/directory/units.csv",
			body:   "",
			status: 400, json: map[string]any{"/code": "bad_input", "/message": has("tệp trống")},
			check: directoryUnchanged(unitsCSV),
		},
		{
			name: "units CSV dropping the issuer of a document", method: "PUT", path: "/api/directory/units.csv",
			setup:  func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seed, false) },
			body:   unitsWithout2016Issuer,
			status: 409,
			json:   map[string]any{"/code": "conflict", "/message": has("Danh mục mới thiếu đơn vị đã ban hành hoặc đang soạn văn bản")},
			check:  directoryUnchanged(unitsCSV),
		},
		{
			name: "units CSV imported back", method: "PUT", path: "/api/directory/units.csv",
			body:   strings.Replace(unitsCSV, "Ủy ban nhân dân xã Đông Tiến", "UBND xã Đông Tiến (mới)", 1),
			status: 200, json: map[string]any{"/units": demoUnits},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				u := a.Do(t, "GET", "/api/units/ubnd-xa-dong-tien", nil)
				assertJSON(t, u.Body, map[string]any{"/name": "UBND xã Đông Tiến (mới)"})
			},
		},
		{
			name: "groups CSV naming an unknown unit", method: "PUT", path: "/api/directory/groups.csv",
			body:   "id,name,members\ng,Nhóm,so-noi-vu;khong-co\n",
			status: 422, contains: []string{"khong-co"},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				g := a.Do(t, "GET", "/api/groups", nil)
				assertJSON(t, g.Body, map[string]any{"": length(len(data.Demo.Groups())), "/0/id": "so-ban-nganh-tinh"})
			},
		},

		// Routing and preview.
		{
			name: "route the seed", method: "POST", path: "/api/route", file: seedFile,
			status: 200,
			json:   map[string]any{"/kinh_gui": seedKinhGui, "/noi_nhan": seedNoiNhan, "/archive": seedArchive, "": length(3)},
		},
		{
			name: "route with the user's edits", method: "POST", path: "/api/route",
			body: edit(t, seed, func(m map[string]any) {
				m["edit"] = map[string]any{"add_noi_nhan": []string{"- Sở Tư pháp;"}, "remove_noi_nhan": []string{"văn phòng chính phủ"},
					"add_kinh_gui": []string{"Công an tỉnh"}, "archive": "Lưu: VT, NC (2)"}
			}),
			status: 200,
			json: map[string]any{"/kinh_gui": append(append([]string{}, seedKinhGui...), "Công an tỉnh"),
				"/noi_nhan": []string{"Như trên", "BCĐ 138 Chính phủ", "TTr Tỉnh ủy, HĐND tỉnh", "Chủ tịch, các PCT UBND tỉnh",
					"Cục V11, V28, Bộ Công an", "Sở Tư pháp"},
				"/archive": "VT, NC (2)"},
		},
		{
			name: "route an invalid submission", method: "POST", path: "/api/route",
			body:   `{"form":"cong-van","issuer_id":"` + seedIssuer + `","data":{"so_ban_luu":"ba"}}`,
			status: 422, json: map[string]any{"/fields/data.so_ban_luu": "Số bản lưu phải là một số", "/fields/data.trich_yeu": has("Trích yếu")},
		},

		// Documents: validation of the request.
		{
			name: "document with invalid data", method: "POST", path: "/api/documents",
			body: `{"form":"cong-van","issuer_id":"` + seedIssuer + `","data":{"trich_yeu":"` + strings.Repeat("a", 301) +
				`","so_ban_luu":0,"ngay_ban_hanh":"31/02/2016","don_vi_soan_thao":"nc","quyen_han_ky":"XX.","la":"1"}}`,
			status: 422,
			json: map[string]any{"/code": "invalid", "/message": "Dữ liệu chưa hợp lệ, xin kiểm tra các trường được đánh dấu.",
				"/fields/data.trich_yeu":        has("Trích yếu"),
				"/fields/data.noi_dung":         "Nội dung là trường bắt buộc",
				"/fields/data.so_ban_luu":       "Số bản lưu phải bằng 1 hoặc lớn hơn",
				"/fields/data.ngay_ban_hanh":    has("Ngày ban hành phải là một ngày có thật"),
				"/fields/data.don_vi_soan_thao": has("Đơn vị soạn thảo phải là ký hiệu viết hoa"),
				"/fields/data.quyen_han_ky":     "Quyền hạn ký phải là một trong các giá trị: TM., KT., Q., TL., TUQ.",
				"/fields/data.chuc_vu_nguoi_ky": "Chức vụ người ký là trường bắt buộc",
				"/fields/data.ho_ten_nguoi_ky":  "Họ và tên người ký là trường bắt buộc",
				"/fields/data.la":               "Trường không có trong biểu mẫu",
				"/fields":                       length(9)},
			check: noDocuments,
		},
		{
			name: "document with no data at all", method: "POST", path: "/api/documents",
			body:   `{"form":"cong-van","issuer_id":"` + seedIssuer + `"}`,
			status: 422, json: map[string]any{"/fields/data.trich_yeu": "Trích yếu là trường bắt buộc"},
		},
		{
			name: "document that is not JSON", method: "POST", path: "/api/documents",
			body:   `{"form": "cong-van",`,
			status: 400, json: map[string]any{"/code": "bad_input", "/message": has("không phải JSON hợp lệ")},
			check: noDocuments,
		},
		{
			name: "document with a syntax error", method: "POST", path: "/api/documents",
			body:   `{"form" "cong-van"}`,
			status: 400, json: map[string]any{"/message": "Nội dung gửi lên không phải JSON hợp lệ (lỗi ở ký tự thứ 9)."},
		},
		{
			name: "document with an unknown top-level field", method: "POST", path: "/api/documents",
			body:   edit(t, seed, func(m map[string]any) { m["so"] = 1028 }),
			status: 400, json: map[string]any{"/code": "bad_input", "/message": `Trường "so" không được hỗ trợ.`},
			check: noDocuments,
		},
		{
			// The message should name the field "form" as /api/route does; it says
			// "Submission.form" (see the report: decodeJSON and the embedded Submission).
			name: "document with a field of the wrong type", method: "POST", path: "/api/documents",
			body:   `{"form":["cong-van"],"issuer_id":"x","data":{}}`,
			status: 400, json: map[string]any{"/code": "bad_input", "/message": has(`form" có kiểu dữ liệu không đúng.`)},
		},
		{
			name: "route with a field of the wrong type", method: "POST", path: "/api/route",
			body:   `{"form":"cong-van","issuer_id":"x","data":{},"edit":{"add_noi_nhan":"Sở Tư pháp"}}`,
			status: 400, json: map[string]any{"/code": "bad_input", "/message": `Trường "edit.add_noi_nhan" có kiểu dữ liệu không đúng.`},
		},
		{
			name: "document with data after the object", method: "POST", path: "/api/documents",
			body:   seed + `{}`,
			status: 400, json: map[string]any{"/message": "Nội dung gửi lên có dữ liệu thừa sau đối tượng JSON."},
			check: noDocuments,
		},
		{
			name: "document without a body", method: "POST", path: "/api/documents",
			status: 400, json: map[string]any{"/message": "Thiếu nội dung JSON trong yêu cầu."},
		},
		{
			name: "document of an unknown form", method: "POST", path: "/api/documents",
			body:   edit(t, seed, func(m map[string]any) { m["form"] = "cong-van-mat" }),
			status: 422, json: map[string]any{"/code": "invalid", "/fields": length(1), "/fields/form": `Không có biểu mẫu "cong-van-mat".`},
		},
		{
			name: "document of an unknown issuer", method: "POST", path: "/api/documents",
			body:   edit(t, seed, func(m map[string]any) { m["issuer_id"] = "ubnd-tinh-nghe-an" }),
			status: 422,
			json:   map[string]any{"/fields": length(1), "/fields/issuer_id": `Không có đơn vị "ubnd-tinh-nghe-an" trong danh bạ.`},
		},
		{
			name: "document whose issuer the routing rule refuses", method: "POST", path: "/api/documents",
			body:   edit(t, seed, func(m map[string]any) { m["issuer_id"] = "so-noi-vu" }),
			status: 422, json: map[string]any{"/fields/issuer_id": has(`"so-noi-vu" (loại department) không được ban hành Công văn`)},
		},
		{
			name: "document over the body limit", method: "POST", path: "/api/documents",
			body:   big,
			status: 413, json: map[string]any{"/code": "too_large", "/message": "Dữ liệu gửi lên quá lớn."},
			check: noDocuments,
		},
		{
			name: "document over the body limit, chunked", method: "POST", path: "/api/documents",
			body: big, chunked: true,
			status: 413, json: map[string]any{"/code": "too_large", "/message": "Dữ liệu gửi lên quá lớn."},
			check: noDocuments,
		},
		{
			name: "document just under the body limit, chunked", method: "POST", path: "/api/route",
			body: edit(t, seed, func(m map[string]any) {
				m["edit"] = map[string]any{"add_noi_nhan": []string{strings.Repeat(" ", apptest.MaxBody-len(seed)-200) + "Sở Tư pháp"}}
			}),
			chunked: true,
			status:  200, json: map[string]any{"/noi_nhan/6": "Sở Tư pháp"},
		},

		// Documents: preview, draft, issue, correct.
		{
			name: "draft", method: "POST", path: "/api/documents", file: seedFile,
			status:  201,
			headers: map[string]string{"Location": "/api/documents/1"},
			json: map[string]any{"/id": 1, "/status": "draft", "/number": 0, "/year": 0, "/form": "cong-van",
				"/issuer_id": seedIssuer, "/symbol": "UBND-NC", "/kind_title": "Công văn",
				"/subject":         "V/v tăng cường chỉ đạo thực hiện Đề án 375 của UBND tỉnh và Chỉ thị số 10 của Chủ tịch UBND tỉnh",
				"/data/so_ban_luu": 3, "/data/ngay_ban_hanh": "2016-02-01",
				"/recipients": map[string]any{"kinh_gui": seedKinhGui, "noi_nhan": seedNoiNhan, "archive": seedArchive},
				"/sha256":     nil, "/issued_at": nil},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				got := a.Do(t, "GET", "/api/documents/1", nil)
				assertJSON(t, got.Body, map[string]any{"/id": 1, "/status": "draft", "/subject": has("Đề án 375")})
			},
		},
		{
			name: "draft edited", method: "PUT", path: "/api/documents/{id}",
			setup:  func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seed, false) },
			body:   seedEdited,
			status: 200,
			json:   map[string]any{"/id": 1, "/status": "draft", "/number": 0, "/subject": "V/v đôn đốc thực hiện Đề án 375"},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				got := a.Do(t, "GET", "/api/documents/1", nil)
				assertJSON(t, got.Body, map[string]any{"/subject": "V/v đôn đốc thực hiện Đề án 375",
					"/data/trich_yeu": "đôn đốc thực hiện Đề án 375"})
			},
		},
		{
			name: "draft edited with invalid data", method: "PUT", path: "/api/documents/{id}",
			setup:  func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seed, false) },
			body:   edit(t, seed, func(m map[string]any) { delete(submissionData(m), "noi_dung") }),
			status: 422, json: map[string]any{"/fields/data.noi_dung": "Nội dung là trường bắt buộc"},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				got := a.Do(t, "GET", "/api/documents/1", nil)
				assertJSON(t, got.Body, map[string]any{"/data/noi_dung": has("Trong những năm qua")})
			},
		},
		{
			name: "unknown draft edited", method: "PUT", path: "/api/documents/7", body: seed,
			status: 404, json: map[string]any{"/code": "not_found", "/message": "Không tìm thấy văn bản."},
		},
		{
			name: "draft previewed", method: "GET", path: "/api/documents/{id}/docx",
			setup:   func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seed, false) },
			status:  200,
			headers: map[string]string{"Content-Type": docxType, "Content-Disposition": "du-thao-1.docx"},
			docx:    []string{"ỦY BAN NHÂN DÂN", "TỈNH THANH HOÁ", "Số:", "/UBND-NC", "Thanh Hoá, ngày 01 tháng 02 năm 2016", "- Như trên;"},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				if res.Header.Get("ETag") != "" {
					t.Errorf("a draft's preview has an ETag %q: it is not a stored file", res.Header.Get("ETag"))
				}
				if text := apptest.OpenDocx(t, res.Body).Text(); strings.Contains(text, "01/UBND-NC") {
					t.Error("a draft's preview carries a number")
				}
			},
		},
		{
			name: "draft issued", method: "POST", path: "/api/documents/{id}/issue",
			setup:  func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seed, false) },
			status: 200,
			json: map[string]any{"/id": 1, "/status": "issued", "/number": 1, "/year": 2016, "/symbol": "UBND-NC",
				"/sha256": pattern(`^[0-9a-f]{64}$`), "/issued_at": has("2026-03-05T03:00:00")},
		},
		{
			name: "undated document issued at once", method: "POST", path: "/api/documents",
			body:   undated,
			status: 201,
			json: map[string]any{"/id": 1, "/status": "issued", "/number": 1, "/year": 2026,
				"/data/ngay_ban_hanh": "", "/sha256": pattern(`^[0-9a-f]{64}$`)},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				file := a.Do(t, "GET", "/api/documents/1/docx", nil)
				text := apptest.OpenDocx(t, file.Body).Text()
				if !strings.Contains(text, "Thanh Hoá, ngày 05 tháng 3 năm 2026") || !strings.Contains(text, "Số: 01/UBND-NC") {
					t.Errorf("the undated document is not dated and numbered on the day of issue:\n%s", firstWords(text))
				}
			},
		},
		{
			name: "drafted and issued at once", method: "POST", path: "/api/documents",
			body:    seedIssue,
			status:  201,
			headers: map[string]string{"Location": "/api/documents/1"},
			json:    map[string]any{"/id": 1, "/status": "issued", "/number": 1, "/year": 2016, "/sha256": pattern(`^[0-9a-f]{64}$`)},
		},
		{
			name: "second issue of the year", method: "POST", path: "/api/documents/{id}/issue",
			setup: func(t *testing.T, a *apptest.App) map[string]string {
				createDocument(t, a, seedIssue, true)
				return createDocument(t, a, seed, false)
			},
			status: 200, json: map[string]any{"/id": 2, "/number": 2, "/year": 2016},
		},
		{
			name: "first issue of another year", method: "POST", path: "/api/documents",
			setup: func(t *testing.T, a *apptest.App) map[string]string {
				createDocument(t, a, seedIssue, true)
				return createDocument(t, a, seedIssue, true)
			},
			body:   undated,
			status: 201, json: map[string]any{"/id": 3, "/number": 1, "/year": 2026},
		},
		{
			name: "issued document issued again", method: "POST", path: "/api/documents/{id}/issue",
			setup:  func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seedIssue, true) },
			status: 409,
			json:   map[string]any{"/code": "conflict", "/message": "Văn bản đã ban hành, không thể ban hành lại."},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				reg := a.Do(t, "GET", "/api/register", nil)
				assertJSON(t, reg.Body, map[string]any{"": length(1), "/0/number": 1})
			},
		},
		{
			name: "unknown document issued", method: "POST", path: "/api/documents/42/issue",
			status: 404, json: map[string]any{"/message": "Không tìm thấy văn bản."},
		},
		{
			name: "issued document edited", method: "PUT", path: "/api/documents/{id}",
			setup:  func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seedIssue, true) },
			body:   seedEdited,
			status: 409,
			json: map[string]any{"/code": "conflict",
				"/message": "Văn bản đã ban hành, không thể sửa; hãy ban hành công văn đính chính."},
			check: func(t *testing.T, a *apptest.App, vars map[string]string, res apptest.Response) {
				got := a.Do(t, "GET", "/api/documents/1", nil)
				assertJSON(t, got.Body, map[string]any{"/subject": has("tăng cường chỉ đạo"), "/sha256": vars["sha"]})
			},
		},
		{
			name: "issued document downloaded", method: "GET", path: "/api/documents/{id}/docx",
			setup:   func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seedIssue, true) },
			status:  200,
			headers: map[string]string{"Content-Type": docxType, "Content-Disposition": `filename="01-UBND-NC.docx"`},
			docx:    []string{"Số: 01/UBND-NC", "Thanh Hoá, ngày 01 tháng 02 năm 2016", "Nguyễn Đình Xúng"},
			check: func(t *testing.T, a *apptest.App, vars map[string]string, res apptest.Response) {
				sum := sha256.Sum256(res.Body)
				digest := hex.EncodeToString(sum[:])
				if digest != vars["sha"] {
					t.Errorf("the file hashes to %s; the document says %s", digest, vars["sha"])
				}
				if got := res.Header.Get("ETag"); got != `"`+vars["sha"]+`"` {
					t.Errorf("ETag = %s, want the quoted SHA-256 %s", got, vars["sha"])
				}
				if got := res.Header.Get("X-Content-SHA256"); got != vars["sha"] {
					t.Errorf("X-Content-SHA256 = %s", got)
				}
				again := a.Do(t, "GET", "/api/documents/1/docx", nil)
				if !bytes.Equal(again.Body, res.Body) {
					t.Error("the stored file changes from one download to the next")
				}
			},
		},
		{
			name: "issued document not modified", method: "GET", path: "/api/documents/{id}/docx",
			setup:  func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seedIssue, true) },
			header: []string{"If-None-Match", `"{sha}"`},
			status: 304,
			check: func(t *testing.T, a *apptest.App, vars map[string]string, res apptest.Response) {
				if len(res.Body) != 0 {
					t.Errorf("304 with a %d-byte body", len(res.Body))
				}
				if got := res.Header.Get("ETag"); got != `"`+vars["sha"]+`"` {
					t.Errorf("ETag = %s, want %q", got, vars["sha"])
				}
				stale := a.Do(t, "GET", "/api/documents/1/docx", nil, "If-None-Match", `"0000"`)
				if stale.Status != 200 || len(stale.Body) == 0 {
					t.Errorf("a stale ETag gets %d with %d bytes, want 200 with the file", stale.Status, len(stale.Body))
				}
			},
		},
		{
			name: "documents issued", method: "GET", path: "/api/documents?status=issued",
			setup: func(t *testing.T, a *apptest.App) map[string]string {
				createDocument(t, a, seed, false)
				return createDocument(t, a, seedIssue, true)
			},
			status: 200, json: map[string]any{"": length(1), "/0/id": 2, "/0/status": "issued", "/0/number": 1},
		},
		{
			name: "documents of an issuer and a year", method: "GET", path: "/api/documents?issuer=" + seedIssuer + "&year=2016&limit=5",
			setup: func(t *testing.T, a *apptest.App) map[string]string {
				createDocument(t, a, seed, false)
				return createDocument(t, a, seedIssue, true)
			},
			status: 200, json: map[string]any{"": length(1), "/0/id": 2, "/0/year": 2016},
		},
		{
			name: "documents of an unknown status", method: "GET", path: "/api/documents?status=lost",
			status: 422, json: map[string]any{"/fields/status": "Trạng thái phải là draft hoặc issued."},
		},
		{
			name: "documents of a year that is not a number", method: "GET", path: "/api/documents?year=abc",
			status: 422, json: map[string]any{"/code": "invalid", "/fields/year": "Năm phải là số nguyên từ 0 đến 9999."},
		},
		{
			name: "documents with a negative offset", method: "GET", path: "/api/documents?offset=-1",
			status: 422, json: map[string]any{"/fields/offset": has("Vị trí bắt đầu")},
		},
		{
			name: "document with an id that is not a number", method: "GET", path: "/api/documents/abc",
			status: 404, json: map[string]any{"/code": "not_found", "/message": "Không tìm thấy văn bản."},
		},
		{
			name: "unknown document", method: "GET", path: "/api/documents/99",
			status: 404, json: map[string]any{"/code": "not_found", "/message": "Không tìm thấy văn bản."},
		},
		{
			name: "correction of an issued document", method: "POST", path: "/api/documents/{id}/corrections",
			setup:   func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seedIssue, true) },
			body:    seedEdited,
			status:  201,
			headers: map[string]string{"Location": "/api/documents/2"},
			json:    map[string]any{"/id": 2, "/status": "draft", "/number": 0, "/corrects_id": 1, "/subject": "V/v đôn đốc thực hiện Đề án 375"},
			check: func(t *testing.T, a *apptest.App, vars map[string]string, res apptest.Response) {
				orig := a.Do(t, "GET", "/api/documents/1", nil)
				assertJSON(t, orig.Body, map[string]any{"/status": "issued", "/sha256": vars["sha"], "/subject": has("tăng cường")})
			},
		},
		{
			name: "correction of a draft", method: "POST", path: "/api/documents/{id}/corrections",
			setup:  func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seed, false) },
			body:   seedEdited,
			status: 422,
			json:   map[string]any{"/code": "invalid", "/fields/corrects_id": "Văn bản được đính chính phải là văn bản đã ban hành."},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				list := a.Do(t, "GET", "/api/documents", nil)
				assertJSON(t, list.Body, map[string]any{"": length(1)})
			},
		},
		{
			name: "correction of an unknown document", method: "POST", path: "/api/documents/5/corrections", body: seed,
			status: 422, json: map[string]any{"/fields/corrects_id": has("đã ban hành")},
		},

		// The register.
		{
			name: "register", method: "GET", path: "/api/register?issuer=" + seedIssuer + "&year=2016",
			setup:  func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seedIssue, true) },
			status: 200,
			json: map[string]any{"": length(1), "/0/document_id": 1, "/0/number": 1, "/0/year": 2016,
				"/0/so_ky_hieu":         "01/UBND-NC",
				"/0/ngay_thang":         "2016-02-01T00:00:00Z",
				"/0/ten_loai_trich_yeu": "Công văn V/v tăng cường chỉ đạo thực hiện Đề án 375 của UBND tỉnh và Chỉ thị số 10 của Chủ tịch UBND tỉnh",
				"/0/nguoi_ky":           "Nguyễn Đình Xúng",
				"/0/noi_nhan":           strings.Join(append(append([]string{}, seedKinhGui...), seedNoiNhan[1:]...), "; "),
				"/0/don_vi_luu":         seedArchive,
				"/0/so_luong_ban":       2 + 5 + 3,
				"/0/ngay_chuyen":        "", "/0/ky_nhan": "", "/0/ghi_chu": ""},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				var entries []map[string]any
				res.JSON(t, &entries)
				if len(entries) != 1 {
					t.Fatalf("%d register lines", len(entries))
				}
				for _, key := range []string{"so_ky_hieu", "ngay_thang", "ten_loai_trich_yeu", "nguoi_ky", "noi_nhan",
					"don_vi_luu", "so_luong_ban", "ngay_chuyen", "ky_nhan", "ghi_chu"} {
					if _, ok := entries[0][key]; !ok {
						t.Errorf("the register line lacks column %s", key)
					}
				}
			},
		},
		{
			name: "register of the current year", method: "GET", path: "/api/register?issuer=" + seedIssuer + "&year=2026",
			setup: func(t *testing.T, a *apptest.App) map[string]string {
				createDocument(t, a, seedIssue, true)
				return createDocument(t, a, undated, true)
			},
			status: 200,
			json: map[string]any{"": length(1), "/0/document_id": 2, "/0/number": 1, "/0/year": 2026,
				"/0/so_ky_hieu": "01/UBND-NC", "/0/ngay_thang": "2026-03-05T00:00:00Z"},
		},
		{
			name: "register of another issuer", method: "GET", path: "/api/register?issuer=ubnd-tinh-thanh-hoa",
			setup:  func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seedIssue, true) },
			status: 200, json: map[string]any{"": length(0)}, contains: []string{"[]"},
		},
		{
			name: "register of a year that is not a number", method: "GET", path: "/api/register?year=MMXXVI",
			status: 422, json: map[string]any{"/fields/year": "Năm phải là số nguyên từ 0 đến 9999."},
		},
		{
			name: "register as CSV", method: "GET", path: "/api/register.csv?issuer=" + seedIssuer + "&year=2016",
			setup:   func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seedIssue, true) },
			status:  200,
			headers: map[string]string{"Content-Type": "text/csv; charset=utf-8", "Content-Disposition": "so-van-ban-di.csv"},
			contains: []string{"\uFEFF" + `"Số, ký hiệu",Ngày tháng,Tên loại và trích yếu,Người ký,Nơi nhận,"Đơn vị, người nhận bản lưu",Số lượng bản,Ngày chuyển,Ký nhận,Ghi chú,Độ khẩn` + "\n",
				"\n01/UBND-NC,01/02/2016,Công văn V/v tăng cường chỉ đạo", `,Nguyễn Đình Xúng,"Các sở, ban, ngành`, `,"VT, NC (3)",10,,,,` + "\n"},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				if !bytes.HasPrefix(res.Body, []byte("\uFEFF")) {
					t.Error("the register CSV has no BOM")
				}
				lines := strings.Split(strings.TrimSuffix(string(res.Body), "\n"), "\n")
				if len(lines) != 2 {
					t.Errorf("%d lines, want the header and one entry", len(lines))
				}
			},
		},
		{
			name: "register as a spreadsheet", method: "GET", path: "/api/register.xlsx?issuer=" + seedIssuer + "&year=2016",
			setup:   func(t *testing.T, a *apptest.App) map[string]string { return createDocument(t, a, seedIssue, true) },
			status:  200,
			headers: map[string]string{"Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
			check: func(t *testing.T, a *apptest.App, _ map[string]string, res apptest.Response) {
				parts := apptest.OpenZip(t, res.Body)
				if _, ok := parts["xl/worksheets/sheet1.xml"]; !ok {
					t.Error("no xl/worksheets/sheet1.xml in the spreadsheet")
				}
				var all strings.Builder
				for _, b := range parts {
					all.Write(b)
				}
				for _, s := range []string{"Số, ký hiệu", "Ghi chú", "01/UBND-NC", "Nguyễn Đình Xúng", "SỔ ĐĂNG KÝ VĂN BẢN ĐI", "NĂM 2016"} {
					if !strings.Contains(all.String(), s) {
						t.Errorf("the spreadsheet lacks %q", s)
					}
				}
			},
		},

		// Routes and methods.
		{
			name: "unknown route", method: "GET", path: "/api/nothing-here",
			status:  404,
			headers: map[string]string{"Content-Type": "application/json"},
			json:    map[string]any{"/code": "not_found", "/message": "Không có địa chỉ này."},
		},
		{
			name: "wrong method", method: "DELETE", path: "/api/documents/1",
			status:  405,
			headers: map[string]string{"Content-Type": "application/json"},
			json:    map[string]any{"/code": "bad_input", "/message": "Phương thức không được hỗ trợ cho địa chỉ này."},
		},
		{
			name: "wrong method on a collection", method: "PATCH", path: "/api/forms",
			status: 405, json: map[string]any{"/message": has("Phương thức không được hỗ trợ")},
		},
	}

	// Every example submission previews as a valid .docx carrying its signer.
	for _, ex := range apptest.Examples(t) {
		def, ok := data.Catalog.Get(ex.Form)
		if !ok {
			t.Fatalf("example %s: unknown form %q", ex.Name, ex.Form)
		}
		var want []string
		for _, target := range []forms.Target{forms.TargetSignerName, forms.TargetSignerTitle} {
			if f, ok := def.FieldFor(target); ok {
				if s, _ := ex.Data[f.Name].(string); s != "" {
					want = append(want, s)
				}
			}
		}
		if len(want) == 0 {
			t.Fatalf("example %s: no signer to look for in its preview", ex.Name)
		}
		scenarios = append(scenarios, scenario{
			name: "preview " + ex.Name, method: "POST", path: "/api/preview", file: "examples/forms/" + ex.Name + ".json",
			status:  200,
			headers: map[string]string{"Content-Type": docxType, "Content-Disposition": "du-thao-" + ex.Form + ".docx"},
			docx:    append(want, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
			check:   noDocuments,
		})
	}
	return scenarios
}

// vietnamese matches a letter only Vietnamese uses.
var vietnamese = regexp.MustCompile(`[ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]`)

// run starts from setup, sends the request and checks every expectation.
func (s scenario) run(t *testing.T, a *apptest.App) {
	if len(s.contains)+len(s.json)+len(s.docx) == 0 && s.check == nil {
		t.Fatal("the scenario asserts nothing beyond the status")
	}
	vars := map[string]string{}
	if s.setup != nil {
		vars = s.setup(t, a)
	}
	fill := func(x string) string {
		for k, v := range vars {
			x = strings.ReplaceAll(x, "{"+k+"}", v)
		}
		return x
	}
	body := s.body
	if s.file != "" {
		body = string(apptest.ReadFile(t, s.file))
	}
	var reader io.Reader
	if body != "" || s.chunked {
		reader = strings.NewReader(fill(body))
		if s.chunked {
			reader = io.MultiReader(reader) // no length known: Transfer-Encoding: chunked
		}
	}
	header := []string{"Content-Type", "application/json"}
	for i := 0; i+1 < len(s.header); i += 2 {
		header = append(header, s.header[i], fill(s.header[i+1]))
	}
	res := a.Do(t, s.method, fill(s.path), reader, header...)

	if res.Status != s.status {
		t.Fatalf("status %d, want %d\n%s", res.Status, s.status, apptest.Excerpt(res.Body))
	}
	if len(res.Body) == 0 && s.status != http.StatusNotModified {
		t.Fatal("empty body")
	}
	for name, want := range s.headers {
		if got := res.Header.Get(name); !strings.Contains(got, want) {
			t.Errorf("header %s = %q, want it to hold %q", name, got, want)
		}
	}
	for _, want := range s.contains {
		if !strings.Contains(string(res.Body), want) {
			t.Errorf("body lacks %q\n%s", want, apptest.Excerpt(res.Body))
		}
	}
	if len(s.json) > 0 {
		assertJSON(t, res.Body, s.json)
	}
	if len(s.docx) > 0 {
		text := apptest.OpenDocx(t, res.Body).Text()
		for _, want := range s.docx {
			if !strings.Contains(text, want) {
				t.Errorf("the .docx text lacks %q", want)
			}
		}
	}
	if s.check != nil {
		s.check(t, a, vars, res)
	}
}

// assertJSON checks body against JSON pointer expectations (see scenario.json).
func assertJSON(t *testing.T, body []byte, want map[string]any) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, apptest.Excerpt(body))
	}
	for ptr, w := range want {
		got, ok := pointer(doc, ptr)
		if !ok {
			t.Errorf("JSON %q: missing\n%s", ptr, apptest.Excerpt(body))
			continue
		}
		switch w := w.(type) {
		case has:
			if s, ok := got.(string); !ok || !strings.Contains(s, string(w)) {
				t.Errorf("JSON %q = %v, want a string holding %q", ptr, got, string(w))
			}
		case length:
			n := -1
			switch g := got.(type) {
			case []any:
				n = len(g)
			case map[string]any:
				n = len(g)
			}
			if n != int(w) {
				t.Errorf("JSON %q has %d elements, want %d", ptr, n, int(w))
			}
		case pattern:
			if s, ok := got.(string); !ok || !regexp.MustCompile(string(w)).MatchString(s) {
				t.Errorf("JSON %q = %v, want a string matching %s", ptr, got, string(w))
			}
		case present:
			if got == nil || got == "" {
				t.Errorf("JSON %q is empty", ptr)
			}
		default:
			raw, err := json.Marshal(w)
			if err != nil {
				t.Fatal(err)
			}
			var norm any
			if err := json.Unmarshal(raw, &norm); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, norm) {
				t.Errorf("JSON %q = %#v, want %#v", ptr, got, norm)
			}
		}
	}
}

// pointer resolves a JSON pointer; a missing key of an object with omitempty fields reads
// as null, so that "/sha256": nil asserts the field is absent or null.
func pointer(doc any, ptr string) (any, bool) {
	if ptr == "" {
		return doc, true
	}
	if !strings.HasPrefix(ptr, "/") {
		return nil, false
	}
	cur := doc
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[tok]
			if !ok {
				return nil, true
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// createDocument posts a submission to /api/documents and returns its id and, once issued,
// its SHA-256, as placeholders {id} and {sha}.
func createDocument(t *testing.T, a *apptest.App, body string, issued bool) map[string]string {
	t.Helper()
	res := a.Do(t, "POST", "/api/documents", strings.NewReader(body), "Content-Type", "application/json")
	if res.Status != http.StatusCreated {
		t.Fatalf("setup: POST /api/documents: %d %s", res.Status, apptest.Excerpt(res.Body))
	}
	var d register.Document
	res.JSON(t, &d)
	if issued != (d.Status == register.Issued) || issued != (d.SHA256 != "") {
		t.Fatalf("setup: document %d is %s with sha256 %q", d.ID, d.Status, d.SHA256)
	}
	return map[string]string{"id": strconv.FormatInt(d.ID, 10), "sha": d.SHA256}
}

// noDocuments checks that the request stored nothing.
func noDocuments(t *testing.T, a *apptest.App, _ map[string]string, _ apptest.Response) {
	t.Helper()
	res := a.Do(t, "GET", "/api/documents", nil)
	assertJSON(t, res.Body, map[string]any{"": length(0)})
}

// directoryUnchanged checks that the units are still exactly those of wantCSV.
func directoryUnchanged(wantCSV string) func(*testing.T, *apptest.App, map[string]string, apptest.Response) {
	return func(t *testing.T, a *apptest.App, _ map[string]string, _ apptest.Response) {
		t.Helper()
		res := a.Do(t, "GET", "/api/directory/units.csv", nil)
		if string(res.Body) != wantCSV {
			t.Errorf("the directory changed:\n%s", apptest.Excerpt(res.Body))
		}
		units := a.Do(t, "GET", "/api/units", nil)
		assertJSON(t, units.Body, map[string]any{"": length(strings.Count(wantCSV, "\n") - 1)})
	}
}

// edit decodes a JSON object, lets change modify it and encodes it again.
func edit(t *testing.T, raw string, change func(map[string]any)) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatal(err)
	}
	change(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// submissionData returns the "data" object of a decoded submission.
func submissionData(m map[string]any) map[string]any {
	d, _ := m["data"].(map[string]any)
	return d
}

// csvOf writes units as the units CSV, leaving out the unit without.
func csvOf(t *testing.T, units []directory.Unit, without string) string {
	t.Helper()
	kept := units[:0:0]
	for _, u := range units {
		if u.ID != without {
			kept = append(kept, u)
		}
	}
	if without != "" && len(kept) == len(units) {
		t.Fatalf("no unit %s to leave out", without)
	}
	var buf bytes.Buffer
	if err := directory.WriteCSV(&buf, kept); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestAPIBadInputNeverFails sends malformed bodies to every route that takes one, and
// every example with each field replaced by values of the wrong shape to the preview: the
// answer may refuse them (4xx, with a message), never fail (5xx).
func TestAPIBadInputNeverFails(t *testing.T) {
	data := apptest.LoadData(t)
	seed := string(apptest.ReadFile(t, seedFile))
	withData := func(extra string) string {
		return `{"form":"cong-van","issuer_id":"` + seedIssuer + `","data":` + extra + `}`
	}
	bodies := []string{
		"", " ", "{", "}", "null", "[]", "0", `"cong-van"`, "\x00\xff\xfe\x01", "\uFEFF{}",
		`{"form":null,"issuer_id":null,"data":null}`,
		`{"form":"","issuer_id":"","data":{}}`,
		`{"form":"cong-van","issuer_id":"` + seedIssuer + `","data":[]}`,
		withData(`{"trich_yeu":{"a":1},"noi_dung":[1,2],"so_ban_luu":1e400,"ngay_ban_hanh":"9999-99-99","kinh_gui_them":"x"}`),
		withData(`{"trich_yeu":"a\u0000b","noi_dung":"\u0000","chuc_vu_nguoi_ky":"\ud800","ho_ten_nguoi_ky":"A\u0007"}`),
		withData(`{"trich_yeu":"x","noi_dung":"y","chuc_vu_nguoi_ky":"z","ho_ten_nguoi_ky":"w","so_ban_luu":-1e308,"ngay_ban_hanh":"0000-00-00"}`),
		withData(`{"trich_yeu":"x","noi_dung":"y","chuc_vu_nguoi_ky":"z","ho_ten_nguoi_ky":"w","so_ban_luu":99999999999999999999999}`),
		strings.Repeat("[", 20000) + strings.Repeat("]", 20000),
		`{"form":"cong-van","issuer_id":"` + seedIssuer + `","data":` + strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000) + "}",
		edit(t, seed, func(m map[string]any) {
			m["recipients"] = map[string]any{"kinh_gui": []any{"", "- ;", "Lưu: VT"}, "noi_nhan": nil, "archive": "Lưu:"}
		}),
		edit(t, seed, func(m map[string]any) {
			m["recipients"] = map[string]any{"kinh_gui": []any{}, "noi_nhan": []any{strings.Repeat("Sở ", 100000)}}
		}),
		edit(t, seed, func(m map[string]any) {
			m["edit"] = map[string]any{"remove_kinh_gui": []string{"", "Như trên"}, "add_noi_nhan": []string{"\r\n\r\n", "Lưu:"}, "archive": "  "}
			m["expand"] = map[string]any{"": true, "so-ban-nganh-tinh": true, "ubnd-cap-duoi": true}
		}),
		edit(t, seed, func(m map[string]any) { m["issuer_id"] = "viet-nam" }),
		edit(t, seed, func(m map[string]any) { m["issuer_id"] = "xa-dong-tien" }),
		edit(t, seed, func(m map[string]any) { m["form"] = "giay-khen" }),
		"id,parent_id,kind,name\nviet-nam,viet-nam,nation,Việt Nam\n",
		"id,parent_id,kind,name\na,b,nation,A\nb,a,nation,B\n",
		"id,name,members\ng,,\n",
		"id,id,kind\n\"\n",
		"\uFEFF" + strings.Repeat("x,", 10000) + "\n",
	}

	for _, backend := range apptest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			backend.SkipIfUnavailable(t)
			t.Parallel()
			a := apptest.Start(t, data, backend.DSN(t))
			draft := createDocument(t, a, seed, false)["id"]
			issued := createDocument(t, a, edit(t, seed, func(m map[string]any) { m["issue"] = true }), true)["id"]
			routes := []struct{ method, path string }{
				{"POST", "/api/route"},
				{"POST", "/api/preview"},
				{"POST", "/api/documents"},
				{"PUT", "/api/documents/" + draft},
				{"PUT", "/api/documents/" + issued},
				{"PUT", "/api/documents/0"},
				{"PUT", "/api/documents/9223372036854775807"},
				{"POST", "/api/documents/" + issued + "/corrections"},
				{"POST", "/api/documents/" + draft + "/corrections"},
				{"POST", "/api/documents/-1/corrections"},
				{"POST", "/api/documents/" + issued + "/issue"},
				{"POST", "/api/documents/99999999999999999999/issue"},
				{"PUT", "/api/directory/units.csv"},
				{"PUT", "/api/directory/groups.csv"},
			}
			for _, r := range routes {
				for i, body := range bodies {
					res := a.Do(t, r.method, r.path, strings.NewReader(body), "Content-Type", "application/json")
					checkRefusal(t, fmt.Sprintf("%s %s, body %d", r.method, r.path, i), res)
				}
			}
			// The draft is still issuable: no malformed request broke it.
			if res := a.Do(t, "POST", "/api/documents/"+draft+"/issue", nil); res.Status >= 500 {
				t.Errorf("issue the draft after the malformed requests: %d %s", res.Status, apptest.Excerpt(res.Body))
			}

			// Control characters in what is not a form field: recipients, the archive line, the
			// directory. They end in the register and the units table.
			t.Run("control characters", func(t *testing.T) {
				a := apptest.Start(t, data, backend.DSN(t))
				var failures []string
				for i, change := range []func(map[string]any){
					func(m map[string]any) { m["recipients"] = map[string]any{"kinh_gui": []any{"Sở\u0000Nội vụ"}} },
					func(m map[string]any) { m["edit"] = map[string]any{"add_noi_nhan": []string{"Sở Tư pháp\u0000"}} },
					func(m map[string]any) { m["edit"] = map[string]any{"archive": "VT, NC\u0000 (3)"} },
				} {
					body := edit(t, seed, func(m map[string]any) { m["issue"] = true; change(m) })
					res := a.Do(t, "POST", "/api/documents", strings.NewReader(body), "Content-Type", "application/json")
					if res.Status >= 500 {
						failures = append(failures, fmt.Sprintf("issue with NUL in recipients %d: %d %s", i, res.Status, res.Body))
					}
				}
				units := a.Do(t, "GET", "/api/directory/units.csv", nil)
				csv := strings.Replace(string(units.Body), "Văn phòng Chính phủ", "Văn phòng\x00Chính phủ\x01", 1)
				if res := a.Do(t, "PUT", "/api/directory/units.csv", strings.NewReader(csv)); res.Status >= 500 {
					failures = append(failures, fmt.Sprintf("units CSV with NUL in a name: %d %s", res.Status, res.Body))
				}
				reg := a.Do(t, "GET", "/api/register.xlsx", nil)
				apptest.OpenZip(t, reg.Body)
				if res := a.Do(t, "GET", "/api/register.csv", nil); strings.ContainsRune(string(res.Body), 0) {
					failures = append(failures, "a NUL reached the register")
				}
				if res := a.Do(t, "GET", "/api/units/van-phong-chinh-phu", nil); strings.Contains(string(res.Body), `\u0000`) {
					failures = append(failures, "a NUL reached the directory")
				}
				if len(failures) > 0 {
					t.Errorf("control characters must be dropped before they reach storage:\n%s",
						strings.Join(failures, "\n"))
				}
			})

			// Query parameters of every listing, and path parameters, of any shape.
			queries := []string{
				"/api/documents?status=%s", "/api/documents?limit=%s", "/api/documents?offset=%s",
				"/api/register.csv?issuer=%s", "/api/register.xlsx?issuer=%s",
				"/api/units?parent=%s&kind=%s", "/api/forms/cong-van/blank.docx?unit=%s", "/api/forms/%s/blank.docx",
				"/api/units/%s", "/api/forms/%s", "/api/documents/%s", "/api/documents/%s/docx",
			}
			values := []string{"", "%20", "-1", "0", "1e3", "2026.0", "9223372036854775807", "9223372036854775808",
				"99999999999999999999", "%E1%BB%A9", "x%27%3B--", "%2F..%2F.."}
			for _, q := range queries {
				for _, v := range values {
					path := strings.ReplaceAll(q, "%s", v)
					checkRefusal(t, "GET "+path, a.Do(t, "GET", path, nil))
				}
			}
			t.Run("query parameters out of the database's range", func(t *testing.T) {
				var failures []string
				for _, path := range []string{
					"/api/documents?year=3000000000", "/api/register?year=9223372036854775807", "/api/register.xlsx?year=2147483648",
					"/api/documents?issuer=%00", "/api/documents?issuer=%FF", "/api/register?issuer=%00", "/api/register.csv?issuer=%C0%80",
				} {
					if res := a.Do(t, "GET", path, nil); res.Status >= 500 {
						failures = append(failures, fmt.Sprintf("GET %s: %d %s", path, res.Status, res.Body))
					}
				}
				if len(failures) > 0 {
					t.Errorf("query parameters must be checked before they reach storage:\n%s",
						strings.Join(failures, "\n"))
				}
			})

			// Every field of every example, replaced by values of each shape.
			odd := []any{nil, 0, -1, 1e300, true, "", " ", "\u0000x", "\u202e\ufeff", []any{}, []any{""}, []any{[]any{""}},
				[]any{[]any{nil, 1}}, map[string]any{"a": "b"}, strings.Repeat("Đ", 3000)}
			for _, ex := range apptest.Examples(t) {
				for field := range ex.Data {
					for i, v := range odd {
						body := edit(t, string(ex.Raw), func(m map[string]any) { submissionData(m)[field] = v })
						res := a.Do(t, "POST", "/api/preview", strings.NewReader(body), "Content-Type", "application/json")
						checkRefusal(t, fmt.Sprintf("preview %s with %s = odd[%d]", ex.Name, field, i), res)
						if res.Status == http.StatusOK {
							if _, err := apptest.ReadDocx(res.Body); err != nil {
								t.Errorf("preview %s with %s = odd[%d]: 200 with a broken .docx: %v", ex.Name, field, i, err)
							}
						}
					}
				}
			}
		})
	}
}

// checkRefusal fails on a 5xx, and on a refusal without a code and a Vietnamese message.
func checkRefusal(t *testing.T, what string, res apptest.Response) {
	t.Helper()
	if res.Status >= 500 {
		t.Errorf("%s: %d %s", what, res.Status, apptest.Excerpt(res.Body))
		return
	}
	if res.Status < 400 {
		return
	}
	var e struct{ Code, Message string }
	if err := json.Unmarshal(res.Body, &e); err != nil || e.Code == "" || e.Message == "" {
		t.Errorf("%s: %d without a JSON error: %s", what, res.Status, apptest.Excerpt(res.Body))
	}
}
