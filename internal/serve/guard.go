package serve

import (
	"context"
	"mime"
	"net"
	"net/http"
	"time"
)

// What the dev server guards against besides the Host check (in
// ServeHTTP): pages of other sites that would read the site, and clients
// that hold connections without using them.

// How long a client may take: to send a request's headers, to ask again
// on a kept-alive connection, and to take each write of a response. The
// Server holds them in fields, so that tests can shorten them.
const (
	readHeaderTimeout = 10 * time.Second
	idleTimeout       = 30 * time.Second
	writeTimeout      = 30 * time.Second
)

// crossSite reports whether r was made by a page of another site for a
// part of itself: a script, an image, a fetch, an event stream. Such a
// page must not read the site (a <script> tag can read search-index.js),
// and the Host check does not stop it, since the request carries the
// server's own Host. Browsers say where a request comes from in
// Sec-Fetch-Site. A page on another port of localhost is "same-site",
// so that counts as another site here. Navigations are let through from
// anywhere: a link, a bookmark, another tab, a frame; the page that made
// one cannot read what it opens. So are requests without the header
// (curl, older browsers); for older browsers the
// Cross-Origin-Resource-Policy header that every response carries does
// the same.
func crossSite(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "cross-site", "same-site":
		return r.Header.Get("Sec-Fetch-Mode") != "navigate"
	}
	return false
}

// mayWrite lets through a request that changes something, the shared
// timer or a file of the site (what), and refuses any other with its
// reason. Only pages of this server, opened on this machine, may change
// anything: the request must be a POST from loopback (not through a
// proxy, which would make a page from anywhere look as if it came from
// here), carry this server's own origin, and be JSON, which a form of
// another site cannot send without asking first, and this server answers
// no such question. The Host check and crossSite come before, in
// ServeHTTP.
func (s *Server) mayWrite(w http.ResponseWriter, r *http.Request, what string) bool {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return false
	}
	if !s.mayControl(r) {
		http.Error(w, "sprintkit serve: only pages opened on the computer that runs the server change "+what, http.StatusForbidden)
		return false
	}
	if !sameOrigin(r) {
		http.Error(w, "sprintkit serve: "+what+" takes changes only from this server's own pages", http.StatusForbidden)
		return false
	}
	if ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || ct != "application/json" {
		http.Error(w, "sprintkit serve: "+what+" takes application/json", http.StatusUnsupportedMediaType)
		return false
	}
	return true
}

// httpServer returns the http.Server that serves s. It has no
// WriteTimeout, which would end an event stream that is open for hours;
// each write gets a deadline of its own instead (see timedWriter).
func (s *Server) httpServer(ctx context.Context) *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.readHeaderTimeout,
		IdleTimeout:       s.idleTimeout,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
}

// A timedWriter gives each write of a response a deadline of its own: a
// client that stops reading is dropped after d, however long the response
// runs, and one that reads slowly but steadily is not.
type timedWriter struct {
	http.ResponseWriter
	rc *http.ResponseController
	d  time.Duration
}

// timed returns w with a deadline for each write, and sets the first one,
// so that no write of this response (http.Error's too) waits on a
// deadline left by an earlier request on the same connection.
func (s *Server) timed(w http.ResponseWriter) *timedWriter {
	t := &timedWriter{ResponseWriter: w, rc: http.NewResponseController(w), d: s.writeTimeout}
	t.extend()
	return t
}

// extend moves the deadline to d from now. A writer that has no deadlines
// (a test's recorder) has no client to wait for: its error is ignored.
func (t *timedWriter) extend() {
	t.rc.SetWriteDeadline(time.Now().Add(t.d))
}

// writeChunk is the most that one deadline covers.
const writeChunk = 64 << 10

func (t *timedWriter) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		k := min(len(p), writeChunk)
		t.extend()
		m, err := t.ResponseWriter.Write(p[:k])
		n += m
		if err != nil {
			return n, err
		}
		p = p[k:]
	}
	return n, nil
}

// FlushError sends what is buffered; http.ResponseController.Flush calls it.
func (t *timedWriter) FlushError() error {
	t.extend()
	return t.rc.Flush()
}

// Flush is FlushError for an http.Flusher.
func (t *timedWriter) Flush() { t.FlushError() }

// Unwrap gives http.ResponseController the writer underneath.
func (t *timedWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }
