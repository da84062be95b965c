package storage

import (
	"context"
	"math"

	"github.com/jmoiron/sqlx"

	"vanthu/apperr"
	"vanthu/register"
)

// Register returns the lines of the outgoing register f selects, ordered by issuer, year
// and number: those of the ordinary register, or with f.Secret those of the secret one.
// Each line is as it was written when its document was issued.
func (db *DB) Register(ctx context.Context, f register.RegisterFilter) ([]register.Entry, error) {
	entries := []register.Entry{}
	like := register.LikePattern(f.Text)
	err := db.sel(ctx, db.q.ListRegister, &entries, f.Secret, f.IssuerID, f.IssuerID, f.Year, f.Year, f.FormID, f.FormID,
		f.NumberFrom, f.NumberFrom, f.NumberTo, f.NumberTo, like, like)
	if err != nil {
		return nil, internal("list register", err)
	}
	for i := range entries {
		entries[i].Date = entries[i].Date.UTC()
	}
	return entries, nil
}

// UpdateRegisterNotes fills the columns of a register line the secretariat writes by hand
// after issuing: Ngày chuyển, Ký nhận, Ghi chú. The other columns stay frozen.
func (db *DB) UpdateRegisterNotes(ctx context.Context, documentID int64, sentOn, receivedBy, note string) error {
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		res, err := tx.StmtxContext(ctx, db.q.UpdateRegisterNotes).ExecContext(ctx, sentOn, receivedBy, note, documentID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return apperr.New(apperr.NotFound, msgNotInRegister)
		}
		return nil
	})
	return internal("update register notes", err)
}

// SearchRegister returns one page of the register and whether more lines follow it, each
// line with the columns the register page shows: the document, issuer, year and number,
// Số ký hiệu, date, Tên loại và trích yếu, Người ký, Nơi nhận, Số lượng bản and Độ khẩn. It
// reads one line past the page rather than counting: a count walks every matching line of
// the year on each page, a page only its own.
func (db *DB) SearchRegister(ctx context.Context, s register.RegisterSearch) ([]register.Entry, bool, error) {
	limit, offset := s.Page()
	like := register.LikePattern(s.Text)
	page := db.q.PageRegister
	args := []any{s.IssuerID, s.IssuerID, s.Year, s.Year, s.FormID, s.FormID, s.NumberFrom, s.NumberFrom,
		s.NumberTo, s.NumberTo, like, like}
	if s.IssuerID != "" && s.Year != 0 {
		// One series: the query the series index answers.
		to := s.NumberTo
		if to == 0 {
			to = math.MaxInt32
		}
		page = db.q.PageSeries
		args = []any{s.IssuerID, s.Year, s.NumberFrom, to, s.FormID, s.FormID, like, like}
	}
	entries := []register.Entry{}
	if err := db.sel(ctx, page, &entries, append(args, limit+1, offset)...); err != nil {
		return nil, false, internal("search register", err)
	}
	more := len(entries) > limit
	entries = entries[:min(len(entries), limit)]
	for i := range entries {
		entries[i].Date = entries[i].Date.UTC()
	}
	return entries, more, nil
}
