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
	UpdateUnit  *sqlx.Stmt `query:"update-unit"`
	ListUnits   *sqlx.Stmt `query:"list-units"`
	CountUnits  *sqlx.Stmt `query:"count-units"`

	// directory_version.sql
	GetDirectoryVersion  *sqlx.Stmt `query:"get-directory-version"`
	BumpDirectoryVersion *sqlx.Stmt `query:"bump-directory-version"`

	// idempotency.sql
	InsertIdempotencyKey         *sqlx.Stmt `query:"insert-idempotency-key"`
	GetIdempotencyKey            *sqlx.Stmt `query:"get-idempotency-key"`
	DeleteExpiredIdempotencyKey  *sqlx.Stmt `query:"delete-expired-idempotency-key"`
	FinishIdempotencyKey         *sqlx.Stmt `query:"finish-idempotency-key"`
	ReleaseIdempotencyKey        *sqlx.Stmt `query:"release-idempotency-key"`
	DeleteExpiredIdempotencyKeys *sqlx.Stmt `query:"delete-expired-idempotency-keys"`

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
	ListCorrections      *sqlx.Stmt `query:"list-corrections"`
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
	PageRegister        *sqlx.Stmt `query:"page-register"`
	PageSeries          *sqlx.Stmt `query:"page-register-series"`
	UpdateRegisterNotes *sqlx.Stmt `query:"update-register-notes"`

	// inspection.sql
	InsertRound        *sqlx.Stmt `query:"insert-round"`
	UpdateRound        *sqlx.Stmt `query:"update-round"`
	DeleteRound        *sqlx.Stmt `query:"delete-round"`
	GetRound           *sqlx.Stmt `query:"get-round"`
	ListRounds         *sqlx.Stmt `query:"list-rounds"`
	PutObject          *sqlx.Stmt `query:"put-object"`
	DeleteObject       *sqlx.Stmt `query:"delete-object"`
	GetObject          *sqlx.Stmt `query:"get-object"`
	ListObjects        *sqlx.Stmt `query:"list-objects"`
	RegisterObject     *sqlx.Stmt `query:"register-object"`
	InsertAttachment   *sqlx.Stmt `query:"insert-attachment"`
	ListAttachments    *sqlx.Stmt `query:"list-attachments"`
	GetAttachment      *sqlx.Stmt `query:"get-attachment"`
	InsertAssessment   *sqlx.Stmt `query:"insert-assessment"`
	UpdateAssessment   *sqlx.Stmt `query:"update-assessment"`
	GetAssessment      *sqlx.Stmt `query:"get-assessment"`
	ListAssessments    *sqlx.Stmt `query:"list-assessments"`
	InsertCertificate  *sqlx.Stmt `query:"insert-certificate"`
	ListCertificates   *sqlx.Stmt `query:"list-certificates"`
	GetCertificateFile *sqlx.Stmt `query:"get-certificate-file"`
	// users.sql, sessions.sql, audit.sql: see accessQueries.
	accessQueries
	// committees.sql
	InsertPerson              *sqlx.Stmt `query:"insert-person"`
	UpdatePerson              *sqlx.Stmt `query:"update-person"`
	GetPerson                 *sqlx.Stmt `query:"get-person"`
	ListPeople                *sqlx.Stmt `query:"list-people"`
	InsertBody                *sqlx.Stmt `query:"insert-body"`
	GetBody                   *sqlx.Stmt `query:"get-body"`
	ListBodies                *sqlx.Stmt `query:"list-bodies"`
	ListMemberships           *sqlx.Stmt `query:"list-memberships"`
	ListServiceSpans          *sqlx.Stmt `query:"list-service-spans"`
	CloseMembership           *sqlx.Stmt `query:"close-membership"`
	InsertMembership          *sqlx.Stmt `query:"insert-membership"`
	LinkMembershipsToDecision *sqlx.Stmt `query:"link-memberships-to-decision"`
	InsertBodyDecision        *sqlx.Stmt `query:"insert-body-decision"`
	ListBodyDecisions         *sqlx.Stmt `query:"list-body-decisions"`

	// commendations.sql
	InsertProposal      *sqlx.Stmt `query:"insert-proposal"`
	GetProposal         *sqlx.Stmt `query:"get-proposal"`
	ListProposals       *sqlx.Stmt `query:"list-proposals"`
	SetMeeting          *sqlx.Stmt `query:"set-meeting"`
	SetSubmission       *sqlx.Stmt `query:"set-submission"`
	SetMinutes          *sqlx.Stmt `query:"set-minutes"`
	SetAwardDecision    *sqlx.Stmt `query:"set-award-decision"`
	SetCertificate      *sqlx.Stmt `query:"set-certificate"`
	InsertNominee       *sqlx.Stmt `query:"insert-nominee"`
	ListNominees        *sqlx.Stmt `query:"list-nominees"`
	ListNomineesToCheck *sqlx.Stmt `query:"list-nominees-to-check"`
	DeleteVote          *sqlx.Stmt `query:"delete-vote"`
	InsertVote          *sqlx.Stmt `query:"insert-vote"`
	DeleteRecognitions  *sqlx.Stmt `query:"delete-recognitions"`
	InsertRecognition   *sqlx.Stmt `query:"insert-recognition"`
	ListRecognitions    *sqlx.Stmt `query:"list-recognitions"`
	LastInSeries        *sqlx.Stmt `query:"last-in-series"`
}

// stmtType is the type of a prepared query field.
var stmtType = reflect.TypeFor[*sqlx.Stmt]()

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
	for _, f := range reflect.VisibleFields(t) {
		if f.Type != stmtType {
			continue // an embedded group of queries: its fields are visited too
		}
		name := f.Tag.Get("query")
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
		v.FieldByIndex(f.Index).Set(reflect.ValueOf(stmt))
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
	for _, f := range reflect.VisibleFields(v.Type()) {
		if f.Type != stmtType {
			continue
		}
		if stmt := v.FieldByIndex(f.Index).Interface().(*sqlx.Stmt); stmt != nil {
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
