//go:build unix

package pdfconv

import (
	"os/exec"
	"syscall"
)

// inGroup starts cmd in its own process group and makes cancelling it kill the group.
func inGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
