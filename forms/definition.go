package forms

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"

	"vanthu/directory"
	"vanthu/generator"
)

// Family groups forms the way users look for them.
type Family string

// The families, in the order List shows them.
const (
	FamilyGeneral    Family = "van-ban"     // general documents: công văn, thông báo, …
	FamilyCommittees Family = "ban-chi-dao" // steering committees and village security teams
	FamilyInspection Family = "kiem-tra"    // inspection and "An toàn về ANTT" recognition
	FamilyAwards     Family = "khen-thuong" // commendation
)

// families gives each family its rank in List.
var families = map[Family]int{FamilyGeneral: 0, FamilyCommittees: 1, FamilyInspection: 2, FamilyAwards: 3}

// FieldType is how a field is entered and what its cleaned value is (see Values).
type FieldType string

// The field types.
const (
	TypeText         FieldType = "text"          // one line → string
	TypeTextarea     FieldType = "textarea"      // several lines → string with "\n"
	TypeDate         FieldType = "date"          // "2016-02-01" or "01/02/2016" → generator.Date
	TypeNumber       FieldType = "number"        // → float64
	TypeSelect       FieldType = "select"        // one of Options → string
	TypeList         FieldType = "list"          // one item per line → []string
	TypeTable        FieldType = "table"         // rows of len(Columns) cells → [][]string
	TypeSignerPrefix FieldType = "signer-prefix" // TM., KT., Q., TL., TUQ. → string
)

// signerPrefixes are the prefixes of Decree 30 a signer-prefix field accepts when it lists no
// options of its own.
var signerPrefixes = []string{"TM.", "KT.", "Q.", "TL.", "TUQ."}

// Target is the part of the document a field fills; "" keeps the value in the data only,
// for a body template or for later use.
type Target string

// The targets. Scalar targets take the field's text; line targets take one line per item or
// per non-empty line of a textarea.
const (
	TargetNone                 Target = ""
	TargetSubject              Target = "subject"
	TargetBody                 Target = "body"       // one Block per non-empty line
	TargetRecipients           Target = "recipients" // extra Kính gửi lines after the routed ones
	TargetBases                Target = "bases"
	TargetProposal             Target = "proposal"
	TargetAuthority            Target = "authority"
	TargetArticles             Target = "articles" // one Article per line, or per table row
	TargetSignerPrefix         Target = "signer.prefix"
	TargetSignerAuthority      Target = "signer.authority"
	TargetSignerTitle          Target = "signer.title"
	TargetSignerAgencyTitle    Target = "signer.agency_title"
	TargetSignerName           Target = "signer.name"
	TargetSecretaryName        Target = "secretary.name"
	TargetSecretaryTitle       Target = "secretary.title"
	TargetDate                 Target = "date"
	TargetPlace                Target = "place"
	TargetDraftingUnit         Target = "drafting_unit"
	TargetCopies               Target = "copies"
	TargetTitle                Target = "title"
	TargetAnnex                Target = "annex" // the rows of the first annex's table
	TargetCertificateGrantor   Target = "certificate.grantor"
	TargetCertificateRecipient Target = "certificate.recipient"
	TargetCertificateLines     Target = "certificate.lines"
	TargetCertificateDecision  Target = "certificate.decision"
	TargetCertificateRegister  Target = "certificate.register"
	TargetAttachmentTitle      Target = "attachment.title"
	TargetAttachmentSubject    Target = "attachment.subject"
	TargetAttachmentArticles   Target = "attachment.articles"
	// The optional marks of Decree 30, Annex I, Part II, 2–4 (see generator.Document). A
	// secrecy or urgency field is a select whose options are among SecrecyMarks or
	// UrgencyMarks; a document with a secrecy mark is numbered in the secret series.
	TargetSecrecy       Target = "secrecy"
	TargetUrgency       Target = "urgency"
	TargetCirculation   Target = "circulation"
	TargetDrafter       Target = "drafter"
	TargetDrafterCopies Target = "drafter.copies" // copies issued, printed after the drafter
)

// Which field types may fill each group of targets.
const (
	targetKindsOfScalar       = "text textarea select signer-prefix"
	targetKindsOfLines        = "text textarea list"
	targetKindsOfArticles     = "textarea list table"
	targetKindsOfPrefix       = "text select signer-prefix"
	targetKindsOfDraftingUnit = "text select"
	targetKindsOfDate         = "date"
	targetKindsOfNumber       = "number"
	targetKindsOfTable        = "table"
	targetKindsOfAnything     = "text textarea date number select list table signer-prefix"
	targetKindsOfMark         = "select"
	targetKindsOfShortText    = "text select"
)

