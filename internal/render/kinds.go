package render

import (
	"html/template"
	"path"
	"reflect"
	"strings"
	"sync"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// kinds are the kinds of page, one row each, in the order their pages
// are rendered (those that list many sprints first) and stand in the
// header's navigation. A row is all there is to say about a kind: its
// name (its template is <name>.html, which defines "main" for base.html,
// and the row sets it as its views' Frame.Kind), where its pages go (a
// path declared in internal/layout), the method that makes its view, and
// its place in the navigation. A view asks its reads for the parts of the
// site it reads (reads.go); a kind with one page reads the whole site. The
// rows decide which templates are parsed, which pages a build renders and
// the navigation; kinds_test.go checks the docs' lists of kinds and the
// layout's reserved names against them.
//
// A new kind of page is a row here, its view (the type in views.go and
// the method that makes it), its template and its labels. Its path is
// declared in internal/layout with the others (layout.at or layout.each),
// which is what reserves its top folder: there is no list of reserved
// names to add it to.
var kinds = []kind{
	one("index", layout.Index, navLink("nav.home"), (*renderer).indexView),
	one("assumptions", layout.Assumptions, navLink("nav.assumptions"), (*renderer).assumptionsView),
	one("actions", layout.Actions, navLink("nav.actions"), (*renderer).actionsView),
	// One link to every study, however many there are: the header keeps
	// its height as a site grows.
	one("studies", layout.Studies, navLink("nav.studies"), (*renderer).studiesView),
	each("study", layout.Study, nav{}, func(s *site.Site) []*site.Study { return s.Studies },
		func(st *site.Study) (string, string) { return st.ID, st.Title },
		func(r *renderer, rd *reads, st *site.Study) StudyView { rd.whole(); return r.studyView(st) }),
	each("team", layout.Team, nav{}, func(s *site.Site) []*site.Team { return s.Teams },
		func(t *site.Team) (string, string) { return t.Slug, t.Name },
		func(r *renderer, rd *reads, t *site.Team) TeamView { rd.whole(); return r.teamView(t) }),
	each("sprint", layout.Sprint, nav{}, sprints, sprintKey, (*renderer).sprintView),
	each("session", layout.Session, nav{}, sprints, sprintKey, (*renderer).sessionView).with(),
	each("page", layout.Page, navEach, func(s *site.Site) []*site.Page { return s.Pages },
		func(pg *site.Page) (string, string) { return pg.ID, pg.Title },
		(*renderer).pageView),
	one("404", layout.NotFound, nav{}, (*renderer).notFoundView),
}

// A kind is one kind of page.
type kind struct {
	name string
	path string       // where its pages go, with <id> for a page's own id
	view reflect.Type // what its template gets
	nav  nav
	n    func(s *site.Site) int                  // how many pages of the kind the site has
	page func(r *renderer, i int) (page, string) // the i-th, and its title (for the navigation)
	// src is where in the site folder the i-th page's element comes from
	// (sourceOf), for Options.First; nil for a kind of one page.
	src func(r *renderer, i int) string
	// along: its pages go out with the row above's, one of each in turn,
	// for two kinds of page that show the same elements (a sprint's page
	// and its session view, which render its notes once for both).
	along bool
}

// nav is a kind's place in the navigation: a link with the text of the
// label key, a link to each of its pages with the page's title, or none.
type nav struct {
	key  string
	each bool
}

func navLink(key string) nav { return nav{key: key} }

var navEach = nav{each: true}

// one is the kind name, with one page, at path.
func one[V any](name, path string, place nav, view func(*renderer) V) kind {
	named := kindOf[V](name)
	return kind{
		name: name,
		path: path,
		view: reflect.TypeFor[V](),
		nav:  place,
		n:    func(*site.Site) int { return 1 },
		page: func(r *renderer, _ int) (page, string) {
			return page{name: path, kind: name, view: func(rd *reads) any { rd.whole(); return named(view(r)) }}, ""
		},
	}
}

// each is the kind name, with one page for each element of the site's
// list: at(id) is where the page of the element whose id and title key
// gives goes.
func each[T, V any](name string, at func(id string) string, place nav, list func(*site.Site) []T, key func(T) (id, title string), view func(*renderer, *reads, T) V) kind {
	named := kindOf[V](name)
	return kind{
		name: name,
		path: at("<id>"),
		view: reflect.TypeFor[V](),
		nav:  place,
		n:    func(s *site.Site) int { return len(list(s)) },
		page: func(r *renderer, i int) (page, string) {
			x := list(r.site)[i]
			id, title := key(x)
			return page{name: at(id), kind: name, view: func(rd *reads) any { return named(view(r, rd, x)) }}, title
		},
		src: func(r *renderer, i int) string { return sourceOf(list(r.site)[i]) },
	}
}

// sourceOf is where in the site folder x comes from: a sprint's folder,
// or a study's files' names without their extensions; "" for the rest.
func sourceOf(x any) string {
	switch x := x.(type) {
	case *site.Sprint:
		return path.Dir(x.Path)
	case *site.Study:
		return strings.TrimSuffix(x.Path, path.Ext(x.Path))
	}
	return ""
}

// kindOf returns what gives a view of type V its kind's name as
// Frame.Kind, so that no view method names its own kind. A view without
// a Frame stops the program as it starts.
func kindOf[V any](name string) func(V) any {
	f, ok := reflect.TypeFor[V]().FieldByName("Frame")
	if !ok || f.Type != reflect.TypeFor[Frame]() {
		panic("render: the view of kind " + name + " has no Frame")
	}
	kindAt, _ := f.Type.FieldByName("Kind")
	index := append(f.Index[:len(f.Index):len(f.Index)], kindAt.Index...)
	return func(v V) any {
		reflect.ValueOf(&v).Elem().FieldByIndex(index).SetString(name)
		return v
	}
}

// with is k, its pages going out along with the row above's.
func (k kind) with() kind {
	k.along = true
	return k
}

func sprints(s *site.Site) []*site.Sprint { return s.Sprints }

func sprintKey(sp *site.Sprint) (string, string) { return sp.ID, sp.Title }

// pagesTo sends the pages of the site to jobs, kind by kind; kinds that
// go along together, element by element: every page when want is nil,
// else those whose element's source (kind.src) want takes. It returns
// how many it sent. Given lists, in a build that the search index
// follows, it sends the lists (the kinds before the sprints') there
// instead, and closes it once they have all gone out; lists needs room
// for every one of them (listPages).
func (r *renderer) pagesTo(jobs, lists chan<- page, want func(src string) bool) (sent int) {
	// In a build that the search index follows (sprintsOut), no page
	// after the lists draws their rows: once the lists are drawn, what was
	// drawn of them goes.
	marking := lists != nil
	if marking {
		r.listsLeft.Store(1)
	}
	listsOut := func() {
		if marking {
			marking = false
			close(lists)
			r.listDrawn("") // all have gone out
		}
	}
	defer listsOut()
	for i := 0; i < len(kinds); {
		j := i + 1
		for j < len(kinds) && kinds[j].along {
			j++
		}
		sprint := kinds[i].name == "sprint"
		if sprint {
			listsOut()
		}
		for e := range kinds[i].n(r.site) {
			if want != nil {
				src := ""
				if kinds[i].src != nil {
					src = kinds[i].src(r, e)
				}
				if !want(src) {
					continue
				}
			}
			for _, k := range kinds[i:j] {
				p, _ := k.page(r, e)
				if p.list = marking; marking {
					r.listsLeft.Add(1)
					lists <- p
				} else {
					jobs <- p
				}
				sent++
			}
			if sprint {
				r.sprintsOut.out(e + 1)
			}
		}
		i = j
	}
	return sent
}

// listPages is at least how many pages pagesTo sends to lists: those of
// the kinds before the sprints'.
func (r *renderer) listPages() int {
	n := 0
	for _, k := range kinds {
		if k.name == "sprint" {
			break
		}
		n += k.n(r.site)
	}
	return n
}

// navigation is the site's navigation, with links from the top, in the
// order of kinds.
func (r *renderer) navigation() {
	r.navTargets = map[string]bool{}
	add := func(to, text string) {
		r.nav = append(r.nav, NavLink{URL: to, Text: text})
		r.navTargets[to] = true
	}
	for _, k := range kinds {
		switch {
		case k.nav.key != "":
			add(k.path, r.text.get(k.nav.key))
		case k.nav.each:
			for i := range k.n(r.site) {
				p, title := k.page(r, i)
				add(p.name, title)
			}
		}
	}
}

// notesOnce holds a sprint's notes, rendered, between the three that
// show them.
type notesOnce struct {
	mu    sync.Mutex
	html  template.HTML
	taken int // by how many of notesUsers
}

// notesUsers is how many of a build's parts show a sprint's notes: its
// page, its session view and the search index.
const notesUsers = 3

// notes are sp's notes rendered once for its page, its session view and
// the search index: the first renders them, the last takes them and lets
// them go. A sprint's two pages go out one after the other; the search
// index goes through the sprints beside the pages (sprintkit build), a
// little behind them (sprintsOut), so that it holds the notes of a few
// sprints only; or after them (serve), when the pages hold theirs until it
// comes. (A fourth would render them again; a build that takes its search
// entry from its Cache, or writes a page again without making its view
// (reads.go), lets them go with the renderer.)
func (r *renderer) notes(sp *site.Sprint) template.HTML {
	n := &r.sprintNotes[r.itemAt[sp]]
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.taken == 0 {
		n.html = r.md.block(sp.Notes)
	}
	h := n.html
	if n.taken++; n.taken == notesUsers {
		n.html, n.taken = "", 0
	}
	return h
}

// listDrawn counts a list of kind drawn, or all gone out (kind "", see
// listsLeft). What was drawn only for lists goes once the last list that
// draws it is drawn (countListFrags), and after the last list, what was
// drawn for any.
func (r *renderer) listDrawn(kind string) {
	r.fragMu.Lock()
	defer r.fragMu.Unlock()
	for _, name := range r.listFrags[kind] {
		if r.fragLeft[name]--; r.fragLeft[name] == 0 {
			delete(r.frags, name)
		}
	}
	if r.listsLeft.Add(-1) == 0 {
		r.frags = map[string]map[key]template.HTML{}
	}
}

// countListFrags finds, for each kind of list page, the templates that
// its pages can draw and no page of a kind after the lists can, and
// counts for each the list pages that can draw it: a year's board or home
// page draws megabytes of rows that no other page shows. A build that the
// search index follows calls it before anything is drawn.
func (r *renderer) countListFrags() {
	lists, after := map[string][]string{}, map[string]bool{}
	isList := true
	for _, k := range kinds {
		isList = isList && k.name != "sprint"
		names := closure(r.pages[k.name], k.name+".html")
		if isList {
			lists[k.name] = names
			continue
		}
		for _, n := range names {
			after[n] = true
		}
	}
	r.fragMu.Lock()
	defer r.fragMu.Unlock()
	r.listFrags, r.fragLeft = map[string][]string{}, map[string]int{}
	for _, k := range kinds {
		for _, n := range lists[k.name] {
			if !after[n] {
				r.listFrags[k.name] = append(r.listFrags[k.name], n)
				r.fragLeft[n] += k.n(r.site)
			}
		}
	}
	// What one page alone draws is drawn there, once for each row, as a
	// template it calls would be: nothing else could reuse it.
	r.fragOnce = map[string]bool{}
	for n, left := range r.fragLeft {
		r.fragOnce[n] = left == 1
	}
}

// pageQueue is how many pages wait to be drawn, at most.
const pageQueue = 64

// A sprintsOut is how many sprints' pages have gone out to be drawn, for
// the search index to follow them: the index would hold the notes of every
// sprint it is ahead of the pages by (notes). Its zero value follows
// nothing: wait returns at once.
type sprintsOut struct {
	mu        sync.Mutex
	cond      sync.Cond
	following bool
	n         int
}

// follow has wait wait for the pages, until done.
func (o *sprintsOut) follow() {
	o.mu.Lock()
	o.cond.L = &o.mu
	o.following, o.n = true, 0
	o.mu.Unlock()
}

// out says that the pages of the first n sprints have gone out.
func (o *sprintsOut) out(n int) {
	o.mu.Lock()
	o.n = n
	following := o.following
	o.mu.Unlock()
	if following {
		o.cond.Broadcast()
	}
}

// done says that every page has gone out.
func (o *sprintsOut) done() {
	o.mu.Lock()
	o.following = false
	o.mu.Unlock()
	o.cond.Broadcast()
}

// wait waits until the pages of sprint i have been taken to be drawn: the
// pages of a queue's worth of sprints after it have gone out.
func (o *sprintsOut) wait(i int) {
	o.mu.Lock()
	for o.following && o.n <= i+pageQueue/2 {
		o.cond.Wait()
	}
	o.mu.Unlock()
}
