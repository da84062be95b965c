package directory

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"vanthu/apperr"
)

// UnitEdit is what a clerk may change of one unit without importing the directory: how it is
// named and printed. Its ID, kind and parent stay: the ID is what documents, users' roles and
// rounds point at, and the kind and parent decide scopes, localities and routing, so moving
// a unit is a change of the whole tree, made by importing it.
type UnitEdit struct {
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	Label     string `json:"label"`
	HeadTitle string `json:"head_title"`
	Place     string `json:"place"`
}

// Apply returns u with the edit applied, normalised as an import normalises it, and checked
// by the same rules as one line of the units CSV (unitProblems, shortNameProblem). The error
// is Invalid with one Vietnamese message per field (name, short_name, label, head_title,
// place), for a page to show at the field.
func (e UnitEdit) Apply(u Unit) (Unit, error) {
	u.Name, u.ShortName, u.Label, u.HeadTitle, u.Place = e.Name, e.ShortName, e.Label, e.HeadTitle, e.Place
	u = normalizeUnit(u)
	fields := map[string]string{}
	for _, fp := range unitProblems(u) {
		if _, seen := fields[fp.field]; !seen {
			fields[fp.field] = sentence(fp.msg)
		}
	}
	if msg := shortNameProblem(u); msg != "" {
		if _, seen := fields["short_name"]; !seen {
			fields["short_name"] = sentence(msg)
		}
	}
	if len(fields) > 0 {
		return u, apperr.InvalidFields(fields)
	}
	return u, nil
}

// sentence makes a problem, written to follow "dòng 5: ", stand alone at a field.
func sentence(msg string) string {
	r, n := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[n:]
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}
