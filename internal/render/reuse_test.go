package render

import (
	"bytes"
	"io/fs"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/sprintkit/sprintkit/internal/layout"
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
// out the very bytes of the first for every page whose view is the same,
// and draws afresh the one page that shows the notes.md that changed
// (the session view does not show notes). That the reused bytes are right
// is for TestRandomEdits and TestReuseMatchesFreshBuild, in internal/build.
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

	// The sprint's page and its session view show the notes.
	shows := map[string]bool{layout.Sprint(changed.ID): true, layout.Session(changed.ID): true}
	if len(second) != len(first) {
		t.Fatalf("%d files, then %d", len(first), len(second))
	}
	for name, a := range first {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		b := second[name]
		same := len(a) > 0 && len(b) > 0 && &a[0] == &b[0]
		if shows[name] {
			if same {
				t.Errorf("%s: reused after its notes.md changed", name)
			}
		} else if !same {
			t.Errorf("%s: rendered again though nothing it shows changed", name)
		}
	}
}

// TestTemplateIdentity checks what decides whether a fragment drawn for
// one kind of page can stand for another's: the templates it runs, not
// the kind's other templates.
func TestTemplateIdentity(t *testing.T) {
	s, err := site.Load(sitegen.MapFS(3), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var cache Cache // one Cache, so that keys are made alike
	ids := func(overrides fstest.MapFS) *renderer {
		t.Helper()
		var fsys fs.FS
		if overrides != nil {
			fsys = overrides
		}
		r, err := newRenderer(s, Options{Overrides: fsys, Cache: &cache})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	stock := ids(nil)
	if stock.fragIDs["index"]["sprintitem"] != stock.fragIDs["team"]["sprintitem"] {
		t.Error("a sprint's line has another identity on the team page than on the start page")
	}
	if stock.pageIDs["index"] == stock.pageIDs["team"] {
		t.Error("the start page and a team page have the same templates")
	}

	ownSprint := `{{template "base" .}}{{define "main"}}x{{end}}{{define "sprintitem"}}<li>{{.Title}}</li>{{end}}`
	own := ids(fstest.MapFS{"sprint.html": {Data: []byte(ownSprint)}})
	if own.fragIDs["sprint"]["sprintitem"] == own.fragIDs["index"]["sprintitem"] {
		t.Error("a sprint.html that draws a sprint's line its own way shares the line of the defaults")
	}
	if own.fragIDs["index"]["sprintitem"] != stock.fragIDs["index"]["sprintitem"] {
		t.Error("an own sprint.html changed the start page's lines")
	}
	if own.pageIDs["sprint"] == stock.pageIDs["sprint"] || own.pageIDs["index"] != stock.pageIDs["index"] {
		t.Error("an own sprint.html must change the sprint page's identity and only that")
	}
	if own.fragIDs["sprint"]["header"] != stock.fragIDs["sprint"]["header"] {
		t.Error("an own sprint.html that leaves the header alone changed its identity")
	}

	base, err := templates.FS.ReadFile("base.html")
	if err != nil {
		t.Fatal(err)
	}
	comment := ids(fstest.MapFS{"base.html": {Data: append(base, "{{/* a note */}}"...)}})
	if comment.pageIDs["sprint"] != stock.pageIDs["sprint"] {
		t.Error("a comment changed the templates' identity, though not what they draw")
	}
	changed := ids(fstest.MapFS{"base.html": {Data: bytes.Replace(base, []byte(`<ul class="sprints">`), []byte(`<ul class="sprints own">`), 1)}})
	if changed.fragIDs["index"]["sprintlist"] == stock.fragIDs["index"]["sprintlist"] {
		t.Error("a changed list of sprints kept its identity")
	}
	if changed.fragIDs["index"]["sprintitem"] != stock.fragIDs["index"]["sprintitem"] {
		t.Error("a change outside a sprint's line changed the line's identity")
	}
}

// TestViewsEncode checks that every view type, and every type a view
// holds however deep, is one that encodeView can key: a field of a kind
// it does not know (a map, a func, a float) would make pages of that kind
// fail to build under the dev server.
func TestViewsEncode(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var check func(path string, ty reflect.Type)
	check = func(path string, ty reflect.Type) {
		if seen[ty] {
			return
		}
		seen[ty] = true
		switch ty.Kind() {
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		case reflect.Struct:
			for i := range ty.NumField() {
				f := ty.Field(i)
				check(path+"."+f.Name, f.Type)
			}
		case reflect.Slice, reflect.Array, reflect.Pointer:
			check(path+"[]", ty.Elem())
		default:
			t.Errorf("%s is a %s, which a view key cannot hold", path, ty)
		}
	}
	for _, v := range []any{
		IndexView{}, SprintView{}, SessionView{}, StudyView{}, TeamView{},
		AssumptionsView{}, PageView{}, NotFoundView{},
	} {
		check(reflect.TypeOf(v).Name(), reflect.TypeOf(v))
	}
	for _, v := range []any{SprintItem{}, ActionItem{}, BeliefItem{}, Chrome{}, StageView{}, Lesson{}, ChangeItem{}} {
		if !seen[reflect.TypeOf(v)] {
			t.Errorf("%T is in no page view", v)
		}
	}
	if _, err := newKeyer().of(key{}, map[string]string{}); err == nil {
		t.Error("a map was keyed")
	}
}

// TestFragmentFailure checks that a site's template that draws a fragment
// there is no template for fails the build with an error that names the
// fragment and the template, instead of a crash or a page without it.
func TestFragmentFailure(t *testing.T) {
	fsys := sitegen.MapFS(2)
	s, err := site.Load(fsys, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	own := `{{template "base" .}}{{define "main"}}<p>{{fragment "nope" .}}</p>{{end}}`
	var k keeper
	err = Render(s, fsys, Options{Overrides: fstest.MapFS{"404.html": {Data: []byte(own)}}}, &k)
	if err == nil || !strings.Contains(err.Error(), `fragment "nope": no such template`) || !strings.Contains(err.Error(), "404.html") {
		t.Errorf("Render: %v, want the missing fragment named, in 404.html", err)
	}
}
