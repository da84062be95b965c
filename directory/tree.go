package directory

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"vanthu/apperr"
	"vanthu/typeset"
)

// Tree is a validated organisation tree with its saved groups. It is immutable once built:
// editing the directory means building a new Tree from the stored units, so a Tree can be
// shared by concurrent requests without locking.
type Tree struct {
	units    map[string]Unit
	order    []string            // unit IDs in input order: children and Units() keep it
	children map[string][]string // parent ID → child IDs in input order; "" → roots
	groups   map[string]Group
	gorder   []string
}

// NewTree validates units and groups and builds the tree. Every problem found is reported
// in one Vietnamese error (code Invalid) naming the unit or group and the field: unique
// non-empty IDs, existing parents, no cycles, known kinds, non-empty names, localities
// hanging only under localities, groups whose members exist. Texts are NFC-normalised so
// that labels typed with different Vietnamese input methods compare equal.
func NewTree(units []Unit, groups []Group) (*Tree, error) {
	t := &Tree{
		units:    make(map[string]Unit, len(units)),
		children: make(map[string][]string),
		groups:   make(map[string]Group, len(groups)),
	}
	var p problems
	for i, u := range units {
		u = normalizeUnit(u)
		if u.ID == "" {
			p.addf("đơn vị thứ %d (%q): thiếu mã đơn vị (id)", i+1, u.Name)
			continue
		}
		if _, dup := t.units[u.ID]; dup {
			p.addf("đơn vị %q: mã (id) bị trùng", u.ID)
			continue
		}
		for _, fp := range unitProblems(u) {
			p.addf("đơn vị %q: %s", u.ID, fp.msg)
		}
		t.units[u.ID] = u
		t.order = append(t.order, u.ID)
	}
	for _, id := range t.order {
		u := t.units[id]
		if u.ParentID == "" {
			t.children[""] = append(t.children[""], id)
			continue
		}
		parent, ok := t.units[u.ParentID]
		if !ok {
			p.addf("đơn vị %q: đơn vị cha (parent_id) %q không tồn tại", id, u.ParentID)
			continue
		}
		if u.Kind.IsLocality() && !parent.Kind.IsLocality() {
			p.addf("đơn vị %q: địa bàn (%s) chỉ được đặt dưới một địa bàn, không dưới %q (%s)",
				id, u.Kind, parent.ID, parent.Kind)
		}
		t.children[u.ParentID] = append(t.children[u.ParentID], id)
	}
	for _, cycle := range t.cycles() {
		p.addf("đơn vị %q: đơn vị cha (parent_id) tạo thành vòng lặp: %s", cycle[0], strings.Join(cycle, " → "))
	}
	for i, g := range groups {
		g = normalizeGroup(g)
		if g.ID == "" {
			p.addf("nhóm thứ %d (%q): thiếu mã nhóm (id)", i+1, g.Name)
			continue
		}
		if _, dup := t.groups[g.ID]; dup {
			p.addf("nhóm %q: mã (id) bị trùng", g.ID)
			continue
		}
		for _, msg := range groupProblems(g) {
			p.addf("nhóm %q: %s", g.ID, msg)
		}
		seen := make(map[string]bool, len(g.Members))
		for _, m := range g.Members {
			if _, ok := t.units[m]; !ok {
				p.addf("nhóm %q: thành viên (members) %q không có trong danh sách đơn vị", g.ID, m)
			}
			if seen[m] {
				p.addf("nhóm %q: thành viên (members) %q được ghi hai lần", g.ID, m)
			}
			seen[m] = true
		}
		t.groups[g.ID] = g
		t.gorder = append(t.gorder, g.ID)
	}
	if err := p.err(apperr.Invalid); err != nil {
		return nil, err
	}
	return t, nil
}

