package directory

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"vanthu/apperr"
)

// RouteOptions are the issuer's choices for one document.
type RouteOptions struct {
	// DraftingUnit is the unit that drafted the document, written in the archive line and
	// the symbol ("NC" in "1028/UBND-NC").
	DraftingUnit string
	// Copies is the number of copies kept, written as "(3)" after the archive line; 0 omits it.
	Copies int
	// Expand overrides, per group ID or entry ID, whether an entry is printed one line per
	// unit (true) or as one line (false).
	Expand map[string]bool
}

// Route addresses a document issued by issuerID according to rule: the Kính gửi lines in
// the rule's order without duplicates; the Nơi nhận items, "Như trên" first exactly when
// there is a Kính gửi, then the rule's copies (an item already in Kính gửi is left out, as
// "Như trên" covers it); the archive line ("VT, NC (3)"). A kind entry that selects no unit
// gives no line; a rule naming a unit or group the tree lacks is an error.
func (t *Tree) Route(rule Rule, issuerID string, opt RouteOptions) (Recipients, error) {
	issuer, ok := t.units[issuerID]
	if !ok {
		return Recipients{}, apperr.New(apperr.NotFound, fmt.Sprintf("không tìm thấy đơn vị ban hành %q", issuerID))
	}
	if len(rule.IssuerKinds) > 0 && !slices.Contains(rule.IssuerKinds, issuer.Kind) {
		return Recipients{}, apperr.New(apperr.Invalid, fmt.Sprintf("quy tắc %q không dùng cho %s (loại %s)", rule.ID, label(issuer), issuer.Kind))
	}
	if err := rule.Validate(); err != nil {
		return Recipients{}, err
	}
	if opt.Copies < 0 {
		return Recipients{}, apperr.New(apperr.Invalid, "số bản lưu không được âm")
	}
	var p problems
	r := Recipients{
		KinhGui: t.lines(rule.To, issuer, opt, &p),
		NoiNhan: t.lines(rule.Copies, issuer, opt, &p),
		Archive: archiveLine(rule.Archive, issuer, opt),
	}
	if err := p.err(apperr.Invalid); err != nil {
		return Recipients{}, err
	}
	return r.Normalize(), nil
}

func (t *Tree) lines(entries []Entry, issuer Unit, opt RouteOptions, p *problems) []string {
	var out []string
	for _, e := range entries {
		lines, err := t.entryLines(e, issuer, opt)
		if err != nil {
			p.addf("%v", err)
			continue
		}
		out = append(out, lines...)
	}
	return out
}

func (t *Tree) entryLines(e Entry, issuer Unit, opt RouteOptions) ([]string, error) {
	switch {
	case e.Text != "":
		return []string{e.Text}, nil

	case e.Unit != "":
		u, ok := t.units[e.Unit]
		if !ok {
			return nil, fmt.Errorf("đơn vị %q không có trong danh bạ", e.Unit)
		}
		if e.Label != "" {
			return []string{e.Label}, nil
		}
		line, err := addressLine(u, e.Address)
		return []string{line}, err

	case e.Relation != "":
		var u Unit
		var ok bool
		switch e.Relation {
		case RelationSuperior:
			u, ok = t.Superior(issuer.ID)
		case RelationLocalityCommittee:
			u, ok = t.LocalityCommittee(issuer.ID)
		}
		if !ok {
			if e.Optional {
				return nil, nil
			}
			return nil, fmt.Errorf("không tìm thấy %s của %s", relationTitle(e.Relation), label(issuer))
		}
		if u.ID == issuer.ID {
			return nil, nil
		}
		if e.Label != "" {
			return []string{e.Label}, nil
		}
		line, err := addressLine(u, e.Address)
		return []string{line}, err

	case e.Group != "":
		g, ok := t.groups[e.Group]
		if !ok {
			return nil, fmt.Errorf("nhóm %q không có trong danh bạ", e.Group)
		}
		if !expanded(e, e.Expand, opt) {
			if e.Label != "" {
				return []string{e.Label}, nil
			}
			return []string{g.Name}, nil
		}
		var out []string
		for _, id := range g.Members {
			if id == issuer.ID {
				continue
			}
			line, err := addressLine(t.units[id], e.Address)
			if err != nil {
				return nil, err
			}
			out = append(out, line)
		}
		return out, nil

	case e.Kind != "":
		sel := t.selectKind(e, issuer)
		if len(sel) == 0 {
			return nil, nil
		}
		if !expanded(e, !e.Collective, opt) {
			if e.Label != "" {
				return []string{e.Label}, nil
			}
			line, err := collectiveLine(e.Kind, e.Address, sel)
			return []string{line}, err
		}
		var out []string
		for _, s := range sel {
			line, err := addressLine(s.unit, e.Address)
			if err != nil {
				return nil, err
			}
			out = append(out, line)
		}
		return out, nil
	}
	return nil, fmt.Errorf("mục trống trong quy tắc")
}

