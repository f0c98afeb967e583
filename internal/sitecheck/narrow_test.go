package sitecheck

import (
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// brokenWords is a script that lists the words of the page that are split
// across two lines without a hyphen to split them at, as overflow-wrap
// does to a word too long for its line: "välkomstbre" / "vet".
const brokenWords = `(() => {
	const broken = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const words = /\S+/g;
		for (let m; (m = words.exec(n.data)); ) {
			if (/[-\u00ad\u2010\u2013\/]/.test(m[0])) continue;
			const r = document.createRange();
			r.setStart(n, m.index);
			r.setEnd(n, m.index + m[0].length);
			const lines = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.bottom)));
			if (lines.size > 1) broken.push(m[0]);
		}
	}
	return broken;
})()`

// TestNarrowScreen opens the assumption board and every session view of
// the example at 320 px, the narrowest phone: nothing is wider than the
// screen, and no word is broken in the middle without a hyphen.
func TestNarrowScreen(t *testing.T) {
	dir := exampleSite(t)
	pages := []string{"assumptions/index.html"}
	sessions, _ := filepath.Glob(filepath.Join(dir, "sprints", "*", "session", "index.html"))
	for _, p := range sessions {
		rel, _ := filepath.Rel(dir, p)
		pages = append(pages, filepath.ToSlash(rel))
	}
	if len(sessions) == 0 {
		t.Fatal("the example has no session views")
	}
	tb := newTab(t)
	if err := chromedp.Do(tb.step(t), chromedp.EmulateViewport(320, 640)); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if problems := tb.open(t, fileURL(dir, p)); len(problems) > 0 {
			t.Errorf("%s: %v", p, problems)
		}
		if w := eval[int](t, tb, `document.documentElement.scrollWidth`); w > 320 {
			t.Errorf("%s is %d px wide at 320 px: it scrolls sideways", p, w)
		}
		if words := eval[[]string](t, tb, brokenWords); len(words) > 0 {
			t.Errorf("%s at 320 px breaks these words in the middle without a hyphen: %q", p, words)
		}
	}
}
