package render_test

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/sprintkit/sprintkit/internal/browsertest"
	"github.com/sprintkit/sprintkit/internal/build"
	"github.com/sprintkit/sprintkit/internal/output"
)

const sessionSprint = "2026-11-24-brevet"

// sessionNotes are the sprint's notes: more than the presentation view's
// column holds at 1280×720, with a table, ending on a line of their own.
const sessionNotes = `## Vad vi hörde

Vi ringde åtta kunder som fått brevet under de senaste två veckorna. En
frågade, en skrev, resten lyssnade och satte lappar på tavlan.

| Kund | Om brevet | Hur de ändrade leveransen |
| --- | --- | --- |
| 1 | "Det låg väl i kassen?" | Ringde oss |
| 2 | Läste bara rubriken | Letade i appen |
| 3 | Mindes inget brev | Svarade på sms:et |

## Det som stack ut

- Flera nämnde **sms:et** om leveransdagen utan att vi frågade.
- Några trodde att brevet var reklam, eftersom det låg bland receptkorten.
- Bara två visste hur de ändrar leveransen själva.

Två kunder sa att de hellre ringer än letar, men att de inte visste att de
kunde ändra leveransdagen på egen hand.

## Diskussionen

Vi var först överens om att göra brevet kortare, men kom fram till att det
inte löser problemet om ingen läser det. Kommunikatören påpekade att ett sms
redan skickas och att vi bara behöver ändra vad som står i det.

Sista raden: kund 8 ringde tillbaka och bekräftade.
`

// buildSessionSite builds a small site into a temporary folder and returns
// the file:// address of its one session page; own adds files to the site
// (its own templates).
func buildSessionSite(t *testing.T, own ...fstest.MapFS) (dir, url string) {
	t.Helper()
	fsys := fstest.MapFS{
		"content/site.toml":       {Data: []byte("title = \"Insikter\"\nlanguage = \"sv\"\n")},
		"content/studies/resa.md": {Data: []byte("+++\ntitle = \"Kundresan\"\n+++\nStudien.\n")},
		"sprints/" + sessionSprint + "/sprint.toml": {Data: []byte(`title = "Läser kunderna <brevet>?"
date = 2026-11-24
team = "Kundservice"
study = "resa"

[assumption]
belief = "Vi tror att kunderna läser brevet."
basis = "assumption"

[question]
ask = "Vad minns du av brevet?"
method = "interview"
criterion = "Minst fem av åtta minns brevets ärende."

[action]
do = "Vi …"
`)},
		"sprints/" + sessionSprint + "/notes.md": {Data: []byte(sessionNotes)},
	}
	for _, files := range own {
		maps.Copy(fsys, files)
	}
	dir = filepath.Join(t.TempDir(), "public")
	var b build.Builder
	err := output.Write(dir, func(w output.Writer) error {
		_, err := b.Build(fsys, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), w)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir, "file://" + filepath.ToSlash(dir) + "/sprints/" + sessionSprint + "/session/index.html"
}

// view is what the test reads off the session page.
type view struct {
	Shown      bool   `json:"shown"`      // the timer is visible
	Block      string `json:"block"`      // time left in the block
	Session    string `json:"session"`    // time left in the session
	Current    int    `json:"current"`    // index of the highlighted block, -1 for none
	Aria       int    `json:"aria"`       // index of the block with aria-current, -1 for none
	Toggle     string `json:"toggle"`     // the start/pause button's text
	Over       bool   `json:"over"`       // the over-time flag is visible
	OverText   string `json:"overText"`   // its text
	OverBlock  bool   `json:"overBlock"`  // the current block is marked as over
	Status     string `json:"status"`     // the status line
	Prev       bool   `json:"prev"`       // the previous button is enabled
	Next       bool   `json:"next"`       // the next button is enabled
	Background string `json:"background"` // the current block's background colour
}

const readView = `(() => {
  const q = s => document.querySelector(s);
  const items = Array.from(document.querySelectorAll("#blocks > li"));
  const cur = items.findIndex(li => li.classList.contains("current"));
  const flag = q("#block-cue");
  return {
    shown: !q("#timer").hidden && q("#timer").offsetParent !== null,
    block: q("#block-left").textContent,
    session: q("#session-left").textContent,
    current: cur,
    aria: items.findIndex(li => li.getAttribute("aria-current") === "step"),
    toggle: q("#toggle").textContent,
    over: !flag.hidden && getComputedStyle(flag).display !== "none" && flag.classList.contains("over"),
    overText: flag.textContent,
    overBlock: cur >= 0 && items[cur].classList.contains("over"),
    status: q("#state").textContent,
    prev: !q("#prev").disabled,
    next: !q("#next").disabled,
    background: cur >= 0 ? getComputedStyle(items[cur]).backgroundColor : "",
  };
})()`

// clock replaces Date.now in every new document with a clock that moves
// only when the test calls __advance(ms).
type clock struct {
	t   *testing.T
	ctx context.Context
	id  page.ScriptIdentifier
}

// set makes new documents start at ms.
func (c *clock) set(ms int64) {
	c.t.Helper()
	if c.id != "" {
		if _, err := chromedp.Call(c.ctx, page.RemoveScriptToEvaluateOnNewDocument, page.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: c.id}); err != nil {
			c.t.Fatal(err)
		}
	}
	src := fmt.Sprintf(`(() => { let now = %d; Date.now = () => now; window.__advance = ms => { now += ms; }; })();`, ms)
	res, err := chromedp.Call(c.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
	if err != nil {
		c.t.Fatal(err)
	}
	c.id = res.Identifier
}

func (c *clock) advance(d time.Duration) {
	c.t.Helper()
	if err := chromedp.Do(c.ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("__advance(%d)", d.Milliseconds()))); err != nil {
		c.t.Fatal(err)
	}
}

