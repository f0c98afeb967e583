package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/sprintkit/sprintkit/internal/site"
)

// The platform watcher, as variables so that tests can make it fail.
var (
	newNotify = fsnotify.NewWatcher
	addNotify = (*fsnotify.Watcher).Add
)

// watched are the folders of a site whose changes make a rebuild.
var watched = []string{"content", "sprints", "templates"}

// relevant reports whether rel (slash-separated, relative to the site
// folder) can change the built site: it lies in a watched folder and no
// part of it is an editor's temporary or swap file or hidden.
func relevant(rel string) bool {
	if rel == "" || rel == "." {
		return false
	}
	parts := strings.Split(rel, "/")
	found := false
	for _, d := range watched {
		if parts[0] == d {
			found = true
		}
	}
	if !found {
		return false
	}
	for _, p := range parts {
		if site.Ignored(p) {
			return false
		}
	}
	return true
}

// A watcher reports changed files under a site folder on C, as paths
// relative to the folder ("" when it cannot tell which: rebuild anyway).
// It uses the platform's watcher (inotify and the like) and falls back to
// polling when that cannot start or runs out of watches.
type watcher struct {
	C <-chan string

	root     string
	interval time.Duration
	logf     func(format string, args ...any)
	c        chan string
	stop     chan struct{}
	wg       sync.WaitGroup

	mu   sync.Mutex
	mode string // "fsnotify" or "polling", for the terminal and tests
}

// watch starts watching root. With poll set, or when the platform watcher
// fails, it polls every interval. logf tells the terminal about a fallback.
func watch(root string, poll bool, interval time.Duration, logf func(format string, args ...any)) (*watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", root)
	}
	c := make(chan string, 256)
	w := &watcher{C: c, c: c, root: abs, interval: interval, logf: logf, stop: make(chan struct{})}
	if poll {
		w.startPolling()
		return w, nil
	}
	fw, err := w.startNotify()
	if err != nil {
		logf("the platform file watcher failed (%v): watching by polling instead", err)
		w.startPolling()
		return w, nil
	}
	w.wg.Go(func() { w.notifyLoop(fw) })
	return w, nil
}

// Mode tells how the watcher watches: "fsnotify" or "polling".
func (w *watcher) Mode() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.mode
}

// Close stops the watcher and waits for its goroutines to end.
func (w *watcher) Close() error {
	close(w.stop)
	w.wg.Wait()
	return nil
}

// send reports one changed path; it gives up when the watcher stops.
func (w *watcher) send(rel string) bool {
	select {
	case w.c <- rel:
		return true
	case <-w.stop:
		return false
	}
}

func (w *watcher) rel(abs string) string {
	r, err := filepath.Rel(w.root, abs)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(r)
}

// startNotify starts the platform watcher on the site folder itself (to see
// a watched folder appear) and on every folder under the watched ones.
func (w *watcher) startNotify() (*fsnotify.Watcher, error) {
	fw, err := newNotify()
	if err != nil {
		return nil, err
	}
	err = addNotify(fw, w.root)
	for _, d := range watched {
		if err == nil {
			_, err = w.addTree(fw, filepath.Join(w.root, d))
		}
	}
	if err != nil {
		fw.Close()
		return nil, err
	}
	w.setMode("fsnotify")
	return fw, nil
}

// addTree watches dir and every folder under it that is not ignored, and
// returns what it found under dir. A folder that is gone by now is no error.
func (w *watcher) addTree(fw *fsnotify.Watcher, dir string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if p != dir && site.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != dir {
			found = append(found, w.rel(p))
		}
		if !d.IsDir() {
			return nil
		}
		if err := addNotify(fw, p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("watching %s: %w", w.rel(p), err)
		}
		return nil
	})
	return found, err
}

