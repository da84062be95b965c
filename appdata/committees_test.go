package appdata_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanthu/appdata"
)

// A province's composition rules and the awards are replaced from the data folder, without
// code; a broken file stops the load, named by its kind.
func TestLoadCommitteesAndAwards(t *testing.T) {
	d, err := appdata.Load("")
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := d.Committees.For("tinh-thanh-hoa", "to-bao-ve-antt"); !ok || r.Size.PerArea["rural"] != 3 {
		t.Fatalf("embedded Thanh Hoá rules: %+v", r)
	}
	if _, ok := d.Awards.Get("chien-si-thi-dua-co-so"); !ok {
		t.Fatal("no embedded Chiến sĩ thi đua cơ sở")
	}

	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("committees/tinh-thanh-hoa.json", `{"id": "tinh-thanh-hoa", "province": "tinh-thanh-hoa", "name": "Thanh Hoá",
	  "legal_basis": ["Nghị quyết số 99/2024/NQ-HĐND"],
	  "bodies": {"to-bao-ve-antt": {"title": "Tổ bảo vệ an ninh, trật tự", "legal_basis": ["Nghị quyết số 99/2024/NQ-HĐND"],
	    "roles": [{"name": "Tổ trưởng", "min": 1, "max": 1, "basis": "Luật số 30/2023/QH15"}, {"name": "Tổ viên"}],
	    "size": {"per_area": {"rural": 4, "urban": 6}, "basis": "Nghị quyết số 99/2024/NQ-HĐND"}}}}`)
	d, err = appdata.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := d.Committees.For("tinh-thanh-hoa", "to-bao-ve-antt"); r.Size.PerArea["rural"] != 4 || len(r.Roles) != 2 {
		t.Errorf("the folder's Thanh Hoá rules were not used: %+v", r)
	}

	write("awards/giay-khen-chu-tich-ubnd-xa.json", `{"id": "giay-khen-chu-tich-ubnd-xa"}`)
	if _, err := appdata.Load(dir); err == nil || !strings.Contains(err.Error(), "awards") {
		t.Errorf("a broken award loaded: %v", err)
	}
}
