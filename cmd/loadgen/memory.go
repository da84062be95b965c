package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

// memorySample is a reading of a process's memory, in kB as /proc reports it.
type memorySample struct {
	RSS int64 // VmRSS: resident now
	HWM int64 // VmHWM: the kernel's peak resident size since the process started
}

// readMemory reads VmRSS and VmHWM from /proc/PID/status.
func readMemory(pid int) (memorySample, error) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return memorySample{}, err
	}
	var m memorySample
	var haveRSS bool
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		key, rest, ok := bytes.Cut(sc.Bytes(), []byte(":"))
		if !ok {
			continue
		}
		var dst *int64
		switch string(key) {
		case "VmRSS":
			dst, haveRSS = &m.RSS, true
		case "VmHWM":
			dst = &m.HWM
		default:
			continue
		}
		fields := bytes.Fields(rest) // "123456 kB"
		if len(fields) == 0 {
			return memorySample{}, fmt.Errorf("/proc/%d/status: %s has no value", pid, key)
		}
		if *dst, err = strconv.ParseInt(string(fields[0]), 10, 64); err != nil {
			return memorySample{}, fmt.Errorf("/proc/%d/status: %s: %w", pid, key, err)
		}
	}
	if !haveRSS {
		// Kernel threads and zombies have no memory lines.
		return memorySample{}, fmt.Errorf("/proc/%d/status has no VmRSS: not a running user process", pid)
	}
	return m, nil
}

// memorySampler polls a process's memory while the load runs and keeps the peak.
type memorySampler struct {
	pid   int
	every time.Duration

	mu    sync.Mutex
	start memorySample
	peak  memorySample // RSS: the largest sampled; HWM: the last read
	err   error        // why sampling stopped early (the process ended)
}

// startMemorySampler takes a first reading, failing if the process cannot be read, and
// samples every interval until ctx is done; wait for the returned channel before reading.
func startMemorySampler(ctx context.Context, pid int, every time.Duration) (*memorySampler, <-chan struct{}, error) {
	first, err := readMemory(pid)
	if err != nil {
		return nil, nil, fmt.Errorf("-pid %d: %w", pid, err)
	}
	s := &memorySampler{pid: pid, every: every, start: first, peak: first}
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				s.sample() // a last reading at the end of the load
				return
			case <-tick.C:
				if !s.sample() {
					return
				}
			}
		}
	}()
	return s, done, nil
}

func (s *memorySampler) sample() bool {
	m, err := readMemory(s.pid)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		if s.err == nil {
			s.err = err
		}
		return false
	}
	s.peak.RSS = max(s.peak.RSS, m.RSS)
	s.peak.HWM = max(s.peak.HWM, m.HWM)
	return true
}

func (s *memorySampler) result() (start, peak memorySample, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.start, s.peak, s.err
}
