package serve

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

var testDay = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// sprintID is the first sprint of a generated site: done, with notes.
const sprintID = "2020-01-01-sprint-00000"

// testSite writes a generated site with three sprints into a temp folder.
func testSite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := sitegen.WriteDir(dir, 3); err != nil {
		t.Fatal(err)
	}
	return dir
}

// logBuffer collects what the server prints; goroutines may write to it
// after a test ended, which t.Log would not allow.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuffer) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(&l.b, strings.TrimSuffix(format, "\n")+"\n", args...)
}

// startServer builds the site in dir and rebuilds it on every change, as
// Run does, until the test ends.
func startServer(t testing.TB, dir string, poll bool) (*Server, *logBuffer) {
	t.Helper()
	var log logBuffer
	fsys, closer, err := site.OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closer.Close() })
	s := NewServer(fsys, testDay, &log, &log)
	s.builder.VerifyReuse()
	w, err := watch(dir, poll, 20*time.Millisecond, log.logf)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Rebuild(nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		// A quiet time longer than the 10ms default keeps a burst written
		// by a busy test machine in one batch.
		s.rebuildOnChange(ctx, batch(ctx, w.C, 150*time.Millisecond, 3*time.Second))
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		w.Close()
		if t.Failed() || testing.Verbose() {
			t.Logf("server output:\n%s", log.String())
		}
	})
	return s, &log
}

// waitState waits until the server's state satisfies ok, once a build has
// ended (not the state that shows its pages early), and returns it.
func waitState(t testing.TB, s *Server, what string, ok func(*state) bool) *state {
	t.Helper()
	ch := s.hub.subscribe()
	defer s.hub.unsubscribe(ch)
	deadline := time.NewTimer(15 * time.Second)
	defer deadline.Stop()
	for {
		st := s.cur.Load()
		if !st.early && ok(st) {
			return st
		}
		select {
		case <-ch:
		case <-deadline.C:
			t.Fatalf("no build where %s within 15s; last build #%d after %q, problems %q", what, st.seq, st.changed, st.problems)
		}
	}
}

// page returns a page of a state's build, or "" when there is none.
func page(st *state, name string) string {
	f, _ := st.files.at(name)
	return string(f.data)
}

func writeFile(t testing.TB, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
