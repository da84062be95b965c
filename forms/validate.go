package forms

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-playground/locales/vi"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	vitrans "github.com/go-playground/validator/v10/translations/vi"
	"golang.org/x/text/unicode/norm"

	"vanthu/directory"
	"vanthu/generator"
)

// Validator checks submissions against definitions. Build it once with NewValidator: the
// validator caches parsed rule tags and the translator holds the messages, so a call to
// Validate does no set-up of its own. Safe for concurrent use.
type Validator struct {
	validate *validator.Validate
	trans    ut.Translator
}

// The limits a field has when its definition states none (see Field.MaxLength and
// Field.MaxItems), so that no submission makes the generator lay out a book or the register
// hold a cell of a megabyte. Lengths count characters.
const (
	DefaultMaxText     = 2000  // a one-line field, a list item, a table cell
	DefaultMaxTextarea = 50000 // a textarea: some 20 pages of Vietnamese text
	DefaultMaxItems    = 200   // the items of a list
	DefaultMaxRows     = 500   // the rows of a table
)

// Messages of this package, added to the Vietnamese translator beside validator's own so
// that every message a user sees comes from one place. {0} is the field's label.
var messages = []struct{ key, text string }{
	// validator/vi says "{0} không được bỏ trống"; the product's wording is this one.
	{"required", "{0} là trường bắt buộc"},
	{"symbol", "{0} phải là ký hiệu viết hoa, các nhóm chữ hoặc số nối bằng dấu gạch ngang (ví dụ: UBND-NC, QĐ-UBND, BCĐ)"},
	{"vndate", "{0} phải là một ngày có thật, viết dạng 2016-02-01 hoặc 01/02/2016"},
	{"phone", "{0} phải là số điện thoại Việt Nam: 10 chữ số bắt đầu bằng 0 (máy bàn 11 chữ số bắt đầu bằng 02), hoặc +84…"},
	{"vntext", "{0} chứa ký tự điều khiển không hợp lệ"},
	{"form-unknown", "Trường không có trong biểu mẫu"},
	{"form-string", "{0} phải là chuỗi ký tự"},
	{"form-number", "{0} phải là một số"},
	{"form-integer", "{0} phải là số nguyên"},
	{"form-date", "{0} phải là một ngày có thật, viết dạng 2016-02-01 hoặc 01/02/2016"},
	{"form-option", "{0} phải là một trong các giá trị: {1}"},
	{"form-list", "{0} phải là danh sách, mỗi dòng một mục"},
	{"form-table", "{0} phải là bảng, mỗi dòng là một danh sách ô"},
	{"form-columns", "{0}: dòng {1} phải có đúng {2} cột"},
	{"form-count-exact", "{0}: phải có đúng {1} người “{2}” ở cột “{3}” (đang có {4})"},
	{"form-count-range", "{0}: phải có từ {1} người “{2}” trở lên ở cột “{3}” (đang có {4})"},
	{"form-count-between", "{0}: phải có từ {1} đến {2} người “{3}” ở cột “{4}” (đang có {5})"},
	{"form-invalid", "{0} không hợp lệ"},
	{"form-too-long", "{0} dài quá {1} ký tự, xin rút gọn"},
	{"form-too-many", "{0} có quá {1} mục"},
	{"form-too-many-rows", "{0} có quá {1} dòng"},
	{"form-item-too-long", "{0}: mục {1} dài quá {2} ký tự, xin rút gọn"},
	{"form-cell-too-long", "{0}: dòng {1} có ô dài quá {2} ký tự, xin rút gọn"},
}

// customRules are the rules the definitions may use beyond validator's own.
var customRules = map[string]func(string) bool{
	"symbol": isSymbol,
	"vndate": isDate,
	"phone":  isPhone,
	"vntext": isCleanText,
}

