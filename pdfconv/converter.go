package pdfconv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// converter is one slot of the pool: a profile folder and a working folder, used by one
// LibreOffice process at a time.
type converter struct {
	dir string
	// runs counts conversions started from this converter's current profile.
	runs int
}

// crashError is a LibreOffice process that ended abnormally (killed by a signal, or a
// non-zero exit).
type crashError struct {
	err    error
	output string
}

func (e *crashError) Error() string {
	return fmt.Sprintf("pdfconv: LibreOffice failed: %v: %s", e.err, strings.TrimSpace(e.output))
}

func (e *crashError) Unwrap() error { return e.err }

func (c *converter) profile() string { return filepath.Join(c.dir, "profile") }

// reset throws away the converter's profile, so the next start makes a new one.
func (c *converter) reset() {
	os.RemoveAll(c.profile())
	c.runs = 0
}

// warm converts a one-line text file when the profile is missing, to make the profile as
// a real conversion does (Writer and the PDF export loaded once).
func (c *converter) warm(ctx context.Context, soffice string, timeout time.Duration) error {
	if _, err := os.Stat(c.profile()); err == nil {
		return nil
	}
	work := filepath.Join(c.dir, "warm")
	if err := os.MkdirAll(work, 0o700); err != nil {
		return err
	}
	defer os.RemoveAll(work)
	in := filepath.Join(work, "warm.txt")
	if err := os.WriteFile(in, []byte("vanthu\n"), 0o600); err != nil {
		return err
	}
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(tctx, soffice, "-env:UserInstallation=file://"+c.profile(), "--headless",
		"--norestore", "--nologo", "--nodefault", "--convert-to", "pdf", "--outdir", work, in)
	inGroup(cmd)
	cmd.WaitDelay = 2 * time.Second
	cmd.Env = append(os.Environ(), "HOME="+c.dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		c.reset()
		return &crashError{err: err, output: string(out)}
	}
	return nil
}

// run converts docs in one LibreOffice start, killing it (and every process it started)
// when timeout passes or ctx ends.
func (c *converter) run(ctx context.Context, soffice, filter string, docs [][]byte, timeout time.Duration, progress func(int)) ([][]byte, error) {
	work := filepath.Join(c.dir, "work")
	if err := os.RemoveAll(work); err != nil {
		return nil, err
	}
	in, out := filepath.Join(work, "in"), filepath.Join(work, "out")
	for _, d := range []string{in, out} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, err
		}
	}
	defer os.RemoveAll(work)
	args := []string{"-env:UserInstallation=file://" + c.profile(), "--headless", "--norestore",
		"--nologo", "--nodefault", "--nolockcheck", "--convert-to", filter, "--outdir", out}
	for i, d := range docs {
		name := filepath.Join(in, fmt.Sprintf("%05d.docx", i))
		if err := os.WriteFile(name, d, 0o600); err != nil {
			return nil, err
		}
		args = append(args, name)
	}
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(tctx, soffice, args...)
	// LibreOffice's soffice starts oosplash, which starts soffice.bin: the whole process
	// group is killed, or a hung soffice.bin would outlive its parent.
	inGroup(cmd)
	cmd.WaitDelay = 2 * time.Second
	// HOME inside the converter's folder: LibreOffice writes caches there.
	cmd.Env = append(os.Environ(), "HOME="+c.dir)
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	c.runs++
	if err := cmd.Start(); err != nil {
		return nil, &crashError{err: err}
	}
	if progress != nil {
		stop := make(chan struct{})
		defer close(stop)
		go watch(out, progress, stop)
	}
	err := cmd.Wait()
	if tctx.Err() != nil && ctx.Err() == nil {
		return nil, fmt.Errorf("%w after %s (%d documents)", ErrTimeout, timeout, len(docs))
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		return nil, &crashError{err: err, output: output.String()}
	}
	pdfs := make([][]byte, len(docs))
	for i := range docs {
		// soffice exits 0 even when it could not read a file: a missing PDF is the sign.
		pdf, err := os.ReadFile(filepath.Join(out, fmt.Sprintf("%05d.pdf", i)))
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("pdfconv: LibreOffice made no PDF of document %d of %d: %s", i+1, len(docs), strings.TrimSpace(output.String()))
		}
		if err != nil {
			return nil, err
		}
		pdfs[i] = pdf
	}
	return pdfs, nil
}

// watch calls progress with the number of PDFs in dir every half second, when it changed,
// until stop is closed.
func watch(dir string, progress func(int), stop <-chan struct{}) {
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	last := 0
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			entries, _ := os.ReadDir(dir)
			n := 0
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), ".pdf") {
					n++
				}
			}
			if n != last {
				last = n
				progress(n)
			}
		}
	}
}
