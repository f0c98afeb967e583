package sitecheck

import (
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeRun runs axe-core on the page and returns its violations, one line
// each with the first elements it names.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v =>
	v.id + " (" + v.impact + "): " + v.help + " at " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")))`

// TestAxe runs axe-core in headless Chromium on every page of the example
// site, and on a sample of a generated site of 1,000 sprints: the first,
// middle and last page of each kind (sprint, session, study, team) and
// each single page, to keep the test quick. The pages of one kind share
// their template, so a sample finds what the template does wrong.
func TestAxe(t *testing.T) {
	src, err := os.ReadFile(tool(t, "AXE_JS", "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	tb := newTab(t)
	ex, gen := exampleSite(t), generatedSite(t)
	for _, site := range []struct {
		name, dir string
		pages     []string
	}{
		{"example site", ex, htmlPages(t, ex)},
		{"1,000-sprint site (sample)", gen, sample(htmlPages(t, gen), 3)},
	} {
		violations := 0
		for _, p := range site.pages {
			tb.open(t, fileURL(site.dir, p))
			eval[bool](t, tb, string(src)+"\ntrue")
			for _, v := range eval[[]string](t, tb, axeRun) {
				violations++
				t.Errorf("%s: %s", p, v)
			}
		}
		t.Logf("axe-core: %d pages of the %s checked, %d violations", len(site.pages), site.name, violations)
	}
	// The search box with its results open, which no page shows on load.
	tb.open(t, fileURL(ex, "index.html"))
	err = chromedp.Do(tb.step(t),
		chromedp.Focus(chromedp.CSS("#search-q")),
		chromedp.KeyEvent("kund"),
		chromedp.WaitVisible(chromedp.CSS("#search-results a")),
	)
	if err != nil {
		t.Fatalf("searching: %v", err)
	}
	eval[bool](t, tb, string(src)+"\ntrue")
	open := eval[[]string](t, tb, axeRun)
	for _, v := range open {
		t.Errorf("index.html with search results open: %s", v)
	}
	t.Logf("axe-core: the search box with results open, %d violations", len(open))
}