// unitProblems returns what is wrong with one normalised unit on its own, each message
// naming the field; where it stands in the tree and whether its ID is unique are checked by
// the caller, who knows the other units. The CSV reader, NewTree and UnitEdit.Apply all use
// it, the first two prefixing the line number or the unit, the last showing each message at
// its field.
func unitProblems(u Unit) []fieldProblem {
	var p []fieldProblem
	add := func(field, format string, args ...any) {
		p = append(p, fieldProblem{field, fmt.Sprintf(format, args...)})
	}
	switch {
	case u.ID == "":
		add("id", "thiếu mã đơn vị (id)")
	case !validID(u.ID):
		add("id", "mã (id) %q không được chứa khoảng trắng, dấu phẩy hay dấu chấm phẩy", u.ID)
	}
	if u.Name == "" {
		add("name", "thiếu tên đơn vị (name)")
	}
	switch {
	case u.Kind == "":
		add("kind", "thiếu loại đơn vị (kind)")
	case !u.Kind.Valid():
		add("kind", "loại đơn vị (kind) %q không hợp lệ; dùng một trong: %s", u.Kind, kindCodes())
	}
	for _, f := range []struct{ field, name, value string }{{"name", "tên đơn vị", u.Name},
		{"short_name", "tên viết tắt", u.ShortName}, {"label", "tên ở Kính gửi, Nơi nhận", u.Label},
		{"head_title", "chức danh người đứng đầu", u.HeadTitle}, {"place", "địa danh", u.Place}} {
		if n := utf8.RuneCountInString(f.value); n > MaxUnitText {
			add(f.field, "%s (%s) dài %d ký tự, quá giới hạn %d ký tự", f.name, f.field, n, MaxUnitText)
		}
	}
	return p
}

// MaxUnitText is the longest a unit's name or other text may be, in characters: the longest
// real name ("Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc …") is far shorter, and
// a header line cannot print more.
const MaxUnitText = 300

// fieldProblem is one problem of a record and the field (CSV column, JSON name) it is about.
type fieldProblem struct{ field, msg string }

// shortNameProblem says what is wrong with a unit's short name, "" if nothing: it goes into
// the number of every document the unit issues, so it must be a symbol part. It is checked
// where a directory comes in (ReadCSV: imports and the demo files; UnitEdit.Apply), not by
// NewTree, so that a database filled before the rule existed still loads (CheckShortNames
// reports it).
func shortNameProblem(u Unit) string {
	if u.ShortName != "" && !IsSymbol(u.ShortName) {
		return fmt.Sprintf("tên viết tắt (short_name) %q phải là ký hiệu viết hoa: chữ cái hoặc chữ số, các nhóm nối bằng dấu gạch ngang (ví dụ: UBND, CAX, BCĐ138)", u.ShortName)
	}
	return ""
}

// CheckShortNames returns an Invalid error naming each unit whose short name is not a
// symbol part, nil if there is none.
func (t *Tree) CheckShortNames() error {
	var p problems
	for _, id := range t.order {
		if msg := shortNameProblem(t.units[id]); msg != "" {
			p.addf("đơn vị %q: %s", id, msg)
		}
	}
	return p.err(apperr.Invalid)
}

// groupProblems is unitProblems for a recipient group: a usable ID, a name and at least one
// member (that the members exist is checked by NewTree, which has the units).
func groupProblems(g Group) []string {
	var p problems
	switch {
	case g.ID == "":
		p.addf("thiếu mã nhóm (id)")
	case !validID(g.ID):
		p.addf("mã (id) %q không được chứa khoảng trắng, dấu phẩy hay dấu chấm phẩy", g.ID)
	}
	if g.Name == "" {
		p.addf("thiếu tên nhóm (name)")
	}
	if len(g.Members) == 0 {
		p.addf("nhóm chưa có thành viên (members)")
	}
	return p
}

// validID keeps IDs usable as slugs and inside the ";"-separated members column.
func validID(id string) bool {
	return !strings.ContainsAny(id, " \t\r\n,;")
}

func normalizeUnit(u Unit) Unit {
	u.ID = strings.TrimSpace(u.ID)
	u.ParentID = strings.TrimSpace(u.ParentID)
	u.Kind = Kind(strings.TrimSpace(string(u.Kind)))
	u.Name = cleanText(u.Name)
	u.ShortName = cleanText(u.ShortName)
	u.Label = cleanText(u.Label)
	u.HeadTitle = cleanText(u.HeadTitle)
	u.Place = cleanText(u.Place)
	return u
}