// NewValidator builds the validator with the custom rules and the Vietnamese messages.
func NewValidator() (*Validator, error) {
	v := validator.New(validator.WithRequiredStructEnabled())
	for tag, check := range customRules {
		if err := v.RegisterValidation(tag, func(fl validator.FieldLevel) bool {
			f := fl.Field()
			return f.Kind() == reflect.String && check(f.String())
		}); err != nil {
			return nil, fmt.Errorf("forms: register rule %s: %w", tag, err)
		}
	}

	locale := vi.New()
	trans, found := ut.New(locale, locale).GetTranslator(locale.Locale())
	if !found {
		return nil, errors.New("forms: no Vietnamese translator")
	}
	if err := vitrans.RegisterDefaultTranslations(v, trans); err != nil {
		return nil, fmt.Errorf("forms: register Vietnamese messages: %w", err)
	}
	for _, m := range messages {
		if err := trans.Add(m.key, m.text, true); err != nil {
			return nil, fmt.Errorf("forms: message %s: %w", m.key, err)
		}
	}
	for _, tag := range []string{"required", "symbol", "vndate", "phone", "vntext"} {
		err := v.RegisterTranslation(tag, trans,
			func(ut.Translator) error { return nil }, // added above
			func(t ut.Translator, fe validator.FieldError) string {
				s, _ := t.T(fe.Tag(), fe.Field())
				return s
			})
		if err != nil {
			return nil, fmt.Errorf("forms: message %s: %w", tag, err)
		}
	}
	return &Validator{validate: v, trans: trans}, nil
}

// compile runs rules against a sample value so that an unknown tag or a bad parameter, which
// validator reports by panicking, fails at load time. Each comma-separated tag also runs on
// its own, since validator stops at the first tag that fails and would not reach the next.
func (v *Validator) compile(rules string, sample any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	_ = v.validate.Var(sample, rules)
	if !strings.ContainsAny(rules, "|") && !strings.Contains(rules, "dive") && !strings.Contains(rules, "keys") {
		for _, tag := range strings.Split(rules, ",") {
			_ = v.validate.Var(sample, tag)
		}
	}
	return nil
}

// Validate checks data against def. It returns the cleaned values of every field of def
// (see Values) and, when something is wrong, a field name → Vietnamese message map naming
// the field by its label; the map is nil when data is valid. A key of data that def does not
// have gets the message "Trường không có trong biểu mẫu" under that key.
func (v *Validator) Validate(def *Definition, data map[string]any) (Values, map[string]string) {
	values := make(Values, len(def.Fields))
	var problems map[string]string
	fail := func(name, msg string) {
		if problems == nil {
			problems = make(map[string]string)
		}
		problems[name] = msg
	}

	for key := range data {
		if _, ok := def.index[key]; !ok {
			fail(key, v.message("form-unknown"))
		}
	}

	for i := range def.Fields {
		f := &def.Fields[i]
		clean, msg := v.field(f, data[f.Name])
		values[f.Name] = clean
		if msg != "" {
			fail(f.Name, msg)
		}
	}
	return values, problems
}

