package directory

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"vanthu/templates"

	"vanthu/apperr"
)

// Rule is one routing rule, read from a JSON file: for a kind of document, the Kính gửi
// entries, the Nơi nhận entries and the archive line. Rules name relations and kinds, not
// fixed levels, so that one rule routes both the two-tier present and three-tier archives.
//
//	{
//	  "id": "cong-van-chi-dao-tinh",
//	  "name": "Công văn chỉ đạo của UBND tỉnh",
//	  "issuer_kinds": ["people-committee"],
//	  "to": [
//	    {"group": "so-ban-nganh-tinh"},
//	    {"kind": "people-committee", "under": "issuer-locality", "collective": true}
//	  ],
//	  "copies": [{"unit": "van-phong-chinh-phu"}, {"text": "Chủ tịch, các PCT UBND tỉnh"}],
//	  "archive": "VT, {drafting_unit}"
//	}
type Rule struct {
	// ID equals the file name without ".json".
	ID   string `json:"id"`
	Name string `json:"name"`
	// Description tells the user when to choose the rule.
	Description string `json:"description,omitempty"`
	// IssuerKinds restricts the rule to issuers of these kinds; empty allows any issuer.
	IssuerKinds []Kind `json:"issuer_kinds,omitempty"`
	// To gives the Kính gửi lines.
	To []Entry `json:"to,omitempty"`
	// Copies gives the Nơi nhận items after "Như trên".
	Copies []Entry `json:"copies,omitempty"`
	// Archive is the template of the "Lưu:" item; the number of copies is appended by Route.
	// Placeholders: {drafting_unit} ("NC"), {issuer_short} ("UBND"). A part left empty is
	// dropped with its comma. Empty means DefaultArchive.
	Archive string `json:"archive,omitempty"`
}

// DefaultArchive is the archive template of a rule that gives none: "VT, NC" as in the seed.
const DefaultArchive = "VT, {drafting_unit}"

// Entry is one line source in a rule. Exactly one of Relation, Unit, Group, Kind or Text is
// set.
type Entry struct {
	// ID names the entry for RouteOptions.Expand; optional, unique within a rule.
	ID string `json:"id,omitempty"`

	// Relation is a body found from the issuer: "superior" (Công an xã → Công an tỉnh, UBND
	// xã → UBND tỉnh, else the people's committee of the locality above) or
	// "locality-committee" (the people's committee of the issuer's own locality).
	Relation string `json:"relation,omitempty"`
	// Unit is the ID of a named body.
	Unit string `json:"unit,omitempty"`
	// Group is the ID of a saved group, printed as its Name, or one line per member when
	// expanded.
	Group string `json:"group,omitempty"`
	// Expand prints a group one line per member; RouteOptions.Expand overrides it.
	Expand bool `json:"expand,omitempty"`
	// Kind selects every unit of that kind in a scope given by Under or In.
	Kind Kind `json:"kind,omitempty"`
	// Under "issuer-locality": in each locality directly under the issuer's locality (for
	// UBND tỉnh: each commune in two tiers, each district in a three-tier archive). When Kind
	// is itself a locality kind, those localities are selected (UBND xã → its thôn).
	Under string `json:"under,omitempty"`
	// In "issuer-locality": in the issuer's own locality, the issuer excepted (UBND xã → Công
	// an xã).
	In string `json:"in,omitempty"`
	// Collective prints one line for all the units selected by Kind; RouteOptions.Expand
	// (by entry ID) overrides it.
	Collective bool `json:"collective,omitempty"`
	// Text is a literal line ("Chủ tịch, các PCT UBND tỉnh", "Như Điều 3").
	Text string `json:"text,omitempty"`

	// Address is "unit" (default: "UBND xã Đông Tiến") or "head" ("Chủ tịch UBND xã Đông
	// Tiến").
	Address string `json:"address,omitempty"`
	// Label replaces the derived text of a unit, a collapsed group or a collective line.
	Label string `json:"label,omitempty"`
	// Optional lets a relation find nothing without failing the route: a decision of the
	// provincial People's Committee has no superior to report to in the directory.
	Optional bool `json:"optional,omitempty"`
}

// The values of Entry fields.
const (
	RelationSuperior          = "superior"
	RelationLocalityCommittee = "locality-committee"
	ScopeIssuerLocality       = "issuer-locality"
	AddressUnit               = "unit"
	AddressHead               = "head"
)

var archivePlaceholder = regexp.MustCompile(`\{[^}]*\}`)

// LoadRules reads every *.json file at the root of fsys (the caller passes a sub-FS, the
// embedded templates/routing or an override folder) and validates it. Errors name the file
// and the entry, so a broken rule fails at start-up rather than when a user routes with it.
func LoadRules(fsys fs.FS) (map[string]Rule, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, apperr.Wrap(apperr.Internal, "không đọc được thư mục quy tắc gửi văn bản", err)
	}
	sort.Strings(names)
	rules := make(map[string]Rule, len(names))
	var p problems
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			p.addf("%s: không đọc được tệp: %v", name, err)
			continue
		}
		r, found := parseRule(name, data)
		for _, msg := range found {
			p.addf("%s: %s", name, msg)
		}
		if len(found) == 0 {
			rules[r.ID] = r
		}
	}
	if err := p.err(apperr.Invalid); err != nil {
		return nil, err
	}
	return rules, nil
}

