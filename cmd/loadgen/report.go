package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// summary is what a run prints, as text or JSON. Latencies are in milliseconds, memory in
// MB (2^20 bytes).
type summary struct {
	Method         string  `json:"method"`
	URL            string  `json:"url"`
	Clients        int     `json:"clients"`
	Rate           float64 `json:"rate,omitempty"` // requests/s asked for, 0 when unpaced
	ElapsedSeconds float64 `json:"elapsed_seconds"`
	// Requests counts every request sent to completion, answered or not.
	Requests int `json:"requests"`
	OK       int `json:"ok"`
	Errors   int `json:"errors"`
	// Statuses counts every answer by status; ErrorStatuses only those not expected.
	Statuses      map[string]int `json:"statuses"`
	ErrorStatuses map[string]int `json:"error_statuses,omitempty"`
	// Failures are requests that got no answer, by reason.
	Failures          map[string]int `json:"failures,omitempty"`
	RequestsPerSecond float64        `json:"requests_per_second"`
	Latency           latency        `json:"latency_ms"`
	Memory            *memoryReport  `json:"server_memory,omitempty"`
	Slow              *slowReport    `json:"slow_connections,omitempty"`
}

type latency struct {
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	Max  float64 `json:"max"`
	Mean float64 `json:"mean"`
}

type memoryReport struct {
	PID       int     `json:"pid"`
	StartMB   float64 `json:"rss_start_mb"`
	PeakMB    float64 `json:"rss_peak_mb"` // largest VmRSS sampled during the run
	HWMMB     float64 `json:"hwm_mb"`      // VmHWM: peak since the server started
	SampleErr string  `json:"sample_error,omitempty"`
}

func summarize(c config, elapsed time.Duration, results []workerResult) summary {
	s := summary{
		Method:   c.Method,
		URL:      c.URL.String(),
		Clients:  c.Clients,
		Rate:     c.Rate,
		Statuses: make(map[string]int),
	}
	s.ElapsedSeconds = elapsed.Seconds()
	var all []time.Duration
	for _, r := range results {
		all = append(all, r.latencies...)
		for status, n := range r.statuses {
			s.Requests += n
			s.Statuses[strconv.Itoa(status)] += n
			if c.Expect[status] {
				s.OK += n
				continue
			}
			s.Errors += n
			if s.ErrorStatuses == nil {
				s.ErrorStatuses = make(map[string]int)
			}
			s.ErrorStatuses[strconv.Itoa(status)] += n
		}
		for reason, n := range r.failures {
			s.Requests += n
			s.Errors += n
			if s.Failures == nil {
				s.Failures = make(map[string]int)
			}
			s.Failures[reason] += n
		}
	}
	if elapsed > 0 {
		s.RequestsPerSecond = float64(s.Requests) / elapsed.Seconds()
	}
	s.Latency = latencies(all)
	return s
}

// latencies computes nearest-rank percentiles.
func latencies(d []time.Duration) latency {
	if len(d) == 0 {
		return latency{}
	}
	slices.Sort(d)
	ms := func(x time.Duration) float64 { return float64(x) / float64(time.Millisecond) }
	rank := func(p float64) time.Duration {
		i := int(float64(len(d))*p+0.999999999) - 1 // ceil(p·n), 1-based
		return d[min(max(i, 0), len(d)-1)]
	}
	var total time.Duration
	for _, x := range d {
		total += x
	}
	return latency{
		P50:  ms(rank(0.50)),
		P90:  ms(rank(0.90)),
		P99:  ms(rank(0.99)),
		Max:  ms(d[len(d)-1]),
		Mean: ms(total / time.Duration(len(d))),
	}
}

func megabytes(kB int64) float64 { return float64(kB) / 1024 }

func (s summary) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

func (s summary) writeText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d clients, %.2fs", s.Method, s.URL, s.Clients, s.ElapsedSeconds)
	if s.Rate > 0 {
		fmt.Fprintf(&b, ", paced at %g requests/s", s.Rate)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "requests    %d (%d ok, %d errors)\n", s.Requests, s.OK, s.Errors)
	fmt.Fprintf(&b, "statuses    %s\n", counts(s.Statuses))
	if len(s.ErrorStatuses) > 0 {
		fmt.Fprintf(&b, "errors      %s\n", counts(s.ErrorStatuses))
	}
	if len(s.Failures) > 0 {
		fmt.Fprintf(&b, "no answer   %s\n", counts(s.Failures))
	}
	fmt.Fprintf(&b, "throughput  %.1f requests/s\n", s.RequestsPerSecond)
	l := s.Latency
	fmt.Fprintf(&b, "latency     p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (mean %.2f ms)\n", l.P50, l.P90, l.P99, l.Max, l.Mean)
	if m := s.Memory; m != nil {
		fmt.Fprintf(&b, "server RSS  peak %.1f MB (at start %.1f MB; VmHWM %.1f MB) pid %d\n", m.PeakMB, m.StartMB, m.HWMMB, m.PID)
		if m.SampleErr != "" {
			fmt.Fprintf(&b, "            sampling stopped early: %s\n", m.SampleErr)
		}
	}
	if sl := s.Slow; sl != nil {
		fmt.Fprintf(&b, "slow bodies %d connections announced %d bytes each and sent none; %d still open at the end, %d closed by the server\n",
			sl.Opened, sl.Length, sl.StillOpen, sl.Opened-sl.StillOpen)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// counts formats a count map in key order: "200: 950, 500: 50".
func counts(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	parts := make([]string, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s: %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}