func (w *watcher) notifyLoop(fw *fsnotify.Watcher) {
	defer fw.Close()
	for {
		select {
		case <-w.stop:
			return
		case err, ok := <-fw.Errors:
			if !ok {
				return
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				w.logf("file watcher: %v", err)
			}
			// Events may have been lost: rebuild without knowing
			// which changed, so that every file is read again.
			if !w.send("") {
				return
			}
		case ev, ok := <-fw.Events:
			if !ok {
				return
			}
			rel := w.rel(ev.Name)
			if !relevant(rel) || ev.Op == fsnotify.Chmod {
				continue
			}
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				// A folder that went away takes its watch along; forget it.
				_ = fw.Remove(ev.Name)
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					found, err := w.addTree(fw, ev.Name)
					if err != nil {
						w.logf("the platform file watcher failed (%v): watching by polling instead", err)
						fw.Close()
						last := w.snapshot()
						w.setMode("polling")
						if w.send("") {
							w.poll(last)
						}
						return
					}
					// What was made in it before its watch was added.
					for _, p := range found {
						if !w.send(p) {
							return
						}
					}
				}
			}
			if !w.send(rel) {
				return
			}
		}
	}
}

// A stamp is what polling compares between two looks at a file. A change
// of mode alone is no change, as with the platform watcher.
type stamp struct {
	size    int64
	modTime time.Time
	dir     bool
}

// startPolling looks at the files once before it returns, so that every
// change after it is seen.
func (w *watcher) startPolling() {
	last := w.snapshot()
	w.setMode("polling")
	w.wg.Go(func() { w.poll(last) })
}

func (w *watcher) setMode(m string) {
	w.mu.Lock()
	w.mode = m
	w.mu.Unlock()
}

// poll looks at every watched file each interval and reports those whose
// size or time changed, and those that came or went since last.
func (w *watcher) poll(last map[string]stamp) {
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
		}
		cur := w.snapshot()
		for rel, s := range cur {
			if old, ok := last[rel]; !ok || old != s {
				if !w.send(rel) {
					return
				}
			}
		}
		for rel := range last {
			if _, ok := cur[rel]; !ok {
				if !w.send(rel) {
					return
				}
			}
		}
		last = cur
	}
}

func (w *watcher) snapshot() map[string]stamp {
	m := map[string]stamp{}
	for _, d := range watched {
		filepath.WalkDir(filepath.Join(w.root, d), func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			rel := w.rel(p)
			if !relevant(rel) {
				if e.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			fi, err := e.Info()
			if err != nil {
				return nil
			}
			s := stamp{size: fi.Size(), modTime: fi.ModTime(), dir: e.IsDir()}
			if e.IsDir() {
				s.size, s.modTime = 0, time.Time{}
			}
			m[rel] = s
			return nil
		})
	}
	return m
}

// batch gathers the paths from in into one batch until delay has passed
// without a new one, or maxWait since the first, and then sends the batch
// on the returned channel. Paths that come while the receiver is busy (a
// rebuild is running) join the batch that waits for it.
func batch(ctx context.Context, in <-chan string, delay, maxWait time.Duration) <-chan []string {
	out := make(chan []string)
	go func() {
		defer close(out)
		var (
			pending  []string
			seen     = map[string]bool{}
			ready    bool
			started  bool // a batch has begun: deadline is set
			deadline time.Time
			timer    = time.NewTimer(time.Hour)
		)
		timer.Stop()
		defer timer.Stop()
		for {
			var send chan<- []string
			if ready {
				send = out
			}
			select {
			case <-ctx.Done():
				return
			case p, ok := <-in:
				if !ok {
					return
				}
				if !seen[p] {
					seen[p] = true
					pending = append(pending, p)
				}
				if ready {
					continue
				}
				now := time.Now()
				if !started {
					started, deadline = true, now.Add(maxWait)
				}
				timer.Reset(min(delay, deadline.Sub(now)))
			case <-timer.C:
				ready = true
			case send <- pending:
				pending, seen, ready, started = nil, map[string]bool{}, false, false
			}
		}
	}()
	return out
}
