package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Bounds that keep a run from turning into an unattended soak.
const (
	maxClients  = 1024
	maxDuration = 30 * time.Minute
	maxSlow     = 2000
)

// config is the whole of what a run needs, read once from the flags and validated.
type config struct {
	URL         *url.URL // base URL and path joined, known to be loopback
	Method      string
	Body        []byte // nil without -body
	ContentType string
	Clients     int
	Duration    time.Duration
	Requests    int // 0: no cap but the duration
	// Rate, when above 0, paces the requests in all at this many per second (an open
	// loop): latency is then counted from when each request was due, so a server that
	// falls behind is charged for the wait.
	Rate    float64
	Timeout time.Duration
	Expect  map[int]bool
	PID     int // 0: no memory sampling
	JSON    bool
	// Token, when set, is sent as "Authorization: Bearer <token>" with every request.
	Token string
	// Slow connections are opened before the load and held open during it: each sends the
	// request line and headers of a body of SlowLength bytes to the same path, and then
	// nothing (a "slow body" client).
	Slow       int
	SlowLength int64
}

// parseConfig reads the flags in args, with LOADGEN_<FLAG> environment variables as
// defaults; getenv is os.Getenv outside tests.
func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		base        = fs.String("url", "http://127.0.0.1:8080", "base URL of the server; loopback addresses only")
		path        = fs.String("path", "/", "path (and query) to request, joined to -url: /api/documents, /api/preview")
		method      = fs.String("method", "POST", "HTTP method")
		bodyFile    = fs.String("body", "", "file whose content is sent verbatim as the request body (- for standard input)")
		contentType = fs.String("content-type", "application/json", "Content-Type of the request body")
		clients     = fs.Int("clients", 32, "concurrent clients, each waiting for its answer before the next request")
		duration    = fs.Duration("duration", 10*time.Second, "how long to send requests (at most 30m)")
		requests    = fs.Int("requests", 0, "stop after this many requests in all (0: only -duration limits)")
		rate        = fs.Float64("rate", 0, "requests per second in all, paced; latency counts from when each was due (0: as fast as the clients go)")
		timeout     = fs.Duration("timeout", 30*time.Second, "time allowed for one request, answer included")
		expect      = fs.String("expect", "200/201", "statuses that count as success, separated by / or ,")
		pid         = fs.Int("pid", 0, "process id of the server, to sample its VmRSS/VmHWM every 100 ms")
		asJSON      = fs.Bool("json", false, "print the summary as JSON")
		token       = fs.String("token", "", "API token sent as Authorization: Bearer (prefer LOADGEN_TOKEN: a flag shows in ps)")
		slow        = fs.Int("slow", 0, "connections that announce a body of -slow-length bytes and send none, held open during the load (at most 2000)")
		slowLength  = fs.Int64("slow-length", 2097000, "Content-Length the -slow connections announce")
	)
	var envErr error
	fs.VisitAll(func(f *flag.Flag) {
		name := "LOADGEN_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v := getenv(name); v != "" && envErr == nil {
			if err := f.Value.Set(v); err != nil {
				envErr = fmt.Errorf("%s=%q: %w", name, v, err)
			}
		}
	})
	if envErr != nil {
		return config{}, envErr
	}
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments %q", fs.Args())
	}

	u, err := targetURL(*base, *path)
	if err != nil {
		return config{}, err
	}
	c := config{
		URL:         u,
		Method:      strings.ToUpper(*method),
		ContentType: *contentType,
		Clients:     *clients,
		Duration:    *duration,
		Requests:    *requests,
		Rate:        *rate,
		Timeout:     *timeout,
		PID:         *pid,
		JSON:        *asJSON,
		Token:       *token,
		Slow:        *slow,
		SlowLength:  *slowLength,
	}
	switch {
	case c.Clients < 1 || c.Clients > maxClients:
		return config{}, fmt.Errorf("-clients %d: must be between 1 and %d", c.Clients, maxClients)
	case c.Duration <= 0 || c.Duration > maxDuration:
		return config{}, fmt.Errorf("-duration %v: must be positive and at most %v", c.Duration, maxDuration)
	case c.Requests < 0:
		return config{}, fmt.Errorf("-requests %d: must not be negative", c.Requests)
	case c.Rate < 0 || c.Rate > 1e6:
		return config{}, fmt.Errorf("-rate %g: must be between 0 and 1000000", c.Rate)
	case c.Timeout <= 0:
		return config{}, fmt.Errorf("-timeout %v: must be positive", c.Timeout)
	case c.PID < 0:
		return config{}, fmt.Errorf("-pid %d: not a process id", c.PID)
	case c.Slow < 0 || c.Slow > maxSlow:
		return config{}, fmt.Errorf("-slow %d: must be between 0 and %d", c.Slow, maxSlow)
	case c.SlowLength < 1:
		return config{}, fmt.Errorf("-slow-length %d: must be positive", c.SlowLength)
	}
	if c.Expect, err = parseStatuses(*expect); err != nil {
		return config{}, err
	}
	switch *bodyFile {
	case "":
	case "-":
		c.Body, err = io.ReadAll(os.Stdin)
	default:
		c.Body, err = os.ReadFile(*bodyFile)
	}
	if err != nil {
		return config{}, fmt.Errorf("-body: %w", err)
	}
	return c, nil
}

// targetURL joins base and path and refuses anything but plain HTTP(S) to a loopback host.
func targetURL(base, path string) (*url.URL, error) {
	if path != "" && !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	u, err := url.Parse(strings.TrimRight(base, "/") + path)
	if err != nil {
		return nil, fmt.Errorf("-url/-path: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("-url %q: only http and https are supported", base)
	}
	if u.User != nil {
		return nil, fmt.Errorf("-url %q: credentials in the URL are not supported", base)
	}
	if !isLoopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("-url %q: %w", base, errNotLoopback)
	}
	return u, nil
}

var errNotLoopback = errors.New("refusing a host that is not loopback (127.0.0.0/8, ::1, localhost): load on other addresses is forbidden on this machine")

// isLoopbackHost accepts localhost and loopback IP literals only. Other names are refused
// rather than resolved: what a name resolves to can change between the check and the dial.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// parseStatuses reads "200/201" or "200,201".
func parseStatuses(s string) (map[int]bool, error) {
	statuses := make(map[int]bool)
	for f := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == '/' || r == ',' || r == ' ' }) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 100 || n > 599 {
			return nil, fmt.Errorf("-expect %q: %q is not an HTTP status", s, f)
		}
		statuses[n] = true
	}
	if len(statuses) == 0 {
		return nil, fmt.Errorf("-expect %q: no status given", s)
	}
	return statuses, nil
}
