package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"vanthu/apperr"
)

// describe turns an application error into a message for the terminal, with its fields.
func describe(err error) error {
	var e *apperr.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sb strings.Builder
	sb.WriteString(e.Message)
	for _, k := range keys {
		fmt.Fprintf(&sb, "\n  %s: %s", k, e.Fields[k])
	}
	return errors.New(sb.String())
}
