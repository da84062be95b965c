package register

// DocumentFilter selects documents; zero fields match everything.
type DocumentFilter struct {
	IssuerID string
	Status   Status
	Year     int // the year of issue; drafts have none
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
}
