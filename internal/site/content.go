package site

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/sprintkit/sprintkit/internal/layout"
)

// splitFrontMatter splits "+++\nTOML\n+++\nbody" into its two parts. ok is
// false when the file does not start with a +++ line.
func splitFrontMatter(src string) (front, body string, ok bool) {
	src = strings.TrimPrefix(src, "\ufeff")
	first, rest, found := strings.Cut(src, "\n")
	if strings.TrimSpace(first) != "+++" || !found {
		return "", src, false
	}
	var b strings.Builder
	for rest != "" {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		if strings.TrimSpace(l) == "+++" {
			return b.String(), rest, true
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return "", src, false
}

func (l *loader) loadContent() {
	if !l.folder("content") {
		return
	}
	var studies studySet
	err := fs.WalkDir(l.fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			l.fail(p, "%v", err)
			return nil
		}
		if Ignored(d.Name()) && p != "content" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || p == SettingsPath {
			return nil
		}
		if msg := notRegular(d.Type()); msg != "" {
			l.fail(p, "%s", msg)
			return nil
		}
		rel := strings.TrimPrefix(p, "content/")
		if path.Ext(p) == ".md" || path.Dir(rel) == "studies" && path.Ext(p) == ".toml" {
			// A page's path is its address.
			for _, part := range strings.Split(rel, "/") {
				if msg := badName(part); msg != "" {
					l.fail(p, "%s", msg)
					return nil
				}
			}
		}
		switch {
		case path.Dir(rel) == "studies" && (path.Ext(p) == ".md" || path.Ext(p) == ".toml"):
			studies.add(p)
		case path.Ext(p) != ".md":
			if layout.Generated(rel) {
				l.fail(p, "would be copied to %s, which sprintkit makes itself: rename or move it", rel)
				return nil
			}
			l.site.Files = append(l.site.Files, File{Src: p, Dst: rel})
		default:
			l.loadPage(p)
		}
		return nil
	})
	if err != nil {
		l.fail("content", "%v", err)
	}
	for _, id := range studies.ids {
		l.loadStudy(id, studies.files[id])
	}
	sort.Slice(l.site.Studies, func(i, j int) bool { return l.site.Studies[i].ID < l.site.Studies[j].ID })
}

func (l *loader) loadPage(p string) {
	src, err := readMarkdown(l.fsys, p, "a page", true)
	if err != nil {
		l.probs = append(l.probs, problemOf(p, err))
		return
	}
	id := strings.TrimSuffix(strings.TrimPrefix(p, "content/"), ".md")
	pg := &Page{Path: p, ID: id, Title: id}
	if top, _, _ := strings.Cut(id, "/"); layout.Reserved(top) {
		l.fail(p, "a page may not be called %q: sprintkit makes that part of the site itself", top)
		return
	}
	front, body, ok := splitFrontMatter(src)
	pg.Body = body
	if ok {
		m, f, ok := decodeTOML(p, front, 2, &l.probs)
		if ok {
			r := reader{f, PageKeys}
			r.known(m, "")
			if t := r.text(m, "", "title"); t != "" {
				pg.Title = t
			}
			pg.Description = r.text(m, "", "description")
		}
	}
	l.site.Pages = append(l.site.Pages, pg)
}

// StudiesDir holds the studies: each a Markdown file, with its map in
// its front matter or in a TOML file of the same name beside it.
const StudiesDir = "content/studies"

// StudyPath is where the study id is kept in one file: its map as front
// matter, then its text.
func StudyPath(id string) string {
	return StudiesDir + "/" + id + ".md"
}

// StudyMapPath is where the study id may keep its map apart from its
// text, as pure TOML that editors check against the schema.
func StudyMapPath(id string) string {
	return StudiesDir + "/" + id + ".toml"
}

// studyFiles are the files of one study: its Markdown, its map, or both.
type studyFiles struct{ md, toml string }

// A studySet is the studies' files by id, the ids in the order found.
type studySet struct {
	files map[string]*studyFiles
	ids   []string
}

// add puts p, a study's <id>.md or <id>.toml, with the study's other file.
func (s *studySet) add(p string) {
	id := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if s.files == nil {
		s.files = map[string]*studyFiles{}
	}
	if s.files[id] == nil {
		s.files[id] = &studyFiles{}
		s.ids = append(s.ids, id)
	}
	if path.Ext(p) == ".md" {
		s.files[id].md = p
	} else {
		s.files[id].toml = p
	}
}

