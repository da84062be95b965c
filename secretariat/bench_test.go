package secretariat_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"vanthu/access"
	"vanthu/internal/apptest"
	"vanthu/secretariat"
	"vanthu/storage/storagetest"
)

// benchService is the service on a fresh SQLite file with the demo directory, its clock
// fixed at apptest.Now, and the seed submission (examples/forms/cong-van.json).
func benchService(b *testing.B) (*secretariat.Service, *secretariat.Submission) {
	b.Helper()
	data := apptest.LoadData(b)
	ctx := context.Background()
	svc, err := secretariat.New(ctx, secretariat.Config{DB: storagetest.MustOpen(b, storagetest.SQLiteDSN(b)), Catalog: data.Catalog,
		Validator: data.Validator, Rules: data.Rules, Renderer: data.Renderer, Dating: data.Dating,
		Now: func() time.Time { return apptest.Now }})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := svc.LoadDemo(ctx, data.Demo); err != nil {
		b.Fatal(err)
	}
	var sub secretariat.Submission
	if err := json.Unmarshal(apptest.ReadFile(b, "examples/forms/cong-van.json"), &sub); err != nil {
		b.Fatal(err)
	}
	return svc, &sub
}

// BenchmarkPreviewSeed is POST /api/preview without HTTP: validate, route, render.
func BenchmarkPreviewSeed(b *testing.B) {
	svc, sub := benchService(b)
	ctx := access.WithActor(context.Background(), access.System("benchmark"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.Preview(ctx, sub); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCreateAndIssueSeed is POST /api/documents with "issue": true without HTTP, one
// client: validate, route, render, number, store, register, commit.
func BenchmarkCreateAndIssueSeed(b *testing.B) {
	svc, sub := benchService(b)
	ctx := access.WithActor(context.Background(), access.System("benchmark"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.CreateAndIssue(ctx, sub); err != nil {
			b.Fatal(err)
		}
	}
}
