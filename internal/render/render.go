package render

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/templates"
)

// Writer receives the files of the built site; WriteFile is called from
// several goroutines at once and once for each name. data is the Writer's
// to keep: nothing changes it afterwards, and a page reused from a Cache
// is handed over again as the same bytes.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// A StreamWriter is a Writer that also takes a file as it is written, by
// calling write with the file's writer once. Render uses it, where it has
// no Cache to keep a large file in, for what it need not hold whole.
type StreamWriter interface {
	Writer
	WriteStream(name string, write func(io.Writer) error) error
}

// Options change how a site is rendered.
type Options struct {
	// Overrides holds a site's own templates: a file X there replaces the
	// embedded default X. Nil means the defaults only.
	Overrides fs.FS
	// Today marks overdue actions; the zero value marks none.
	Today time.Time
	// Cache keeps rendered Markdown, pages and fragments between builds;
	// nil caches nothing.
	Cache *Cache
	// Shown, when set, is called once every page, asset and copied file
	// is written: all that a page shows as it loads. The files made from
	// the whole site that no page loads as it opens (the search index,
	// the feed and the data files) are then made after it, not beside the
	// pages, so that the pages are written as soon as they can be. It is
	// not called when the pages written before it fail; with First, the
	// build may still fail after it.
	Shown func(*site.Site)
	// First, with Shown, are the files that an edit changed (slash-
	// separated, from the site folder, as site.Cache.Changed takes them).
	// When some are files of sprints or studies, the pages of those are
	// written first, with the assets and copied files; Shown is called
	// then, before the other pages are written. The dev server shows the
	// page being edited that soon, over the last build's others.
	First []string
	// Paged, when set, is called once every page is written, before the
	// search index, the feed and the data files: after Shown when First
	// put some pages first, else before it.
	Paged func()
}

// Render writes every page and asset of s to w, and copies the site's files
// from src (the site folder). Problems with templates or labels come back
// as site.Problems.
func Render(s *site.Site, src fs.FS, opt Options, w Writer) error {
	r, err := newRenderer(s, opt)
	if err != nil {
		return err
	}
	return r.run(src, w)
}

type renderer struct {
	site *site.Site
	text *text
	md   *markdown
	// notesBelow renders notes for a page a folder below their sprint's.
	notesBelow *markdown
	today      time.Time
	// actions are the site's actions in the actions page's order, sorted
	// once for the page, actions.csv and the calendars.
	actions func() []*site.Sprint
	pages   map[string]*template.Template
	files   overlay // the site's templates over the embedded ones
	// ownLabels is set when the site's templates hold their own
	// session-labels.js, which is then the asset (writeSessionLabels).
	ownLabels bool

	// What is reused (reuse.go): cache between builds, frags within this
	// one, both under keys of templates and views.
	cache   *Cache
	keys    *keyer
	textID  key                       // the interface text and language
	pageIDs map[string]key            // each kind's templates
	fragIDs map[string]map[string]key // each template's closure, by kind
	fragMu  sync.Mutex
	frags   map[string]map[key]template.HTML // by the fragment's name
	// listFrags are, for each kind of list page, the templates that its
	// pages draw and no page after the lists does; fragLeft is how many
	// list pages still to draw each of those (listDrawn, under fragMu);
	// fragOnce are those that one page alone draws. All are set before
	// anything is drawn (countListFrags).
	listFrags map[string][]string
	fragLeft  map[string]int
	fragOnce  map[string]bool

	nav        []NavLink       // links from the top of the site
	navTargets map[string]bool // the pages the navigation links to
	chromeMu   sync.Mutex
	chromes    map[string]Chrome // by depth, or by page for a page in nav

	items   []itemOnce           // by position in site.Sprints
	itemAt  map[*site.Sprint]int // position in site.Sprints
	datesMu sync.RWMutex
	dates   map[dayKey]Date

	// sprintNotes hold each sprint's notes between its pages and the
	// search index (kinds.go), by position in site.Sprints; sprintsOut
	// is how far the sprints' pages have gone, for the index to follow.
	sprintNotes []notesOnce
	sprintsOut  sprintsOut
	// listsLeft is how many of the pages that come before the sprints'
	// (index, studies, teams...), which share the rows drawn as
	// fragments, are still to draw, and one more until they have all gone
	// out, in a build that the search index follows: then the fragments
	// go (listDrawn).
	listsLeft atomic.Int64
	// then is Options.Shown; first and paged are Options.First and
	// Options.Paged.
	then  func(*site.Site)
	first []string
	paged func()
	// studyViews hold each study's view for a build with a Cache
	// (studyView).
	studyMu    sync.Mutex
	studyViews map[*site.Study]func() StudyView
	// acrossOf holds each belief as the sprint pages show it (across).
	acrossMu sync.Mutex
	acrossOf map[*site.Belief]*BeliefItem
	// versions are those of the parts of the site that views read.
	versions versions
}

