package inspection_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/unicode/norm"

	"vanthu/inspection"
	"vanthu/templates"
)

// embedded loads the checklists embedded in the binary.
func embedded(tb testing.TB) *inspection.Catalog {
	tb.Helper()
	sub, err := fs.Sub(templates.FS, "checklists")
	if err != nil {
		tb.Fatal(err)
	}
	cat, err := inspection.Load(sub)
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return cat
}

func leafIDs(c *inspection.Checklist) []string {
	var ids []string
	for _, cr := range c.Leaves() {
		ids = append(ids, cr.ID)
	}
	return ids
}

func TestEmbeddedChecklists(t *testing.T) {
	cat := embedded(t)
	tests := []struct {
		id     string
		kind   inspection.Kind
		leaves string
	}{
		{"khu-dan-cu", inspection.ResidentialArea,
			"4.1 4.2 4.3.a 4.3.b 4.3.c 4.3.d 4.3.đ 4.3.e 4.3.g 4.4.a 4.4.b 4.4.c 4.4.d 4.5"},
		{"xa", inspection.Commune,
			"5.1 5.2/4.2 5.2/4.3.a 5.2/4.3.b 5.2/4.3.c 5.2/4.3.d 5.2/4.3.đ 5.2/4.3.e 5.2/4.3.g 5.2/4.4.a 5.2/4.4.b 5.2/4.4.c 5.2/4.4.d 5.3 5.4"},
		{"co-quan-doanh-nghiep", inspection.Agency,
			"6.1 6.2 6.3.a 6.3.b 6.3.c 6.3.d 6.3.đ 6.3.e 6.3.g 6.3.h 6.4 6.5"},
		{"co-so-giao-duc", inspection.School,
			"7.1 7.2 7.3/6.3.a 7.3/6.3.b 7.3/6.3.c 7.3/6.3.đ 7.3/6.3.e 7.3/6.3.g 7.4 7.5 7.6"},
	}
	if got := len(cat.List()); got != len(tests) {
		t.Fatalf("%d checklists, want %d", got, len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			c := cat.Get(tt.id)
			if c == nil || cat.ForKind(tt.kind) != c || cat.List()[i] != c {
				t.Fatalf("checklist %q not found under its id, kind and place", tt.id)
			}
			if got := strings.Join(leafIDs(c), " "); got != tt.leaves {
				t.Errorf("leaves\n got %s\nwant %s", got, tt.leaves)
			}
		})
	}
	if n := len(cat.Get("khu-dan-cu").Leaves()); n != 14 {
		t.Errorf("khu dân cư has %d leaves, want 14 (art. 4: items 1, 2, 5, 3 a–g, 4 a–d)", n)
	}
	computed := map[string]string{"5.4": inspection.RuleSubObjects, "6.5": inspection.RuleSubUnitShare, "7.6": inspection.RuleSubUnitShare}
	for _, c := range cat.List() {
		for _, cr := range c.Leaves() {
			want, isComputed := computed[cr.ID]
			switch {
			case isComputed && (cr.Computed == nil || cr.Computed.Rule != want):
				t.Errorf("%s %s: computed = %+v, want rule %s", c.ID, cr.ID, cr.Computed, want)
			case !isComputed && cr.Computed != nil:
				t.Errorf("%s %s: computed, want answered", c.ID, cr.ID)
			}
		}
	}
	for id, level := range map[string]string{"khu-dan-cu": inspection.LevelCommune, "xa": inspection.LevelProvince,
		"co-quan-doanh-nghiep": inspection.LevelCommune, "co-so-giao-duc": inspection.LevelCommune} {
		if a := cat.Get(id).Authority; a.Level != level || !strings.HasPrefix(a.Basis, "Điều 10") {
			t.Errorf("%s: authority %+v, want level %s (art. 10)", id, a, level)
		}
	}
	if c := cat.Get("xa").Criterion("5.4").Computed; c.Registered != 1 || c.Recognised != 0.7 {
		t.Errorf("5.4 thresholds = %v/%v, want 1/0.7", c.Registered, c.Recognised)
	}
}

