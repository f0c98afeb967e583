package serve

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/sprintkit/sprintkit/internal/browsertest"
)

// sessionPage opens the session page of sprintID at base in a new tab of
// the browser ctx, and waits until the shared timer reached it.
func sessionPage(t *testing.T, ctx context.Context, base string) context.Context {
	t.Helper()
	return sessionPageWith(t, ctx, base, "")
}

// sessionPageWith is sessionPage with a script that runs first in every
// document of the tab.
func sessionPageWith(t *testing.T, ctx context.Context, base, script string) context.Context {
	t.Helper()
	tab, _ := browsertest.Tab(t, ctx)
	if script != "" {
		if _, err := chromedp.Call(browsertest.Timeout(t, tab, 5*time.Second), cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: script}); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(browsertest.Timeout(t, tab, 20*time.Second),
		chromedp.Navigate(base+"/sprints/"+sprintID+"/session/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the shared timer reaches "+base, `document.getElementById("session").classList.contains("is-shared")`)
	return tab
}

func text(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	return evalJS[string](t, ctx, expr)
}

func press(t *testing.T, ctx context.Context, key string) {
	t.Helper()
	if err := chromedp.Do(browsertest.Timeout(t, ctx, 5*time.Second), chromedp.KeyEvent(key)); err != nil {
		t.Fatal(err)
	}
}

// within waits until expr is true in the page, for at most d, and fails
// the test with what when it is not.
func within(t *testing.T, ctx context.Context, d time.Duration, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		ok, err := chromedp.Run(browsertest.Timeout(t, ctx, 5*time.Second), chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v (error %v); the timer says %s", what, d, err,
				text(t, ctx, `document.getElementById("timer").innerText.replace(/\s+/g, " ")`))
		}
		time.Sleep(20 * time.Millisecond) // between tries, not an assertion
	}
}

