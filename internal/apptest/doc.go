// Package apptest builds the whole vanthu application for tests, wired as cmd/vanthu wires
// it: the embedded forms, routing rules and demo directory, a real database (a temporary
// SQLite file, or a fresh PostgreSQL schema when VANTHU_TEST_POSTGRES_DSN is set), the
// secretariat service with a fixed clock, and the real HTTP router served by httptest.
// There are no mocks here, on purpose: API tests exercise the SQL, the validation and the
// generator exactly as production does.
//
// It also reads what tests assert on: the example submissions under examples/forms and the
// parts of a .docx.
//
// It is imported only by _test.go files and must not be imported by the application.
package apptest
