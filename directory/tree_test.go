package directory

import (
	"os"
	"slices"
	"strings"
	"testing"

	"vanthu/apperr"
)

// demoTree loads the demo directory shipped in templates/directory.
func demoTree(t *testing.T) *Tree {
	t.Helper()
	tree, err := LoadTree(os.DirFS("../templates/directory"))
	if err != nil {
		t.Fatalf("LoadTree: %v", err)
	}
	return tree
}

func ids(units []Unit) []string {
	out := make([]string, len(units))
	for i, u := range units {
		out[i] = u.ID
	}
	return out
}

func TestNewTreeErrors(t *testing.T) {
	province := Unit{ID: "tinh", Kind: Province, Name: "Tỉnh A"}
	tests := []struct {
		name   string
		units  []Unit
		groups []Group
		want   []string // substrings of the message
	}{
		{
			name:  "missing id",
			units: []Unit{{Kind: Province, Name: "Tỉnh A"}},
			want:  []string{"đơn vị thứ 1", "thiếu mã đơn vị (id)"},
		},
		{
			name:  "id with a space",
			units: []Unit{{ID: "tinh a", Kind: Province, Name: "Tỉnh A"}},
			want:  []string{`đơn vị "tinh a"`, "khoảng trắng"},
		},
		{
			name:  "duplicate id",
			units: []Unit{province, province},
			want:  []string{`đơn vị "tinh": mã (id) bị trùng`},
		},
		{
			name:  "missing parent",
			units: []Unit{province, {ID: "ubnd", ParentID: "khong-co", Kind: PeopleCommittee, Name: "UBND"}},
			want:  []string{`đơn vị "ubnd": đơn vị cha (parent_id) "khong-co" không tồn tại`},
		},
		{
			name:  "unknown kind",
			units: []Unit{{ID: "x", Kind: "ministry", Name: "Bộ X"}},
			want:  []string{`đơn vị "x": loại đơn vị (kind) "ministry" không hợp lệ`},
		},
		{
			name:  "empty name",
			units: []Unit{{ID: "x", Kind: Province, Name: "  "}},
			want:  []string{`đơn vị "x": thiếu tên đơn vị (name)`},
		},
		{
			name: "cycle",
			units: []Unit{
				{ID: "a", ParentID: "b", Kind: Province, Name: "A"},
				{ID: "b", ParentID: "a", Kind: Province, Name: "B"},
			},
			want: []string{"vòng lặp: a → b → a"},
		},
		{
			name:  "own parent",
			units: []Unit{{ID: "a", ParentID: "a", Kind: Province, Name: "A"}},
			want:  []string{`đơn vị "a": đơn vị cha (parent_id) tạo thành vòng lặp: a → a`},
		},
		{
			name: "locality under a body",
			units: []Unit{
				province,
				{ID: "ubnd", ParentID: "tinh", Kind: PeopleCommittee, Name: "UBND"},
				{ID: "xa", ParentID: "ubnd", Kind: Commune, Name: "Xã B"},
			},
			want: []string{`đơn vị "xa": địa bàn (commune) chỉ được đặt dưới một địa bàn`},
		},
		{
			name:   "group member missing",
			units:  []Unit{province},
			groups: []Group{{ID: "g", Name: "Nhóm", Members: []string{"tinh", "khong-co"}}},
			want:   []string{`nhóm "g": thành viên (members) "khong-co" không có`},
		},
		{
			name:   "group without name, member twice",
			units:  []Unit{province},
			groups: []Group{{ID: "g", Members: []string{"tinh", "tinh"}}},
			want:   []string{`nhóm "g": thiếu tên nhóm (name)`, `"tinh" được ghi hai lần`},
		},
		{
			name:   "duplicate group",
			units:  []Unit{province},
			groups: []Group{{ID: "g", Name: "A"}, {ID: "g", Name: "B"}},
			want:   []string{`nhóm "g": mã (id) bị trùng`},
		},
		{
			name: "every problem at once",
			units: []Unit{
				{ID: "x", Kind: "?", Name: ""},
				{ID: "y", ParentID: "z", Kind: Province, Name: "Y"},
			},
			want: []string{`"x": thiếu tên`, `"x": loại đơn vị (kind) "?"`, `"y": đơn vị cha (parent_id) "z"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, err := NewTree(tt.units, tt.groups)
			if err == nil {
				t.Fatalf("NewTree succeeded, want an error containing %q", tt.want)
			}
			if tree != nil {
				t.Errorf("NewTree returned a tree with its error")
			}
			if code := apperr.CodeOf(err); code != apperr.Invalid {
				t.Errorf("code = %s, want %s", code, apperr.Invalid)
			}
			msg := apperr.As(err).Message
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q\ndoes not contain %q", msg, w)
				}
			}
		})
	}
}

func TestNewTreeNormalises(t *testing.T) {
	// "Thanh Hoá" typed with combining marks (NFD) and stray spaces.
	nfd := "Ti\u0309nh  Thanh Hoa\u0301 "
	tree, err := NewTree([]Unit{{ID: " tinh ", Kind: Province, Name: nfd}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	u, ok := tree.Unit("tinh")
	if !ok || u.Name != "Tỉnh Thanh Hoá" {
		t.Errorf("Unit(tinh) = %q, %v; want NFC %q", u.Name, ok, "Tỉnh Thanh Hoá")
	}
}

func TestTreeNavigation(t *testing.T) {
	tree := demoTree(t)
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{"roots", ids(tree.Children("")), []string{"viet-nam"}},
		{"children of a commune", ids(tree.Children("xa-quang-phu")), []string{
			"ubnd-xa-quang-phu", "cong-an-xa-quang-phu", "bcd-antt-xa-quang-phu",
			"thon-dinh-tan", "thon-tan-phu", "truong-thcs-quang-phu"}},
		{"ancestors of a village", ids(tree.Ancestors("thon-phu-luu")), []string{"xa-dong-tien", "tinh-thanh-hoa", "viet-nam"}},
		{"ancestors of a root", ids(tree.Ancestors("viet-nam")), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !slices.Equal(tt.got, tt.want) {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}

	localities := []struct{ id, want string }{
		{"cong-an-xa-dong-tien", "xa-dong-tien"},
		{"thon-phu-luu", "thon-phu-luu"},
		{"truong-thpt-dao-duy-tu", "tinh-thanh-hoa"},
		{"cuc-v11", "viet-nam"},
		{"ubnd-xa-dong-tien-2016", "xa-dong-tien-2016"},
	}
	for _, l := range localities {
		t.Run("locality of "+l.id, func(t *testing.T) {
			got, ok := tree.Locality(l.id)
			if !ok || got.ID != l.want {
				t.Errorf("Locality(%s) = %q, %v; want %q", l.id, got.ID, ok, l.want)
			}
		})
	}

	t.Run("parent", func(t *testing.T) {
		if p, ok := tree.Parent("cuc-v28"); !ok || p.ID != "bo-cong-an" {
			t.Errorf("Parent(cuc-v28) = %q, %v", p.ID, ok)
		}
		if _, ok := tree.Parent("viet-nam"); ok {
			t.Errorf("Parent of the root found")
		}
		if _, ok := tree.Parent("khong-co"); ok {
			t.Errorf("Parent of an unknown unit found")
		}
	})
	t.Run("groups are copies", func(t *testing.T) {
		g, ok := tree.Group("so-ban-nganh-tinh")
		if !ok || g.Name != "Các sở, ban, ngành, đoàn thể cấp tỉnh" {
			t.Fatalf("Group = %+v, %v", g, ok)
		}
		g.Members[0] = "changed"
		if again, _ := tree.Group("so-ban-nganh-tinh"); again.Members[0] == "changed" {
			t.Errorf("changing a returned group changed the tree")
		}
		if n := len(tree.Groups()); n != 2 {
			t.Errorf("len(Groups()) = %d, want 2", n)
		}
	})
}

func TestHeader(t *testing.T) {
	tree := demoTree(t)
	tests := []struct {
		name, id, parent, issuer string
	}{
		{"provincial people's committee", "ubnd-tinh-thanh-hoa", "", "ỦY BAN NHÂN DÂN TỈNH THANH HOÁ"},
		{"archive provincial committee as in the seed", "ubnd-tinh-thanh-hoa-2016", "", "ỦY BAN NHÂN DÂN TỈNH THANH HOÁ"},
		{"department", "so-noi-vu", "UBND TỈNH THANH HOÁ", "SỞ NỘI VỤ"},
		{"department with a comma", "so-van-hoa-the-thao-du-lich", "UBND TỈNH THANH HOÁ", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"},
		{"provincial steering committee", "bcd-antt-tinh-thanh-hoa", "UBND TỈNH THANH HOÁ", "BAN CHỈ ĐẠO AN NINH, TRẬT TỰ TỈNH THANH HOÁ"},
		{"commune steering committee", "bcd-antt-xa-dong-tien", "UBND XÃ ĐÔNG TIẾN", "BAN CHỈ ĐẠO AN NINH, TRẬT TỰ XÃ ĐÔNG TIẾN"},
		{"commune police", "cong-an-phuong-hac-thanh", "CÔNG AN TỈNH THANH HOÁ", "CÔNG AN PHƯỜNG HẠC THÀNH"},
		{"commune police, three tiers", "cong-an-xa-dong-tien-2016", "CÔNG AN HUYỆN ĐÔNG SƠN", "CÔNG AN XÃ ĐÔNG TIẾN"},
		{"provincial police", "cong-an-tinh-thanh-hoa", "BỘ CÔNG AN", "CÔNG AN TỈNH THANH HOÁ"},
		{"ministry", "bo-cong-an", "", "BỘ CÔNG AN"},
		{"department of a ministry", "cuc-v11", "BỘ CÔNG AN", "CỤC V11"},
		{"commune people's committee", "ubnd-xa-quang-phu", "", "ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ"},
		{"school under a commune", "truong-thcs-tran-mai-ninh", "UBND PHƯỜNG HẠC THÀNH", "TRƯỜNG TRUNG HỌC CƠ SỞ TRẦN MAI NINH"},
		{"school under a department", "truong-thpt-dao-duy-tu", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỜNG TRUNG HỌC PHỔ THÔNG ĐÀO DUY TỪ"},
		{"enterprise", "cty-may-dong-tien", "", "CÔNG TY TNHH MAY ĐÔNG TIẾN"},
		{"agency at the nation", "van-phong-chinh-phu", "", "VĂN PHÒNG CHÍNH PHỦ"},
		{"unknown", "khong-co", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent, issuer := tree.Header(tt.id)
			if parent != tt.parent || issuer != tt.issuer {
				t.Errorf("Header(%s) = (%q, %q), want (%q, %q)", tt.id, parent, issuer, tt.parent, tt.issuer)
			}
		})
	}
}

func TestSuperior(t *testing.T) {
	tree := demoTree(t)
	tests := []struct{ id, want string }{
		{"ubnd-xa-dong-tien", "ubnd-tinh-thanh-hoa"},
		{"cong-an-xa-dong-tien", "cong-an-tinh-thanh-hoa"},
		{"bcd-antt-xa-quang-phu", "bcd-antt-tinh-thanh-hoa"},
		{"cong-an-tinh-thanh-hoa", "bo-cong-an"},
		{"so-tu-phap", "ubnd-tinh-thanh-hoa"},
		{"truong-thpt-dao-duy-tu", "so-giao-duc-dao-tao"},
		{"cty-may-dong-tien", "ubnd-xa-dong-tien"},
		{"thon-tho-son", "ubnd-xa-dong-tien"},
		{"ubnd-xa-dong-tien-2016", "ubnd-huyen-dong-son-2016"},
		{"cong-an-xa-dong-tien-2016", "cong-an-huyen-dong-son-2016"},
		{"ubnd-huyen-dong-son-2016", "ubnd-tinh-thanh-hoa-2016"},
		{"ubnd-tinh-thanh-hoa", ""},
		{"bo-cong-an", ""},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, ok := tree.Superior(tt.id)
			if ok != (tt.want != "") || got.ID != tt.want {
				t.Errorf("Superior(%s) = %q, %v; want %q", tt.id, got.ID, ok, tt.want)
			}
		})
	}
}
