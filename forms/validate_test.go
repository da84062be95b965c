package forms

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"vanthu/generator"
)

// example is a file of examples/forms.
type example struct {
	Form     string         `json:"form"`
	IssuerID string         `json:"issuer_id"`
	Data     map[string]any `json:"data"`
}

func readExample(tb testing.TB, id string) example {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "examples", "forms", id+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	var ex example
	if err := json.Unmarshal(raw, &ex); err != nil {
		tb.Fatalf("%s: %v", id, err)
	}
	return ex
}

func TestValidateMessages(t *testing.T) {
	c := mustLoad(t)
	v := mustValidator(t)

	tests := []struct {
		name  string
		form  string
		edit  func(data map[string]any)
		field string
		want  []string // the message contains each
	}{
		{
			name:  "required field missing",
			form:  "cong-van",
			edit:  func(d map[string]any) { delete(d, "trich_yeu") },
			field: "trich_yeu",
			want:  []string{"Trích yếu là trường bắt buộc"},
		},
		{
			name:  "required field blank",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["ho_ten_nguoi_ky"] = "  \r\n " },
			field: "ho_ten_nguoi_ky",
			want:  []string{"Họ và tên người ký là trường bắt buộc"},
		},
		{
			name:  "symbol in lower case",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["don_vi_soan_thao"] = "nc" },
			field: "don_vi_soan_thao",
			want:  []string{"Đơn vị soạn thảo phải là ký hiệu viết hoa"},
		},
		{
			name:  "symbol with an empty group",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["don_vi_soan_thao"] = "NC-" },
			field: "don_vi_soan_thao",
			want:  []string{"Đơn vị soạn thảo phải là ký hiệu"},
		},
		{
			name:  "date that does not exist",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["ngay_ban_hanh"] = "2016-02-30" },
			field: "ngay_ban_hanh",
			want:  []string{"Ngày ban hành phải là một ngày có thật"},
		},
		{
			name:  "date in no known form",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["ngay_ban_hanh"] = "mùng 1 tháng 2" },
			field: "ngay_ban_hanh",
			want:  []string{"Ngày ban hành phải là một ngày có thật"},
		},
		{
			name:  "subject over 300 characters",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["trich_yeu"] = strings.Repeat("ệ", 301) },
			field: "trich_yeu",
			want:  []string{"Trích yếu", "300 ký tự"},
		},
		{
			name:  "number below its minimum",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["so_ban_luu"] = 0.0 },
			field: "so_ban_luu",
			want:  []string{"Số bản lưu phải bằng 1 hoặc lớn hơn"},
		},
		{
			name:  "number that is not a number",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["so_ban_luu"] = "ba" },
			field: "so_ban_luu",
			want:  []string{"Số bản lưu phải là một số"},
		},
		{
			name:  "number written as a string",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["so_ban_luu"] = "3" },
			field: "so_ban_luu",
			want:  []string{"Số bản lưu phải là một số"},
		},
		{
			name:  "fraction for an integer field",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["so_ban_luu"] = 2.5 },
			field: "so_ban_luu",
			want:  []string{"Số bản lưu phải là số nguyên"},
		},
		{
			name:  "number no float holds",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["so_ban_luu"] = json.Number("1e400") },
			field: "so_ban_luu",
			want:  []string{"Số bản lưu phải là một số"},
		},
		{
			name:  "text given as a number",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["trich_yeu"] = 12.0 },
			field: "trich_yeu",
			want:  []string{"Trích yếu phải là chuỗi ký tự"},
		},
		{
			name:  "list given as an object",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["kinh_gui_them"] = map[string]any{"a": "b"} },
			field: "kinh_gui_them",
			want:  []string{"Kính gửi thêm phải là danh sách"},
		},
		{
			name:  "list item that is not a string",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["kinh_gui_them"] = []any{"Công an tỉnh", 5.0} },
			field: "kinh_gui_them",
			want:  []string{"Kính gửi thêm phải là danh sách"},
		},
		{
			name:  "signer prefix not in the options",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["quyen_han_ky"] = "T/M" },
			field: "quyen_han_ky",
			want:  []string{"Quyền hạn ký phải là một trong", "TM., KT."},
		},
		{
			name:  "control character",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["ho_ten_nguoi_ky"] = "Nguyễn\x00Văn A" },
			field: "ho_ten_nguoi_ky",
			want:  []string{"Họ và tên người ký chứa ký tự điều khiển"},
		},
		{
			name:  "one-line field over the size limit",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["tham_quyen_ky"] = strings.Repeat("Ấ", DefaultMaxText+1) },
			field: "tham_quyen_ky",
			want:  []string{"Thẩm quyền sau quyền hạn ký dài quá 2000 ký tự"},
		},
		{
			name:  "body over the size limit",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["noi_dung"] = strings.Repeat("Đoạn văn.\n", DefaultMaxTextarea/10+1) },
			field: "noi_dung",
			want:  []string{"Nội dung dài quá 50000 ký tự"},
		},
		{
			name:  "list over its item limit",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["kinh_gui_them"] = strings.Repeat("Sở Tư pháp\n", DefaultMaxItems+1) },
			field: "kinh_gui_them",
			want:  []string{"Kính gửi thêm có quá 200 mục"},
		},
		{
			name:  "unknown field",
			form:  "cong-van",
			edit:  func(d map[string]any) { d["so_van_ban"] = "1028" },
			field: "so_van_ban",
			want:  []string{"Trường không có trong biểu mẫu"},
		},
		{
			name:  "phone too short",
			form:  "to-trinh-de-nghi-cong-nhan-antt",
			edit:  func(d map[string]any) { d["dien_thoai"] = "091234" },
			field: "dien_thoai",
			want:  []string{"Điện thoại liên hệ phải là số điện thoại Việt Nam"},
		},
		{
			name:  "phone with letters",
			form:  "to-trinh-de-nghi-cong-nhan-antt",
			edit:  func(d map[string]any) { d["dien_thoai"] = "0912 345 67a" },
			field: "dien_thoai",
			want:  []string{"Điện thoại liên hệ phải là số điện thoại Việt Nam"},
		},
		{
			name:  "table row with a missing column",
			form:  "to-trinh-de-nghi-cong-nhan-antt",
			edit:  func(d map[string]any) { d["danh_sach"] = []any{[]any{"", "Thôn Yên Trường", "Khu dân cư"}} },
			field: "danh_sach",
			want:  []string{"Danh sách đề nghị công nhận: dòng 1 phải có đúng 5 cột"},
		},
		{
			name:  "table given as a list",
			form:  "to-trinh-de-nghi-cong-nhan-antt",
			edit:  func(d map[string]any) { d["danh_sach"] = []any{"Thôn Yên Trường"} },
			field: "danh_sach",
			want:  []string{"Danh sách đề nghị công nhận phải là bảng"},
		},
		{
			name:  "table with only empty rows is missing",
			form:  "to-trinh-de-nghi-cong-nhan-antt",
			edit:  func(d map[string]any) { d["danh_sach"] = []any{[]any{"", "", "", "", ""}} },
			field: "danh_sach",
			want:  []string{"Danh sách đề nghị công nhận là trường bắt buộc"},
		},
		{
			name:  "select value not in the options",
			form:  "to-trinh-de-nghi-khen-thuong",
			edit:  func(d map[string]any) { d["hinh_thuc"] = "Huân chương Lao động" },
			field: "hinh_thuc",
			want:  []string{"Hình thức khen thưởng phải là một trong", "Giấy khen"},
		},
		{
			name:  "list with too many items",
			form:  "giay-khen",
			edit:  func(d map[string]any) { d["thanh_tich"] = []any{"a", "b", "c", "d", "e", "f"} },
			field: "thanh_tich",
			want:  []string{"Thành tích", "5 phần tử"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def, ok := c.Get(tt.form)
			if !ok {
				t.Fatalf("no form %q", tt.form)
			}
			data := maps.Clone(readExample(t, tt.form).Data)
			tt.edit(data)
			_, msgs := v.Validate(def, data)
			msg, ok := msgs[tt.field]
			if !ok {
				t.Fatalf("no message for %q; messages: %v", tt.field, msgs)
			}
			for _, want := range tt.want {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not contain %q", msg, want)
				}
			}
			if len(msgs) != 1 {
				t.Errorf("%d messages, want only the one for %q: %v", len(msgs), tt.field, msgs)
			}
		})
	}
}

