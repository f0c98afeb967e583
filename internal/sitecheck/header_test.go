package sitecheck

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// studiesSite writes a site of n studies, each with a long name, and a
// free page, builds it and returns the folder.
func studiesSite(t *testing.T, n int) string {
	t.Helper()
	src := filepath.Join(tmp, fmt.Sprintf("studies-%d-src", n))
	files := map[string]string{
		"content/site.toml": "title = \"Insiktssprintar\"\nlanguage = \"sv\"\n",
		"content/om.md":     "+++\ntitle = \"Så kör vi en insiktssprint på 90 minuter\"\n+++\n\nSå.\n",
	}
	for i := range n {
		files[fmt.Sprintf("content/studies/studie-%02d.md", i)] = fmt.Sprintf(
			"+++\ntitle = \"Kundresekartläggning för affärsområde %d, 2026\"\nkind = \"journey-map\"\n\n[[stages]]\nid = \"a\"\nname = \"Upptäcka\"\n+++\n", i)
	}
	for name, data := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir, err := buildSite(src, filepath.Join(tmp, fmt.Sprintf("studies-%d", n)))
	if err != nil {
		t.Fatalf("building a site of %d studies: %v", n, err)
	}
	return dir
}

// TestHeaderHeight builds sites of 1, 5 and 20 studies: the header, with
// one link to every study, is as high in each, on a laptop and on a wide
// screen, and is one row there. The session view's own header is a thin
// row above the timer on a 1280×720 projector.
func TestHeaderHeight(t *testing.T) {
	tb := newTab(t)
	header := func(u string) float64 {
		t.Helper()
		if problems := tb.open(t, u); len(problems) > 0 {
			t.Errorf("%s: %v", u, problems)
		}
		return eval[float64](t, tb, `document.querySelector("header.site").getBoundingClientRect().height`)
	}
	sites := map[int]string{}
	for _, n := range []int{1, 5, 20} {
		sites[n] = studiesSite(t, n)
	}
	for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
		if err := chromedp.Do(tb.step(t), chromedp.EmulateViewport(size[0], size[1])); err != nil {
			t.Fatal(err)
		}
		heights := map[int]float64{}
		for n, dir := range sites {
			for _, p := range []string{"index.html", "studies/index.html", "studies/studie-00/index.html"} {
				h := header(fileURL(dir, p))
				if old, ok := heights[n]; ok && old != h {
					t.Errorf("%d×%d, %d studies: the header is %.0f px high on one page and %.0f on another", size[0], size[1], n, old, h)
				}
				heights[n] = h
			}
		}
		t.Logf("%d×%d: header heights by number of studies: %v", size[0], size[1], heights)
		if heights[1] != heights[5] || heights[1] != heights[20] {
			t.Errorf("%d×%d: the header's height changes with the number of studies: %v", size[0], size[1], heights)
		}
		if heights[20] > 60 {
			t.Errorf("%d×%d: the header is %.0f px high, want one row (at most 60 px)", size[0], size[1], heights[20])
		}
	}

	if err := chromedp.Do(tb.step(t), chromedp.EmulateViewport(1280, 720)); err != nil {
		t.Fatal(err)
	}
	session := header(fileURL(exampleSite(t), "sprints/2026-10-20-varfor-ringer-kunder-om-sitt-losenord/session/index.html"))
	t.Logf("1280×720: the session view's header is %.0f px high", session)
	if session > 40 {
		t.Errorf("1280×720: the session view's header is %.0f px high, want a thin row of at most 40 px", session)
	}
}
