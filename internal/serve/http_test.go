package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sprintkit/sprintkit/templates"
)

// httpSite serves a generated site, with the rebuild loop running, on a
// loopback port.
func httpSite(t *testing.T, hosts ...string) (dir string, s *Server, base string) {
	t.Helper()
	dir = testSite(t)
	// A file beside the site that must never be served.
	writeFile(t, dir, "secret.txt", "hemlig")
	s, _ = startServer(t, dir, false)
	for _, h := range hosts {
		s.hosts[normHost(h)] = true
	}
	return dir, s, serveHTTP(t, s)
}

// serveHTTP serves s on a loopback port as Run does, with its bounds, and
// returns the base URL.
func serveHTTP(t *testing.T, s *Server) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(s)
	srv.Config = s.httpServer(context.Background())
	srv.Start()
	t.Cleanup(srv.Close)
	t.Cleanup(s.Close) // first: end the event streams, then the server
	return srv.URL
}

// raw sends one request exactly as written, with the given path and Host,
// and returns the status and the body.
func raw(t *testing.T, base, path, host string) (int, http.Header, string) {
	t.Helper()
	return rawWith(t, base, path, host, nil)
}

// rawWith is raw with more headers.
func rawWith(t *testing.T, base, path, host string, hdr http.Header) (int, http.Header, string) {
	t.Helper()
	u, _ := url.Parse(base)
	c, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if host == "" {
		host = u.Host
	}
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\nOrigin: http://evil.example\r\n", path, host)
	hdr.Write(c)
	fmt.Fprint(c, "\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestHostHeader(t *testing.T) {
	_, _, base := httpSite(t, "192.168.1.10")
	port := base[strings.LastIndex(base, ":")+1:]
	for host, want := range map[string]int{
		"127.0.0.1:" + port:              200,
		"localhost:" + port:              200,
		"LOCALHOST.:" + port:             200,
		"[::1]:" + port:                  200,
		"192.168.1.10:" + port:           200,
		"127.0.0.1":                      200,
		"evil.example:" + port:           403,
		"127.0.0.1.evil.example:" + port: 403,
		"localhost.evil.example":         403,
		"192.168.1.11:" + port:           403,
		"":                               403,
	} {
		h := host
		if h == "" {
			h = " "
		}
		code, _, _ := raw(t, base, "/", h)
		if host == "" && code == 400 {
			continue // refused before it reached the server: fine too
		}
		if code != want {
			t.Errorf("Host %q: status %d, want %d", host, code, want)
		}
	}
}

func TestOnlyTheBuiltSiteIsServed(t *testing.T) {
	_, s, base := httpSite(t)
	notFound := s.cur.Load().files.own["404.html"].data
	if len(notFound) == 0 {
		t.Fatal("the site has no 404.html")
	}
	for _, p := range []string{
		"/../secret.txt",
		"/../../../../etc/passwd",
		"/%2e%2e/secret.txt",
		"/%2E%2E/secret.txt",
		"/sprints/%2e%2e/%2e%2e/secret.txt",
		"/assets/..%2f..%2fsecret.txt",
		"/assets%2fstyle.css",
		"/assets%5cstyle.css",
		"/assets/..\\..\\secret.txt",
		"/./index.html",
		"//index.html",
		"/index.html%00.css",
		"/secret.txt",
		"/content/site.toml",
		"/sprints/" + sprintID + "/sprint.toml",
		"/templates/base.html",
		"/finns-inte/",
		"/finns-inte.html",
	} {
		code, h, body := raw(t, base, p, "")
		if code != 404 {
			t.Errorf("GET %s: status %d, want 404", p, code)
		}
		if strings.Contains(body, "hemlig") || strings.Contains(body, "title = ") {
			t.Errorf("GET %s: served a file of the site folder", p)
		}
		// Unknown paths get the site's own 404 page, with the script.
		if !strings.Contains(body, string(notFound[:min(200, len(notFound))])) || !strings.Contains(body, "data-sprintkit-live") {
			t.Errorf("GET %s: not the site's 404 page: %.200q", p, body)
		}
		if h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("GET %s: CORS header %q", p, h.Get("Access-Control-Allow-Origin"))
		}
	}
}

