package build

import (
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// TestShownBeforeTheRest: a build told of its pages (BuildShown, as the
// dev server builds) has written every page, asset and copied file when
// it calls shown, and none of the files made from the whole site that no
// page loads as it opens; those come after, and the build is the same as
// one that is not told.
func TestShownBeforeTheRest(t *testing.T) {
	fsys := os.DirFS("../..") // the example site: pages, assets, pictures, a feed
	today := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	late := func(name string) bool {
		return name == layout.SearchIndex || name == layout.Feed || name == layout.SprintsJSON ||
			name == layout.ActionsCSV || name == layout.ActionsICS || strings.HasPrefix(name, "teams/") && path.Ext(name) == ".ics"
	}
	var w memWriter
	var atShown, atPaged []string
	calls := 0
	var b Builder
	s, err := b.BuildShown(fsys, today, &w, func(*site.Site) {
		calls++
		atShown = w.names()
	}, func() {
		calls += 10
		atPaged = w.names()
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 11 {
		t.Fatalf("shown and paged were called %d and %d times, want once each", calls%10, calls/10)
	}
	var want, after []string
	for name := range w.files {
		if late(name) {
			after = append(after, name)
		} else {
			want = append(want, name)
		}
	}
	slices.Sort(want)
	if !slices.Equal(atShown, want) {
		t.Errorf("written when shown was called:\n%q\nwant every file but the late ones:\n%q", atShown, want)
	}
	if !slices.Equal(atPaged, want) {
		t.Errorf("written when paged was called:\n%q\nwant every file but the late ones:\n%q", atPaged, want)
	}
	if len(after) < 4 || !slices.Contains(after, layout.Feed) || len(s.Files) == 0 {
		t.Errorf("the example site has too few late files (%q) or no copied files to test this", after)
	}
	var whole memWriter
	if _, err := Build(fsys, today, &whole); err != nil {
		t.Fatal(err)
	}
	if got, want := golden(w.files), golden(whole.files); string(got) != string(want) {
		t.Error("a build told of its pages differs from one that is not")
	}
}

func (m *memWriter) names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Sorted(maps.Keys(m.files))
}

// TestShownFirstTheEditedPages: a build told what changed (Changed) calls
// shown once the pages of the sprint and the study whose files changed
// are written, with the assets and copied files, before any other page;
// paged once every page is written, before the late files; and it writes
// what a build not told writes.
func TestShownFirstTheEditedPages(t *testing.T) {
	fsys := os.DirFS("../..")
	today := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	var b Builder
	var before memWriter
	s, err := b.Build(fsys, today, &before)
	if err != nil {
		t.Fatal(err)
	}
	sp, st := s.Sprints[len(s.Sprints)/2], s.Studies[0]
	var w memWriter
	var atShown, atPaged []string
	b.Changed([]string{sp.NotesPath, st.Path, "templates/nothing-here.txt"})
	if _, err := b.BuildShown(fsys, today, &w, func(*site.Site) { atShown = w.names() }, func() { atPaged = w.names() }); err != nil {
		t.Fatal(err)
	}
	pages, paged := 0, 0
	for _, name := range atShown {
		if strings.HasSuffix(name, ".html") {
			pages++
		}
	}
	for _, name := range []string{layout.Sprint(sp.ID), layout.Session(sp.ID), layout.Study(st.ID), "assets/style.css"} {
		if !slices.Contains(atShown, name) {
			t.Errorf("%s was not written when shown was called", name)
		}
	}
	if pages != 3 {
		t.Errorf("%d pages were written when shown was called, want the sprint's two and the study's: %q", pages, atShown)
	}
	for name := range before.files {
		if strings.HasSuffix(name, ".html") {
			paged++
			if !slices.Contains(atPaged, name) {
				t.Errorf("%s was not written when paged was called", name)
			}
		}
	}
	if paged < 20 || len(atPaged) >= len(w.files) {
		t.Errorf("paged was called with %d of %d files written, of which %d pages: want every page and no late file", len(atPaged), len(w.files), paged)
	}
	if got, want := golden(w.files), golden(before.files); string(got) != string(want) {
		t.Error("a build told what changed writes other files than one that is not")
	}
}
