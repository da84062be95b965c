//go:build !unix

package pdfconv

import "os/exec"

// inGroup leaves cmd alone: without process groups, cancelling kills soffice only.
func inGroup(cmd *exec.Cmd) {}
