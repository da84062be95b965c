package committee

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"vanthu/templates"
)

// The kinds of body the rules know. A rule file may add others; these are the ones the
// documents are built for.
const (
	SteeringCommittee = "ban-chi-dao"                  // Ban Chỉ đạo an ninh, trật tự
	SecurityTeam      = "to-bao-ve-antt"               // Tổ bảo vệ an ninh, trật tự
	EmulationCouncil  = "hoi-dong-thi-dua-khen-thuong" // Hội đồng thi đua, khen thưởng
)

// RuleSet is one rule file: the composition rules of the bodies of a province, or the
// default set (Province "") that applies where a province has none.
//
//	{"id": "tinh-thanh-hoa", "province": "tinh-thanh-hoa", "name": "…",
//	 "legal_basis": ["…"],
//	 "bodies": {"to-bao-ve-antt": {"title": "Tổ bảo vệ an ninh, trật tự",
//	   "roles": [{"name": "Tổ trưởng", "min": 1, "max": 1, "basis": "…"}, …],
//	   "size": {"per_area": {"urban": 5, "rural": 3}, "urban_prefixes": ["Tổ dân phố"], "basis": "…"}}}}
type RuleSet struct {
	ID         string               `json:"id"`
	Province   string               `json:"province"`
	Name       string               `json:"name"`
	LegalBasis []string             `json:"legal_basis"`
	Bodies     map[string]BodyRules `json:"bodies"`
}

// BodyRules are the composition rules of one kind of body.
type BodyRules struct {
	// Title names the kind in messages and documents: "Tổ bảo vệ an ninh, trật tự".
	Title string `json:"title"`
	// Roles are the roles a member may hold, in the order lists print them.
	Roles []RoleRule `json:"roles"`
	// Size, when set, fixes the number of members from the areas the body covers.
	Size *SizeRule `json:"size,omitempty"`
	// Decision names the form of the establishment or reorganisation decision.
	Decision   string   `json:"decision,omitempty"`
	LegalBasis []string `json:"legal_basis"`
}

// RoleRule is one role and how many members may hold it; Max 0 means no upper bound.
type RoleRule struct {
	Name  string `json:"name"`
	Min   int    `json:"min"`
	Max   int    `json:"max"`
	Basis string `json:"basis"`
}

// SizeRule fixes a team's size by the kind of each area it covers: a team covering an
// urban quarter and a rural hamlet has PerArea["urban"] + PerArea["rural"] members.
type SizeRule struct {
	PerArea map[string]int `json:"per_area"`
	// UrbanPrefixes tell an urban area by the start of its name ("Tổ dân phố", "Khu
	// phố"); every other area is "rural".
	UrbanPrefixes []string `json:"urban_prefixes"`
	Basis         string   `json:"basis"`
}

// AreaKind returns "urban" or "rural" for an area's name.
func (s *SizeRule) AreaKind(name string) string {
	for _, p := range s.UrbanPrefixes {
		if strings.HasPrefix(strings.ToLower(name), strings.ToLower(p)) {
			return "urban"
		}
	}
	return "rural"
}

// Role returns the rule of a role by name.
func (b *BodyRules) Role(name string) (RoleRule, bool) {
	for _, r := range b.Roles {
		if r.Name == name {
			return r, true
		}
	}
	return RoleRule{}, false
}

// RoleNames lists the role names in order.
func (b *BodyRules) RoleNames() []string {
	out := make([]string, len(b.Roles))
	for i, r := range b.Roles {
		out[i] = r.Name
	}
	return out
}

// roleOrder is the position of a role in the printed order.
func (b *BodyRules) roleOrder(name string) int {
	for i, r := range b.Roles {
		if r.Name == name {
			return i
		}
	}
	return len(b.Roles)
}

// Rulebook holds every rule set, by province.
type Rulebook struct {
	sets map[string]*RuleSet // by Province; "" is the default set
}

// Load reads every *.json of fsys as a RuleSet. There must be a default set (province "");
// two sets for one province, a role without a name or a Min above Max fail, naming the file.
func Load(fsys fs.FS) (*Rulebook, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	rb := &Rulebook{sets: map[string]*RuleSet{}}
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var rs RuleSet
		if err := templates.DecodeStrict(raw, &rs); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".json"); rs.ID != want {
			return nil, fmt.Errorf("%s: id %q should be %q", name, rs.ID, want)
		}
		if err := rs.check(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if _, dup := rb.sets[rs.Province]; dup {
			return nil, fmt.Errorf("%s: a second rule set for province %q", name, rs.Province)
		}
		rb.sets[rs.Province] = &rs
	}
	if _, ok := rb.sets[""]; !ok {
		return nil, fmt.Errorf("no default rule set (a file with \"province\": \"\")")
	}
	return rb, nil
}

func (rs *RuleSet) check() error {
	if len(rs.LegalBasis) == 0 {
		return fmt.Errorf("no legal basis")
	}
	for kind, b := range rs.Bodies {
		if b.Title == "" || len(b.Roles) == 0 {
			return fmt.Errorf("body %q: a title and roles are required", kind)
		}
		seen := map[string]bool{}
		for _, r := range b.Roles {
			if r.Name == "" || seen[r.Name] {
				return fmt.Errorf("body %q: a role without a name or named twice", kind)
			}
			seen[r.Name] = true
			if r.Min < 0 || (r.Max > 0 && r.Min > r.Max) {
				return fmt.Errorf("body %q, role %q: min %d, max %d", kind, r.Name, r.Min, r.Max)
			}
			if (r.Min > 0 || r.Max > 0) && r.Basis == "" {
				return fmt.Errorf("body %q, role %q: a rule without its legal basis", kind, r.Name)
			}
		}
		if b.Size != nil && (len(b.Size.PerArea) == 0 || b.Size.Basis == "") {
			return fmt.Errorf("body %q: a size rule needs per_area and its basis", kind)
		}
	}
	return nil
}

// For returns the rules of a kind of body in a province: the province's own when its set
// has the kind, else the default set's.
func (rb *Rulebook) For(province, kind string) (BodyRules, bool) {
	if rs, ok := rb.sets[province]; ok {
		if b, ok := rs.Bodies[kind]; ok {
			return b, true
		}
	}
	b, ok := rb.sets[""].Bodies[kind]
	return b, ok
}

// Sets returns the rule sets, the default first, then by province.
func (rb *Rulebook) Sets() []*RuleSet {
	out := make([]*RuleSet, 0, len(rb.sets))
	for _, rs := range rb.sets {
		out = append(out, rs)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Province < out[j].Province })
	return out
}
