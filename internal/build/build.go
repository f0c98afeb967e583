// Package build is the one way a site folder becomes a built site: load it
// (internal/site), then render it (internal/render) to a Writer. The build
// command writes to a folder, the dev server to memory; neither is known here.
package build

import (
	"io/fs"
	"time"

	"github.com/sprintkit/sprintkit/internal/render"
	"github.com/sprintkit/sprintkit/internal/site"
)

// A Builder builds sites. It keeps what it read and rendered from one
// build to the next, so a rebuild after a small change is cheap; every
// build is still complete. Told what changed (Changed), the next build
// reads only the sprint folders that changed; otherwise it reads every
// file. The zero value is ready; use one Builder from one goroutine at a
// time.
type Builder struct {
	sprints site.Cache
	md      render.Cache
	changed []string // told by Changed since the last build
}

// Changed tells the Builder which paths of the site folder (slash-
// separated, such as "sprints/2026-11-24-x/notes.md") changed since the
// last Build; "" stands for a change that cannot be placed. A Build
// before which Changed was not called reads every file.
func (b *Builder) Changed(paths []string) {
	b.sprints.Changed(paths)
	b.changed = append(b.changed, paths...)
}

// VerifyReuse has every later build make and check the view of each page
// that it writes again unseen (render.Cache.Verify): for tests.
func (b *Builder) VerifyReuse() { b.md.Verify = true }

// Build loads the site in fsys and renders it to w. today is the day for
// warnings and overdue marks (zero for none). On problems in the site's
// files the error is site.Problems and nothing has been written to w; a
// template that fails is site.Problems too, after some files were written:
// a failed build's output is to be thrown away.
func (b *Builder) Build(fsys fs.FS, today time.Time, w render.Writer) (*site.Site, error) {
	return b.BuildShown(fsys, today, w, nil, nil)
}

// BuildShown is Build that calls shown, when it is not nil, as soon as
// the pages of the sprints and studies whose files Changed named since
// the last good build, the assets and the copied files are written
// (render.Options.Shown and First; every page when Changed named none),
// and paged once every page is written, before the search index, the
// feed and the data files are made (render.Options.Paged: after shown, or
// before it when every page came first): the dev server shows the page
// being edited that soon.
func (b *Builder) BuildShown(fsys fs.FS, today time.Time, w render.Writer, shown func(*site.Site), paged func()) (*site.Site, error) {
	first := b.changed
	b.changed = nil
	s, err := build(fsys, today, w, &b.sprints, &b.md, render.Options{Shown: shown, First: first, Paged: paged})
	if err != nil {
		// The next build shows its pages over the last good one's:
		// this one's saves are still to be put first. A failed build
		// asked for less than the site holds: sweeping after it would
		// make the next build start cold.
		b.changed = first
		return s, err
	}
	b.sprints.Sweep()
	b.md.Sweep()
	return s, nil
}

// Build builds the site once, caching nothing: what a one-off build keeps
// for the next one would only cost memory.
func Build(fsys fs.FS, today time.Time, w render.Writer) (*site.Site, error) {
	return build(fsys, today, w, nil, nil, render.Options{})
}

// build loads the site and renders it with opt, the Today, Cache and
// Overrides set here.
func build(fsys fs.FS, today time.Time, w render.Writer, sprints *site.Cache, md *render.Cache, opt render.Options) (*site.Site, error) {
	s, err := site.Load(fsys, site.Options{Today: today, Cache: sprints})
	if err != nil {
		return nil, err
	}
	overrides, err := fs.Sub(fsys, "templates")
	if err != nil {
		return nil, err
	}
	opt.Overrides, opt.Today, opt.Cache = overrides, today, md
	if err := render.Render(s, fsys, opt, w); err != nil {
		return nil, err
	}
	return s, nil
}

// Check loads and renders the site without keeping the output, so that a
// problem in a template is found as well as one in the content.
func Check(fsys fs.FS, today time.Time) (*site.Site, error) {
	return Build(fsys, today, discard{})
}

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }
