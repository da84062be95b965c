package appdata

import (
	"encoding/json"
	"fmt"
	"io/fs"

	"vanthu/access"
	"vanthu/commendation"
	"vanthu/committee"
	"vanthu/directory"
	"vanthu/forms"
	"vanthu/generator"
	"vanthu/inspection"
	"vanthu/register"
	"vanthu/templates"
)

// Data is everything read from the data files, checked and ready to use. It is read-only
// once loaded, so several services (or tests) may share one.
type Data struct {
	Catalog   *forms.Catalog
	Validator *forms.Validator
	Rules     map[string]directory.Rule
	Demo      *directory.Tree
	Roles     *access.Roles
	Layout    generator.Layout
	Renderer  *generator.Renderer
	// Checklists are the criteria of Circular 124/2021/TT-BCA with any province overlay.
	Checklists *inspection.Catalog
	// Committees are the composition rules of committees and teams, per province.
	Committees *committee.Rulebook
	// Awards are the titles and forms of commendation.
	Awards *commendation.Catalog
	// Dating is how far from the day of issue each issuer may date a document
	// (register/dating.json; without the file, no issuer may).
	Dating register.Dating
}

// Load reads the embedded data files with dir laid over them ("" for the embedded ones
// alone). A broken file fails here, at start-up, naming the file's kind.
func Load(dir string) (*Data, error) {
	fsys := templates.Open(dir)
	sub := func(name string) fs.FS {
		s, _ := fs.Sub(fsys, name) // only fails for an invalid name
		return s
	}
	d := &Data{Layout: generator.DefaultLayout()}
	var err error
	if d.Catalog, err = forms.Load(sub("forms")); err != nil {
		return nil, fmt.Errorf("forms: %w", err)
	}
	if d.Validator, err = forms.NewValidator(); err != nil {
		return nil, fmt.Errorf("validator: %w", err)
	}
	if d.Rules, err = directory.LoadRules(sub("routing")); err != nil {
		return nil, fmt.Errorf("routing rules: %w", err)
	}
	if d.Demo, err = directory.LoadTree(sub("directory")); err != nil {
		return nil, fmt.Errorf("demo directory: %w", err)
	}
	if d.Checklists, err = inspection.Load(sub("checklists")); err != nil {
		return nil, fmt.Errorf("checklists: %w", err)
	}
	if d.Roles, err = access.LoadRoles(sub("roles")); err != nil {
		return nil, fmt.Errorf("roles: %w", err)
	}
	if d.Committees, err = committee.Load(sub("committees")); err != nil {
		return nil, fmt.Errorf("committee rules: %w", err)
	}
	if d.Awards, err = commendation.LoadAwards(sub("awards")); err != nil {
		return nil, fmt.Errorf("awards: %w", err)
	}
	for _, a := range d.Awards.List() {
		if a.Certificate != "" {
			if _, ok := d.Catalog.Get(a.Certificate); !ok {
				return nil, fmt.Errorf("awards: %s names certificate form %q, which does not exist", a.ID, a.Certificate)
			}
		}
	}
	if raw, err := fs.ReadFile(fsys, "register/dating.json"); err == nil {
		if d.Dating, err = register.ParseDating(raw); err != nil {
			return nil, fmt.Errorf("register/dating.json: %w", err)
		}
	}
	// The layout is not embedded: the decree's defaults are in generator.DefaultLayout, and
	// a data folder may change some of them with a partial layout.json.
	if raw, err := fs.ReadFile(fsys, "layout.json"); err == nil {
		if err := json.Unmarshal(raw, &d.Layout); err != nil {
			return nil, fmt.Errorf("layout.json: %w", err)
		}
	}
	if d.Renderer, err = generator.New(d.Layout); err != nil {
		return nil, fmt.Errorf("layout.json: %w", err)
	}
	return d, nil
}