// overlay reads a file from the site's templates first, then the embedded ones.
type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if o.top != nil {
		if f, err := o.top.Open(name); err == nil {
			return f, nil
		}
	}
	return o.base.Open(name)
}

// Lstat describes the file that Open gives, without following a link:
// the site's templates are read only as regular files (site.ReadFile).
func (o overlay) Lstat(name string) (fs.FileInfo, error) {
	if o.top != nil {
		if fi, err := fs.Lstat(o.top, name); err == nil {
			return fi, nil
		}
	}
	return fs.Lstat(o.base, name)
}

// ReadLink is Lstat's companion in fs.ReadLinkFS.
func (o overlay) ReadLink(name string) (string, error) {
	if o.top != nil {
		if _, err := fs.Lstat(o.top, name); err == nil {
			return fs.ReadLink(o.top, name)
		}
	}
	return fs.ReadLink(o.base, name)
}

func newRenderer(s *site.Site, opt Options) (*renderer, error) {
	t := newText(s.Settings)
	r := &renderer{
		then:  opt.Shown,
		first: opt.First,
		paged: opt.Paged,
		site:  s,
		text:  t,
		md:    newMarkdown(s.Settings.UnsafeHTML, opt.Cache, ""),
		// A sprint's notes on its session view, a folder below the
		// sprint's own, where the files they link to are.
		notesBelow: newMarkdown(s.Settings.UnsafeHTML, opt.Cache, layout.SessionUp()),
		today:      opt.Today,
		pages:      map[string]*template.Template{},
		files:      overlay{opt.Overrides, templates.FS},
		cache:      opt.Cache,
		keys:       opt.Cache.keys(),
		frags:      map[string]map[key]template.HTML{},
	}
	if opt.Overrides != nil {
		_, err := fs.Stat(opt.Overrides, sessionLabelsName)
		r.ownLabels = err == nil
	}
	if opt.Cache == nil {
		// A one-off build still renders each short text once, though it
		// is shown on several pages (the card, the board, the team page).
		r.md.cache, r.md.maxLen = &Cache{}, 1024
		r.notesBelow.cache, r.notesBelow.maxLen = r.md.cache, r.md.maxLen
	}
	base, err := r.parseFile(template.New("").Funcs(r.funcs()), "base.html")
	if err != nil {
		return nil, err
	}
	var unknown site.Problems
	for _, k := range kinds {
		kind := k.name
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		clone.Funcs(template.FuncMap{"fragment": r.fragmentFunc(kind)})
		if r.pages[kind], err = r.parseFile(clone, kind+".html"); err != nil {
			return nil, err
		}
		// Before the labels are folded in, while the calls are there to
		// find: a label no language has fails the build before any page
		// is drawn, where it would show its key.
		unknown = append(unknown, r.labelProblems(r.pages[kind])...)
		r.foldLabels(r.pages[kind])
	}
	if len(unknown) > 0 {
		// base.html and the shared templates are in every kind's set.
		slices.SortFunc(unknown, func(a, b site.Problem) int { return strings.Compare(a.Error(), b.Error()) })
		return nil, slices.CompactFunc(unknown, func(a, b site.Problem) bool { return a.Error() == b.Error() })
	}
	r.identify()
	r.settle()
	r.navigation()
	r.items = make([]itemOnce, len(s.Sprints))
	r.sprintNotes = make([]notesOnce, len(s.Sprints))
	r.itemAt = make(map[*site.Sprint]int, len(s.Sprints))
	for i, sp := range s.Sprints {
		r.itemAt[sp] = i
	}
	r.dates = map[dayKey]Date{}
	r.actions = sync.OnceValue(func() []*site.Sprint { return s.Actions(r.today) })
	return r, nil
}

