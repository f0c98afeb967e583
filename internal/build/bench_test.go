package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/sprintkit/sprintkit/internal/output"
	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// BenchmarkBuild builds generated sites from disk to disk, as sprintkit
// build does: load, render and write every page once.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("sprints=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := sitegen.WriteDir(dir, n); err != nil {
				b.Fatal(err)
			}
			fsys := os.DirFS(dir)
			out := filepath.Join(dir, "public")
			today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
			b.ResetTimer()
			defer reportCPU(b)()
			for b.Loop() {
				err := output.Write(out, func(w output.Writer) error {
					_, err := Build(fsys, today, w)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchNotes runs fill as one build of generated sites of 1,000 and
// 10,000 sprints, into a folder as output.Write makes it. fill gets the
// folder of the sprints, their ids and goldmark as the floor and the bound
// configure it.
func benchNotes(b *testing.B, fill func(w output.Writer, sprints string, ids []string, md goldmark.Markdown) error) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("sprints=%d", n), func(b *testing.B) {
			dir, ids := generated(b, n)
			md := goldmark.New(goldmark.WithExtensions(extension.GFM))
			out := filepath.Join(dir, "public")
			b.ResetTimer()
			defer reportCPU(b)()
			for b.Loop() {
				err := output.Write(out, func(w output.Writer) error {
					return fill(w, filepath.Join(dir, "sprints"), ids, md)
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBound is the least that any build of the same site must do, with
// the parsers sprintkit is held to and the pages the site must have: read
// each sprint's plan and notes, decode the plan with BurntSushi/toml,
// convert the notes with goldmark, and write the two files every sprint
// gets (its page and its session view), on every core. There are no
// templates, no checks, no links and no lists. Set against BenchmarkFloor
// it shows how much of a target relative to the floor is left for those.
func BenchmarkBound(b *testing.B) {
	benchNotes(b, func(w output.Writer, sprints string, ids []string, md goldmark.Markdown) error {
		workers := runtime.GOMAXPROCS(0)
		errs := make([]error, workers)
		var wg sync.WaitGroup
		for worker := range workers {
			wg.Go(func() {
				var buf bytes.Buffer
				for i := worker; i < len(ids) && errs[worker] == nil; i += workers {
					errs[worker] = boundSprint(w, &buf, md, sprints, ids[i])
				}
			})
		}
		wg.Wait()
		return errors.Join(errs...)
	})
}

// boundSprint does for one sprint what BenchmarkBound measures.
func boundSprint(w output.Writer, buf *bytes.Buffer, md goldmark.Markdown, sprints, id string) error {
	plan, err := os.ReadFile(filepath.Join(sprints, id, "sprint.toml"))
	if err != nil {
		return err
	}
	var m map[string]any
	if _, err := toml.Decode(string(plan), &m); err != nil {
		return err
	}
	if err := floorSprint(w, buf, md, sprints, id); err != nil {
		return err
	}
	return w.WriteFile("sprints/"+id+"/session/index.html", plan)
}

// BenchmarkFloor is the floor that BenchmarkBuild is held against: only
// read each sprint's notes, convert them with goldmark and write one file
// per sprint, with no templates, no model and no other pages.
func BenchmarkFloor(b *testing.B) {
	benchNotes(b, func(w output.Writer, sprints string, ids []string, md goldmark.Markdown) error {
		var buf bytes.Buffer
		for _, id := range ids {
			if err := floorSprint(w, &buf, md, sprints, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// floorSprint does for one sprint what BenchmarkFloor measures: read its
// notes, convert them and write them as its page.
func floorSprint(w output.Writer, buf *bytes.Buffer, md goldmark.Markdown, sprints, id string) error {
	src, err := os.ReadFile(filepath.Join(sprints, id, "notes.md"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	buf.Reset()
	if err := md.Convert(src, buf); err != nil {
		return err
	}
	return w.WriteFile("sprints/"+id+"/index.html", bytes.Clone(buf.Bytes()))
}

// BenchmarkRebuild is the dev server's part of a save: a warm Builder,
// told the path, builds the site again into memory after one sprint's
// notes.md changed. shown-ms/op is the part until the pages are written,
// which the dev server shows before the search index and the data files
// are made (BuildShown). The watcher's batching and the browser's reload are
// BenchmarkSaveToReload's (internal/serve).
func BenchmarkRebuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("sprints=%d", n), func(b *testing.B) {
			dir, ids := generated(b, n)
			changed := "sprints/" + ids[0] + "/notes.md"
			notes := filepath.Join(dir, filepath.FromSlash(changed))
			fsys := os.DirFS(dir)
			today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
			var builder Builder
			if _, err := builder.Build(fsys, today, &memWriter{}); err != nil {
				b.Fatal(err)
			}
			i := 0
			var toShown time.Duration // until the pages are written
			b.ResetTimer()
			defer reportCPU(b)()
			for b.Loop() {
				i++
				if err := os.WriteFile(notes, fmt.Appendf(nil, "Sparning nummer %d.\n", i), 0o644); err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				builder.Changed([]string{changed})
				shown := func(*site.Site) { toShown += time.Since(start) }
				if _, err := builder.BuildShown(fsys, today, &memWriter{}, shown, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(toShown.Microseconds())/1000/float64(b.N), "shown-ms/op")
		})
	}
}

// generated writes a generated site of n sprints into a temporary folder
// and returns the folder and the sprints' ids, sorted.
func generated(b *testing.B, n int) (dir string, ids []string) {
	dir = b.TempDir()
	if err := sitegen.WriteDir(dir, n); err != nil {
		b.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "sprints"))
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		ids = append(ids, e.Name())
	}
	return dir, ids
}
