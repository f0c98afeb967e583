package render

import (
	"errors"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// failingWriter fails every write and counts them.
type failingWriter struct{ calls atomic.Int64 }

var errDiskFull = errors.New("no space left on device")

func (f *failingWriter) WriteFile(string, []byte) error {
	f.calls.Add(1)
	return errDiskFull
}

// TestFailedWriteStopsRender checks that once a write fails, as it does
// when the disk is full or the build is interrupted, the pages still to
// come are not rendered: each worker finishes at most the page it holds.
func TestFailedWriteStopsRender(t *testing.T) {
	fsys := sitegen.MapFS(200)
	s, err := site.Load(fsys, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var w failingWriter
	err = Render(s, fsys, Options{}, &w)
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("Render = %v, want the write's error", err)
	}
	// The page workers, and the goroutine that writes the assets, the
	// search index and the feed, which stops at its own first failure.
	if most := int64(runtime.GOMAXPROCS(0) + 1); w.calls.Load() > most {
		t.Errorf("%d writes, want at most %d of a site of %d pages", w.calls.Load(), most, 2*len(s.Sprints))
	}
}
