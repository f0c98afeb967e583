package build

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sprintkit/sprintkit/internal/output"
	"github.com/sprintkit/sprintkit/internal/sitegen"
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
				var bl Builder
				err := output.Write(out, func(w output.Writer) error {
					_, err := bl.Build(fsys, today, w)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