// Every criterion's wording is the circular's, NFC, and its basis names its article.
func TestChecklistWordingIsTheCircular(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "tt124-2021.md"))
	if err != nil {
		t.Fatal(err)
	}
	circular := norm.NFC.String(string(raw))
	cat := embedded(t)
	for _, c := range cat.List() {
		if !strings.Contains(circular, c.Rule) {
			t.Errorf("%s: rule %q is not in the circular", c.ID, c.Rule)
		}
		var walk func(list []*inspection.Criterion)
		walk = func(list []*inspection.Criterion) {
			for _, cr := range list {
				if !norm.NFC.IsNormalString(cr.Text) {
					t.Errorf("%s %s: text is not NFC", c.ID, cr.ID)
				}
				if !strings.Contains(circular, " "+cr.Text+"\n") && !strings.Contains(circular, ") "+cr.Text+"\n") &&
					!strings.Contains(circular, ". "+cr.Text+"\n") {
					t.Errorf("%s %s: text is not a whole paragraph of the circular: %q", c.ID, cr.ID, cr.Text)
				}
				if !strings.HasPrefix(cr.Basis, "Điều ") || !strings.HasSuffix(cr.Basis, ", TT 124/2021/TT-BCA") {
					t.Errorf("%s %s: basis %q", c.ID, cr.ID, cr.Basis)
				}
				walk(cr.Criteria)
			}
		}
		walk(c.Criteria)
	}
	if got := cat.Get("khu-dan-cu").Criterion("4.3.b").Basis; got != "Điều 4, khoản 3, điểm b, TT 124/2021/TT-BCA" {
		t.Errorf("4.3.b basis = %q", got)
	}
	if got := cat.Get("co-so-giao-duc").Criterion("7.3/6.3.đ").Basis; got != "Điều 7, khoản 3 (Điều 6, khoản 3, điểm đ), TT 124/2021/TT-BCA" {
		t.Errorf("7.3/6.3.đ basis = %q", got)
	}
}