func relationTitle(r string) string {
	if r == RelationSuperior {
		return "cơ quan cấp trên"
	}
	return "UBND địa phương"
}

// expanded applies RouteOptions.Expand, keyed by the entry's ID, else by its group ID.
func expanded(e Entry, byRule bool, opt RouteOptions) bool {
	key := e.ID
	if key == "" {
		key = e.Group
	}
	if v, ok := opt.Expand[key]; ok && key != "" {
		return v
	}
	return byRule
}

// addressLine names u as a recipient: its label, or its head ("Chủ tịch UBND xã Đông
// Tiến"; see withTitle).
func addressLine(u Unit, address string) (string, error) {
	if address != AddressHead {
		return label(u), nil
	}
	if u.HeadTitle == "" {
		return "", fmt.Errorf("đơn vị %q chưa có chức danh người đứng đầu (head_title)", u.ID)
	}
	return withTitle(u.HeadTitle, label(u)), nil
}

// withTitle puts a head's title before a label, writing once the words the title ends
// with and the label begins with: "Trưởng thôn" + "Thôn Phù Lưu" → "Trưởng thôn Phù Lưu";
// "Trưởng Công an" + "Công an xã Đông Tiến" → "Trưởng Công an xã Đông Tiến".
func withTitle(title, label string) string {
	tw, lw := strings.Fields(title), strings.Fields(label)
	for n := min(len(tw), len(lw)-1); n > 0; n-- {
		if strings.EqualFold(strings.Join(tw[len(tw)-n:], " "), strings.Join(lw[:n], " ")) {
			lw = lw[n:]
			break
		}
	}
	return strings.Join(append(tw, lw...), " ")
}

// selected is a unit chosen by a kind entry and the locality whose designation names it
// in a collective line.
type selected struct {
	unit     Unit
	locality Unit
}

func (t *Tree) selectKind(e Entry, issuer Unit) []selected {
	loc, ok := t.Locality(issuer.ID)
	if !ok {
		return nil
	}
	var out []selected
	if e.In != "" {
		for _, u := range t.Children(loc.ID) {
			if u.Kind == e.Kind && u.ID != issuer.ID {
				out = append(out, selected{u, loc})
			}
		}
		return out
	}
	for _, sub := range t.Children(loc.ID) {
		if !sub.Kind.IsLocality() {
			continue
		}
		if e.Kind.IsLocality() {
			if sub.Kind == e.Kind {
				out = append(out, selected{sub, sub})
			}
			continue
		}
		for _, u := range t.Children(sub.ID) {
			if u.Kind == e.Kind && u.ID != issuer.ID {
				out = append(out, selected{u, sub})
			}
		}
	}
	return out
}

// collectivePrefix starts the collective line of a kind of body: "UBND" + " các xã, phường".
// Other kinds (departments, schools, …) have no usual collective name: their entries need
// a label.
var collectivePrefix = map[Kind]string{
	PeopleCommittee:   "UBND",
	Police:            "Công an",
	SteeringCommittee: "Ban Chỉ đạo an ninh, trật tự",
}

