package secretariat

import (
	"bytes"
	"context"
	"time"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/generator"
	"vanthu/register"
)

// Many documents of one kind in one .docx: the certificates of every unit a round
// recognised, printed in one go. Each submission goes the way a single one goes (validated
// against its form, routed, mapped to its generator.Document), and the documents are
// rendered one after the other by generator.RenderBatch, each on its own pages.

// PreviewBatch validates and maps every submission as Preview does, stores nothing, and
// renders them as one .docx, numbers blank and dated today unless a form's date field
// says otherwise. Nothing is rendered when any submission is refused.
func (s *Service) PreviewBatch(ctx context.Context, subs []*Submission) ([]byte, error) {
	if err := access.RequireAny(ctx, access.DocumentPreview); err != nil {
		return nil, err
	}
	docs := make([]generator.Document, len(subs))
	today := s.today()
	for i, sub := range subs {
		p, err := s.prepare(sub)
		if err != nil {
			return nil, err
		}
		if err := s.require(ctx, access.DocumentPreview, p.unit.ID); err != nil {
			return nil, err
		}
		if docs[i], err = s.document(p, 0, today); err != nil {
			return nil, err
		}
	}
	return s.renderBatch(docs)
}

// CreateAndIssueBatch issues every submission as CreateAndIssue does and returns the
// documents with one .docx holding them all, each with the number and date it was issued
// with: the same mapping as the file stored for it, from the same validated input, so
// the printed batch and the register agree.
//
// Every submission is validated, routed and checked before the first number is taken, so
// a refused one issues nothing. Each is then issued in its own transaction, one after the
// other, as a văn thư numbers a pile of certificates: should the store fail half-way, the
// ones already issued stay issued (and listed in the register) and the error is returned.
func (s *Service) CreateAndIssueBatch(ctx context.Context, subs []*Submission) ([]register.Document, []byte, error) {
	if err := access.RequireAny(ctx, access.DocumentIssue); err != nil {
		return nil, nil, err
	}
	type checked struct {
		p    *prepared
		d    register.Document
		date time.Time
	}
	now := s.now()
	all := make([]checked, len(subs))
	for i, sub := range subs {
		p, err := s.prepare(sub)
		if err != nil {
			return nil, nil, err
		}
		if err := s.require(ctx, access.DocumentIssue, p.unit.ID); err != nil {
			return nil, nil, err
		}
		if err := checkIssuable(p); err != nil {
			return nil, nil, err
		}
		c := checked{p: p, d: register.Document{FormID: p.def.ID, IssuerID: p.unit.ID}}
		if err := s.fill(&c.d, p); err != nil {
			return nil, nil, err
		}
		if c.date, err = s.dateOfIssue(p, now); err != nil {
			return nil, nil, err
		}
		all[i] = c
	}
	issued := make([]register.Document, len(all))
	docs := make([]generator.Document, len(all))
	audited := s.audited(ctx, access.ActDocumentIssue)
	for i := range all {
		c := &all[i]
		render, done, err := s.renderIssued(c.p, c.date)
		if err != nil {
			return nil, nil, err
		}
		issued[i], err = s.db.CreateAndIssue(audited, &c.d, now, c.date.Year(), render)
		done()
		if err != nil {
			return nil, nil, seriesError(c.p.def, err)
		}
		if docs[i], err = s.document(c.p, issued[i].Number, generator.DateOf(c.date)); err != nil {
			return nil, nil, err
		}
	}
	file, err := s.renderBatch(docs)
	if err != nil {
		return nil, nil, err
	}
	return issued, file, nil
}

// renderBatch renders documents as one .docx.
func (s *Service) renderBatch(docs []generator.Document) ([]byte, error) {
	if len(docs) == 0 {
		return nil, apperr.New(apperr.Invalid, msgEmptyBatch)
	}
	var buf bytes.Buffer
	buf.Grow(len(docs) * 4 << 10)
	if err := s.renderer.RenderBatch(&buf, docs); err != nil {
		return nil, apperr.Wrap(apperr.Internal, msgRenderFailed, err)
	}
	return buf.Bytes(), nil
}
