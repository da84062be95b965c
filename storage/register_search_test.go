package storage_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"vanthu/register"
)

// TestSearchRegister pages and filters the register as the register page asks: one
// series (its index), and the whole organisation (the generic query); by form, number
// range and text, with "_" and "%" in the text taken literally.
func TestSearchRegister(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn)
		day := time.Date(2026, 2, 1, 9, 15, 0, 0, ict)
		for i := range 12 {
			d := newDraft("ubnd-tinh")
			d.Subject = fmt.Sprintf("V/v việc thứ %d", i+1)
			if i == 4 {
				d.Subject = "V/v tỷ lệ 100% hộ gia đình"
			}
			if i%3 == 0 {
				d.FormID = "quyet-dinh-thanh-lap-to-bao-ve-antt"
			}
			if err := db.CreateDocument(ctx, d); err != nil {
				t.Fatal(err)
			}
			mustIssue(t, db, d.ID, day)
		}
		mustIssue(t, db, mustCreate(t, db, "so-tp").ID, day)

		numbers := func(es []register.Entry) []int {
			var out []int
			for _, e := range es {
				out = append(out, e.Number)
			}
			return out
		}
		tests := []struct {
			name string
			s    register.RegisterSearch
			want []int
			more bool
		}{
			{"a series, newest first, one page", register.RegisterSearch{IssuerID: "ubnd-tinh", Year: 2026, Limit: 5}, []int{12, 11, 10, 9, 8}, true},
			{"its last page", register.RegisterSearch{IssuerID: "ubnd-tinh", Year: 2026, Limit: 5, Offset: 10}, []int{2, 1}, false},
			{"a number range", register.RegisterSearch{IssuerID: "ubnd-tinh", Year: 2026, NumberFrom: 3, NumberTo: 5}, []int{5, 4, 3}, false},
			{"from a number on", register.RegisterSearch{IssuerID: "ubnd-tinh", Year: 2026, NumberFrom: 11}, []int{12, 11}, false},
			{"a form", register.RegisterSearch{IssuerID: "ubnd-tinh", Year: 2026, FormID: "quyet-dinh-thanh-lap-to-bao-ve-antt"}, []int{10, 7, 4, 1}, false},
			{"text in the subject", register.RegisterSearch{IssuerID: "ubnd-tinh", Year: 2026, Text: "việc thứ 1"}, []int{12, 11, 10, 1}, false},
			{"a % taken literally", register.RegisterSearch{IssuerID: "ubnd-tinh", Year: 2026, Text: "100%"}, []int{5}, false},
			{"an _ taken literally", register.RegisterSearch{IssuerID: "ubnd-tinh", Year: 2026, Text: "thứ_1"}, nil, false},
			{"text in the number and symbol", register.RegisterSearch{IssuerID: "ubnd-tinh", Year: 2026, Text: "07/"}, []int{7}, false},
			{"text without its marks, in capitals", register.RegisterSearch{IssuerID: "ubnd-tinh", Year: 2026, Text: "VIEC THU 1"}, []int{12, 11, 10, 1}, false},
			{"text with its marks and a literal %", register.RegisterSearch{IssuerID: "ubnd-tinh", Year: 2026, Text: "tỷ lệ 100%"}, []int{5}, false},
			{"đ found by d", register.RegisterSearch{IssuerID: "ubnd-tinh", Year: 2026, Text: "ho gia dinh"}, []int{5}, false},
			{"the symbol in lower case", register.RegisterSearch{IssuerID: "ubnd-tinh", Year: 2026, Text: "03/ubnd"}, []int{3}, false},
			{"every issuer, text without marks", register.RegisterSearch{Text: "viec thu 12"}, []int{12}, false},
			{"every issuer, every year: by issuer, then newest first", register.RegisterSearch{Limit: 3}, []int{1, 12, 11}, true}, // so-tp, then ubnd-tinh
			{"another issuer, any year", register.RegisterSearch{IssuerID: "so-tp"}, []int{1}, false},
			{"another year", register.RegisterSearch{IssuerID: "ubnd-tinh", Year: 2025}, nil, false},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, more, err := db.SearchRegister(ctx, tc.s)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(numbers(got), tc.want) || more != tc.more {
					t.Errorf("numbers %v more %v, want %v more %v", numbers(got), more, tc.want, tc.more)
				}
			})
		}
	})
}
