package forms

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"vanthu/directory"
	"vanthu/generator"
)

// Issuer is the issuing unit as the header prints it, resolved by the caller from the
// directory, with the number and date the register gives the document.
type Issuer struct {
	// Parent and Name are the header lines, already upper case: "UBND TỈNH THANH HOÁ",
	// "CÔNG AN TỈNH". Parent is "" when there is no cơ quan chủ quản.
	Parent, Name string
	// ShortName is the issuer part of the symbol: "UBND", "CAX", "BCĐ".
	ShortName string
	// IssuedBy names the issuer in running text, the directory's label: "UBND xã Đông Tiến".
	// The generator cites it in the "(Kèm theo …)" line of annexes.
	IssuedBy string
	// Place is the địa danh before the date: "Thanh Hoá".
	Place string
	// Number is 0 for a draft, printed blank.
	Number int
	// Date is the date of issue; a field with target "date" wins over it.
	Date generator.Date
}

// Document maps the cleaned values of a submission to the document the generator renders:
// the header from iss, the Kính gửi and Nơi nhận from r (the routing result as the user
// edited it), and every field to its target. r.KinhGui come first, then the lines of a field
// with target "recipients". The archive line is r.Archive, or "VT, <drafting unit>" when
// routing gave none, with " (<copies>)" added when a copies field is set. A document the
// generator would refuse (a decision whose authority and signature disagree) is refused
// here with the generator's apperr.Invalid error, so that it reaches the user as invalid
// input rather than as a failure to render.
func (d *Definition) Document(v Values, iss Issuer, r directory.Recipients) (generator.Document, error) {
	doc, err := d.document(v, iss, r, false)
	if err != nil {
		return doc, err
	}
	return doc, doc.Check()
}

// Blank returns the form to print and fill by hand: every field dotted (textareas and lists
// over several lines, tables with empty numbered rows), number 0 and a zero date, which the
// generator prints as blanks. The header is iss when iss.Name is set, dotted otherwise.
// Optional parts of the signature (prefix, authority, agency title) stay empty unless the
// field has a default, so the block prints no stray dots.
func (d *Definition) Blank(iss Issuer) generator.Document {
	blank := Issuer{Parent: dotsHeader, Name: dotsHeader, ShortName: dotsWord, Place: dotsPlace}
	if iss.Name != "" {
		blank = Issuer{Parent: iss.Parent, Name: iss.Name, ShortName: iss.ShortName, IssuedBy: iss.IssuedBy, Place: iss.Place}
		if blank.ShortName == "" {
			blank.ShortName = dotsWord
		}
		if blank.Place == "" {
			blank.Place = dotsPlace
		}
	}
	r := directory.Recipients{NoiNhan: []string{dotsShort, dotsShort}}
	spec, _ := d.Kind.Spec()
	if _, own := d.FieldFor(TargetRecipients); !own && (d.Kind == generator.CongVan || spec.RecipientsAfterTitle) {
		r.KinhGui = []string{dotsItem, dotsItem}
	}
	unit := d.DraftingUnit
	if unit == "" {
		unit = dotsWord
	}
	r.Archive = "VT, " + unit + " (" + dotsWord + ")"
	// The templates ran on these values at load time, so the error cannot happen here.
	doc, _ := d.document(d.blankValues(), blank, r, true)
	return doc
}

// isMark reports whether t is one of the optional marks of Decree 30, Annex I, Part II, 2–4.
func isMark(t Target) bool {
	switch t {
	case TargetSecrecy, TargetUrgency, TargetCirculation, TargetDrafter, TargetDrafterCopies:
		return true
	}
	return false
}

// blankValues gives every field its dotted stand-in, or its default.
func (d *Definition) blankValues() Values {
	v := make(Values, len(d.Fields))
	for i := range d.Fields {
		f := &d.Fields[i]
		switch {
		case f.Type == TypeDate:
			v[f.Name] = generator.Date{}
		case f.Type == TypeNumber && f.Default != "":
			n, _ := strconv.ParseFloat(f.Default, 64)
			v[f.Name] = n
		case f.Default != "":
			v[f.Name] = f.Default
		case f.Type == TypeTable && f.Target != TargetAnnex:
			// A table in the body (a report's past awards) gets empty rows to write in;
			// an annex gets its numbered rows from annex.
			rows := make([][]string, blankRows/2)
			for j := range rows {
				rows[j] = make([]string, len(f.Columns))
			}
			v[f.Name] = rows
		case f.Type == TypeTable:
			v[f.Name] = [][]string(nil)
		case f.Type == TypeNumber:
			v[f.Name] = dotsWord
		case f.Type == TypeList:
			v[f.Name] = []string{dotsItem, dotsItem}
		case f.Type == TypeTextarea:
			v[f.Name] = strings.Repeat(dotsLong+"\n", 5)
		case isMark(f.Target):
			// A blank form prints no optional mark: one is stamped or typed when it applies.
			v[f.Name] = ""
		case !f.Required && (f.Target == TargetSignerPrefix || f.Target == TargetSignerAuthority || f.Target == TargetSignerAgencyTitle):
			v[f.Name] = ""
		case f.Target == TargetSubject || f.Target == TargetProposal || f.Target == TargetAuthority || f.Target == TargetBody:
			v[f.Name] = dotsLong
		case f.Target == TargetDraftingUnit:
			v[f.Name] = dotsWord
		default:
			v[f.Name] = dotsShort
		}
	}
	return v
}

