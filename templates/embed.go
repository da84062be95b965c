// Package templates holds the declarative data embedded in the binary: the form
// definitions (forms/*.json), the demo organisation tree and groups (directory/units.csv,
// directory/groups.csv), the routing rules (routing/*.json), the roles with their
// permissions (roles/*.json), the checklists of Circular 124/2021/TT-BCA with any province
// overlay (checklists/*.json), the composition rules of committees and teams
// (committees/*.json), the awards (awards/*.json) and the dates issuers may give their
// documents (register/dating.json). A folder on disk with the same layout
// overrides them (Open layers it over FS), so adding a form, a rule, a role or a unit
// needs no Go change; appdata.Load reads every kind of file through Open. The package
// holds data and the means to open it, no domain rules.
package templates

import "embed"

// FS holds the embedded data files, under their folder names.
//
//go:embed directory/*.csv routing/*.json forms/*.json checklists/*.json roles/*.json committees/*.json awards/*.json register/*.json
var FS embed.FS
