// Command loadgen is a closed-loop HTTP load generator for the vanthu server running on this
// machine: a fixed number of clients each send one request, read the whole answer, and send
// the next, for a bounded time and number of requests. It reports throughput, latency
// percentiles, failures by status and, given the server's process id, the server's peak
// resident memory.
//
// It only ever sends to loopback addresses (127.0.0.0/8, ::1, localhost): the URL is
// checked before the run and every connection's address again when it is dialled, and
// redirects are not followed. Load on any other address is forbidden on this machine.
//
// It knows nothing of documents or forms: the request body is a file sent verbatim.
// It depends on the standard library only.
//
// Usage:
//
//	loadgen -path /api/preview -body testdata/preview.json -clients 32 -duration 10s -pid $(pidof vanthu)
//
// Every flag can also be set through the environment as LOADGEN_<FLAG> (LOADGEN_CLIENTS=8);
// a flag on the command line wins. The exit status is 1 when any request failed.
package main