// parseFile adds the template file name, from the site's templates or the
// embedded ones, to t, naming the file in any error.
func (r *renderer) parseFile(t *template.Template, name string) (*template.Template, error) {
	data, err := site.ReadFile(r.files, name)
	if err != nil {
		return nil, site.Problems{{Path: "templates/" + name, Msg: err.Error()}}
	}
	t, err = t.New(name).Parse(string(data))
	if err != nil {
		return nil, site.Problems{templateProblem(name, err)}
	}
	return t, nil
}

// templateProblem turns html/template's "template: name:line:col: msg" into a
// positioned problem.
func templateProblem(name string, err error) site.Problem {
	p := site.Problem{Path: "templates/" + name, Msg: err.Error()}
	msg := strings.TrimPrefix(err.Error(), "template: ")
	if rest, ok := strings.CutPrefix(msg, name+":"); ok {
		var line, col int
		if n, _ := fmt.Sscanf(rest, "%d:%d:", &line, &col); n >= 1 {
			p.Line, p.Col = line, col
			parts := strings.SplitN(rest, ": ", 2)
			if len(parts) == 2 {
				p.Msg = parts[1]
			}
		}
	}
	return p
}

// funcs are the template functions. Each reads nothing but its
// arguments and the site's interface text, which is part of every
// template's identity (reuse.go).
func (r *renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"t":         func(key string) string { return r.text.get(key) },
		"label":     r.text.label,
		"tf":        func(key string, pairs ...any) string { return r.text.get(key, pairs...) },
		"join":      strings.Join,
		"cssString": cssString,
		"first":     first,
		"rest":      rest,
		// fragment is replaced for each kind of page by fragmentFunc.
		"fragment": func(string, any) template.HTML {
			panic(errors.New("fragment: outside a page"))
		},
	}
}

func (r *renderer) run(src fs.FS, w Writer) error {
	var (
		mu   sync.Mutex
		errs site.Problems
		ferr error
		// stop is set by the first failed write: the output is to be
		// thrown away, so the pages still to come are not rendered.
		stop atomic.Bool
	)
	fail := func(name string, err error) {
		mu.Lock()
		defer mu.Unlock()
		if p, ok := err.(site.Problem); ok {
			errs = append(errs, p)
		} else if ferr == nil {
			ferr = fmt.Errorf("%s: %w", name, err)
			stop.Store(true)
		}
	}
	// failed is what went wrong with the pages drawn so far.
	failed := func() error {
		if len(errs) > 0 {
			sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
			// One broken template breaks every page of its kind: say it once.
			uniq := errs[:1]
			for _, p := range errs[1:] {
				if p.Path != uniq[len(uniq)-1].Path {
					uniq = append(uniq, p)
				}
			}
			return uniq
		}
		return ferr
	}
	// Beside the pages, the search index follows the sprints' pages.
	follow := r.then == nil
	// draw renders the pages that want takes (pagesTo) on every core,
	// and says how many there were.
	//
	// In a build that the search index follows, the first of its
	// goroutines draws the lists one at a time (pagesTo sends them apart),
	// while the others start on the sprints' pages, and then joins them:
	// each list holds a view of the whole year and its rows, and two
	// drawn at once were the build's peak of memory.
	draw := func(want func(src string) bool) (drawn int) {
		jobs := make(chan page, pageQueue)
		var lists chan page
		if follow {
			lists = make(chan page, r.listPages())
		}
		var wg sync.WaitGroup
		for i := range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				var d drawing
				one := func(p page) {
					if !stop.Load() {
						if err := r.page(p, &d, w); err != nil {
							fail(p.name, err)
						}
					}
					if p.list {
						r.listDrawn(p.kind)
					}
				}
				if i == 0 && lists != nil {
					for p := range lists {
						one(p)
					}
				}
				for p := range jobs {
					one(p)
				}
			})
		}
		drawn = r.pagesTo(jobs, lists, want)
		close(jobs)
		wg.Wait()
		return drawn
	}
	// The assets and the copied files are written beside the pages, and
	// so are the search index, the feed and the data files unless the
	// caller would be told of the pages first (Options.Shown).
	rest := make(chan error, 1)
	if follow {
		r.sprintsOut.follow()
		// Before anything is drawn: the assets, beside the pages, draw
		// the session view's parts too.
		r.countListFrags()
	}
	go func() {
		err := r.shown(src, w)
		if err == nil && r.then == nil {
			err = r.aggregates(w)
		}
		rest <- err
	}()

	first := r.firstPages()
	if first != nil && draw(first) == 0 {
		first = nil // no page is of a changed file: every page comes first
	}
	if first == nil {
		draw(nil)
	}
	if follow {
		r.sprintsOut.done()
	}
	restErr := <-rest
	if err := failed(); err != nil {
		return err
	}
	if restErr != nil || r.then == nil {
		return restErr
	}
	if first == nil && r.paged != nil {
		r.paged()
	}
	r.then(r.site)
	if first != nil {
		draw(func(src string) bool { return !first(src) })
		if err := failed(); err != nil {
			return err
		}
		if r.paged != nil {
			r.paged()
		}
	}
	return r.aggregates(w)
}

