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
		if path.Ext(p) == ".md" {
			// A page's path is its address.
			for _, part := range strings.Split(rel, "/") {
				if msg := badName(part); msg != "" {
					l.fail(p, "%s", msg)
					return nil
				}
			}
		}
		switch {
		case path.Ext(p) != ".md":
			if layout.Generated(rel) {
				l.fail(p, "would be copied to %s, which sprintkit makes itself: rename or move it", rel)
				return nil
			}
			l.site.Files = append(l.site.Files, File{Src: p, Dst: rel})
		case path.Dir(rel) == "studies":
			l.loadStudy(p)
		default:
			l.loadPage(p)
		}
		return nil
	})
	if err != nil {
		l.fail("content", "%v", err)
	}
	sort.Slice(l.site.Studies, func(i, j int) bool { return l.site.Studies[i].ID < l.site.Studies[j].ID })
}

func (l *loader) loadPage(p string) {
	data, err := readFile(l.fsys, p, MaxMarkdown, "a page")
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
	front, body, ok := splitFrontMatter(string(data))
	pg.Body = body
	if ok {
		m, f, ok := decodeTOML(p, front, 2, &l.probs)
		if ok {
			f.known(m, "", "title", "description")
			if t := f.str(m, "", "title", false); t != "" {
				pg.Title = t
			}
			pg.Description = f.str(m, "", "description", false)
		}
	}
	l.site.Pages = append(l.site.Pages, pg)
}

// StudiesDir holds the studies, one Markdown file each.
const StudiesDir = "content/studies"

// StudyPath is where the study id is kept.
func StudyPath(id string) string {
	return StudiesDir + "/" + id + ".md"
}

func (l *loader) loadStudy(p string) {
	data, err := readFile(l.fsys, p, MaxMarkdown, "a study")
	if err != nil {
		l.probs = append(l.probs, problemOf(p, err))
		return
	}
	st := &Study{Path: p, ID: strings.TrimSuffix(path.Base(p), ".md")}
	before := len(l.probs)
	defer func() {
		if len(l.probs) > before {
			l.broken["study:"+st.ID] = true
		}
	}()
	front, body, ok := splitFrontMatter(string(data))
	if !ok {
		l.probs = append(l.probs, Problem{Path: p, Line: 1, Col: 1, Msg: "a study starts with TOML front matter between +++ lines (at least title = \"...\")"})
		return
	}
	st.Body = body
	m, f, ok := decodeTOML(p, front, 2, &l.probs)
	if !ok {
		return
	}
	f.known(m, "", "title", "date", "owner", "kind", "report", "summary", "stages")
	st.fields = f
	st.Title = f.str(m, "", "title", true)
	st.Date = f.date(m, "", "date", false)
	st.Owner = f.str(m, "", "owner", false)
	st.Kind = f.enum(m, "", "kind", StudyKinds)
	st.Report = f.str(m, "", "report", false)
	if st.Report != "" {
		if msg := checkLink(st.Report); msg != "" {
			f.atValue("report", "%s", msg)
			st.Report = ""
		} else if FileLink(st.Report) {
			wf := *f
			wf.probs = &l.warns
			wf.atValue("report", "%q: Chromium and Edge do not open file: links from a page served over http(s), so the study's page also shows the address as text to copy; an https: address opens everywhere", st.Report)
		}
	}
	st.Summary = f.str(m, "", "summary", false)
	seen := map[string]bool{}
	beliefs := map[string]bool{}
	for i, sm := range f.tables(m, "", "stages") {
		prefix := fmt.Sprintf("stages[%d]", i)
		f.name(prefix, sm, "id")
		f.known(sm, prefix, "id", "name", "energy_now", "energy_wanted", "current", "desired", "beliefs", "changes", "touchpoints")
		sg := &Stage{
			ID:           f.str(sm, prefix, "id", true),
			Name:         f.str(sm, prefix, "name", true),
			EnergyNow:    f.optional(sm, prefix, "energy_now", Energies),
			EnergyWanted: f.optional(sm, prefix, "energy_wanted", Energies),
			Current:      f.str(sm, prefix, "current", false),
			Desired:      f.str(sm, prefix, "desired", false),
			Changes:      f.changes(sm, prefix),
			Touchpoints:  f.strings(sm, prefix, "touchpoints"),
			Study:        st,
		}
		f.id(prefix+".id", "stage", "an earlier stage", sg.ID, seen)
		for j, bm := range f.tables(sm, prefix, "beliefs") {
			bp := fmt.Sprintf("%s.beliefs[%d]", prefix, j)
			f.name(bp, bm, "id")
			f.known(bm, bp, "id", "text", "basis", "importance", "evidence")
			b := &Belief{
				ID:         f.str(bm, bp, "id", true),
				Text:       f.str(bm, bp, "text", true),
				Basis:      f.enum(bm, bp, "basis", Bases),
				Importance: f.enum(bm, bp, "importance", Importances),
				Evidence:   f.enum(bm, bp, "evidence", Evidences),
				Stage:      sg,
			}
			f.id(bp+".id", "belief", "an earlier belief of the study", b.ID, beliefs)
			sg.Beliefs = append(sg.Beliefs, b)
		}
		st.Stages = append(st.Stages, sg)
	}
	l.site.Studies = append(l.site.Studies, st)
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
