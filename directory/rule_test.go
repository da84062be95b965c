package directory

import (
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadRulesDemo(t *testing.T) {
	rules, err := LoadRules(os.DirFS("../templates/routing"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for id, r := range rules {
		if r.ID != id || r.Name == "" {
			t.Errorf("rule %q: ID %q, name %q", id, r.ID, r.Name)
		}
		got = append(got, id)
	}
	sort.Strings(got)
	want := []string{"bao-cao-len-cap-tren", "cong-van-cap-xa", "cong-van-chi-dao-tinh", "quyet-dinh", "to-trinh-chu-tich-ubnd"}
	if !slices.Equal(got, want) {
		t.Errorf("rules = %q, want %q", got, want)
	}
	if err := demoTree(t).CheckRules(rules); err != nil {
		t.Errorf("CheckRules on the demo tree: %v", err)
	}
}

func TestLoadRulesErrors(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                []string
	}{
		{"unknown relation", "bad.json", `{"name":"X","to":[{"relation":"boss"}]}`,
			[]string{`bad.json: mục "to" thứ 1: quan hệ (relation) "boss" không hợp lệ`}},
		{"unknown field", "bad.json", `{"name":"X","too":[]}`,
			[]string{"bad.json: JSON không hợp lệ", "too"}},
		{"not JSON", "bad.json", `{"name":`, []string{"bad.json: JSON không hợp lệ"}},
		{"id differs from the file name", "bad.json", `{"id":"other","name":"X"}`,
			[]string{`bad.json: mã quy tắc (id) "other" phải trùng tên tệp "bad"`}},
		{"missing name", "bad.json", `{}`, []string{"bad.json: thiếu tên quy tắc (name)"}},
		{"two selectors", "bad.json", `{"name":"X","copies":[{"unit":"a","text":"b"}]}`,
			[]string{`bad.json: mục "copies" thứ 1: cần đúng một trong relation, unit, group, kind, text (có 2)`}},
		{"kind without scope", "bad.json", `{"name":"X","to":[{"kind":"police"}]}`,
			[]string{"kind cần đúng một trong under, in"}},
		{"unknown scope", "bad.json", `{"name":"X","to":[{"kind":"police","under":"nation"}]}`,
			[]string{`phạm vi "nation" không hợp lệ`}},
		{"unknown kind", "bad.json", `{"name":"X","issuer_kinds":["boss"],"to":[{"kind":"ministry","in":"issuer-locality"}]}`,
			[]string{`issuer_kinds: loại "boss"`, `loại (kind) "ministry"`}},
		{"unknown address", "bad.json", `{"name":"X","to":[{"unit":"a","address":"home"}]}`,
			[]string{`address "home" không hợp lệ`}},
		{"collective on a unit", "bad.json", `{"name":"X","to":[{"unit":"a","collective":true}]}`,
			[]string{"chỉ dùng với kind"}},
		{"duplicate entry id", "bad.json", `{"name":"X","to":[{"id":"e","text":"a"}],"copies":[{"id":"e","text":"b"}]}`,
			[]string{`mã mục (id) "e" bị trùng`}},
		{"unknown placeholder", "bad.json", `{"name":"X","archive":"VT, {unit}"}`,
			[]string{"archive: không biết {unit}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"good.json":  {Data: []byte(`{"name":"Tốt","to":[{"relation":"superior"}]}`)},
				tt.file:      {Data: []byte(tt.content)},
				"readme.txt": {Data: []byte("not a rule")},
			}
			_, err := LoadRules(fsys)
			if err == nil {
				t.Fatalf("LoadRules succeeded, want %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
		})
	}
}

func TestCheckRules(t *testing.T) {
	rules := map[string]Rule{"x": {ID: "x", Name: "X",
		To: []Entry{{Unit: "khong-co"}}, Copies: []Entry{{Group: "nhom-khong-co"}}}}
	err := demoTree(t).CheckRules(rules)
	if err == nil {
		t.Fatal("CheckRules accepted unknown references")
	}
	for _, w := range []string{`quy tắc "x": đơn vị "khong-co"`, `quy tắc "x": nhóm "nhom-khong-co"`} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not contain %q", err, w)
		}
	}
}
