// Package render turns a loaded site into pages: goldmark configured once,
// html/template over the default templates with the site's own on top, and
// the interface text in the site's language. It returns pages to a Writer
// and knows nothing about disks or HTTP.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

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

// Options change how a site is rendered.
type Options struct {
	// Overrides holds a site's own templates: a file X there replaces the
	// embedded default X. Nil means the defaults only.
	Overrides fs.FS
	// Today marks overdue actions; the zero value marks none.
	Today time.Time
	// Cache keeps rendered Markdown between builds; nil caches nothing.
	Cache *Cache
}

// pageKinds are the page templates; each defines "main" for base.html.
var pageKinds = []string{"index", "sprint", "session", "study", "team", "assumptions", "page", "404"}

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
	site  *site.Site
	text  *text
	md    *markdown
	today time.Time
	pages map[string]*template.Template
	files overlay // the site's templates over the embedded ones

	// What is reused (reuse.go): cache between builds, frags within this one.
	cache  *Cache
	stock  map[string]bool // kinds of page drawn by the default templates
	frame  string          // key of what every page shows besides its content
	fragMu sync.Mutex
	frags  map[string]template.HTML

	chromeMu sync.Mutex
	chromes  map[string]template.HTML
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

func newRenderer(s *site.Site, opt Options) (*renderer, error) {
	t, probs := newText(s.Settings)
	if len(probs) > 0 {
		return nil, probs
	}
	r := &renderer{
		site:  s,
		text:  t,
		md:    newMarkdown(s.Settings.UnsafeHTML, opt.Cache),
		today: opt.Today,
		pages: map[string]*template.Template{},
		files: overlay{opt.Overrides, templates.FS},
		cache: opt.Cache,
		frame: frameKey(s, opt.Today),
		frags: map[string]template.HTML{},
	}
	if opt.Cache == nil {
		// A one-off build still renders each short text once, though it
		// is shown on several pages (the card, the board, the team page).
		r.md.cache, r.md.maxLen = &Cache{}, 1024
	}
	// Each template file is read once: the bytes that decide whether a
	// kind of page is drawn by the defaults are the bytes parsed.
	src := map[string][]byte{}
	own := map[string]bool{}
	for _, name := range append([]string{"base.html"}, pageFiles()...) {
		data, isOwn, err := readTemplate(opt.Overrides, name)
		if err != nil {
			return nil, site.Problems{{Path: "templates/" + name, Msg: err.Error()}}
		}
		src[name], own[name] = data, isOwn
	}
	r.stock = stockKinds(own)
	base, err := parseFile(template.New("").Funcs(r.funcs()), "base.html", src["base.html"])
	if err != nil {
		return nil, err
	}
	for _, kind := range pageKinds {
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		clone.Funcs(template.FuncMap{"fragment": r.fragmentFunc(kind)})
		if r.pages[kind], err = parseFile(clone, kind+".html", src[kind+".html"]); err != nil {
			return nil, err
		}
		r.foldLabels(r.pages[kind])
		r.foldPage(r.pages[kind], kind)
	}
	return r, nil
}

// parseFile adds the template file name, with the text data, to t, naming the
// file in any error.
func parseFile(t *template.Template, name string, data []byte) (*template.Template, error) {
	t, err := t.New(name).Parse(string(data))
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

func (r *renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"t":      func(key string) string { return r.text.get(key) },
		"label":  func(group, value string) string { return r.text.get(group + "." + value) },
		"tf":     func(key, name string, v any) string { return r.text.get(key, name, v) },
		"chrome": r.chrome,
		// fragment is replaced for each kind of page by fragmentFunc.
		"fragment": func(string, string, *site.Sprint) (template.HTML, error) {
			return "", fmt.Errorf("fragment: outside a page")
		},
		"date":     r.text.date,
		"iso":      func(d time.Time) string { return d.Format(time.DateOnly) },
		"md":       r.md.block,
		"mdInline": r.md.inline,
		"join":     strings.Join,
		"dict": func(pairs ...any) (map[string]any, error) {
			m := map[string]any{}
			for i := 0; i+1 < len(pairs); i += 2 {
				k, ok := pairs[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", pairs[i])
				}
				m[k] = pairs[i+1]
			}
			return m, nil
		},
		"sprintURL": func(s *site.Sprint) string { return "sprints/" + s.ID + "/index.html" },
		"studyURL":  func(s *site.Study) string { return "studies/" + s.ID + "/index.html" },
		"teamURL":   func(t *site.Team) string { return "teams/" + t.Slug + "/index.html" },
		"pageURL":   func(p *site.Page) string { return p.ID + "/index.html" },
		"overdue":   func(s *site.Sprint) bool { return s.Overdue(r.today) },
		"blockName": func(b site.Block) string {
			if b.Name != "" {
				return b.Name
			}
			return r.text.get(b.Key)
		},
		// safeURL passes a link that site.Load has checked (http, https,
		// file, mailto or relative), so that html/template keeps file: links.
		"safeURL": func(s string) template.URL {
			u, err := url.Parse(s)
			if err != nil || !site.AllowedScheme(strings.ToLower(u.Scheme)) {
				return ""
			}
			return template.URL(u.String())
		},
	}
}

