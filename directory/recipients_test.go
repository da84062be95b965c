package directory

import (
	"reflect"
	"testing"
)

func TestRecipientsEdit(t *testing.T) {
	seed := Recipients{
		KinhGui: []string{"Các sở, ban, ngành, đoàn thể cấp tỉnh", "UBND các huyện, thị xã, thành phố"},
		NoiNhan: []string{"Như trên", "BCĐ 138 Chính phủ", "Văn phòng Chính phủ"},
		Archive: "VT, NC (3)",
	}
	tests := []struct {
		name string
		in   Recipients
		edit Edit
		want Recipients
	}{
		{
			name: "no change keeps the routed result",
			in:   seed,
			want: seed,
		},
		{
			name: "typed bullets and punctuation are removed",
			in:   seed,
			edit: Edit{
				AddKinhGui: []string{"- Công an tỉnh;", "  Báo Thanh Hoá.  "},
				AddNoiNhan: []string{"- Sở Tư pháp;", "• Sở Tài chính ./."},
			},
			want: Recipients{
				KinhGui: []string{"Các sở, ban, ngành, đoàn thể cấp tỉnh", "UBND các huyện, thị xã, thành phố", "Công an tỉnh", "Báo Thanh Hoá"},
				NoiNhan: []string{"Như trên", "BCĐ 138 Chính phủ", "Văn phòng Chính phủ", "Sở Tư pháp", "Sở Tài chính"},
				Archive: "VT, NC (3)",
			},
		},
		{
			name: "duplicates and empty lines are dropped, whatever the case",
			in:   seed,
			edit: Edit{
				AddKinhGui: []string{"", " ; ", "ubnd các huyện, thị xã, thành phố;"},
				AddNoiNhan: []string{"Văn phòng Chính phủ.", "-", "văn phòng chính phủ", "Như trên"},
			},
			want: seed,
		},
		{
			name: "removing every Kính gửi removes Như trên",
			in:   seed,
			edit: Edit{RemoveKinhGui: []string{"- Các sở, ban, ngành, đoàn thể cấp tỉnh;", "UBND các huyện, thị xã, thành phố."}},
			want: Recipients{
				KinhGui: []string{},
				NoiNhan: []string{"BCĐ 138 Chính phủ", "Văn phòng Chính phủ"},
				Archive: "VT, NC (3)",
			},
		},
		{
			name: "Như trên cannot be removed while there is a Kính gửi",
			in:   seed,
			edit: Edit{RemoveNoiNhan: []string{"Như trên", "BCĐ 138 Chính phủ"}},
			want: Recipients{
				KinhGui: seed.KinhGui,
				NoiNhan: []string{"Như trên", "Văn phòng Chính phủ"},
				Archive: "VT, NC (3)",
			},
		},
		{
			name: "adding the first Kính gửi brings Như trên first",
			in:   Recipients{NoiNhan: []string{"Như Điều 3"}, Archive: "VT"},
			edit: Edit{AddKinhGui: []string{"UBND xã Đông Tiến"}},
			want: Recipients{
				KinhGui: []string{"UBND xã Đông Tiến"},
				NoiNhan: []string{"Như trên", "Như Điều 3"},
				Archive: "VT",
			},
		},
		{
			name: "moving a line from Nơi nhận to Kính gửi",
			in:   seed,
			edit: Edit{RemoveNoiNhan: []string{"Văn phòng Chính phủ"}, AddKinhGui: []string{"Văn phòng Chính phủ"}},
			want: Recipients{
				KinhGui: append(append([]string{}, seed.KinhGui...), "Văn phòng Chính phủ"),
				NoiNhan: []string{"Như trên", "BCĐ 138 Chính phủ"},
				Archive: "VT, NC (3)",
			},
		},
		{
			name: "a Nơi nhận line already addressed is dropped",
			in:   seed,
			edit: Edit{AddNoiNhan: []string{"UBND các huyện, thị xã, thành phố"}},
			want: seed,
		},
		{
			name: "a pasted block is split into lines, labels removed",
			in:   Recipients{},
			edit: Edit{
				AddKinhGui: []string{"Kính gửi:\n- Sở Nội vụ;\r\n- Sở Tư pháp."},
				AddNoiNhan: []string{"Nơi nhận:\n- Như trên;\n- Lưu: VT, NC (2)."},
			},
			want: Recipients{
				KinhGui: []string{"Sở Nội vụ", "Sở Tư pháp"},
				NoiNhan: []string{"Như trên"},
				Archive: "VT, NC (2)",
			},
		},
		{
			name: "archive replaced, typed Lưu removed",
			in:   seed,
			edit: Edit{Archive: "- Lưu: VT, NC (5)."},
			want: Recipients{KinhGui: seed.KinhGui, NoiNhan: seed.NoiNhan, Archive: "VT, NC (5)"},
		},
		{
			name: "NFD input compares equal to NFC",
			in:   seed,
			edit: Edit{RemoveNoiNhan: []string{"Va\u0306n pho\u0300ng Chi\u0301nh phu\u0309"}},
			want: Recipients{KinhGui: seed.KinhGui, NoiNhan: []string{"Như trên", "BCĐ 138 Chính phủ"}, Archive: "VT, NC (3)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in.Edit(tt.edit)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Edit =\n%#v\nwant\n%#v", got, tt.want)
			}
			if again := got.Normalize(); !reflect.DeepEqual(again, got) {
				t.Errorf("the result is not normal: Normalize gives\n%#v", again)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	got := Recipients{
		KinhGui: []string{"Như trên", "  UBND   xã Đông Tiến ;"},
		NoiNhan: []string{"Lưu: VT", "Công an xã Đông Tiến;", "Như trên;"},
		Archive: "Lưu: VT, CA (2).",
	}.Normalize()
	want := Recipients{
		KinhGui: []string{"UBND xã Đông Tiến"},
		NoiNhan: []string{"Như trên", "Công an xã Đông Tiến"},
		Archive: "VT",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Normalize =\n%#v\nwant\n%#v", got, want)
	}
}

func TestIsAsAbove(t *testing.T) {
	tests := []struct {
		item string
		want bool
	}{
		{"Như trên", true},
		{"Như Điều 3", true},
		{"như trên", true},
		{"NHƯ TRÊN", true},
		{"  Như trên  ", true},
		{"Nh\u0075\u031b tr\u00ean", true}, // ư typed as u + combining horn
		{"Như", false},
		{"Nhưng", false},
		{"Chủ tịch UBND tỉnh", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.item, func(t *testing.T) {
			if got := IsAsAbove(tt.item); got != tt.want {
				t.Errorf("IsAsAbove(%q) = %v, want %v", tt.item, got, tt.want)
			}
		})
	}
}