// The projector's page (opened on the server's machine) and a laptop's
// (opened from elsewhere) show one timer: the projector starts, pauses and
// moves it, the laptop follows within a second and can change nothing,
// and either page resumes after a reload.
func TestOneTimerForTheRoom(t *testing.T) {
	ctx := browsertest.New(t)
	_, s, base := httpSite(t)
	// 127.0.0.1 stands for the server's own machine, localhost for a
	// laptop elsewhere: two origins, so two pages that share no storage.
	// TestLoopback and TestNetworkPageFollows check the real rule.
	s.controls = func(r *http.Request) bool { return strings.HasPrefix(r.Host, "127.0.0.1:") }
	projector := sessionPage(t, ctx, base)
	away := strings.Replace(base, "127.0.0.1", "localhost", 1)
	laptop := sessionPage(t, ctx, away)
	// A laptop whose clock is ten minutes ahead of the server's.
	ahead := sessionPageWith(t, ctx, away, `window.sprintkitClock = () => Date.now() + 600000;`)
	blocks := evalJS[[]string](t, projector, `Array.from(document.querySelectorAll("#blocks .block"), b => b.textContent)`)

	const shows = `[document.getElementById("block-name").textContent,
		document.getElementById("timer").classList.contains("is-running") ? "running" : "paused"].join(" · ")`
	state := func(tab context.Context) string { return text(t, tab, shows) }
	// same checks that the projector shows want at once, and both laptops
	// within a second.
	same := func(want string) {
		t.Helper()
		if got := state(projector); got != want {
			t.Fatalf("the projector shows %q, want %q", got, want)
		}
		within(t, laptop, time.Second, "the laptop shows "+want, shows+` === `+jsString(want))
		within(t, ahead, time.Second, "the laptop ahead shows "+want, shows+` === `+jsString(want))
	}

	// The laptop says that it follows, and offers no controls.
	if !mustRun(t, laptop, `document.getElementById("following").offsetParent !== null && document.getElementById("toggle").disabled && document.getElementById("next").disabled`) {
		t.Error("the laptop's page does not say that it follows, or offers controls")
	}
	if mustRun(t, projector, `document.getElementById("following").offsetParent !== null || document.getElementById("toggle").disabled`) {
		t.Error("the projector's page says it follows, or cannot start the timer")
	}

	press(t, projector, " ")
	same(blocks[0] + " · running")
	press(t, projector, "n")
	same(blocks[1] + " · running")
	// The same time left, to the second, also on the laptop whose clock
	// is ahead: times are the server's.
	for i := 0; i < 3; i++ {
		p := text(t, projector, `document.getElementById("block-left").textContent`)
		l := text(t, laptop, `document.getElementById("block-left").textContent`)
		a := text(t, ahead, `document.getElementById("block-left").textContent`)
		if p == l && p == a {
			break
		}
		if i == 2 {
			t.Errorf("time left: projector %s, laptop %s, laptop ahead %s", p, l, a)
		}
	}

	// Both pages pass axe-core while the timer runs: the laptop's with its
	// buttons disabled and the line that says it follows.
	t.Run("axe", func(t *testing.T) {
		for _, p := range []struct {
			name string
			tab  context.Context
		}{{"projector", projector}, {"laptop", laptop}} {
			for _, v := range browsertest.Axe(t, p.tab) {
				t.Errorf("%s: %s", p.name, v)
			}
		}
	})

	// The laptop's keys change nothing, on the server or on either page.
	before := s.timers.get(sprintID).seq
	for _, k := range []string{" ", "n", "p", "+", "-"} {
		press(t, laptop, k)
	}
	if after := s.timers.get(sprintID).seq; after != before {
		t.Errorf("the laptop's keys changed the shared timer (%d changes)", after-before)
	}
	same(blocks[1] + " · running")

	// Reloaded, each page resumes where the room is.
	want := state(projector)
	for name, tab := range map[string]context.Context{"laptop": laptop, "projector": projector} {
		if err := chromedp.Do(browsertest.Timeout(t, tab, 20*time.Second), chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		within(t, tab, 5*time.Second, "the reloaded "+name+" resumes at "+want, `document.getElementById("session").classList.contains("is-shared") && [document.getElementById("block-name").textContent,
			document.getElementById("timer").classList.contains("is-running") ? "running" : "paused"].join(" · ") === `+jsString(want))
	}

	press(t, projector, " ")
	same(blocks[1] + " · paused")
	press(t, projector, "+")
	within(t, laptop, time.Second, "the laptop's agenda shows the added minute", `document.querySelector("#blocks li.current .minutes").textContent.includes("(+1)")`)
}

// With the notes beside the timer in the presentation view, each save of
// notes.md shows in place: the page does not reload, so it stays in the
// presentation view (and in full screen). A change to the plan reloads it.
func TestLiveNotesBesideTheTimer(t *testing.T) {
	ctx := browsertest.New(t)
	dir, _, base := httpSite(t)
	tab := sessionPage(t, ctx, base)
	press(t, tab, "f")
	press(t, tab, "w")
	if !mustRun(t, tab, `document.documentElement.classList.contains("presenting") && document.getElementById("live-notes").offsetParent !== null`) {
		t.Fatal("w in the presentation view does not show the notes")
	}
	mustRun(t, tab, `window.sprintkitTestMark = "same page"; true`)

	writeFile(t, dir, "sprints/"+sprintID+"/notes.md", "## Vad kunderna sa\n\nKunden hittade **knappen** direkt.\n")
	waitJS(t, tab, "the saved notes appear", `document.getElementById("notes-text").innerText.includes("Kunden hittade knappen direkt.")`)
	if !mustRun(t, tab, `window.sprintkitTestMark === "same page" && document.documentElement.classList.contains("presenting") && document.documentElement.classList.contains("with-notes")`) {
		t.Error("the page reloaded, or left the presentation view, for a save of the notes")
	}
	if got := text(t, tab, `document.querySelector("#notes-text strong").textContent`); got != "knappen" {
		t.Errorf("the notes' Markdown shows as %q", got)
	}
	t.Run("axe", func(t *testing.T) {
		for _, v := range browsertest.Axe(t, tab) {
			t.Errorf("the presentation view with the saved notes: %s", v)
		}
	})

	// A change to what else the page shows reloads it; the views stay.
	plan := "sprints/" + sprintID + "/sprint.toml"
	writeFile(t, dir, plan, strings.Replace(readFile(t, dir, plan), "title = \"", "title = \"Ny titel: ", 1))
	waitJS(t, tab, "the new title after a reload", `document.querySelector("h1").textContent.startsWith("Ny titel: ")`)
	if mustRun(t, tab, `window.sprintkitTestMark === "same page"`) {
		t.Error("a new title was swapped in without a reload")
	}
	// The title is in the page as it arrives; the views come back when
	// session.js has run, after the deferred scripts before it.
	waitJS(t, tab, "the presentation view and the notes after the reload", `document.documentElement.classList.contains("presenting") && document.documentElement.classList.contains("with-notes")`)
}

// The server stops in the middle of a session and starts again at the
// same address, with no timer in memory: the projector's page reconnects
// and gives back the state it kept, and the laptop's page shows it.
func TestTimerOutlivesARestart(t *testing.T) {
	ctx := browsertest.New(t)
	dir := testSite(t)
	controls := func(r *http.Request) bool { return strings.HasPrefix(r.Host, "127.0.0.1:") }
	serveAt := func(addr string) (*Server, *http.Server, string) {
		s, _ := startServer(t, dir, false)
		s.controls = controls
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			t.Fatalf("listening at %s: %v", addr, err)
		}
		srv := s.httpServer(context.Background())
		go srv.Serve(ln)
		t.Cleanup(func() { srv.Close() })
		t.Cleanup(s.Close) // first: end the event streams, then the server
		return s, srv, "http://" + ln.Addr().String()
	}
	s, srv, base := serveAt("127.0.0.1:0")
	projector := sessionPage(t, ctx, base)
	laptop := sessionPage(t, ctx, strings.Replace(base, "127.0.0.1", "localhost", 1))
	press(t, projector, " ")
	press(t, projector, "n")
	within(t, laptop, 5*time.Second, "the laptop follows to the second block", `document.querySelectorAll("#blocks li")[1].classList.contains("current")`)

	s.Close()
	srv.Close()
	s2, _, _ := serveAt(strings.TrimPrefix(base, "http://"))
	if s.timers.get(sprintID).seq == 0 || s2.timers.get(sprintID).seq != 0 {
		t.Fatal("the new server is not a fresh one")
	}
	for deadline := time.Now().Add(30 * time.Second); s2.timers.get(sprintID).seq == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the projector's page did not give its timer to the new server within 30s")
		}
	}
	var got timerState
	if err := json.Unmarshal(s2.timers.get(sprintID).state, &got); err != nil || got.Block != 1 || got.Since == nil {
		t.Errorf("the new server got %s (%v), want the second block, running", s2.timers.get(sprintID).state, err)
	}
	within(t, laptop, 5*time.Second, "after the restart the laptop shows the second block, running", `document.querySelectorAll("#blocks li")[1].classList.contains("current") && document.getElementById("timer").classList.contains("is-running")`)
}

