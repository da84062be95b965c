package pdfconv

import (
	"os"
	"os/exec"
	"sync"
	"testing"
)

// shared is the one pool the package's LibreOffice tests convert with, so its profile is
// made once per test binary.
var shared struct {
	once sync.Once
	pool *Pool
	err  error
}

// SharedPool returns a one-converter pool shared by the tests, or skips the test, saying
// why, when LibreOffice or poppler is missing or -short is set.
func SharedPool(tb testing.TB) *Pool {
	tb.Helper()
	RequireTools(tb)
	shared.once.Do(func() { shared.pool, shared.err = New(Config{Workers: 1}) })
	if shared.err != nil {
		tb.Fatal(shared.err)
	}
	return shared.pool
}

// RequireTools skips the test when soffice, pdfinfo or pdftotext is missing, or with -short.
func RequireTools(tb testing.TB) {
	tb.Helper()
	for _, tool := range []string{"soffice", "pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			tb.Skipf("%s not installed: LibreOffice test skipped (install libreoffice-writer-nogui and poppler-utils)", tool)
		}
	}
	if testing.Short() {
		tb.Skip("-short: LibreOffice test skipped")
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.pool != nil {
		shared.pool.Close()
	}
	os.Exit(code)
}
