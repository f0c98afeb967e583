package sitecheck

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// TestStudiesPage opens the studies page of a generated year in Chromium:
// a row for each study that links to its map, on the first screen at
// 1280×720, and at 390 px no sideways scrolling there, on any study's page
// or on the start page, whose first screen holds the studies and the
// teams.
func TestStudiesPage(t *testing.T) {
	dir := mapYearSite(t)
	studies := sitegen.YearInfo(mapYearSprints).Studies
	tb := newTab(t)

	if err := chromedp.Do(tb.step(t), chromedp.EmulateViewport(1280, 720)); err != nil {
		t.Fatal(err)
	}
	if problems := tb.open(t, fileURL(dir, "studies/index.html")); len(problems) > 0 {
		t.Errorf("studies/index.html: %v", problems)
	}
	type rows struct {
		Links  []string // each row's link to its study, from the top of the site
		Bottom float64  // the table's bottom
		Cells  int      // the fewest cells of a row
	}
	r := eval[rows](t, tb, `(() => {
		const trs = [...document.querySelectorAll("table.studies tbody tr")];
		const top = new URL("../", location.href).href;
		return {
			Links: trs.map(tr => tr.querySelector("th a").href.slice(top.length)),
			Bottom: document.querySelector("table.studies").getBoundingClientRect().bottom + scrollY,
			Cells: Math.min(...trs.map(tr => tr.cells.length)),
		};
	})()`)
	if len(r.Links) != len(studies) || r.Cells != 7 {
		t.Errorf("the studies page has %d rows of at least %d cells, want one of 7 for each of %d studies", len(r.Links), r.Cells, len(studies))
	}
	links := map[string]bool{}
	for _, l := range r.Links {
		links[l] = true
	}
	for _, st := range studies {
		if want := fmt.Sprintf("studies/%s/index.html", st); !links[want] {
			t.Errorf("no row links %s", want)
		}
	}
	for i, l := range r.Links {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(l))); err != nil {
			t.Errorf("row %d links a page the site does not have: %v", i+1, err)
		}
	}
	if r.Bottom > 720 {
		t.Errorf("at 1280×720 the studies end at y=%.0f, below the first screen", r.Bottom)
	}

	// The start page: a link to a study and one to a team in its first screen.
	for _, site := range []string{exampleSite(t), dir} {
		tb.open(t, fileURL(site, "index.html"))
		top := eval[[]float64](t, tb, `["studies/", "teams/"].map(p => {
			const a = document.querySelector("main a[href*='" + p + "']");
			return a ? a.getBoundingClientRect().top + scrollY : Infinity;
		})`)
		if top[0] > 720 || top[1] > 720 {
			t.Errorf("%s: at 1280×720 the first study is at y=%.0f and the first team at y=%.0f, want both on the first screen", site, top[0], top[1])
		}
	}

	pages := []string{"index.html", "studies/index.html"}
	for _, st := range studies {
		pages = append(pages, "studies/"+st+"/index.html")
	}
	for _, w := range []int64{390, 320} {
		if err := chromedp.Do(tb.step(t), chromedp.EmulateViewport(w, 844)); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			tb.open(t, fileURL(dir, p))
			if sw := eval[int64](t, tb, `document.documentElement.scrollWidth`); sw > w {
				t.Errorf("%s is %d px wide at %d px: it scrolls sideways", p, sw, w)
			}
		}
	}
}
