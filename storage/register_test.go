package storage_test

import (
	"context"
	"testing"
	"time"

	"vanthu/apperr"
	"vanthu/register"
)

func TestRegister(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := open(t, dsn)
		day := time.Date(2026, 2, 1, 9, 15, 0, 0, ict)

		// Ten documents, so the register shows both "09/…" and "10/…".
		var last register.Document
		for range 10 {
			last = mustIssue(t, db, mustCreate(t, db, "ubnd-tinh").ID, day)
		}
		// A steering-committee decision whose caller fills every column itself.
		bcd := newDraft("bcd-tinh")
		bcd.FormID, bcd.KindTitle, bcd.Symbol, bcd.Subject = "quyet-dinh", "Quyết định", "QĐ-BCĐ", "về việc kiện toàn Tổ công tác"
		if err := db.CreateDocument(ctx, bcd); err != nil {
			t.Fatal(err)
		}
		_, err := db.Issue(ctx, bcd.ID, day.AddDate(0, 0, 1), func(int) ([]byte, register.Entry, error) {
			return []byte("docx"), register.Entry{
				TitleSubject: "Quyết định về việc kiện toàn Tổ công tác",
				Signer:       "Lê Văn B",
				Recipients:   "Các thành viên Ban Chỉ đạo",
				ArchiveUnit:  "VT, BCĐ (2)",
				Copies:       30,
				Note:         "Mật",
			}, nil
		})
		if err != nil {
			t.Fatal(err)
		}

		entries, err := db.Register(ctx, register.RegisterFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 11 {
			t.Fatalf("Register() has %d lines, want 11", len(entries))
		}
		// Ordered by issuer, year, number: bcd-tinh before ubnd-tinh.
		want := []register.Entry{
			{
				DocumentID: bcd.ID, IssuerID: "bcd-tinh", Year: 2026, Number: 1,
				NumberSymbol: "01/QĐ-BCĐ", Date: time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC),
				TitleSubject: "Quyết định về việc kiện toàn Tổ công tác", Signer: "Lê Văn B",
				Recipients: "Các thành viên Ban Chỉ đạo", ArchiveUnit: "VT, BCĐ (2)", Copies: 30, Note: "Mật",
			},
			{
				DocumentID: entries[9].DocumentID, IssuerID: "ubnd-tinh", Year: 2026, Number: 9,
				NumberSymbol: "09/UBND-NC", Date: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
				TitleSubject: "Công văn V/v triển khai phong trào toàn dân bảo vệ an ninh Tổ quốc",
				Signer:       "Nguyễn Văn A",
				// Kính gửi, then Nơi nhận without "Như trên" and without repeats.
				Recipients:  "Công an tỉnh; Sở Tư pháp; Chủ tịch UBND tỉnh (để b/c)",
				ArchiveUnit: "VT, NC (3)", Copies: 5,
			},
		}
		for i, got := range []register.Entry{entries[0], entries[9]} {
			if !sameEntry(got, want[i]) {
				t.Errorf("register line:\n got %+v\nwant %+v", got, want[i])
			}
		}
		if entries[10].NumberSymbol != "10/UBND-NC" || entries[10].DocumentID != last.ID {
			t.Errorf("last line = %+v, want 10/UBND-NC of document %d", entries[10], last.ID)
		}
		for _, e := range entries {
			if e.NumberSymbol == "" || e.Date.IsZero() || e.TitleSubject == "" || e.Signer == "" ||
				e.Recipients == "" || e.ArchiveUnit == "" || e.Copies == 0 {
				t.Errorf("register line with empty columns: %+v", e)
			}
		}

		t.Run("filter", func(t *testing.T) {
			tests := []struct {
				filter register.RegisterFilter
				want   int
			}{
				{register.RegisterFilter{IssuerID: "ubnd-tinh"}, 10},
				{register.RegisterFilter{IssuerID: "bcd-tinh", Year: 2026}, 1},
				{register.RegisterFilter{Year: 2025}, 0},
				{register.RegisterFilter{IssuerID: "ca-tinh"}, 0},
			}
			for _, tt := range tests {
				got, err := db.Register(ctx, tt.filter)
				if err != nil || len(got) != tt.want {
					t.Errorf("Register(%+v) = %d lines, %v; want %d", tt.filter, len(got), err, tt.want)
				}
			}
		})

		t.Run("hand-written columns", func(t *testing.T) {
			if err := db.UpdateRegisterNotes(ctx, last.ID, "02/02/2026", "Trần Thị C", "Gửi qua bưu điện"); err != nil {
				t.Fatal(err)
			}
			got, err := db.Register(ctx, register.RegisterFilter{IssuerID: "ubnd-tinh"})
			if err != nil {
				t.Fatal(err)
			}
			e := got[len(got)-1]
			if e.SentOn != "02/02/2026" || e.ReceivedBy != "Trần Thị C" || e.Note != "Gửi qua bưu điện" || e.NumberSymbol != "10/UBND-NC" {
				t.Errorf("after UpdateRegisterNotes: %+v", e)
			}
			wantCode(t, db.UpdateRegisterNotes(ctx, 1<<40, "", "", ""), apperr.NotFound, "")
		})
	})
}

// sameEntry compares register lines, dates by instant.
func sameEntry(a, b register.Entry) bool {
	date := a.Date.Equal(b.Date)
	a.Date, b.Date = time.Time{}, time.Time{}
	return date && a == b
}
