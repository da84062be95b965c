package idempotency

import (
	"strings"
	"testing"

	"vanthu/apperr"
)

func TestCheckKey(t *testing.T) {
	for _, tt := range []struct {
		key string
		ok  bool
	}{
		{"6f1c2b9e-3d4a-4e8b-9c1d-2a3b4c5d6e7f", true},
		{"a", true},
		{strings.Repeat("k", MaxKeyLength), true},
		{"", false},
		{strings.Repeat("k", MaxKeyLength+1), false},
		{"khóa", false},
		{"a\nb", false},
	} {
		if err := CheckKey(tt.key); (err == nil) != tt.ok {
			t.Errorf("CheckKey(%q) = %v, want ok %v", tt.key, err, tt.ok)
		} else if err != nil && apperr.CodeOf(err) != apperr.BadInput {
			t.Errorf("CheckKey(%q) code = %s", tt.key, apperr.CodeOf(err))
		}
	}
}

func TestMatch(t *testing.T) {
	fp := Fingerprint("POST", "/api/documents", []byte(`{"a":1}`))
	if fp == Fingerprint("POST", "/api/documents", []byte(`{"a":2}`)) || fp == Fingerprint("POST", "/api/documents/1/issue", []byte(`{"a":1}`)) {
		t.Fatal("different requests share a fingerprint")
	}
	done := &Record{Fingerprint: fp, Status: 201, Body: []byte("{}")}
	if r, err := Match(done, fp); err != nil || r != done {
		t.Errorf("Match(same, done) = %v, %v; want the record", r, err)
	}
	if _, err := Match(done, "other"); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("Match(other body) = %v, want Invalid", err)
	}
	if _, err := Match(&Record{Fingerprint: fp}, fp); apperr.CodeOf(err) != apperr.Conflict {
		t.Errorf("Match(in progress) = %v, want Conflict", err)
	}
}
