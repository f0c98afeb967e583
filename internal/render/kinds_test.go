package render

import (
	"flag"
	"io/fs"
	"os"
	"path"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
	"github.com/sprintkit/sprintkit/templates"
)

func kindNames() []string {
	var names []string
	for _, k := range kinds {
		names = append(names, k.name)
	}
	return names
}

var update = flag.Bool("update", false, "rewrite the docs' lists of the kinds of page from kinds.go")

// kindLists are the lists of the kinds of page in the docs: in each file,
// the indented block after the line that holds lead, made from each
// kind's name by item.
var kindLists = []struct {
	file, lead string
	item       func(name string) string
}{
	{"doc.go", "a page template for each kind of page (the rows of kinds.go):", func(n string) string { return n }},
	{"../../templates/templates.go", "(internal/render's kinds.go), which defines \"main\":", func(n string) string { return n + ".html" }},
}

// TestKindsInTheDocs: the lists of the kinds of page in the docs are
// kinds.go's rows, in order (go test -update writes them), and the
// package doc's list of views has an entry for each kind.
func TestKindsInTheDocs(t *testing.T) {
	for _, l := range kindLists {
		var items []string
		for _, k := range kinds {
			items = append(items, l.item(k.name))
		}
		b, err := os.ReadFile(l.file)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		i := strings.Index(src, l.lead)
		if i < 0 {
			t.Errorf("%s: no line %q before the list of the kinds of page", l.file, l.lead)
			continue
		}
		// The block: "//", then "//\t" lines, up to the next "//".
		start := i + strings.Index(src[i:], "\n//\n") + len("\n//\n")
		end := start + strings.Index(src[start:], "//\n")
		want := indented(items)
		if src[start:end] == want {
			continue
		}
		if *update {
			if err := os.WriteFile(l.file, []byte(src[:start]+want+src[end:]), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("%s lists the kinds of page as\n%s\nwant (go test -run TestKindsInTheDocs -update writes it)\n%s", l.file, src[start:end], want)
	}
	doc := strings.Join(strings.Fields(string(must(os.ReadFile("doc.go")))), " ")
	for _, k := range kinds {
		if entry := "// " + k.name + ".html " + k.view.Name() + ":"; !strings.Contains(doc, entry) {
			t.Errorf("doc.go's list of the page views has no entry for %s.html (%s: and what its fields mean)", k.name, k.view.Name())
		}
	}
}

// indented is items as the lines of an indented block of a comment.
func indented(items []string) string {
	var b strings.Builder
	line := ""
	for _, it := range items {
		if line != "" && len(line)+1+len(it) > 70 {
			b.WriteString("//\t" + line + "\n")
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += it
	}
	b.WriteString("//\t" + line + "\n")
	return b.String()
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestKindsTemplates: each kind has its template among the defaults, and
// every default page template is a kind's.
func TestKindsTemplates(t *testing.T) {
	names := kindNames()
	pages, err := fs.Glob(templates.FS, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if k := strings.TrimSuffix(p, ".html"); k != "base" && !slices.Contains(names, k) {
			t.Errorf("templates/%s is no kind's (kinds.go)", p)
		}
	}
	for _, k := range names {
		if !slices.Contains(pages, k+".html") {
			t.Errorf("kind %s has no templates/%s.html", k, k)
		}
	}
}

// TestKindsInLayout: internal/layout knows every kind's pages as
// sprintkit's own, so that no free page or copied file takes their place.
// A kind's path is declared in layout (at or each), which reserves its top
// folder by itself: this fails for a row whose path is written anywhere
// else, and for no path declared there.
func TestKindsInLayout(t *testing.T) {
	for _, k := range kinds {
		p := strings.ReplaceAll(k.path, "<id>", "x")
		top, _, nested := strings.Cut(p, "/")
		if !nested {
			top = strings.TrimSuffix(top, path.Ext(top))
		}
		free := strings.HasPrefix(k.path, "<id>") // a free page, whose folder the site names
		if !free && !layout.Reserved(top) {
			t.Errorf("kind %s: layout.Reserved(%q) is false; its pages go to %s", k.name, top, k.path)
		}
		if !layout.Generated(p) {
			t.Errorf("kind %s: layout.Generated(%q) is false", k.name, p)
		}
	}
}

// TestKindsViews: on a site with pages of every kind, each page's view is
// its kind's, with Frame.Kind its kind's name (which the row sets, not the
// view method: kindOf), and the navigation is the start page, the board,
// the actions, the studies and the free pages.
func TestKindsViews(t *testing.T) {
	s, r := sitegenRenderer(t, 3, Options{})
	seen := map[string]int{}
	var before page
	for _, p := range sendPages(r) {
		seen[p.kind]++
		if p.kind == "session" && (before.kind != "sprint" || path.Dir(p.name) != path.Dir(before.name)+"/session") {
			t.Errorf("%s went out after %s, not right after its sprint's page", p.name, before.name)
		}
		before = p
		i := slices.IndexFunc(kinds, func(k kind) bool { return k.name == p.kind })
		v := reflect.ValueOf(p.view(&reads{r: r}))
		if v.Type() != kinds[i].view {
			t.Errorf("%s: view %s, want %s", p.name, v.Type(), kinds[i].view)
			continue
		}
		if got := v.FieldByName("Frame").FieldByName("Kind").String(); got != p.kind {
			t.Errorf("%s: Frame.Kind %q, want %q", p.name, got, p.kind)
		}
	}
	for _, k := range kinds {
		if seen[k.name] == 0 {
			t.Errorf("no page of kind %s in the test site", k.name)
		}
	}
	if seen["sprint"] != len(s.Sprints) || seen["session"] != len(s.Sprints) {
		t.Errorf("%d sprint pages and %d session views of %d sprints", seen["sprint"], seen["session"], len(s.Sprints))
	}
	var nav []string
	for _, l := range r.nav {
		nav = append(nav, l.URL)
	}
	want := []string{layout.Index, layout.Assumptions, layout.Actions, layout.Studies, layout.Page("om")}
	if !slices.Equal(nav, want) {
		t.Errorf("navigation %q, want %q", nav, want)
	}
}

// TestKindOfNeedsAFrame: a kind whose view has no Frame, which base.html
// draws, stops the program as the rows are made.
func TestKindOfNeedsAFrame(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("kindOf took a view with no Frame")
		}
	}()
	kindOf[struct{ Title string }]("x")
}

// TestNotesRenderedOnce: a sprint's page, its session view and the
// search index get the same notes, rendered once, and the last lets them
// go; a fourth asks again.
func TestNotesRenderedOnce(t *testing.T) {
	s, r := sitegenRenderer(t, 1, Options{})
	sp := s.Sprints[0]
	if sp.Notes == "" {
		t.Fatal("the test site's sprint has no notes")
	}
	first := r.notes(sp)
	if first == "" || r.notes(sp) != first {
		t.Fatalf("notes %q, then another", first)
	}
	if n := &r.sprintNotes[0]; n.html != first {
		t.Errorf("the notes were let go before the search index took them")
	}
	if doc := r.sprintEntry(sp); len(doc.fields[3]) == 0 {
		t.Errorf("the search index has no words of the notes")
	}
	if n := &r.sprintNotes[0]; n.taken != 0 || n.html != "" {
		t.Errorf("notes still held after the pages and the search index took them")
	}
	if r.notes(sp) != first {
		t.Errorf("the notes rendered again differ")
	}
}

// sitegenRenderer is a renderer of a generated site of n sprints.
func sitegenRenderer(tb testing.TB, n int, opt Options) (*site.Site, *renderer) {
	tb.Helper()
	s, err := site.Load(sitegen.MapFS(n), site.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	r, err := newRenderer(s, opt)
	if err != nil {
		tb.Fatal(err)
	}
	return s, r
}

// sendPages is every page r sends, in order.
func sendPages(r *renderer) []page {
	jobs := make(chan page)
	go func() {
		r.pagesTo(jobs, nil, nil)
		close(jobs)
	}()
	var out []page
	for p := range jobs {
		out = append(out, p)
	}
	return out
}
