package serve

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// The rebuild loop over a real folder: every kind of save gives one full
// rebuild, a broken save keeps the last good build, and swap files and
// bursts behave.
func TestRebuildLoop(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(map[bool]string{false: "fsnotify", true: "polling"}[poll], func(t *testing.T) {
			testRebuildLoop(t, poll)
		})
	}
}

func testRebuildLoop(t *testing.T, poll bool) {
	dir := testSite(t)
	s, _ := startServer(t, dir, poll)
	sprintPage := "sprints/" + sprintID + "/index.html"
	notes := "sprints/" + sprintID + "/notes.md"
	plan := "sprints/" + sprintID + "/sprint.toml"
	first := s.cur.Load()
	if page(first, sprintPage) == "" || first.hash == "" || first.problems != nil {
		t.Fatalf("first build: no page %s, hash %q, problems %q", sprintPage, first.hash, first.problems)
	}

	// A plain write.
	writeFile(t, dir, notes, "Kunderna letade i *menyn* efter knappen.\n")
	st := waitState(t, s, "the notes show", func(st *state) bool {
		return strings.Contains(page(st, sprintPage), "Kunderna letade i <em>menyn</em>")
	})
	if st.hash == first.hash {
		t.Error("the output changed but the hash did not")
	}

	// Write-and-rename, as vim does it: the old file becomes a backup.
	full := filepath.Join(dir, filepath.FromSlash(notes))
	if err := os.Rename(full, full+"~"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, notes, "Sparad med vim.\n")
	if err := os.Remove(full + "~"); err != nil {
		t.Fatal(err)
	}
	waitState(t, s, "the vim save shows", func(st *state) bool {
		return strings.Contains(page(st, sprintPage), "Sparad med vim.") && st.problems == nil
	})

	// A new sprint folder appears on the index; deleted, it goes.
	newID := "2026-11-20-ny-sprint"
	plan2 := strings.Replace(readFile(t, dir, plan), "Hittar kunderna funktion 0?", "En helt ny sprint", 1)
	writeFile(t, dir, "sprints/"+newID+"/sprint.toml", plan2)
	waitState(t, s, "the new sprint shows", func(st *state) bool {
		return page(st, "sprints/"+newID+"/index.html") != "" && strings.Contains(page(st, "index.html"), "En helt ny sprint")
	})
	if err := os.RemoveAll(filepath.Join(dir, "sprints", newID)); err != nil {
		t.Fatal(err)
	}
	waitState(t, s, "the deleted sprint is gone", func(st *state) bool {
		return page(st, "sprints/"+newID+"/index.html") == "" && !strings.Contains(page(st, "index.html"), "En helt ny sprint")
	})

	// Swap and temporary files make no rebuild: the batch of the next
	// rebuild holds the real save alone.
	before := s.cur.Load()
	for _, name := range []string{".notes.md.swp", "4913", "notes.md~", "notes.md.tmp", "#notes.md#", "notes.md___jb_tmp___"} {
		writeFile(t, dir, "sprints/"+sprintID+"/"+name, "skräp")
	}
	if err := os.Chmod(full, 0o600); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/om.md", "+++\ntitle = \"Om\"\n+++\n\nEfter skräpet.\n")
	st = waitState(t, s, "the save after the swap files shows", func(st *state) bool {
		return strings.Contains(page(st, "om/index.html"), "Efter skräpet.")
	})
	if st.seq != before.seq+1 || !allEqual(st.changed, "content/om.md") {
		t.Errorf("after the swap files and one save: %d rebuilds, the last for %q; want 1, for content/om.md", st.seq-before.seq, st.changed)
	}

	// A burst, as from a git checkout: 200 files, one rebuild.
	before = s.cur.Load()
	for i := range 100 {
		id := fmt.Sprintf("2026-10-%02d-burst-%03d", i%28+1, i)
		writeFile(t, dir, "sprints/"+id+"/sprint.toml", strings.Replace(plan2, "En helt ny sprint", fmt.Sprintf("Skur %03d", i), 1))
		writeFile(t, dir, "sprints/"+id+"/notes.md", fmt.Sprintf("Anteckning %03d.\n", i))
	}
	st = waitState(t, s, "a build after the burst", func(st *state) bool { return st.seq > before.seq })
	if st.seq != before.seq+1 || st.problems != nil {
		t.Fatalf("after the burst: build #%d (want #%d), problems %q", st.seq, before.seq+1, st.problems)
	}
	for i := range 100 {
		id := fmt.Sprintf("2026-10-%02d-burst-%03d", i%28+1, i)
		if !strings.Contains(page(st, "sprints/"+id+"/index.html"), fmt.Sprintf("Anteckning %03d.", i)) {
			t.Fatalf("the one rebuild after the burst misses sprint %s", id)
		}
	}

	// A broken sprint plan: the problem is positioned, the last good
	// build stays served, and fixing it clears the problem.
	good := s.cur.Load()
	orig := readFile(t, dir, plan)
	broken := strings.Replace(orig, `method = "interview"`, `method = "telepati"`, 1)
	if broken == orig {
		t.Fatal("test site changed: no method line to break")
	}
	writeFile(t, dir, plan, broken)
	st = waitState(t, s, "the problem shows", func(st *state) bool { return st.problems != nil })
	want := regexp.MustCompile(`^` + regexp.QuoteMeta(plan) + `:\d+:\d+: .*telepati`)
	if !slices.ContainsFunc(st.problems, want.MatchString) {
		t.Errorf("problems = %q, want a line matching %s", st.problems, want)
	}
	if st.hash != good.hash || page(st, sprintPage) != page(good, sprintPage) {
		t.Error("a failed build changed what is served")
	}
	writeFile(t, dir, plan, orig)
	st = waitState(t, s, "the problem is gone", func(st *state) bool { return st.problems == nil })
	if st.hash != good.hash {
		t.Error("fixing the file back gave other output than before it broke")
	}
}

