package site

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"strings"
	"time"
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
	s, probs := Read(fsys, opt)
	if len(probs) > 0 {
		return nil, probs
	}
	return s, nil
}

// Read reads the site in fsys as far as it can, for a command that needs
// only part of it: the site holds the settings, every study that could be
// read (with its stages and beliefs) and the sprints without problems,
// linked; probs is every problem found. With problems, the site is not
// one to publish.
func Read(fsys fs.FS, opt Options) (s *Site, probs Problems) {
	l := &loader{fsys: fsys, site: &Site{}, broken: map[string]bool{}}
	l.loadSettings()
	// content/ (the pages and the studies) is read beside the sprint
	// folders, by a loader of its own, and joined as if read first.
	c := &loader{fsys: fsys, site: &Site{}, broken: map[string]bool{}}
	read := make(chan struct{})
	go func() {
		defer close(read)
		c.loadContent()
	}()
	l.loadSprints(opt.Cache, opt.Today)
	<-read
	l.site.Pages, l.site.Studies = c.site.Pages, c.site.Studies
	l.site.Files = append(c.site.Files, l.site.Files...)
	l.probs, l.warns = append(c.probs, l.probs...), append(c.warns, l.warns...)
	maps.Copy(l.broken, c.broken)
	for _, st := range l.site.Studies {
		// What linking finds wrong in a study is this load's problem.
		st.fields.probs = &l.probs
	}
	// The site's own templates are read when it is rendered; a link in
	// their place is as much a problem as one in content/.
	l.folder("templates")
	l.link()
	l.probs.sort()
	l.warns.sort()
	l.site.Warnings = l.warns
	return l.site, l.probs
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
	// partial holds the plans that were read but have problems of their
	// own: they are linked only to find what else is wrong with them.
	partial []*Sprint
	// broken holds the ids of studies and sprints whose files have
	// problems, so that what refers to them does not report more.
	broken map[string]bool
	slugs  map[string]string // team names' slugs (slug)
}

// folder reports whether the folder p is there to be read. A link in its
// place is a problem: it may lead out of the site.
func (l *loader) folder(p string) bool {
	fi, err := fs.Lstat(l.fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false
	case err != nil:
		l.fail(p, "%v", err)
		return false
	case !fi.IsDir():
		if msg := notRegular(fi.Mode()); msg != "" {
			l.fail(p, "%s", msg)
		} else {
			l.fail(p, "is a file, not a folder")
		}
		return false
	}
	return true
}

func (l *loader) fail(p string, format string, args ...any) {
	l.probs = append(l.probs, Problem{Path: p, Msg: fmt.Sprintf(format, args...)})
}
