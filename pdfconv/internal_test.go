package pdfconv

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// processesUsing returns the pids of the processes whose command line mentions dir.
func processesUsing(t *testing.T, dir string) []int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skip("no /proc: cannot look for leftover processes")
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && strings.Contains(string(cmdline), dir) && !strings.Contains(string(cmdline), ".test") {
			pids = append(pids, pid)
		}
	}
	return pids
}

// TestTimeoutKillsAndRetries gives a conversion less time than LibreOffice needs to start:
// it is killed, retried once, killed again, and nothing of it keeps running.
func TestTimeoutKillsAndRetries(t *testing.T) {
	RequireTools(t)
	dir := t.TempDir()
	pool, err := New(Config{Timeout: 150 * time.Millisecond, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	start := time.Now()
	_, err = pool.Convert(context.Background(), []byte("not a docx"), Plain)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("two killed attempts took %s", d)
	}
	time.Sleep(200 * time.Millisecond)
	if pids := processesUsing(t, dir); len(pids) > 0 {
		t.Errorf("LibreOffice processes left running after the timeout: %v", pids)
	}
}

// TestCrashReplaced kills LibreOffice with SIGKILL in the middle of a conversion, as a crash
// would: the converter starts again from a new profile and the caller gets its PDF.
func TestCrashReplaced(t *testing.T) {
	RequireTools(t)
	dir := t.TempDir()
	pool, err := New(Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	docx, err := os.ReadFile(filepath.Join("testdata", "crash.docx"))
	if err != nil {
		t.Fatal(err)
	}
	killed := make(chan []int, 1)
	go func() {
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			if pids := processesUsing(t, dir); len(pids) > 0 {
				time.Sleep(100 * time.Millisecond)
				for _, pid := range pids {
					syscall.Kill(pid, syscall.SIGKILL)
				}
				killed <- pids
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		killed <- nil
	}()
	pdf, err := pool.Convert(context.Background(), docx, Plain)
	if pids := <-killed; len(pids) == 0 {
		t.Fatal("never saw LibreOffice running to kill it")
	}
	if err != nil {
		t.Fatalf("after the crash: %v", err)
	}
	if !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 20)])
	}
}

// TestWarm makes the converters' profiles ahead of the first conversion.
func TestWarm(t *testing.T) {
	RequireTools(t)
	pool, err := New(Config{Workers: 2, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if err := pool.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		c := <-pool.idle
		if _, err := os.Stat(filepath.Join(c.profile(), "user")); err != nil {
			t.Errorf("%s: no profile after Warm: %v", c.dir, err)
		}
		pool.idle <- c
	}
}