// chrome renders a part of the page frame that depends only on the kind
// of page, its depth and the study or page it shows (the header with its
// navigation, the footer), once for each such combination.
func (r *renderer) chrome(name string, d data) (template.HTML, error) {
	key := name + "\x00" + d.Kind + "\x00" + d.Root
	if d.Study != nil {
		key += "\x00s" + d.Study.ID
	}
	if d.Page != nil {
		key += "\x00p" + d.Page.ID
	}
	r.chromeMu.Lock()
	h, ok := r.chromes[key]
	r.chromeMu.Unlock()
	if ok {
		return h, nil
	}
	var buf bytes.Buffer
	if err := r.pages[d.Kind].ExecuteTemplate(&buf, name, d); err != nil {
		return "", err
	}
	h = template.HTML(buf.String())
	r.chromeMu.Lock()
	if r.chromes == nil {
		r.chromes = map[string]template.HTML{}
	}
	r.chromes[key] = h
	r.chromeMu.Unlock()
	return h, nil
}

// data is what every template gets. Root leads from the page to the top of
// the site ("../../"), so that every link is relative.
type data struct {
	Site        *site.Site
	Lang        string
	Kind        string
	Root        string
	Title       string
	Description string

	Sprint *site.Sprint
	Study  *site.Study
	Team   *site.Team
	Page   *site.Page

	Outcomes []count
	Actions  []count
	Board    []column
}

type count struct {
	Key string
	N   int
}

type column struct {
	Key     string
	Sprints []*site.Sprint
}

// page is one page to render: its output name and kind, the template
// data, and for a page that may be reused (reuse.go), its key. data and
// key run on the worker that takes the page, and data only when the page
// is not reused.
type page struct {
	name string
	kind string
	data func() data
	key  func() string // nil for a page that is never reused
}

func (r *renderer) newData(kind, name, title, desc string) data {
	if desc == "" {
		desc = r.site.Settings.Description
	}
	if desc == "" {
		desc = r.site.Settings.Title
	}
	return data{
		Site:        r.site,
		Lang:        r.site.Settings.Language,
		Kind:        kind,
		Root:        strings.Repeat("../", strings.Count(name, "/")),
		Title:       title,
		Description: oneLine(desc),
	}
}

// markup is what oneLine drops from Markdown source.
var markup = strings.NewReplacer("*", "", "_", "", "`", "", "#", "")

// oneLine shortens Markdown source to a plain description.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = markup.Replace(s)
	if r := []rune(s); len(r) > 200 {
		s = string(r[:199]) + "…"
	}
	return s
}

func (r *renderer) run(src fs.FS, w Writer) error {
	jobs := make(chan page, 64)
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
	// The search index, the feed, the assets and the copied files are
	// made beside the pages.
	rest := make(chan error, 1)
	go func() { rest <- r.rest(src, w) }()

	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for p := range jobs {
				if stop.Load() {
					continue
				}
				var key string
				if p.key != nil {
					key = p.key()
				}
				if b, ok := r.cache.page(p.name, key); ok {
					if err := w.WriteFile(p.name, b); err != nil {
						fail(p.name, err)
					}
					continue
				}
				buf.Reset()
				if err := r.pages[p.kind].ExecuteTemplate(&buf, p.kind+".html", p.data()); err != nil {
					fail(p.name, site.Problem{Path: "templates/" + p.kind + ".html", Msg: fmt.Sprintf("rendering %s: %v", p.name, err)})
					continue
				}
				b := bytes.Clone(buf.Bytes())
				if key != "" {
					r.cache.putPage(p.name, key, b)
				}
				if err := w.WriteFile(p.name, b); err != nil {
					fail(p.name, err)
				}
			}
		})
	}
	r.pagesTo(jobs)
	close(jobs)
	wg.Wait()
	restErr := <-rest
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
	if ferr != nil {
		return ferr
	}
	return restErr
}

