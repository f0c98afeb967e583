package sitecheck

import (
	"context"
	"encoding/xml"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/sprintkit/sprintkit/internal/browsertest"
)

var (
	htmlLang  = regexp.MustCompile(`<html lang="([^"]*)">`)
	titleTag  = regexp.MustCompile(`<title>([^<]*)</title>`)
	metaDescr = regexp.MustCompile(`<meta name="description" content="([^"]*)">`)
)

// TestPageHead checks that every page of both sites has the site's
// language, a title of its own that ends with the site's title, and a
// description.
func TestPageHead(t *testing.T) {
	for _, site := range []struct{ name, dir string }{
		{"example site", exampleSite(t)},
		{"1,000-sprint site", generatedSite(t)},
	} {
		titles := map[string]string{}
		pages := htmlPages(t, site.dir)
		for _, p := range pages {
			b, err := os.ReadFile(filepath.Join(site.dir, filepath.FromSlash(p)))
			if err != nil {
				t.Fatal(err)
			}
			src := string(b)
			if m := htmlLang.FindStringSubmatch(src); m == nil || m[1] != "sv" {
				t.Errorf("%s: %s: html lang = %v, want sv (the site's language)", site.name, p, m)
			}
			m := titleTag.FindStringSubmatch(src)
			if m == nil || !strings.HasSuffix(html.UnescapeString(m[1]), "Insiktssprintar") {
				t.Errorf("%s: %s: title %v does not end with the site's title", site.name, p, m)
			} else if other, dup := titles[m[1]]; dup {
				t.Errorf("%s: %s has the same title as %s: %q", site.name, p, other, m[1])
			} else {
				titles[m[1]] = p
			}
			if d := metaDescr.FindStringSubmatch(src); d == nil || strings.TrimSpace(d[1]) == "" {
				t.Errorf("%s: %s: no meta description", site.name, p)
			}
		}
		t.Logf("%s: %d pages with lang, a title of their own and a description", site.name, len(pages))
	}
}

// TestFeedFile parses the example site's feed.xml as Atom: the required
// elements are there, every sprint is an entry, and links are absolute.
func TestFeedFile(t *testing.T) {
	dir := exampleSite(t)
	b, err := os.ReadFile(filepath.Join(dir, "feed.xml"))
	if err != nil {
		t.Fatalf("the example site has a base_url, so it must have a feed: %v", err)
	}
	type link struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	}
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Links   []link   `xml:"link"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    link   `xml:"link"`
			Author  string `xml:"author>name"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b, &feed); err != nil {
		t.Fatalf("feed.xml is not an Atom feed: %v", err)
	}
	const base = "https://intranat.example.se/insikt/"
	if feed.ID != base || feed.Title == "" || feed.Updated == "" || len(feed.Links) == 0 {
		t.Errorf("feed lacks id, title, updated or links: %+v", feed)
	}
	sprints, _ := filepath.Glob(filepath.Join(browsertest.ModuleRoot(t), "sprints", "*", "sprint.toml"))
	if len(feed.Entries) != len(sprints) {
		t.Errorf("feed has %d entries, want one for each of the %d sprints", len(feed.Entries), len(sprints))
	}
	for _, e := range feed.Entries {
		if e.Title == "" || e.Updated == "" || e.Author == "" || !strings.HasPrefix(e.ID, base) || !strings.HasPrefix(e.Link.Href, base+"sprints/") {
			t.Errorf("entry lacks a title, date or author, or has a relative link: %+v", e)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(e.Link.Href, base)))); err != nil {
			t.Errorf("entry links %s, which the site does not have", e.Link.Href)
		}
	}
	t.Logf("feed.xml: %d entries, %d bytes", len(feed.Entries), len(b))
}

// TestWithoutJavaScript opens pages with JavaScript off: they show their
// content and links, and no search box that cannot work.
func TestWithoutJavaScript(t *testing.T) {
	dir := exampleSite(t)
	tb := newTab(t)
	err := chromedp.Do(tb.step(t), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	pages := []string{"index.html", "assumptions/index.html", "studies/kundresa-2026/index.html",
		"sprints/2026-10-20-varfor-ringer-kunder-om-sitt-losenord/index.html", "teams/kundservice/index.html"}
	for _, p := range pages {
		for _, problem := range tb.open(t, fileURL(dir, p)) {
			t.Errorf("%s: %s", p, problem)
		}
		type state struct {
			Search, Main, Links int
			H1                  string
		}
		s := eval[state](t, tb, `({
			search: document.querySelector("form.search").getClientRects().length,
			main: document.querySelector("main").getClientRects().length,
			links: document.querySelectorAll("main a[href]").length,
			h1: document.querySelector("h1").textContent})`)
		if s.Search != 0 {
			t.Errorf("%s: without JavaScript the search box is shown", p)
		}
		if s.Main == 0 || s.Links == 0 || s.H1 == "" {
			t.Errorf("%s: without JavaScript the page shows no content: %+v", p, s)
		}
	}
	t.Logf("%d pages opened without JavaScript: content shown, no search box", len(pages))
}