// targets lists every target with the field types that may fill it, so a definition that
// sends a table to the subject fails at load time.
var targets = map[Target]string{
	TargetNone:                 targetKindsOfAnything,
	TargetSubject:              targetKindsOfScalar,
	TargetBody:                 targetKindsOfLines,
	TargetRecipients:           targetKindsOfLines,
	TargetBases:                targetKindsOfLines,
	TargetProposal:             targetKindsOfScalar,
	TargetAuthority:            targetKindsOfScalar,
	TargetArticles:             targetKindsOfArticles,
	TargetSignerPrefix:         targetKindsOfPrefix,
	TargetSignerAuthority:      targetKindsOfScalar,
	TargetSignerTitle:          targetKindsOfScalar,
	TargetSignerAgencyTitle:    targetKindsOfScalar,
	TargetSignerName:           targetKindsOfScalar,
	TargetSecretaryName:        targetKindsOfScalar,
	TargetSecretaryTitle:       targetKindsOfScalar,
	TargetDate:                 targetKindsOfDate,
	TargetPlace:                targetKindsOfScalar,
	TargetDraftingUnit:         targetKindsOfDraftingUnit,
	TargetCopies:               targetKindsOfNumber,
	TargetTitle:                targetKindsOfScalar,
	TargetAnnex:                targetKindsOfTable,
	TargetCertificateGrantor:   targetKindsOfScalar,
	TargetCertificateRecipient: targetKindsOfScalar,
	TargetCertificateLines:     targetKindsOfLines,
	TargetCertificateDecision:  targetKindsOfScalar,
	TargetCertificateRegister:  targetKindsOfScalar,
	TargetAttachmentTitle:      targetKindsOfScalar,
	TargetAttachmentSubject:    targetKindsOfScalar,
	TargetAttachmentArticles:   targetKindsOfArticles,
	TargetSecrecy:              targetKindsOfMark,
	TargetUrgency:              targetKindsOfMark,
	TargetCirculation:          targetKindsOfShortText,
	TargetDrafter:              targetKindsOfShortText,
	TargetDrafterCopies:        targetKindsOfNumber,
}

// The secrecy and urgency marks Decree 30 allows (Annex I, Part II, 2–3), as printed and
// as the register shows them. A form's secrecy or urgency options must be among them, so a
// submitted value is one of them once the select has validated it.
var (
	SecrecyMarks = []string{"MẬT", "TỐI MẬT", "TUYỆT MẬT"}
	UrgencyMarks = []string{"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"}
)

// Definition is one form, read from templates/forms/<id>.json. Definitions come from Load,
// which checks them and prepares their field index and templates; one built by hand is not
// usable.
type Definition struct {
	// ID is the slug of the form and the name of its file: "cong-van".
	ID string `json:"id"`
	// Title is the Vietnamese name shown to users: "Công văn".
	Title  string `json:"title"`
	Family Family `json:"family"`
	// Kind is the kind of document the form produces.
	Kind        generator.Kind `json:"kind"`
	Description string         `json:"description"`
	// LegalBasis cites the texts the form follows, as data: form numbers of some decrees are
	// unconfirmed, so they are written here, never in code.
	LegalBasis []string `json:"legal_basis"`
	// Routing is the id of the routing rule that proposes the recipients.
	Routing string `json:"routing,omitempty"`
	// IssuerKinds are the kinds of unit that may issue the form. Omitted, the kinds its
	// routing rule allows (directory.Rule.IssuerKinds); with neither, any body. An
	// administrative area (a province, a village…) never issues, whatever the lists say.
	// The secretariat checks it on every path, routed or not.
	IssuerKinds []directory.Kind `json:"issuer_kinds,omitempty"`
	// DraftingUnit is the default đơn vị soạn thảo: in the symbol of a công văn ("UBND-NC")
	// and in the archive line ("Lưu: VT, NC (3)"). A field with target "drafting_unit"
	// overrides it.
	DraftingUnit string  `json:"drafting_unit,omitempty"`
	Fields       []Field `json:"fields"`
	// MaxRecipients is the most Kính gửi lines, and the most Nơi nhận items, a document of
	// the form may have, however they were given (routed, edited, written whole); omitted,
	// DefaultMaxRecipients. MaxRecipientLength bounds each line, and the archive line;
	// omitted, DefaultMaxRecipientLength.
	MaxRecipients      int `json:"max_recipients,omitempty"`
	MaxRecipientLength int `json:"max_recipient_length,omitempty"`
	// BodyTemplate is a text/template executed with the field values (see templateData);
	// each non-empty line of its output becomes a body Block, before the blocks of fields
	// with target "body". A line starting with "# " is a heading, "= " a centred line, "| "
	// a paragraph without indent; "% <field>" places the rows of a table field there as a
	// bordered table.
	BodyTemplate string `json:"body_template,omitempty"`
	// Annex describes the annex whose table rows come from the field with target "annex".
	Annex *AnnexSpec `json:"annex,omitempty"`

	index   map[string]int     // field name → position in Fields
	body    *template.Template // parsed BodyTemplate, nil when there is none
	subtext *template.Template // parsed Annex.Subtitle
}