func TestValidateCleansValues(t *testing.T) {
	c := mustLoad(t)
	v := mustValidator(t)
	def, _ := c.Get("cong-van")
	subject := "tăng cường chỉ đạo thực hiện Đề án 375 của UBND tỉnh"

	t.Run("decomposed input comes back NFC", func(t *testing.T) {
		nfd := norm.NFD.String(subject)
		if nfd == subject {
			t.Fatal("test input is not decomposed")
		}
		data := maps.Clone(readExample(t, "cong-van").Data)
		data["trich_yeu"] = nfd
		data["ho_ten_nguoi_ky"] = norm.NFD.String("Nguyễn Đình Xúng")
		values, msgs := v.Validate(def, data)
		if msgs != nil {
			t.Fatalf("messages: %v", msgs)
		}
		if got := values.String("trich_yeu"); got != subject {
			t.Errorf("subject %q, want the NFC %q", got, subject)
		}
		if got := values.String("ho_ten_nguoi_ky"); got != "Nguyễn Đình Xúng" {
			t.Errorf("signer %q, want NFC", got)
		}
	})

	t.Run("text is trimmed, CRLF becomes LF, one-line fields lose line breaks", func(t *testing.T) {
		data := maps.Clone(readExample(t, "cong-van").Data)
		data["trich_yeu"] = "  " + subject + " \r\n"
		data["noi_dung"] = "\r\nĐoạn một.\r\n\r\nĐoạn hai.\r\n"
		data["chuc_vu_nguoi_ky"] = "CHỦ\nTỊCH"
		values, msgs := v.Validate(def, data)
		if msgs != nil {
			t.Fatalf("messages: %v", msgs)
		}
		if got := values.String("trich_yeu"); got != subject {
			t.Errorf("subject %q", got)
		}
		if got := values.String("noi_dung"); got != "Đoạn một.\n\nĐoạn hai." {
			t.Errorf("body %q", got)
		}
		if got := values.String("chuc_vu_nguoi_ky"); got != "CHỦ TỊCH" {
			t.Errorf("title %q", got)
		}
	})

	t.Run("typed values", func(t *testing.T) {
		data := maps.Clone(readExample(t, "cong-van").Data)
		data["ngay_ban_hanh"] = "01/02/2016"
		data["so_ban_luu"] = json.Number("3") // as a body decoded with UseNumber holds it
		data["kinh_gui_them"] = "Công an tỉnh\r\n\r\n Văn phòng UBND tỉnh "
		values, msgs := v.Validate(def, data)
		if msgs != nil {
			t.Fatalf("messages: %v", msgs)
		}
		if got := values.Date("ngay_ban_hanh"); got != (generator.Date{Year: 2016, Month: 2, Day: 1}) {
			t.Errorf("date %v", got)
		}
		if n, ok := values.Number("so_ban_luu"); !ok || n != 3 {
			t.Errorf("copies %v %v", n, ok)
		}
		if got := values.Lines("kinh_gui_them"); len(got) != 2 || got[1] != "Văn phòng UBND tỉnh" {
			t.Errorf("list %q", got)
		}
	})

	t.Run("every field has a key, empty optional fields are not errors", func(t *testing.T) {
		values, msgs := v.Validate(def, map[string]any{
			"trich_yeu": subject, "noi_dung": "Nội dung.", "chuc_vu_nguoi_ky": "CHỦ TỊCH", "ho_ten_nguoi_ky": "Nguyễn Văn A",
		})
		if msgs != nil {
			t.Fatalf("messages: %v", msgs)
		}
		for _, f := range def.Fields {
			if _, ok := values[f.Name]; !ok {
				t.Errorf("no value for %q", f.Name)
			}
		}
	})

	t.Run("values validate again after a JSON round trip", func(t *testing.T) {
		values, msgs := v.Validate(def, readExample(t, "cong-van").Data)
		if msgs != nil {
			t.Fatalf("messages: %v", msgs)
		}
		raw, err := json.Marshal(values)
		if err != nil {
			t.Fatal(err)
		}
		var data map[string]any
		if err := json.Unmarshal(raw, &data); err != nil {
			t.Fatal(err)
		}
		again, msgs := v.Validate(def, data)
		if msgs != nil {
			t.Fatalf("messages after the round trip: %v", msgs)
		}
		if again.String("noi_dung") != values.String("noi_dung") || again.Date("ngay_ban_hanh") != values.Date("ngay_ban_hanh") {
			t.Error("values changed in the round trip")
		}
	})
}

