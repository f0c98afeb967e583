package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

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
