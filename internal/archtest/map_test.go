package archtest

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestArchitectureMap compares the README's map (package → the module packages it imports)
// with `go list`, both ways: a package missing from the map, a stale line and a changed
// import all fail.
func TestArchitectureMap(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := readMap(t, readme)

	cmd := exec.Command("go", "list", "-f", `{{.ImportPath}}:{{join .Imports " "}}`, "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ":")
		pkg = strings.TrimPrefix(pkg, "vanthu/")
		if strings.Contains(pkg, "/internal/metricsgen") || pkg == "internal/archtest" {
			continue // a generator program and this test: not part of the application
		}
		var own []string
		for _, imp := range strings.Fields(imports) {
			if rest, ok := strings.CutPrefix(imp, "vanthu/"); ok {
				own = append(own, rest)
			}
		}
		slices.Sort(own)
		got[pkg] = strings.Join(own, " ")
	}
	for pkg, imports := range got {
		w, ok := want[pkg]
		switch {
		case !ok:
			t.Errorf("README's map has no line for %s (imports: %s)", pkg, orDash(imports))
		case w != imports:
			t.Errorf("%s imports %q; the README's map says %q", pkg, orDash(imports), orDash(w))
		}
	}
	for pkg := range want {
		if _, ok := got[pkg]; !ok {
			t.Errorf("README's map lists %s, which is not in the tree", pkg)
		}
	}
}

// readMap reads the first ```text block after "## Architecture": a header line, then
// "package imports…" lines, "-" for none.
func readMap(t *testing.T, readme []byte) map[string]string {
	_, after, ok := bytes.Cut(readme, []byte("\n## Architecture\n"))
	if !ok {
		t.Fatal(`README.md has no "## Architecture" section`)
	}
	_, block, ok := bytes.Cut(after, []byte("```text\n"))
	if !ok {
		t.Fatal("the Architecture section has no ```text block")
	}
	block, _, _ = bytes.Cut(block, []byte("```"))
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(block))
	sc.Scan() // header
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		imports := f[1:]
		if len(imports) == 1 && imports[0] == "-" {
			imports = nil
		}
		slices.Sort(imports)
		m[f[0]] = strings.Join(imports, " ")
	}
	return m
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