func TestValidateIsSafeForConcurrentUse(t *testing.T) {
	c := mustLoad(t)
	v := mustValidator(t)
	var wg sync.WaitGroup
	for _, id := range shippedForms {
		def, _ := c.Get(id)
		data := readExample(t, id).Data
		for range 4 {
			wg.Go(func() {
				for range 20 {
					if _, msgs := v.Validate(def, data); msgs != nil {
						t.Errorf("%s: %v", id, msgs)
						return
					}
					if _, msgs := v.Validate(def, map[string]any{"x": 1}); len(msgs) == 0 {
						t.Errorf("%s: no messages for bad data", id)
						return
					}
				}
			})
		}
	}
	wg.Wait()
}

func TestCustomRules(t *testing.T) {
	tests := []struct {
		rule  func(string) bool
		name  string
		value string
		want  bool
	}{
		{isSymbol, "symbol công văn", "UBND-NC", true},
		{isSymbol, "symbol quyết định", "QĐ-UBND", true},
		{isSymbol, "symbol with Đ", "BCĐ", true},
		{isSymbol, "symbol with digits", "CAT-PV11-PV28", true},
		{isSymbol, "symbol lower case", "ubnd-nc", false},
		{isSymbol, "symbol with space", "UBND NC", false},
		{isSymbol, "symbol with double dash", "UBND--NC", false},
		{isSymbol, "symbol digits only", "138", false},
		{isSymbol, "symbol empty", "", false},
		{isDate, "date ISO", "2016-02-01", true},
		{isDate, "date dd/mm/yyyy", "01/02/2016", true},
		{isDate, "date d/m/yyyy", "1/2/2016", true},
		{isDate, "date 30 February", "2016-02-30", false},
		{isDate, "date 29 February in a leap year", "29/02/2024", true},
		{isDate, "date 29 February otherwise", "29/02/2025", false},
		{isPhone, "mobile", "0912345678", true},
		{isPhone, "mobile with spaces", "0912 345 678", true},
		{isPhone, "mobile with dots", "0912.345.678", true},
		{isPhone, "mobile +84", "+84 912 345 678", true},
		{isPhone, "landline 11 digits", "0237 3852 101", true},
		{isPhone, "landline +84", "+84 237 3852 101", true},
		{isPhone, "9 digits", "091234567", false},
		{isPhone, "11 digits mobile", "09123456789", false},
		{isPhone, "no leading 0", "9123456789", false},
		{isPhone, "00 prefix", "0012345678", false},
		{isPhone, "plus in the middle", "09+12345678", false},
		{isPhone, "dash", "0912-345-678", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rule(tt.value); got != tt.want {
				t.Errorf("%q: %v, want %v", tt.value, got, tt.want)
			}
		})
	}
}

