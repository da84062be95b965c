package directory

import "strings"

// relation names how another body is found from a unit. The header's cơ quan chủ quản and
// the superior a report goes to are both relations chosen by the unit's kind, so the rules
// of the field live in one table (relationsByKind) rather than in branches.
type relation int

const (
	// relNone: there is none (a people's committee has no cơ quan chủ quản).
	relNone relation = iota
	// relSameKindAbove: the unit of the same kind in the locality above (Công an xã → Công
	// an tỉnh → Bộ Công an).
	relSameKindAbove
	// relSameKindAboveOrCommittee: as relSameKindAbove, else the people's committee of the
	// locality above (UBND xã → UBND tỉnh; Ban Chỉ đạo xã → Ban Chỉ đạo tỉnh).
	relSameKindAboveOrCommittee
	// relCommitteeAbove: the people's committee of the locality above (thôn → UBND xã).
	relCommitteeAbove
	// relHoldingBody: the body the unit hangs under in the tree (Cục V11 → Bộ Công an;
	// Phòng → Sở), else the people's committee of its own locality (Sở → UBND tỉnh; Ban Chỉ
	// đạo xã → UBND xã).
	relHoldingBody
)

// kindRelations are the two relations of a kind: Header's parent line (cơ quan chủ quản,
// Decree 30 Annex I) and the superior routing sends reports to.
type kindRelations struct {
	header   relation
	superior relation
}

var relationsByKind = map[Kind]kindRelations{
	Nation:            {relNone, relNone},
	Province:          {relNone, relCommitteeAbove},
	District:          {relNone, relCommitteeAbove},
	Commune:           {relNone, relCommitteeAbove},
	Village:           {relNone, relCommitteeAbove},
	PeopleCommittee:   {relNone, relSameKindAboveOrCommittee},
	Police:            {relSameKindAbove, relSameKindAboveOrCommittee},
	SteeringCommittee: {relHoldingBody, relSameKindAboveOrCommittee},
	Department:        {relHoldingBody, relHoldingBody},
	Agency:            {relHoldingBody, relHoldingBody},
	School:            {relHoldingBody, relHoldingBody},
	// A private enterprise prints no cơ quan chủ quản, but reports to the committee of
	// the commune it sits in.
	Enterprise: {relNone, relHoldingBody},
}

// Header returns the two upper-case lines at the top left of a document issued by id
// (Decree 30, Annex I): parent is the cơ quan chủ quản, "" when there is none; issuer is the
// unit's Name. For an unknown ID both are "".
//
// Examples: UBND tỉnh → ("", "ỦY BAN NHÂN DÂN TỈNH THANH HOÁ"); Sở Nội vụ → ("UBND TỈNH
// THANH HOÁ", "SỞ NỘI VỤ"); Công an phường → ("CÔNG AN TỈNH THANH HOÁ", "CÔNG AN PHƯỜNG …").
// strings.ToUpper is correct for Vietnamese because the tree holds NFC text.
func (t *Tree) Header(id string) (parent, issuer string) {
	u, ok := t.units[id]
	if !ok {
		return "", ""
	}
	if p, ok := t.follow(u, relationsByKind[u.Kind].header); ok {
		parent = strings.ToUpper(label(p))
	}
	return parent, strings.ToUpper(u.Name)
}

// Superior returns the body above id that its reports go to: the same kind in the locality
// above (Công an xã → Công an tỉnh, UBND xã → UBND tỉnh), else that locality's people's
// committee; for departments, agencies, schools and enterprises the body they hang under,
// else their locality's people's committee.
func (t *Tree) Superior(id string) (Unit, bool) {
	u, ok := t.units[id]
	if !ok {
		return Unit{}, false
	}
	return t.follow(u, relationsByKind[u.Kind].superior)
}

// LocalityCommittee returns the people's committee of the locality id acts in.
func (t *Tree) LocalityCommittee(id string) (Unit, bool) {
	loc, ok := t.Locality(id)
	if !ok {
		return Unit{}, false
	}
	return t.childOfKind(loc.ID, PeopleCommittee)
}

func (t *Tree) follow(u Unit, r relation) (Unit, bool) {
	switch r {
	case relSameKindAbove:
		if above, ok := t.localityAbove(u.ID); ok {
			return t.childOfKind(above.ID, u.Kind)
		}
	case relSameKindAboveOrCommittee:
		if above, ok := t.localityAbove(u.ID); ok {
			if s, ok := t.childOfKind(above.ID, u.Kind); ok {
				return s, true
			}
			return t.childOfKind(above.ID, PeopleCommittee)
		}
	case relCommitteeAbove:
		if above, ok := t.localityAbove(u.ID); ok {
			return t.childOfKind(above.ID, PeopleCommittee)
		}
	case relHoldingBody:
		p, ok := t.Parent(u.ID)
		if !ok {
			return Unit{}, false
		}
		if !p.Kind.IsLocality() {
			return p, true
		}
		if c, ok := t.childOfKind(p.ID, PeopleCommittee); ok && c.ID != u.ID {
			return c, true
		}
	}
	return Unit{}, false
}

// localityAbove is the locality above the one id acts in: for Công an xã Đông Tiến (in Xã
// Đông Tiến) it is Tỉnh Thanh Hoá; for a village, its commune.
func (t *Tree) localityAbove(id string) (Unit, bool) {
	loc, ok := t.Locality(id)
	if !ok {
		return Unit{}, false
	}
	p, ok := t.Parent(loc.ID)
	if !ok {
		return Unit{}, false
	}
	return t.Locality(p.ID)
}

// childOfKind returns the first unit of kind k directly under id.
func (t *Tree) childOfKind(id string, k Kind) (Unit, bool) {
	for _, c := range t.children[id] {
		if u := t.units[c]; u.Kind == k {
			return u, true
		}
	}
	return Unit{}, false
}
