package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// secFetch is the Sec-Fetch-* headers a browser sends: where the request
// comes from, its mode and what it is for.
func secFetch(site, mode, dest string) http.Header {
	return http.Header{"Sec-Fetch-Site": {site}, "Sec-Fetch-Mode": {mode}, "Sec-Fetch-Dest": {dest}}
}

// A page of another site cannot load the site's files or its event
// stream; navigations from anywhere, the site's own pages and clients
// that send no Sec-Fetch-* headers can.
func TestCrossSite(t *testing.T) {
	_, s, base := httpSite(t)
	index := string(s.cur.Load().files.own["search-index.js"].data)
	if index == "" {
		t.Fatal("the site has no search-index.js")
	}
	for _, tc := range []struct {
		what, path string
		hdr        http.Header
		want       int
	}{
		{"a script tag on another site", "/search-index.js", secFetch("cross-site", "no-cors", "script"), 403},
		{"a script tag on another port of localhost", "/search-index.js", secFetch("same-site", "no-cors", "script"), 403},
		{"fetch() on another site", "/search-index.js", secFetch("cross-site", "cors", "empty"), 403},
		{"an image on another site", "/assets/style.css", secFetch("cross-site", "no-cors", "image"), 403},
		{"an EventSource on another site", "/" + eventsPath, secFetch("cross-site", "cors", "empty"), 403},
		{"the site's own search", "/search-index.js", secFetch("same-origin", "no-cors", "script"), 200},
		{"a link on another site", "/", secFetch("cross-site", "navigate", "document"), 200},
		{"a link on another port of localhost", "/", secFetch("same-site", "navigate", "document"), 200},
		{"a frame on another site", "/", secFetch("cross-site", "navigate", "iframe"), 200},
		{"a bookmark or an address typed", "/", secFetch("none", "navigate", "document"), 200},
		{"curl or an older browser", "/search-index.js", nil, 200},
		{"a missing file, from the site itself", "/finns-inte", secFetch("same-origin", "no-cors", "script"), 404},
		{"a folder without its slash", "/sprints/" + sprintID, nil, 301},
	} {
		code, h, body := rawWith(t, base, tc.path, "", tc.hdr)
		if code != tc.want {
			t.Errorf("%s: GET %s: status %d, want %d", tc.what, tc.path, code, tc.want)
		}
		if code == 403 {
			if !strings.HasPrefix(h.Get("Content-Type"), "text/plain") || !strings.Contains(body, "other sites") {
				t.Errorf("%s: refused with %q, %.200q; want a short plain text", tc.what, h.Get("Content-Type"), body)
			}
			if strings.Contains(body, "sprintkitSearch") {
				t.Errorf("%s: the refusal holds the index", tc.what)
			}
		}
		if code == 200 && tc.path == "/search-index.js" && body != index {
			t.Errorf("%s: not the index as built", tc.what)
		}
		checkGuardHeaders(t, tc.what, h)
	}
	// Refusals for another reason carry the headers too.
	code, h, _ := raw(t, base, "/", "evil.example")
	if code != 403 {
		t.Errorf("another Host: status %d, want 403", code)
	}
	checkGuardHeaders(t, "another Host", h)

	// The site's own event stream still opens.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/"+eventsPath, nil)
	for k, v := range secFetch("same-origin", "cors", "empty") {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Errorf("the site's own event stream: status %d, %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	checkGuardHeaders(t, "the site's own event stream", resp.Header)
}

func checkGuardHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	if got := h.Get("Cross-Origin-Resource-Policy"); got != "same-origin" {
		t.Errorf("%s: Cross-Origin-Resource-Policy %q, want same-origin", what, got)
	}
	if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options %q, want nosniff", what, got)
	}
}

// dial opens a connection to the server at base.
func dial(t *testing.T, base string) *net.TCPConn {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	c, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c.(*net.TCPConn)
}

// waitClosed waits until the server closes c, reading and dropping what it
// still sends. It fails the test if c is still open after a long while.
func waitClosed(t *testing.T, c net.Conn, what string) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	_, err := io.Copy(io.Discard, c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("%s: the server did not close the connection within 30s", what)
	}
}

// A kept-alive connection that asks nothing more is closed.
func TestIdleConnectionClosed(t *testing.T) {
	s, _ := startServer(t, testSite(t), false)
	s.idleTimeout = 200 * time.Millisecond
	base := serveHTTP(t, s)
	c := dial(t, base)
	fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: %s\r\n\r\n", c.RemoteAddr())
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Close {
		t.Fatalf("status %d, closed %v; want 200 on a kept-alive connection", resp.StatusCode, resp.Close)
	}
	waitClosed(t, c, "an idle kept-alive connection")
}

// An event stream whose client stops reading is dropped once a write has
// waited for longer than a write may take; one that reads stays open for
// as long as it likes.
func TestStalledEventStreamDropped(t *testing.T) {
	s, _ := startServer(t, testSite(t), false)
	s.writeTimeout = 200 * time.Millisecond
	base := serveHTTP(t, s)
	streams := func() int {
		s.hub.mu.Lock()
		defer s.hub.mu.Unlock()
		return len(s.hub.subs)
	}

	c := dial(t, base)
	fmt.Fprintf(c, "GET /%s HTTP/1.1\r\nHost: %s\r\n\r\n", eventsPath, c.RemoteAddr())
	for deadline := time.Now().Add(30 * time.Second); streams() == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the event stream did not open within 30s")
		}
	}

	// Large problems events, as a rebuild would send them, until the
	// buffers between server and client are full and a write waits.
	big := strings.Repeat("x", 1<<20)
	good := s.cur.Load()
	deadline := time.Now().Add(30 * time.Second)
	for i := 1; streams() > 0; i++ {
		if time.Now().After(deadline) {
			t.Fatalf("a client that does not read still has its event stream after 30s and %d events of 1 MB", i)
		}
		s.cur.Store(&state{seq: good.seq + uint64(i), files: good.files, hash: good.hash, problems: []string{big}})
		s.hub.notify()
		time.Sleep(10 * time.Millisecond) // paces the events, asserts nothing
	}
	waitClosed(t, c, "an event stream that is not read")
}

// A stream that reads keeps getting events long after a write deadline:
// there is no deadline for the whole response.
func TestReadEventStreamStaysOpen(t *testing.T) {
	s, _ := startServer(t, testSite(t), false)
	s.writeTimeout = 100 * time.Millisecond
	s.ping = 20 * time.Millisecond
	base := serveHTTP(t, s)
	resp, err := http.Get(base + "/" + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan event)
	go readEvents(resp.Body, events)
	start := time.Now()
	for time.Since(start) < 10*s.writeTimeout {
		nextEvent(t, events)
	}
	if ev := nextEvent(t, events); ev.name != "ping" {
		t.Errorf("after %s: %+v, want a ping", 10*s.writeTimeout, ev)
	}
}
