package site

import (
	"io/fs"
	"time"
)

// Loaded is a site read and decoded but not linked, for the benchmarks of
// each stage (stages_bench_test.go).
type Loaded struct{ l *loader }

// LoadUnlinked is what Read does before it links.
func LoadUnlinked(fsys fs.FS, today time.Time) (*Loaded, error) {
	l := &loader{fsys: fsys, site: &Site{}, broken: map[string]bool{}}
	l.loadSettings()
	l.loadContent()
	l.loadSprints(nil, today)
	l.folder("templates")
	if len(l.probs) > 0 {
		return nil, l.probs
	}
	return &Loaded{l}, nil
}

// Link is what Read does after it loads.
func (l *Loaded) Link() {
	l.l.link()
}
