package forms

import (
	"fmt"
	"strings"
	"text/template"

	"vanthu/generator"
	"vanthu/typeset"
)

// Dotted lines of the blank forms, sized to what the generator's layout leaves for them:
// "…" is one em wide in Times New Roman, so 30 fill an indented 14 pt body line of an A4
// page with Decree 30 margins, 22 a "- " list item or a Kính gửi line, 12 a name or a value
// inside a sentence, 10 a header line, 8 the place before the date, 4 a number.
var (
	dotsLong   = strings.Repeat("…", 30)
	dotsItem   = strings.Repeat("…", 22)
	dotsShort  = strings.Repeat("…", 12)
	dotsHeader = strings.Repeat("…", 10)
	dotsPlace  = strings.Repeat("…", 8)
	dotsWord   = strings.Repeat("…", 4)
)

// templateFuncs are the functions body templates and annex subtitles may call.
func templateFuncs() template.FuncMap {
	return template.FuncMap{
		// ngay writes a date as in running text: "ngày 01 tháng 02 năm 2016".
		"ngay": func(v any) string {
			d, ok := v.(generator.Date)
			if !ok {
				return fmt.Sprint(v)
			}
			if d.IsZero() {
				return "ngày " + dotsWord + " tháng " + dotsWord + " năm " + dotsWord
			}
			return typeset.DateWords(d.Year, d.Month, d.Day)
		},
		// dmy writes a date as the seed does in running text: "01/02/2016", "19/3/2008".
		"dmy": func(v any) string {
			d, ok := v.(generator.Date)
			if !ok {
				return fmt.Sprint(v)
			}
			if d.IsZero() {
				return dotsWord + "/" + dotsWord + "/" + dotsWord
			}
			return typeset.NumericDate(d.Year, d.Month, d.Day)
		},
		// lines gives the items of a list or the lines of a textarea, for range.
		"lines": lines,
		// join joins the items of a list or the lines of a textarea.
		"join": func(v any, sep string) string { return strings.Join(lines(v), sep) },
		// bullets writes the items of a list one per line as "- item;", the last ending with
		// ".", as Decree 30 punctuates enumerations.
		"bullets": func(v any) string {
			items := lines(v)
			var b strings.Builder
			for i, item := range items {
				end := ";"
				if i == len(items)-1 {
					end = "."
				}
				b.WriteString("- " + strings.TrimRight(item, ";.,") + end + "\n")
			}
			return b.String()
		},
		// pad2 writes a count below 10 with a leading zero, as in "lập thành 03 bản".
		"pad2": func(v any) string {
			if n, ok := v.(float64); ok && n == float64(int(n)) && n >= 0 {
				return typeset.TwoDigits(int(n))
			}
			return fmt.Sprint(v)
		},
		// inc turns a range index into a number from 1.
		"inc":   func(i int) int { return i + 1 },
		"upper": strings.ToUpper,
	}
}

// templateData is what a body template or an annex subtitle sees: every field by name, plus
// the document's own parts under capitalised names, which no field name can take:
// So (the number, "05", dotted for a draft), KyHieu (the symbol), Ngay (the date),
// CoQuan (the issuer) and DiaDanh (the place).
func (d *Definition) templateData(v Values, doc *generator.Document) map[string]any {
	data := make(map[string]any, len(d.Fields)+5)
	for i := range d.Fields {
		f := &d.Fields[i]
		val := v[f.Name]
		if val == nil {
			// An empty optional field prints nothing and ranges over nothing.
			switch f.Type {
			case TypeList:
				val = []string{}
			case TypeTable:
				val = [][]string{}
			case TypeDate:
				val = generator.Date{}
			default:
				val = ""
			}
		}
		data[f.Name] = val
	}
	data["So"] = dotsWord
	if doc.Number > 0 {
		data["So"] = typeset.TwoDigits(doc.Number)
	}
	data["KyHieu"] = doc.Symbol
	data["Ngay"] = doc.Date
	data["CoQuan"] = doc.Issuer
	data["DiaDanh"] = doc.Place
	return data
}

// UsesNumber reports whether the form's templates print the document's own number (So),
// which exists only once the document is issued: such a form must be mapped again with its
// number, while the others are mapped once and numbered by the generator.
func (d *Definition) UsesNumber() bool {
	text := d.BodyTemplate
	if d.Annex != nil {
		text += d.Annex.Subtitle
	}
	return strings.Contains(text, ".So")
}

// markers are the first characters of a body template line that set its style.
var markers = map[byte]string{'#': "heading", '=': "center", '|': "plain"}

// tableMarker begins a body template line that places a table field: "% <field>".
const tableMarker = '%'

// blocks turns the output of a body template into paragraphs: one per non-empty line, with
// the markers "# " (heading), "= " (centred line) and "| " (no first-line indent). A line
// "% <field>" puts there the rows of that table field as a bordered table (a report's
// table of past awards in its section III), or nothing when it has no rows; table returns
// it, or an error when the name is not a table field of the form.
func blocks(out string, table func(name string) (*generator.Table, error)) ([]generator.Block, error) {
	var bs []generator.Block
	for line := range strings.SplitSeq(out, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		b := generator.Block{Text: line}
		if len(line) > 2 && line[1] == ' ' {
			if line[0] == tableMarker {
				t, err := table(strings.TrimSpace(line[2:]))
				if err != nil {
					return nil, err
				}
				if t != nil {
					bs = append(bs, generator.Block{Table: t})
				}
				continue
			}
			if style, ok := markers[line[0]]; ok {
				b = generator.Block{Text: strings.TrimSpace(line[2:]), Style: style}
			}
		}
		bs = append(bs, b)
	}
	return bs, nil
}
