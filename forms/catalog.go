package forms

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"vanthu/templates"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Catalog is the set of form definitions, checked and read-only once loaded; safe for
// concurrent use.
type Catalog struct {
	byID   map[string]*Definition
	sorted []*Definition
}

// Load reads every *.json at the root of fsys as one Definition and checks them all: unique
// ids matching the file names, known families, kinds, field types and targets, rules that
// compile against the validator, templates that parse and run. Every problem found is
// reported, one per line, so a broken definition stops the start-up with the whole list.
// All text is normalised to NFC, so labels and defaults compare equal to cleaned input.
func Load(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, fmt.Errorf("forms: list definitions: %w", err)
	}
	if len(names) == 0 {
		return nil, errors.New("forms: no form definition (*.json) found")
	}
	v, err := NewValidator()
	if err != nil {
		return nil, err
	}

	c := &Catalog{byID: make(map[string]*Definition, len(names))}
	var problems []error
	for _, name := range names {
		d, err := readDefinition(fsys, name)
		if err != nil {
			problems = append(problems, fmt.Errorf("forms: %s: %w", name, err))
			continue
		}
		for _, p := range d.check(v) {
			problems = append(problems, fmt.Errorf("forms: %s: %s", name, p))
		}
		if want := strings.TrimSuffix(name, path.Ext(name)); d.ID != want {
			problems = append(problems, fmt.Errorf("forms: %s: id %q differs from the file name %q", name, d.ID, want))
		}
		if _, dup := c.byID[d.ID]; dup {
			problems = append(problems, fmt.Errorf("forms: %s: id %q is already used", name, d.ID))
			continue
		}
		c.byID[d.ID] = d
		c.sorted = append(c.sorted, d)
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}

	// Titles sort in Vietnamese order (Đ after D, tones after the bare letter), which byte
	// order gets wrong.
	col := collate.New(language.Vietnamese)
	slices.SortFunc(c.sorted, func(a, b *Definition) int {
		if a.Family != b.Family {
			return families[a.Family] - families[b.Family]
		}
		if n := col.CompareString(a.Title, b.Title); n != 0 {
			return n
		}
		return strings.Compare(a.ID, b.ID)
	})
	return c, nil
}

// readDefinition decodes one file strictly: an unknown key is a typo, not an extension.
func readDefinition(fsys fs.FS, name string) (*Definition, error) {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var d Definition
	if err := templates.DecodeStrict(raw, &d); err != nil {
		return nil, fmt.Errorf("read JSON: %w", err)
	}
	return &d, nil
}

// Get returns the definition with the given id.
func (c *Catalog) Get(id string) (*Definition, bool) {
	d, ok := c.byID[id]
	return d, ok
}

// List returns every definition, by family (van-ban, ban-chi-dao, kiem-tra, khen-thuong)
// then by title in Vietnamese order. The slice is the caller's; the definitions are shared.
func (c *Catalog) List() []*Definition {
	return slices.Clone(c.sorted)
}