// blankRows is how many empty rows the table of a blank annex has.
const blankRows = 8

func (d *Definition) document(v Values, iss Issuer, r directory.Recipients, blank bool) (generator.Document, error) {
	doc := generator.Document{
		Kind:     d.Kind,
		Parent:   iss.Parent,
		Issuer:   iss.Name,
		IssuedBy: iss.IssuedBy,
		Number:   iss.Number,
		Place:    iss.Place,
		Date:     iss.Date,
	}
	unit := d.DraftingUnit
	copies := 0
	var (
		kinhGui     []string
		fieldBody   []generator.Block
		annexRows   [][]string
		annexField  *Field
		certificate *generator.Certificate
		attachment  *generator.Attachment
	)
	cert := func() *generator.Certificate {
		if certificate == nil {
			certificate = &generator.Certificate{}
		}
		return certificate
	}
	attach := func() *generator.Attachment {
		if attachment == nil {
			attachment = &generator.Attachment{}
		}
		return attachment
	}
	secretary := func() *generator.Signer {
		if doc.Secretary == nil {
			doc.Secretary = &generator.Signer{}
		}
		return doc.Secretary
	}

	for i := range d.Fields {
		f := &d.Fields[i]
		val := v[f.Name]
		text := func() string {
			s, _ := val.(string)
			if s == "" {
				return f.Default
			}
			return s
		}
		switch f.Target {
		case TargetSubject:
			doc.Subject = text()
		case TargetBody:
			for _, line := range lines(val) {
				fieldBody = append(fieldBody, generator.Block{Text: line})
			}
		case TargetRecipients:
			for _, line := range lines(val) {
				kinhGui = append(kinhGui, bare(line))
			}
		case TargetBases:
			for _, line := range lines(val) {
				doc.Bases = append(doc.Bases, bare(line))
			}
		case TargetProposal:
			doc.Proposal = text()
		case TargetAuthority:
			doc.Authority = text()
		case TargetArticles:
			doc.Articles = append(doc.Articles, articles(val, blank)...)
		case TargetSignerPrefix:
			doc.Signer.Prefix = text()
		case TargetSignerAuthority:
			doc.Signer.Authority = text()
		case TargetSignerTitle:
			doc.Signer.Title = text()
		case TargetSignerAgencyTitle:
			doc.Signer.AgencyTitle = text()
		case TargetSignerName:
			doc.Signer.Name = text()
		case TargetSecretaryName:
			secretary().Name = text()
		case TargetSecretaryTitle:
			secretary().Title = text()
		case TargetDate:
			if date, ok := val.(generator.Date); ok && !date.IsZero() {
				doc.Date = date
			}
		case TargetPlace:
			if s := text(); s != "" && !blank {
				doc.Place = s
			}
		case TargetDraftingUnit:
			if s := text(); s != "" && !blank {
				unit = s
			}
		case TargetCopies:
			if n, ok := val.(float64); ok && n >= 1 && n <= math.MaxInt32 {
				copies = int(n)
			}
		case TargetTitle:
			doc.Title = text()
		case TargetAnnex:
			annexField = f
			annexRows, _ = val.([][]string)
		case TargetCertificateGrantor:
			cert().Grantor = text()
		case TargetCertificateRecipient:
			cert().Recipient = text()
		case TargetCertificateLines:
			cert().Lines = append(cert().Lines, lines(val)...)
		case TargetCertificateDecision:
			cert().Decision = text()
		case TargetCertificateRegister:
			cert().Register = text()
		case TargetAttachmentTitle:
			attach().Title = text()
		case TargetAttachmentSubject:
			attach().Subject = text()
		case TargetAttachmentArticles:
			attach().Articles = append(attach().Articles, articles(val, blank)...)
		case TargetSecrecy:
			doc.Secrecy = text()
		case TargetUrgency:
			doc.Urgency = text()
		case TargetCirculation:
			doc.Circulation = text()
		case TargetDrafter:
			doc.Drafter = text()
		case TargetDrafterCopies:
			if n, ok := val.(float64); ok && n >= 1 && n <= math.MaxInt32 {
				doc.Copies = int(n)
			}
		}
	}

	doc.Symbol = d.Kind.Symbol(iss.ShortName, unit)
	// The generator refuses parts a kind does not print: Kính gửi only where the kind has
	// one, Nơi nhận on every kind but the certificates and the achievement report.
	if d.Kind.TakesRecipients() {
		doc.Recipients = append(append([]string(nil), r.KinhGui...), kinhGui...)
	}
	if d.Kind.TakesCopyTo() {
		doc.CopyTo = generator.CopyTo{Items: append([]string(nil), r.NoiNhan...), Archive: archive(r.Archive, unit, copies)}
	}
	if certificate != nil {
		switch d.Kind {
		case generator.GiayKhen:
			certificate.Verb = "TẶNG"
		case generator.GiayCongNhan:
			certificate.Verb = "CÔNG NHẬN"
		}
		doc.Certificate = certificate
	}
	doc.Attachment = attachment

	data := d.templateData(v, &doc)
	if d.body != nil {
		var out strings.Builder
		if err := d.body.Execute(&out, data); err != nil {
			return generator.Document{}, fmt.Errorf("forms: %s: body template: %w", d.ID, err)
		}
		table := func(name string) (*generator.Table, error) {
			i, ok := d.index[name]
			if !ok || d.Fields[i].Type != TypeTable {
				return nil, fmt.Errorf("forms: %s: body template: %q after %q is not a table field", d.ID, name, string(tableMarker))
			}
			f := &d.Fields[i]
			rows, _ := v[name].([][]string)
			if len(rows) == 0 {
				return nil, nil
			}
			return &generator.Table{Columns: f.Columns, Rows: rows}, nil
		}
		body, err := blocks(out.String(), table)
		if err != nil {
			return generator.Document{}, err
		}
		doc.Body = body
	}
	doc.Body = append(doc.Body, fieldBody...)

	if d.Annex != nil && (len(annexRows) > 0 || blank) {
		a, err := d.annex(annexField, annexRows, data, blank)
		if err != nil {
			return generator.Document{}, err
		}
		doc.Annexes = []generator.Annex{a}
	}
	return doc, nil
}

