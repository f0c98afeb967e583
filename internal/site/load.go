package site

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sprintkit/sprintkit/internal/layout"
)

// Options change how a site is loaded.
type Options struct {
	// Today is the day that warnings and overdue marks are measured from.
	// The zero value turns them off.
	Today time.Time
	// Cache, when set, keeps what was read of each sprint folder between
	// loads, so that a reload reads and parses only what changed
	// (cache.go).
	Cache *Cache
}

// Ignored reports whether a file name is an editor's temporary, swap or
// backup file, or hidden: such files are neither copied nor watched.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") ||
		strings.HasSuffix(name, "~") ||
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".swo") ||
		strings.HasSuffix(name, ".tmp") ||
		strings.Contains(name, "___jb_") ||
		name == "4913"
}

// Load reads the site in fsys (the site folder: content/, sprints/),
// checks it and links sprints to studies, stages and teams. When anything
// is wrong the error is Problems, with every problem found.
func Load(fsys fs.FS, opt Options) (*Site, error) {
	l := &loader{fsys: fsys, site: &Site{}, broken: map[string]bool{}}
	l.loadSettings()
	l.loadContent()
	l.loadSprints(opt.Cache, opt.Today)
	l.link()
	if len(l.probs) > 0 {
		l.probs.sort()
		return nil, l.probs
	}
	l.warns.sort()
	l.site.Warnings = l.warns
	return l.site, nil
}

// LoadSettings reads content/site.toml alone. On problems the error is
// Problems, and Settings holds what could be read (language "en" at least).
func LoadSettings(fsys fs.FS) (Settings, error) {
	l := &loader{fsys: fsys, site: &Site{}, broken: map[string]bool{}}
	l.loadSettings()
	if len(l.probs) > 0 {
		return l.site.Settings, l.probs
	}
	return l.site.Settings, nil
}

type loader struct {
	fsys  fs.FS
	site  *Site
	probs Problems
	warns Problems
	// broken holds the ids of studies and sprints whose files have
	// problems, so that what refers to them does not report more.
	broken map[string]bool
}

func (l *loader) fail(p string, format string, args ...any) {
	l.probs = append(l.probs, Problem{Path: p, Msg: fmt.Sprintf(format, args...)})
}

const settingsPath = "content/site.toml"

func (l *loader) loadSettings() {
	s := &l.site.Settings
	s.Language = "en"
	data, err := fs.ReadFile(l.fsys, settingsPath)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.fail(settingsPath, "missing: a site needs content/site.toml with at least a title (sprintkit init makes one)")
		} else {
			l.fail(settingsPath, "%v", err)
		}
		return
	}
	m, f, ok := decodeTOML(settingsPath, string(data), 1, &l.probs)
	if !ok {
		return
	}
	f.known(m, "", "title", "language", "base_url", "description", "labels", "unsafe_html")
	s.Title = f.str(m, "", "title", true)
	s.Language = f.enum(m, "", "language", Languages)
	s.Description = f.str(m, "", "description", false)
	s.UnsafeHTML = f.boolean(m, "", "unsafe_html")
	if base := f.str(m, "", "base_url", false); base != "" {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			f.atValue("base_url", "%q is not an absolute http or https address", base)
		} else {
			if !strings.HasSuffix(base, "/") {
				base += "/"
			}
			s.BaseURL = base
		}
	}
	if labels := f.table(m, "", "labels", false); labels != nil {
		s.Labels = map[string]string{}
		s.LabelPos = map[string]Problem{}
		keys := make([]string, 0, len(labels))
		for k := range labels {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if sub, nested := labels[k].(map[string]any); nested {
				// Point at the dotted key itself, not at [labels].
				var first string
				for sk := range sub {
					if first == "" || sk < first {
						first = sk
					}
				}
				p, _ := f.find("labels." + k + "." + first)
				f.problem(p.key, "labels.%s.%s: label keys have dots in them: quote the key, as in \"%s.%s\" = \"…\"", k, first, k, first)
				continue
			}
			s.Labels[k] = f.str(labels, "labels", k, false)
			p, _ := f.find("labels." + k)
			s.LabelPos[k] = Problem{Path: settingsPath, Line: p.key.line, Col: p.key.col}
		}
	}
}

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
		if d.IsDir() || p == settingsPath {
			return nil
		}
		rel := strings.TrimPrefix(p, "content/")
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
	data, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		l.fail(p, "%v", err)
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

