package archtest

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHTTPLayerLinksNoDriver: the HTTP and page layers reach the database and the job
// queue through the services' interfaces, so neither links a database driver or River.
func TestHTTPLayerLinksNoDriver(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []string{"./httpapi", "./web"} {
		cmd := exec.Command("go", "list", "-deps", pkg)
		cmd.Dir = root
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, driver := range []string{"github.com/riverqueue/", "github.com/jackc/", "modernc.org/sqlite", "vanthu/storage", "vanthu/jobs/riverqueue"} {
				if strings.HasPrefix(dep, driver) {
					t.Errorf("%s links %s", pkg, dep)
				}
			}
		}
	}
}
