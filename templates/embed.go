// Package templates holds the declarative data embedded in the binary: the form
// definitions (forms/*.json), the demo organisation tree and groups (directory/units.csv,
// directory/groups.csv), the routing rules (routing/*.json) and the dates issuers may give
// their documents (register/dating.json). A folder on disk with the
// same layout overrides them (Open layers it over FS), so adding a form, a rule or a unit
// needs no Go change; appdata.Load reads every kind of file through Open. The package
// holds data and the means to open it, no domain rules.
package templates

import "embed"

// FS holds the embedded data files, under their folder names.
//
//go:embed directory/*.csv routing/*.json forms/*.json register/*.json
var FS embed.FS
