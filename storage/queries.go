package storage

import (
	"bufio"
	"context"
	"embed"
	"fmt"
	"io/fs"
	"reflect"
	"strings"

	"github.com/jmoiron/sqlx"
)

// queryFiles holds the SQL of the application, one file per entity, in named blocks:
//
//	-- name: get-unit
//	SELECT … WHERE id = ?
//
// Placeholders are "?"; they are rebound to $1, $2, … for PostgreSQL.
//
//go:embed queries/*.sql
var queryFiles embed.FS

// queries are the prepared statements. Each field names its block in a query tag; Open
// fails if a block is missing, unused, or does not prepare against the migrated schema.
type queries struct {
	// units.sql
	DeleteUnits *sqlx.Stmt `query:"delete-units"`
	InsertUnit  *sqlx.Stmt `query:"insert-unit"`
	ListUnits   *sqlx.Stmt `query:"list-units"`
	CountUnits  *sqlx.Stmt `query:"count-units"`

	// groups.sql
	DeleteGroups       *sqlx.Stmt `query:"delete-groups"`
	DeleteGroupMembers *sqlx.Stmt `query:"delete-group-members"`
	InsertGroup        *sqlx.Stmt `query:"insert-group"`
	InsertGroupMember  *sqlx.Stmt `query:"insert-group-member"`
	ListGroupMembers   *sqlx.Stmt `query:"list-group-members"`

	// documents.sql
	InsertDocument       *sqlx.Stmt `query:"insert-document"`
	InsertIssuedDocument *sqlx.Stmt `query:"insert-issued-document"`
	UpdateDraft          *sqlx.Stmt `query:"update-draft"`
	GetDocument          *sqlx.Stmt `query:"get-document"`
	GetDocumentStatus    *sqlx.Stmt `query:"get-document-status"`
	ListDocuments        *sqlx.Stmt `query:"list-documents"`
	ClaimDraft           *sqlx.Stmt `query:"claim-draft"`
	MarkIssued           *sqlx.Stmt `query:"mark-issued"`
	InsertDocumentFile   *sqlx.Stmt `query:"insert-document-file"`
	GetDocumentFile      *sqlx.Stmt `query:"get-document-file"`

	// register.sql
	NextNumber          *sqlx.Stmt `query:"next-number"`
	InsertRegisterEntry *sqlx.Stmt `query:"insert-register-entry"`
	ListRegister        *sqlx.Stmt `query:"list-register"`
	UpdateRegisterNotes *sqlx.Stmt `query:"update-register-notes"`
	LastInSeries        *sqlx.Stmt `query:"last-in-series"`
}

// prepareQueries reads the named blocks and prepares each on x.
func prepareQueries(ctx context.Context, x *sqlx.DB) (*queries, error) {
	blocks, err := loadQueries(queryFiles)
	if err != nil {
		return nil, err
	}
	q := &queries{}
	v := reflect.ValueOf(q).Elem()
	t := v.Type()
	used := map[string]bool{}
	for i := range t.NumField() {
		name := t.Field(i).Tag.Get("query")
		text, ok := blocks[name]
		if !ok {
			q.close()
			return nil, fmt.Errorf("storage: query %q not found in queries/*.sql", name)
		}
		used[name] = true
		stmt, err := x.PreparexContext(ctx, x.Rebind(text))
		if err != nil {
			q.close()
			return nil, fmt.Errorf("storage: prepare query %q: %w", name, err)
		}
		v.Field(i).Set(reflect.ValueOf(stmt))
	}
	for name := range blocks {
		if !used[name] {
			q.close()
			return nil, fmt.Errorf("storage: query %q in queries/*.sql is not used", name)
		}
	}
	return q, nil
}

// close closes the statements prepared so far.
func (q *queries) close() {
	v := reflect.ValueOf(q).Elem()
	for i := range v.NumField() {
		if stmt, ok := v.Field(i).Interface().(*sqlx.Stmt); ok && stmt != nil {
			stmt.Close()
		}
	}
}

// loadQueries returns the named blocks of every .sql file in the queries folder of fsys.
// Comment lines before the first name and blank lines are ignored; text before the first
// name, an empty block or a name used twice is an error.
func loadQueries(fsys fs.FS) (map[string]string, error) {
	files, err := fs.Glob(fsys, "queries/*.sql")
	if err != nil {
		return nil, err
	}
	blocks := map[string]string{}
	where := map[string]string{}
	for _, file := range files {
		body, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		var name string
		var text strings.Builder
		flush := func() error {
			if name == "" {
				return nil
			}
			sql := strings.TrimSpace(text.String())
			if sql == "" {
				return fmt.Errorf("storage: %s: query %q is empty", file, name)
			}
			if other, dup := where[name]; dup {
				return fmt.Errorf("storage: query %q is in both %s and %s", name, other, file)
			}
			blocks[name], where[name] = sql, file
			text.Reset()
			return nil
		}
		sc := bufio.NewScanner(strings.NewReader(string(body)))
		for line := 1; sc.Scan(); line++ {
			s := strings.TrimSpace(sc.Text())
			if rest, ok := strings.CutPrefix(s, "-- name:"); ok {
				if err := flush(); err != nil {
					return nil, err
				}
				name = strings.TrimSpace(rest)
				if name == "" {
					return nil, fmt.Errorf("storage: %s:%d: query without a name", file, line)
				}
				continue
			}
			if name == "" {
				if s != "" && !strings.HasPrefix(s, "--") {
					return nil, fmt.Errorf("storage: %s:%d: SQL before the first \"-- name:\"", file, line)
				}
				continue
			}
			text.WriteString(sc.Text())
			text.WriteByte('\n')
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
		if err := flush(); err != nil {
			return nil, err
		}
	}
	return blocks, nil
}