func TestFilesAndInjection(t *testing.T) {
	_, s, base := httpSite(t)
	st := s.cur.Load()
	for _, tc := range []struct {
		path, name, ctype, root string
	}{
		{"/", "index.html", "text/html; charset=utf-8", "./"},
		{"/index.html", "index.html", "text/html; charset=utf-8", "./"},
		{"/sprints/" + sprintID + "/", "sprints/" + sprintID + "/index.html", "text/html; charset=utf-8", "../../"},
		{"/sprints/" + sprintID + "/index.html", "sprints/" + sprintID + "/index.html", "text/html; charset=utf-8", "../../"},
		{"/assets/style.css", "assets/style.css", "text/css; charset=utf-8", ""},
		{"/feed.xml", "feed.xml", "", ""},
	} {
		code, h, body := raw(t, base, tc.path, "")
		if code != 200 {
			t.Errorf("GET %s: status %d", tc.path, code)
			continue
		}
		if tc.ctype != "" && h.Get("Content-Type") != tc.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", tc.path, h.Get("Content-Type"), tc.ctype)
		}
		if h.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: Cache-Control %q", tc.path, h.Get("Cache-Control"))
		}
		if h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("GET %s: CORS header %q", tc.path, h.Get("Access-Control-Allow-Origin"))
		}
		built := string(st.files.own[tc.name].data)
		n := strings.Count(body, "<script data-sprintkit-live")
		if tc.root == "" {
			if n != 0 || body != built {
				t.Errorf("GET %s: not HTML, yet not served as built (%d scripts)", tc.path, n)
			}
			continue
		}
		if n != 1 {
			t.Errorf("GET %s: %d live reload scripts, want 1", tc.path, n)
		}
		tag := fmt.Sprintf(`data-root="%s" data-build="%s"`, tc.root, st.hash)
		if !strings.Contains(body, tag) {
			t.Errorf("GET %s: no %s in the script tag", tc.path, tag)
		}
		if i, j := strings.Index(body, "data-sprintkit-live"), strings.LastIndex(body, "</body>"); i < 0 || j < i {
			t.Errorf("GET %s: the script is not before </body>", tc.path)
		}
		// Take the script out again: the rest is the page as built.
		start := strings.LastIndex(body[:strings.Index(body, "data-sprintkit-live")], "<script")
		end := strings.Index(body[start:], "</script>") + start + len("</script>")
		if body[:start]+body[end:] != built {
			t.Errorf("GET %s: the page differs from the build beyond the script", tc.path)
		}
	}
	// The build itself has no script: it is added when served.
	for name, f := range st.files.own {
		if strings.Contains(string(f.data), "data-sprintkit-live") {
			t.Errorf("the built %s holds the live reload script", name)
		}
	}

	// A folder without its slash is sent to it, relatively.
	code, h, _ := raw(t, base, "/sprints/"+sprintID, "")
	if code != http.StatusMovedPermanently || h.Get("Location") != sprintID+"/" {
		t.Errorf("GET folder without slash: %d to %q, want 301 to %q", code, h.Get("Location"), sprintID+"/")
	}
	resp, err := http.Post(base+"/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", resp.StatusCode)
	}
}

// An event is one Server-Sent Event.
type event struct{ name, data string }

// readEvents reads the stream as a browser does and sends each event on
// the channel: a line ends at CR, LF or CRLF, and a blank line ends an
// event that has data.
func readEvents(r io.Reader, c chan<- event) {
	defer close(c)
	sc := bufio.NewScanner(r)
	sc.Split(scanEventLines)
	ev, hasData := event{name: "message"}, false
	for sc.Scan() {
		line := sc.Text()
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch {
		case line == "":
			if hasData {
				ev.data = strings.TrimSuffix(ev.data, "\n")
				c <- ev
			}
			ev, hasData = event{name: "message"}, false
		case field == "event":
			ev.name = value
		case field == "data":
			ev.data += value + "\n"
			hasData = true
		}
	}
}

// scanEventLines splits an event stream into lines, as the Server-Sent
// Events standard does.
func scanEventLines(data []byte, atEOF bool) (int, []byte, error) {
	i := bytes.IndexAny(data, "\r\n")
	switch {
	case i < 0:
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	case data[i] == '\n':
		return i + 1, data[:i], nil
	case i+1 < len(data) && data[i+1] == '\n':
		return i + 2, data[:i], nil
	case i+1 < len(data) || atEOF:
		return i + 1, data[:i], nil
	}
	return 0, nil, nil // a CR last: an LF may follow
}

