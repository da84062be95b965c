// Package directory is the organisation tree of the product and the routing of documents
// through it: who a unit is (its kinds, names, labels, heads and địa danh), who stands above
// it (the cơ quan chủ quản printed in a header, the superior a report goes to), and who a
// document is sent to (the Kính gửi lines, the Nơi nhận items and the archive line).
//
// Since 1 July 2025 local government has two tiers (province, commune) where the 2016 seed
// had three (province, district, commune). The tree therefore has no fixed levels: a unit's
// place comes only from its parent, and routing rules (JSON files, see LoadRules) name
// relations — "the superior of the issuer", "every people's committee in the localities
// directly under the issuer's locality" — so that one rule set routes the two-tier present
// and three-tier archives alike.
//
// The package is pure domain code. It must not depend on HTTP (gin, net/http), on SQL or a
// database driver, or on the document generator: storage saves Units and Groups, the HTTP
// layer binds user input and calls Route and Recipients.Edit, the generator prints the
// Recipients it is given. Its only dependencies are the standard library, apperr (the one
// error type), typeset (NFC cleaning, so text typed with a combining-mark input method
// compares equal to the same text typed precomposed, and Vietnamese upper case), safecsv
// (the CSV writer) and templates (the strict reading of a data file).
package directory
