package inspection

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"vanthu/templates"

	"golang.org/x/text/unicode/norm"
)

// Kind is the kind of object a checklist judges (art. 1.2.a–b).
type Kind string

// The object kinds of Circular 124/2021/TT-BCA, one checklist each.
const (
	ResidentialArea Kind = "khu-dan-cu"           // art. 4
	Commune         Kind = "xa"                   // art. 5: xã, phường, đặc khu
	Agency          Kind = "co-quan-doanh-nghiep" // art. 6: cơ quan, doanh nghiệp
	School          Kind = "co-so-giao-duc"       // art. 7
)

// Kinds lists the object kinds in the circular's order.
var Kinds = []Kind{ResidentialArea, Commune, Agency, School}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

// The rules a computed criterion may follow.
const (
	// RuleSubObjects is art. 5.4: a share of the objects under this one in the round must be
	// registered and a share recognised ("100 % … đăng ký, trong đó có từ 70 % trở lên được
	// công nhận").
	RuleSubObjects = "sub-objects"
	// RuleSubUnitShare is art. 6.5 and 7.6: a share of the object's own sub-units (phòng,
	// ban, tổ, đội; khoa, phòng, ban, tổ chuyên môn) rated "Tập thể lao động tiên tiến" or
	// "Hoàn thành tốt nhiệm vụ", from the counts recorded with the assessment.
	RuleSubUnitShare = "sub-unit-share"
)

// Checklist is the list of criteria for one kind of object, with the calendar of its yearly
// cycle. It is read-only once loaded.
type Checklist struct {
	ID     string `json:"id"`
	Kind   Kind   `json:"kind"`
	Title  string `json:"title"`
	Basis  string `json:"basis"`
	Rule   string `json:"rule"` // the article's opening sentence
	Source string `json:"source"`
	// Calendar gives the dates of the yearly cycle (art. 4.1, 8.2, 9.1) as days of a year.
	Calendar Calendar `json:"calendar"`
	// Authority says which level recognises this kind by default (art. 10); a province
	// that delegates (art. 10.5) changes it with an overlay.
	Authority Authority    `json:"authority"`
	Criteria  []*Criterion `json:"criteria"`
	// Grades, best first, when the province grades recognised objects (art. 8.1).
	Grades []Grade `json:"grades,omitempty"`
	// Overlays names the legal basis of each province overlay applied, in order.
	Overlays []string `json:"overlays,omitempty"`

	byID   map[string]*Criterion
	leaves []*Criterion
}

// Criterion is one item or point of a checklist. A criterion with sub-criteria is met when
// all of them are; only leaves are answered or computed.
type Criterion struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Basis string `json:"basis"`
	// Points counts toward a grade when the criterion is met; 1 when not given.
	Points int `json:"points,omitempty"`
	// GradeOnly criteria count toward a grade but do not decide "đạt".
	GradeOnly bool         `json:"grade_only,omitempty"`
	Computed  *Computed    `json:"computed,omitempty"`
	Criteria  []*Criterion `json:"criteria,omitempty"`
	parent    *Criterion   // nil at the top
}

// Computed says how the service computes a criterion instead of an inspector answering it.
type Computed struct {
	Rule  string `json:"rule"`
	Kinds []Kind `json:"kinds,omitempty"` // RuleSubObjects: the kinds of objects counted
	// Registered is the share of the objects counted that must be registered (RuleSubObjects).
	Registered float64 `json:"registered,omitempty"`
	// Recognised is the share that must be recognised (or, for RuleSubUnitShare, rated).
	Recognised float64 `json:"recognised"`
	// Judged criteria also need an inspector's answer for the part that is not a share
	// ("không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên").
	Judged bool `json:"judged,omitempty"`
}

// Grade is one class of a province's grading (xuất sắc, khá, trung bình): a recognised
// object takes the first grade whose MinPoints it reaches.
type Grade struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	MinPoints int    `json:"min_points"`
	Basis     string `json:"basis,omitempty"`
}

// The levels of government that recognise (art. 10, two-tier reading).
const (
	LevelCommune  = "xa"   // Ủy ban nhân dân cấp xã (xã, phường, đặc khu)
	LevelProvince = "tinh" // Ủy ban nhân dân cấp tỉnh
	LevelMinistry = "bo"   // Bộ Công an (art. 10.4)
)