func nextEvent(t *testing.T, c <-chan event) event {
	t.Helper()
	select {
	case ev, ok := <-c:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(15 * time.Second):
		t.Fatal("no event within 15s")
	}
	return event{}
}

func TestEvents(t *testing.T) {
	dir, s, base := httpSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code, _, _ := raw(t, base, "/sprints/"+eventsPath, "")
	if code != 404 {
		t.Errorf("events under a sub-folder of the site: status %d, want 404", code)
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/"+eventsPath, nil)
	req.Header.Set("Origin", "http://evil.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("the event stream sends a CORS header")
	}
	events := make(chan event)
	go readEvents(resp.Body, events)

	first := s.cur.Load()
	if ev := nextEvent(t, events); ev != (event{"build", first.hash}) {
		t.Fatalf("first event %+v, want build %s", ev, first.hash)
	}

	// A change: a new build, with a new hash.
	notes := "sprints/" + sprintID + "/notes.md"
	writeFile(t, dir, notes, "Ny anteckning.\n")
	ev := nextEvent(t, events)
	if ev.name != "build" || ev.data == first.hash || ev.data != s.cur.Load().hash {
		t.Fatalf("after a change: %+v, want build with the new hash %s", ev, s.cur.Load().hash)
	}
	changed := ev.data

	// A broken plan: the problems, positioned as in the terminal.
	plan := "sprints/" + sprintID + "/sprint.toml"
	orig := readFile(t, dir, plan)
	writeFile(t, dir, plan, "title = \"trasig\n"+orig)
	ev = nextEvent(t, events)
	if ev.name != "problems" || !strings.HasPrefix(ev.data, plan+":1:") {
		t.Fatalf("after a broken save: %+v, want problems starting %s:1:", ev, plan)
	}
	if want := strings.Join(s.cur.Load().problems, "\n"); ev.data != want {
		t.Errorf("problems event %q, want the terminal's lines %q", ev.data, want)
	}
	// The pages are still those of the last good build.
	_, _, body := raw(t, base, "/sprints/"+sprintID+"/", "")
	if !strings.Contains(body, "Ny anteckning.") || !strings.Contains(body, `data-build="`+changed+`"`) {
		t.Error("after a broken save the last good page is not served")
	}

	// Fixed: a build event with the hash from before it broke.
	writeFile(t, dir, plan, orig)
	if ev := nextEvent(t, events); ev != (event{"build", changed}) {
		t.Fatalf("after the fix: %+v, want build %s", ev, changed)
	}

	// A save that changes no output still says so, with the same hash,
	// and the page does not reload for it.
	writeFile(t, dir, plan, orig+"\n# en kommentar\n")
	if ev := nextEvent(t, events); ev != (event{"build", changed}) {
		t.Fatalf("after a save with the same output: %+v, want build %s", ev, changed)
	}
}

// A carriage return ends a line of an event stream as a line feed does:
// a folder whose name holds CRs must not end a line of the problems event
// and start an event of its own.
func TestEventsNameWithCarriageReturn(t *testing.T) {
	dir := testSite(t)
	s, log := startServer(t, dir, false)
	base := serveHTTP(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/"+eventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan event)
	go readEvents(resp.Body, events)
	good := s.cur.Load().hash
	if ev := nextEvent(t, events); ev != (event{"build", good}) {
		t.Fatalf("first event %+v, want build %s", ev, good)
	}

	folder := "sprints/zz\revent: build\rdata: X\r"
	writeFile(t, dir, folder+"/sprint.toml", readFile(t, dir, "sprints/"+sprintID+"/sprint.toml"))
	st := waitState(t, s, "the folder is built", func(st *state) bool { return st.seq > 1 })
	if st.problems == nil {
		t.Skipf("the folder %q builds without a problem: no name reaches the event stream", folder)
	}
	ev := nextEvent(t, events)
	if want := (event{"problems", strings.Join(st.problems, "\n")}); ev != want {
		t.Fatalf("after the folder appeared: %+v, want %+v", ev, want)
	}
	for _, l := range st.problems {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("the problem line %q holds a line end", l)
		}
	}
	if n := strings.Count(log.String(), "\n1 problem; "); n != 1 {
		t.Errorf("the terminal counts the one problem %d times as 1 problem:\n%s", n, log.String())
	}
	if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(folder))); err != nil {
		t.Fatal(err)
	}
	if ev := nextEvent(t, events); ev != (event{"build", good}) {
		t.Fatalf("after the folder went: %+v, want build %s and no event from the name", ev, good)
	}
	// The terminal gets the name quoted: no carriage return can rewrite
	// the line it is on.
	if strings.Contains(log.String(), "\r") {
		t.Errorf("the terminal got a raw carriage return:\n%q", log.String())
	}
}