// loadStudy reads a study from its files: the map from <id>.toml when
// there is one, else from <id>.md's front matter; the text from <id>.md.
func (l *loader) loadStudy(id string, files *studyFiles) {
	st := &Study{Path: files.md, ID: id}
	before := len(l.probs)
	defer func() {
		if len(l.probs) > before {
			l.broken["study:"+st.ID] = true
		}
	}()
	var front string
	var texts []string // what the study is read from, for its Source
	firstLine := 2
	if files.md != "" {
		src, err := readMarkdown(l.fsys, files.md, "a study", true)
		if err != nil {
			l.probs = append(l.probs, problemOf(files.md, err))
			return
		}
		var ok bool
		front, st.Body, ok = splitFrontMatter(src)
		texts = append(texts, files.md, src)
		switch {
		case ok && files.toml != "":
			l.probs = append(l.probs, Problem{Path: files.md, Line: 1, Col: 1, Msg: fmt.Sprintf("the study's map is in %s and in this file's front matter: keep it in one of them (the .toml is checked by editors)", files.toml)})
			return
		case !ok && files.toml == "":
			l.probs = append(l.probs, Problem{Path: files.md, Line: 1, Col: 1, Msg: fmt.Sprintf("a study starts with TOML front matter between +++ lines (at least title = \"...\"), or keeps its map beside it in %s", StudyMapPath(id))})
			return
		}
	}
	if files.toml != "" {
		data, err := readFile(l.fsys, files.toml, MaxTOML, "a study's map")
		if err != nil {
			l.probs = append(l.probs, problemOf(files.toml, err))
			return
		}
		st.Path, front, firstLine = files.toml, string(data), 1
		texts = append(texts, files.toml, string(data))
	}
	st.Source = digestOf(texts...)
	m, f, ok := decodeTOML(st.Path, front, firstLine, &l.probs)
	if !ok {
		return
	}
	st.fields = f
	l.readStudy(st, reader{f, StudyKeys}, m)
	l.site.Studies = append(l.site.Studies, st)
}

// readStudy reads a study's map, m, into st.
func (l *loader) readStudy(st *Study, r reader, m map[string]any) {
	r.known(m, "")
	st.Title = r.text(m, "", "title")
	st.Date = r.day(m, "", "date")
	st.Owner = r.text(m, "", "owner")
	st.Kind = r.choice(m, "", "kind")
	st.Report = r.text(m, "", "report")
	if st.Report != "" {
		if msg := checkLink(st.Report); msg != "" {
			r.atValue("report", "%s", msg)
			st.Report = ""
		} else if FileLink(st.Report) {
			wf := *r.fields
			wf.probs = &l.warns
			wf.atValue("report", "%q: Chromium and Edge do not open file: links from a page served over http(s), so the study's page also shows the address as text to copy; an https: address opens everywhere", st.Report)
		}
	}
	st.Summary = r.text(m, "", "summary")
	seen := map[string]bool{}
	beliefs := map[string]bool{}
	for i, sm := range r.each(m, "", "stages") {
		prefix := fmt.Sprintf("stages[%d]", i)
		r.name(prefix, sm, "id")
		r.known(sm, prefix)
		sg := &Stage{
			ID:           r.text(sm, prefix, "id"),
			Name:         r.text(sm, prefix, "name"),
			EnergyNow:    r.choice(sm, prefix, "energy_now"),
			EnergyWanted: r.choice(sm, prefix, "energy_wanted"),
			Current:      r.text(sm, prefix, "current"),
			Desired:      r.text(sm, prefix, "desired"),
			Changes:      r.changes(sm, prefix),
			Touchpoints:  r.list(sm, prefix, "touchpoints"),
			Study:        st,
		}
		r.id(prefix+".id", "stage", "an earlier stage", sg.ID, seen)
		for j, bm := range r.each(sm, prefix, "beliefs") {
			bp := fmt.Sprintf("%s.beliefs[%d]", prefix, j)
			r.name(bp, bm, "id")
			r.known(bm, bp)
			b := &Belief{
				ID:         r.text(bm, bp, "id"),
				Text:       r.text(bm, bp, "text"),
				Basis:      r.choice(bm, bp, "basis"),
				Importance: r.choice(bm, bp, "importance"),
				Evidence:   r.choice(bm, bp, "evidence"),
				Stage:      sg,
			}
			r.id(bp+".id", "belief", "an earlier belief of the study", b.ID, beliefs)
			sg.Beliefs = append(sg.Beliefs, b)
		}
		st.Stages = append(st.Stages, sg)
	}
}

// AllowedScheme reports whether links with the scheme (lower case; "" for
// a relative link) may appear on a page: the web, files on shares, mail
// and telephone. javascript:, data: and the rest may not.
func AllowedScheme(scheme string) bool {
	switch scheme {
	case "", "http", "https", "file", "mailto", "tel":
		return true
	}
	return false
}

// FileLink reports whether the link s is a file: address.
func FileLink(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && strings.EqualFold(u.Scheme, "file")
}

// checkLink returns why a link from a user's file may not be used, or "".
func checkLink(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return fmt.Sprintf("%q is not a valid address", s)
	}
	if !AllowedScheme(strings.ToLower(u.Scheme)) {
		return fmt.Sprintf("%q: links with the %s: scheme are not allowed (use https: or file:)", s, u.Scheme)
	}
	return ""
}