// firstPages is what takes the sources (kind.src) of the pages to write
// before Options.Shown is called: those that Options.First changed. It is
// nil, for every page, when there is no Shown to call or nothing changed.
func (r *renderer) firstPages() func(src string) bool {
	if r.then == nil || len(r.first) == 0 {
		return nil
	}
	// The sources (sourceOf) a changed path is a file of: a folder it
	// lies in (a sprint's), or itself without its extension (a study's
	// file). A checkout may change thousands of files.
	of := map[string]bool{}
	for _, p := range r.first {
		for i := range len(p) {
			if p[i] == '/' {
				of[p[:i]] = true
			}
		}
		of[p] = true
		of[strings.TrimSuffix(p, path.Ext(p))] = true
	}
	return func(src string) bool { return src != "" && of[src] }
}

// aggregates writes the files made from the whole site that no page loads
// as it opens: the search index (loaded on the first search), the feed
// and the data files.
func (r *renderer) aggregates(w Writer) error {
	// The search index last: beside the pages, it follows them.
	if err := r.feed(w); err != nil {
		return err
	}
	if err := r.data(w); err != nil {
		return err
	}
	return r.search(w)
}

// shown writes what pages show beside themselves: the assets and the
// files copied as they are (a sprint's pictures).
func (r *renderer) shown(src fs.FS, w Writer) error {
	if err := r.assets(w); err != nil {
		return err
	}
	for _, f := range r.site.Files {
		b, err := site.ReadFile(src, f.Src)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Src, err)
		}
		if err := w.WriteFile(f.Dst, b); err != nil {
			return err
		}
	}
	return nil
}

// drawing is what one goroutine draws pages with, page after page: a
// page of a year's site is kilobytes, and there are 20,000 of them.
type drawing struct {
	buf bytes.Buffer  // the page, for a build that keeps it
	bw  *bufio.Writer // on its way to its file, for one that does not
}

