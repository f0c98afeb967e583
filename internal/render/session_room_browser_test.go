package render_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/sprintkit/sprintkit/internal/browsertest"
)

// audioShim replaces the Web Audio API in every new document with one that
// counts the tones the page starts, in window.__tones.
const audioShim = `(() => {
  window.__tones = 0;
  const param = () => ({ setValueAtTime() {}, exponentialRampToValueAtTime() {}, linearRampToValueAtTime() {} });
  window.AudioContext = class {
    constructor() { this.currentTime = 0; this.state = "running"; this.destination = {}; }
    createOscillator() { return { type: "", frequency: param(), connect() {}, start() { window.__tones++; }, stop() {} }; }
    createGain() { return { gain: param(), connect() {} }; }
    resume() { return Promise.resolve(); }
  };
})();`

// cues is what the test reads of the timer's cues and the agenda.
type cues struct {
	Block        string   `json:"block"`        // time left in the block
	Session      string   `json:"session"`      // time left in the session
	Cue          string   `json:"cue"`          // the block's cue, "" when hidden
	Kind         string   `json:"kind"`         // its class: soon or over
	SessionCue   string   `json:"sessionCue"`   // the session's cue, "" when hidden
	SessionOver  bool     `json:"sessionOver"`  // the page is marked as over the session's time
	Minutes      []string `json:"minutes"`      // each block's minutes in the agenda
	Total        string   `json:"total"`        // the agenda's total
	Tones        int      `json:"tones"`        // tones the page has played
	Chime        string   `json:"chime"`        // the chime button's aria-pressed
	Name         string   `json:"name"`         // the current block's name
	NextName     string   `json:"nextName"`     // the next block's name
	Record       bool     `json:"record"`       // the record is shown
	RecordRows   []string `json:"recordRows"`   // its rows, cells joined by "|"
	BlockColour  string   `json:"blockColour"`  // the block time's colour
	PresentShown bool     `json:"presentShown"` // the site's header is hidden
}

const readCues = `(() => {
  const q = s => document.querySelector(s);
  const shown = e => !e.hidden && getComputedStyle(e).display !== "none";
  const cue = q("#block-cue"), sc = q("#session-cue");
  return {
    block: q("#block-left").textContent,
    session: q("#session-left").textContent,
    cue: shown(cue) ? cue.textContent : "",
    kind: cue.classList.contains("over") ? "over" : cue.classList.contains("soon") ? "soon" : "",
    sessionCue: shown(sc) ? sc.textContent : "",
    sessionOver: document.documentElement.classList.contains("session-over"),
    minutes: Array.from(document.querySelectorAll("#blocks .minutes")).map(e => e.textContent),
    total: q("#agenda-total").textContent,
    tones: window.__tones || 0,
    chime: q("#chime").getAttribute("aria-pressed"),
    name: q("#block-name").textContent,
    nextName: q("#next-name").textContent,
    record: shown(q("#record")),
    recordRows: Array.from(document.querySelectorAll("#record-rows tr")).map(tr => Array.from(tr.cells).map(c => c.textContent).join("|")),
    blockColour: getComputedStyle(q("#block-left")).color,
    presentShown: getComputedStyle(q("header.site")).display === "none",
  };
})()`