func (l *loader) loadStudy(p string) {
	data, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		l.fail(p, "%v", err)
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
	st.Title = f.str(m, "", "title", true)
	st.Date = f.date(m, "", "date", false)
	st.Owner = f.str(m, "", "owner", false)
	st.Kind = f.enum(m, "", "kind", StudyKinds)
	st.Report = f.str(m, "", "report", false)
	if st.Report != "" {
		if msg := checkLink(st.Report); msg != "" {
			f.atValue("report", "%s", msg)
			st.Report = ""
		}
	}
	st.Summary = f.str(m, "", "summary", false)
	seen := map[string]bool{}
	for i, sm := range f.tables(m, "", "stages") {
		prefix := fmt.Sprintf("stages[%d]", i)
		f.known(sm, prefix, "id", "name", "current", "desired", "changes", "touchpoints")
		sg := &Stage{
			ID:          f.str(sm, prefix, "id", true),
			Name:        f.str(sm, prefix, "name", true),
			Current:     f.str(sm, prefix, "current", false),
			Desired:     f.str(sm, prefix, "desired", false),
			Changes:     f.strings(sm, prefix, "changes"),
			Touchpoints: f.strings(sm, prefix, "touchpoints"),
		}
		if sg.ID != "" && Slug(sg.ID) != sg.ID {
			f.atValue(prefix+".id", "%q: a stage id is lower-case letters, digits and dashes, such as %q", sg.ID, Slug(sg.ID))
		}
		if sg.ID != "" {
			if seen[sg.ID] {
				f.atValue(prefix+".id", "%q is used by an earlier stage", sg.ID)
			}
			seen[sg.ID] = true
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

// sprintDirs returns the sprint folders under sprints/, by name.
func (l *loader) sprintDirs() []string {
	entries, err := fs.ReadDir(l.fsys, "sprints")
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.fail("sprints", "%v", err)
		}
		return nil
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() && !Ignored(e.Name()) {
			dirs = append(dirs, e.Name())
		}
	}
	return dirs
}

func (l *loader) loadSprints(cache *Cache, today time.Time) {
	trusted := cache.begin()
	var dirs []string
	if trusted {
		dirs = cache.listing()
	}
	if dirs == nil {
		dirs = l.sprintDirs()
	}
	results := make([]folder, len(dirs))
	var wg sync.WaitGroup
	work := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range work {
				f, ok := cache.folder(dirs[i], trusted)
				if !ok {
					f.sp, f.src, f.files, f.probs = loadSprint(l.fsys, dirs[i], cache)
				}
				if f.sp != nil && (!f.warned || !f.warnDay.Equal(today)) {
					f.warns, f.warned, f.warnDay = sprintWarnings(f.sp, f.src, today), true, today
					ok = false
				}
				if !ok {
					cache.putFolder(dirs[i], f)
				}
				results[i] = f
			}
		})
	}
	for i := range dirs {
		work <- i
	}
	close(work)
	wg.Wait()
	cache.end(dirs)
	for i, r := range results {
		l.probs = append(l.probs, r.probs...)
		if r.sp != nil {
			// Each load links its own copy: the cache's stays as parsed.
			sp := *r.sp
			l.warns = append(l.warns, r.warns...)
			l.site.Sprints = append(l.site.Sprints, &sp)
		} else if len(r.probs) > 0 {
			l.broken["sprint:"+dirs[i]] = true
		}
		l.site.Files = append(l.site.Files, r.files...)
	}
	sort.Slice(l.site.Sprints, func(i, j int) bool {
		a, b := l.site.Sprints[i], l.site.Sprints[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.ID > b.ID
	})
}