func TestCalendarDates(t *testing.T) {
	cat := embedded(t)
	r, err := cat.NewRound(2025, "ubnd-xa", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if r.Target != inspection.DefaultTarget {
		t.Errorf("target = %v", r.Target)
	}
	want := map[inspection.Kind]inspection.Dates{
		inspection.ResidentialArea: {RegistrationDue: "2025-03-31", WindowFrom: "2024-11-01", WindowTo: "2025-10-31", ProposalDue: "2025-11-15"},
		inspection.Commune:         {RegistrationDue: "2025-03-31", WindowFrom: "2024-11-16", WindowTo: "2025-11-15", ProposalDue: "2025-11-20"},
		inspection.Agency:          {RegistrationDue: "2025-03-31", WindowFrom: "2024-11-16", WindowTo: "2025-11-15", ProposalDue: "2025-11-20"},
		inspection.School:          {RegistrationDue: "2025-03-31", WindowFrom: "2024-11-16", WindowTo: "2025-11-15", ProposalDue: "2025-11-20"},
	}
	for k, d := range want {
		if r.Calendar[k] != d {
			t.Errorf("%s: %+v, want %+v", k, r.Calendar[k], d)
		}
	}
}

func TestOverlay(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "checklists"), 0o755); err != nil {
		t.Fatal(err)
	}
	overlay := `{
  "extends": "khu-dan-cu",
  "basis": "Quyết định số 12/2024/QĐ-UBND tỉnh Thanh Hoá",
  "add": [
    {"parent": "4.4", "id": "TH.4.4.đ", "text": "Không có người nghiện ma túy mới phát sinh."},
    {"id": "TH.6", "text": "Có mô hình camera an ninh hoạt động hiệu quả.", "grade_only": true, "points": 3}
  ],
  "grades": [
    {"id": "xuat-sac", "name": "Xuất sắc", "min_points": 17},
    {"id": "kha", "name": "Khá", "min_points": 15},
    {"id": "trung-binh", "name": "Trung bình", "min_points": 0}
  ]
}`
	thresholds := `{"extends": "xa", "basis": "Quyết định số 12/2024/QĐ-UBND tỉnh Thanh Hoá", "thresholds": {"5.4": {"recognised": 0.8}},
  "authority": {"level": "tinh", "basis": "Quyết định số 12/2024/QĐ-UBND tỉnh Thanh Hoá"}}`
	for name, body := range map[string]string{"thanh-hoa-khu-dan-cu.json": overlay, "thanh-hoa-xa.json": thresholds} {
		if err := os.WriteFile(filepath.Join(dir, "checklists", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sub, err := fs.Sub(templates.Open(dir), "checklists")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := inspection.Load(sub)
	if err != nil {
		t.Fatal(err)
	}
	kdc := cat.Get("khu-dan-cu")
	if n := len(kdc.Leaves()); n != 16 {
		t.Errorf("%d leaves after the overlay, want 16", n)
	}
	if cr := kdc.Criterion("TH.4.4.đ"); cr == nil || cr.Parent() != kdc.Criterion("4.4") || cr.Basis != "Quyết định số 12/2024/QĐ-UBND tỉnh Thanh Hoá" {
		t.Errorf("added criterion = %+v", cr)
	}
	if len(kdc.Grades) != 3 || len(kdc.Overlays) != 1 {
		t.Errorf("grades %v, overlays %v", kdc.Grades, kdc.Overlays)
	}
	if got := cat.Get("xa").Criterion("5.4").Computed.Recognised; got != 0.8 {
		t.Errorf("5.4 recognised = %v, want 0.8", got)
	}
	if got := cat.Get("xa").Authority.Basis; got != "Quyết định số 12/2024/QĐ-UBND tỉnh Thanh Hoá" {
		t.Errorf("xa authority basis = %q", got)
	}
	// The embedded catalog is untouched by another load with overlays.
	if got := embedded(t).Get("xa").Criterion("5.4").Computed.Recognised; got != 0.7 {
		t.Errorf("embedded 5.4 recognised = %v, want 0.7", got)
	}
}

func TestLoadRefuses(t *testing.T) {
	base, err := fs.ReadFile(templates.FS, "checklists/khu-dan-cu.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"unknown field", map[string]string{"khu-dan-cu.json": `{"id":"khu-dan-cu","kind":"khu-dan-cu","bogus":1}`}, "unknown field"},
		{"id differs from file", map[string]string{"a.json": string(base)}, "differs from the file name"},
		{"unknown parent", map[string]string{"khu-dan-cu.json": string(base),
			"o.json": `{"extends":"khu-dan-cu","basis":"QĐ","add":[{"parent":"9.9","id":"x","text":"X"}]}`}, "parent \"9.9\" not found"},
		{"duplicate id", map[string]string{"khu-dan-cu.json": string(base),
			"o.json": `{"extends":"khu-dan-cu","basis":"QĐ","add":[{"id":"4.1","text":"X"}]}`}, "id used twice"},
		{"overlay without basis", map[string]string{"khu-dan-cu.json": string(base),
			"o.json": `{"extends":"khu-dan-cu","add":[{"id":"x","text":"X"}]}`}, "legal basis"},
		{"threshold of a judged criterion", map[string]string{"khu-dan-cu.json": string(base),
			"o.json": `{"extends":"khu-dan-cu","basis":"QĐ","thresholds":{"4.1":{"recognised":0.5}}}`}, "no computed criterion"},
		{"unknown checklist", map[string]string{"o.json": `{"extends":"nope","basis":"QĐ"}`}, "extends unknown checklist"},
		{"grades not best first", map[string]string{"khu-dan-cu.json": string(base),
			"o.json": `{"extends":"khu-dan-cu","basis":"QĐ","grades":[{"id":"a","name":"A","min_points":1},{"id":"b","name":"B","min_points":5}]}`}, "best first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			_, err := inspection.Load(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load() error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
