package site

import (
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
	if n := len(c.sprints); n != 0 {
		t.Errorf("after Sweep the cache still holds %d deleted sprints", n)
	}
}