// field cleans one value and checks it; msg is "" when it is valid.
func (v *Validator) field(f *Field, raw any) (clean any, msg string) {
	switch f.Type {
	case TypeNumber:
		n, ok, good := toNumber(raw)
		if !good {
			return nil, v.message("form-number", f.Label)
		}
		if ok && f.Integer && n != math.Trunc(n) {
			return nil, v.message("form-integer", f.Label)
		}
		if !ok {
			if f.Default != "" {
				n, _ = strconv.ParseFloat(f.Default, 64)
				return n, ""
			}
			return nil, v.missing(f)
		}
		return n, v.rules(f, n)

	case TypeList:
		items, good := toList(raw)
		if !good {
			return nil, v.message("form-list", f.Label)
		}
		if len(items) == 0 {
			return nil, v.missing(f)
		}
		if len(items) > f.MaxItems {
			return nil, v.message("form-too-many", f.Label, strconv.Itoa(f.MaxItems))
		}
		for i, s := range items {
			if !isCleanText(s) {
				return items, v.message("vntext", f.Label)
			}
			if longerThan(s, f.MaxLength) {
				return items, v.message("form-item-too-long", f.Label, strconv.Itoa(i+1), strconv.Itoa(f.MaxLength))
			}
		}
		return items, v.rules(f, items)

	case TypeTable:
		rows, good := toTable(raw)
		if !good {
			return nil, v.message("form-table", f.Label)
		}
		if len(rows) == 0 {
			return nil, v.missing(f)
		}
		if len(rows) > f.MaxItems {
			return nil, v.message("form-too-many-rows", f.Label, strconv.Itoa(f.MaxItems))
		}
		for i, row := range rows {
			if len(row) != len(f.Columns) {
				return rows, v.message("form-columns", f.Label, strconv.Itoa(i+1), strconv.Itoa(len(f.Columns)))
			}
			for _, s := range row {
				if !isCleanText(s) {
					return rows, v.message("vntext", f.Label)
				}
				if longerThan(s, f.MaxLength) {
					return rows, v.message("form-cell-too-long", f.Label, strconv.Itoa(i+1), strconv.Itoa(f.MaxLength))
				}
			}
		}
		if msg := v.counts(f, rows); msg != "" {
			return rows, msg
		}
		return rows, v.rules(f, rows)
	}

	// The remaining types are strings.
	s, printable, good := toText(raw)
	if !good {
		if d, ok := raw.(generator.Date); ok && f.Type == TypeDate { // values validated before, passed again
			s, printable, good = d.String(), true, true
		}
		if !good {
			return emptyOf(f.Type), v.message("form-string", f.Label)
		}
	}
	if !printable {
		return emptyOf(f.Type), v.message("vntext", f.Label)
	}
	if longerThan(s, f.MaxLength) {
		return emptyOf(f.Type), v.message("form-too-long", f.Label, strconv.Itoa(f.MaxLength))
	}
	if f.Type != TypeTextarea && strings.ContainsAny(s, "\n\t") {
		// One-line fields: a pasted line break would break the layout of a header or title.
		s = strings.Join(strings.Fields(s), " ")
	}
	if s != "" && !hasVisible(s) {
		s = "" // zero-width spaces, no-break spaces or lone combining marks: empty made to look full
	}
	if s == "" {
		s = f.Default
	}
	if s == "" {
		return emptyOf(f.Type), v.missing(f)
	}
	switch f.Type {
	case TypeDate:
		d, err := generator.ParseDate(s)
		if err != nil {
			return generator.Date{}, v.message("form-date", f.Label)
		}
		return d, v.rules(f, s)
	case TypeSelect, TypeSignerPrefix:
		if opts := f.options(); !slices.Contains(opts, s) {
			return s, v.message("form-option", f.Label, strings.Join(opts, ", "))
		}
	}
	return s, v.rules(f, s)
}

// missing is the message for an empty field: none when it is optional.
func (v *Validator) missing(f *Field) string {
	if !f.Required {
		return ""
	}
	return v.message("required", f.Label)
}

// rules runs the field's rules on a non-empty cleaned value.
func (v *Validator) rules(f *Field, value any) string {
	if f.Rules == "" {
		return ""
	}
	err := v.validate.Var(value, f.Rules)
	if err == nil {
		return ""
	}
	var errs validator.ValidationErrors
	if !errors.As(err, &errs) || len(errs) == 0 {
		return v.message("form-invalid", f.Label)
	}
	fe := errs[0]
	msg := fe.Translate(v.trans)
	if msg == fe.Error() { // no translation for this tag
		return v.message("form-invalid", f.Label)
	}
	// validate.Var has no field name, so validator/vi renders its "{0}" as "": every one of
	// its messages starts with "{0} ", leaving a leading space where the label belongs.
	if strings.HasPrefix(msg, " ") {
		return f.Label + msg
	}
	return f.Label + ": " + msg
}

// message renders one of the translator's messages.
func (v *Validator) message(key string, params ...string) string {
	s, err := v.trans.T(key, params...)
	if err != nil {
		return key
	}
	return s
}

// counts checks the row counts a table field declares.
func (v *Validator) counts(f *Field, rows [][]string) string {
	for _, c := range f.Counts {
		col := slices.Index(f.Columns, c.Column)
		n := 0
		for _, row := range rows {
			if col < len(row) && strings.EqualFold(strings.TrimSpace(row[col]), c.Value) {
				n++
			}
		}
		if n >= c.Min && (c.Max == 0 || n <= c.Max) {
			continue
		}
		got := strconv.Itoa(n)
		switch {
		case c.Max == c.Min:
			return v.message("form-count-exact", f.Label, strconv.Itoa(c.Min), c.Value, c.Column, got)
		case c.Max == 0:
			return v.message("form-count-range", f.Label, strconv.Itoa(c.Min), c.Value, c.Column, got)
		default:
			return v.message("form-count-between", f.Label, strconv.Itoa(c.Min), strconv.Itoa(c.Max), c.Value, c.Column, got)
		}
	}
	return ""
}