// collectiveLine derives one line for all of sel from the designations of their
// localities: "UBND các xã, phường", "Chủ tịch UBND các huyện, thị xã, thành phố", "Các
// thôn, tổ dân phố", "Trưởng các thôn".
func collectiveLine(k Kind, address string, sel []selected) (string, error) {
	type found struct {
		index int
		name  string
		head  string // the head title of the first unit with this designation
	}
	byName := map[string]*found{}
	for _, s := range sel {
		d, i, ok := designationOf(s.locality.Name)
		if !ok {
			return "", fmt.Errorf("không nhận ra cấp của địa bàn %q (tên cần bắt đầu bằng %s); hãy ghi label cho mục %s",
				s.locality.Name, strings.Join(designations, ", "), k)
		}
		if byName[d] == nil {
			byName[d] = &found{index: i, name: d, head: s.unit.HeadTitle}
		}
	}
	list := make([]*found, 0, len(byName))
	for _, f := range byName {
		list = append(list, f)
	}
	sort.Slice(list, func(a, b int) bool { return list[a].index < list[b].index })
	names := make([]string, len(list))
	for i, f := range list {
		names[i] = f.name
	}
	joined := strings.Join(names, ", ")

	var unitLine string
	if k.IsLocality() {
		unitLine = "Các " + joined
	} else {
		prefix, ok := collectivePrefix[k]
		if !ok {
			return "", fmt.Errorf("không có tên chung cho các đơn vị loại %s; hãy ghi label cho mục này", k)
		}
		unitLine = prefix + " các " + joined
	}
	if address != AddressHead {
		return unitLine, nil
	}

	if k.IsLocality() {
		// "Trưởng thôn" → "Trưởng các thôn"; "Tổ trưởng" → "Tổ trưởng các tổ dân phố".
		parts := make([]string, len(list))
		for i, f := range list {
			if f.head == "" {
				return "", fmt.Errorf("các đơn vị loại %s chưa có chức danh người đứng đầu (head_title)", k)
			}
			role, dw := strings.Fields(f.head), strings.Fields(f.name)
			if n := len(role) - len(dw); n > 0 && strings.EqualFold(strings.Join(role[n:], " "), f.name) {
				role = role[:n]
			}
			parts[i] = strings.Join(role, " ") + " các " + f.name
		}
		return strings.Join(parts, ", "), nil
	}
	var titles []string
	for _, s := range sel {
		if s.unit.HeadTitle == "" {
			return "", fmt.Errorf("đơn vị %q chưa có chức danh người đứng đầu (head_title)", s.unit.ID)
		}
		if !slices.Contains(titles, s.unit.HeadTitle) {
			titles = append(titles, s.unit.HeadTitle)
		}
	}
	return withTitle(strings.Join(titles, ", "), unitLine), nil
}

// archiveLine fills the rule's archive template and appends the number of copies:
// "VT, {drafting_unit}" → "VT, NC (3)"; without a drafting unit → "VT (3)".
func archiveLine(tmpl string, issuer Unit, opt RouteOptions) string {
	if strings.TrimSpace(tmpl) == "" {
		tmpl = DefaultArchive
	}
	var parts []string
	for _, part := range strings.Split(tmpl, ",") {
		part = strings.ReplaceAll(part, "{drafting_unit}", opt.DraftingUnit)
		part = strings.ReplaceAll(part, "{issuer_short}", issuer.ShortName)
		if part = cleanText(part); part != "" {
			parts = append(parts, part)
		}
	}
	if len(parts) == 0 {
		parts = []string{"VT"}
	}
	line := strings.Join(parts, ", ")
	if opt.Copies > 0 {
		line += fmt.Sprintf(" (%d)", opt.Copies)
	}
	return line
}
