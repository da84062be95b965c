package riverqueue_test

import (
	"os"
	"os/exec"
	"testing"

	"vanthu/internal/apptest"
	"vanthu/pdfconv"
)

// The child process of TestKilledServerResumes reads these.
const (
	childDSN   = "VANTHU_TEST_JOBS_CHILD_DSN"
	childCache = "VANTHU_TEST_JOBS_CHILD_CACHE"
	childDir   = "VANTHU_TEST_JOBS_CHILD_DIR"
)

// shared is the one converter of the package's tests: making a LibreOffice profile takes
// seconds, so it is made once. Nil when LibreOffice is missing.
var shared *pdfconv.Pool

func TestMain(m *testing.M) {
	// The child server process of TestKilledServerResumes makes its own.
	if _, err := exec.LookPath("soffice"); err == nil && os.Getenv(childDSN) == "" {
		// Its own temporary folder (the default), removed by Close.
		shared, _ = pdfconv.New(pdfconv.Config{})
	}
	code := m.Run()
	if shared != nil {
		shared.Close()
	}
	os.Exit(code)
}

// converter returns the shared converter, or skips the test as apptest.Converter does.
func converter(tb testing.TB) *pdfconv.Pool {
	tb.Helper()
	apptest.RequireLibreOffice(tb)
	if shared == nil {
		tb.Skip("no LibreOffice converter could be made")
	}
	return shared
}
