package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: it returns the exit status, 2 for a usage error and 1
// when the run could not start or any request failed.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	c, err := parseConfig(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "loadgen:", err)
		return 2
	}
	s, err := loadTest(ctx, c)
	if err != nil {
		fmt.Fprintln(stderr, "loadgen:", err)
		return 1
	}
	if c.JSON {
		err = s.writeJSON(stdout)
	} else {
		err = s.writeText(stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "loadgen:", err)
		return 1
	}
	if s.Errors > 0 {
		return 1
	}
	return 0
}

// loadTest runs the load and, given a process id, samples the server's memory meanwhile.
func loadTest(ctx context.Context, c config) (summary, error) {
	var sampler *memorySampler
	var sampled <-chan struct{}
	sampleCtx, stopSampling := context.WithCancel(ctx)
	defer stopSampling()
	if c.PID != 0 {
		var err error
		if sampler, sampled, err = startMemorySampler(sampleCtx, c.PID, 100*time.Millisecond); err != nil {
			return summary{}, err
		}
	}
	var slow *slowConnections
	if c.Slow > 0 {
		var err error
		if slow, err = openSlow(ctx, c); err != nil {
			return summary{}, err
		}
		defer slow.close()
	}
	client := newClient(c)
	defer client.CloseIdleConnections()
	elapsed, results := runLoad(ctx, c, client)
	s := summarize(c, elapsed, results)
	if slow != nil {
		s.Slow = slow.report()
	}
	if sampler != nil {
		stopSampling()
		<-sampled
		start, peak, err := sampler.result()
		s.Memory = &memoryReport{PID: c.PID, StartMB: megabytes(start.RSS), PeakMB: megabytes(peak.RSS), HWMMB: megabytes(peak.HWM)}
		if err != nil {
			s.Memory.SampleErr = err.Error()
		}
	}
	return s, nil
}