// now is the page's clock, to carry it over a reload.
func (c *clock) now() int64 {
	c.t.Helper()
	ms, err := chromedp.Run(c.ctx, chromedp.Evaluate[int64]("Date.now()"))
	if err != nil {
		c.t.Fatal(err)
	}
	return ms
}

// waitFor polls the page until ok holds for its view, or fails after a deadline.
func waitFor(t *testing.T, ctx context.Context, what string, ok func(v view) bool) view {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var v view
	var err error
	for time.Now().Before(deadline) {
		v, err = chromedp.Run(ctx, chromedp.Evaluate[view](readView))
		if err == nil && ok(v) {
			return v
		}
		time.Sleep(40 * time.Millisecond) // polling interval, not an assertion
	}
	t.Fatalf("%s: the page never showed it; last view %+v (err %v)", what, v, err)
	return v
}

// rendered makes the page draw the timer at once, as it does when another
// window of the session changes it, and returns what it shows.
func rendered(t *testing.T, ctx context.Context) view {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[view](`window.dispatchEvent(new StorageEvent("storage", {key: "sprintkit.session.`+sessionSprint+`"})), `+readView))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func TestSessionTimer(t *testing.T) {
	_, url := buildSessionSite(t)
	ctx := browsertest.New(t)
	c := &clock{t: t, ctx: ctx}
	start := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC).UnixMilli()
	c.set(start)
	step := browsertest.Timeout(t, ctx, 60*time.Second)
	c.ctx = step

	do(t, step, chromedp.Navigate(url))
	v := waitFor(t, step, "the timer at rest", func(v view) bool { return v.Shown })
	if v.Block != "10:00" || v.Session != "90:00" || v.Current != 0 || v.Aria != 0 || v.Toggle != "Starta" || v.Over || v.Prev || !v.Next {
		t.Fatalf("before the start: %+v", v)
	}

	// Start with the button; five minutes later half the first block is left.
	do(t, step, chromedp.Click(chromedp.CSS("#toggle")))
	waitFor(t, step, "started", func(v view) bool { return v.Toggle == "Pausa" && strings.HasPrefix(v.Status, "Timern går") })
	c.advance(5 * time.Minute)
	waitFor(t, step, "5:00 left of a 10-minute block", func(v view) bool { return v.Block == "5:00" && v.Session == "85:00" })
	c.advance(500 * time.Millisecond)
	if v := rendered(t, step); v.Block != "5:00" || v.Session != "85:00" {
		t.Fatalf("4:59.5 left should show as 5:00 (rounded up): %+v", v)
	}
	c.advance(500 * time.Millisecond)
	waitFor(t, step, "a second later", func(v view) bool { return v.Block == "4:59" && v.Session == "84:59" })

	// n moves to the next block, which is highlighted and starts afresh;
	// the session keeps counting.
	do(t, step, chromedp.KeyEvent("n"))
	v = waitFor(t, step, "the second block", func(v view) bool { return v.Current == 1 })
	if v.Aria != 1 || v.Block != "10:00" || v.Session != "84:59" || !v.Prev || v.Status != "Block 2 av 5: Förbered frågan" {
		t.Fatalf("after n: %+v", v)
	}
	c.advance(59 * time.Second)
	waitFor(t, step, "59 seconds into the second block", func(v view) bool { return v.Block == "9:01" && v.Session == "84:00" })

	// Space pauses: time that passes no longer counts. Moving on and back
	// shows it, with each block keeping its own time.
	do(t, step, chromedp.KeyEvent(" "))
	waitFor(t, step, "paused", func(v view) bool { return v.Toggle == "Fortsätt" && strings.HasPrefix(v.Status, "Pausad") })
	c.advance(7 * time.Minute)
	do(t, step, chromedp.KeyEvent("n"))
	v = waitFor(t, step, "the third block while paused", func(v view) bool { return v.Current == 2 })
	if v.Block != "40:00" || v.Session != "84:00" {
		t.Fatalf("paused time counted: %+v", v)
	}
	do(t, step, chromedp.KeyEvent("p"))
	v = waitFor(t, step, "back to the second block", func(v view) bool { return v.Current == 1 })
	if v.Block != "9:01" || v.Session != "84:00" || v.Toggle != "Fortsätt" {
		t.Fatalf("after p while paused: %+v", v)
	}

	// A reload (as the dev server's live reload does) keeps the place and
	// the time, paused or running.
	c.set(c.now())
	do(t, step, chromedp.Reload())
	v = waitFor(t, step, "the timer after a reload", func(v view) bool { return v.Shown })
	if v.Current != 1 || v.Block != "9:01" || v.Session != "84:00" || v.Toggle != "Fortsätt" {
		t.Fatalf("after a reload while paused: %+v", v)
	}
	do(t, step, chromedp.Click(chromedp.CSS("#toggle")))
	waitFor(t, step, "running again", func(v view) bool { return v.Toggle == "Pausa" })
	c.advance(2 * time.Minute)
	c.set(c.now() + 30_000) // thirty seconds pass while the page reloads
	do(t, step, chromedp.Reload())
	v = waitFor(t, step, "the running timer after a reload", func(v view) bool { return v.Shown })
	if v.Current != 1 || v.Block != "6:31" || v.Session != "81:30" || v.Toggle != "Pausa" {
		t.Fatalf("after a reload while running: %+v", v)
	}

	// Running over: the time shows how far over, with a text flag, the
	// block is marked, and the status line says so once.
	var before view
	before, _ = chromedp.Run(step, chromedp.Evaluate[view](readView))
	c.advance(6*time.Minute + 46*time.Second)
	v = waitFor(t, step, "over time", func(v view) bool { return v.Over })
	if v.Block != "+0:15" || v.OverText != "1 min över tiden" || !v.OverBlock || v.Status != "Över tiden: Förbered frågan" || v.Session != "74:44" {
		t.Fatalf("over time: %+v", v)
	}
	if v.Background == before.Background {
		t.Errorf("an over-time block has the same background (%s) as one on time", v.Background)
	}

	// Keys do nothing while typing in a field, such as the search box.
	do(t, step, chromedp.Evaluate[chromedp.Void](`(() => { const i = document.createElement("input"); i.id = "typing"; i.setAttribute("aria-label", "test"); document.querySelector("main").prepend(i); i.focus(); })()`))
	do(t, step, chromedp.KeyEvent("n p"))
	v, err := chromedp.Run(step, chromedp.Evaluate[view](readView))
	if err != nil {
		t.Fatal(err)
	}
	if v.Current != 1 || v.Toggle != "Pausa" {
		t.Errorf("keys typed into a field moved the timer: %+v", v)
	}
	typed, err := chromedp.Run(step, chromedp.Value(chromedp.CSS("#typing")))
	if err != nil || typed != "n p" {
		t.Errorf("the field holds %q (%v), want what was typed", typed, err)
	}
}