// AnnexSpec is the fixed part of an annex: its title, the note under it and the table header.
type AnnexSpec struct {
	Title string `json:"title"`
	// Subtitle, printed bold under the title, is a text/template with the same data as the
	// body template: "{{.dia_ban}}", "Năm {{.nam}}". The "(Kèm theo Quyết định số …)" line
	// is the generator's, from the document's number, symbol and date.
	Subtitle string `json:"subtitle,omitempty"`
	// Columns default to the columns of the annex field.
	Columns   []string  `json:"columns,omitempty"`
	Widths    []float64 `json:"widths,omitempty"`
	Align     []string  `json:"align,omitempty"`
	Landscape bool      `json:"landscape,omitempty"`
}

// The recipient limits of a form that states none.
const (
	DefaultMaxRecipients      = 200
	DefaultMaxRecipientLength = 500
)

// Field is one input of a form.
type Field struct {
	// Name is the key in the submitted data: lower case, digits and "_".
	Name string `json:"name"`
	// Label is the Vietnamese name shown to users and used in messages.
	Label    string    `json:"label"`
	Type     FieldType `json:"type"`
	Required bool      `json:"required,omitempty"`
	// MaxLength is the most characters the value may have (a text, a textarea), or each item
	// of a list, or each cell of a table. Omitted, it is DefaultMaxTextarea for a textarea
	// and DefaultMaxText for the rest; Load writes the default in, so the form as the API
	// serves it states its limits.
	MaxLength int `json:"max_length,omitempty"`
	// MaxItems is the most items of a list (omitted: DefaultMaxItems) or rows of a table
	// (omitted: DefaultMaxRows).
	MaxItems int `json:"max_items,omitempty"`
	// Integer makes a number field take whole numbers only: 2.5 copies is refused, not
	// printed as "(2)". A number field filling "copies" must say it.
	Integer bool `json:"integer,omitempty"`
	// Rules are go-playground/validator tags applied to a non-empty value ("max=300",
	// "symbol", "phone"); for a list or table they apply to the slice, "dive" reaches items.
	Rules       string   `json:"rules,omitempty"`
	Help        string   `json:"help,omitempty"`
	Options     []string `json:"options,omitempty"`
	Columns     []string `json:"columns,omitempty"`
	Placeholder string   `json:"placeholder,omitempty"`
	// Default is used when the submitted value is empty, and printed on the blank form.
	Default string `json:"default,omitempty"`
	Target  Target `json:"target,omitempty"`
	// Counts bound how many rows of a table hold a value in a column: a village security
	// team has exactly one Tổ trưởng. Rules of the field, as data.
	Counts []ColumnCount `json:"counts,omitempty"`
}

// ColumnCount says that between Min and Max rows (Max 0: no upper bound) of a table have
// Value in Column (compared without regard to case or surrounding space).
type ColumnCount struct {
	Column string `json:"column"`
	Value  string `json:"value"`
	Min    int    `json:"min"`
	Max    int    `json:"max,omitempty"`
}

// Field returns the field called name.
func (d *Definition) Field(name string) (*Field, bool) {
	i, ok := d.index[name]
	if !ok {
		return nil, false
	}
	return &d.Fields[i], true
}

// FieldFor returns the first field filling target t.
func (d *Definition) FieldFor(t Target) (*Field, bool) {
	for i := range d.Fields {
		if d.Fields[i].Target == t {
			return &d.Fields[i], true
		}
	}
	return nil, false
}

