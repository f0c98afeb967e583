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

// generatedSite writes a site of n sprints into a new folder and returns
// the folder and its sprint folders.
func generatedSite(b *testing.B, n int) (string, []os.DirEntry) {
	dir := b.TempDir()
	if err := sitegen.WriteDir(dir, n); err != nil {
		b.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "sprints"))
	if err != nil {
		b.Fatal(err)
	}
	return dir, entries
}

// BenchmarkBound is the least that any build of the same site must do, with
// the parsers sprintkit is held to and the pages the site must have: read
// each sprint's plan and notes, decode the plan with BurntSushi/toml,
// convert the notes with goldmark, and write the two files every sprint
// gets (its page and its session view), on every core. There are no
// templates, no checks, no links and no lists. Set against BenchmarkFloor
// it shows how much of a target relative to the floor is left for those.
func BenchmarkBound(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("sprints=%d", n), func(b *testing.B) {
			dir, entries := generatedSite(b, n)
			md := goldmark.New(goldmark.WithExtensions(extension.GFM))
			out := filepath.Join(dir, "public")
			b.ResetTimer()
			defer reportCPU(b)()
			for b.Loop() {
				err := output.Write(out, func(w output.Writer) error {
					workers := runtime.GOMAXPROCS(0)
					errs := make([]error, workers)
					var wg sync.WaitGroup
					for worker := range workers {
						wg.Go(func() {
							var buf bytes.Buffer
							for i := worker; i < len(entries) && errs[worker] == nil; i += workers {
								errs[worker] = boundSprint(w, &buf, md, filepath.Join(dir, "sprints"), entries[i].Name())
							}
						})
					}
					wg.Wait()
					return errors.Join(errs...)
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
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
	src, err := os.ReadFile(filepath.Join(sprints, id, "notes.md"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	buf.Reset()
	if err := md.Convert(src, buf); err != nil {
		return err
	}
	if err := w.WriteFile("sprints/"+id+"/index.html", bytes.Clone(buf.Bytes())); err != nil {
		return err
	}
	return w.WriteFile("sprints/"+id+"/session/index.html", plan)
}

// BenchmarkFloor is the floor that BenchmarkBuild is held against: only
// read each sprint's notes, convert them with goldmark and write one file
// per sprint, with no templates, no model and no other pages.
func BenchmarkFloor(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("sprints=%d", n), func(b *testing.B) {
			dir, entries := generatedSite(b, n)
			md := goldmark.New(goldmark.WithExtensions(extension.GFM))
			out := filepath.Join(dir, "public")
			b.ResetTimer()
			defer reportCPU(b)()
			for b.Loop() {
				err := output.Write(out, func(w output.Writer) error {
					var buf bytes.Buffer
					for _, e := range entries {
						src, err := os.ReadFile(filepath.Join(dir, "sprints", e.Name(), "notes.md"))
						if err != nil && !errors.Is(err, fs.ErrNotExist) {
							return err
						}
						buf.Reset()
						if err := md.Convert(src, &buf); err != nil {
							return err
						}
						if err := w.WriteFile("sprints/"+e.Name()+"/index.html", bytes.Clone(buf.Bytes())); err != nil {
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
	}
}