// TestSessionWithoutJavaScript: the agenda and its minutes are there, and
// the timer's buttons are not.
func TestSessionWithoutJavaScript(t *testing.T) {
	_, url := buildSessionSite(t)
	ctx := browsertest.New(t)
	step := browsertest.Timeout(t, ctx, 30*time.Second)
	if _, err := chromedp.Call(step, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, step, chromedp.Navigate(url))
	agenda, err := chromedp.Run(step, chromedp.Text(chromedp.CSS("#blocks")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Rama in antagandet 10 min", "Möt kunderna 40 min", "Besluta åtgärden 15 min"} {
		if !strings.Contains(agenda, want) {
			t.Errorf("agenda %q lacks %q", agenda, want)
		}
	}
	do(t, step, chromedp.WaitNotVisible(chromedp.CSS("#toggle")))
	title, err := chromedp.Run(step, chromedp.Text(chromedp.CSS("h1")))
	if err != nil || title != "Läser kunderna <brevet>?" {
		t.Errorf("title = %q (%v): user text must show as text", title, err)
	}
}

// TestSessionNotes: w shows the notes right below the frame, where a
// laptop's or a projector's screen shows them without scrolling, and a
// printed page leaves them out, as it leaves out the timer.
func TestSessionNotes(t *testing.T) {
	_, url := buildSessionSite(t)
	ctx := browsertest.New(t)
	step := browsertest.Timeout(t, ctx, 30*time.Second)
	for _, size := range []struct{ w, h int64 }{{1280, 720}, {1920, 1080}} {
		name := fmt.Sprintf("%dx%d", size.w, size.h)
		if _, err := chromedp.Call(step, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: size.w, Height: size.h, DeviceScaleFactor: 1}); err != nil {
			t.Fatal(err)
		}
		do(t, step, chromedp.Navigate(url), chromedp.Evaluate[chromedp.Void]("sessionStorage.clear(); scrollTo(0, 0)"), chromedp.Reload())
		waitFor(t, step, "the timer", func(v view) bool { return v.Shown })
		do(t, step, chromedp.KeyEvent("w"))
		where, err := chromedp.Run(step, chromedp.Evaluate[string](`(() => {
  const first = document.querySelector("#notes-text > :first-child").getBoundingClientRect();
  const frame = document.querySelector(".frame").getBoundingClientRect();
  return first.height && first.top >= frame.bottom && first.bottom <= innerHeight ? "" : "the notes' first line at " + JSON.stringify(first) + ", the frame's end at " + frame.bottom;
})()`))
		if err != nil {
			t.Fatal(err)
		}
		if where != "" {
			t.Errorf("%s: with w, the notes are not in view below the frame: %s", name, where)
		}
	}
	if _, err := chromedp.Call(step, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	printed, err := chromedp.Run(step, chromedp.Evaluate[[]string](`["#live-notes", "#timer", ".frame"].filter(s => document.querySelector(s).getClientRects().length)`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(printed, " ") != ".frame" {
		t.Errorf("printed with the notes shown, the page shows %q, want only the frame of these", printed)
	}
}

// TestSessionAccessible runs axe-core on the session page at rest, running
// and over time, with the notes, in the presentation view with and without
// them, with the record and with the keys' dialog open, in the light and
// the dark theme.
func TestSessionAccessible(t *testing.T) {
	_, url := buildSessionSite(t)
	ctx := browsertest.New(t)
	step := browsertest.Timeout(t, ctx, 60*time.Second)
	c := &clock{t: t, ctx: step}
	c.set(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC).UnixMilli())
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(step, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		}); err != nil {
			t.Fatal(err)
		}
		do(t, step, chromedp.Navigate(url), chromedp.Evaluate[chromedp.Void]("localStorage.clear(); sessionStorage.clear()"), chromedp.Reload())
		waitFor(t, step, "the timer", func(v view) bool { return v.Shown })
		check := func(state string) {
			t.Helper()
			for _, v := range browsertest.Axe(t, step) {
				t.Errorf("%s theme, %s: %s", scheme, state, v)
			}
		}
		notes := func(state string, want bool) {
			t.Helper()
			shown, err := chromedp.Run(step, chromedp.Evaluate[bool](`document.getElementById("live-notes").getClientRects().length > 0`))
			if err != nil {
				t.Fatal(err)
			}
			if shown != want {
				t.Fatalf("%s theme, %s: the notes shown = %v, want %v", scheme, state, shown, want)
			}
			check(state)
		}
		check("at rest")
		do(t, step, chromedp.Click(chromedp.CSS("#toggle")), chromedp.KeyEvent("n"))
		waitFor(t, step, "running", func(v view) bool { return v.Current == 1 && v.Toggle == "Pausa" })
		check("running")
		c.advance(11 * time.Minute)
		waitFor(t, step, "over time", func(v view) bool { return v.Over })
		check("over time")
		do(t, step, chromedp.KeyEvent("w"))
		notes("notes shown", true)
		do(t, step, chromedp.KeyEvent("f"))
		notes("presentation view, notes shown", true)
		do(t, step, chromedp.KeyEvent("w"))
		notes("presentation view", false)
		do(t, step, chromedp.KeyEvent("nnn"))
		c.advance(100 * time.Minute)
		waitFor(t, step, "the record", func(v view) bool { return v.Current == 4 && v.Over })
		check("presentation view, session over, record")
		do(t, step, chromedp.KeyEvent("\x1b"), chromedp.KeyEvent("?"))
		check("keys dialog")
		do(t, step, chromedp.KeyEvent("\x1b"))
	}
}