// rest writes what is not a page: the assets, the search index, the feed
// and the files copied as they are.
func (r *renderer) rest(src fs.FS, w Writer) error {
	if err := r.assets(w); err != nil {
		return err
	}
	if err := r.search(w); err != nil {
		return err
	}
	if err := r.feed(w); err != nil {
		return err
	}
	for _, f := range r.site.Files {
		b, err := fs.ReadFile(src, f.Src)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Src, err)
		}
		if err := w.WriteFile(f.Dst, b); err != nil {
			return err
		}
	}
	return nil
}

// pagesTo sends every page of the site to jobs, the longest first: the
// pages that list many sprints, then one page for each sprint.
func (r *renderer) pagesTo(jobs chan<- page) {
	s := r.site
	send := func(name, kind string, data func() data) {
		jobs <- page{name: name, kind: kind, data: data}
	}
	send("index.html", "index", func() data {
		d := r.newData("index", "index.html", "", "")
		d.Outcomes, d.Actions = r.counts()
		return d
	})
	send("assumptions/index.html", "assumptions", func() data {
		d := r.newData("assumptions", "assumptions/index.html", r.text.get("assumptions.title"), r.text.get("assumptions.intro"))
		d.Board = r.board()
		return d
	})
	for _, st := range s.Studies {
		name := "studies/" + st.ID + "/index.html"
		send(name, "study", func() data {
			d := r.newData("study", name, st.Title, st.Summary)
			d.Study = st
			return d
		})
	}
	for _, t := range s.Teams {
		name := "teams/" + t.Slug + "/index.html"
		send(name, "team", func() data {
			d := r.newData("team", name, r.text.get("team.title", "team", t.Name), "")
			d.Team = t
			return d
		})
	}
	for _, sp := range s.Sprints {
		name := "sprints/" + sp.ID + "/index.html"
		jobs <- page{name: name, kind: "sprint",
			data: func() data {
				d := r.newData("sprint", name, sp.Title, sp.Assumption.Belief)
				d.Sprint = sp
				return d
			},
			key: func() string { return r.sprintPageKey("sprint", sp) },
		}
		session := "sprints/" + sp.ID + "/session/index.html"
		jobs <- page{name: session, kind: "session",
			data: func() data {
				d := r.newData("session", session, sp.Title+" – "+r.text.get("session.title"), sp.Question.Ask)
				d.Sprint = sp
				return d
			},
			key: func() string { return r.sprintPageKey("session", sp) },
		}
	}
	for _, pg := range s.Pages {
		name := pg.ID + "/index.html"
		send(name, "page", func() data {
			d := r.newData("page", name, pg.Title, pg.Description)
			d.Page = pg
			return d
		})
	}
	send("404.html", "404", func() data { return r.newData("404", "404.html", r.text.get("notfound.title"), "") })
}

var outcomes = []string{"supported", "refuted", "inconclusive", "untested"}

func (r *renderer) counts() (verdicts, actions []count) {
	byOutcome := map[string]int{}
	byAction := map[string]int{}
	for _, sp := range r.site.Sprints {
		byOutcome[sp.Outcome()]++
		if sp.Status == "done" {
			byAction[sp.Action.Status]++
		}
	}
	for _, k := range outcomes {
		verdicts = append(verdicts, count{k, byOutcome[k]})
	}
	for _, k := range []string{"open", "doing", "done"} {
		actions = append(actions, count{k, byAction[k]})
	}
	return verdicts, actions
}

// board groups the assumptions by outcome, customer-true insight before
// internal assumptions within each column.
func (r *renderer) board() []column {
	cols := make([]column, len(outcomes))
	idx := map[string]int{}
	for i, k := range outcomes {
		cols[i].Key = k
		idx[k] = i
	}
	for _, sp := range r.site.Sprints {
		i := idx[sp.Outcome()]
		cols[i].Sprints = append(cols[i].Sprints, sp)
	}
	for _, c := range cols {
		sort.SliceStable(c.Sprints, func(i, j int) bool {
			return c.Sprints[i].Assumption.Basis == "insight" && c.Sprints[j].Assumption.Basis != "insight"
		})
	}
	return cols
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
		b, err := fs.ReadFile(r.files, n)
		if err != nil {
			return fmt.Errorf("templates/%s: %w", n, err)
		}
		if err := w.WriteFile("assets/"+n, b); err != nil {
			return err
		}
	}
	return nil
}
