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
			dir := b.TempDir()
			if err := sitegen.WriteDir(dir, n); err != nil {
				b.Fatal(err)
			}
			entries, err := os.ReadDir(filepath.Join(dir, "sprints"))
			if err != nil {
				b.Fatal(err)
			}
			md := goldmark.New(goldmark.WithExtensions(extension.GFM))
			out := filepath.Join(dir, "public")
			b.ResetTimer()
			defer reportCPU(b)()
			for b.Loop() {
				err := output.Write(out, func(w output.Writer) error {
					var g errgroup
					for worker := range runtime.GOMAXPROCS(0) {
						g.Go(func() error {
							var buf bytes.Buffer
							for i := worker; i < len(entries); i += runtime.GOMAXPROCS(0) {
								folder := filepath.Join(dir, "sprints", entries[i].Name())
								plan, err := os.ReadFile(filepath.Join(folder, "sprint.toml"))
								if err != nil {
									return err
								}
								var m map[string]any
								if _, err := toml.Decode(string(plan), &m); err != nil {
									return err
								}
								src, err := os.ReadFile(filepath.Join(folder, "notes.md"))
								if err != nil && !errors.Is(err, fs.ErrNotExist) {
									return err
								}
								buf.Reset()
								if err := md.Convert(src, &buf); err != nil {
									return err
								}
								name := "sprints/" + entries[i].Name()
								if err := w.WriteFile(name+"/index.html", bytes.Clone(buf.Bytes())); err != nil {
									return err
								}
								if err := w.WriteFile(name+"/session/index.html", plan); err != nil {
									return err
								}
							}
							return nil
						})
					}
					return g.Wait()
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// errgroup runs functions on goroutines and returns the first error.
type errgroup struct {
	wg   sync.WaitGroup
	once sync.Once
	err  error
}

func (g *errgroup) Go(f func() error) {
	g.wg.Go(func() {
		if err := f(); err != nil {
			g.once.Do(func() { g.err = err })
		}
	})
}

func (g *errgroup) Wait() error {
	g.wg.Wait()
	return g.err
}

// BenchmarkFloor is the floor that BenchmarkBuild is held against: only
// read each sprint's notes, convert them with goldmark and write one file
// per sprint, with no templates, no model and no other pages.
func BenchmarkFloor(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("sprints=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := sitegen.WriteDir(dir, n); err != nil {
				b.Fatal(err)
			}
			entries, err := os.ReadDir(filepath.Join(dir, "sprints"))
			if err != nil {
				b.Fatal(err)
			}
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