// options returns the values a select or signer-prefix field accepts.
func (f *Field) options() []string {
	if f.Type == TypeSignerPrefix && len(f.Options) == 0 {
		return signerPrefixes
	}
	return f.Options
}

var (
	slugPattern      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	fieldNamePattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// check reports every problem of d, each naming the field it is about. v compiles the rules.
func (d *Definition) check(v *Validator) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	if !slugPattern.MatchString(d.ID) {
		add("id %q is not a slug (lower case letters, digits and \"-\")", d.ID)
	}
	if strings.TrimSpace(d.Title) == "" {
		add("title is empty")
	}
	if _, ok := families[d.Family]; !ok {
		add("unknown family %q (want van-ban, ban-chi-dao, kiem-tra or khen-thuong)", d.Family)
	}
	if _, ok := d.Kind.Spec(); !ok {
		add("unknown document kind %q", d.Kind)
	}
	if len(d.LegalBasis) == 0 {
		add("legal_basis is empty: cite at least the text whose layout the form follows")
	}
	if d.Routing != "" && !slugPattern.MatchString(d.Routing) {
		add("routing %q is not a rule id", d.Routing)
	}
	for _, k := range d.IssuerKinds {
		if !k.Valid() || k.IsLocality() {
			add("issuer_kinds: %q is not a kind of body that issues documents", k)
		}
	}
	if d.DraftingUnit != "" && !isSymbol(d.DraftingUnit) {
		add("drafting_unit %q is not a symbol part (upper-case letters and digits)", d.DraftingUnit)
	}
	if len(d.Fields) == 0 {
		add("no fields")
	}
	if d.MaxRecipients < 0 || d.MaxRecipientLength < 0 {
		add("max_recipients and max_recipient_length cannot be negative")
	}
	if d.MaxRecipients == 0 {
		d.MaxRecipients = DefaultMaxRecipients
	}
	if d.MaxRecipientLength == 0 {
		d.MaxRecipientLength = DefaultMaxRecipientLength
	}

	d.index = make(map[string]int, len(d.Fields))
	var annexField *Field
	for i := range d.Fields {
		f := &d.Fields[i]
		where := fmt.Sprintf("field %q", f.Name)
		if !fieldNamePattern.MatchString(f.Name) {
			add("%s: name must be lower case letters, digits and \"_\", starting with a letter", where)
		}
		if _, dup := d.index[f.Name]; dup {
			add("%s: defined twice", where)
		}
		d.index[f.Name] = i
		if strings.TrimSpace(f.Label) == "" {
			add("%s: label is empty", where)
		}
		sample, known := samples[f.Type]
		if !known {
			add("%s: unknown type %q", where, f.Type)
			continue
		}
		kinds, known := targets[f.Target]
		if !known {
			add("%s: unknown target %q", where, f.Target)
		} else if !slices.Contains(strings.Fields(kinds), string(f.Type)) {
			add("%s: a %s field cannot fill target %q (allowed: %s)", where, f.Type, f.Target, kinds)
		}
		switch f.Type {
		case TypeSelect:
			if len(f.Options) == 0 {
				add("%s: a select needs options", where)
			}
		}
		if marks := marksOf(f.Target); marks != nil {
			for _, o := range f.Options {
				if !slices.Contains(marks, o) {
					add("%s: option %q is not a mark of target %q (%s)", where, o, f.Target, strings.Join(marks, ", "))
				}
			}
		}
		switch f.Type {
		case TypeSignerPrefix:
			for _, o := range f.Options {
				if !slices.Contains(signerPrefixes, o) {
					add("%s: option %q is not a signer prefix (%s)", where, o, strings.Join(signerPrefixes, " "))
				}
			}
		case TypeTable:
			if len(f.Columns) == 0 {
				add("%s: a table needs columns", where)
			}
			sample = [][]string{slices.Repeat([]string{"A"}, len(f.Columns))}
		}
		for _, c := range f.Counts {
			if f.Type != TypeTable || !slices.Contains(f.Columns, c.Column) || c.Value == "" ||
				c.Min < 0 || (c.Max > 0 && c.Max < c.Min) {
				add("%s: count %+v needs a table column, a value and 0 <= min <= max", where, c)
			}
		}
		if f.Default != "" && len(f.options()) > 0 && !slices.Contains(f.options(), f.Default) {
			add("%s: default %q is not one of the options", where, f.Default)
		}
		if f.MaxLength < 0 || f.MaxItems < 0 {
			add("%s: max_length and max_items cannot be negative", where)
		}
		if f.MaxItems > 0 && f.Type != TypeList && f.Type != TypeTable {
			add("%s: max_items is for a list or a table", where)
		}
		if f.MaxLength == 0 && f.Type != TypeNumber {
			f.MaxLength = DefaultMaxText
			if f.Type == TypeTextarea {
				f.MaxLength = DefaultMaxTextarea
			}
		}
		if f.MaxItems == 0 {
			switch f.Type {
			case TypeList:
				f.MaxItems = DefaultMaxItems
			case TypeTable:
				f.MaxItems = DefaultMaxRows
			}
		}
		if f.Integer && f.Type != TypeNumber {
			add("%s: only a number field can be integer", where)
		}
		if f.Target == TargetCopies && !f.Integer {
			add("%s: a field filling %q counts copies and must be \"integer\": true", where, f.Target)
		}
		if f.Type == TypeNumber && f.Default != "" {
			if _, err := strconv.ParseFloat(f.Default, 64); err != nil {
				add("%s: default %q is not a number", where, f.Default)
			}
		}
		if f.Default != "" && (f.Type == TypeList || f.Type == TypeTable) {
			add("%s: a %s field cannot have a default", where, f.Type)
		}
		if f.Rules != "" {
			if err := v.compile(f.Rules, sample); err != nil {
				add("%s: rule %q does not compile: %v", where, f.Rules, err)
			}
		}
		if f.Target == TargetAnnex {
			if annexField != nil {
				add("%s: only one field can fill the annex", where)
			}
			annexField = f
		}
	}

	if d.Annex != nil {
		if strings.TrimSpace(d.Annex.Title) == "" {
			add("annex: title is empty")
		}
		if annexField == nil {
			add("annex: no field has target \"annex\"")
		} else if len(d.Annex.Columns) > 0 && len(d.Annex.Columns) != len(annexField.Columns) {
			add("annex: %d columns but field %q has %d", len(d.Annex.Columns), annexField.Name, len(annexField.Columns))
		}
		n := len(d.Annex.Columns)
		if n == 0 && annexField != nil {
			n = len(annexField.Columns)
		}
		if len(d.Annex.Widths) > 0 && len(d.Annex.Widths) != n {
			add("annex: %d widths for %d columns", len(d.Annex.Widths), n)
		}
		if len(d.Annex.Align) > 0 && len(d.Annex.Align) != n {
			add("annex: %d alignments for %d columns", len(d.Annex.Align), n)
		}
		for _, a := range d.Annex.Align {
			if a != "left" && a != "center" && a != "right" {
				add("annex: alignment %q is not left, center or right", a)
			}
		}
		if d.Annex.Subtitle != "" {
			t, err := template.New(d.ID + ".annex").Funcs(templateFuncs()).Option("missingkey=error").Parse(d.Annex.Subtitle)
			if err != nil {
				add("annex: subtitle: %v", err)
			}
			d.subtext = t
		}
	} else if annexField != nil {
		add("field %q fills the annex but the definition has no \"annex\" object", annexField.Name)
	}

	if d.BodyTemplate != "" {
		t, err := template.New(d.ID).Funcs(templateFuncs()).Option("missingkey=error").Parse(d.BodyTemplate)
		if err != nil {
			add("body_template: %v", err)
		}
		d.body = t
	}
	if len(problems) > 0 {
		return problems
	}

	// Map the blank values once: a misspelt field name in a template fails here, at boot.
	if _, err := d.document(d.blankValues(), Issuer{}, directory.Recipients{}, true); err != nil {
		add("%v", err)
	}
	return problems
}

// samples are values of each field type to run the rules against at load time.
var samples = map[FieldType]any{
	TypeText:         "A",
	TypeTextarea:     "A",
	TypeDate:         "2016-02-01",
	TypeNumber:       1.0,
	TypeSelect:       "A",
	TypeList:         []string{"A"},
	TypeTable:        [][]string{{"A"}},
	TypeSignerPrefix: "TM.",
}

// marksOf returns the values a field of target may take, nil when any value will do.
func marksOf(t Target) []string {
	switch t {
	case TargetSecrecy:
		return SecrecyMarks
	case TargetUrgency:
		return UrgencyMarks
	}
	return nil
}
