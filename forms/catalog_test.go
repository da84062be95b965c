package forms

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/unicode/norm"
)

// The forms the product ships; each has an example under examples/forms.
var shippedForms = []string{
	"cong-van",
	"quyet-dinh-thanh-lap-to-bao-ve-antt",
	"quyet-dinh-kien-toan-ban-chi-dao",
	"to-trinh-de-nghi-cong-nhan-antt",
	"bien-ban-hop-xet-antt",
	"to-trinh-de-nghi-khen-thuong",
	"giay-khen",
	"quyet-dinh-cong-nhan-antt",
	"thong-bao-ket-qua-antt",
	"ban-dang-ky-antt",
	"giay-cong-nhan-antt",
	"bien-ban-hop-hoi-dong-thi-dua-khen-thuong",
	"quyet-dinh-khen-thuong",
	"quyet-dinh-kien-toan-hoi-dong-thi-dua-khen-thuong",
	"bao-cao-thanh-tich",
}

func mustLoad(tb testing.TB) *Catalog {
	tb.Helper()
	c, err := Load(os.DirFS("../templates/forms"))
	if err != nil {
		tb.Fatalf("Load(templates/forms): %v", err)
	}
	return c
}

func mustValidator(tb testing.TB) *Validator {
	tb.Helper()
	v, err := NewValidator()
	if err != nil {
		tb.Fatalf("NewValidator: %v", err)
	}
	return v
}

func TestLoadShippedForms(t *testing.T) {
	c := mustLoad(t)

	t.Run("every form is there", func(t *testing.T) {
		for _, id := range shippedForms {
			d, ok := c.Get(id)
			if !ok {
				t.Errorf("Get(%q): missing", id)
				continue
			}
			if len(d.LegalBasis) == 0 || d.Title == "" {
				t.Errorf("%s: no title or legal basis", id)
			}
		}
		if _, ok := c.Get("khong-co"); ok {
			t.Error(`Get("khong-co") found something`)
		}
	})

	t.Run("list is sorted by family then title", func(t *testing.T) {
		list := c.List()
		if len(list) < len(shippedForms) {
			t.Fatalf("List: %d forms, want at least %d", len(list), len(shippedForms))
		}
		for i := 1; i < len(list); i++ {
			if families[list[i-1].Family] > families[list[i].Family] {
				t.Errorf("%s (%s) listed before %s (%s)", list[i-1].ID, list[i-1].Family, list[i].ID, list[i].Family)
			}
		}
		if list[0].ID != "cong-van" {
			t.Errorf("first form %q, want cong-van (family van-ban)", list[0].ID)
		}
		list[0] = nil // the caller's copy
		if c.List()[0] == nil {
			t.Error("List returned the catalog's own slice")
		}
	})

	t.Run("all text is NFC", func(t *testing.T) {
		for _, d := range c.List() {
			texts := []string{d.Title, d.Description, d.BodyTemplate}
			texts = append(texts, d.LegalBasis...)
			for _, f := range d.Fields {
				texts = append(texts, f.Label, f.Help, f.Default, f.Placeholder)
				texts = append(texts, f.Options...)
				texts = append(texts, f.Columns...)
			}
			for _, s := range texts {
				if !norm.NFC.IsNormalString(s) {
					t.Errorf("%s: %q is not NFC", d.ID, s)
				}
			}
		}
	})
}

// minimal is a definition that loads; the broken cases below change one thing in it.
const minimal = `{
  "id": "thu",
  "title": "Thử",
  "family": "van-ban",
  "kind": "cong-van",
  "legal_basis": ["Nghị định 30/2020/NĐ-CP"],
  "fields": [
    {"name": "trich_yeu", "label": "Trích yếu", "type": "text", "required": true, "rules": "max=300", "target": "subject"}
  ]
}`

