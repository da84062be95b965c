package templates

import (
	"io/fs"
	"os"
	"sort"
)

// Open returns the data files: the embedded ones, with any file of the same path under dir
// taking their place and new files under dir added. An empty dir gives the embedded files.
// This lets a deployment change a form, a routing rule or the directory without a rebuild.
func Open(dir string) fs.FS {
	if dir == "" {
		return FS
	}
	return overlay{top: os.DirFS(dir), base: FS}
}

// overlay reads from top first, then from base.
type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err == nil {
		if st, serr := f.Stat(); serr == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return o.base.Open(name)
}

// ReadDir merges both listings, top winning on equal names.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	top, terr := fs.ReadDir(o.top, name)
	base, berr := fs.ReadDir(o.base, name)
	if terr != nil && berr != nil {
		return nil, berr
	}
	seen := make(map[string]bool, len(top))
	out := make([]fs.DirEntry, 0, len(top)+len(base))
	for _, e := range top {
		seen[e.Name()] = true
		out = append(out, e)
	}
	for _, e := range base {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// ReadFile reads one file, top first.
func (o overlay) ReadFile(name string) ([]byte, error) {
	if b, err := fs.ReadFile(o.top, name); err == nil {
		return b, nil
	}
	return fs.ReadFile(o.base, name)
}
