package commendation

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"vanthu/templates"

	"vanthu/committee"
)

// NomineeKind is what a nominee is.
type NomineeKind string

// The kinds of nominee.
const (
	Person     NomineeKind = "person"     // cá nhân
	Area       NomineeKind = "area"       // khu dân cư (thôn, tổ dân phố): a directory unit
	Collective NomineeKind = "collective" // another tập thể: an office, a team, a school
)

// Award is one title or form of commendation, read from a JSON file.
type Award struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Kind is "danh-hieu" (an emulation title) or "hinh-thuc" (a form of commendation).
	Kind string `json:"kind"`
	// Option is the award as the tờ trình form's "Hình thức khen thưởng" lists it.
	Option string `json:"option"`
	// Short is how the award is named in a sentence and a subject: "Giấy khen".
	Short    string        `json:"short"`
	Nominees []NomineeKind `json:"nominees"`
	// Authority is who grants it.
	Authority Authority   `json:"authority"`
	Vote      *VoteRule   `json:"vote,omitempty"`
	Condition []Condition `json:"conditions,omitempty"`
	// Certificate is the form of the certificate the award prints ("giay-khen"), if any.
	Certificate string   `json:"certificate,omitempty"`
	LegalBasis  []string `json:"legal_basis"`
}

// Authority names who grants an award: the head of the body of kind Unit in the locality
// of kind Level above (or at) the proposing unit — the chairman (head) of the people's
// committee (Unit "people-committee") of the commune (Level "commune").
type Authority struct {
	Level string `json:"level"`
	Unit  string `json:"unit"`
	Basis string `json:"basis"`
}

// VoteRule is the council vote an award needs: at least MinPercent of the council's
// members (all members on the meeting's date, not only those present) in favour.
type VoteRule struct {
	MinPercent int    `json:"min_percent"`
	Basis      string `json:"basis"`
}

// Passes reports whether inFavour of members meets the rule; exact, in integers.
func (v *VoteRule) Passes(inFavour, members int) bool {
	return members > 0 && inFavour*100 >= v.MinPercent*members
}

// The kinds of condition an award may set.
const (
	// CondAreaRecognised: an area nominee must be recognised "An toàn về an ninh, trật
	// tự" in the proposal's year.
	CondAreaRecognised = "area-recognised"
	// CondServiceYears: a person must have served Years[gender] whole years on bodies of
	// BodyKind by the end of the proposal's year.
	CondServiceYears = "service-years"
)

// Condition is one condition of an award, with the name refusals quote and its basis.
type Condition struct {
	Kind     string                   `json:"kind"`
	Name     string                   `json:"name"`
	BodyKind string                   `json:"body_kind,omitempty"`
	Years    map[committee.Gender]int `json:"years,omitempty"`
	Basis    string                   `json:"basis"`
}

// Accepts reports whether the award may go to a nominee of kind k.
func (a *Award) Accepts(k NomineeKind) bool {
	for _, n := range a.Nominees {
		if n == k {
			return true
		}
	}
	return false
}

// Catalog holds the awards by ID.
type Catalog struct {
	awards map[string]*Award
}

// LoadAwards reads every *.json of fsys as an Award; a broken file fails, named.
func LoadAwards(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	c := &Catalog{awards: map[string]*Award{}}
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var a Award
		if err := templates.DecodeStrict(raw, &a); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".json"); a.ID != want {
			return nil, fmt.Errorf("%s: id %q should be %q", name, a.ID, want)
		}
		if err := a.check(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		c.awards[a.ID] = &a
	}
	return c, nil
}

func (a *Award) check() error {
	switch {
	case a.Name == "" || a.Option == "" || a.Short == "":
		return fmt.Errorf("name, option and short are required")
	case len(a.LegalBasis) == 0:
		return fmt.Errorf("no legal basis")
	case len(a.Nominees) == 0:
		return fmt.Errorf("no nominee kind")
	case a.Authority.Level == "" || a.Authority.Unit == "" || a.Authority.Basis == "":
		return fmt.Errorf("the authority needs a level, a unit kind and its basis")
	case a.Vote != nil && (a.Vote.MinPercent <= 0 || a.Vote.MinPercent > 100 || a.Vote.Basis == ""):
		return fmt.Errorf("a vote rule needs 1–100 %% and its basis")
	}
	for _, k := range a.Nominees {
		if k != Person && k != Area && k != Collective {
			return fmt.Errorf("unknown nominee kind %q", k)
		}
	}
	for _, c := range a.Condition {
		if c.Name == "" || c.Basis == "" {
			return fmt.Errorf("condition %q: a name and a basis are required", c.Kind)
		}
		switch c.Kind {
		case CondAreaRecognised:
		case CondServiceYears:
			if c.BodyKind == "" || c.Years[committee.Male] <= 0 || c.Years[committee.Female] <= 0 {
				return fmt.Errorf("condition %q: body_kind and years for nam and nu are required", c.Kind)
			}
		default:
			return fmt.Errorf("unknown condition kind %q", c.Kind)
		}
	}
	return nil
}

// Get returns an award by ID.
func (c *Catalog) Get(id string) (*Award, bool) {
	a, ok := c.awards[id]
	return a, ok
}

// List returns the awards by ID.
func (c *Catalog) List() []*Award {
	out := make([]*Award, 0, len(c.awards))
	for _, a := range c.awards {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
