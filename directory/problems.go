package directory

import (
	"fmt"
	"strings"

	"vanthu/apperr"
)

// maxProblems caps how many problems one error lists: a user fixing a spreadsheet wants the
// first screenful, not ten thousand lines.
const maxProblems = 20

// problems collects the Vietnamese messages of a validation, so that one error reports
// every problem found rather than only the first.
type problems []string

func (p *problems) addf(format string, args ...any) {
	*p = append(*p, fmt.Sprintf(format, args...))
}

// err returns nil when nothing was found, else one error with the given code whose message
// lists the problems, separated by "; ".
func (p problems) err(code apperr.Code) error {
	if len(p) == 0 {
		return nil
	}
	shown := p
	if len(shown) > maxProblems {
		shown = shown[:maxProblems]
	}
	msg := strings.Join(shown, "; ")
	if len(p) > len(shown) {
		msg += fmt.Sprintf("; và %d lỗi khác", len(p)-len(shown))
	}
	return apperr.New(code, msg)
}
