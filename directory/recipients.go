package directory

import (
	"strings"
	"unicode"

	"vanthu/typeset"
)

// NhuTren is the first Nơi nhận item of a document that has a Kính gửi: the recipients
// "as above" get their copy.
const NhuTren = "Như trên"

// IsAsAbove reports whether a Nơi nhận item only points back at recipients named elsewhere
// ("Như trên", "Như Điều 3"), so that it gets no copy of its own and no place in the
// register's Nơi nhận: its first word is "Như" in any case, typed precomposed or with
// combining marks. This is the one test of it; the register and the copy count call it.
func IsAsAbove(item string) bool {
	word, _, ok := strings.Cut(strings.TrimSpace(typeset.Clean(item)), " ")
	return ok && strings.EqualFold(word, "Như")
}

// Edit is a user's change to routed recipients, applied by Recipients.Edit. Items are
// matched after cleaning and regardless of case.
type Edit struct {
	AddKinhGui    []string `json:"add_kinh_gui,omitempty"`
	RemoveKinhGui []string `json:"remove_kinh_gui,omitempty"`
	AddNoiNhan    []string `json:"add_noi_nhan,omitempty"`
	RemoveNoiNhan []string `json:"remove_noi_nhan,omitempty"`
	// Archive replaces the archive line when not empty ("VT, NC (3)"; a typed "Lưu:" is
	// removed).
	Archive string `json:"archive,omitempty"`
}

// Edit returns r with e applied — removals first, then additions at the end of each list —
// and normalised, so that whatever the user typed the result is well-formed (see
// Normalize). Moving a line from Kính gửi to Nơi nhận is a remove and an add.
func (r Recipients) Edit(e Edit) Recipients {
	r = r.Normalize()
	out := Recipients{
		KinhGui: append(without(r.KinhGui, e.RemoveKinhGui), e.AddKinhGui...),
		NoiNhan: append(without(r.NoiNhan, e.RemoveNoiNhan), e.AddNoiNhan...),
		Archive: r.Archive,
	}
	if a := cleanArchive(e.Archive); a != "" {
		out.Archive = a
	}
	return out.Normalize()
}

// Normalize makes r well-formed, the form the generator prints without further checks:
// each item trimmed, in NFC, without a typed "- " bullet, "Kính gửi:" label or final ";"
// "." ","; an item holding several lines split into one item per line; empty items and
// duplicates (regardless of case) dropped; a Nơi nhận item already in Kính gửi dropped;
// "Như trên" first in Nơi nhận exactly when there is a Kính gửi; a typed "Lưu: …" item
// taken as the archive line. The slices of the result are never nil.
func (r Recipients) Normalize() Recipients {
	out := Recipients{KinhGui: []string{}, NoiNhan: []string{}, Archive: cleanArchive(r.Archive)}
	inKinhGui := map[string]bool{itemKey(NhuTren): true}
	for _, item := range splitItems(r.KinhGui) {
		k := itemKey(item)
		if item == "" || inKinhGui[k] {
			continue
		}
		inKinhGui[k] = true
		out.KinhGui = append(out.KinhGui, item)
	}
	if len(out.KinhGui) > 0 {
		out.NoiNhan = append(out.NoiNhan, NhuTren)
	}
	inNoiNhan := map[string]bool{}
	for _, item := range splitItems(r.NoiNhan) {
		if archive, ok := archiveItem(item); ok {
			if archive != "" {
				out.Archive = archive
			}
			continue
		}
		k := itemKey(item)
		if item == "" || inKinhGui[k] || inNoiNhan[k] {
			continue
		}
		inNoiNhan[k] = true
		out.NoiNhan = append(out.NoiNhan, item)
	}
	return out
}

// splitItems cleans items, splitting any that hold several lines (a pasted block).
func splitItems(items []string) []string {
	var out []string
	for _, item := range items {
		for _, line := range strings.FieldsFunc(item, func(r rune) bool { return r == '\n' || r == '\r' }) {
			if line = cleanItem(line); hasLetterOrDigit(line) {
				out = append(out, line)
			}
		}
	}
	return out
}

// itemLabels are labels a user may paste along with an item.
var itemLabels = []string{"kính gửi:", "nơi nhận:"}

// cleanItem strips what a user types around an item: bullets, the "Kính gửi:" label, final
// punctuation; "- UBND xã Đông Tiến;" → "UBND xã Đông Tiến".
func cleanItem(s string) string {
	s = cleanText(s)
	for {
		before := s
		s = strings.TrimLeft(s, "-–—•·+* \t")
		for _, l := range itemLabels {
			if hasPrefixFold(s, l) {
				s = s[len(l):]
			}
		}
		s = strings.TrimRight(s, ";.,:/ \t")
		s = strings.TrimSpace(s)
		if s == before {
			return s
		}
	}
}

// archiveItem recognises a typed "Lưu: VT, NC (3)" item and returns what follows "Lưu:".
func archiveItem(item string) (string, bool) {
	if itemKey(item) == "lưu" {
		return "", true
	}
	for _, prefix := range []string{"lưu:", "lưu :"} {
		if hasPrefixFold(item, prefix) {
			return cleanItem(item[len(prefix):]), true
		}
	}
	return "", false
}

func cleanArchive(s string) string {
	s = cleanItem(s)
	if a, ok := archiveItem(s); ok {
		return a
	}
	return s
}

// hasPrefixFold reports whether s begins with the lower-case prefix, ignoring case. It
// compares as many bytes of s as prefix has, which is exact for Vietnamese letters: their
// upper and lower cases have the same UTF-8 length.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func itemKey(s string) string { return strings.ToLower(s) }

// without returns items minus those matching any of remove after cleaning.
func without(items, remove []string) []string {
	drop := map[string]bool{}
	for _, r := range splitItems(remove) {
		drop[itemKey(r)] = true
	}
	out := []string{}
	for _, item := range items {
		if !drop[itemKey(cleanItem(item))] {
			out = append(out, item)
		}
	}
	return out
}

// hasLetterOrDigit reports whether s holds a letter or a digit: a line of zero-width or
// no-break spaces prints as nothing and is no recipient.
func hasLetterOrDigit(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}
