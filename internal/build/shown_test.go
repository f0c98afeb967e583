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
	var atShown []string
	calls := 0
	var b Builder
	s, err := b.BuildShown(fsys, today, &w, func(*site.Site) {
		calls++
		w.mu.Lock()
		defer w.mu.Unlock()
		atShown = slices.Sorted(maps.Keys(w.files))
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Fatalf("shown was called %d times, want once", calls)
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
