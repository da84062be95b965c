// Package forms holds the forms of the product as data: what each form asks for, how a
// submission is checked, and how a checked submission becomes a generator.Document.
//
// A form is a JSON definition under templates/forms/ (see Definition): its fields, the rules
// of each field in go-playground/validator syntax, and the part of the document each field
// fills. Adding a form therefore needs a JSON file and an example, not a Go change. Load
// reads and checks every definition at start-up, so a typo in a rule or a target fails at
// boot rather than on the first submission.
//
// Validator checks a submission against a definition and returns the cleaned values (NFC,
// trimmed, LF line ends) and a field → Vietnamese message map that names each field by its
// label, ready for apperr.InvalidFields. It is built once and shared by every request.
//
// Definition.Document maps cleaned values, the issuing unit and the routed recipients to a
// generator.Document; Definition.Blank gives the blank form to print and fill by hand.
//
// The package must not depend on HTTP (net/http, gin), on a database or on the routing and
// storage packages: the caller resolves the issuer and the recipients and passes them in. It
// depends on generator for the document model, on directory for the Recipients type, on
// typeset for the way Decree 30 writes numbers and dates, and on validator/v10 with its Vietnamese translations for the rules and messages.
package forms
