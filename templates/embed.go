// Package templates holds the declarative data embedded in the binary: the demo
// organisation tree and groups (directory/units.csv, directory/groups.csv), the routing
// rules (routing/*.json) and the roles with their permissions (roles/*.json). A folder on
// disk with the same layout overrides them: the caller chooses which fs.FS to pass
// (fs.Sub(templates.FS, "routing") or os.DirFS(dir)), so adding a rule or a unit needs no
// Go change (Open layers such a folder over FS). The package holds data and the means to
// open it, no domain rules.
package templates

import "embed"

// FS holds the embedded data files, under their folder names.
//
//go:embed directory/*.csv routing/*.json forms/*.json roles/*.json
var FS embed.FS
