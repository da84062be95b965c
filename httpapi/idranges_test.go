package httpapi

import (
	"testing"

	"vanthu/register"
)

func TestIDRanges(t *testing.T) {
	docs := func(ids ...int64) []register.Document {
		d := make([]register.Document, len(ids))
		for i, id := range ids {
			d[i].ID = id
		}
		return d
	}
	for _, tc := range []struct {
		docs []register.Document
		want string
	}{
		{docs(7), "7"},
		{docs(41, 42, 43), "41-43"},
		{docs(41, 42, 50, 51, 52, 60), "41-42,50-52,60"},
		{docs(5, 4), "5,4"},
	} {
		if got := idRanges(tc.docs); got != tc.want {
			t.Errorf("idRanges(%v) = %q, want %q", tc.docs, got, tc.want)
		}
	}
}