// page renders p with d and writes it to w, or writes what an earlier
// build rendered: for a page that read nothing that changed since
// (reads.go), without making its view; else for the same key.
func (r *renderer) page(p page, d *drawing, w Writer) error {
	buf := &d.buf
	tmpl := r.pageIDs[p.kind]
	if kept, ok := r.cache.unread(p.name, tmpl, r.unchanged); ok {
		if r.cache.Verify {
			k, err := r.keys.of(tmpl, p.view(&reads{r: r}))
			if err != nil {
				return err
			}
			if k != kept.key {
				return errors.New("written again unseen, but its view changed: it reads a part of the site that it does not ask its reads for")
			}
		}
		return w.WriteFile(p.name, kept.data)
	}
	rd := &reads{r: r}
	view := p.view(rd)
	r.cache.madeView()
	var k key
	var rec record
	if r.cache != nil {
		var err error
		if k, err = r.keys.of(tmpl, view); err != nil {
			return err
		}
		if rec, err = rd.record(); err != nil {
			return err
		}
		if b, ok := r.cache.page(p.name, k); ok {
			r.cache.putPage(p.name, cachedPage{k, b, tmpl, rec})
			return w.WriteFile(p.name, b)
		}
	}
	if sw, ok := w.(StreamWriter); ok && r.cache == nil {
		// Nothing keeps the page: it goes to its file as it is drawn,
		// and no page is held whole (the board of a large site is
		// megabytes).
		var problem error // the template's, not wrapped as a failed write
		err := sw.WriteStream(p.name, func(f io.Writer) error {
			fw := &writeErr{w: f}
			if d.bw == nil {
				d.bw = bufio.NewWriterSize(fw, 32<<10)
			}
			bw := d.bw
			bw.Reset(fw)
			if err := r.pages[p.kind].ExecuteTemplate(bw, p.kind+".html", view); err != nil {
				if fw.err != nil {
					// The file failed (a full disk), not the template.
					return fw.err
				}
				problem = execProblem(p.kind+".html", p.name, err)
				return problem
			}
			return bw.Flush()
		})
		if problem != nil {
			return problem
		}
		return err
	}
	buf.Reset()
	if err := r.pages[p.kind].ExecuteTemplate(buf, p.kind+".html", view); err != nil {
		return execProblem(p.kind+".html", p.name, err)
	}
	b := bytes.Clone(buf.Bytes())
	if r.cache != nil {
		r.cache.putPage(p.name, cachedPage{k, b, tmpl, rec})
	}
	return w.WriteFile(p.name, b)
}

// writeErr is a writer that keeps the first error of the one it writes
// to, so that a failed write is told from a failed template.
type writeErr struct {
	w   io.Writer
	err error
}

func (e *writeErr) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}

// cssString is the template function that writes s as a quoted CSS
// string, for a label in a style sheet: content: {{cssString (t "key")}}.
// html/template would take a value at the start of a CSS string for an
// address and write #ZgotmplZ for a label with a colon ("Klart senast
// (hh:mm)"). Every character but a letter, a digit, a space and safe
// punctuation is written as a CSS escape, so the string cannot end, nor
// end the style element.
func cssString(s string) template.CSS {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case unicode.IsLetter(c), unicode.IsDigit(c), c == ' ', strings.ContainsRune(".,:;!?()-–—…·%", c):
			b.WriteRune(c)
		default:
			fmt.Fprintf(&b, "\\%x ", c)
		}
	}
	b.WriteByte('"')
	return template.CSS(b.String())
}

// first is the first n elements of the slice list, or all of them.
func first(n int, list any) (any, error) {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice {
		return nil, fmt.Errorf("first: %T is not a list", list)
	}
	return v.Slice(0, min(n, v.Len())).Interface(), nil
}

// rest is how many elements of the slice list come after the first n.
func rest(n int, list any) (int, error) {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice {
		return 0, fmt.Errorf("rest: %T is not a list", list)
	}
	return max(0, v.Len()-n), nil
}

// execProblem is the problem of a template that failed while drawing the
// page name. html/template names the file, line and column where it
// failed ("template: sprint.html:12:5: executing ..."), which may be
// another file than the page's own, such as base.html.
func execProblem(own, name string, err error) site.Problem {
	file := own
	if f, _, ok := strings.Cut(strings.TrimPrefix(err.Error(), "template: "), ":"); ok && strings.HasSuffix(f, ".html") {
		file = f
	}
	p := templateProblem(file, err)
	p.Msg = fmt.Sprintf("drawing %s: %s", name, p.Msg)
	return p
}

// assets copies every template file that is not a page template to assets/.
func (r *renderer) assets(w Writer) error {
	names := map[string]bool{}
	for _, fsys := range []fs.FS{templates.FS, r.files.top} {
		if fsys == nil {
			continue
		}
		entries, _ := fs.ReadDir(fsys, ".")
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || site.Ignored(n) || path.Ext(n) == ".html" || path.Ext(n) == ".go" {
				continue
			}
			names[n] = true
		}
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	for _, n := range sorted {
		b, err := site.ReadFile(r.files, n)
		if err != nil {
			return fmt.Errorf("templates/%s: %w", n, err)
		}
		if err := w.WriteFile(layout.Asset(n), b); err != nil {
			return err
		}
	}
	return r.writeSessionLabels(w)
}
