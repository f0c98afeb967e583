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
	m := newMemWriter(&state{})
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

// TestMemWriterMark: what a build shows early is the files it wrote
// first over the last build's, hashed as the last build's files but the
// late ones, with the new in place of the old; the pages written after
// the mark and the late files after paged go into the build and not into
// what the early state serves; a name is still written once; and the
// hashes of the whole are those of the files, the late ones apart. When
// the build came out the same, the early hash is its final one.
func TestMemWriterMark(t *testing.T) {
	last := newMemWriter(&state{})
	for name, data := range map[string]string{"index.html": "old page", "sprints/x/index.html": "old sprint", "sprints/gone/index.html": "gone"} {
		if err := last.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	last.mark()
	last.paged()
	for name, data := range map[string]string{"search-index.json": "old index", "teams/gone/actions.ics": "old calendar"} {
		if err := last.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	lastFiles, lastLate, lastShown, _ := last.done()
	if len(lastFiles.own) != 5 || len(lastLate) != 2 || lastShown.String() != hash(lastFiles.own, lastLate) {
		t.Fatalf("the last build: %v, late %v", names(lastFiles.own), lastLate)
	}

	m := newMemWriter(&state{files: lastFiles, late: lastLate, shown: lastShown})
	if err := m.WriteFile("sprints/x/index.html", []byte("sprint")); err != nil {
		t.Fatal(err)
	}
	early, h := m.mark()
	for name, want := range map[string]string{"sprints/x/index.html": "sprint", "index.html": "old page", "search-index.json": "old index", "sprints/gone/index.html": "gone"} {
		if f, ok := early.at(name); !ok || string(f.data) != want {
			t.Errorf("the early %s is %q, want %q", name, f.data, want)
		}
	}
	shownEarly := map[string]file{"sprints/x/index.html": m.files["sprints/x/index.html"], "index.html": lastFiles.own["index.html"], "sprints/gone/index.html": lastFiles.own["sprints/gone/index.html"]}
	if want := hash(shownEarly, nil); h != want {
		t.Errorf("the early hash is %s, want %s (the last build's pages, the new in place of the old)", h, want)
	}
	if err := m.WriteFile("index.html", []byte("page")); err != nil {
		t.Errorf("a page after the mark: %v", err)
	}
	m.paged()
	if err := m.WriteFile("search-index.json", []byte("new index")); err != nil {
		t.Errorf("a late file under the last build's name: %v", err)
	}
	for _, name := range []string{"sprints/x/index.html", "index.html", "search-index.json"} {
		if err := m.WriteFile(name, []byte("again")); err == nil {
			t.Errorf("%s was written again", name)
		}
	}
	if f, _ := early.at("index.html"); string(f.data) != "old page" {
		t.Error("a write after the mark changed the early files")
	}
	if f, _ := early.at("search-index.json"); string(f.data) != "old index" {
		t.Error("a late write changed the early files")
	}
	got, late, shown, all := m.done()
	if len(got.own) != 3 || string(got.own["search-index.json"].data) != "new index" || string(got.own["index.html"].data) != "page" || got.under != nil {
		t.Errorf("the build's files: %v", names(got.own))
	}
	if len(late) != 1 || !late["search-index.json"] {
		t.Errorf("the late files: %v", late)
	}
	if shown.String() != hash(got.own, late) || all != hash(got.own, nil) || shown.String() == all {
		t.Errorf("hashes %s and %s, want %s and %s", shown, all, hash(got.own, late), hash(got.own, nil))
	}

	// The same build again: reused pages keep their sums, and the early
	// hash is the final one, so the browsers reload once.
	again := newMemWriter(&state{files: got, late: late, shown: shown})
	for _, name := range []string{"sprints/x/index.html"} {
		if err := again.WriteFile(name, got.own[name].data); err != nil {
			t.Fatal(err)
		}
	}
	_, h = again.mark()
	if err := again.WriteFile("index.html", got.own["index.html"].data); err != nil {
		t.Fatal(err)
	}
	again.paged()
	if err := again.WriteFile("search-index.json", got.own["search-index.json"].data); err != nil {
		t.Fatal(err)
	}
	_, _, shown2, _ := again.done()
	if h != shown.String() || shown2 != shown {
		t.Errorf("the same build hashes %s early and %s at the end, want %s", h, shown2, shown)
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