// annex builds the annex from the definition's fixed parts and the rows of the annex field.
func (d *Definition) annex(f *Field, rows [][]string, data map[string]any, blank bool) (generator.Annex, error) {
	spec := d.Annex
	columns := spec.Columns
	if len(columns) == 0 && f != nil {
		columns = f.Columns
	}
	if blank {
		rows = make([][]string, blankRows)
		for i := range rows {
			rows[i] = make([]string, len(columns))
		}
	}
	// A "STT" column left empty is numbered, so users need not count rows themselves.
	for c, name := range columns {
		if !strings.EqualFold(name, "STT") {
			continue
		}
		numbered := make([][]string, len(rows))
		for i, row := range rows {
			row = append([]string(nil), row...)
			if c < len(row) && row[c] == "" {
				row[c] = strconv.Itoa(i + 1)
			}
			numbered[i] = row
		}
		rows = numbered
	}
	a := generator.Annex{
		Title:     spec.Title,
		Landscape: spec.Landscape,
		Table: &generator.Table{
			Columns: columns,
			Widths:  spec.Widths,
			Rows:    rows,
			Align:   spec.Align,
		},
	}
	if d.subtext != nil {
		var out strings.Builder
		if err := d.subtext.Execute(&out, data); err != nil {
			return generator.Annex{}, fmt.Errorf("forms: %s: annex subtitle: %w", d.ID, err)
		}
		a.Subtitle = strings.TrimSpace(out.String())
	}
	return a, nil
}

// articles maps a list or textarea (one article per line) or a table (first column the
// title, the other cells the paragraphs) to articles. A blank form has three articles of two
// dotted lines, the least a decision has (the matter, the details, who executes it).
func articles(val any, blank bool) []generator.Article {
	if blank {
		out := make([]generator.Article, 3)
		for i := range out {
			out[i].Body = []generator.Block{{Text: dotsItem}, {Text: dotsLong}}
		}
		return out
	}
	var out []generator.Article
	if rows, ok := val.([][]string); ok {
		for _, row := range rows {
			var a generator.Article
			cells := row
			if len(row) > 1 {
				a.Title, cells = row[0], row[1:]
			}
			for _, cell := range cells {
				for _, line := range lines(cell) {
					a.Body = append(a.Body, generator.Block{Text: line})
				}
			}
			out = append(out, a)
		}
		return out
	}
	for _, line := range lines(val) {
		out = append(out, generator.Article{Body: []generator.Block{{Text: line}}})
	}
	return out
}

// archive composes what follows "Lưu: " in the Nơi nhận block.
func archive(routed, unit string, copies int) string {
	a := routed
	if a == "" {
		a = "VT"
		if unit != "" {
			a += ", " + unit
		}
	}
	if copies > 0 && !strings.HasSuffix(a, ")") {
		a += fmt.Sprintf(" (%d)", copies)
	}
	return a
}

// bare strips what users type out of habit around a Kính gửi or căn cứ line — a leading
// "- " and the closing ";" or "." — since the generator punctuates the lines itself.
func bare(line string) string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "- ")
	line = strings.TrimPrefix(line, "+ ")
	return strings.TrimRight(line, ";.,")
}