// Authority is the level that recognises a kind of object, with its legal basis.
type Authority struct {
	Level string `json:"level"`
	Basis string `json:"basis"`
}

// Day is a day of the year of a round, or of the year before with PreviousYear.
type Day struct {
	Month        int    `json:"month"`
	Day          int    `json:"day"`
	PreviousYear bool   `json:"previous_year,omitempty"`
	Basis        string `json:"basis"`
}

// Calendar is the yearly cycle of one kind of object: registration in the first quarter,
// the assessment window of art. 8.2 and the proposal deadline of art. 9.1.
type Calendar struct {
	RegistrationDue Day `json:"registration_due"`
	WindowFrom      Day `json:"window_from"`
	WindowTo        Day `json:"window_to"`
	ProposalDue     Day `json:"proposal_due"`
}

// Leaves returns the criteria that are answered or computed, in checklist order.
func (c *Checklist) Leaves() []*Criterion { return c.leaves }

// Criterion returns the criterion with id, or nil.
func (c *Checklist) Criterion(id string) *Criterion { return c.byID[id] }

// IsLeaf reports whether the criterion is answered or computed rather than made of others.
func (cr *Criterion) IsLeaf() bool { return len(cr.Criteria) == 0 }

// Answerable reports whether an inspector answers the criterion.
func (cr *Criterion) Answerable() bool {
	return cr.IsLeaf() && (cr.Computed == nil || cr.Computed.Judged)
}

// Parent returns the criterion this one belongs to, nil at the top.
func (cr *Criterion) Parent() *Criterion { return cr.parent }

// points returns the points of a met leaf.
func (cr *Criterion) points() int {
	if cr.Points == 0 {
		return 1
	}
	return cr.Points
}

// Overlay is a province's change to a checklist (art. 8.1: "các tiêu chí khác do Ủy ban
// nhân dân tỉnh … quy định"): criteria added, grades, thresholds changed. It is a file in the
// checklists folder of the data folder with "extends" naming the checklist it changes.
type Overlay struct {
	Extends string `json:"extends"`
	// Basis is the province's decision, e.g. "Quyết định số 12/2024/QĐ-UBND tỉnh Thanh Hoá".
	Basis string `json:"basis"`
	// Add lists criteria to add, each under Parent (empty: at the top level).
	Add []AddedCriterion `json:"add,omitempty"`
	// Grades replaces the grades (best first).
	Grades []Grade `json:"grades,omitempty"`
	// Authority, when given, replaces the recognising level (a delegation of art. 10.5).
	Authority *Authority `json:"authority,omitempty"`
	// Thresholds changes the shares of computed criteria, by criterion id.
	Thresholds map[string]Threshold `json:"thresholds,omitempty"`
}

// AddedCriterion is a criterion an overlay adds under Parent.
type AddedCriterion struct {
	Parent string `json:"parent,omitempty"`
	Criterion
}

// Threshold changes the shares of a computed criterion; a nil share is left as it is.
type Threshold struct {
	Registered *float64 `json:"registered,omitempty"`
	Recognised *float64 `json:"recognised,omitempty"`
}

// Catalog is the set of checklists, one per kind, with the overlays applied; read-only and
// safe for concurrent use once loaded.
type Catalog struct {
	byID   map[string]*Checklist
	byKind map[Kind]*Checklist
	list   []*Checklist
}

// List returns the checklists in the circular's order of kinds.
func (c *Catalog) List() []*Checklist { return c.list }

// Get returns the checklist with id, or nil.
func (c *Catalog) Get(id string) *Checklist { return c.byID[id] }

// ForKind returns the checklist of kind, or nil.
func (c *Catalog) ForKind(k Kind) *Checklist { return c.byKind[k] }

