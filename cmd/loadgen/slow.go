package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"time"
)

// slowConnections are connections that announced a request body and send none of it, as a
// client on a stalled link (or one doing so on purpose) would: they test that the server
// does not reserve the announced size for each.
type slowConnections struct {
	length int64
	conns  []net.Conn
}

// slowReport is what the summary says of them.
type slowReport struct {
	Opened    int   `json:"opened"`
	Length    int64 `json:"content_length"`
	StillOpen int   `json:"still_open"` // not closed by the server by the end of the load
}

// openSlow opens c.Slow connections to c.URL's host (loopback only, through the same
// dialler as the load), sends each the request line and headers of a POST to c.URL with
// Content-Length c.SlowLength (and the bearer token, if any), and leaves them waiting.
func openSlow(ctx context.Context, c config) (*slowConnections, error) {
	dial := loopbackDialer(&net.Dialer{Timeout: 5 * time.Second}, net.DefaultResolver)
	port := c.URL.Port()
	if port == "" {
		port = "80"
		if c.URL.Scheme == "https" {
			return nil, errors.New("-slow: only http URLs")
		}
	}
	// With the token, like the load's requests: a server that needs one answers a
	// connection without it (401) before reading any body, and the body path would go
	// untested.
	auth := ""
	if c.Token != "" {
		auth = "Authorization: Bearer " + c.Token + "\r\n"
	}
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n%s\r\n",
		c.URL.RequestURI(), c.URL.Host, c.ContentType, c.SlowLength, auth)
	s := &slowConnections{length: c.SlowLength}
	for range c.Slow {
		conn, err := dial(ctx, "tcp", net.JoinHostPort(c.URL.Hostname(), port))
		if err == nil {
			_, err = conn.Write([]byte(head))
		}
		if err != nil {
			s.close()
			return nil, fmt.Errorf("-slow: connection %d of %d: %w", len(s.conns)+1, c.Slow, err)
		}
		s.conns = append(s.conns, conn)
	}
	// Give the server a moment to start a handler for each before the load begins.
	time.Sleep(200 * time.Millisecond)
	return s, nil
}

// report counts the connections the server has not closed: a read that times out at once
// finds the connection open and silent; one that returns (an answer, EOF, a reset) finds it
// answered or closed.
func (s *slowConnections) report() *slowReport {
	r := &slowReport{Opened: len(s.conns), Length: s.length}
	var buf [1]byte
	for _, conn := range s.conns {
		_ = conn.SetReadDeadline(time.Now().Add(time.Millisecond))
		if _, err := conn.Read(buf[:]); errors.Is(err, os.ErrDeadlineExceeded) {
			r.StillOpen++
		}
	}
	return r
}

func (s *slowConnections) close() {
	for _, conn := range s.conns {
		conn.Close()
	}
	s.conns = nil
}