func parseRule(name string, data []byte) (Rule, problems) {
	var r Rule
	if err := templates.DecodeStrict(data, &r); err != nil {
		return Rule{}, problems{"JSON không hợp lệ: " + err.Error()}
	}
	stem := strings.TrimSuffix(path.Base(name), ".json")
	if r.ID == "" {
		r.ID = stem
	}
	found := r.check()
	if r.ID != stem {
		found.addf("mã quy tắc (id) %q phải trùng tên tệp %q", r.ID, stem)
	}
	return r, found
}

// Validate checks the rule's shape; it cannot check that units and groups exist, which
// Tree.CheckRules does.
func (r Rule) Validate() error {
	return r.check().err(apperr.Invalid)
}

func (r Rule) check() problems {
	var p problems
	if r.ID == "" || !validID(r.ID) {
		p.addf("mã quy tắc (id) %q không hợp lệ", r.ID)
	}
	if strings.TrimSpace(r.Name) == "" {
		p.addf("thiếu tên quy tắc (name)")
	}
	for _, k := range r.IssuerKinds {
		if !k.Valid() {
			p.addf("issuer_kinds: loại %q không hợp lệ; dùng một trong: %s", k, kindCodes())
		}
	}
	ids := map[string]bool{}
	for _, list := range []struct {
		field   string
		entries []Entry
	}{{"to", r.To}, {"copies", r.Copies}} {
		for i, e := range list.entries {
			where := fmt.Sprintf("mục %q thứ %d", list.field, i+1)
			if err := e.validate(); err != nil {
				p.addf("%s: %v", where, err)
			}
			if e.ID != "" {
				if ids[e.ID] {
					p.addf("%s: mã mục (id) %q bị trùng", where, e.ID)
				}
				ids[e.ID] = true
			}
		}
	}
	for _, ph := range archivePlaceholder.FindAllString(r.Archive, -1) {
		if ph != "{drafting_unit}" && ph != "{issuer_short}" {
			p.addf("archive: không biết %s; dùng {drafting_unit} hoặc {issuer_short}", ph)
		}
	}
	return p
}

func (e Entry) validate() error {
	set := 0
	for _, s := range []string{e.Relation, e.Unit, e.Group, string(e.Kind), e.Text} {
		if s != "" {
			set++
		}
	}
	if set != 1 {
		return fmt.Errorf("cần đúng một trong relation, unit, group, kind, text (có %d)", set)
	}
	switch e.Address {
	case "", AddressUnit, AddressHead:
	default:
		return fmt.Errorf("address %q không hợp lệ; dùng %q hoặc %q", e.Address, AddressUnit, AddressHead)
	}
	if e.Kind == "" && (e.Under != "" || e.In != "" || e.Collective) {
		return fmt.Errorf("under, in và collective chỉ dùng với kind")
	}
	if e.Group == "" && e.Expand {
		return fmt.Errorf("expand chỉ dùng với group")
	}
	switch {
	case e.Relation != "":
		if e.Relation != RelationSuperior && e.Relation != RelationLocalityCommittee {
			return fmt.Errorf("quan hệ (relation) %q không hợp lệ; dùng %q hoặc %q",
				e.Relation, RelationSuperior, RelationLocalityCommittee)
		}
	case e.Kind != "":
		if !e.Kind.Valid() {
			return fmt.Errorf("loại (kind) %q không hợp lệ; dùng một trong: %s", e.Kind, kindCodes())
		}
		if (e.Under == "") == (e.In == "") {
			return fmt.Errorf("kind cần đúng một trong under, in")
		}
		if scope := e.Under + e.In; scope != ScopeIssuerLocality {
			return fmt.Errorf("phạm vi %q không hợp lệ; dùng %q", scope, ScopeIssuerLocality)
		}
	case e.Text != "":
		if e.Address != "" || e.Label != "" {
			return fmt.Errorf("text không dùng address hay label")
		}
	}
	return nil
}

// CheckRules reports rules that name units or groups the tree does not hold, so that a
// directory edit that breaks a rule is seen when the tree is loaded.
func (t *Tree) CheckRules(rules map[string]Rule) error {
	ids := make([]string, 0, len(rules))
	for id := range rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var p problems
	for _, id := range ids {
		for _, e := range append(append([]Entry{}, rules[id].To...), rules[id].Copies...) {
			if _, ok := t.units[e.Unit]; e.Unit != "" && !ok {
				p.addf("quy tắc %q: đơn vị %q không có trong danh bạ", id, e.Unit)
			}
			if _, ok := t.groups[e.Group]; e.Group != "" && !ok {
				p.addf("quy tắc %q: nhóm %q không có trong danh bạ", id, e.Group)
			}
		}
	}
	return p.err(apperr.Invalid)
}
