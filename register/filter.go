package register

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// DocumentFilter selects documents; zero fields match everything.
type DocumentFilter struct {
	IssuerID string
	Status   Status
	Year     int // the year of issue; drafts have none
	// NoSecret leaves secret documents out, for an actor who may not read them.
	NoSecret bool
	Limit    int // 0 means DefaultLimit; at most MaxLimit
	Offset   int
}

// Page sizes of a document list.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// Page returns the limit and offset f asks for, within bounds: a limit of 0 or less is
// DefaultLimit, one above MaxLimit is MaxLimit, a negative offset is 0.
func (f DocumentFilter) Page() (limit, offset int) {
	limit = f.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	return min(limit, MaxLimit), max(f.Offset, 0)
}

// RegisterFilter selects lines of the outgoing register; zero IssuerID and Year match
// every issuer and year. Secret selects the register: the lines of secret documents are
// kept apart (Decree 30, art. 15.2), so a list shows either the ordinary register (false)
// or the secret one (true), never both.
type RegisterFilter struct {
	IssuerID string
	Year     int
	Secret   bool
	// The register page's other filters, so that an export holds the lines the page
	// showed: the form, the number range (both included) and a text, as in RegisterSearch.
	FormID               string
	NumberFrom, NumberTo int
	Text                 string
}

// RegisterSearch selects one page of the register, as the register page asks for it:
// zero fields match everything.
type RegisterSearch struct {
	IssuerID string
	Year     int
	FormID   string // the form the documents were made from: their kind
	// NumberFrom and NumberTo bound the number within the series, both included.
	NumberFrom, NumberTo int
	// Text is searched in the number and symbol and in the title and subject.
	Text   string
	Limit  int // 0 means SearchLimit; at most MaxLimit
	Offset int
}

// MaxSearchText is the longest text, in characters, the register is searched for.
const MaxSearchText = 200

// SearchLimit is the page size of the register page.
const SearchLimit = 50

// Page returns the limit and offset s asks for, within bounds.
func (s RegisterSearch) Page() (limit, offset int) {
	limit = s.Limit
	if limit <= 0 {
		limit = SearchLimit
	}
	return min(limit, MaxLimit), max(s.Offset, 0)
}

// LikePattern is text folded (Fold) as a LIKE pattern with "\" as the escape character:
// "%text%", its own % and _ matched literally. "" when there is no text. It is matched
// against a line's SearchText.
func LikePattern(text string) string {
	if text == "" {
		return ""
	}
	r := strings.NewReplacer("\\", "\\\\", "%", "\\%", "_", "\\_")
	return "%" + r.Replace(Fold(text)) + "%"
}

// SearchText is what the register's text filter is matched against: a line's Số, ký hiệu
// and Tên loại và trích yếu, folded.
func (e *Entry) SearchText() string {
	return Fold(e.NumberSymbol + " " + e.TitleSubject)
}

// Fold writes s as the register search compares it: lower case, without the Vietnamese
// tone and vowel marks, đ as d, so that "tet", "TẾT" and "Tết" all find "dịp Tết". A
// clerk types without marks on many keyboards, and the two databases disagree on case in
// LIKE (SQLite ignores it for ASCII letters only, PostgreSQL never): both now compare the
// same folded text.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