// loadSprint reads one sprint folder: its plan, its notes and the files
// beside them. src is the plan's source, for the positions of warnings.
func loadSprint(fsys fs.FS, id string, cache *Cache) (sp *Sprint, src string, files []File, probs Problems) {
	dir := "sprints/" + id
	// One listing of the folder says whether there are notes, so that a
	// sprint without them costs no failed open; sub-folders are walked.
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, "", nil, Problems{{Path: dir, Msg: err.Error()}}
	}
	hasPlan, hasNotes := false, false
	// copied takes a file beside the plan into the site, unless it would
	// take the place of a page or asset that sprintkit makes.
	copied := func(p string) {
		if layout.Generated(p) {
			probs = append(probs, Problem{Path: p, Msg: fmt.Sprintf("would be copied to %s, which sprintkit makes itself: rename or move it", p)})
		} else {
			files = append(files, File{Src: p, Dst: p})
		}
	}
	for _, e := range entries {
		p := dir + "/" + e.Name()
		switch {
		case Ignored(e.Name()):
		case e.IsDir() && (e.Name() == "notes.md" || e.Name() == "sprint.toml"):
			probs = append(probs, Problem{Path: p, Msg: "is a folder, not a file"})
		case e.IsDir():
			err := fs.WalkDir(fsys, p, func(p string, d fs.DirEntry, err error) error {
				switch {
				case err != nil:
					probs = append(probs, Problem{Path: p, Msg: err.Error()})
				case Ignored(d.Name()) && d.IsDir():
					return fs.SkipDir
				case Ignored(d.Name()) || d.IsDir():
				default:
					copied(p)
				}
				return nil
			})
			if err != nil {
				probs = append(probs, Problem{Path: p, Msg: err.Error()})
			}
		case e.Name() == "sprint.toml":
			hasPlan = true
		case e.Name() == "notes.md":
			hasNotes = true
		default:
			copied(p)
		}
	}
	if !hasPlan {
		if len(files) > 0 || hasNotes {
			probs = append(probs, Problem{Path: dir, Msg: "a sprint folder needs a sprint.toml (sprintkit new sprint makes one)"})
		}
		return nil, "", nil, probs
	}
	planPath := dir + "/sprint.toml"
	data, err := fs.ReadFile(fsys, planPath)
	if err != nil {
		return nil, "", nil, append(probs, Problem{Path: planPath, Msg: err.Error()})
	}
	var notes []byte
	notesPath := ""
	if hasNotes {
		notesPath = dir + "/notes.md"
		// Gone since the listing (an editor saving by rename) or a broken
		// link is no notes, as if the listing had not shown it.
		if notes, err = fs.ReadFile(fsys, notesPath); errors.Is(err, fs.ErrNotExist) {
			notes, notesPath = nil, ""
		} else if err != nil {
			return nil, "", nil, append(probs, Problem{Path: notesPath, Msg: err.Error()})
		}
	}
	src = string(data)
	plan, ps, ok := cache.get(planPath, src, string(notes))
	if !ok {
		var s *Sprint
		s, ps = ParseSprint(planPath, id, data)
		if s != nil {
			plan = *s
		}
		plan.Notes, plan.NotesPath = string(notes), notesPath
		cache.put(planPath, src, string(notes), plan, ps)
	}
	if len(ps) > 0 {
		return nil, "", nil, append(probs, ps...)
	}
	return &plan, src, files, probs
}

// Default agenda: the five blocks of a 90-minute session.
var defaultAgenda = []Block{
	{Key: "agenda.frame", Minutes: 10},
	{Key: "agenda.prepare", Minutes: 10},
	{Key: "agenda.meet", Minutes: 40},
	{Key: "agenda.sense", Minutes: 15},
	{Key: "agenda.decide", Minutes: 15},
}

// DefaultAgenda returns the default agenda scaled to a session of the given length.
func DefaultAgenda(duration int) []Block {
	out := slices.Clone(defaultAgenda)
	if duration == 90 || duration <= 0 {
		return out
	}
	sum := 0
	for i := range out {
		out[i].Minutes = out[i].Minutes * duration / 90
		sum += out[i].Minutes
	}
	out[2].Minutes += duration - sum // the time with customers takes the rest
	return out
}

