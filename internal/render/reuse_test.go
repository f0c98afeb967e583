package render

import (
	"sync"
	"testing"
	"testing/fstest"

	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
	"github.com/sprintkit/sprintkit/templates"
)

// keeper keeps a build's files as they are given.
type keeper struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (k *keeper) WriteFile(name string, data []byte) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.files == nil {
		k.files = map[string][]byte{}
	}
	k.files[name] = data
	return nil
}

// TestReusedPages checks that a second build with the same Cache hands
// out the very bytes of the first for the pages of an unchanged sprint,
// and renders afresh the pages of the sprint whose files changed. That the
// reused bytes are right is TestReuseMatchesFreshBuild's part, in
// internal/build.
func TestReusedPages(t *testing.T) {
	fsys := sitegen.MapFS(20)
	var plans site.Cache
	var cache Cache
	build := func() (*site.Site, map[string][]byte) {
		t.Helper()
		s, err := site.Load(fsys, site.Options{Cache: &plans})
		if err != nil {
			t.Fatal(err)
		}
		var k keeper
		if err := Render(s, fsys, Options{Cache: &cache}, &k); err != nil {
			t.Fatal(err)
		}
		cache.Sweep()
		return s, k.files
	}
	s, first := build()
	var changed *site.Sprint
	for _, sp := range s.Sprints {
		if sp.NotesPath != "" {
			changed = sp
			break
		}
	}
	fsys[changed.NotesPath] = &fstest.MapFile{Data: []byte("Nya anteckningar.\n")}
	_, second := build()

	for _, sp := range s.Sprints {
		for _, name := range []string{"sprints/" + sp.ID + "/index.html", "sprints/" + sp.ID + "/session/index.html"} {
			a, b := first[name], second[name]
			same := len(a) > 0 && len(b) > 0 && &a[0] == &b[0]
			if sp.ID == changed.ID {
				if same {
					t.Errorf("%s: reused after its notes.md changed", name)
				}
			} else if !same {
				t.Errorf("%s: rendered again though nothing it shows changed", name)
			}
		}
	}
}

func TestStockKinds(t *testing.T) {
	base, err := templates.FS.ReadFile("base.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		overrides fstest.MapFS
		sprint    bool // sprint pages come from the default templates
		team      bool
	}{
		{"none", nil, true, true},
		{"a copy of base.html", fstest.MapFS{"base.html": {Data: base}}, true, true},
		{"own base.html", fstest.MapFS{"base.html": {Data: append(base, '\n')}}, false, false},
		{"own sprint.html", fstest.MapFS{"sprint.html": {Data: []byte(`{{template "base" .}}{{define "main"}}x{{end}}`)}}, false, true},
		{"own stylesheet", fstest.MapFS{"style.css": {Data: []byte("body{}")}}, true, true},
	} {
		own := map[string]bool{}
		for _, name := range append([]string{"base.html"}, pageFiles()...) {
			_, isOwn, err := readTemplate(tc.overrides, name)
			if err != nil {
				t.Fatal(err)
			}
			own[name] = isOwn
		}
		stock := stockKinds(own)
		if stock["sprint"] != tc.sprint || stock["team"] != tc.team {
			t.Errorf("%s: sprint %v, team %v; want %v, %v", tc.name, stock["sprint"], stock["team"], tc.sprint, tc.team)
		}
	}
}
