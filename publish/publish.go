package publish

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sync/singleflight"

	"vanthu/apperr"
	"vanthu/pdfconv"
	"vanthu/register"
	"vanthu/secretariat"
	"vanthu/signing"
)

// Config is what New needs.
type Config struct {
	Docs      *secretariat.Service
	Converter *pdfconv.Pool
	// CacheDir keeps the PDFs made, one file per .docx and variant. It is created when
	// missing; "" keeps nothing (every download converts).
	CacheDir string
	// Signer, when set, signs the PDF/A of every issued document.
	Signer *signing.Signer
	Log    *slog.Logger
}

// Service makes PDFs. It is safe for concurrent use.
type Service struct {
	docs   *secretariat.Service
	conv   *pdfconv.Pool
	cache  string
	signer *signing.Signer
	log    *slog.Logger
	// flight makes concurrent requests for the same PDF wait for one conversion.
	flight singleflight.Group
}

// New returns the service, creating the cache folder.
func New(cfg Config) (*Service, error) {
	s := &Service{docs: cfg.Docs, conv: cfg.Converter, cache: cfg.CacheDir, signer: cfg.Signer, log: cfg.Log}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.cache != "" {
		if err := os.MkdirAll(s.cache, 0o755); err != nil {
			return nil, fmt.Errorf("publish: cache folder: %w", err)
		}
	}
	return s, nil
}

// Err is nil when PDFs can be made, else the user-facing reason (503).
func (s *Service) Err() error {
	if s.conv == nil || s.conv.Err() != nil {
		var cause error = pdfconv.ErrUnavailable
		if s.conv != nil {
			cause = s.conv.Err()
		}
		return apperr.Wrap(apperr.Unavailable, msgNoLibreOffice, cause)
	}
	return nil
}

// File is a PDF with the name a download gives it.
type File struct {
	Name string
	Data []byte
	// Variant is pdfconv.Archival for issued documents, pdfconv.Plain otherwise.
	Variant pdfconv.Variant
	// Cached says the PDF came from the cache.
	Cached bool
	// Signed says the PDF carries the configured digital signature.
	Signed bool
	// Document is the document the PDF is of (Documents only).
	Document register.Document
}

// Document returns the PDF of a stored document: the PDF/A of an issued document's stored
// .docx, or the plain PDF of a draft's preview.
func (s *Service) Document(ctx context.Context, id int64) (File, error) {
	// Who may read the document is decided before whether a converter is there, so a
	// refusal never depends on the server's set-up.
	d, err := s.docs.Document(ctx, id)
	if err != nil {
		return File{}, err
	}
	if err := s.Err(); err != nil {
		return File{}, err
	}
	if d.Status != register.Issued {
		docx, err := s.docs.DraftPreview(ctx, id)
		if err != nil {
			return File{}, err
		}
		return s.convert(ctx, "du-thao-"+strconv.FormatInt(id, 10)+".pdf", docx, pdfconv.Plain)
	}
	docx, sha, err := s.docs.File(ctx, id)
	if err != nil {
		return File{}, err
	}
	f, err := s.convert(ctx, FileName(d), docx, pdfconv.Archival)
	if err != nil {
		return File{}, err
	}
	return s.sign(d, sha, f)
}

// signedSuffix marks a signed PDF/A in the cache.
const signedSuffix = "-signed"

// sign signs an issued document's PDF/A when a signer is configured, once: the signed file
// is cached beside the unsigned one, so every download gives the same signed bytes, dated
// at the document's issue.
func (s *Service) sign(d register.Document, docxSHA string, f File) (File, error) {
	if s.signer == nil {
		return f, nil
	}
	k := key(docxSHA, pdfconv.Archival+signedSuffix)
	if pdf, ok := s.cached(k); ok {
		f.Data, f.Cached, f.Signed = pdf, true, true
		return f, nil
	}
	info := signing.Info{Reason: fmt.Sprintf(msgSignReason, register.NumberSymbol(d.Number, d.Symbol)), Time: s.issuedAt(d)}
	if u, ok := s.docs.Tree().Unit(d.IssuerID); ok {
		info.Location = u.Place
		info.Contact = u.Name
	}
	signed, err := s.signer.Sign(f.Data, info)
	if err != nil {
		return File{}, apperr.Wrap(apperr.Internal, apperr.DefaultMessage(apperr.Internal), err)
	}
	s.store(k, signed)
	f.Data, f.Cached, f.Signed = signed, false, true
	return f, nil
}

func (s *Service) issuedAt(d register.Document) time.Time {
	if d.IssuedAt != nil {
		return *d.IssuedAt
	}
	return time.Now()
}

// FileName is the name of an issued document's PDF: "01/UBND-NC" → "01-UBND-NC.pdf", since
// a file name cannot hold the slash.
func FileName(d register.Document) string {
	return strings.ReplaceAll(register.NumberSymbol(d.Number, d.Symbol), "/", "-") + ".pdf"
}

