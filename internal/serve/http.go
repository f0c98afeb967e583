package serve

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sprintkit/sprintkit/internal/layout"
)

// eventsPath is where pages listen for rebuilds, relative to the site root.
const eventsPath = layout.Events

//go:embed live.js
var liveJS string

// ServeHTTP serves the files of the current build, and the event stream.
func (s *Server) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	w := s.timed(rw)
	h := w.Header()
	// Only pages of this origin may use what they get, and only as what
	// it is said to be (a text file is no script).
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("X-Content-Type-Options", "nosniff")
	if !s.hosts[normHost(r.Host)] {
		// A page elsewhere that made its own name point at this machine
		// (DNS rebinding) must not read the site.
		http.Error(w, "sprintkit serve: this server only answers to localhost and its own addresses", http.StatusForbidden)
		return
	}
	if crossSite(r) {
		http.Error(w, "sprintkit serve: pages of other sites may not load this; open it in a tab of its own", http.StatusForbidden)
		return
	}
	st := s.cur.Load()
	name, ok := sitePath(r)
	if ok && name == timerPath {
		s.postTimer(w, r, st)
		return
	}
	if ok && name == editPath {
		s.postEdit(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !ok {
		s.notFound(w, r, st)
		return
	}
	if name == eventsPath {
		s.events(w, r)
		return
	}
	if st.files.own == nil {
		// Nothing built yet: pages wait for the first good build, and
		// show the problems that keep it from being made.
		if path.Ext(name) != ".html" {
			http.Error(w, "404 page not found", http.StatusNotFound)
			return
		}
		s.send(w, r, http.StatusOK, "index.html", []byte(waitingPage), "", r.URL.Path)
		return
	}
	f, ok := st.files.at(name)
	if !ok {
		if _, dir := st.files.at(path.Join(name, "index.html")); dir && name != "index.html" {
			// A folder asked for without its slash: relative links need it.
			// The Location stays relative, for a site under a sub-path.
			w.Header().Set("Location", path.Base(name)+"/")
			w.WriteHeader(http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r, st)
		return
	}
	s.send(w, r, http.StatusOK, name, s.withRecording(r, st, name, f.data), st.hash, r.URL.Path)
}

const waitingPage = `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>sprintkit serve</title><body><p>The site has not been built yet.</p></body></html>`

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state) {
	if f, ok := st.files.at("404.html"); ok {
		s.send(w, r, http.StatusNotFound, "404.html", f.data, st.hash, r.URL.Path)
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// send writes one file of the site. HTML pages get the live reload script,
// with the way back to the site root from urlPath and the build's hash.
func (s *Server) send(w http.ResponseWriter, r *http.Request, code int, name string, data []byte, buildHash, urlPath string) {
	h := w.Header()
	ctype := contentType(name, data)
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, rootFrom(urlPath), buildHash)
	}
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

func contentType(name string, data []byte) string {
	switch ext := path.Ext(name); ext {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case "":
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
	}
	return http.DetectContentType(data)
}

// rootFrom returns the relative way from the folder of urlPath to the site
// root: "./" for /x.html, "../../" for /sprints/x/ or /sprints/x/index.html.
// Behind a proxy that serves the site under a sub-path it still holds.
func rootFrom(urlPath string) string {
	n := strings.Count(strings.TrimPrefix(urlPath, "/"), "/")
	if n == 0 {
		return "./"
	}
	return strings.Repeat("../", n)
}

// inject puts the live reload script before the page's last </body>, or at
// its end when there is none.
func inject(page []byte, root, buildHash string) []byte {
	tag := fmt.Sprintf("<script data-sprintkit-live data-root=\"%s\" data-build=\"%s\" data-events=\"%s\" data-timer=\"%s\">%s</script>",
		html.EscapeString(root), html.EscapeString(buildHash), eventsPath, timerPath, liveJS)
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// sitePath returns the name in the built site that r asks for. It refuses
// anything that could leave the site or means something else than it
// shows: dot segments (also encoded), encoded slashes and backslashes,
// empty segments and NUL bytes.
func sitePath(r *http.Request) (string, bool) {
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	name := p[1:]
	dir := name == "" || strings.HasSuffix(name, "/")
	name = strings.TrimSuffix(name, "/")
	if name != "" {
		for _, seg := range strings.Split(name, "/") {
			if seg == "" || seg == "." || seg == ".." {
				return "", false
			}
		}
	}
	if dir {
		name = path.Join(name, "index.html")
	}
	return name, true
}

// normHost returns the host name of a Host header, lower case, without
// port, brackets or a final dot.
func normHost(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// events streams the build state to one page: "build" with the hash of
// the current good build (the page reloads when it differs from its own),
// "problems" with the error lines when the last build failed, and "ping"
// now and then so a page can tell a dead connection (after a laptop
// sleeps) from a quiet one. A write that fails ends the stream: the page
// went away, or stopped reading for longer than a write may take.
func (s *Server) events(w *timedWriter, r *http.Request) {
	ch := s.hub.subscribe()
	defer s.hub.unsubscribe(ch)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if _, err := io.WriteString(w, "retry: 1000\n\n"); err != nil {
		return
	}

	// A session page follows its sprint's shared timer on this stream.
	timer := r.URL.Query().Get("timer")
	control := s.mayControl(r)
	var last *state
	var sent *shared
	write := func() error {
		st := s.cur.Load()
		wrote := false
		if st != last {
			// Every build, but the end of one whose pages this stream
			// told of early (with the same hash).
			sameBuild := last != nil && last.early && st.seq == last.seq && st.hash == last.hash && st.problems == nil
			if !sameBuild && (last == nil || st.problems == nil || st.hash != last.hash) {
				if err := writeEvent(w, "build", st.hash); err != nil {
					return err
				}
			}
			if st.problems != nil {
				if err := writeEvent(w, "problems", strings.Join(st.problems, "\n")); err != nil {
					return err
				}
			}
			last, wrote = st, true
		}
		if timer != "" {
			if sh := s.timers.get(timer); sent == nil || sh.seq != sent.seq {
				if err := writeEvent(w, "timer", s.timerEvent(sh, control)); err != nil {
					return err
				}
				sent, wrote = &sh, true
			}
		}
		if !wrote {
			return nil
		}
		return w.FlushError()
	}
	tick := time.NewTicker(s.ping)
	defer tick.Stop()
	for err := write(); err == nil; {
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case <-ch:
			err = write()
		case <-tick.C:
			if err = writeEvent(w, "ping", ""); err == nil {
				err = w.FlushError()
			}
		}
	}
}

// writeEvent writes one event, with a data line for each line of data. In
// an event stream CR, LF and CRLF each end a line, so every one of them
// starts a new data line here: no text, such as a file name in a problem,
// can end a line early and start an event of its own.
func writeEvent(w io.Writer, name, data string) error {
	var b strings.Builder
	b.WriteString("event: " + name + "\n")
	for _, l := range splitLines(data) {
		b.WriteString("data: " + l + "\n")
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// lineEnd is what ends a line in an event stream, and in a terminal.
var lineEnd = regexp.MustCompile(`\r\n|\r|\n`)

// splitLines splits s at each CRLF, CR or LF.
func splitLines(s string) []string {
	return lineEnd.Split(s, -1)
}

// A hub tells every open event stream that the state changed. A stream
// that is behind gets one signal and reads the newest state.
type hub struct {
	mu   sync.Mutex
	subs map[chan struct{}]bool
}

func (h *hub) subscribe() chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs == nil {
		h.subs = map[chan struct{}]bool{}
	}
	c := make(chan struct{}, 1)
	h.subs[c] = true
	return c
}

func (h *hub) unsubscribe(c chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, c)
}

func (h *hub) notify() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.subs {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}
