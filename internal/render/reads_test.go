package render

import (
	"bytes"
	"io/fs"
	"regexp"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// TestSaveMakesWhatReadIt: with a Cache, a build after a save of one
// sprint's notes makes that sprint's two views and no other; after a
// change of its title, also the views that read it (the pages that list
// sprints, and the sprints that follow it), but not the other sprints'
// pages; a build after no change makes none.
func TestSaveMakesWhatReadIt(t *testing.T) {
	fsys := sitegen.MapFS(40)
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	var cache Cache
	build := func() int64 {
		t.Helper()
		s, err := site.Load(fsys, site.Options{Today: day})
		if err != nil {
			t.Fatal(err)
		}
		before := cache.views.Load()
		if err := Render(s, fsys, Options{Cache: &cache, Today: day}, discardWriter{}); err != nil {
			t.Fatal(err)
		}
		return cache.views.Load() - before
	}
	all := build()
	if all < 80 {
		t.Fatalf("the first build made %d views, fewer than its pages", all)
	}
	if n := build(); n != 0 {
		t.Errorf("a build after no change made %d views, want 0", n)
	}
	notes, err := fs.Glob(fsys, "sprints/*/notes.md")
	if err != nil || len(notes) == 0 {
		t.Fatalf("no notes: %v", err)
	}
	fsys[notes[0]] = &fstest.MapFile{Data: []byte("Nya anteckningar.\n")}
	if n := build(); n != 2 {
		t.Errorf("a build after a save of one sprint's notes made %d views, want 2 (its page and its session view)", n)
	}
	plan := notes[0][:len(notes[0])-len("notes.md")] + "sprint.toml"
	retitled := regexp.MustCompile(`(?m)^title = .*$`).ReplaceAll(fsys[plan].Data, []byte(`title = "En ny titel"`))
	if bytes.Equal(retitled, fsys[plan].Data) {
		t.Fatalf("%s has no title to change", plan)
	}
	fsys[plan] = &fstest.MapFile{Data: retitled}
	n := build()
	t.Logf("a plan's title changed: %d views made of %d", n, all)
	if n <= 2 || n >= all/2 {
		t.Errorf("a build after a plan's title changed made %d views of %d: want its own two, the lists' and its followers', not every sprint's", n, all)
	}
}
