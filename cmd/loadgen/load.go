package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// newClient returns the one client of a run: keep-alive connections for every client, no
// proxy, no redirects, and a dialler that connects to loopback addresses only, so neither a
// DNS answer for "localhost" nor a Location header can send the load elsewhere.
func newClient(c config) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		Proxy:               nil,
		DialContext:         loopbackDialer(dialer, net.DefaultResolver),
		MaxIdleConns:        c.Clients,
		MaxIdleConnsPerHost: c.Clients,
		MaxConnsPerHost:     c.Clients,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: 5 * time.Second,
		// Plain answers: decompressing in the load generator would add to the latency.
		DisableCompression: true,
	}
	return &http.Client{
		Transport: transport,
		Timeout:   c.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// loopbackDialer resolves the address itself and dials only loopback IPs, refusing before
// any packet leaves for another address.
func loopbackDialer(d *net.Dialer, r *net.Resolver) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		var ips []net.IP
		if ip := net.ParseIP(host); ip != nil {
			ips = []net.IP{ip}
		} else if isLoopbackHost(host) {
			addrs, err := r.LookupIPAddr(ctx, host)
			if err != nil {
				return nil, err
			}
			for _, a := range addrs {
				ips = append(ips, a.IP)
			}
		}
		var lastErr error = fmt.Errorf("dial %s: %w", addr, errNotLoopback)
		for _, ip := range ips {
			if !ip.IsLoopback() {
				continue
			}
			conn, err := d.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
			if err == nil {
				return conn, nil
			}
			lastErr = err
		}
		return nil, lastErr
	}
}

// workerResult is what one client saw; merged after the run, so workers share nothing but
// the request budget.
type workerResult struct {
	latencies []time.Duration // of every request that got an answer
	statuses  map[int]int
	failures  map[string]int // requests without an answer, by reason
}

// runLoad drives c.Clients clients until c.Duration has passed, c.Requests have been sent,
// or ctx is cancelled. A request under way when the time is up is waited for (its own
// timeout bounds it) rather than cut off and counted as a failure.
func runLoad(ctx context.Context, c config, client *http.Client) (time.Duration, []workerResult) {
	var issued atomic.Int64
	start := time.Now()
	deadline := start.Add(c.Duration)
	results := make([]workerResult, c.Clients)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			r := workerResult{statuses: make(map[int]int), failures: make(map[string]int)}
			for ctx.Err() == nil && time.Now().Before(deadline) {
				n := issued.Add(1)
				if c.Requests > 0 && n > int64(c.Requests) {
					break
				}
				began := time.Now()
				if c.Rate > 0 {
					due := start.Add(time.Duration(float64(n-1) / c.Rate * float64(time.Second)))
					if !due.Before(deadline) {
						break
					}
					if wait := time.Until(due); wait > 0 {
						select {
						case <-time.After(wait):
						case <-ctx.Done():
						}
					}
					began = due // a late request is charged for its lateness
				}
				status, err := do(ctx, c, client)
				switch {
				case err == nil:
					r.latencies = append(r.latencies, time.Since(began))
					r.statuses[status]++
				case ctx.Err() != nil:
					// Interrupted by the user: neither a success nor the server's failure.
				default:
					r.failures[failureReason(err)]++
				}
			}
			results[i] = r
		})
	}
	wg.Wait()
	return time.Since(start), results
}

// do sends one request and reads the whole answer, as a real client would.
func do(ctx context.Context, c config, client *http.Client) (int, error) {
	var body io.Reader
	if c.Body != nil {
		body = bytes.NewReader(c.Body)
	}
	req, err := http.NewRequestWithContext(ctx, c.Method, c.URL.String(), body)
	if err != nil {
		return 0, err
	}
	if c.Body != nil {
		req.Header.Set("Content-Type", c.ContentType)
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return 0, fmt.Errorf("reading the answer: %w", err)
	}
	return resp.StatusCode, nil
}

// failureReason groups transport errors into a few kinds, so the summary stays short when
// thousands of requests fail the same way.
func failureReason(err error) string {
	var netErr net.Error
	switch {
	case errors.Is(err, errNotLoopback):
		return "refused: not loopback"
	case errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	case strings.Contains(err.Error(), "connection refused"):
		return "connection refused"
	case strings.Contains(err.Error(), "connection reset"):
		return "connection reset"
	case strings.Contains(err.Error(), "EOF"):
		return "connection closed"
	case strings.HasPrefix(err.Error(), "reading the answer"):
		return "answer cut short"
	default:
		return "other: " + err.Error()
	}
}
