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

// A Builder builds sites. It keeps parsed sprint plans and rendered Markdown
// from one build to the next, so a rebuild after a small change is cheap;
// every build is still complete. The zero value is ready; use one Builder
// from one goroutine at a time.
type Builder struct {
	sprints site.Cache
	md      render.Cache
}

// Build loads the site in fsys and renders it to w. today is the day for
// warnings and overdue marks (zero for none). On problems in the site the
// error is site.Problems and nothing has been written to w.
func (b *Builder) Build(fsys fs.FS, today time.Time, w render.Writer) (*site.Site, error) {
	s, err := site.Load(fsys, site.Options{Today: today, Cache: &b.sprints})
	if err != nil {
		return nil, err
	}
	overrides, err := fs.Sub(fsys, "templates")
	if err != nil {
		return nil, err
	}
	err = render.Render(s, fsys, render.Options{Overrides: overrides, Today: today, Cache: &b.md}, w)
	b.md.Sweep()
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Check loads and renders the site without keeping the output, so that a
// problem in a template is found as well as one in the content.
func Check(fsys fs.FS, today time.Time) (*site.Site, error) {
	var b Builder
	return b.Build(fsys, today, discard{})
}

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }
