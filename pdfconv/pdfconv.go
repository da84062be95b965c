package pdfconv

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// Variant is the kind of PDF made.
type Variant string

const (
	// Archival is PDF/A-2b, for issued documents: fonts embedded, no transparency
	// surprises, metadata in XMP — what an archive accepts for long-term keeping.
	Archival Variant = "pdfa"
	// Plain is an ordinary PDF, for previews and drafts.
	Plain Variant = "pdf"
)

// filter is the --convert-to argument of each variant. SelectPdfVersion 2 is PDF/A-2b in
// LibreOffice's writer_pdf_Export (1 is PDF/A-1b, 3 PDF/A-3b).
func (v Variant) filter() (string, error) {
	switch v {
	case Archival:
		return `pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}`, nil
	case Plain:
		return "pdf:writer_pdf_Export", nil
	}
	return "", fmt.Errorf("pdfconv: unknown variant %q", v)
}

var (
	// ErrUnavailable is returned by every conversion when LibreOffice is not installed
	// (or the configured binary does not exist).
	ErrUnavailable = errors.New("pdfconv: LibreOffice (soffice) is not available")
	// ErrTimeout is returned when a conversion hung past the timeout twice.
	ErrTimeout = errors.New("pdfconv: conversion timed out")
	// ErrClosed is returned by conversions asked of a closed pool.
	ErrClosed = errors.New("pdfconv: pool closed")
)

// Config configures a Pool. Zero values take the defaults.
type Config struct {
	// Soffice is the LibreOffice binary, a path or a name looked up on PATH; "soffice" by
	// default.
	Soffice string
	// Workers is how many converters may run at once; 1 by default. Each LibreOffice
	// process takes one core and 150–250 MB while it converts.
	Workers int
	// Timeout is how long one document may take; a batch of n documents gets
	// Timeout × (1 + (n−1)/4). 60 s by default.
	Timeout time.Duration
	// Dir holds the converters' profiles and working folders; a fresh temporary folder,
	// removed by Close, by default.
	Dir string
	Log *slog.Logger
}

// Pool is a bounded set of converters. It is safe for concurrent use.
type Pool struct {
	soffice string
	timeout time.Duration
	dir     string
	ownDir  bool
	log     *slog.Logger
	// unavailable is why the pool cannot convert; nil when it can.
	unavailable error
	idle        chan *converter

	mu     sync.RWMutex
	closed bool
	wg     sync.WaitGroup
}

// New returns a pool. A missing soffice is not an error here: the pool is made, every
// conversion answers ErrUnavailable and Err says so, so the rest of a service runs without
// LibreOffice.
func New(cfg Config) (*Pool, error) {
	p := &Pool{timeout: cfg.Timeout, dir: cfg.Dir, log: cfg.Log}
	if p.timeout <= 0 {
		p.timeout = 60 * time.Second
	}
	if p.log == nil {
		p.log = slog.Default()
	}
	name := cfg.Soffice
	if name == "" {
		name = "soffice"
	}
	path, err := exec.LookPath(name)
	if err != nil {
		p.unavailable = fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	p.soffice = path
	if p.dir == "" {
		if p.dir, err = os.MkdirTemp("", "vanthu-pdfconv-"); err != nil {
			return nil, err
		}
		p.ownDir = true
	} else if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return nil, err
	}
	workers := max(cfg.Workers, 1)
	p.idle = make(chan *converter, workers)
	for i := range workers {
		p.idle <- &converter{dir: filepath.Join(p.dir, "c"+strconv.Itoa(i))}
	}
	return p, nil
}

// Warm makes the profile of every converter that has none, one small conversion each, so
// that the first documents do not pay for it: making a profile costs more than converting
// a document. Call it in the background at start-up.
func (p *Pool) Warm(ctx context.Context) error {
	if p.unavailable != nil {
		return p.unavailable
	}
	p.mu.RLock()
	if p.closed {
		p.mu.RUnlock()
		return ErrClosed
	}
	p.wg.Add(1)
	p.mu.RUnlock()
	defer p.wg.Done()
	n := cap(p.idle)
	for range n {
		var c *converter
		select {
		case c = <-p.idle:
		case <-ctx.Done():
			return ctx.Err()
		}
		err := c.warm(ctx, p.soffice, p.timeout)
		p.idle <- c
		if err != nil {
			return err
		}
	}
	return nil
}

// Err is nil when the pool can convert, else why not (wrapping ErrUnavailable).
func (p *Pool) Err() error { return p.unavailable }

// Close waits for running conversions and removes the pool's own temporary folder.
// Conversions asked afterwards fail with ErrClosed.
func (p *Pool) Close() error {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	p.wg.Wait()
	if p.ownDir {
		return os.RemoveAll(p.dir)
	}
	return nil
}

// Convert returns the PDF of one .docx.
func (p *Pool) Convert(ctx context.Context, docx []byte, v Variant) ([]byte, error) {
	out, err := p.ConvertBatch(ctx, [][]byte{docx}, v)
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// ConvertBatch returns the PDF of each .docx, in order, from one converter start. A
// document LibreOffice cannot read fails the whole batch; keep batches to a few dozen
// documents so that a retry stays cheap.
func (p *Pool) ConvertBatch(ctx context.Context, docs [][]byte, v Variant) ([][]byte, error) {
	return p.ConvertBatchFunc(ctx, docs, v, nil)
}

// ConvertBatchFunc is ConvertBatch calling progress, when not nil, with the number of PDFs
// LibreOffice has written so far, at most twice a second while it runs: a long batch can
// report how far it is.
func (p *Pool) ConvertBatchFunc(ctx context.Context, docs [][]byte, v Variant, progress func(done int)) ([][]byte, error) {
	if p.unavailable != nil {
		return nil, p.unavailable
	}
	filter, err := v.filter()
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, nil
	}
	p.mu.RLock()
	if p.closed {
		p.mu.RUnlock()
		return nil, ErrClosed
	}
	p.wg.Add(1)
	p.mu.RUnlock()
	defer p.wg.Done()

	var c *converter
	select {
	case c = <-p.idle:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { p.idle <- c }()

	timeout := p.timeout + time.Duration(len(docs)-1)*p.timeout/4
	for attempt := 1; ; attempt++ {
		out, err := c.run(ctx, p.soffice, filter, docs, timeout, progress)
		if err == nil {
			return out, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// A killed or crashed LibreOffice may leave its profile locked or half written:
		// the converter starts next time from a new one.
		c.reset()
		if attempt == 2 {
			return nil, err
		}
		p.log.Warn("pdfconv: conversion failed, retrying once", "converter", c.dir, "documents", len(docs), "err", err)
	}
}
