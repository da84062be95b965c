//go:build unix

package records_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) the test process has used: on this shared VM
// the wall time of a benchmark depends on the other tenants, the CPU time much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