// Load reads every *.json at the root of fsys: a file without "extends" is a checklist whose
// id is its file name; a file with "extends" is an Overlay, applied after all checklists in
// file-name order. Everything is checked and every problem reported, so a broken file stops
// the start-up with the whole list. Text is normalised to NFC.
func Load(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, fmt.Errorf("checklists: list: %w", err)
	}
	sort.Strings(names)
	cat := &Catalog{byID: map[string]*Checklist{}, byKind: map[Kind]*Checklist{}}
	var problems []error
	type named struct {
		name string
		o    *Overlay
	}
	var overlays []named
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			problems = append(problems, fmt.Errorf("checklists: %s: %w", name, err))
			continue
		}
		raw = norm.NFC.Bytes(raw)
		var probe struct {
			Extends string `json:"extends"`
		}
		if err := json.Unmarshal(raw, &probe); err != nil {
			problems = append(problems, fmt.Errorf("checklists: %s: %w", name, err))
			continue
		}
		if probe.Extends != "" {
			o := &Overlay{}
			if err := decodeStrict(raw, o); err != nil {
				problems = append(problems, fmt.Errorf("checklists: %s: %w", name, err))
				continue
			}
			overlays = append(overlays, named{name, o})
			continue
		}
		c := &Checklist{}
		if err := decodeStrict(raw, c); err != nil {
			problems = append(problems, fmt.Errorf("checklists: %s: %w", name, err))
			continue
		}
		if want := strings.TrimSuffix(name, path.Ext(name)); c.ID != want {
			problems = append(problems, fmt.Errorf("checklists: %s: id %q differs from the file name %q", name, c.ID, want))
			continue
		}
		if other, dup := cat.byKind[c.Kind]; dup {
			problems = append(problems, fmt.Errorf("checklists: %s: kind %q already has checklist %q", name, c.Kind, other.ID))
			continue
		}
		cat.byID[c.ID] = c
		cat.byKind[c.Kind] = c
	}
	for _, n := range overlays {
		c := cat.byID[n.o.Extends]
		if c == nil {
			problems = append(problems, fmt.Errorf("checklists: %s: extends unknown checklist %q", n.name, n.o.Extends))
			continue
		}
		if err := c.apply(n.o); err != nil {
			problems = append(problems, fmt.Errorf("checklists: %s: %w", n.name, err))
		}
	}
	for _, k := range Kinds {
		c := cat.byKind[k]
		if c == nil {
			continue
		}
		for _, p := range c.check() {
			problems = append(problems, fmt.Errorf("checklists: %s.json: %s", c.ID, p))
		}
		cat.list = append(cat.list, c)
	}
	for _, c := range cat.byID {
		if !c.Kind.Valid() {
			problems = append(problems, fmt.Errorf("checklists: %s.json: kind %q is not one of %v", c.ID, c.Kind, Kinds))
		}
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	if len(cat.list) == 0 {
		return nil, errors.New("checklists: no checklist (*.json) found")
	}
	return cat, nil
}

// decodeStrict decodes raw into v, refusing unknown fields so a misspelt key is caught at
// start-up rather than silently ignored.
func decodeStrict(raw []byte, v any) error { return templates.DecodeStrict(raw, v) }

// apply changes c as the overlay says. Criteria are indexed afresh by check afterwards.
func (c *Checklist) apply(o *Overlay) error {
	if strings.TrimSpace(o.Basis) == "" {
		return errors.New("an overlay needs its legal basis (basis)")
	}
	c.index()
	for _, a := range o.Add {
		cr := a.Criterion
		if cr.Basis == "" {
			cr.Basis = o.Basis
		}
		added := &cr
		if a.Parent == "" {
			c.Criteria = append(c.Criteria, added)
			continue
		}
		p := c.byID[a.Parent]
		if p == nil {
			return fmt.Errorf("criterion %q: parent %q not found", cr.ID, a.Parent)
		}
		if p.Computed != nil || len(p.Criteria) == 0 {
			return fmt.Errorf("criterion %q: parent %q is a leaf; criteria can only be added to a group", cr.ID, a.Parent)
		}
		p.Criteria = append(p.Criteria, added)
	}
	for id, t := range o.Thresholds {
		cr := c.byID[id]
		if cr == nil || cr.Computed == nil {
			return fmt.Errorf("threshold of %q: no computed criterion has this id", id)
		}
		if t.Registered != nil {
			cr.Computed.Registered = *t.Registered
		}
		if t.Recognised != nil {
			cr.Computed.Recognised = *t.Recognised
		}
	}
	if o.Grades != nil {
		c.Grades = o.Grades
	}
	if o.Authority != nil {
		c.Authority = *o.Authority
	}
	c.Overlays = append(c.Overlays, o.Basis)
	return nil
}

