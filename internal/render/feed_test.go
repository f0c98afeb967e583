package render

import (
	"encoding/xml"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// checkAtom parses an Atom feed and reports what RFC 4287 requires that it
// lacks: ids, titles, dates, a self link; that links are absolute; and
// that the feed is updated when its latest entry is.
func checkAtom(t *testing.T, b []byte, base string) atomFeed {
	t.Helper()
	var f atomFeed
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatalf("feed.xml does not parse: %v", err)
	}
	if f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.XMLName.Local != "feed" {
		t.Errorf("root element = %v, want Atom feed", f.XMLName)
	}
	stamp := func(what, s string) {
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			t.Errorf("%s: updated %q is not an RFC 3339 date", what, s)
		}
	}
	if f.Title == "" || f.ID == "" {
		t.Errorf("feed lacks title or id: %+v", f)
	}
	stamp("feed", f.Updated)
	self := false
	for _, l := range f.Links {
		self = self || l.Rel == "self" && l.Href == base+"feed.xml"
	}
	if !self {
		t.Errorf("feed has no self link to %sfeed.xml: %+v", base, f.Links)
	}
	ids := map[string]bool{}
	latest := ""
	for i, e := range f.Entries {
		if e.Title == "" || e.ID == "" || e.Summary.Text == "" {
			t.Errorf("entry %d lacks title, id or summary: %+v", i, e)
		}
		if ids[e.ID] {
			t.Errorf("entry id %s is not unique", e.ID)
		}
		ids[e.ID] = true
		if !strings.HasPrefix(e.ID, base) || !strings.HasPrefix(e.Link.Href, base) {
			t.Errorf("entry %d: id %q or link %q is not absolute under %s", i, e.ID, e.Link.Href, base)
		}
		if e.Author.Name == "" && f.Author.Name == "" {
			t.Errorf("entry %d has no author, and neither has the feed", i)
		}
		stamp(e.ID, e.Updated)
		latest = max(latest, e.Updated)
	}
	if len(f.Entries) > 0 && f.Updated != latest {
		t.Errorf("feed updated %s, want its latest entry's %s", f.Updated, latest)
	}
	return f
}

func TestFeed(t *testing.T) {
	fsys := sitegen.MapFS(150)
	fsys["sprints/2026-01-02-x/sprint.toml"] = &fstest.MapFile{Data: []byte(`title = "Läser <kunderna> & co ]]> brevet?"
date = 2030-01-02
team = "Kundtjänst & Co"
study = "studie-0"
[assumption]
belief = "Vi tror att **de** läser det"
basis = "assumption"
[question]
ask = "Läste du brevet?"
method = "interview"
[action]
do = "Vi skriver om det."
`)}
	// A result recorded weeks after its session updates the entry then.
	fsys["sprints/2026-01-01-y/sprint.toml"] = &fstest.MapFile{Data: []byte(`title = "Ringer de först?"
date = 2029-12-01
team = "Kundtjänst"
study = "studie-0"
status = "done"
[assumption]
belief = "De ringer först."
basis = "assumption"
[question]
ask = "Vad gjorde du först?"
method = "interview"
[action]
do = "Vi svarar snabbare."
[result]
verdict = "refuted"
learned = "De läste först."
recorded = 2030-02-03
`)}
	r := loadRenderer(t, fsys)
	b, err := r.feedXML()
	if err != nil {
		t.Fatal(err)
	}
	base := "https://intranat.example.se/insikt/"
	f := checkAtom(t, b, base)
	if len(f.Entries) != feedMax {
		t.Errorf("feed has %d entries, want the newest %d", len(f.Entries), feedMax)
	}
	e := f.Entries[0]
	if e.Title != "Läser <kunderna> & co ]]> brevet?" || e.Author.Name != "Kundtjänst & Co" {
		t.Errorf("first entry = %q by %q, want the newest sprint's title and team as written", e.Title, e.Author.Name)
	}
	if e.Updated != "2030-01-02T00:00:00Z" {
		t.Errorf("updated = %s, want the sprint's date 2030-01-02T00:00:00Z", e.Updated)
	}
	if e := f.Entries[1]; e.Title != "Ringer de först?" || e.Updated != "2030-02-03T00:00:00Z" {
		t.Errorf("second entry %q updated %s, want the day its result was recorded, 2030-02-03T00:00:00Z", e.Title, e.Updated)
	}
	if f.Updated != "2030-02-03T00:00:00Z" {
		t.Errorf("feed updated %s, want its latest entry's, 2030-02-03T00:00:00Z", f.Updated)
	}
	if strings.Contains(e.Summary.Text, "**") {
		t.Errorf("summary holds Markdown: %q", e.Summary.Text)
	}
	again, _ := r.feedXML()
	if string(again) != string(b) {
		t.Error("two renders of the same site give different feeds")
	}
	t.Logf("feed: %d bytes, %d entries", len(b), len(f.Entries))
}

func TestNoFeedWithoutBaseURL(t *testing.T) {
	fsys := sitegen.MapFS(3)
	fsys["content/site.toml"] = &fstest.MapFile{Data: []byte("title = \"T\"\nlanguage = \"en\"\n")}
	b, err := loadRenderer(t, fsys).feedXML()
	if err != nil || b != nil {
		t.Errorf("feed without base_url = %q, %v; want none", b, err)
	}
}
