package render_test

import (
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