// startRun runs Run on addr for the site in dir until the test ends or
// stop is called, and returns the address it prints first.
func startRun(t *testing.T, dir, addr string) (base string, out *logBuffer, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan string, 1)
	out = new(logBuffer)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Root: dir, Addr: addr, Today: testDay, Stdout: out, Stderr: out,
			Started: func(u string) { started <- u }})
	}()
	stop = func() error {
		cancel()
		select {
		case err := <-done:
			done <- err
			return err
		case <-time.After(15 * time.Second):
			t.Fatal("Run did not stop within 15s of Ctrl-C")
		}
		return nil
	}
	t.Cleanup(func() { stop() })
	select {
	case base = <-started:
	case err := <-done:
		t.Fatalf("Run ended before serving: %v", err)
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not start within 15s")
	}
	return base, out, stop
}

// Run serves until its context is cancelled (Ctrl-C), ends open event
// streams, and leaves the site folder as it was.
func TestRunStopsCleanly(t *testing.T) {
	dir := testSite(t)
	before := tree(t, dir)
	base, out, stop := startRun(t, dir, "127.0.0.1:0")
	if !strings.Contains(out.String(), "serving "+dir+" at "+base) {
		t.Errorf("the address is not printed: %q", out.String())
	}
	if strings.Contains(out.String(), "on the network") || strings.Contains(out.String(), "can read the site") {
		t.Errorf("on loopback, Run speaks of the network: %q", out.String())
	}
	resp, err := http.Get(base + "sprints/" + sprintID + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET a sprint page: status %d", resp.StatusCode)
	}
	stream, err := http.Get(base + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	events := make(chan event)
	go readEvents(stream.Body, events)
	nextEvent(t, events)

	if err := stop(); err != nil {
		t.Fatalf("Run after Ctrl-C: %v", err)
	}
	select {
	case _, ok := <-events:
		if ok {
			t.Error("an event after the stop")
		}
	case <-time.After(15 * time.Second):
		t.Error("the event stream stayed open after the stop")
	}
	if _, err := http.Get(base); err == nil {
		t.Error("the server still answers after the stop")
	}
	if after := tree(t, dir); after != before {
		t.Errorf("the site folder changed:\nbefore %s\nafter %s", before, after)
	}
}

// Listening on more than loopback, Run warns that the network can read
// the site, and names the addresses.
func TestRunWarnsOfTheNetwork(t *testing.T) {
	dir := testSite(t)
	addrs := []string{"0.0.0.0:0"}
	if lan := lanAddrs(); len(lan) > 0 {
		addrs = append(addrs, net.JoinHostPort(lan[0].String(), "0"))
	}
	for _, addr := range addrs {
		base, out, stop := startRun(t, dir, addr)
		if err := stop(); err != nil {
			t.Fatalf("Run on %s after Ctrl-C: %v", addr, err)
		}
		text := out.String()
		warning := regexp.MustCompile(`(?m)^warning: listening on (.*): anyone on the network who can reach this machine can read the site, (.*)\nhint: --bind 127.0.0.1 keeps it to this machine$`)
		m := warning.FindStringSubmatch(text)
		if m == nil {
			t.Errorf("Run on %s: no warning that the network can read the site:\n%s", addr, text)
			continue
		}
		host, _, _ := net.SplitHostPort(addr)
		if !strings.HasPrefix(m[1], host) {
			t.Errorf("Run on %s: the warning says listening on %q", addr, m[1])
		}
		var want []string
		for _, l := range strings.Split(text, "\n") {
			if u, ok := strings.CutPrefix(l, "  on the network: "); ok {
				want = append(want, u)
			}
		}
		if host != "0.0.0.0" {
			want = []string{base}
		}
		if len(want) == 0 && m[2] != "by its name and its addresses" {
			t.Errorf("Run on %s with no network address found: the warning names %q", addr, m[2])
		}
		for _, u := range want {
			if !strings.Contains(m[2], u) {
				t.Errorf("Run on %s: the warning does not name %s: %q", addr, u, m[2])
			}
		}
	}
}

// A server that runs past midnight builds again for the new day, with no
// file changed: the overdue marks count from it.
func TestNewDay(t *testing.T) {
	dir := testSite(t)
	fsys, closer, err := site.OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closer.Close() })
	var log logBuffer
	s := NewServer(fsys, testDay, &log, &log)
	var day atomic.Pointer[time.Time]
	first := testDay
	day.Store(&first)
	s.day = func() time.Time { return *day.Load() }
	s.newDay = 5 * time.Millisecond
	if err := s.Rebuild(nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); s.rebuildOnChange(ctx, nil) }()
	t.Cleanup(func() { cancel(); <-done })

	asOf := func(d time.Time) string { return `datetime="` + d.Format(time.DateOnly) + `"` }
	if p := page(s.cur.Load(), layout.Actions); !strings.Contains(p, asOf(testDay)) {
		t.Fatalf("the actions page does not say overdue as of %s", testDay.Format(time.DateOnly))
	}
	next := testDay.AddDate(0, 0, 1)
	day.Store(&next)
	st := waitState(t, s, "the new day", func(st *state) bool { return st.day.Equal(next) })
	if p := page(st, layout.Actions); !strings.Contains(p, asOf(next)) || strings.Contains(p, asOf(testDay)) {
		t.Errorf("after midnight the actions page does not count from %s", next.Format(time.DateOnly))
	}
	if !strings.Contains(log.String(), "a new day: rebuilt") {
		t.Errorf("the server did not say why it built again:\n%s", log.String())
	}
}
