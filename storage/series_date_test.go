package storage_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"vanthu/apperr"
	"vanthu/register"
)

// TestIssueKeepsDatesInNumberOrder: within a series a later number never carries an earlier
// date. The refusal is an Invalid error naming register.FieldIssueDate, made inside the
// issuing transaction, and it gives the number back; the same day, a later day and another
// series are not affected.
func TestIssueKeepsDatesInNumberOrder(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn)
		now := time.Date(2026, 3, 9, 10, 30, 0, 0, ict)
		dated := func(day time.Time) register.RenderFunc {
			return func(number int) ([]byte, register.Entry, error) {
				return docx(number), register.Entry{Signer: "Nguyễn Văn A", Copies: 2, Date: day}, nil
			}
		}
		issue := func(day time.Time) (register.Document, error) {
			return db.IssueInYear(ctx, mustCreate(t, db, "ubnd-tinh").ID, now, day.Year(), dated(day))
		}
		feb3, feb1 := register.DateOf(2016, 2, 3), register.DateOf(2016, 2, 1)
		if d, err := issue(feb3); err != nil || d.Number != 1 {
			t.Fatalf("first: %+v, %v", d, err)
		}
		_, err := issue(feb1)
		wantCode(t, err, apperr.Invalid, "")
		msg := apperr.As(err).Fields[register.FieldIssueDate]
		if !strings.Contains(msg, "Ngày 01/02/2016 sớm hơn ngày 03/02/2016 của văn bản số 01/UBND-NC") {
			t.Errorf("message %q", msg)
		}
		// Through CreateAndIssue too.
		_, err = db.CreateAndIssue(ctx, newDraft("ubnd-tinh"), now, 2016, dated(feb1))
		wantCode(t, err, apperr.Invalid, "")
		if d, err := issue(feb3); err != nil || d.Number != 2 {
			t.Fatalf("same day: %+v, %v (the refused issues must give their numbers back)", d, err)
		}
		if d, err := issue(register.DateOf(2016, 2, 4)); err != nil || d.Number != 3 {
			t.Fatalf("later day: %+v, %v", d, err)
		}
		if d, err := issue(register.DateOf(2015, 12, 31)); err != nil || d.Number != 1 || d.Year != 2015 {
			t.Fatalf("another year's series: %+v, %v", d, err)
		}
		entries, err := db.Register(ctx, register.RegisterFilter{IssuerID: "ubnd-tinh", Year: 2016})
		if err != nil || len(entries) != 3 {
			t.Fatalf("register: %d lines, %v", len(entries), err)
		}
	})
}
