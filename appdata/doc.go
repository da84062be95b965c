// Package appdata loads the data files the application runs on — forms, routing rules, the
// demo directory and the page layout — from the embedded templates, with a folder laid over
// them when one is given. The binary (cmd/vanthu) and the tests (internal/apptest) both call
// Load, so a new kind of data file is added here, once.
//
// It reads and checks data; it holds no rules of its own and must not depend on HTTP or SQL.
package appdata
