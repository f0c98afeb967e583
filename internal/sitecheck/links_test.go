package sitecheck

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestLinks opens the built example site from file:// and from a sub-path
// over HTTP, as it is published on an intranet, follows every link on
// every page, and checks that no link is broken, no asset is missing, no
// page writes a console error, and that search finds a sprint and opens it.
func TestLinks(t *testing.T) {
	dir := exampleSite(t)
	tb := newTab(t)
	t.Run("file", func(t *testing.T) {
		crawl(t, tb, fileURL(dir, "index.html"), fileURL(dir, "")+"/", func(u *url.URL) bool {
			_, err := os.Stat(u.Path)
			return err == nil
		})
		search(t, tb, fileURL(dir, "sprints/2026-10-06-hittar-kunderna-fakturans-forfallodag/index.html"))
	})
	t.Run("sub-path", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.Handle("/intranet/insikt/", http.StripPrefix("/intranet/insikt", http.FileServer(http.Dir(dir))))
		srv := httptest.NewServer(mux) // on 127.0.0.1
		defer srv.Close()
		base := srv.URL + "/intranet/insikt/"
		crawl(t, tb, base+"index.html", base, func(u *url.URL) bool {
			resp, err := http.Head(u.String())
			if err != nil {
				return false
			}
			resp.Body.Close()
			return resp.StatusCode < 400
		})
		search(t, tb, base+"teams/kundservice/index.html")
	})
}

// crawl visits every page reachable from start under base, and 404.html.
// exists tells whether a link's target is there, for the targets that are
// not pages (feed.xml, images) and for file://, where a missing page does
// not fail like a 404 does.
func crawl(t *testing.T, tb *tab, start, base string, exists func(*url.URL) bool) {
	t.Helper()
	seen := map[string]bool{start: true, base + "404.html": true}
	queue := []string{start, base + "404.html"}
	ids := map[string]map[string]bool{} // page -> its ids
	type fragLink struct{ from, page, id string }
	var frags []fragLink
	pages, links, external := 0, 0, 0
	for len(queue) > 0 {
		page := queue[0]
		queue = queue[1:]
		for _, p := range tb.open(t, page) {
			t.Errorf("%s: %s", rel(page, base), p)
		}
		pages++
		ids[page] = map[string]bool{}
		for _, id := range eval[[]string](t, tb, `Array.from(document.querySelectorAll("[id]"), e => e.id)`) {
			ids[page][id] = true
		}
		type link struct{ Href, Raw string }
		for _, l := range eval[[]link](t, tb, `Array.from(document.querySelectorAll("a[href], link[href]"), a => ({href: a.href, raw: a.getAttribute("href")}))`) {
			links++
			u, err := url.Parse(l.Href)
			if err != nil {
				t.Errorf("%s: bad link %q", rel(page, base), l.Raw)
				continue
			}
			frag := u.Fragment
			u.Fragment = ""
			target := u.String()
			if !strings.HasPrefix(target, base) {
				external++
				continue
			}
			if raw, _, _ := strings.Cut(l.Raw, "#"); strings.HasSuffix(raw, "/") || raw == ".." || raw == "." {
				t.Errorf("%s: link %q points at a folder: links must end in index.html", rel(page, base), l.Raw)
				continue
			}
			if exists != nil && !exists(u) {
				t.Errorf("%s: broken link %q", rel(page, base), l.Raw)
				continue
			}
			if frag != "" {
				frags = append(frags, fragLink{page, target, frag})
			}
			if path.Ext(u.Path) == ".html" && !seen[target] {
				seen[target] = true
				queue = append(queue, target)
			}
		}
	}
	// Every #fragment must name an element of the page it points into.
	for _, f := range frags {
		if ids[f.page] != nil && !ids[f.page][f.id] {
			t.Errorf("%s: link to #%s on %s, which has no such id", rel(f.from, base), f.id, rel(f.page, base))
		}
	}
	t.Logf("%s: %d pages opened, %d links checked (%d to #fragments, %d outside the site, not followed)", strings.TrimSuffix(base, "/"), pages, links, len(frags), external)
	if pages < 10 {
		t.Errorf("only %d pages were reached from %s", pages, start)
	}
}

func rel(u, base string) string { return strings.TrimPrefix(u, base) }

// search types a query into the search box of page, checks the results,
// and opens the first with the keyboard.
func search(t *testing.T, tb *tab, page string) {
	t.Helper()
	tb.open(t, page)
	ctx := tb.step(t)
	// "losenord" without the diacritic finds "lösenord".
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS("#search-q")),
		chromedp.Focus(chromedp.CSS("#search-q")),
		chromedp.KeyEvent("losenord"),
		chromedp.WaitVisible(chromedp.CSS("#search-results a")),
	)
	if err != nil {
		t.Fatalf("searching on %s: %v", page, err)
	}
	status := eval[string](t, tb, `document.getElementById("search-status").textContent`)
	titles := eval[[]string](t, tb, `Array.from(document.querySelectorAll("#search-results .title"), e => e.textContent)`)
	if len(titles) == 0 || titles[0] != "Varför ringer kunder om sitt lösenord?" {
		t.Errorf("search for %q gave %q, want the password sprint first", "losenord", titles)
	}
	if !strings.Contains(status, "träff") {
		t.Errorf("search status = %q, want a count of results", status)
	}
	// Down to the first result, Enter opens it.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	if focused := eval[string](t, tb, `(document.activeElement.querySelector(".title") || document.activeElement).textContent`); !strings.HasPrefix(focused, "Varför ringer") {
		t.Errorf("after ArrowDown the focus is on %q, want the first result", focused)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS("article.card h1"))); err != nil {
		t.Fatal(err)
	}
	if h1 := eval[string](t, tb, `document.querySelector("h1").textContent`); h1 != "Varför ringer kunder om sitt lösenord?" {
		t.Errorf("the result opened a page titled %q", h1)
	}
	for _, p := range tb.settle(t) {
		t.Errorf("searching: %s", p)
	}
	t.Logf("search from %s: %s, first result opened", rel(page, page[:strings.Index(page, "/sprints/")+1]), status)
}