// ParseSprint checks one sprint plan on its own (without the rest of the
// site) and returns the sprint, unlinked, and every problem found in it.
func ParseSprint(p, id string, data []byte) (*Sprint, Problems) {
	var probs Problems
	m, f, ok := decodeTOML(p, string(data), 1, &probs)
	if !ok {
		return nil, probs
	}
	f.known(m, "", "title", "date", "team", "study", "relation", "stage", "status", "duration",
		"facilitator", "participants", "assumption", "question", "action", "follows", "result", "agenda")
	sp := &Sprint{Path: p, ID: id}
	sp.Title = f.str(m, "", "title", true)
	sp.Date = f.date(m, "", "date", true)
	sp.Team = f.str(m, "", "team", true)
	sp.StudyID = f.str(m, "", "study", true)
	sp.Relation = f.enum(m, "", "relation", Relations)
	sp.StageID = f.str(m, "", "stage", false)
	sp.Status = f.enum(m, "", "status", Statuses)
	sp.Duration = f.integer(m, "", "duration", 90)
	if _, ok := m["duration"]; ok && sp.Duration < 5 {
		f.atValue("duration", "%d minutes is too short for a session: at least 5", sp.Duration)
		sp.Duration = 90
	}
	sp.Facilitator = f.str(m, "", "facilitator", false)
	sp.Participants = f.strings(m, "", "participants")
	sp.FollowsID = f.str(m, "", "follows", false)

	if a := f.table(m, "", "assumption", true); a != nil {
		f.known(a, "assumption", "belief", "basis", "importance", "evidence")
		sp.Assumption = Assumption{
			Belief:     f.str(a, "assumption", "belief", true),
			Basis:      f.enum(a, "assumption", "basis", Bases),
			Importance: f.enum(a, "assumption", "importance", Importances),
			Evidence:   f.enum(a, "assumption", "evidence", Evidences),
		}
	}
	if q := f.table(m, "", "question", true); q != nil {
		f.known(q, "question", "ask", "method", "customers", "criterion")
		sp.Question = Question{
			Ask:       f.str(q, "question", "ask", true),
			Method:    f.enum(q, "question", "method", Methods),
			Customers: f.integer(q, "question", "customers", 0),
			Criterion: f.str(q, "question", "criterion", false),
		}
	}
	if a := f.table(m, "", "action", true); a != nil {
		f.known(a, "action", "do", "team", "strengthens", "energy", "owner", "due", "status")
		sp.Action = Action{
			Do:          f.str(a, "action", "do", true),
			Team:        f.str(a, "action", "team", false),
			Strengthens: f.str(a, "action", "strengthens", false),
			Energy:      f.enum(a, "action", "energy", Energies),
			Owner:       f.str(a, "action", "owner", false),
			Due:         f.date(a, "action", "due", false),
			Status:      f.enum(a, "action", "status", ActionStatuses),
		}
	}
	if sp.Action.Team == "" {
		sp.Action.Team = sp.Team
	}
	r := f.table(m, "", "result", false)
	if r != nil {
		f.known(r, "result", "verdict", "learned", "evidence")
		if _, ok := r["verdict"]; ok || sp.Status == "done" {
			sp.Result.Verdict = f.enum(r, "result", "verdict", Verdicts)
		}
		sp.Result.Learned = f.str(r, "result", "learned", sp.Status == "done")
		if _, ok := r["evidence"]; ok {
			sp.Result.Evidence = f.enum(r, "result", "evidence", Evidences)
		}
	} else if sp.Status == "done" {
		p, _ := f.find("status")
		f.problem(p.val, "status: a done sprint needs a [result] table with verdict and learned")
	}

	blocks := f.tables(m, "", "agenda")
	if blocks == nil {
		sp.Agenda = DefaultAgenda(sp.Duration)
	} else {
		sum := 0
		for i, b := range blocks {
			prefix := fmt.Sprintf("agenda[%d]", i)
			f.known(b, prefix, "block", "minutes")
			blk := Block{Name: f.str(b, prefix, "block", true), Minutes: f.integer(b, prefix, "minutes", 0)}
			if _, ok := b["minutes"]; !ok {
				f.missing(prefix + ".minutes")
			} else if blk.Minutes == 0 {
				f.atValue(prefix+".minutes", "must be more than 0")
			}
			sum += blk.Minutes
			sp.Agenda = append(sp.Agenda, blk)
		}
		if sum != sp.Duration && len(probs) == 0 {
			p, _ := f.find("agenda")
			f.problem(p.key, "agenda: the blocks add up to %d minutes, but duration is %d", sum, sp.Duration)
		}
	}
	return sp, probs
}

