package render

import (
	"bytes"
	"testing"
)

// BenchmarkPage renders one page of each kind over and over, with the
// Markdown already rendered: the cost of the templates alone.
func BenchmarkPage(b *testing.B) {
	_, r := sitegenRenderer(b, 100, Options{Cache: &Cache{}})
	first := map[string]page{}
	for _, p := range sendPages(r) {
		if _, ok := first[p.kind]; !ok && p.kind != "404" && p.kind != "page" {
			first[p.kind] = p
		}
	}
	for _, kind := range []string{"sprint", "session", "team", "study"} {
		d := first[kind].view(&reads{r: r})
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
