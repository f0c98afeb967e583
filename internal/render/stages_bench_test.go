package render

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/sprintkit/sprintkit/internal/output"
)

// BenchmarkStages times the last three stages of a build, each on its
// own, over generated sites of 1,000 and 10,000 sprints (internal/site's
// BenchmarkStages times the first two, load and link):
//
//   - views: the renderer (templates parsed and folded) and every page's
//     view, with its Markdown, as a one-off build makes them;
//   - templates: every page drawn from its view, into memory;
//   - write: every page's bytes written into a fresh output folder, as
//     output.Write makes it, beside the assets and data files
//     (rest: the search index, the feed, the data files and the assets,
//     made and written).
func BenchmarkStages(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		s, _ := sitegenRenderer(b, n, Options{})
		b.Run(fmt.Sprintf("views/sprints=%d", n), func(b *testing.B) {
			for b.Loop() {
				r, err := newRenderer(s, Options{})
				if err != nil {
					b.Fatal(err)
				}
				for _, p := range sendPages(r) {
					p.view(&reads{r: r})
				}
			}
		})
		r, err := newRenderer(s, Options{})
		if err != nil {
			b.Fatal(err)
		}
		pages := sendPages(r)
		views := make([]any, len(pages))
		for i, p := range pages {
			views[i] = p.view(&reads{r: r})
		}
		drawn := make([][]byte, len(pages))
		b.Run(fmt.Sprintf("templates/sprints=%d", n), func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				for i, p := range pages {
					buf.Reset()
					if err := r.pages[p.kind].ExecuteTemplate(&buf, p.kind+".html", views[i]); err != nil {
						b.Fatal(err)
					}
					drawn[i] = bytes.Clone(buf.Bytes())
				}
			}
		})
		b.Run(fmt.Sprintf("write/sprints=%d", n), func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			for b.Loop() {
				err := output.Write(out, func(w output.Writer) error {
					for i, p := range pages {
						if err := w.WriteFile(p.name, drawn[i]); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("rest/sprints=%d", n), func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			for b.Loop() {
				r, err := newRenderer(s, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if err := output.Write(out, func(w output.Writer) error {
					if err := r.shown(nil, w); err != nil {
						return err
					}
					return r.aggregates(w)
				}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