// BenchmarkValidateCongVan validates dispatch 1028/UBND-NC: a 13.5 KB body, the heaviest
// ordinary submission.
func BenchmarkValidateCongVan(b *testing.B) {
	c := mustLoad(b)
	v := mustValidator(b)
	def, _ := c.Get("cong-van")
	data := readExample(b, "cong-van").Data
	b.ReportAllocs()
	for b.Loop() {
		if _, msgs := v.Validate(def, data); msgs != nil {
			b.Fatal(msgs)
		}
	}
}

func TestCleanString(t *testing.T) {
	tests := []struct {
		name      string
		in, want  string
		printable bool
	}{
		{"ascii", "  Số 1028 ", "Số 1028", true},
		{"precomposed Vietnamese", "Nguyễn Đình Xúng “Đề án 375” – …", "Nguyễn Đình Xúng “Đề án 375” – …", true},
		{"decomposed tone marks", norm.NFD.String("Trích yếu ệ ở"), "Trích yếu ệ ở", true},
		{"combining mark after a precomposed letter", "e\u0302\u0301", "ế", true},
		{"CRLF and CR", "a\r\nb\rc", "a\nb\nc", true},
		{"tab kept", "a\tb", "a\tb", true},
		{"NUL", "a\x00b", "a\x00b", false},
		{"DEL", "a\x7fb", "a\x7fb", false},
		{"C1 control", "a\u0085b", "a\u0085b", false},
		{"control in decomposed text", norm.NFD.String("ệ\x01"), "ệ\x01", false},
		{"invalid UTF-8", "a\xffb", "a\xffb", false},
		{"angstrom sign is a singleton", "\u212b", "\u00c5", true},
		{"en quad is a singleton", "a\u2000b", "a\u2002b", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, printable := cleanString(tt.in)
			if got != tt.want || printable != tt.printable {
				t.Errorf("cleanString(%q) = %q, %v; want %q, %v", tt.in, got, printable, tt.want, tt.printable)
			}
			if printable && !norm.NFC.IsNormalString(got) {
				t.Errorf("%q is not NFC", got)
			}
		})
	}
}