func TestLoadRejectsBrokenDefinitions(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		wantErr []string
	}{
		{
			name:    "rule with a bad parameter",
			files:   map[string]string{"thu.json": strings.Replace(minimal, `"max=300"`, `"max=ba trăm"`, 1)},
			wantErr: []string{"thu.json", `field "trich_yeu"`, `rule "max=ba trăm" does not compile`},
		},
		{
			name: "secrecy option that is not a mark",
			files: map[string]string{"thu.json": strings.Replace(minimal, `"target": "subject"}`,
				`"target": "subject"}, {"name": "do_mat", "label": "Độ mật", "type": "select", "options": ["MẬT", "BÍ MẬT"], "target": "secrecy"}`, 1)},
			wantErr: []string{`field "do_mat"`, `option "BÍ MẬT" is not a mark of target "secrecy"`},
		},
		{
			name: "urgency typed as text",
			files: map[string]string{"thu.json": strings.Replace(minimal, `"target": "subject"}`,
				`"target": "subject"}, {"name": "do_khan", "label": "Độ khẩn", "type": "text", "target": "urgency"}`, 1)},
			wantErr: []string{`field "do_khan"`, `a text field cannot fill target "urgency"`},
		},
		{
			name:    "unknown rule",
			files:   map[string]string{"thu.json": strings.Replace(minimal, `"max=300"`, `"max=300,kyhieu"`, 1)},
			wantErr: []string{`rule "max=300,kyhieu" does not compile`, "kyhieu"},
		},
		{
			name:    "unknown rule after a failing one",
			files:   map[string]string{"thu.json": strings.Replace(minimal, `"max=300"`, `"vndate,max=abc"`, 1)},
			wantErr: []string{`rule "vndate,max=abc" does not compile`},
		},
		{
			name:    "unknown kind",
			files:   map[string]string{"thu.json": strings.Replace(minimal, `"cong-van"`, `"cong-dien"`, 1)},
			wantErr: []string{`unknown document kind "cong-dien"`},
		},
		{
			name:    "unknown family",
			files:   map[string]string{"thu.json": strings.Replace(minimal, `"van-ban"`, `"khac"`, 1)},
			wantErr: []string{`unknown family "khac"`},
		},
		{
			name:    "unknown field type",
			files:   map[string]string{"thu.json": strings.Replace(minimal, `"type": "text"`, `"type": "email"`, 1)},
			wantErr: []string{`unknown type "email"`},
		},
		{
			name:    "unknown target",
			files:   map[string]string{"thu.json": strings.Replace(minimal, `"target": "subject"`, `"target": "subjct"`, 1)},
			wantErr: []string{`unknown target "subjct"`},
		},
		{
			name:    "type that cannot fill the target",
			files:   map[string]string{"thu.json": strings.Replace(minimal, `"target": "subject"`, `"target": "date"`, 1)},
			wantErr: []string{`a text field cannot fill target "date"`},
		},
		{
			name:    "unknown key is a typo",
			files:   map[string]string{"thu.json": strings.Replace(minimal, `"required": true`, `"requird": true`, 1)},
			wantErr: []string{"thu.json", "requird"},
		},
		{
			name:    "id differs from the file name",
			files:   map[string]string{"khac.json": minimal},
			wantErr: []string{`id "thu" differs from the file name "khac"`},
		},
		{
			name: "field defined twice",
			files: map[string]string{"thu.json": strings.Replace(minimal, `"target": "subject"}`,
				`"target": "subject"}, {"name": "trich_yeu", "label": "Lại", "type": "text"}`, 1)},
			wantErr: []string{`field "trich_yeu": defined twice`},
		},
		{
			name: "copies that may be a fraction",
			files: map[string]string{"thu.json": strings.Replace(minimal, `"target": "subject"}`,
				`"target": "subject"}, {"name": "so_ban", "label": "Số bản", "type": "number", "target": "copies"}`, 1)},
			wantErr: []string{`field "so_ban": a field filling "copies" counts copies and must be "integer": true`},
		},
		{
			name:    "integer text",
			files:   map[string]string{"thu.json": strings.Replace(minimal, `"type": "text",`, `"type": "text", "integer": true,`, 1)},
			wantErr: []string{`field "trich_yeu": only a number field can be integer`},
		},
		{
			name: "select without options",
			files: map[string]string{"thu.json": strings.Replace(minimal, `"target": "subject"}`,
				`"target": "subject"}, {"name": "loai", "label": "Loại", "type": "select"}`, 1)},
			wantErr: []string{`field "loai": a select needs options`},
		},
		{
			name: "body template naming a field that does not exist",
			files: map[string]string{"thu.json": strings.Replace(minimal, `"fields"`,
				`"body_template": "Kính gửi {{.nguoi_nhan}}", "fields"`, 1)},
			wantErr: []string{"body template", "nguoi_nhan"},
		},
		{
			name: "annex field without an annex object",
			files: map[string]string{"thu.json": strings.Replace(minimal, `"target": "subject"}`,
				`"target": "subject"}, {"name": "ds", "label": "Danh sách", "type": "table", "columns": ["STT", "Tên"], "target": "annex"}`, 1)},
			wantErr: []string{`field "ds" fills the annex but the definition has no "annex" object`},
		},
		{
			name: "body template placing a field that is not a table",
			files: map[string]string{"thu.json": strings.Replace(minimal, `"fields"`,
				`"body_template": "Nội dung\n% trich_yeu\n", "fields"`, 1)},
			wantErr: []string{"body template", `"trich_yeu"`, "not a table field"},
		},
		{
			name:    "no legal basis",
			files:   map[string]string{"thu.json": strings.Replace(minimal, `["Nghị định 30/2020/NĐ-CP"]`, `[]`, 1)},
			wantErr: []string{"legal_basis is empty"},
		},
		{
			name:    "no definition at all",
			files:   map[string]string{"README.md": "không phải biểu mẫu"},
			wantErr: []string{"no form definition"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			_, err := Load(fsys)
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
		})
	}

	t.Run("the minimal definition itself loads", func(t *testing.T) {
		if _, err := Load(fstest.MapFS{"thu.json": {Data: []byte(minimal)}}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("every problem is reported at once", func(t *testing.T) {
		broken := strings.Replace(strings.Replace(minimal, `"cong-van"`, `"x"`, 1), `"subject"`, `"y"`, 1)
		_, err := Load(fstest.MapFS{"thu.json": {Data: []byte(broken)}})
		if err == nil || !strings.Contains(err.Error(), `kind "x"`) || !strings.Contains(err.Error(), `target "y"`) {
			t.Fatalf("error %v, want both the kind and the target", err)
		}
	})

	t.Run("decomposed text is loaded as NFC", func(t *testing.T) {
		c, err := Load(fstest.MapFS{"thu.json": {Data: []byte(norm.NFD.String(minimal))}})
		if err != nil {
			t.Fatal(err)
		}
		d, _ := c.Get("thu")
		if d.Title != "Thử" || d.Fields[0].Label != "Trích yếu" {
			t.Errorf("title %q, label %q: not NFC", d.Title, d.Fields[0].Label)
		}
	})
}

func TestUsesNumber(t *testing.T) {
	for _, tc := range []struct {
		tmpl string
		want bool
	}{{"Số {{.So}}/{{.KyHieu}}", true}, {"Hồi {{.gio}} ngày {{ngay .Ngay}}", false}, {"", false}} {
		d := &Definition{BodyTemplate: tc.tmpl}
		if got := d.UsesNumber(); got != tc.want {
			t.Errorf("UsesNumber(%q) = %v, want %v", tc.tmpl, got, tc.want)
		}
	}
}
