package directory_test

import (
	"fmt"
	"io/fs"
	"strings"

	"vanthu/directory"
	"vanthu/templates"
)

// Routing the model dispatch 1028/UBND-NC (2016) from the embedded demo data.
func Example() {
	unitsFS, _ := fs.Sub(templates.FS, "directory")
	rulesFS, _ := fs.Sub(templates.FS, "routing")
	tree, err := directory.LoadTree(unitsFS)
	if err != nil {
		panic(err)
	}
	rules, err := directory.LoadRules(rulesFS)
	if err != nil {
		panic(err)
	}
	r, err := tree.Route(rules["cong-van-chi-dao-tinh"], "ubnd-tinh-thanh-hoa-2016",
		directory.RouteOptions{DraftingUnit: "NC", Copies: 3})
	if err != nil {
		panic(err)
	}
	parent, issuer := tree.Header("ubnd-tinh-thanh-hoa-2016")
	fmt.Printf("%q %q\n", parent, issuer)
	fmt.Println("Kính gửi:")
	fmt.Println("- " + strings.Join(r.KinhGui, ";\n- ") + ".")
	fmt.Println("Nơi nhận:")
	fmt.Println("- " + strings.Join(r.NoiNhan, ";\n- ") + ";")
	fmt.Println("- Lưu: " + r.Archive + ".")
	// Output:
	// "" "ỦY BAN NHÂN DÂN TỈNH THANH HOÁ"
	// Kính gửi:
	// - Các sở, ban, ngành, đoàn thể cấp tỉnh;
	// - UBND các huyện, thị xã, thành phố.
	// Nơi nhận:
	// - Như trên;
	// - BCĐ 138 Chính phủ;
	// - Văn phòng Chính phủ;
	// - TTr Tỉnh ủy, HĐND tỉnh;
	// - Chủ tịch, các PCT UBND tỉnh;
	// - Cục V11, V28, Bộ Công an;
	// - Lưu: VT, NC (3).
}