// cleanString normalises submitted text: NFC, LF line ends, no space around it, and reports
// whether it is free of control characters. NFC matters because a text typed on one keyboard
// (decomposed tone marks) must equal the same text typed on another, in search and in the
// register.
func cleanString(s string) (string, bool) {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	nfc, clean := scanText(s)
	if !nfc {
		s = norm.NFC.String(s)
		clean = isCleanText(s)
	}
	return strings.TrimSpace(s), clean
}

// scanText reads s once, a byte at a time, since it runs on every body of every request.
// nfc reports that s is NFC because every rune is one NFC leaves alone whatever surrounds
// it: ASCII, Latin-1 and Latin Extended letters (below U+0300), the precomposed Vietnamese
// letters (U+1E00–U+1EFF) and the common punctuation (U+2002–U+203F: dashes, quotes, "…").
// Typed Vietnamese text almost always is, so the full normaliser, several times slower on a
// long body, runs only for the rest. clean reports that s has no control character but line
// breaks and tabs; it is meaningful only when nfc is true.
func scanText(s string) (nfc, clean bool) {
	clean = true
	for i := 0; i < len(s); {
		switch textClass[s[i]] {
		case plainByte:
			i++
		case controlByte:
			clean = false
			i++
		case lead2:
			if i+1 >= len(s) || s[i+1]&0xC0 != 0x80 {
				return false, false
			}
			if s[i] == 0xC2 && s[i+1] <= 0x9F { // U+0080–U+009F, the C1 controls
				clean = false
			}
			i += 2
		case leadE1: // U+1E00–U+1EFF
			if i+2 >= len(s) || s[i+1] < 0xB8 || s[i+1] > 0xBB || s[i+2]&0xC0 != 0x80 {
				return false, false
			}
			i += 3
		case leadE2: // U+2002–U+203F
			if i+2 >= len(s) || s[i+1] != 0x80 || s[i+2] < 0x82 || s[i+2] > 0xBF {
				return false, false
			}
			i += 3
		default:
			return false, false
		}
	}
	return true, clean
}

// The classes of a byte for scanText.
const (
	otherByte   = iota // anything else: let the normaliser decide
	plainByte          // printable ASCII, "\n", "\t"
	controlByte        // other ASCII controls
	lead2              // first byte of U+0080–U+02FF
	leadE1             // first byte of U+1000–U+1FFF
	leadE2             // first byte of U+2000–U+2FFF
)

// textClass classifies every byte value once, so scanText does one lookup per byte.
var textClass = func() (t [256]uint8) {
	for b := range 0x80 {
		t[b] = plainByte
		if b < 0x20 && b != '\n' && b != '\t' || b == 0x7F {
			t[b] = controlByte
		}
	}
	for b := 0xC2; b <= 0xCB; b++ {
		t[b] = lead2
	}
	t[0xE1], t[0xE2] = leadE1, leadE2
	return t
}()

// toText accepts a string; clean reports that it has no control character.
func toText(raw any) (s string, clean, good bool) {
	switch x := raw.(type) {
	case nil:
		return "", true, true
	case string:
		s, clean = cleanString(x)
		return s, clean, true
	}
	return "", false, false
}

// toNumber accepts a JSON number, as encoding/json or go-json decode it (float64, or
// json.Number when the body is decoded with UseNumber), and nothing else: the string "3"
// is not a number, so a client that sends one learns it at once rather than through a
// document printed from a guess. ok is false when the value is empty (null); good is false
// when it is not a finite number (1e400 does not fit a float64).
func toNumber(raw any) (n float64, ok, good bool) {
	switch x := raw.(type) {
	case nil:
		return 0, false, true
	case float64:
		good = !math.IsInf(x, 0) && !math.IsNaN(x)
		return x, good, good
	case int:
		return float64(x), true, true
	case json.Number:
		n, err := x.Float64()
		good = err == nil && !math.IsInf(n, 0)
		return n, good, good
	}
	return 0, false, false
}

