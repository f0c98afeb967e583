package site

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sprintkit/sprintkit/internal/layout"
)

// sprintDirs returns the sprint folders under sprints/, by name.
// Files in sprints/ itself (a README) are not part of the site; links,
// pipes and devices there are problems, as a folder named so that its
// address would break is.
func (l *loader) sprintDirs() []string {
	if !l.folder("sprints") {
		return nil
	}
	entries, err := fs.ReadDir(l.fsys, "sprints")
	if err != nil {
		l.fail("sprints", "%v", err)
		return nil
	}
	var dirs []string
	for _, e := range entries {
		p := "sprints/" + e.Name()
		switch {
		case Ignored(e.Name()):
		case !e.IsDir():
			if msg := notRegular(e.Type()); msg != "" {
				l.fail(p, "%s", msg)
			}
		case badName(e.Name()) != "":
			l.fail(p, "%s", badName(e.Name()))
		default:
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
	// own are this load's copies of the plans, which link changes: the
	// cache's stay as parsed.
	own := make([]Sprint, len(dirs))
	sprints := openSprints(l.fsys)
	defer sprints.close()
	var wg sync.WaitGroup
	var next atomic.Int64 // the next folder to read
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(dirs) {
					return
				}
				f, ok := cache.folder(dirs[i], trusted)
				if !ok {
					f = loadSprint(l.fsys, sprints, dirs[i], cache)
				}
				// A new folder's warnDay is the zero day, for which
				// there are no warnings: it needs none found then.
				if f.sp != nil && !f.warnDay.Equal(today) {
					f.warns, f.warnDay = sprintWarnings(f.sp, f.src, today), today
					ok = false
				}
				if !ok {
					cache.putFolder(dirs[i], f)
				}
				results[i] = f
				if f.sp != nil {
					own[i] = *f.sp
				}
			}
		})
	}
	wg.Wait()
	cache.end(dirs)
	for i, r := range results {
		l.probs = append(l.probs, r.probs...)
		if r.sp != nil {
			l.warns = append(l.warns, r.warns...)
			l.warns = append(l.warns, r.notes...)
			l.site.Sprints = append(l.site.Sprints, &own[i])
		} else if len(r.probs) > 0 {
			l.broken["sprint:"+dirs[i]] = true
		}
		if r.partial != nil {
			sp := *r.partial
			l.partial = append(l.partial, &sp)
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
// beside them.
func loadSprint(fsys fs.FS, sprints *sprintsFolder, id string, cache *Cache) (f folder) {
	dir := "sprints/" + id
	// The folder's listing, plan and notes are read from the folder,
	// looked up once.
	own, done, err := sprints.sub(fsys, id)
	if err != nil {
		f.probs = Problems{{Path: dir, Msg: atPath(err, dir).Error()}}
		return f
	}
	defer done()
	// One listing of the folder says whether there are notes, so that a
	// sprint without them costs no failed open, and that the plan and the
	// notes are regular files; sub-folders are walked.
	entries, err := fs.ReadDir(own, ".")
	if err != nil {
		f.probs = Problems{{Path: dir, Msg: atPath(err, dir).Error()}}
		return f
	}
	hasPlan, hasNotes := false, false
	// copied takes a file beside the plan into the site, unless it would
	// take the place of a page or asset that sprintkit makes.
	copied := func(p string) {
		dst := layout.SprintFile(id, strings.TrimPrefix(p, dir+"/"))
		if layout.Generated(dst) {
			f.probs = append(f.probs, Problem{Path: p, Msg: fmt.Sprintf("would be copied to %s, which sprintkit makes itself: rename or move it", dst)})
		} else {
			f.files = append(f.files, File{Src: p, Dst: dst})
		}
	}
	for _, e := range entries {
		p := dir + "/" + e.Name()
		switch {
		case Ignored(e.Name()):
		case !e.IsDir() && notRegular(e.Type()) != "":
			f.probs = append(f.probs, Problem{Path: p, Msg: notRegular(e.Type())})
		case e.IsDir() && (e.Name() == "notes.md" || e.Name() == "sprint.toml"):
			f.probs = append(f.probs, Problem{Path: p, Msg: "is a folder, not a file"})
		case e.IsDir():
			err := fs.WalkDir(fsys, p, func(p string, d fs.DirEntry, err error) error {
				switch {
				case err != nil:
					f.probs = append(f.probs, Problem{Path: p, Msg: err.Error()})
				case Ignored(d.Name()) && d.IsDir():
					return fs.SkipDir
				case Ignored(d.Name()) || d.IsDir():
				case notRegular(d.Type()) != "":
					f.probs = append(f.probs, Problem{Path: p, Msg: notRegular(d.Type())})
				default:
					copied(p)
				}
				return nil
			})
			if err != nil {
				f.probs = append(f.probs, Problem{Path: p, Msg: err.Error()})
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
		if len(f.files) > 0 || hasNotes {
			f.probs = append(f.probs, Problem{Path: dir, Msg: "a sprint folder needs a sprint.toml (sprintkit new sprint makes one)"})
		}
		f.files = nil
		return f
	}
	planPath := dir + "/sprint.toml"
	src, err := readText(own, "sprint.toml", planPath, MaxTOML, "a sprint plan")
	if err != nil {
		f.probs, f.files = append(f.probs, problemOf(planPath, err)), nil
		return f
	}
	text, notesPath := "", ""
	if hasNotes {
		notesPath = dir + "/notes.md"
		// Gone since the listing (an editor saving by rename) is no
		// notes, as if the listing had not shown it.
		text, err = readText(own, "notes.md", notesPath, MaxMarkdown, "notes")
		if err == nil {
			err = checkMarkdown(text, notesPath, false)
		}
		if errors.Is(err, fs.ErrNotExist) {
			text, notesPath = "", ""
		} else if err != nil {
			f.probs, f.files = append(f.probs, problemOf(notesPath, err)), nil
			return f
		}
	}
	plan, ps, ok := cache.get(id, src, text)
	if !ok {
		var s *Sprint
		s, ps = ParseSprint(planPath, id, src)
		if s != nil {
			plan = *s
		}
		plan.Notes, plan.NotesPath = text, notesPath
		plan.Source = Sources{Plan: digestOf(src), Notes: digestOf(plan.Notes)}
		cache.put(id, src, text, plan, ps)
	}
	if len(ps) > 0 {
		if plan.ID != "" {
			f.partial = &plan
		}
		f.probs, f.files = append(f.probs, ps...), nil
		return f
	}
	f.sp, f.src = &plan, src
	f.notes = notesWarnings(f.sp, f.files)
	return f
}
