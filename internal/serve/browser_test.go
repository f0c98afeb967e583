package serve

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/sprintkit/sprintkit/internal/browsertest"
)

// waitJS waits until a JavaScript expression is true in the page. It
// polls, since a reload in between ends any wait inside the page.
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var lastErr error
	for time.Now().Before(deadline) {
		c, cancel := context.WithTimeout(ctx, 5*time.Second)
		ok, err := chromedp.Run(c, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		lastErr = err
		time.Sleep(50 * time.Millisecond) // between tries, not an assertion
	}
	text, _ := chromedp.Run(browsertest.Timeout(t, ctx, 5*time.Second), chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 2000) : ""`))
	t.Fatalf("%s: not within 20s (last error %v); the page says:\n%s", what, lastErr, text)
}

// TestLiveReloadInABrowser opens a sprint page in Chromium, under a
// sub-path as behind an intranet proxy, and edits the site on disk.
func TestLiveReloadInABrowser(t *testing.T) {
	ctx := browsertest.New(t)
	dir := testSite(t)
	s, _ := startServer(t, dir, false)
	mux := http.NewServeMux()
	mux.Handle("/insikt/", http.StripPrefix("/insikt", s))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	t.Cleanup(s.Close) // first: end the event stream, then the server

	if err := chromedp.Do(browsertest.Timeout(t, ctx, 20*time.Second),
		chromedp.Navigate(srv.URL+"/insikt/sprints/"+sprintID+"/index.html")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the page and its event stream", `document.querySelector("script[data-sprintkit-live]") !== null`)
	listening := func() bool {
		s.hub.mu.Lock()
		defer s.hub.mu.Unlock()
		return len(s.hub.subs) > 0
	}
	for deadline := time.Now().Add(20 * time.Second); !listening(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the page did not open /insikt/_sprintkit/events within 20s")
		}
	}

	// Saving the notes shows them, with no reload by hand.
	writeFile(t, dir, "sprints/"+sprintID+"/notes.md", "Kunderna hittade knappen direkt i **appen**.\n")
	waitJS(t, ctx, "the saved notes appear", `document.body.innerText.includes("Kunderna hittade knappen direkt i appen.")`)
	mustRun(t, ctx, `window.sprintkitTestMark = "same page"; true`)

	// Breaking the plan shows the problem over the last good page.
	plan := "sprints/" + sprintID + "/sprint.toml"
	orig := readFile(t, dir, plan)
	writeFile(t, dir, plan, strings.Replace(orig, `method = "interview"`, `method = "telepati"`, 1))
	waitJS(t, ctx, "the overlay with the problem", `(document.getElementById("sprintkit-overlay") || {textContent: ""}).textContent.includes(`+
		jsString(plan+":17:10: question.method")+`)`)
	text, err := chromedp.Run(browsertest.Timeout(t, ctx, 5*time.Second), chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Kunderna hittade knappen direkt i appen.") {
		t.Error("under the overlay the last good page is gone")
	}
	if !strings.Contains(text, s.cur.Load().problems[0]) {
		t.Errorf("the overlay does not show the terminal's line %q", s.cur.Load().problems[0])
	}

	// Fixing it clears the overlay; the output is as before, so the page
	// does not reload for it.
	writeFile(t, dir, plan, orig)
	waitJS(t, ctx, "the overlay goes", `document.getElementById("sprintkit-overlay") === null`)
	if mark := mustRun(t, ctx, `window.sprintkitTestMark === "same page"`); !mark {
		t.Error("the page reloaded although the output did not change")
	}

	// The server stops and a new one starts at the same address: the page
	// finds it by itself, and follows its saves.
	addr := srv.Listener.Addr().String()
	s.Close()
	srv.Close()
	s2, _ := startServer(t, dir, false)
	mux2 := http.NewServeMux()
	mux2.Handle("/insikt/", http.StripPrefix("/insikt", s2))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listening again at %s: %v", addr, err)
	}
	srv2 := &http.Server{Handler: mux2}
	go srv2.Serve(ln)
	t.Cleanup(func() { srv2.Close() })
	t.Cleanup(s2.Close)
	writeFile(t, dir, "sprints/"+sprintID+"/notes.md", "Efter omstarten syns detta.\n")
	waitJS(t, ctx, "a save after the restart appears", `document.body.innerText.includes("Efter omstarten syns detta.")`)
}

// evalJS returns the value of a JavaScript expression in the page.
func evalJS[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(browsertest.Timeout(t, ctx, 5*time.Second), chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustRun(t *testing.T, ctx context.Context, expr string) bool {
	t.Helper()
	return evalJS[bool](t, ctx, expr)
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// A page of another site cannot read the dev server's site: not with a
// script tag, fetch() or an EventSource. A link from it still opens the
// site, and the site's own pages load the index as before.
func TestOtherSiteCannotReadInABrowser(t *testing.T) {
	ctx := browsertest.New(t)
	s, _ := startServer(t, testSite(t), false)
	var mu sync.Mutex
	var seen []string
	saw := func(what string) bool {
		mu.Lock()
		defer mu.Unlock()
		return slices.Contains(seen, what)
	}
	dev := httptest.NewUnstartedServer(nil)
	dev.Config = s.httpServer(context.Background())
	dev.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.Path+" "+r.Header.Get("Sec-Fetch-Site")+" "+r.Header.Get("Sec-Fetch-Mode"))
		mu.Unlock()
		s.ServeHTTP(w, r)
	})
	dev.Start()
	t.Cleanup(dev.Close)
	t.Cleanup(s.Close) // first: end the event streams, then the server

	// The other site: localhost on another port, where the dev server is
	// 127.0.0.1 (both names pass its Host check).
	page := strings.ReplaceAll(`<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Another site</title>
<script>var result = {script: "", fetch: "", events: ""};</script>
<script src="DEV/search-index.js" onload="result.script = 'ran'" onerror="result.script = 'refused'"></script>
<script>
fetch("DEV/search-index.js").then(function (r) { return r.text(); }).then(
  function (t) { result.fetch = "read " + t.length; }, function () { result.fetch = "refused"; });
var es = new EventSource("DEV/_sprintkit/events");
es.addEventListener("build", function (e) { result.events = "read " + e.data; es.close(); });
es.onerror = function () { if (!result.events) result.events = "refused"; es.close(); };
</script>
<a id="to-dev" href="DEV/sprints/`+sprintID+`/">the sprint</a>`, "DEV", dev.URL)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	}))
	t.Cleanup(other.Close)
	otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)

	if err := chromedp.Do(browsertest.Timeout(t, ctx, 20*time.Second), chromedp.Navigate(otherURL+"/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the other site's tries end", `result.script !== "" && result.fetch !== "" && result.events !== ""`)
	if !saw("/search-index.js cross-site no-cors") {
		t.Fatalf("the dev server saw no cross-site script request for the index; it saw %q", seen)
	}
	result, err := chromedp.Run(browsertest.Timeout(t, ctx, 5*time.Second),
		chromedp.Evaluate[string](`JSON.stringify(result) + " sprintkitSearch:" + typeof window.sprintkitSearch`))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"script":"refused","fetch":"refused","events":"refused"} sprintkitSearch:undefined`; result != want {
		t.Errorf("another site's page got %s, want %s", result, want)
	}

	// A link on the other site opens the dev server's page, which works.
	if err := chromedp.Do(browsertest.Timeout(t, ctx, 20*time.Second), chromedp.Click(chromedp.CSS("#to-dev"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "the sprint page opens from the other site's link",
		`location.href === `+jsString(dev.URL+"/sprints/"+sprintID+"/")+` && document.querySelector("script[data-sprintkit-live]") !== null`)
	if !saw("/sprints/" + sprintID + "/ cross-site navigate") {
		t.Errorf("the page was not opened by a cross-site navigation; the dev server saw %q", seen)
	}
	mustRun(t, ctx, `var s = document.createElement("script"); s.src = "../../search-index.js"; document.head.appendChild(s); true`)
	waitJS(t, ctx, "the site's own page loads the index", `typeof window.sprintkitSearch === "object"`)
}