// Preview returns the plain PDF of a submission's preview, nothing stored but the cache.
func (s *Service) Preview(ctx context.Context, sub *secretariat.Submission) (File, error) {
	docx, err := s.docs.Preview(ctx, sub) // the actor's scope first, as in Document
	if err != nil {
		return File{}, err
	}
	if err := s.Err(); err != nil {
		return File{}, err
	}
	return s.convert(ctx, "du-thao-"+sub.Form+".pdf", docx, pdfconv.Plain)
}

// Documents returns the PDF of each issued document of ids, converting those not cached in
// one converter start. It is the batch behind the PDF jobs: progress, when not nil, is
// called with how many of ids have their PDF so far.
func (s *Service) Documents(ctx context.Context, ids []int64, progress func(done int)) ([]File, error) {
	if err := s.Err(); err != nil {
		return nil, err
	}
	files := make([]File, len(ids))
	var missing []int
	var docxs [][]byte
	keys := make([]string, len(ids))
	shas := make([]string, len(ids))
	for i, id := range ids {
		d, err := s.docs.Document(ctx, id)
		if err != nil {
			return nil, err
		}
		if d.Status != register.Issued {
			return nil, apperr.New(apperr.Conflict, fmt.Sprintf(msgNotIssued, d.ID))
		}
		docx, sha, err := s.docs.File(ctx, id)
		if err != nil {
			return nil, err
		}
		files[i] = File{Name: FileName(d), Variant: pdfconv.Archival, Document: d}
		keys[i], shas[i] = key(sha, pdfconv.Archival), sha
		if pdf, ok := s.cached(keys[i]); ok {
			files[i].Data, files[i].Cached = pdf, true
			continue
		}
		missing = append(missing, i)
		docxs = append(docxs, docx)
	}
	cached := len(ids) - len(missing)
	report := func(done int) {
		if progress != nil {
			progress(cached + done)
		}
	}
	report(0)
	if len(missing) == 0 {
		return s.signAll(files, shas)
	}
	pdfs, err := s.conv.ConvertBatchFunc(ctx, docxs, pdfconv.Archival, report)
	if err != nil {
		return nil, s.convError(err)
	}
	for j, i := range missing {
		files[i].Data = pdfs[j]
		s.store(keys[i], pdfs[j])
	}
	report(len(missing))
	return s.signAll(files, shas)
}

// signAll signs the files of Documents when a signer is configured.
func (s *Service) signAll(files []File, shas []string) ([]File, error) {
	if s.signer == nil {
		return files, nil
	}
	for i := range files {
		f, err := s.sign(files[i].Document, shas[i], files[i])
		if err != nil {
			return nil, err
		}
		files[i] = f
	}
	return files, nil
}

// key names a PDF in the cache.
func key(docxSHA string, v pdfconv.Variant) string { return docxSHA + "." + string(v) + ".pdf" }

// convert returns the PDF of docx from the cache, or converts it and keeps it.
func (s *Service) convert(ctx context.Context, name string, docx []byte, v pdfconv.Variant) (File, error) {
	sum := sha256.Sum256(docx)
	k := key(hex.EncodeToString(sum[:]), v)
	if pdf, ok := s.cached(k); ok {
		return File{Name: name, Data: pdf, Variant: v, Cached: true}, nil
	}
	pdf, err, _ := s.flight.Do(k, func() (any, error) {
		pdf, err := s.conv.Convert(ctx, docx, v)
		if err != nil {
			return nil, err
		}
		s.store(k, pdf)
		return pdf, nil
	})
	if err != nil {
		return File{}, s.convError(err)
	}
	return File{Name: name, Data: pdf.([]byte), Variant: v}, nil
}

// convError turns a converter's failure into what the user is told.
func (s *Service) convError(err error) error {
	switch {
	case errors.Is(err, pdfconv.ErrUnavailable):
		return apperr.Wrap(apperr.Unavailable, msgNoLibreOffice, err)
	case errors.Is(err, pdfconv.ErrTimeout):
		return apperr.Wrap(apperr.Unavailable, msgTimeout, err)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	}
	return apperr.Wrap(apperr.Internal, apperr.DefaultMessage(apperr.Internal), err)
}

// cached reads a PDF from the cache.
func (s *Service) cached(k string) ([]byte, bool) {
	if s.cache == "" {
		return nil, false
	}
	pdf, err := os.ReadFile(filepath.Join(s.cache, k))
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			s.log.Warn("publish: cache read failed", "file", k, "err", err)
		}
		return nil, false
	}
	return pdf, true
}

// store keeps a PDF in the cache: written to a temporary file and renamed, so a reader
// (or a crash) never sees half a file. A failure only costs a later conversion.
func (s *Service) store(k string, pdf []byte) {
	if s.cache == "" {
		return
	}
	f, err := os.CreateTemp(s.cache, ".tmp-*")
	if err == nil {
		_, err = f.Write(pdf)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(f.Name(), filepath.Join(s.cache, k))
		}
		if err != nil {
			os.Remove(f.Name())
		}
	}
	if err != nil {
		s.log.Warn("publish: cache write failed", "file", k, "err", err)
	}
}
