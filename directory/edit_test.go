package directory

import (
	"strings"
	"testing"
	"unicode"

	"vanthu/apperr"
)

func TestUnitEditApply(t *testing.T) {
	u := Unit{ID: "ubnd-xa", ParentID: "xa", Kind: PeopleCommittee, Name: "Ủy ban nhân dân xã A", ShortName: "UBND"}
	got, err := UnitEdit{Name: " Ủy  ban nhân dân xã\u200b B ", ShortName: "UBND", Label: "UBND xã B"}.Apply(u)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Ủy ban nhân dân xã B" || got.ID != u.ID || got.Kind != u.Kind || got.ParentID != u.ParentID || got.Label != "UBND xã B" {
		t.Errorf("Apply = %+v", got)
	}
	for _, tc := range []struct {
		name  string
		edit  UnitEdit
		field string
	}{
		{"empty name", UnitEdit{Name: " "}, "name"},
		{"zero-width name", UnitEdit{Name: "\u200b\ufeff\u00ad"}, "name"},
		{"huge name", UnitEdit{Name: strings.Repeat("a", MaxUnitText+1)}, "name"},
		{"short name with a space", UnitEdit{Name: "A", ShortName: "UB ND"}, "short_name"},
		{"short name in lower case", UnitEdit{Name: "A", ShortName: "ubnd"}, "short_name"},
		{"huge place", UnitEdit{Name: "A", Place: strings.Repeat("Đ", MaxUnitText+1)}, "place"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.edit.Apply(u)
			e := apperr.As(err)
			if e.Code != apperr.Invalid || e.Fields[tc.field] == "" {
				t.Fatalf("Apply: %v, fields %v; want a message at %s", err, e.Fields, tc.field)
			}
			if msg := []rune(e.Fields[tc.field]); !strings.HasSuffix(string(msg), ".") || unicode.IsLower(msg[0]) {
				t.Errorf("message %q is not a sentence", msg)
			}
		})
	}
}