// index records the criteria by id, their parents and the leaves.
func (c *Checklist) index() {
	c.byID = map[string]*Criterion{}
	c.leaves = c.leaves[:0]
	var walk func(parent *Criterion, list []*Criterion)
	walk = func(parent *Criterion, list []*Criterion) {
		for _, cr := range list {
			if cr == nil {
				continue
			}
			cr.parent = parent
			if _, dup := c.byID[cr.ID]; !dup {
				c.byID[cr.ID] = cr
			}
			if cr.IsLeaf() {
				c.leaves = append(c.leaves, cr)
			}
			walk(cr, cr.Criteria)
		}
	}
	walk(nil, c.Criteria)
}

// check indexes c and returns what is wrong with it.
func (c *Checklist) check() []string {
	c.index()
	var p []string
	add := func(format string, args ...any) { p = append(p, fmt.Sprintf(format, args...)) }
	if strings.TrimSpace(c.Title) == "" {
		add("title is empty")
	}
	if strings.TrimSpace(c.Basis) == "" {
		add("basis is empty")
	}
	for name, d := range map[string]Day{"registration_due": c.Calendar.RegistrationDue,
		"window_from": c.Calendar.WindowFrom, "window_to": c.Calendar.WindowTo, "proposal_due": c.Calendar.ProposalDue} {
		if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > daysIn(d.Month) {
			add("calendar.%s: %d/%d is not a day of the year", name, d.Day, d.Month)
		}
		if strings.TrimSpace(d.Basis) == "" {
			add("calendar.%s: basis is empty", name)
		}
	}
	switch c.Authority.Level {
	case LevelCommune, LevelProvince, LevelMinistry:
	default:
		add("authority.level %q is not %q, %q or %q", c.Authority.Level, LevelCommune, LevelProvince, LevelMinistry)
	}
	if strings.TrimSpace(c.Authority.Basis) == "" {
		add("authority.basis is empty")
	}
	seen := map[string]bool{}
	var walk func(list []*Criterion)
	walk = func(list []*Criterion) {
		for _, cr := range list {
			if cr == nil {
				add("a criterion is null")
				continue
			}
			if cr.ID == "" || strings.ContainsAny(cr.ID, " \t\n") {
				add("criterion %q: id must be non-empty without spaces", cr.ID)
			}
			if seen[cr.ID] {
				add("criterion %q: id used twice", cr.ID)
			}
			seen[cr.ID] = true
			if strings.TrimSpace(cr.Text) == "" {
				add("criterion %q: text is empty", cr.ID)
			}
			if strings.TrimSpace(cr.Basis) == "" {
				add("criterion %q: basis is empty", cr.ID)
			}
			if cr.Points < 0 {
				add("criterion %q: points must not be negative", cr.ID)
			}
			if m := cr.Computed; m != nil {
				if !cr.IsLeaf() {
					add("criterion %q: a computed criterion cannot have sub-criteria", cr.ID)
				}
				switch m.Rule {
				case RuleSubObjects:
					if len(m.Kinds) == 0 {
						add("criterion %q: computed.kinds is empty", cr.ID)
					}
					for _, k := range m.Kinds {
						if !k.Valid() {
							add("criterion %q: computed.kinds: %q is not a kind", cr.ID, k)
						}
					}
					if m.Registered <= 0 || m.Registered > 1 {
						add("criterion %q: computed.registered must be a share in (0, 1]", cr.ID)
					}
				case RuleSubUnitShare:
				default:
					add("criterion %q: computed.rule %q is not %q or %q", cr.ID, m.Rule, RuleSubObjects, RuleSubUnitShare)
				}
				if m.Recognised <= 0 || m.Recognised > 1 {
					add("criterion %q: computed.recognised must be a share in (0, 1]", cr.ID)
				}
			}
			if cr.GradeOnly && !cr.IsLeaf() {
				add("criterion %q: grade_only applies to leaves only", cr.ID)
			}
			walk(cr.Criteria)
		}
	}
	walk(c.Criteria)
	if len(c.leaves) == 0 {
		add("no criterion")
	}
	for i, g := range c.Grades {
		if g.ID == "" || strings.TrimSpace(g.Name) == "" {
			add("grades[%d]: id and name are required", i)
		}
		if i > 0 && g.MinPoints >= c.Grades[i-1].MinPoints {
			add("grades[%d]: grades are listed best first, with min_points decreasing", i)
		}
	}
	return p
}

// daysIn returns the most days month has (29 for February).
func daysIn(month int) int {
	switch month {
	case 2:
		return 29
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