func normalizeGroup(g Group) Group {
	g.ID = strings.TrimSpace(g.ID)
	g.Name = cleanText(g.Name)
	members := make([]string, 0, len(g.Members))
	for _, m := range g.Members {
		if m = strings.TrimSpace(m); m != "" {
			members = append(members, m)
		}
	}
	g.Members = members
	return g
}

// cleanText returns s in NFC with runs of white space collapsed to one space, and with
// invalid UTF-8, the control characters XML and PostgreSQL refuse and the invisible format
// characters (zero-width space, BOM, soft hyphen…) dropped: a name made only of those would
// otherwise look filled in and print as nothing.
func cleanText(s string) string {
	s = typeset.Clean(s)
	if strings.IndexFunc(s, isFormatChar) >= 0 {
		s = strings.Map(func(r rune) rune {
			if isFormatChar(r) {
				return -1
			}
			return r
		}, s)
	}
	return strings.Join(strings.Fields(s), " ")
}

func isFormatChar(r rune) bool { return unicode.Is(unicode.Cf, r) }

// cycles returns each cycle of parent links once, as the IDs along it, the first repeated
// at the end. Only units with an existing parent take part.
func (t *Tree) cycles() [][]string {
	const (
		unvisited = iota
		visiting
		done
	)
	state := make(map[string]int, len(t.units))
	var out [][]string
	for _, start := range t.order {
		var path []string
		id := start
		for {
			if state[id] == done {
				break
			}
			if state[id] == visiting {
				for i, p := range path {
					if p == id {
						out = append(out, append(append([]string{}, path[i:]...), id))
						break
					}
				}
				break
			}
			state[id] = visiting
			path = append(path, id)
			parent, ok := t.units[t.units[id].ParentID]
			if !ok {
				break
			}
			id = parent.ID
		}
		for _, p := range path {
			state[p] = done
		}
	}
	return out
}

// Unit returns the unit with the given ID.
func (t *Tree) Unit(id string) (Unit, bool) {
	u, ok := t.units[id]
	return u, ok
}

// Units returns every unit in input order.
func (t *Tree) Units() []Unit {
	out := make([]Unit, len(t.order))
	for i, id := range t.order {
		out[i] = t.units[id]
	}
	return out
}

// Children returns the units directly under id, in input order; Children("") returns the
// roots.
func (t *Tree) Children(id string) []Unit {
	ids := t.children[id]
	out := make([]Unit, len(ids))
	for i, c := range ids {
		out[i] = t.units[c]
	}
	return out
}

// Parent returns the unit directly above id; false at a root or for an unknown ID.
func (t *Tree) Parent(id string) (Unit, bool) {
	u, ok := t.units[id]
	if !ok || u.ParentID == "" {
		return Unit{}, false
	}
	return t.Unit(u.ParentID)
}

// Ancestors returns the units above id, nearest first, up to the root.
func (t *Tree) Ancestors(id string) []Unit {
	var out []Unit
	for p, ok := t.Parent(id); ok; p, ok = t.Parent(p.ID) {
		out = append(out, p)
	}
	return out
}

// Locality returns the nearest ancestor-or-self of id that is a locality: the area the
// unit acts in. For a unit at a root that is no locality, it returns false.
func (t *Tree) Locality(id string) (Unit, bool) {
	u, ok := t.units[id]
	if !ok {
		return Unit{}, false
	}
	if u.Kind.IsLocality() {
		return u, true
	}
	for _, a := range t.Ancestors(id) {
		if a.Kind.IsLocality() {
			return a, true
		}
	}
	return Unit{}, false
}

// Group returns the saved group with the given ID.
func (t *Tree) Group(id string) (Group, bool) {
	g, ok := t.groups[id]
	if !ok {
		return Group{}, false
	}
	return cloneGroup(g), true
}

// Groups returns every group in input order.
func (t *Tree) Groups() []Group {
	out := make([]Group, len(t.gorder))
	for i, id := range t.gorder {
		out[i] = cloneGroup(t.groups[id])
	}
	return out
}

// cloneGroup copies the members so that a caller cannot change the tree through them.
func cloneGroup(g Group) Group {
	g.Members = append([]string(nil), g.Members...)
	return g
}

// label is how u is named in Kính gửi and Nơi nhận lines.
func label(u Unit) string {
	if u.Label != "" {
		return u.Label
	}
	return u.Name
}