// TestSessionCues: the warning before a block ends and the overtime
// states, adding and taking minutes, the chime at a block's end and its
// mute, the record at the end and its Markdown table.
func TestSessionCues(t *testing.T) {
	_, url := buildSessionSite(t)
	ctx := browsertest.New(t)
	step := browsertest.Timeout(t, ctx, 90*time.Second)
	if _, err := chromedp.Call(step, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: audioShim}); err != nil {
		t.Fatal(err)
	}
	c := &clock{t: t, ctx: step}
	c.set(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC).UnixMilli())
	do(t, step, chromedp.Navigate(url), chromedp.Evaluate[chromedp.Void]("localStorage.clear()"), chromedp.Reload())
	waitFor(t, step, "the timer", func(v view) bool { return v.Shown })
	read := func() cues {
		t.Helper()
		do(t, step, chromedp.Evaluate[chromedp.Void](`window.dispatchEvent(new StorageEvent("storage", {key: "sprintkit.session.`+sessionSprint+`"}))`))
		v, err := chromedp.Run(step, chromedp.Evaluate[cues](readCues))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v := read()
	if v.Name != "Rama in antagandet" || v.NextName != "Förbered frågan" || v.Cue != "" || v.Chime != "true" || v.Record {
		t.Fatalf("at rest: %+v", v)
	}
	rest := v.BlockColour

	// A ten-minute block warns two minutes before its end, not before.
	do(t, step, chromedp.KeyEvent(" "))
	c.advance(7*time.Minute + 59*time.Second)
	if v = read(); v.Block != "2:01" || v.Cue != "" {
		t.Fatalf("2:01 left: %+v", v)
	}
	c.advance(time.Second)
	if v = read(); v.Block != "2:00" || v.Cue != "Snart slut" || v.Kind != "soon" || v.BlockColour == rest {
		t.Fatalf("2:00 left: no warning: %+v", v)
	}
	// At its end the chime sounds, once; then the block is over, by word
	// and colour.
	c.advance(2 * time.Minute)
	if v = read(); v.Block != "0:00" || v.Tones == 0 {
		t.Fatalf("at the block's end, no chime: %+v", v)
	}
	tones := v.Tones
	c.advance(61 * time.Second)
	if v = read(); v.Block != "+1:01" || v.Cue != "2 min över tiden" || v.Kind != "over" || v.Tones != tones || v.SessionCue != "" {
		t.Fatalf("1:01 over: %+v", v)
	}

	// + and = add a minute, - takes one; the agenda and the session's time
	// follow, and the block is no longer over.
	do(t, step, chromedp.KeyEvent("+="))
	if v = read(); v.Block != "0:59" || v.Minutes[0] != "12 min (+2)" || v.Total != "92 minuter" || v.Session != "80:59" || v.Kind != "soon" {
		t.Fatalf("after two minutes more: %+v", v)
	}
	do(t, step, chromedp.KeyEvent("n"), chromedp.KeyEvent("-------"))
	if v = read(); v.Minutes[1] != "3 min (−7)" || v.Block != "3:00" || v.Total != "85 minuter" || v.Name != "Förbered frågan" {
		t.Fatalf("after seven minutes less: %+v", v)
	}
	// A three-minute block warns a fifth of it before its end: 36 seconds.
	c.advance(2*time.Minute + 23*time.Second)
	if v = read(); v.Block != "0:37" || v.Cue != "" {
		t.Fatalf("0:37 left of 3:00: %+v", v)
	}
	c.advance(time.Second)
	if v = read(); v.Block != "0:36" || v.Kind != "soon" {
		t.Fatalf("0:36 left of 3:00: %+v", v)
	}

	// m mutes the chime, and the choice lasts over a reload; a block that
	// ends then plays nothing.
	do(t, step, chromedp.KeyEvent("m"))
	if v = read(); v.Chime != "false" {
		t.Fatalf("after m: %+v", v)
	}
	c.set(c.now())
	do(t, step, chromedp.Reload())
	waitFor(t, step, "the timer after a reload", func(v view) bool { return v.Shown })
	if v = read(); v.Chime != "false" || v.Tones != 0 || v.Block != "0:36" {
		t.Fatalf("after a reload: %+v", v)
	}
	c.advance(40 * time.Second)
	if v = read(); v.Kind != "over" || v.Tones != 0 {
		t.Fatalf("a muted block's end: %+v", v)
	}

	// The session runs over: by word, and the page is marked. The last
	// block's end shows the record, which copies as a Markdown table.
	do(t, step, chromedp.KeyEvent("nnn"))
	if v = read(); v.Name != "Besluta åtgärden" || v.NextName != "Sista blocket" || v.Record {
		t.Fatalf("on the last block: %+v", v)
	}
	c.advance(90 * time.Minute)
	v = read()
	if v.SessionCue == "" || !strings.HasSuffix(v.SessionCue, "min över tiden") || !v.SessionOver || !v.Record || len(v.RecordRows) != 6 {
		t.Fatalf("over the session's time: %+v", v)
	}
	if v.RecordRows[0] != "Rama in antagandet|10|11" || v.RecordRows[1] != "Förbered frågan|10|3" || v.RecordRows[4] != "Besluta åtgärden|15|90" {
		t.Errorf("record: %q", v.RecordRows)
	}
	copied, err := chromedp.Run(step, chromedp.Evaluate[string](`new Promise(done => {
  Object.defineProperty(navigator, "clipboard", {configurable: true, value: {writeText: t => { done(t); return Promise.resolve(); }}});
  document.querySelector("#copy").click();
})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if want := "| Block | Planerat, min | Faktiskt, min |\n| --- | ---: | ---: |\n| Rama in antagandet | 10 | 11 |\n"; !strings.HasPrefix(copied, want) || !strings.HasSuffix(copied, "| Totalt | 90 | 104 |\n") {
		t.Errorf("copied %q", copied)
	}
	// Where the clipboard refuses, the table shows, selected, to copy by hand.
	hand, err := chromedp.Run(step, chromedp.Evaluate[string](`new Promise(done => {
  Object.defineProperty(navigator, "clipboard", {configurable: true, value: {writeText: () => Promise.reject(new Error("refused"))}});
  document.querySelector("#copy").click();
  setTimeout(() => {
    const a = document.querySelector("#record-md");
    done(!a.closest("[hidden]") && document.activeElement === a && a.selectionEnd - a.selectionStart === a.value.length ? a.value : "");
  }, 50);
})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if hand != copied {
		t.Errorf("by hand: %q, want the table selected", hand)
	}
}

// TestSessionKeysHelp: ? opens a dialog with every key, Escape closes it;
// a touch screen gets the buttons' line, not the keys.
func TestSessionKeysHelp(t *testing.T) {
	_, url := buildSessionSite(t)
	ctx := browsertest.New(t)
	step := browsertest.Timeout(t, ctx, 30*time.Second)
	do(t, step, chromedp.Navigate(url))
	waitFor(t, step, "the timer", func(v view) bool { return v.Shown })
	do(t, step, chromedp.KeyEvent("?"))
	keys, err := chromedp.Run(step, chromedp.Evaluate[[]string](`(() => { const d = document.querySelector("#keys-dialog"); return d.open && d.contains(document.activeElement) ? Array.from(d.querySelectorAll("kbd")).map(k => k.textContent) : []; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(keys, " ") != "mellanslag n p + = - f w m ?" {
		t.Errorf("the keys' dialog shows %q", keys)
	}
	// Keys do nothing behind the dialog; Escape closes it.
	do(t, step, chromedp.KeyEvent("n"), chromedp.KeyEvent("\x1b"))
	if v := waitFor(t, step, "the dialog closed", func(view) bool {
		open, err := chromedp.Run(step, chromedp.Evaluate[bool](`document.querySelector("#keys-dialog").open`))
		return err == nil && !open
	}); v.Current != 0 {
		t.Errorf("n behind the dialog moved the timer: %+v", v)
	}
	hints := func() string {
		t.Helper()
		s, err := chromedp.Run(step, chromedp.Evaluate[string](`Array.from(document.querySelectorAll(".keys, #help")).filter(e => e.getClientRects().length).map(e => e.id || e.className).join(" ")`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if h := hints(); h != "help keys keyboard" {
		t.Errorf("with a mouse, the page shows %q", h)
	}
	if _, err := chromedp.Call(step, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 1}); err != nil {
		t.Fatal(err)
	}
	do(t, step, chromedp.Reload())
	waitFor(t, step, "the timer on a touch screen", func(v view) bool { return v.Shown })
	if h := hints(); h != "keys touch" {
		t.Errorf("on a touch screen, the page shows %q", h)
	}
}

// TestSessionPresentation: in the presentation view the block's name and
// time, the next block, the session's time, the assumption, the question
// and the criterion are inside the screen, in large type, at a projector's
// sizes and a phone's, without and with the notes (w); Escape leaves it.
// SPRINTKIT_SHOTS names a folder for the screenshots.
func TestSessionPresentation(t *testing.T) {
	_, url := buildSessionSite(t)
	ctx := browsertest.New(t)
	step := browsertest.Timeout(t, ctx, 90*time.Second)
	c := &clock{t: t, ctx: step}
	c.set(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC).UnixMilli())
	for _, size := range []struct {
		w, h  int64
		phone bool
	}{{1280, 720, false}, {1920, 1080, false}, {390, 844, true}} {
		name := fmt.Sprintf("%dx%d", size.w, size.h)
		if _, err := chromedp.Call(step, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: size.w, Height: size.h, DeviceScaleFactor: 1}); err != nil {
			t.Fatal(err)
		}
		do(t, step, chromedp.Navigate(url), chromedp.Evaluate[chromedp.Void]("localStorage.clear(); sessionStorage.clear()"), chromedp.Reload())
		waitFor(t, step, "the timer", func(v view) bool { return v.Shown })
		if size.phone {
			// The view works where full screen is refused.
			do(t, step, chromedp.Evaluate[chromedp.Void](`document.documentElement.requestFullscreen = () => Promise.reject(new TypeError("refused"))`))
		}
		do(t, step, chromedp.KeyEvent(" "), chromedp.KeyEvent("f"))
		c.advance(3 * time.Minute)
		for _, notes := range []bool{false, true} {
			variant := name
			if notes {
				do(t, step, chromedp.KeyEvent("w"))
				variant = "notes-" + name
			}
			do(t, step, chromedp.Evaluate[chromedp.Void](`window.dispatchEvent(new StorageEvent("storage", {key: "sprintkit.session.`+sessionSprint+`"})); scrollTo(0, 0)`))
			problems, err := chromedp.Run(step, chromedp.Evaluate[[]string](fmt.Sprintf(checkPresentation, size.phone, notes)))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				t.Errorf("%s: %s", variant, p)
			}
			shoot(t, step, "session-"+variant)
		}
		do(t, step, chromedp.KeyEvent("\x1b"))
		// Full screen may settle after the key: wait for the view to go.
		waitFor(t, step, name+": Escape leaves the presentation view", func(view) bool {
			left, err := chromedp.Run(step, chromedp.Evaluate[bool](`!document.documentElement.classList.contains("presenting") && getComputedStyle(document.querySelector("header.site")).display !== "none"`))
			return err == nil && left
		})
	}
}

// checkPresentation lists what is wrong with the presentation view: what
// item 1 of the view needs outside the viewport, text smaller than 3% of
// its height, the block's time smaller than 15% of it (on a phone, 20% of
// its width: 15% of a phone's height does not fit its width), the block's
// name or time running out of their frame, a word of the blocks' names
// or of the frame broken in the middle, parts of the view on top of each
// other, or the page wider than the screen. Without the notes the
// block's name is as large as its time; with them (the second argument)
// it is smaller, to leave room for the notes. The notes are then shown:
// on a projector beside the timer, inside the screen, with their last
// line in view and nothing running out of their column; on a phone below
// the rest, where they may be below the fold.
const checkPresentation = `((phone, notes) => {
  const out = [];
  const W = innerWidth, H = innerHeight;
  const root = document.documentElement;
  if (!root.classList.contains("presenting")) out.push("not presenting");
  if (root.classList.contains("with-notes") !== notes) out.push("the class with-notes is " + root.classList.contains("with-notes"));
  if (getComputedStyle(document.querySelector("header.site")).display !== "none") out.push("the site's header shows");
  const inside = r => r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= W + 0.5 && r.bottom <= H + 0.5;
  for (const s of ["#block-name", "#block-left", "#next-name", "#session-left", ".frame .believed", ".frame .asked", ".frame .success"].concat(phone ? [] : ["#toggle", "#present"])) {
    const e = document.querySelector(s);
    if (!e) { out.push(s + " missing"); continue; }
    const r = e.getBoundingClientRect();
    if (!inside(r)) out.push(s + " outside the viewport: " + JSON.stringify(r));
  }
  if (root.scrollWidth > W) out.push("the page is " + root.scrollWidth + "px wide, the screen " + W + "px");
  const time = parseFloat(getComputedStyle(document.querySelector("#block-left")).fontSize);
  if (phone ? time < 0.2 * W : time < 0.15 * H) out.push("the block's time is " + time + "px");
  // The block's name and time stay inside the frame around them.
  const frame = document.querySelector(".timer .now").getBoundingClientRect();
  for (const s of ["#block-name", "#block-left"]) {
    const text = document.createRange();
    text.selectNodeContents(document.querySelector(s));
    const r = text.getBoundingClientRect();
    if (r.right > frame.right + 0.5 || r.left < frame.left - 0.5) out.push(s + " runs out of its frame: " + JSON.stringify(r) + " in " + JSON.stringify(frame));
  }
  // So does a wide time it can show: a block nine minutes over (on a
  // phone, where the time has a line of its own, ninety).
  const left = document.querySelector("#block-left");
  const pen = document.createElement("canvas").getContext("2d");
  const cs = getComputedStyle(left);
  pen.font = cs.fontStyle + " " + cs.fontWeight + " " + cs.fontSize + " " + cs.fontFamily;
  const wide = phone ? "+88:88" : "+8:88";
  const widest = pen.measureText(wide).width;
  if (left.getBoundingClientRect().left + widest > frame.right + 0.5) out.push("a time of " + wide + " (" + widest + "px) runs out of the block's frame");
  const name = parseFloat(getComputedStyle(document.querySelector("#block-name")).fontSize);
  if (!phone && !notes && name < time * 0.99) out.push("the block's name (" + name + "px) is smaller than its time (" + time + "px)");
  // No word of the blocks' names or of the frame is broken in the middle,
  // as overflow-wrap breaks a word too long for its line.
  for (const s of ["#block-name", "#next-name", ".frame"]) {
    const walk = document.createTreeWalker(document.querySelector(s), NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      for (const m of n.data.matchAll(/[^\s\-\u00ad\u2010\u2013\/]+/g)) {
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const lines = new Set(Array.from(r.getClientRects()).filter(b => b.width > 0).map(b => Math.round(b.bottom)));
        if (lines.size > 1) out.push(s + ": the word " + JSON.stringify(m[0]) + " is broken across lines");
      }
    }
  }
  // The parts of the view do not lie on top of each other. On a wide
  // screen the buttons float over the view only while the mouse moves:
  // at rest they are not seen.
  const controls = document.querySelector(".timer .controls");
  const floating = getComputedStyle(controls).position === "fixed";
  if (floating && getComputedStyle(controls).opacity !== "0") out.push("the floating buttons show while the mouse is still");
  if (phone && floating) out.push("the buttons float over a phone's view");
  const parts = [".timer .now", ".timer .then", ".frame", ".timer .controls", "#live-notes"]
    .map(s => [s, document.querySelector(s)]).filter(([, e]) => e.getClientRects().length)
    .filter(([s]) => !(floating && s === ".timer .controls"))
    .map(([s, e]) => [s, e.getBoundingClientRect()]);
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const [s, a] = parts[i], [z, b] = parts[j];
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) out.push(s + " overlaps " + z + ": " + JSON.stringify(a) + " and " + JSON.stringify(b));
    }
  }
  const panel = document.querySelector("#live-notes");
  if (notes && !panel.getClientRects().length) out.push("the notes are not shown");
  if (notes && !phone && panel.getClientRects().length) {
    const r = panel.getBoundingClientRect();
    if (!inside(r)) out.push("the notes are outside the viewport: " + JSON.stringify(r));
    // Their newest lines, at the end, are in view.
    const text = document.querySelector("#notes-text"), box = text.getBoundingClientRect();
    const last = text.lastElementChild.getBoundingClientRect();
    if (last.bottom > box.bottom + 0.5 || last.bottom > H + 0.5) out.push("the notes' last line is out of view: " + JSON.stringify(last) + " in " + JSON.stringify(box));
    // Nothing in them (a table, an image) runs out of their column.
    for (const e of text.querySelectorAll("*")) {
      const b = e.getBoundingClientRect();
      if (b.width && (b.right > box.right + 0.5 || b.left < box.left - 0.5)) { out.push("in the notes, " + e.tagName.toLowerCase() + " runs out of their column: " + JSON.stringify(b) + " in " + JSON.stringify(box)); break; }
    }
  }
  const walk = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const e = n.parentElement;
    if (!n.textContent.trim() || !e.getClientRects().length || e.closest(".status-line, dialog, [hidden]")) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < 0.03 * H - 0.5) out.push("text " + JSON.stringify(n.textContent.trim().slice(0, 30)) + " is " + size + "px");
  }
  return out;
})(%t, %t)`

// TestSessionWakeLock: the page holds a screen wake lock while the timer
// runs and lets it go when it pauses; a browser that refuses one changes
// nothing else.
func TestSessionWakeLock(t *testing.T) {
	_, url := buildSessionSite(t)
	ctx := browsertest.New(t)
	step := browsertest.Timeout(t, ctx, 30*time.Second)
	const shim = `(() => {
  window.__locks = 0;
  Object.defineProperty(navigator, "wakeLock", {configurable: true, value: {request(kind) {
    if (window.__refuse) return Promise.reject(new DOMException("refused", "NotAllowedError"));
    window.__locks++;
    const l = new EventTarget();
    l.release = () => { window.__locks--; return Promise.resolve(); };
    return Promise.resolve(l);
  }}});
})();`
	if _, err := chromedp.Call(step, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: shim}); err != nil {
		t.Fatal(err)
	}
	do(t, step, chromedp.Navigate(url), chromedp.Evaluate[chromedp.Void]("localStorage.clear()"), chromedp.Reload())
	waitFor(t, step, "the timer", func(v view) bool { return v.Shown })
	locks := func(want int) {
		t.Helper()
		waitFor(t, step, fmt.Sprintf("%d wake locks", want), func(view) bool {
			n, err := chromedp.Run(step, chromedp.Evaluate[int]("window.__locks"))
			return err == nil && n == want
		})
	}
	locks(0)
	do(t, step, chromedp.KeyEvent(" "))
	locks(1)
	do(t, step, chromedp.KeyEvent(" "))
	locks(0)
	do(t, step, chromedp.Evaluate[chromedp.Void]("window.__refuse = true"), chromedp.KeyEvent(" "))
	waitFor(t, step, "running without a wake lock", func(v view) bool { return v.Toggle == "Pausa" })
	locks(0)
	// A refusal is not asked again four times a second.
	do(t, step, chromedp.Evaluate[chromedp.Void]("window.__asked = 0; const r = navigator.wakeLock.request; navigator.wakeLock.request = k => { window.__asked++; return r(k); }"))
	redraw := `for (let i = 0; i < 3; i++) window.dispatchEvent(new StorageEvent("storage", {key: "sprintkit.session.` + sessionSprint + `"})); window.__asked`
	if n, err := chromedp.Run(step, chromedp.Evaluate[int](redraw)); err != nil || n != 0 {
		t.Errorf("asked for a wake lock %d times after a refusal (%v)", n, err)
	}
}
