package sitecheck

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/sprintkit/sprintkit/internal/browsertest"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// axeRun runs axe-core on the page and returns its violations, one line
// each with the first elements it names.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v =>
	v.id + " (" + v.impact + "): " + v.help + " at " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")))`

// TestAxe runs axe-core in headless Chromium on every page of the example
// site, on a generated site of 1,000 sprints (every page but its sprints',
// of which every twentieth) and on the year's site. The
// pages are shared out over four browsers, which have axe-core loaded into
// every document they open.
func TestAxe(t *testing.T) {
	src, err := os.ReadFile(tool(t, "axe-core", "AXE_JS", "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	// Without Chromium the whole test skips here, once, rather than each
	// browser's subtest, which would leave pages unchecked.
	browsertest.Require(t)
	ex, gen := exampleSite(t), generatedSite(t)
	type page struct{ dir, path string }
	var pages []page
	exPages, genPages := htmlPages(t, ex), htmlPages(t, gen)
	for _, p := range exPages {
		pages = append(pages, page{ex, p})
	}
	// The 1,000-sprint site's sprint pages and session views are made by
	// the same two templates from like plans: every twentieth of them is
	// checked, and every other page of that site.
	genChecked, nth := 0, 0
	for _, p := range genPages {
		if strings.HasPrefix(p, "sprints/") {
			if nth++; nth%20 != 1 {
				continue
			}
		}
		pages = append(pages, page{gen, p})
		genChecked++
	}
	// The year's site: every page but the sprints', which are like the
	// generated site's, and the sprint with the longest notes.
	year := yearSite(t, "sv")
	yearPages := 0
	for _, p := range htmlPages(t, year) {
		if !strings.HasPrefix(p, "sprints/") || strings.HasPrefix(p, "sprints/"+sitegen.YearInfo(yearSprints).LongNotes+"/") {
			pages = append(pages, page{year, p})
			yearPages++
		}
	}
	const browsers = 4
	var checked, violations atomic.Int64
	t.Run("pages", func(t *testing.T) {
		for i := range browsers {
			t.Run(fmt.Sprint("browser", i), func(t *testing.T) {
				t.Parallel()
				tb := newTab(t)
				preload(t, tb, string(src))
				for j := i; j < len(pages); j += browsers {
					p := pages[j]
					tb.open(t, fileURL(p.dir, p.path))
					for _, v := range axeViolations(t, tb) {
						violations.Add(1)
						t.Errorf("%s: %s", p.path, v)
					}
					checked.Add(1)
				}
			})
		}
	})
	if int(checked.Load()) != len(pages) {
		t.Errorf("checked %d of %d pages", checked.Load(), len(pages))
	}
	t.Logf("axe-core: %d pages of the example site, %d of the 1,000-sprint site's %d and %d of the year's site checked, %d violations",
		len(exPages), genChecked, len(genPages), yearPages, violations.Load())

	tb := newTab(t)
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
	open := axeViolations(t, tb)
	for _, v := range open {
		t.Errorf("index.html with search results open: %s", v)
	}
	t.Logf("axe-core: the search box with results open, %d violations", len(open))
}

// preload has the browser run src in every document it opens from now on,
// before the document's own scripts.
func preload(t *testing.T, tb *tab, src string) {
	t.Helper()
	_, err := chromedp.Run(tb.step(t), chromedp.Action[page.ScriptIdentifier](func(ctx context.Context, target *chromedp.Target) (page.ScriptIdentifier, error) {
		res, err := cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return res.Identifier, err
	}))
	if err != nil {
		t.Fatalf("loading axe-core into the browser: %v", err)
	}
}
