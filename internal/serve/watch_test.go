package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

func TestRelevant(t *testing.T) {
	for rel, want := range map[string]bool{
		"sprints/x/notes.md":          true,
		"sprints/x":                   true,
		"content/studies/a.md":        true,
		"templates/sprint.html":       true,
		"content":                     true,
		"public/index.html":           false,
		"go.mod":                      false,
		"sprints/x/.notes.md.swp":     false,
		"sprints/x/notes.md~":         false,
		"sprints/x/4913":              false,
		"content/#om.md#":             false,
		"content/om.md.tmp":           false,
		"content/om.md___jb_tmp___":   false,
		"sprints/.git/x":              false,
		"templates/.hidden/base.html": false,
		"":                            false,
	} {
		if got := relevant(rel); got != want {
			t.Errorf("relevant(%q) = %v, want %v", rel, got, want)
		}
	}
}

func TestBatchGathersABurst(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := make(chan string, 300)
	for i := range 200 {
		in <- fmt.Sprintf("sprints/s%03d/sprint.toml", i)
	}
	in <- "sprints/s000/sprint.toml" // twice: once in the batch
	out := batch(ctx, in, 100*time.Millisecond, 10*time.Second)
	select {
	case b := <-out:
		if len(b) != 200 {
			t.Fatalf("batch has %d paths, want the 200 of the burst", len(b))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no batch within 10s")
	}
	in <- "content/om.md"
	select {
	case b := <-out:
		if !slices.Equal(b, []string{"content/om.md"}) {
			t.Fatalf("next batch = %q, want only the later change", b)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no second batch within 10s")
	}
}

// A steady stream of changes, each within the quiet time of the one
// before, still gives a batch once the longest wait has passed.
func TestBatchHasALongestWait(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := make(chan string)
	out := batch(ctx, in, 200*time.Millisecond, 300*time.Millisecond)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(10 * time.Second)
	for i := 0; ; i++ {
		select {
		case b := <-out:
			if len(b) == 0 {
				t.Fatal("empty batch")
			}
			return
		case <-tick.C:
			select {
			case in <- fmt.Sprintf("f%d", i):
			case b := <-out:
				if len(b) == 0 {
					t.Fatal("empty batch")
				}
				return
			}
		case <-deadline:
			t.Fatal("a steady stream of changes never gave a batch")
		}
	}
}

// next waits for the watcher to report want, and returns every path it
// reported up to it.
func next(t *testing.T, w *watcher, want string) []string {
	t.Helper()
	var got []string
	deadline := time.NewTimer(10 * time.Second)
	defer deadline.Stop()
	for {
		select {
		case p := <-w.C:
			got = append(got, p)
			if p == want {
				return got
			}
		case <-deadline.C:
			t.Fatalf("watcher (%s) did not report %s within 10s; it reported %q", w.Mode(), want, got)
		}
	}
}

func TestWatcher(t *testing.T) {
	for _, poll := range []bool{false, true} {
		mode := map[bool]string{false: "fsnotify", true: "polling"}[poll]
		t.Run(mode, func(t *testing.T) {
			dir := testSite(t)
			var log logBuffer
			w, err := watch(dir, poll, 20*time.Millisecond, log.logf)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			if w.Mode() != mode {
				t.Fatalf("mode = %s, want %s (log: %s)", w.Mode(), mode, log.String())
			}
			notes := "sprints/" + sprintID + "/notes.md"

			// A plain write.
			writeFile(t, dir, notes, "first")
			next(t, w, notes)

			// A save by write-and-rename (JetBrains-like): the temporary
			// names are never reported, the file itself is.
			tmp := filepath.Join(dir, "sprints", sprintID, "notes.md___jb_tmp___")
			old := filepath.Join(dir, "sprints", sprintID, "notes.md___jb_old___")
			full := filepath.Join(dir, filepath.FromSlash(notes))
			if err := os.WriteFile(tmp, []byte("second, saved atomically"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(full, old); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, full); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(old); err != nil {
				t.Fatal(err)
			}
			for _, p := range next(t, w, notes) {
				if !relevant(p) {
					t.Errorf("reported an editor's temporary file %s", p)
				}
			}
			// The watch survived the rename: a plain write is seen again.
			writeFile(t, dir, notes, "third")
			next(t, w, notes)

			// Swap, backup and temporary files and a change of mode are no
			// change; the next one reported is the real save after them.
			// (A first save takes in what the watcher still had to say.)
			writeFile(t, dir, "content/om.md", "före")
			next(t, w, "content/om.md")
			writeFile(t, dir, "content/marker.md", "")
			next(t, w, "content/marker.md")
			for _, name := range []string{".notes.md.swp", "4913", "notes.md~", "notes.md.tmp", "#notes.md#"} {
				writeFile(t, dir, "sprints/"+sprintID+"/"+name, "x")
			}
			if err := os.Chmod(full, 0o600); err != nil {
				t.Fatal(err)
			}
			writeFile(t, dir, "content/om.md", "+++\ntitle = \"Om\"\n+++\n\nNytt.\n")
			if got := next(t, w, "content/om.md"); !allEqual(got, "content/om.md") {
				t.Errorf("before the real save the watcher reported %q", got)
			}

			// A new folder, and a file in it.
			if err := os.Mkdir(filepath.Join(dir, "sprints", "2026-12-01-ny"), 0o755); err != nil {
				t.Fatal(err)
			}
			next(t, w, "sprints/2026-12-01-ny")
			writeFile(t, dir, "sprints/2026-12-01-ny/sprint.toml", "title = \"Ny\"\n")
			next(t, w, "sprints/2026-12-01-ny/sprint.toml")
			// A folder in the new folder is watched too.
			writeFile(t, dir, "sprints/2026-12-01-ny/bilder/tavla.txt", "x")
			next(t, w, "sprints/2026-12-01-ny/bilder/tavla.txt")

			// A delete.
			if err := os.Remove(full); err != nil {
				t.Fatal(err)
			}
			next(t, w, notes)

			// templates/ made after the start is watched as well.
			writeFile(t, dir, "templates/extra.css", "p{}")
			next(t, w, "templates/extra.css")
		})
	}
}

func allEqual(ps []string, want string) bool {
	for _, p := range ps {
		if p != want {
			return false
		}
	}
	return true
}

// When the platform watcher cannot start, the watcher polls.
func TestWatcherFallsBackWhenItCannotStart(t *testing.T) {
	defer func(f func() (*fsnotify.Watcher, error)) { newNotify = f }(newNotify)
	newNotify = func() (*fsnotify.Watcher, error) { return nil, syscall.EMFILE }
	dir := testSite(t)
	var log logBuffer
	w, err := watch(dir, false, 20*time.Millisecond, log.logf)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if w.Mode() != "polling" {
		t.Fatalf("mode = %s, want polling", w.Mode())
	}
	if !containsAll(log.String(), "watching by polling") {
		t.Errorf("the terminal was not told: %q", log.String())
	}
	writeFile(t, dir, "content/om.md", "ändrad")
	next(t, w, "content/om.md")
}

// When the platform watcher runs out of watches for a new folder, the
// watcher asks for a rebuild and goes on by polling.
func TestWatcherFallsBackWhenOutOfWatches(t *testing.T) {
	defer func(f func(*fsnotify.Watcher, string) error) { addNotify = f }(addNotify)
	dir := testSite(t)
	var allowed atomic.Bool
	allowed.Store(true)
	add := addNotify
	addNotify = func(fw *fsnotify.Watcher, p string) error {
		if !allowed.Load() {
			return fmt.Errorf("add %s: %w", p, syscall.ENOSPC)
		}
		return add(fw, p)
	}
	var log logBuffer
	w, err := watch(dir, false, 20*time.Millisecond, log.logf)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if w.Mode() != "fsnotify" {
		t.Fatalf("mode = %s, want fsnotify", w.Mode())
	}
	allowed.Store(false)
	if err := os.Mkdir(filepath.Join(dir, "sprints", "2026-12-01-ny"), 0o755); err != nil {
		t.Fatal(err)
	}
	next(t, w, "") // rebuild: changes may have been missed
	writeFile(t, dir, "sprints/2026-12-01-ny/notes.md", "x")
	next(t, w, "sprints/2026-12-01-ny/notes.md")
	if w.Mode() != "polling" {
		t.Errorf("mode = %s, want polling", w.Mode())
	}
	if !containsAll(log.String(), "watching by polling") {
		t.Errorf("the terminal was not told: %q", log.String())
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
