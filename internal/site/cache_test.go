package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestCache loads a site again and again through one Cache while its files
// change: every load must see the files as they are now, not what the
// cache kept.
func TestCache(t *testing.T) {
	var c Cache
	fsys := siteWith(nil)
	load := func() *Sprint {
		t.Helper()
		s, err := Load(fsys, Options{Cache: &c})
		if err != nil {
			t.Fatal(err)
		}
		c.Sweep()
		if len(s.Sprints) == 0 {
			return nil
		}
		return s.Sprints[0]
	}

	first := load()
	if first == nil {
		t.Fatal("no sprint")
	}
	again := load()
	if again.Title != first.Title || again.Notes != first.Notes {
		t.Errorf("same files: %q, %q then %q, %q", first.Title, first.Notes, again.Title, again.Notes)
	}

	notes := "sprints/2026-11-02-brevet/notes.md"
	fsys[notes] = &fstest.MapFile{Data: []byte("Fyra av sex mindes brevet.\n")}
	withNotes := load()
	if withNotes.Notes != "Fyra av sex mindes brevet.\n" {
		t.Errorf("new notes.md not seen: %q", withNotes.Notes)
	}

	fsys[planPath] = &fstest.MapFile{Data: []byte("facilitator = \"Ada\"\n" + goodPlan)}
	edited := load()
	if edited.Facilitator != "Ada" || edited.Notes != withNotes.Notes {
		t.Errorf("edited sprint.toml: facilitator %q, notes %q", edited.Facilitator, edited.Notes)
	}

	delete(fsys, planPath)
	delete(fsys, notes)
	if sp := load(); sp != nil {
		t.Fatalf("deleted sprint still loaded: %s", sp.ID)
	}
	if n := len(c.plans); n != 0 {
		t.Errorf("after Sweep the cache still holds %d deleted sprints", n)
	}
}

// TestCacheTold checks what a load reads once the Cache is told what
// changed: a folder that nothing changed in is not read again (its file
// can change under it unseen, which is what the test uses to tell), a
// folder named by a changed path is, a new folder is found when its path
// is given, and a change that cannot be placed, or none told at all,
// makes every folder be read.
func TestCacheTold(t *testing.T) {
	var c Cache
	fsys := siteWith(nil)
	load := func() *Site {
		t.Helper()
		s, err := Load(fsys, Options{Cache: &c})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	title := func(s *Site) string {
		if len(s.Sprints) == 0 {
			return ""
		}
		return s.Sprints[0].Title
	}
	retitle := func(title string) {
		fsys[planPath] = &fstest.MapFile{Data: []byte(strings.Replace(goodPlan, `title = "Läser kunderna brevet?"`, `title = "`+title+`"`, 1))}
	}
	if !strings.Contains(goodPlan, `title = "Läser kunderna brevet?"`) {
		t.Fatal("the test's plan has another title")
	}
	load()

	retitle("Unseen")
	c.Changed([]string{"content/om.md"})
	if got := title(load()); got != "Läser kunderna brevet?" {
		t.Errorf("told of another file only, the sprint was read again: %q", got)
	}
	c.Changed([]string{planPath})
	if got := title(load()); got != "Unseen" {
		t.Errorf("told of its sprint.toml, the load gave %q", got)
	}

	retitle("Untold")
	if got := title(load()); got != "Untold" {
		t.Errorf("told nothing, the load did not read every folder: %q", got)
	}

	retitle("Lost events")
	c.Changed([]string{""})
	if got := title(load()); got != "Lost events" {
		t.Errorf("told of a change that cannot be placed: %q", got)
	}

	newPlan := "sprints/2026-11-03-ny/sprint.toml"
	fsys[newPlan] = &fstest.MapFile{Data: []byte(strings.Replace(goodPlan, "Läser kunderna brevet?", "Ny", 1))}
	c.Changed([]string{"sprints/2026-11-03-ny"})
	if s := load(); len(s.Sprints) != 2 {
		t.Errorf("told of a new folder, the load found %d sprints", len(s.Sprints))
	}
	delete(fsys, newPlan)
	c.Changed([]string{"sprints/2026-11-03-ny"})
	if s := load(); len(s.Sprints) != 1 {
		t.Errorf("told of a removed folder, the load found %d sprints", len(s.Sprints))
	}
}