// BenchmarkValidateGiayKhen validates a small form: a dozen short fields.
func BenchmarkValidateGiayKhen(b *testing.B) {
	c := mustLoad(b)
	v := mustValidator(b)
	def, _ := c.Get("giay-khen")
	data := readExample(b, "giay-khen").Data
	b.ReportAllocs()
	for b.Loop() {
		if _, msgs := v.Validate(def, data); msgs != nil {
			b.Fatal(msgs)
		}
	}
}

// TestTableCounts checks the row counts a table declares: a security team has exactly one
// Tổ trưởng and at least one Tổ phó.
func TestTableCounts(t *testing.T) {
	cat := mustLoad(t)
	v := mustValidator(t)
	def, _ := cat.Get("quyet-dinh-thanh-lap-to-bao-ve-antt")
	base := readExample(t, "quyet-dinh-thanh-lap-to-bao-ve-antt").Data
	member := func(role string) []any { return []any{"", "Nguyễn Văn A", "1980", role, "Thôn X", ""} }
	tests := []struct {
		name  string
		roles []string
		want  string // substring of the message, "" for valid
	}{
		{"one leader, one deputy", []string{"Tổ trưởng", "Tổ phó", "Tổ viên"}, ""},
		{"no leader", []string{"Tổ phó", "Tổ viên"}, "đúng 1 người “Tổ trưởng”"},
		{"two leaders", []string{"Tổ trưởng", "tổ trưởng ", "Tổ phó"}, "(đang có 2)"},
		{"no deputy", []string{"Tổ trưởng", "Tổ viên"}, "“Tổ phó” trở lên"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := maps.Clone(base)
			var rows []any
			for _, r := range tc.roles {
				rows = append(rows, member(r))
			}
			data["thanh_vien"] = rows
			_, problems := v.Validate(def, data)
			got := problems["thanh_vien"]
			if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
				t.Errorf("message %q, want one holding %q", got, tc.want)
			}
		})
	}
}