// toList accepts an array of strings, or one string with an item per line (a textarea).
// Empty items are dropped.
func toList(raw any) ([]string, bool) {
	var items []string
	add := func(s string) {
		s, _ = cleanString(s) // control characters are checked on the items
		for line := range strings.SplitSeq(s, "\n") {
			if line = strings.TrimSpace(line); hasVisible(line) {
				items = append(items, line)
			}
		}
	}
	switch x := raw.(type) {
	case nil:
	case string:
		add(x)
	case []string:
		for _, s := range x {
			add(s)
		}
	case []any:
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			add(s)
		}
	default:
		return nil, false
	}
	return items, true
}

// toTable accepts an array of rows, each an array of cells; a cell may be a JSON number
// (a year of birth). Rows whose cells are all empty are dropped.
func toTable(raw any) ([][]string, bool) {
	var rows [][]string
	addRow := func(row []string) {
		for i := range row {
			row[i], _ = cleanString(row[i]) // control characters are checked on the rows
			if !hasVisible(row[i]) {
				row[i] = ""
			}
		}
		if slices.ContainsFunc(row, func(c string) bool { return c != "" }) {
			rows = append(rows, row)
		}
	}
	switch x := raw.(type) {
	case nil:
	case [][]string:
		for _, r := range x {
			addRow(slices.Clone(r))
		}
	case []any:
		for _, r := range x {
			var row []string
			switch cells := r.(type) {
			case []string:
				row = slices.Clone(cells)
			case []any:
				row = make([]string, len(cells))
				for i, c := range cells {
					switch c := c.(type) {
					case string:
						row[i] = c
					case float64:
						row[i] = strconv.FormatFloat(c, 'f', -1, 64)
					case json.Number:
						f, err := c.Float64()
						if err != nil {
							return nil, false
						}
						row[i] = strconv.FormatFloat(f, 'f', -1, 64)
					case nil:
					default:
						return nil, false
					}
				}
			default:
				return nil, false
			}
			addRow(row)
		}
	default:
		return nil, false
	}
	return rows, true
}

func emptyOf(t FieldType) any {
	if t == TypeDate {
		return generator.Date{}
	}
	return ""
}

// isSymbol is the one symbol rule, which the directory applies to a unit's short name too.
var isSymbol = directory.IsSymbol

// longerThan reports whether s has more than max characters. A string of at most max bytes
// has at most max characters, so the count is made only for the rare long one.
func longerThan(s string, max int) bool {
	return len(s) > max && utf8.RuneCountInString(s) > max
}

// hasVisible reports whether s holds a letter or a digit. A text without one — zero-width
// spaces, no-break spaces, combining marks with nothing to sit on — prints as nothing, so it
// counts as empty: a required field filled with it is missing, an item of it is dropped. It
// stops at the first letter or digit, which in typed text is the first character.
func hasVisible(s string) bool {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= '0' && b <= '9' || b|0x20 >= 'a' && b|0x20 <= 'z' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
		i += size
	}
	return false
}

// isDate reports whether s is a date that exists, in a form generator.ParseDate reads.
func isDate(s string) bool {
	_, err := generator.ParseDate(s)
	return err == nil
}

// isPhone reports whether s is a Vietnamese phone number: a mobile (10 digits from 0), a
// landline (11 digits from 02, since the 2017 area codes), or either with +84 for the 0.
// Spaces and dots between digits are allowed.
func isPhone(s string) bool {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '.':
		default:
			return false
		}
	}
	d := b.String()
	if rest, ok := strings.CutPrefix(d, "+84"); ok {
		d = "0" + rest
	}
	if strings.HasPrefix(d, "+") || !strings.HasPrefix(d, "0") {
		return false
	}
	return len(d) == 10 && d[1] != '0' || len(d) == 11 && d[1] == '2'
}

// isCleanText reports whether s is valid UTF-8 with no control character but line breaks
// and tabs: the document is XML, where most control characters are forbidden.
func isCleanText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b < 0x20 && b != '\n' && b != '\t', b == 0x7F:
			return false
		case b == 0xC2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9F: // U+0080–U+009F
			return false
		}
	}
	return true
}
