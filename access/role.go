package access

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"vanthu/templates"

	"vanthu/apperr"
)

// Permission names one kind of action: "document.issue", "register.read". The services
// check permissions, never role names, so a role defined in data works without code.
type Permission string

// The permissions the services check. A role file naming any other permission is refused at
// start-up: a typo would otherwise grant nothing, silently.
const (
	UserManage     Permission = "user.manage"     // create users, grant and revoke roles
	DirectoryWrite Permission = "directory.write" // replace the organisation directory
	RoutingWrite   Permission = "routing.write"   // change routing rules
	AuditRead      Permission = "audit.read"      // read and export the audit log

	DirectoryRead Permission = "directory.read" // read units, groups and routing rules
	FormRead      Permission = "form.read"      // read form definitions
	TemplateRead  Permission = "template.read"  // download blank templates

	DocumentDraft   Permission = "document.draft"   // create and edit drafts of the unit's documents
	DocumentPreview Permission = "document.preview" // render a document without numbering it
	DocumentIssue   Permission = "document.issue"   // take a number and issue
	DocumentCorrect Permission = "document.correct" // issue a correction of an issued document
	DocumentRead    Permission = "document.read"    // read documents and their files

	RegisterRead   Permission = "register.read"   // read the outgoing register
	RegisterWrite  Permission = "register.write"  // fill the hand-written columns of the register
	RegisterExport Permission = "register.export" // export the register (CSV, XLSX)
	// RegisterSecretRead reads (and, with RegisterExport, exports) the register of secret
	// documents, kept apart from the ordinary one (Decree 30, art. 15.2).
	RegisterSecretRead Permission = "register.secret.read"

	RoundRead          Permission = "round.read"             // read inspection rounds
	RoundManage        Permission = "round.manage"           // create, change and delete the rounds and rosters of an authority
	RoundRegister      Permission = "round.register"         // register a unit in a round
	InspectionAssess   Permission = "inspection.assess"      // fill and submit checklists
	InspectionFileRead Permission = "inspection.file.read"   // read an inspected unit's file
	InspectionUpload   Permission = "inspection.file.upload" // upload a unit's file
	ResultRead         Permission = "result.read"            // read results
	DashboardRead      Permission = "dashboard.read"         // read dashboards

	CommitteeRead       Permission = "committee.read"       // read people, bodies and their composition
	CommitteeWrite      Permission = "committee.write"      // record people, bodies, changes of composition and their decisions
	CommendationRead    Permission = "commendation.read"    // read proposals, nominees and eligibility
	CommendationPropose Permission = "commendation.propose" // create proposals, add nominees, make the tờ trình
	CommendationVote    Permission = "commendation.vote"    // record the council's votes and its minutes
	CommendationGrant   Permission = "commendation.grant"   // make the award decision and certificates
)

// Permissions lists every permission the application checks.
var Permissions = []Permission{UserManage, DirectoryWrite, RoutingWrite, AuditRead,
	DirectoryRead, FormRead, TemplateRead,
	DocumentDraft, DocumentPreview, DocumentIssue, DocumentCorrect, DocumentRead,
	RegisterRead, RegisterWrite, RegisterExport, RegisterSecretRead,
	RoundRead, RoundManage, RoundRegister, InspectionAssess, InspectionFileRead, InspectionUpload, ResultRead, DashboardRead,
	CommitteeRead, CommitteeWrite, CommendationRead, CommendationPropose, CommendationVote, CommendationGrant}

// Scope says which units a grant of a role covers.
type Scope string

const (
	// ScopeUnit covers the unit the role is granted in, and only it: the văn thư of a
	// commune issues the commune's documents, not those of its villages.
	ScopeUnit Scope = "unit"
	// ScopeSubtree covers the unit and every unit under it: a leader of a province reads
	// the registers of its communes.
	ScopeSubtree Scope = "subtree"
)

// Role is a named set of permissions with the scope its grants cover.
type Role struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"` // Vietnamese, shown to users
	Scope       Scope        `json:"scope"`
	Description string       `json:"description"`
	Permissions []Permission `json:"permissions"`

	perms map[Permission]bool
}

// Has reports whether the role carries p.
func (r *Role) Has(p Permission) bool { return r.perms[p] }

// Roles is the catalogue of roles, read-only once loaded.
type Roles struct {
	byID  map[string]*Role
	order []string
	Basis string // the legal basis the roles follow, as data
}

// Role returns the role with the given id.
func (rs *Roles) Role(id string) (*Role, bool) {
	r, ok := rs.byID[id]
	return r, ok
}

// List returns the roles in the order of their files.
func (rs *Roles) List() []*Role {
	out := make([]*Role, len(rs.order))
	for i, id := range rs.order {
		out[i] = rs.byID[id]
	}
	return out
}

// roleFile is the layout of a roles/*.json file.
type roleFile struct {
	Basis string `json:"basis"`
	Roles []Role `json:"roles"`
}

// LoadRoles reads every *.json file at the root of fsys (the caller passes the roles
// folder of the data files) and checks each role: a unique id, a Vietnamese name, a known
// scope and only known permissions. Every problem is reported at once.
func LoadRoles(fsys fs.FS) (*Roles, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	rs := &Roles{byID: map[string]*Role{}}
	known := make(map[Permission]bool, len(Permissions))
	for _, p := range Permissions {
		known[p] = true
	}
	var problems []string
	var bases []string
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var f roleFile
		if err := templates.DecodeStrict(raw, &f); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", path.Base(name), err))
			continue
		}
		if f.Basis != "" {
			bases = append(bases, f.Basis)
		}
		for i := range f.Roles {
			r := f.Roles[i]
			where := fmt.Sprintf("%s: vai trò %q", path.Base(name), r.ID)
			switch {
			case r.ID == "":
				problems = append(problems, fmt.Sprintf("%s: vai trò thứ %d thiếu mã (id)", path.Base(name), i+1))
				continue
			case rs.byID[r.ID] != nil:
				problems = append(problems, where+": mã (id) bị trùng")
				continue
			}
			if r.Name == "" {
				problems = append(problems, where+": thiếu tên (name)")
			}
			if r.Scope != ScopeUnit && r.Scope != ScopeSubtree {
				problems = append(problems, fmt.Sprintf("%s: phạm vi (scope) %q không hợp lệ; dùng unit hoặc subtree", where, r.Scope))
			}
			r.perms = make(map[Permission]bool, len(r.Permissions))
			for _, p := range r.Permissions {
				if !known[p] {
					problems = append(problems, fmt.Sprintf("%s: quyền (permissions) %q không tồn tại", where, p))
				}
				r.perms[p] = true
			}
			rs.byID[r.ID] = &r
			rs.order = append(rs.order, r.ID)
		}
	}
	if len(rs.order) == 0 && len(problems) == 0 {
		problems = append(problems, "không có vai trò nào trong roles/*.json")
	}
	if len(problems) > 0 {
		return nil, apperr.New(apperr.Invalid, "Tệp vai trò chưa hợp lệ: "+strings.Join(problems, "; ")+".")
	}
	rs.Basis = strings.Join(bases, "; ")
	return rs, nil
}
