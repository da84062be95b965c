package storage_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"vanthu/apperr"
	"vanthu/register"
)

func TestDrafts(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn)

		before := time.Now().Add(-time.Second)
		d := mustCreate(t, db, "ubnd-tinh")
		if d.ID == 0 || d.Status != register.Draft || d.CreatedAt.Before(before) || !d.UpdatedAt.Equal(d.CreatedAt) {
			t.Fatalf("CreateDocument set ID %d, Status %q, CreatedAt %v, UpdatedAt %v", d.ID, d.Status, d.CreatedAt, d.UpdatedAt)
		}

		t.Run("read back", func(t *testing.T) {
			got, err := db.Document(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !sameDocument(got, *d) {
				t.Errorf("Document() =\n%+v\nwant\n%+v", got, *d)
			}
			if got.Year != 0 || got.Number != 0 || got.IssuedAt != nil || got.SHA256 != "" || got.CorrectsID != 0 {
				t.Errorf("draft has issue fields: %+v", got)
			}
		})

		t.Run("update", func(t *testing.T) {
			edit := *d
			edit.Subject = "V/v tăng cường công tác bảo đảm an ninh, trật tự"
			edit.Data = json.RawMessage(`{"noi_dung":"Sửa lại"}`)
			edit.IssuerID = "ca-tinh"
			edit.Symbol = "CAT-PV01"
			time.Sleep(2 * time.Millisecond)
			if err := db.UpdateDraft(ctx, &edit); err != nil {
				t.Fatal(err)
			}
			if !edit.UpdatedAt.After(d.UpdatedAt) || !edit.CreatedAt.Equal(d.CreatedAt) {
				t.Errorf("UpdatedAt %v CreatedAt %v after update of %v", edit.UpdatedAt, edit.CreatedAt, d.UpdatedAt)
			}
			got, err := db.Document(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !sameDocument(got, edit) || got.Subject != edit.Subject || got.IssuerID != "ca-tinh" {
				t.Errorf("Document() after update =\n%+v\nwant\n%+v", got, edit)
			}
			*d = got
		})

		t.Run("refused", func(t *testing.T) {
			tests := []struct {
				name string
				edit func(d *register.Document)
				code apperr.Code
			}{
				{"no issuer", func(d *register.Document) { d.IssuerID = "" }, apperr.Invalid},
				{"no form", func(d *register.Document) { d.FormID = "" }, apperr.Invalid},
				{"unknown issuer", func(d *register.Document) { d.IssuerID = "khong-co" }, apperr.Invalid},
				{"bad JSON", func(d *register.Document) { d.Data = json.RawMessage(`{"a":`) }, apperr.Invalid},
				{"corrects a draft", func(d *register.Document) { d.CorrectsID = d.ID }, apperr.Invalid},
				{"unknown id", func(d *register.Document) { d.ID = 1 << 40 }, apperr.NotFound},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					edit := *d
					tt.edit(&edit)
					wantCode(t, db.UpdateDraft(ctx, &edit), tt.code, "")
					if tt.code == apperr.Invalid && tt.name != "corrects a draft" {
						create := edit
						wantCode(t, db.CreateDocument(ctx, &create), tt.code, "")
					}
				})
			}
			_, err := db.Document(ctx, 1<<40)
			wantCode(t, err, apperr.NotFound, "Không tìm thấy văn bản.")
		})

		t.Run("list", func(t *testing.T) {
			// d is now a draft of ca-tinh; add two of ubnd-tinh, one issued in 2025.
			a := mustCreate(t, db, "ubnd-tinh")
			b := mustCreate(t, db, "ubnd-tinh")
			mustIssue(t, db, b.ID, time.Date(2025, 5, 6, 9, 0, 0, 0, ict))
			tests := []struct {
				name   string
				filter register.DocumentFilter
				want   []int64
			}{
				{"all, newest first", register.DocumentFilter{}, []int64{b.ID, a.ID, d.ID}},
				{"issuer", register.DocumentFilter{IssuerID: "ubnd-tinh"}, []int64{b.ID, a.ID}},
				{"drafts", register.DocumentFilter{Status: register.Draft}, []int64{a.ID, d.ID}},
				{"issued", register.DocumentFilter{Status: register.Issued}, []int64{b.ID}},
				{"year", register.DocumentFilter{Year: 2025}, []int64{b.ID}},
				{"other year", register.DocumentFilter{Year: 2024}, nil},
				{"issuer drafts", register.DocumentFilter{IssuerID: "ubnd-tinh", Status: register.Draft}, []int64{a.ID}},
				{"limit", register.DocumentFilter{Limit: 2}, []int64{b.ID, a.ID}},
				{"offset", register.DocumentFilter{Limit: 2, Offset: 2}, []int64{d.ID}},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					docs, err := db.Documents(ctx, tt.filter)
					if err != nil {
						t.Fatal(err)
					}
					var ids []int64
					for _, doc := range docs {
						ids = append(ids, doc.ID)
					}
					if len(ids) != len(tt.want) {
						t.Fatalf("Documents(%+v) = %v, want %v", tt.filter, ids, tt.want)
					}
					for i := range ids {
						if ids[i] != tt.want[i] {
							t.Fatalf("Documents(%+v) = %v, want %v", tt.filter, ids, tt.want)
						}
					}
				})
			}
		})

		t.Run("correcting dispatch", func(t *testing.T) {
			issued := mustIssue(t, db, mustCreate(t, db, "ubnd-tinh").ID, time.Now())
			c := newDraft("ubnd-tinh")
			c.CorrectsID = issued.ID
			if err := db.CreateDocument(ctx, c); err != nil {
				t.Fatal(err)
			}
			got, err := db.Document(ctx, c.ID)
			if err != nil || got.CorrectsID != issued.ID {
				t.Errorf("CorrectsID = %d, %v; want %d", got.CorrectsID, err, issued.ID)
			}
			bad := newDraft("ubnd-tinh")
			bad.CorrectsID = d.ID // a draft
			wantCode(t, db.CreateDocument(ctx, bad), apperr.Invalid, "")
		})
	})
}

// sameDocument compares documents, times by instant.
func sameDocument(a, b register.Document) bool {
	if !a.CreatedAt.Equal(b.CreatedAt) || !a.UpdatedAt.Equal(b.UpdatedAt) {
		return false
	}
	if (a.IssuedAt == nil) != (b.IssuedAt == nil) || a.IssuedAt != nil && !a.IssuedAt.Equal(*b.IssuedAt) {
		return false
	}
	return a.ID == b.ID && a.FormID == b.FormID && a.IssuerID == b.IssuerID && a.Status == b.Status &&
		string(a.Data) == string(b.Data) && string(a.Recipients) == string(b.Recipients) &&
		a.Subject == b.Subject && a.KindTitle == b.KindTitle && a.Year == b.Year && a.Number == b.Number &&
		a.Symbol == b.Symbol && a.CorrectsID == b.CorrectsID && a.SHA256 == b.SHA256
}
