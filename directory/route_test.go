package directory

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"vanthu/apperr"
)

// demoRules loads the rules shipped in templates/routing.
func demoRules(t *testing.T) map[string]Rule {
	t.Helper()
	rules, err := LoadRules(os.DirFS("../templates/routing"))
	if err != nil {
		t.Fatalf("LoadRules: %v", err)
	}
	return rules
}

// TestRouteSeed routes the model document, dispatch 1028/UBND-NC of 01/02/2016, from the
// three-tier archive subtree. The seed prints "BCD 138 Chính phủ", a typing slip for "BCĐ".
func TestRouteSeed(t *testing.T) {
	tree, rules := demoTree(t), demoRules(t)
	got, err := tree.Route(rules["cong-van-chi-dao-tinh"], "ubnd-tinh-thanh-hoa-2016", RouteOptions{DraftingUnit: "NC", Copies: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := Recipients{
		KinhGui: []string{
			"Các sở, ban, ngành, đoàn thể cấp tỉnh",
			"UBND các huyện, thị xã, thành phố",
		},
		NoiNhan: []string{
			"Như trên",
			"BCĐ 138 Chính phủ",
			"Văn phòng Chính phủ",
			"TTr Tỉnh ủy, HĐND tỉnh",
			"Chủ tịch, các PCT UBND tỉnh",
			"Cục V11, V28, Bộ Công an",
		},
		Archive: "VT, NC (3)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Route =\n%#v\nwant\n%#v", got, want)
	}
	parent, issuer := tree.Header("ubnd-tinh-thanh-hoa-2016")
	if parent != "" || issuer != "ỦY BAN NHÂN DÂN TỈNH THANH HOÁ" {
		t.Errorf("Header = (%q, %q)", parent, issuer)
	}
	if u, _ := tree.Unit("ubnd-tinh-thanh-hoa-2016"); u.Place != "Thanh Hoá" || u.ShortName != "UBND" {
		t.Errorf("place, short name = %q, %q; want Thanh Hoá, UBND", u.Place, u.ShortName)
	}
}

func TestRoute(t *testing.T) {
	tree, rules := demoTree(t), demoRules(t)
	seedCopies := []string{"BCĐ 138 Chính phủ", "Văn phòng Chính phủ", "TTr Tỉnh ủy, HĐND tỉnh",
		"Chủ tịch, các PCT UBND tỉnh", "Cục V11, V28, Bộ Công an"}
	nc3 := RouteOptions{DraftingUnit: "NC", Copies: 3}
	headOf := func(collective bool) Rule {
		return Rule{ID: "head", Name: "Gửi Chủ tịch UBND cấp dưới", To: []Entry{
			{Kind: PeopleCommittee, Under: ScopeIssuerLocality, Address: AddressHead, Collective: collective},
		}}
	}
	tests := []struct {
		name   string
		rule   Rule
		issuer string
		opt    RouteOptions
		want   Recipients
	}{
		{
			name:   "seed rule, two-tier province",
			rule:   rules["cong-van-chi-dao-tinh"],
			issuer: "ubnd-tinh-thanh-hoa",
			opt:    nc3,
			want: Recipients{
				KinhGui: []string{"Các sở, ban, ngành, đoàn thể cấp tỉnh", "UBND các xã, phường"},
				NoiNhan: append([]string{"Như trên"}, seedCopies...),
				Archive: "VT, NC (3)",
			},
		},
		{
			name:   "seed rule, district of the archive",
			rule:   rules["cong-van-chi-dao-tinh"],
			issuer: "ubnd-huyen-dong-son-2016",
			opt:    RouteOptions{DraftingUnit: "NC"},
			want: Recipients{
				KinhGui: []string{"Các sở, ban, ngành, đoàn thể cấp tỉnh", "UBND các xã, thị trấn"},
				NoiNhan: append([]string{"Như trên"}, seedCopies...),
				Archive: "VT, NC",
			},
		},
		{
			name:   "group and collective entry expanded",
			rule:   rules["cong-van-chi-dao-tinh"],
			issuer: "ubnd-tinh-thanh-hoa",
			opt:    RouteOptions{DraftingUnit: "NC", Copies: 3, Expand: map[string]bool{"so-ban-nganh-tinh": true, "ubnd-cap-duoi": true}},
			want: Recipients{
				KinhGui: []string{
					"Công an tỉnh Thanh Hoá", "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính",
					"Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo",
					"Ủy ban MTTQ Việt Nam tỉnh", "Báo Thanh Hoá", "Đài PT-TH tỉnh",
					"UBND phường Hạc Thành", "UBND xã Đông Tiến", "UBND xã Quảng Phú",
				},
				NoiNhan: append([]string{"Như trên"}, seedCopies...),
				Archive: "VT, NC (3)",
			},
		},
		{
			name:   "head addressing, collective",
			rule:   headOf(true),
			issuer: "ubnd-tinh-thanh-hoa",
			want: Recipients{
				KinhGui: []string{"Chủ tịch UBND các xã, phường"},
				NoiNhan: []string{"Như trên"},
				Archive: "VT",
			},
		},
		{
			name:   "head addressing, collective, three tiers",
			rule:   headOf(true),
			issuer: "ubnd-tinh-thanh-hoa-2016",
			want: Recipients{
				KinhGui: []string{"Chủ tịch UBND các huyện, thị xã, thành phố"},
				NoiNhan: []string{"Như trên"},
				Archive: "VT",
			},
		},
		{
			name:   "head addressing, one line each",
			rule:   headOf(false),
			issuer: "ubnd-tinh-thanh-hoa",
			want: Recipients{
				KinhGui: []string{"Chủ tịch UBND phường Hạc Thành", "Chủ tịch UBND xã Đông Tiến", "Chủ tịch UBND xã Quảng Phú"},
				NoiNhan: []string{"Như trên"},
				Archive: "VT",
			},
		},
		{
			name:   "commune to its villages, collective",
			rule:   rules["cong-van-cap-xa"],
			issuer: "ubnd-xa-dong-tien",
			opt:    RouteOptions{Copies: 2},
			want: Recipients{
				KinhGui: []string{"Trưởng các thôn"},
				NoiNhan: []string{"Như trên", "Công an xã Đông Tiến", "Ban Chỉ đạo an ninh, trật tự xã Đông Tiến", "Chủ tịch, các PCT UBND"},
				Archive: "VT (2)",
			},
		},
		{
			name:   "ward to its residential groups, collective",
			rule:   rules["cong-van-cap-xa"],
			issuer: "ubnd-phuong-hac-thanh",
			opt:    RouteOptions{DraftingUnit: "CA", Copies: 1},
			want: Recipients{
				KinhGui: []string{"Tổ trưởng các tổ dân phố"},
				NoiNhan: []string{"Như trên", "Công an phường Hạc Thành", "Ban Chỉ đạo an ninh, trật tự phường Hạc Thành", "Chủ tịch, các PCT UBND"},
				Archive: "VT, CA (1)",
			},
		},
		{
			name:   "commune to its villages, expanded",
			rule:   rules["cong-van-cap-xa"],
			issuer: "ubnd-xa-dong-tien",
			opt:    RouteOptions{Expand: map[string]bool{"truong-thon": true}},
			want: Recipients{
				KinhGui: []string{"Trưởng thôn Phù Lưu", "Trưởng thôn Triệu Xá", "Trưởng thôn Thọ Sơn"},
				NoiNhan: []string{"Như trên", "Công an xã Đông Tiến", "Ban Chỉ đạo an ninh, trật tự xã Đông Tiến", "Chủ tịch, các PCT UBND"},
				Archive: "VT",
			},
		},
		{
			name: "villages by unit, collective and derived",
			rule: Rule{ID: "thon", Name: "Các thôn", To: []Entry{
				{Kind: Village, Under: ScopeIssuerLocality, Collective: true},
			}},
			issuer: "ubnd-phuong-hac-thanh",
			want: Recipients{
				KinhGui: []string{"Các tổ dân phố"},
				NoiNhan: []string{"Như trên"},
				Archive: "VT",
			},
		},
		{
			name: "police of the communes, two tiers",
			rule: Rule{ID: "ca", Name: "Công an cấp xã", To: []Entry{
				{Kind: Police, Under: ScopeIssuerLocality, Collective: true},
				{Kind: Police, Under: ScopeIssuerLocality, Collective: true, Address: AddressHead},
			}},
			issuer: "cong-an-tinh-thanh-hoa",
			want: Recipients{
				KinhGui: []string{"Công an các xã, phường", "Trưởng Công an các xã, phường"},
				NoiNhan: []string{"Như trên"},
				Archive: "VT",
			},
		},
		{
			name:   "report of commune police to its superior",
			rule:   rules["bao-cao-len-cap-tren"],
			issuer: "cong-an-xa-dong-tien",
			opt:    RouteOptions{DraftingUnit: "CAX", Copies: 2},
			want: Recipients{
				KinhGui: []string{"Công an tỉnh Thanh Hoá"},
				NoiNhan: []string{"Như trên", "UBND xã Đông Tiến"},
				Archive: "VT, CAX (2)",
			},
		},
		{
			name:   "report of a commune committee: no copy to itself",
			rule:   rules["bao-cao-len-cap-tren"],
			issuer: "ubnd-xa-quang-phu",
			want: Recipients{
				KinhGui: []string{"UBND tỉnh Thanh Hoá"},
				NoiNhan: []string{"Như trên"},
				Archive: "VT",
			},
		},
		{
			name:   "report of a commune steering committee",
			rule:   rules["bao-cao-len-cap-tren"],
			issuer: "bcd-antt-xa-quang-phu",
			want: Recipients{
				KinhGui: []string{"Ban Chỉ đạo an ninh, trật tự tỉnh"},
				NoiNhan: []string{"Như trên", "UBND xã Quảng Phú"},
				Archive: "VT",
			},
		},
		{
			name:   "report of commune police, three tiers",
			rule:   rules["bao-cao-len-cap-tren"],
			issuer: "cong-an-xa-dong-tien-2016",
			want: Recipients{
				KinhGui: []string{"Công an huyện Đông Sơn"},
				NoiNhan: []string{"Như trên", "UBND xã Đông Tiến"},
				Archive: "VT",
			},
		},
		{
			name:   "decision: no Kính gửi, no Như trên",
			rule:   rules["quyet-dinh"],
			issuer: "ubnd-xa-quang-phu",
			opt:    RouteOptions{DraftingUnit: "CA", Copies: 2},
			want: Recipients{
				KinhGui: []string{},
				NoiNhan: []string{"Như Điều 3", "UBND tỉnh Thanh Hoá"},
				Archive: "VT, CA (2)",
			},
		},
		{
			name: "duplicates dropped, copy already addressed dropped, issuer skipped",
			rule: Rule{ID: "dup", Name: "Trùng", Archive: "VT, {issuer_short}, {drafting_unit}",
				To: []Entry{
					{Group: "so-ban-nganh-tinh", Expand: true},
					{Unit: "so-noi-vu"},
					{Text: "Sở Tư pháp"},
				},
				Copies: []Entry{{Unit: "so-tai-chinh"}, {Unit: "van-phong-chinh-phu"}, {Text: "Văn phòng Chính phủ"}},
			},
			issuer: "cong-an-tinh-thanh-hoa",
			opt:    RouteOptions{DraftingUnit: "PV01", Copies: 4},
			want: Recipients{
				KinhGui: []string{"Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính",
					"Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo",
					"Ủy ban MTTQ Việt Nam tỉnh", "Báo Thanh Hoá", "Đài PT-TH tỉnh"},
				NoiNhan: []string{"Như trên", "Văn phòng Chính phủ"},
				Archive: "VT, CAT, PV01 (4)",
			},
		},
		{
			name: "group collapsed by option despite the rule",
			rule: Rule{ID: "g", Name: "Nhóm", To: []Entry{
				{Group: "xa-phuong-diem-antt", Expand: true, Address: AddressHead},
			}},
			issuer: "ubnd-tinh-thanh-hoa",
			opt:    RouteOptions{Expand: map[string]bool{"xa-phuong-diem-antt": false}},
			want: Recipients{
				KinhGui: []string{"UBND các xã, phường điểm về an ninh, trật tự"},
				NoiNhan: []string{"Như trên"},
				Archive: "VT",
			},
		},
		{
			name: "group expanded with head addressing",
			rule: Rule{ID: "g", Name: "Nhóm", To: []Entry{
				{Group: "xa-phuong-diem-antt", Expand: true, Address: AddressHead},
			}},
			issuer: "ubnd-tinh-thanh-hoa",
			want: Recipients{
				KinhGui: []string{"Chủ tịch UBND phường Hạc Thành", "Chủ tịch UBND xã Đông Tiến"},
				NoiNhan: []string{"Như trên"},
				Archive: "VT",
			},
		},
		{
			name: "kind entry selecting nothing gives no line",
			rule: Rule{ID: "none", Name: "Không có", To: []Entry{
				{Kind: School, Under: ScopeIssuerLocality, Collective: true, Label: "Các trường THCS"},
			}},
			issuer: "ubnd-xa-dong-tien",
			want:   Recipients{KinhGui: []string{}, NoiNhan: []string{}, Archive: "VT"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tree.Route(tt.rule, tt.issuer, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Route =\n%#v\nwant\n%#v", got, tt.want)
			}
		})
	}
}

func TestRouteErrors(t *testing.T) {
	tree, rules := demoTree(t), demoRules(t)
	tests := []struct {
		name   string
		rule   Rule
		issuer string
		opt    RouteOptions
		code   apperr.Code
		want   string
	}{
		{"unknown issuer", rules["quyet-dinh"], "khong-co", RouteOptions{}, apperr.NotFound, `không tìm thấy đơn vị ban hành "khong-co"`},
		{"issuer of another kind", rules["cong-van-chi-dao-tinh"], "so-noi-vu", RouteOptions{}, apperr.Invalid, `không dùng cho Sở Nội vụ (loại department)`},
		{"negative copies", rules["quyet-dinh"], "ubnd-xa-dong-tien", RouteOptions{Copies: -1}, apperr.Invalid, "số bản lưu"},
		{"no superior", rules["bao-cao-len-cap-tren"], "ubnd-tinh-thanh-hoa", RouteOptions{}, apperr.Invalid, "không tìm thấy cơ quan cấp trên của UBND tỉnh Thanh Hoá"},
		{"unknown unit", Rule{ID: "x", Name: "X", To: []Entry{{Unit: "khong-co"}}}, "ubnd-tinh-thanh-hoa", RouteOptions{}, apperr.Invalid, `đơn vị "khong-co" không có`},
		{"unknown group", Rule{ID: "x", Name: "X", Copies: []Entry{{Group: "khong-co"}}}, "ubnd-tinh-thanh-hoa", RouteOptions{}, apperr.Invalid, `nhóm "khong-co" không có`},
		{"invalid rule", Rule{ID: "x", Name: "X", To: []Entry{{Relation: "boss"}}}, "ubnd-tinh-thanh-hoa", RouteOptions{}, apperr.Invalid, `quan hệ (relation) "boss"`},
		{
			"collective of schools without label",
			Rule{ID: "x", Name: "X", To: []Entry{{Kind: School, Under: ScopeIssuerLocality, Collective: true}}},
			"ubnd-tinh-thanh-hoa", RouteOptions{}, apperr.Invalid, "hãy ghi label",
		},
		{
			"head without head title",
			Rule{ID: "x", Name: "X", To: []Entry{{Unit: "tinh-thanh-hoa", Address: AddressHead}}},
			"ubnd-tinh-thanh-hoa", RouteOptions{}, apperr.Invalid, `"tinh-thanh-hoa" chưa có chức danh người đứng đầu (head_title)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tree.Route(tt.rule, tt.issuer, tt.opt)
			if err == nil {
				t.Fatalf("Route succeeded, want %q", tt.want)
			}
			if code := apperr.CodeOf(err); code != tt.code {
				t.Errorf("code = %s, want %s", code, tt.code)
			}
			if msg := apperr.As(err).Message; !strings.Contains(msg, tt.want) {
				t.Errorf("message %q does not contain %q", msg, tt.want)
			}
		})
	}
}

func TestWithTitle(t *testing.T) {
	tests := []struct{ title, label, want string }{
		{"Chủ tịch", "UBND xã Đông Tiến", "Chủ tịch UBND xã Đông Tiến"},
		{"Trưởng thôn", "Thôn Phù Lưu", "Trưởng thôn Phù Lưu"},
		{"Trưởng Công an", "Công an xã Đông Tiến", "Trưởng Công an xã Đông Tiến"},
		{"Tổ trưởng", "Tổ dân phố Lam Sơn 1", "Tổ trưởng Tổ dân phố Lam Sơn 1"},
		{"Giám đốc", "Công an tỉnh Thanh Hoá", "Giám đốc Công an tỉnh Thanh Hoá"},
		{"Trưởng thôn", "Thôn", "Trưởng thôn Thôn"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := withTitle(tt.title, tt.label); got != tt.want {
				t.Errorf("withTitle(%q, %q) = %q", tt.title, tt.label, got)
			}
		})
	}
}

func TestRouteOptionalRelation(t *testing.T) {
	tree := demoTree(t)
	rule := Rule{ID: "r", Name: "r", Copies: []Entry{{Text: "Như Điều 3"}, {Relation: RelationSuperior, Optional: true}}}
	got, err := tree.Route(rule, "ubnd-tinh-thanh-hoa", RouteOptions{DraftingUnit: "NC"})
	if err != nil {
		t.Fatalf("an optional relation that finds nothing must not fail: %v", err)
	}
	if len(got.NoiNhan) != 1 || got.NoiNhan[0] != "Như Điều 3" {
		t.Errorf("Nơi nhận = %q, want only Như Điều 3", got.NoiNhan)
	}
	rule.Copies[1].Optional = false
	if _, err := tree.Route(rule, "ubnd-tinh-thanh-hoa", RouteOptions{}); err == nil {
		t.Error("a required relation that finds nothing must fail")
	}
}
