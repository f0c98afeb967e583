package render_test

import (
	"bytes"
	"os"
	"regexp"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sprintkit/sprintkit/internal/browsertest"
)

// TestSessionOwnTemplateBeforeTheModel: a site's own session.html from
// before timer.js, which loads session.js alone, still gets a timer that
// runs: session.js loads its model (timer.js) from beside itself, once.
func TestSessionOwnTemplateBeforeTheModel(t *testing.T) {
	own, err := os.ReadFile("../../templates/session.html")
	if err != nil {
		t.Fatal(err)
	}
	modelLine := regexp.MustCompile(`(?m)^<script[^>]*\{\{\.TimerURL\}\}[^>]*></script>\n`)
	before := modelLine.ReplaceAll(own, nil)
	if len(before) == len(own) {
		t.Fatal("session.html has no line that loads {{.TimerURL}}: this test no longer takes it out")
	}
	_, url := buildSessionSite(t, fstest.MapFS{"templates/session.html": {Data: before}})
	ctx := browsertest.New(t)
	step := browsertest.Timeout(t, ctx, 30*time.Second)

	do(t, step, chromedp.Navigate(url))
	v := waitFor(t, step, "the timer at rest", func(v view) bool { return v.Shown })
	if v.Block != "10:00" || v.Session != "90:00" || v.Current != 0 || v.Toggle != "Starta" {
		t.Fatalf("the timer from a session.html without timer.js: %+v", v)
	}
	do(t, step, chromedp.Click(chromedp.CSS("#toggle")))
	waitFor(t, step, "started", func(v view) bool { return v.Toggle == "Pausa" })
	n, err := chromedp.Run(step, chromedp.Evaluate[int](`document.querySelectorAll('script[src$="assets/timer.js"]').length`))
	if err != nil || n != 1 {
		t.Errorf("timer.js loaded by %d script elements (%v), want 1", n, err)
	}
}

// TestSessionOwnTemplateBeforeTheLabelsAsset: a site's own session.html
// from before session-labels.js (testdata/session-before-labels.html)
// carries the timer's texts as data-label-* attributes and does not load
// the asset: its texts show. The same template loading the asset keeps
// its own text where it has one.
func TestSessionOwnTemplateBeforeTheLabelsAsset(t *testing.T) {
	before, err := os.ReadFile("testdata/session-before-labels.html")
	if err != nil {
		t.Fatal(err)
	}
	pause := `data-label-pause="{{t "session.pause"}}"`
	scripts := `<script src="{{.ScriptURL}}" defer></script>`
	if !bytes.Contains(before, []byte(pause)) || !bytes.Contains(before, []byte(scripts)) {
		t.Fatal("the template from before has no data-label-pause, or no session.js")
	}
	before = bytes.Replace(before, []byte(pause), []byte(`data-label-pause="Paus, som vår mall säger"`), 1)
	withAsset := bytes.Replace(before, []byte(scripts), []byte(`<script src="{{.LabelsURL}}" defer></script>`+"\n"+scripts), 1)
	for _, c := range []struct {
		name     string
		template []byte
		asset    bool
	}{{"as it was", before, false}, {"loading the asset", withAsset, true}} {
		_, url := buildSessionSite(t, fstest.MapFS{"templates/session.html": {Data: c.template}})
		ctx := browsertest.New(t)
		step := browsertest.Timeout(t, ctx, 30*time.Second)
		do(t, step, chromedp.Navigate(url))
		v := waitFor(t, step, c.name+": the timer at rest", func(v view) bool { return v.Shown })
		if v.Toggle != "Starta" {
			t.Fatalf("%s: the timer from a session.html with its own labels: %+v", c.name, v)
		}
		do(t, step, chromedp.Click(chromedp.CSS("#toggle")))
		waitFor(t, step, c.name+": started, with the template's text", func(v view) bool { return v.Toggle == "Paus, som vår mall säger" })
		loaded, err := chromedp.Run(step, chromedp.Evaluate[bool](`"sprintkitSessionLabels" in window`))
		if err != nil || loaded != c.asset {
			t.Errorf("%s: session-labels.js loaded: %v (%v), want %v", c.name, loaded, err, c.asset)
		}
		// The template's own record and keys' help, once each: the
		// asset adds none beside them.
		n, err := chromedp.Run(step, chromedp.Evaluate[int](`document.querySelectorAll("#record").length * 10 + document.querySelectorAll("#keys-dialog").length`))
		if err != nil || n != 11 {
			t.Errorf("%s: %d records and keys' helps (tens and ones; %v), want one of each", c.name, n, err)
		}
	}
}

// TestSessionOwnScriptBeforeTheLabelsAsset: a site's own session.js from
// before session-labels.js (testdata/session-before-labels.js), which
// reads the texts from #session's data-label-* attributes alone, shows
// them under the default session.html, which has none: the asset puts
// them there.
func TestSessionOwnScriptBeforeTheLabelsAsset(t *testing.T) {
	before, err := os.ReadFile("testdata/session-before-labels.js")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(before, []byte("sprintkitSessionLabels")) {
		t.Fatal("the script from before already reads session-labels.js")
	}
	_, url := buildSessionSite(t, fstest.MapFS{"templates/session.js": {Data: before}})
	ctx := browsertest.New(t)
	step := browsertest.Timeout(t, ctx, 30*time.Second)
	do(t, step, chromedp.Navigate(url))
	waitFor(t, step, "the timer at rest", func(v view) bool { return v.Shown && v.Toggle == "Starta" })
	do(t, step, chromedp.Click(chromedp.CSS("#toggle")))
	waitFor(t, step, "started, with the asset's text", func(v view) bool { return v.Toggle == "Pausa" })
	minutes, err := chromedp.Run(step, chromedp.Evaluate[string](`document.querySelector("#blocks li .minutes").textContent`))
	if err != nil || minutes != "10 min" {
		t.Errorf("the first block's minutes read %q (%v), want %q", minutes, err, "10 min")
	}
}
