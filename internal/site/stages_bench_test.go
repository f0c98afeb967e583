package site_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// The first two stages of a build, each on its own, over generated sites
// on disk: load (read and decode the settings, the studies and every
// plan, check them, and find the notes' links to missing files) and link
// (sprints to their studies, stages, beliefs and teams). internal/render's BenchmarkStages times
// the views, the templates and the writing; internal/build's
// BenchmarkBuild the whole.

func BenchmarkStages(b *testing.B) {
	today := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	for _, n := range []int{1000, 10000} {
		dir := b.TempDir()
		if err := sitegen.WriteDir(dir, n); err != nil {
			b.Fatal(err)
		}
		// As the commands open it: a root, whose folders are opened
		// and listed by descriptor.
		fsys, closer, err := site.OpenFolder(dir)
		if err != nil {
			b.Fatal(err)
		}
		defer closer.Close()
		loaded := func() *site.Loaded {
			l, err := site.LoadUnlinked(fsys, today)
			if err != nil {
				b.Fatal(err)
			}
			return l
		}
		b.Run(fmt.Sprintf("load/sprints=%d", n), func(b *testing.B) {
			for b.Loop() {
				loaded()
			}
		})
		b.Run(fmt.Sprintf("link/sprints=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				l := loaded()
				b.StartTimer()
				l.Link()
			}
		})
	}
}
