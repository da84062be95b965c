package committee

import (
	"strings"

	"vanthu/apperr"
)

// Body is a committee, team or council kept as a record.
type Body struct {
	ID int64 `json:"id"`
	// Kind is one of the kinds of the rulebook: SteeringCommittee, SecurityTeam,
	// EmulationCouncil, …
	Kind string `json:"kind"`
	// UnitID is the directory unit the body belongs to and whose head decides on it: the
	// people's committee of its commune or province.
	UnitID string `json:"unit_id"`
	// Name is the body's full name: "Tổ bảo vệ an ninh, trật tự thôn Phù Lưu".
	Name string `json:"name"`
	// Areas are the directory units (villages, residential groups) a team covers; one team
	// may cover several.
	Areas     []string `json:"areas,omitempty"`
	TermStart Date     `json:"term_start,omitempty"`
	TermEnd   Date     `json:"term_end,omitempty"`
}

// Clean normalises the body and checks it against the kinds rules knows.
func (b *Body) Clean(rules *Rulebook, province string) error {
	b.Name = cleanText(b.Name)
	b.UnitID = strings.TrimSpace(b.UnitID)
	f := map[string]string{}
	if _, ok := rules.For(province, b.Kind); !ok {
		f["kind"] = sprintf(msgBodyKind, b.Kind)
	}
	if b.Name == "" {
		f["name"] = msgBodyName
	}
	if b.UnitID == "" {
		f["unit_id"] = msgBodyUnit
	}
	if b.Kind == SecurityTeam && len(b.Areas) == 0 {
		f["areas"] = msgAreasForTeam
	}
	for _, d := range []struct {
		field string
		date  *Date
	}{{"term_start", &b.TermStart}, {"term_end", &b.TermEnd}} {
		if *d.date == "" {
			continue
		}
		if v, err := ParseDate(string(*d.date)); err != nil {
			f[d.field] = msgDate
		} else {
			*d.date = v
		}
	}
	if len(f) > 0 {
		return apperr.InvalidFields(f)
	}
	return nil
}

// Decision is an issued decision establishing or reorganising a body.
type Decision struct {
	DocumentID int64 `json:"document_id" db:"document_id"`
	Date       Date  `json:"date" db:"decided_on"`
}
