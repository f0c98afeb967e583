package site

import (
	"strings"
	"sync"
	"time"
)

// A Cache keeps what loads read of each sprint folder, for the next load.
// It is safe for concurrent use; the zero value is ready, and a nil
// *Cache keeps nothing.
//
// It keeps two things. Parsed plans, by path and content: a load that
// reads a sprint.toml and notes.md it has seen before does not parse them
// again. And, once told what changed (Changed), each folder's whole
// result and the list of folders: a load after Changed reads only the
// folders that a changed path lies in, and lists sprints/ again only when
// a folder came or went. A load that was not told what changed since the
// last one reads every folder, so a Cache that nobody tells anything is
// never wrong.
type Cache struct {
	mu sync.Mutex

	plans map[string]cachedPlan // by sprint id
	used  map[string]bool       // plans looked up since the last Sweep

	folders map[string]folder // by sprint id: read since a change in it
	dirs    []string          // the sprint folders as last listed; nil when stale
	told    bool              // every change since the last load was reported
}

// A folder is what one sprint folder gave a load.
type folder struct {
	sp *Sprint // nil when the folder holds no good plan; shared: read only
	// partial is the plan as far as it was read, when it has problems of
	// its own; shared: read only.
	partial *Sprint
	src     string // sprint.toml, for the positions of warnings
	files   []File
	probs   Problems
	notes   Problems // of the notes' links (notesWarnings)

	warns   Problems  // what tends to go stale, as of warnDay
	warnDay time.Time // the day warns were found for
}

type cachedPlan struct {
	src   string
	notes string
	sp    Sprint
	probs Problems
}

// Changed tells the cache that the files at paths (slash-separated, from
// the site folder) changed since the last load: created, written, renamed
// or removed. A path of "" or "." is a change that cannot be placed, such
// as a watcher's lost events: every folder is read again.
func (c *Cache) Changed(paths []string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.told = true
	for _, p := range paths {
		parts := strings.SplitN(p, "/", 3)
		switch {
		case p == "" || p == "." || p == "sprints":
			c.folders, c.dirs = nil, nil
		case parts[0] != "sprints":
			// content/ and templates/ are read by every load.
		case len(parts) == 2:
			// A folder came, went or was renamed: list them again.
			c.dirs = nil
			delete(c.folders, parts[1])
		default:
			delete(c.folders, parts[1])
		}
	}
}

// begin starts a load, and reports whether the load may trust what the
// cache holds of folders: only when every change since the last load was
// reported.
func (c *Cache) begin() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	trusted := c.told
	c.told = false
	if !trusted {
		c.folders, c.dirs = nil, nil
	}
	if c.used == nil {
		c.used = map[string]bool{}
	}
	return trusted
}

// listing returns the sprint folders as last listed, or nil when they
// must be listed again.
func (c *Cache) listing() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dirs
}

// folder returns what the folder id gave the last load that read it, when
// nothing in it changed since.
func (c *Cache) folder(id string, trusted bool) (folder, bool) {
	if c == nil || !trusted {
		return folder{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.folders[id]
	if ok && c.used != nil {
		c.used[id] = true // its plan stays kept
	}
	return f, ok
}

func (c *Cache) putFolder(id string, f folder) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.folders == nil {
		c.folders = map[string]folder{}
	}
	c.folders[id] = f
}

// end finishes a load that found the sprint folders dirs: they are the
// listing, and the folders of any other name are forgotten.
func (c *Cache) end(dirs []string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dirs = dirs
	if len(c.folders) > len(dirs) {
		keep := make(map[string]bool, len(dirs))
		for _, d := range dirs {
			keep[d] = true
		}
		for id := range c.folders {
			if !keep[id] {
				delete(c.folders, id)
			}
		}
	}
}

// Sweep forgets the sprint plans that no load asked for since the last
// Sweep: those of deleted or renamed sprints.
func (c *Cache) Sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.plans {
		if !c.used[p] {
			delete(c.plans, p)
		}
	}
	c.used = nil
}

// get returns the plan of the sprint id when it was parsed from the same
// sprint.toml and notes.md.
func (c *Cache) get(id, src, notes string) (Sprint, Problems, bool) {
	if c == nil {
		return Sprint{}, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.used == nil {
		c.used = map[string]bool{}
	}
	c.used[id] = true
	e, ok := c.plans[id]
	if !ok || e.src != src || e.notes != notes {
		return Sprint{}, nil, false
	}
	return e.sp, e.probs, true
}

func (c *Cache) put(id, src, notes string, sp Sprint, probs Problems) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.plans == nil {
		c.plans = map[string]cachedPlan{}
	}
	c.plans[id] = cachedPlan{src, notes, sp, probs}
}
