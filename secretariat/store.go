package secretariat

import (
	"context"
	"time"

	"vanthu/directory"
	"vanthu/idempotency"
	"vanthu/register"
)

// Store is what the secretariat needs kept: the directory, the documents and the outgoing
// register. storage.DB implements it on SQLite or PostgreSQL; the command wires it in.
// Taking it as an interface keeps the HTTP layer, which imports this package, free of the
// storage package and its database drivers.
type Store interface {
	Units(ctx context.Context) ([]directory.Unit, error)
	Groups(ctx context.Context) ([]directory.Group, error)
	UnitCount(ctx context.Context) (int, error)
	// ReplaceDirectoryAt replaces units and groups if the directory is still at version
	// basedOn (0: any), raising and returning the version; a Conflict otherwise.
	ReplaceDirectoryAt(ctx context.Context, units []directory.Unit, groups []directory.Group, basedOn int64) (int64, error)
	// UpdateUnitAt changes one unit's names and printing if the directory is still at
	// version basedOn (0: any), raising and returning the version; a Conflict otherwise.
	UpdateUnitAt(ctx context.Context, u directory.Unit, basedOn int64) (int64, error)
	DirectoryVersion(ctx context.Context) (int64, error)

	CreateDocument(ctx context.Context, d *register.Document) error
	UpdateDraft(ctx context.Context, d *register.Document) error
	Document(ctx context.Context, id int64) (register.Document, error)
	Corrections(ctx context.Context, id int64) ([]register.Document, error)
	Documents(ctx context.Context, f register.DocumentFilter) ([]register.Document, error)
	DocumentFile(ctx context.Context, id int64) (docx []byte, sha string, err error)
	IssueInYear(ctx context.Context, id int64, now time.Time, year int, render register.RenderFunc) (register.Document, error)
	CreateAndIssue(ctx context.Context, d *register.Document, now time.Time, year int, render register.RenderFunc) (register.Document, error)
	Register(ctx context.Context, f register.RegisterFilter) ([]register.Entry, error)
	// SearchRegister returns one page of the register and whether more lines follow it.
	SearchRegister(ctx context.Context, s register.RegisterSearch) ([]register.Entry, bool, error)

	ClaimIdempotencyKey(ctx context.Context, r idempotency.Record, expiredBefore time.Time) (*idempotency.Record, error)
	FinishIdempotencyKey(ctx context.Context, r idempotency.Record) error
	ReleaseIdempotencyKey(ctx context.Context, actor, key string) error
	DeleteExpiredIdempotencyKeys(ctx context.Context, before time.Time) (int64, error)
}
