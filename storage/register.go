package storage

import (
	"context"

	"github.com/jmoiron/sqlx"

	"vanthu/apperr"
	"vanthu/register"
)

// Register returns the lines of the outgoing register f selects, ordered by issuer, year
// and number: those of the ordinary register, or with f.Secret those of the secret one. Each line is as it was written when its document was issued.
func (db *DB) Register(ctx context.Context, f register.RegisterFilter) ([]register.Entry, error) {
	entries := []register.Entry{}
	err := db.q.ListRegister.SelectContext(ctx, &entries, f.Secret, f.IssuerID, f.IssuerID, f.Year, f.Year)
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
