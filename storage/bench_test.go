package storage_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"vanthu/register"
	"vanthu/storage/storagetest"
)

// BenchmarkIssue measures issuing one document on SQLite: number, a ~20 KB .docx and its
// digest, status and register line, committed. Drafts are created before the clock starts.
func BenchmarkIssue(b *testing.B) {
	ctx := context.Background()
	db := open(b, storagetest.SQLiteDSN(b))
	file := bytes.Repeat([]byte("PK\x03\x04 word/document.xml "), 20<<10/24)
	render := func(int) ([]byte, register.Entry, error) {
		return file, register.Entry{Signer: "Nguyễn Văn A", Copies: 5}, nil
	}
	ids := make([]int64, b.N)
	for i := range ids {
		ids[i] = mustCreate(b, db, "ubnd-tinh").ID
	}
	now := time.Now()
	b.SetBytes(int64(len(file)))
	b.ResetTimer()
	for _, id := range ids {
		if _, err := db.Issue(ctx, id, now, render); err != nil {
			b.Fatal(err)
		}
	}
}
