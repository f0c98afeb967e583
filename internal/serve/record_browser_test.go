package serve

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/sprintkit/sprintkit/internal/browsertest"
	"github.com/sprintkit/sprintkit/internal/edit"
)

// exampleSprint is the example site's planned sprint, whose outcome the
// room records.
const exampleSprint = "2026-12-03-forstar-kunderna-priset-efter-kampanjen"

// exampleSite copies the example site of the repository into a temporary
// folder.
func exampleSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, top := range []string{"content", "sprints"} {
		src := filepath.Join("..", "..", top)
		err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(filepath.Join("..", ".."), p)
			if fi.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// keys types text into the focused element of tab.
func keys(t *testing.T, tab context.Context, text string, opts ...chromedp.KeyOption) {
	t.Helper()
	// Keys go to the tab in front.
	if _, err := chromedp.Call(browsertest.Timeout(t, tab, 10*time.Second), cdppage.BringToFront, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(browsertest.Timeout(t, tab, 10*time.Second), chromedp.KeyEvent(text, opts...)); err != nil {
		t.Fatal(err)
	}
}

// openTab opens url in a new tab of ctx, sized w × h, and waits until
// cond. A browser keeps six connections to a server, and each page of it
// holds one for its event stream: closeTab closes a tab that is done with.
func openTab(t *testing.T, ctx context.Context, url string, w, h int64, what, cond string) context.Context {
	t.Helper()
	tab, cancel := browsertest.Tab(t, ctx)
	tabs[tab] = cancel
	if err := chromedp.Do(browsertest.Timeout(t, tab, 20*time.Second),
		chromedp.EmulateViewport(w, h),
		chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, what, cond)
	return tab
}

// tabs are the open tabs' cancel functions.
var tabs = map[context.Context]context.CancelFunc{}

func closeTab(tab context.Context) {
	if cancel, ok := tabs[tab]; ok {
		cancel()
		delete(tabs, tab)
	}
}

// From the projector's session page the room records a verdict, a lesson
// and the action with the keyboard alone; the sprint page, the study's
// map and the actions page show them after the rebuild, with axe-core
// finding nothing wrong with the form open. A page opened from the
// machine's network address shows the states but no controls.
func TestRecordInTheRoom(t *testing.T) {
	ctx := browsertest.New(t)
	dir := exampleSite(t)
	s, _ := startServer(t, dir, false)
	f, err := edit.OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	s.folder = f
	base := serveHTTP(t, s)
	plan := "sprints/" + exampleSprint + "/sprint.toml"

	projector := openTab(t, ctx, base+"/sprints/"+exampleSprint+"/session/", 1920, 1080,
		"the session page offers the form", `!!document.querySelector("#timer .sk-open")`)
	shoot(t, projector, "session-1920")
	press(t, projector, "?")
	if !mustRun(t, projector, `[...document.querySelectorAll("#keys-dialog kbd")].some(k => k.textContent === "r")`) {
		t.Error("the keys dialog does not list r")
	}
	press(t, projector, kb.Escape)
	waitJS(t, projector, "the keys dialog closes", `!document.getElementById("keys-dialog").open`)
	press(t, projector, "f") // the presentation view
	press(t, projector, "r")
	waitJS(t, projector, "the form opens on r", `document.getElementById("sk-record").open && document.activeElement.id === "sk-result-verdict"`)
	shoot(t, projector, "session-form-1920")
	// The verdict: none, supported, refuted.
	keys(t, projector, kb.ArrowDown+kb.ArrowDown)
	keys(t, projector, "\t")
	keys(t, projector, "Kunderna minns inte priset efter kampanjen; de blir överraskade av fakturan.")
	keys(t, projector, "\t")
	// Evidence after: not said, none, opinion, anecdote.
	keys(t, projector, kb.ArrowDown+kb.ArrowDown+kb.ArrowDown)
	keys(t, projector, "\t")
	keys(t, projector, "a", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	keys(t, projector, "Vi skickar mejl om nytt pris två veckor innan.")
	keys(t, projector, "\t")
	keys(t, projector, "a", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	keys(t, projector, "Anna")
	// The due date (a field for each of its parts) and the effort stay
	// as planned.
	for i := 0; i < 6 && text(t, projector, `document.activeElement.id`) != "sk-action-status"; i++ {
		keys(t, projector, "\t")
	}
	if id := text(t, projector, `document.activeElement.id`); id != "sk-action-status" {
		t.Fatalf("tabbing from the owner reaches %q, not the action's state", id)
	}
	keys(t, projector, kb.ArrowDown) // planned → doing
	keys(t, projector, "\t")
	if got := text(t, projector, `document.activeElement.textContent`); got == "" {
		t.Fatal("the save button is not next in the tab order")
	}
	keys(t, projector, "\r")
	waitJS(t, projector, "the page says it saved", `!document.getElementById("sk-record").open && !document.querySelector(".sk-bar").hidden && !document.querySelector(".sk-undo").hidden`)
	// The presentation view was not left, nor the page reloaded.
	if !mustRun(t, projector, `document.documentElement.classList.contains("presenting")`) {
		t.Error("saving left the presentation view")
	}
	got := readFile(t, dir, plan)
	for _, want := range []string{`status = "done"`, `verdict = "refuted"`, `learned = "Kunderna minns inte priset efter kampanjen; de blir överraskade av fakturan."`,
		`evidence = "anecdote"`, `do = "Vi skickar mejl om nytt pris två veckor innan."`, `owner = "Anna"`, `status = "doing"`, "recorded = 2026-11-23"} {
		if !strings.Contains(got, want) {
			t.Errorf("the plan lacks %s:\n%s", want, got)
		}
	}
	waitState(t, s, "the sprint page shows the lesson", func(st *state) bool {
		return strings.Contains(page(st, "sprints/"+exampleSprint+"/index.html"), "de blir överraskade av fakturan")
	})
	shoot(t, projector, "session-saved-1920")

	sprint := openTab(t, ctx, base+"/sprints/"+exampleSprint+"/", 1280, 720, "the sprint page shows the lesson",
		`document.body.innerText.includes("de blir överraskade av fakturan") && !!document.querySelector(".sk-open")`)
	if !mustRun(t, sprint, `document.body.innerText.includes("Anna") && !!document.querySelector("select.sk-state")`) {
		t.Error("the sprint page lacks the owner or the action's state control")
	}
	press(t, sprint, "r")
	waitJS(t, sprint, "the form opens on the sprint page", `document.getElementById("sk-record").open`)
	if v := mustRun(t, sprint, `document.getElementById("sk-result-learned").value.includes("överraskade")`); !v {
		t.Error("the form is not filled from the plan")
	}
	shoot(t, sprint, "sprint-form-1280")
	t.Run("axe with the form open", func(t *testing.T) {
		if v := browsertest.Axe(t, sprint); len(v) > 0 {
			t.Errorf("axe-core: %s", strings.Join(v, "\n"))
		}
	})
	press(t, sprint, kb.Escape)

	study := openTab(t, ctx, base+"/studies/kundresa-2026/", 1920, 1080, "the map shows the action",
		`document.body.innerText.includes("Vi skickar mejl om nytt pris två veckor innan.")`)
	if !mustRun(t, study, `document.querySelectorAll("select.sk-state").length > 0`) {
		t.Error("the map has no state controls")
	}
	shoot(t, study, "map-1920")
	t.Run("axe on the map with its controls", func(t *testing.T) {
		if v := browsertest.Axe(t, study); len(v) > 0 {
			t.Errorf("axe-core: %s", strings.Join(v, "\n"))
		}
	})
	// A change's state moved on the map writes its since.
	studyPath := "content/studies/kundresa-2026.md"
	mapBefore := readFile(t, dir, studyPath)
	if !mustRun(t, study, `(() => {
		const sel = document.querySelector("[data-sprintkit-change] + select.sk-state");
		if (!sel) return false;
		sel.selectedIndex = (sel.selectedIndex + 1) % sel.options.length;
		sel.dispatchEvent(new Event("change"));
		return true;
	})()`) {
		t.Fatal("no state control for a change on the map")
	}
	waitJS(t, study, "the map says it saved", `!document.querySelector(".sk-bar").hidden`)
	if after := readFile(t, dir, studyPath); after == mapBefore || !strings.Contains(after, "since = 2026-11-23") {
		t.Errorf("moving a change on the map: the study is\n%s", after)
	}
	closeTab(study)
	shootPDF(t, ctx, base+"/studies/kundresa-2026/", "map-print")

	actions := openTab(t, ctx, base+"/actions/", 1280, 720, "the actions page shows the action",
		`document.body.innerText.includes("Vi skickar mejl om nytt pris två veckor innan.") && !!document.querySelector("select.sk-state")`)
	shoot(t, actions, "actions-1280")
	// A state moved on the actions page is written.
	before := readFile(t, dir, plan)
	if !mustRun(t, actions, `(() => {
		const sel = [...document.querySelectorAll("select.sk-state")].find(s => s.closest("tr").innerText.includes("Vi skickar mejl om nytt pris"));
		if (!sel) return false;
		sel.focus();
		return true;
	})()`) {
		t.Fatal("no state control for the recorded action")
	}
	keys(t, actions, kb.ArrowDown)
	waitJS(t, actions, "the actions page says it saved", `!document.querySelector(".sk-bar").hidden`)
	if after := readFile(t, dir, plan); after == before || !strings.Contains(after, `status = "done"`) || strings.Contains(after, `status = "doing"`) {
		t.Errorf("moving the action on: the plan is\n%s", after)
	}
	waitJS(t, actions, "the actions page shows the action done after the rebuild", `[...document.querySelectorAll("select.sk-state")].some(s => s.closest("tr").innerText.includes("Vi skickar mejl om nytt pris") && s.value === "done" && s.closest("section").querySelector("h2 .state.done"))`)
	// The page reloaded with the result and still offers to undo it.
	waitJS(t, actions, "the reloaded page offers the undo", `!document.querySelector(".sk-undo").hidden`)
	mustRun(t, actions, `document.querySelector(".sk-undo").focus(), true`)
	keys(t, actions, "\r")
	waitJS(t, actions, "the page says it undid", `document.querySelector(".sk-bar").hidden === false && document.querySelector(".sk-undo").hidden`)
	if got := readFile(t, dir, plan); got != before {
		t.Errorf("after the undo the plan is\n%s\nwant\n%s", got, before)
	}
	waitJS(t, actions, "the actions page shows the action doing again after the rebuild", `[...document.querySelectorAll("select.sk-state")].some(s => s.closest("tr").innerText.includes("Vi skickar mejl om nytt pris") && s.value === "doing" && s.closest("section").querySelector("h2 .state.doing"))`)

	t.Run("axe on the actions page with its controls", func(t *testing.T) {
		if v := browsertest.Axe(t, actions); len(v) > 0 {
			t.Errorf("axe-core: %s", strings.Join(v, "\n"))
		}
	})
	closeTab(sprint)
	narrowActions := openTab(t, ctx, base+"/actions/#"+"doing", 390, 844, "the narrow actions page", `!!document.querySelector("select.sk-state")`)
	shoot(t, narrowActions, "actions-390")
	closeTab(narrowActions)
	session720 := openTab(t, ctx, base+"/sprints/"+exampleSprint+"/session/", 1280, 720, "the session page at 1280", `!!document.querySelector("#timer .sk-open")`)
	press(t, session720, "r")
	waitJS(t, session720, "the form opens at 1280", `document.getElementById("sk-record").open`)
	shoot(t, session720, "session-form-1280")
	closeTab(session720)
	narrow := openTab(t, ctx, base+"/sprints/"+exampleSprint+"/", 390, 844, "the narrow sprint page", `!!document.querySelector(".sk-open")`)
	press(t, narrow, "r")
	waitJS(t, narrow, "the form opens at 390 px", `document.getElementById("sk-record").open`)
	shoot(t, narrow, "sprint-form-390")
	closeTab(narrow)

	closeTab(actions)
	closeTab(projector)

	// A page from the network: the states, no controls, and the line that
	// says where the outcome is recorded.
	ip := networkAddr(t)
	l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: s}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	s.hosts[ip] = true
	away := openTab(t, ctx, "http://"+l.Addr().String()+"/sprints/"+exampleSprint+"/", 1280, 720, "the network's page says who records",
		`!!document.querySelector(".sk-follower")`)
	if mustRun(t, away, `!!document.querySelector(".sk-open, select.sk-state, #sk-record")`) {
		t.Error("a page from the network offers recording controls")
	}
	if mustRun(t, away, `document.getElementById("sprintkit-record").textContent.includes("sprint.toml")`) {
		t.Error("a page from the network learns the files' names and hashes")
	}
	shoot(t, away, "network-1280")
}

// shootPDF saves the page at url, with its controls, printed into
// $SPRINTKIT_SHOTS, when set.
func shootPDF(t *testing.T, ctx context.Context, url, what string) {
	t.Helper()
	folder := os.Getenv("SPRINTKIT_SHOTS")
	if folder == "" {
		return
	}
	tab, cancel := browsertest.Tab(t, ctx)
	defer cancel()
	if err := chromedp.Do(browsertest.Timeout(t, tab, 20*time.Second), chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the controls of "+url, `!!document.querySelector(".sk-state, .sk-open")`)
	pdf, err := chromedp.Call(browsertest.Timeout(t, tab, 60*time.Second), cdppage.PrintToPDF, cdppage.PrintToPDFParams{})
	if err != nil {
		t.Logf("printing %s: %v", url, err)
		return
	}
	if err := os.WriteFile(filepath.Join(folder, what+".pdf"), pdf.Data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// shoot saves a screenshot of the tab into $SPRINTKIT_SHOTS, when set.
func shoot(t *testing.T, tab context.Context, what string) {
	t.Helper()
	folder := os.Getenv("SPRINTKIT_SHOTS")
	if folder == "" {
		return
	}
	png, err := chromedp.Run(browsertest.Timeout(t, tab, 10*time.Second), chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(folder, what+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
