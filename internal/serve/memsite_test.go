package serve

import (
	"slices"
	"strings"
	"testing"
)

// TestMemWriterRefusesANameTwice holds the dev server's writer to the
// folder writer's rule: a second file under one name is an error, not a
// silent replacement of the first.
func TestMemWriterRefusesANameTwice(t *testing.T) {
	m := newMemWriter(nil)
	if err := m.WriteFile("sprints/x/index.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	err := m.WriteFile("sprints/x/index.html", []byte("b"))
	if err == nil || !strings.Contains(err.Error(), "sprints/x/index.html: written twice") {
		t.Fatalf("second write: %v", err)
	}
	if got := string(m.files["sprints/x/index.html"].data); got != "a" {
		t.Errorf("the first file was replaced by %q", got)
	}
}

// TestMemWriterMark: what a build shows early is its pages with the last
// build's late files borrowed, hashed but for those; the late files then
// written replace the borrowed ones, a borrowed file not written again is
// gone from the build, and the hashes are those of the files as a whole.
func TestMemWriterMark(t *testing.T) {
	last := newMemWriter(nil)
	for name, data := range map[string]string{"search-index.json": "old index", "teams/gone/actions.ics": "old calendar", "index.html": "old page"} {
		if err := last.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	borrow := map[string]file{"search-index.json": last.files["search-index.json"], "teams/gone/actions.ics": last.files["teams/gone/actions.ics"],
		"index.html": last.files["index.html"]}

	m := newMemWriter(last.files)
	for name, data := range map[string]string{"index.html": "page", "sprints/x/index.html": "sprint"} {
		if err := m.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	early, h := m.mark(borrow)
	if string(early["index.html"].data) != "page" || string(early["search-index.json"].data) != "old index" || len(early) != 4 {
		t.Fatalf("the early files: %v", names(early))
	}
	if want := hash(early, map[string]bool{"search-index.json": true, "teams/gone/actions.ics": true, "index.html": true}); h != want {
		t.Errorf("the early hash is %s, want %s (the files but the borrowed names)", h, want)
	}
	if err := m.WriteFile("search-index.json", []byte("new index")); err != nil {
		t.Errorf("a late file under a borrowed name: %v", err)
	}
	if err := m.WriteFile("sprints/x/index.html", []byte("again")); err == nil {
		t.Error("a page written again after the mark was taken")
	}
	if string(early["search-index.json"].data) != "old index" {
		t.Error("a late write changed the early files")
	}
	files, late, shown, all := m.done()
	if len(files) != 3 || string(files["search-index.json"].data) != "new index" || files["teams/gone/actions.ics"].data != nil {
		t.Errorf("the build's files: %v", names(files))
	}
	if len(late) != 1 || !late["search-index.json"] {
		t.Errorf("the late files: %v", late)
	}
	if shown != hash(files, late) || all != hash(files, nil) || shown == all {
		t.Errorf("hashes %s and %s, want %s and %s", shown, all, hash(files, late), hash(files, nil))
	}
}

func names(files map[string]file) []string {
	var out []string
	for n := range files {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// hash is the digest of files but for the names in skip, summed over the
// map: what memWriter keeps as the files are written.
func hash(files map[string]file, skip map[string]bool) string {
	var sum lanes
	for name, f := range files {
		if !skip[name] {
			sum.add(f)
		}
	}
	return sum.String()
}
