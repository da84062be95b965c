package records_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vanthu/internal/apptest"
)

// call sends a JSON request to the app and checks the status; out, when not nil, receives
// the decoded body.
func call(t *testing.T, a *apptest.App, method, path string, body any, status int, out any) apptest.Response {
	t.Helper()
	if m, ok := body.(map[string]any); ok {
		// An issued document is dated the day it is numbered: number it on its date, and
		// the council's minutes on the day of the vote.
		day, ok := m["date"].(string)
		if m["issue"] != true {
			day, ok = m["meeting_date"].(string)
		}
		if ok {
			d, err := time.ParseInLocation(time.DateOnly, day, apptest.Now.Location())
			if err != nil {
				t.Fatalf("date %q: %v", day, err)
			}
			a.SetNow(d.Add(10 * time.Hour))
		}
	}
	var r *bytes.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(raw)
	}
	var res apptest.Response
	if r == nil {
		res = a.Do(t, method, path, nil)
	} else {
		res = a.Do(t, method, path, r, "Content-Type", "application/json")
	}
	if res.Status != status {
		t.Fatalf("%s %s: status %d, want %d\n%s", method, path, res.Status, status, apptest.Excerpt(res.Body))
	}
	if out != nil {
		res.JSON(t, out)
	}
	return res
}

// apiError is the error body.
type apiError struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields"`
}

// fieldsText joins an error's field messages, to look for words in them.
func (e apiError) fieldsText() string {
	var sb strings.Builder
	for k, v := range e.Fields {
		fmt.Fprintf(&sb, "%s: %s\n", k, v)
	}
	return sb.String()
}

// person is the body of POST /api/people.
type person struct {
	ID        int64  `json:"id,omitempty"`
	Name      string `json:"name"`
	Gender    string `json:"gender"`
	BirthYear int    `json:"birth_year"`
	UnitID    string `json:"unit_id"`
	Position  string `json:"position"`
	Address   string `json:"address"`
}

// newPerson creates a person and returns its ID.
func newPerson(t *testing.T, a *apptest.App, p person) int64 {
	t.Helper()
	var got person
	call(t, a, "POST", "/api/people", p, 201, &got)
	if got.ID == 0 {
		t.Fatal("no id")
	}
	return got.ID
}

type body struct {
	ID     int64    `json:"id,omitempty"`
	Kind   string   `json:"kind"`
	UnitID string   `json:"unit_id"`
	Name   string   `json:"name"`
	Areas  []string `json:"areas,omitempty"`
}

func newBody(t *testing.T, a *apptest.App, b body) int64 {
	t.Helper()
	var got body
	call(t, a, "POST", "/api/bodies", b, 201, &got)
	return got.ID
}

type joining struct {
	PersonID int64  `json:"person_id"`
	Role     string `json:"role"`
}

type change struct {
	Date  string    `json:"date"`
	Join  []joining `json:"join,omitempty"`
	Leave []int64   `json:"leave,omitempty"`
}

type member struct {
	Person person `json:"person"`
	Role   string `json:"role"`
	Since  string `json:"since"`
}

type composition struct {
	Members []member `json:"members"`
}

// document is the part of register.Document the tests read.
type document struct {
	ID         int64           `json:"id"`
	Form       string          `json:"form"`
	IssuerID   string          `json:"issuer_id"`
	Status     string          `json:"status"`
	Subject    string          `json:"subject"`
	Number     int             `json:"number"`
	Symbol     string          `json:"symbol"`
	Year       int             `json:"year"`
	Data       map[string]any  `json:"data"`
	Recipients json.RawMessage `json:"recipients"`
}

// docxText downloads an issued document and returns its paragraphs joined by newlines.
func docxText(t *testing.T, a *apptest.App, id int64) (string, []byte) {
	t.Helper()
	res := call(t, a, "GET", fmt.Sprintf("/api/documents/%d/docx", id), nil, 200, nil)
	// VANTHU_KEEP_DOCX=DIR keeps the documents, to open them in LibreOffice.
	if dir := os.Getenv("VANTHU_KEEP_DOCX"); dir != "" {
		name := filepath.Join(dir, fmt.Sprintf("%s-%d.docx", strings.ReplaceAll(t.Name(), "/", "_"), id))
		if err := os.WriteFile(name, res.Body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return apptest.OpenDocx(t, res.Body).Text(), res.Body
}

// tableRows returns a form table value as rows of strings.
func tableRows(t *testing.T, v any) [][]string {
	t.Helper()
	raw, _ := json.Marshal(v)
	var rows [][]string
	if err := json.Unmarshal(raw, &rows); err != nil {
		t.Fatalf("not a table: %s", raw)
	}
	return rows
}

// mustContain fails for each want missing from text.
func mustContain(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q\n%s", what, w, excerpt(text))
		}
	}
}

func mustNotContain(t *testing.T, what, text string, bad ...string) {
	t.Helper()
	for _, w := range bad {
		if strings.Contains(text, w) {
			t.Errorf("%s has %q", what, w)
		}
	}
}

func excerpt(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}