// The server leaves the site folder as it found it.
func TestNeverWritesToTheSite(t *testing.T) {
	dir, _, base := httpSite(t)
	before := tree(t, dir)
	for _, p := range []string{"/", "/sprints/" + sprintID + "/", "/nope", "/../x"} {
		raw(t, base, p, "")
	}
	if after := tree(t, dir); after != before {
		t.Errorf("the site folder changed:\nbefore %s\nafter %s", before, after)
	}
}

func tree(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil {
			fmt.Fprintf(&b, "%s %d %v\n", p, fi.Size(), fi.ModTime().UnixNano())
		}
		return nil
	})
	return b.String()
}

// A site that is broken when the server starts gets a page that shows the
// problems, and the site itself once it is fixed.
func TestStartsBroken(t *testing.T) {
	dir := testSite(t)
	plan := "sprints/" + sprintID + "/sprint.toml"
	orig := readFile(t, dir, plan)
	writeFile(t, dir, plan, "title = \"trasig\n"+orig)
	var log logBuffer
	s := NewServer(os.DirFS(dir), testDay, &log, &log)
	if err := s.Rebuild(nil); err == nil {
		t.Fatal("a broken site built")
	}
	if !strings.Contains(log.String(), plan+":1:") {
		t.Errorf("the terminal does not show the problem: %q", log.String())
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	t.Cleanup(s.Close)
	code, _, body := raw(t, srv.URL, "/sprints/"+sprintID+"/", "")
	if code != 200 || !strings.Contains(body, `data-root="../../" data-build=""`) {
		t.Fatalf("before the first good build: status %d, page %.300q", code, body)
	}
	resp, err := http.Get(srv.URL + "/" + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan event)
	go readEvents(resp.Body, events)
	if ev := nextEvent(t, events); ev != (event{"build", ""}) {
		t.Fatalf("first event %+v, want build with no hash", ev)
	}
	if ev := nextEvent(t, events); ev.name != "problems" || !strings.HasPrefix(ev.data, plan+":1:") {
		t.Fatalf("second event %+v, want the problems", ev)
	}
	writeFile(t, dir, plan, orig)
	if err := s.Rebuild([]string{plan}); err != nil {
		t.Fatal(err)
	}
	if ev := nextEvent(t, events); ev.name != "build" || ev.data == "" {
		t.Fatalf("after the fix: %+v, want build with a hash", ev)
	}
}

// TestOwnTemplateShowsLinkedEdit is the case that hand-kept reuse keys
// missed: a site's own sprint.html shows the study's summary, the study's
// file is edited while the server runs, and the sprint page served over
// HTTP must show the new summary.
func TestOwnTemplateShowsLinkedEdit(t *testing.T) {
	dir := testSite(t)
	stock, err := templates.FS.ReadFile("sprint.html")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "templates/sprint.html", strings.Replace(string(stock), "<h1>", `<div class="study-summary">{{.Study.Summary}}</div><h1>`, 1))
	s, _ := startServer(t, dir, false)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	t.Cleanup(s.Close)
	sprintPage := "/sprints/" + sprintID + "/index.html"

	get := func() string {
		t.Helper()
		code, _, body := raw(t, srv.URL, sprintPage, "")
		if code != http.StatusOK {
			t.Fatalf("GET %s: status %d", sprintPage, code)
		}
		return body
	}
	if body := get(); !strings.Contains(body, `<div class="study-summary"><p>En kundresa i sex steg.</p>`) {
		t.Fatalf("the sprint page does not show the study's summary:\n%s", body)
	}

	study := "content/studies/studie-0.md"
	writeFile(t, dir, study, strings.Replace(readFile(t, dir, study), "En kundresa i sex steg.", "En kundresa i *sju* steg.", 1))
	waitState(t, s, "the study's new summary is built", func(st *state) bool {
		return strings.Contains(page(st, "studies/studie-0/index.html"), "sju")
	})
	if body := get(); !strings.Contains(body, `<div class="study-summary"><p>En kundresa i <em>sju</em> steg.</p>`) {
		t.Errorf("after the study's summary changed, the sprint page still shows:\n%s", body)
	}
}