// TestTimerHeardBeforeTheScript: the session view's script is deferred
// and loads from the server like any file; on a busy machine the event
// stream's first timer event can come before it runs. The page still
// joins the shared timer: here session.js is held back 1.5 seconds.
func TestTimerHeardBeforeTheScript(t *testing.T) {
	ctx := browsertest.New(t)
	_, _, base := httpSite(t)
	tab, _ := browsertest.Tab(t, ctx)
	var held atomic.Int32
	paused := make(chan *fetch.EventRequestPaused, 64)
	if err := chromedp.Listen(tab, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			select {
			case paused <- e:
			default: // more than the test asks for: left paused
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	go func() {
		for {
			select {
			case <-done:
				return
			case e := <-paused:
				if strings.HasSuffix(e.Request.URL, "/session.js") {
					held.Add(1)
					time.Sleep(1500 * time.Millisecond)
				}
				_, _ = chromedp.Call(tab, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: e.RequestID})
			}
		}
	}()
	if _, err := chromedp.Call(browsertest.Timeout(t, tab, 10*time.Second), fetch.Enable,
		fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*/assets/session.js"}}}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(browsertest.Timeout(t, tab, 20*time.Second),
		chromedp.Navigate(base+"/sprints/"+sprintID+"/session/")); err != nil {
		t.Fatal(err)
	}
	if held.Load() == 0 {
		t.Fatal("session.js was not held back: the test tests nothing")
	}
	waitJS(t, tab, "the shared timer, heard before session.js ran", `document.getElementById("session").classList.contains("is-shared")`)
}
