package directory

import (
	"strings"
)

// Valid reports whether k is one of the kinds the directory knows.
func (k Kind) Valid() bool {
	for _, known := range Kinds {
		if k == known {
			return true
		}
	}
	return false
}

// IsLocality reports whether k is an administrative area (nation, province, district,
// commune, village) rather than a body that sits in one. Bodies issue and receive documents;
// localities give them their place in the tree.
func (k Kind) IsLocality() bool {
	switch k {
	case Nation, Province, District, Commune, Village:
		return true
	}
	return false
}

// kindCodes lists the kind codes for error messages.
func kindCodes() string {
	codes := make([]string, len(Kinds))
	for i, k := range Kinds {
		codes[i] = string(k)
	}
	return strings.Join(codes, ", ")
}

// designations are the words a locality's name starts with, in the order they are listed
// in a collective line: "UBND các xã, phường, thị trấn", "UBND các huyện, thị xã, thành
// phố", "Các thôn, tổ dân phố". A collective line is derived from the designations of the
// localities actually present, so the same rule writes "xã, phường" for a two-tier province
// and "huyện, thị xã, thành phố" for a three-tier archive.
var designations = []string{
	"tỉnh",
	"xã", "phường", "thị trấn", "đặc khu",
	"huyện", "quận", "thị xã", "thành phố",
	"thôn", "làng", "bản", "xóm", "ấp", "buôn", "sóc", "khu phố", "tiểu khu", "tổ dân phố", "khu dân cư",
}

// designationOf returns the designation a locality name starts with ("Thị xã Bỉm Sơn" →
// "thị xã"), the longest one when several match, and its index in designations.
func designationOf(name string) (string, int, bool) {
	words := strings.Fields(strings.ToLower(name))
	best, bestIndex := "", -1
	for i, d := range designations {
		dw := strings.Fields(d)
		if len(dw) > len(words) || len(dw) <= len(strings.Fields(best)) {
			continue
		}
		if strings.Join(words[:len(dw)], " ") == d {
			best, bestIndex = d, i
		}
	}
	return best, bestIndex, bestIndex >= 0
}
