package render

import (
	"bytes"
	"testing"

	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// BenchmarkPage renders one page of each kind over and over, with the
// Markdown already rendered: the cost of the templates alone.
func BenchmarkPage(b *testing.B) {
	s, err := site.Load(sitegen.MapFS(100), site.Options{})
	if err != nil {
		b.Fatal(err)
	}
	r, err := newRenderer(s, Options{Cache: &Cache{}})
	if err != nil {
		b.Fatal(err)
	}
	jobs := make(chan page, 1000)
	r.pagesTo(jobs)
	close(jobs)
	first := map[string]page{}
	for p := range jobs {
		if _, ok := first[p.kind]; !ok && p.kind != "404" && p.kind != "page" {
			first[p.kind] = p
		}
	}
	for _, kind := range []string{"sprint", "session", "team", "study"} {
		d := first[kind].view()
		b.Run(kind, func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := r.pages[kind].ExecuteTemplate(&buf, kind+".html", d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