// link connects sprints to their studies, stages, teams and each other, and
// reports references to things that do not exist.
func (l *loader) link() {
	studies := map[string]*Study{}
	var studyIDs []string
	for _, st := range l.site.Studies {
		studies[st.ID] = st
		studyIDs = append(studyIDs, st.ID)
	}
	sprints := map[string]*Sprint{}
	for _, sp := range l.site.Sprints {
		sprints[sp.ID] = sp
	}
	teams := map[string]*Team{}
	team := func(name string) *Team {
		slug := Slug(name)
		t, ok := teams[slug]
		if !ok {
			t = &Team{Name: name, Slug: slug}
			teams[slug] = t
		}
		return t
	}
	for _, sp := range l.site.Sprints {
		f := l.sprintFields(sp)
		sp.Study = studies[sp.StudyID]
		if sp.Study == nil {
			if l.broken["study:"+sp.StudyID] {
				continue
			}
			f.atValue("study", "%q is not a study in content/studies/%s", sp.StudyID, known("studies", studyIDs))
		} else {
			sp.Study.Sprints = append(sp.Study.Sprints, sp)
			if sp.StageID != "" {
				var ids []string
				for _, sg := range sp.Study.Stages {
					ids = append(ids, sg.ID)
					if sg.ID == sp.StageID {
						sp.Stage = sg
					}
				}
				if sp.Stage == nil {
					f.atValue("stage", "%q is not a stage of study %q%s", sp.StageID, sp.StudyID, known("stages", ids))
				} else {
					sp.Stage.Sprints = append(sp.Stage.Sprints, sp)
				}
			}
		}
		if sp.FollowsID != "" {
			sp.Follows = sprints[sp.FollowsID]
			switch {
			case sp.FollowsID == sp.ID:
				f.atValue("follows", "a sprint cannot follow itself")
				sp.Follows = nil
			case sp.Follows == nil && l.broken["sprint:"+sp.FollowsID]:
			case sp.Follows == nil:
				f.atValue("follows", "%q is not a sprint in sprints/", sp.FollowsID)
			default:
				sp.Follows.FollowedBy = append(sp.Follows.FollowedBy, sp)
			}
		}
		if Slug(sp.Team) == "" {
			f.atValue("team", "%q has no letters or digits to name the team's page by", sp.Team)
			continue
		}
		sp.TeamRef = team(sp.Team)
		sp.TeamRef.Sprints = append(sp.TeamRef.Sprints, sp)
		if Slug(sp.Action.Team) == "" {
			f.atValue("action.team", "%q has no letters or digits to name the team's page by", sp.Action.Team)
			continue
		}
		sp.ActionTeam = team(sp.Action.Team)
		sp.ActionTeam.Actions = append(sp.ActionTeam.Actions, sp)
	}
	for _, sp := range l.site.Sprints {
		// Sprints are newest first, so FollowedBy is too; show the chain oldest first.
		slices.Reverse(sp.FollowedBy)
	}
	for _, t := range teams {
		sortActions(t.Actions)
		l.site.Teams = append(l.site.Teams, t)
	}
	sort.Slice(l.site.Teams, func(i, j int) bool { return l.site.Teams[i].Slug < l.site.Teams[j].Slug })
}

// sprintFields gives positions in a sprint's plan after it was parsed, for
// problems found while linking.
func (l *loader) sprintFields(sp *Sprint) *fields {
	return &fields{path: sp.Path, probs: &l.probs, load: func() (string, int) {
		data, _ := fs.ReadFile(l.fsys, sp.Path)
		return string(data), 1
	}}
}

func known(what string, ids []string) string {
	if len(ids) == 0 {
		return fmt.Sprintf(" (there are no %s yet)", what)
	}
	return fmt.Sprintf(" (%s: %s)", what, strings.Join(ids, ", "))
}

// sortActions puts open actions first, low-energy ones first among them,
// then the earliest due.
func sortActions(list []*Sprint) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].Action, list[j].Action
		if ActionStatuses.Index(a.Status) != ActionStatuses.Index(b.Status) {
			return ActionStatuses.Index(a.Status) < ActionStatuses.Index(b.Status)
		}
		if Energies.Index(a.Energy) != Energies.Index(b.Energy) {
			return Energies.Index(a.Energy) < Energies.Index(b.Energy)
		}
		if !a.Due.Equal(b.Due) {
			if a.Due.IsZero() || b.Due.IsZero() {
				return b.Due.IsZero()
			}
			return a.Due.Before(b.Due)
		}
		return list[i].ID < list[j].ID
	})
}

// sprintWarnings finds what tends to go stale in a sprint: a plan left
// planned a week after its date, and a done sprint whose action is still
// open past its due date. src is the plan's source, for the positions.
func sprintWarnings(sp *Sprint, src string, today time.Time) Problems {
	if today.IsZero() {
		return nil
	}
	var ws Problems
	f := &fields{path: sp.Path, probs: &ws, load: func() (string, int) { return src, 1 }}
	if sp.Status == "planned" && today.Sub(sp.Date) > 7*24*time.Hour {
		f.atValue("status", "still planned %d days after the session's date %s: set it to done or abandoned",
			int(today.Sub(sp.Date).Hours()/24), sp.Date.Format(time.DateOnly))
	}
	if sp.Status == "done" && sp.Action.Status == "open" && sp.Overdue(today) {
		f.atValue("action.status", "still open, but the action was due %s", sp.Action.Due.Format(time.DateOnly))
	}
	return ws
}
