// Package serve is the dev server behind "sprintkit serve". It builds the
// whole site into memory with the same build.Builder that "sprintkit build"
// uses, swaps the new build in, and serves it on loopback, in two steps:
// the pages of the sprints and studies whose files were saved, with the
// assets and copied files, over the last build's other files (every page,
// over the last build's late files, when a save puts no page first); then
// the whole build, with the files made from the whole site that no page
// loads as it opens (the search index, the feed, the data files). A saved
// page shows without waiting for the rest of a year's site. A watcher
// rebuilds on every save (bursts batched into one rebuild), and a small
// script injected into HTML pages as they are served listens for Server-Sent
// Events at /_sprintkit/events: it reloads the page when the output changed
// (or, where the page marks parts to swap and nothing else of it changed,
// swaps those in place), and shows the build's problems over the last good
// pages when a save broke the site. The server reads the site folder, and
// writes to it only what pages opened on this machine record (record.go).
//
// The same stream carries the session pages' shared timer (timer.go): one
// state per sprint, in memory, set by pages opened on this machine at
// /_sprintkit/timer and followed by every other page. Pages opened on
// this machine also record a sprint's outcome and move states through
// /_sprintkit/edit, which writes the site's files with internal/edit.
//
// It listens on loopback unless told otherwise, and guards what it serves
// (guard.go): it answers only to its own host names, refuses what pages of
// other sites ask for except navigations, and drops clients that sit idle
// or stop reading.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sprintkit/sprintkit/internal/build"
	"github.com/sprintkit/sprintkit/internal/edit"
	"github.com/sprintkit/sprintkit/internal/site"
)

// Options configure a dev server.
type Options struct {
	Root  string    // the site folder
	Addr  string    // where to listen, host:port; default 127.0.0.1:1313
	Poll  bool      // watch by polling instead of the platform's watcher
	Today time.Time // the day for warnings and overdue marks

	// Day, when set, is asked for the day instead, before each build and
	// once a minute: a server that runs past midnight builds again for
	// the new day, so that no page marks what is overdue as of yesterday.
	Day func() time.Time

	// Delay is the quiet time that ends a burst of changes before a
	// rebuild (default 10ms: an editor's save is one or two events within
	// a millisecond); a burst waits at most MaxDelay (default
	// 500ms). PollInterval is how often polling looks (default 500ms).
	Delay, MaxDelay, PollInterval time.Duration

	Stdout io.Writer // the address and each rebuild
	Stderr io.Writer // problems and warnings

	// Started, when set, is called with the server's URL once it serves.
	Started func(url string)
}

func (o *Options) defaults() {
	if o.Addr == "" {
		o.Addr = "127.0.0.1:1313"
	}
	if o.Delay <= 0 {
		o.Delay = 10 * time.Millisecond
	}
	if o.MaxDelay < o.Delay {
		o.MaxDelay = max(10*o.Delay, 500*time.Millisecond)
	}
	if o.PollInterval <= 0 {
		o.PollInterval = 500 * time.Millisecond
	}
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	if o.Stderr == nil {
		o.Stderr = io.Discard
	}
}

// A state is one build as the server serves it. States are never changed
// after they are stored; a rebuild stores a new one.
type state struct {
	seq   uint64 // counts the builds, failed ones too
	files files  // the last good build; none before the first
	// hash is of the files a page shows as it loads (all but late); ""
	// before the first good build. A browser reloads when it changes.
	// shown is its sum, which the next build's early hash starts from.
	hash  string
	shown lanes
	// late are the files made after the pages were shown: the search
	// index, the feed and the data files (render.Options.Shown).
	late     map[string]bool
	all      string    // the hash of every file, late ones too
	problems []string  // the lines of the last build's error, when it failed
	changed  []string  // the changes that made this build
	day      time.Time // the day it was built for

	// The last good build's site, and the hashes of the sprint plans and
	// studies it was built from, by path: what the recording controls
	// are filled from (record.go).
	site *site.Site
	sums map[string]string

	// early is set on the state that shows a build's pages before its
	// late files are made; the state stored when the build ends has it
	// unset.
	early bool
}

// A Server builds a site into memory and serves it with live reload.
type Server struct {
	fsys   fs.FS
	day    func() time.Time // the day to build for
	newDay time.Duration    // how often the loop asks whether the day changed
	stdout io.Writer
	stderr io.Writer
	ping   time.Duration // how often event streams say they are alive
	hosts  map[string]bool

	// How long a client may take to send a request's headers, to ask
	// again on a kept-alive connection, and to take each write.
	readHeaderTimeout, idleTimeout, writeTimeout time.Duration

	builder build.Builder
	// sawEarly, when set, is told of each early state as it is served:
	// for the tests, which cannot catch it between two notifications.
	sawEarly func(*state)
	buildMu  sync.Mutex      // one build at a time, as the Builder wants
	warned   map[string]bool // the warnings of the last build, printed once

	// exact reports whether the changes handed to Rebuild are all that
	// changed, so that the build may read only those; nil means yes.
	// Polling compares sizes and times and can miss a save on a share
	// with a coarse clock: then every file is read.
	exact func() bool

	cur    atomic.Pointer[state]
	hub    hub
	timers timers // the shared session timers (timer.go)

	// folder is the site folder that pages record into (record.go); nil
	// when the server records nothing. sums are the hashes of the files
	// that builds read, undos the writes that can be undone.
	folder *edit.Folder
	sums   sums
	undos  undos

	// controls reports whether a request's page controls the shared
	// timers: by default, one that came from loopback.
	controls  func(*http.Request) bool
	closing   chan struct{} // closed by Close: event streams end
	closeOnce sync.Once
}

// NewServer returns a server for the site in fsys that has built nothing
// yet: it serves a page that waits for the first build. The server accepts
// requests whose Host is localhost or a loopback address, and the extra
// host names given.
func NewServer(fsys fs.FS, today time.Time, stdout, stderr io.Writer, hosts ...string) *Server {
	s := &Server{fsys: fsys, day: func() time.Time { return today }, newDay: time.Minute, stdout: stdout, stderr: stderr, ping: 20 * time.Second,
		readHeaderTimeout: readHeaderTimeout, idleTimeout: idleTimeout, writeTimeout: writeTimeout,
		controls: loopback}
	s.fsys = hashFS{fsys, &s.sums}
	s.hosts = map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}
	for _, h := range hosts {
		s.hosts[normHost(h)] = true
	}
	s.cur.Store(&state{})
	s.closing = make(chan struct{})
	return s
}

// Close ends the open event streams, so that an http.Server serving s can
// shut down; the pages reconnect to the next server by themselves.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.closing) })
}

// Rebuild builds the whole site into memory and swaps it in. On failure it
// keeps the last good build, prints the problems and sends them to the
// browsers. changed names what made the rebuild: the paths that changed
// since the last Rebuild, which are all that is read again of the sprint
// folders; nil for a build that reads everything.
func (s *Server) Rebuild(changed []string) error {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	start := time.Now()
	old := s.cur.Load()
	if changed != nil && (s.exact == nil || s.exact()) {
		s.builder.Changed(changed)
	}
	mw := newMemWriter(old)
	day := s.day()
	// The pages of the files saved are shown as soon as they are
	// written, over the last build's other pages, search index, feed and
	// data files until this build's are made: the page that was saved
	// reloads that much sooner. The hash is of what pages show, so the
	// browsers do not reload again for the rest when it is the same.
	shown := func(st *site.Site) {
		files, h := mw.mark()
		if old.files.own == nil {
			return // the first build: the server shows it whole
		}
		early := &state{seq: old.seq + 1, files: files, hash: h, shown: old.shown, late: old.late, all: old.all,
			changed: changed, day: day, site: st, sums: s.sums.snapshot(), early: true}
		s.cur.Store(early)
		s.hub.notify()
		if s.sawEarly != nil {
			s.sawEarly(early)
		}
	}
	st, err := s.builder.BuildShown(s.fsys, day, mw, shown, mw.paged)
	next := &state{seq: old.seq + 1, files: old.files, hash: old.hash, shown: old.shown, late: old.late, all: old.all, changed: changed, day: day, site: old.site, sums: old.sums}
	// A build that fails after its pages were shown (in its search index,
	// feed or data files) leaves the last good build, as any failed build
	// does: the browsers go back to its pages, under the problems.
	if err != nil {
		var n int
		next.problems, n = problemLines(err)
		s.cur.Store(next)
		s.hub.notify()
		still := "still serving the last good build"
		if next.files.own == nil {
			still = "the pages will show once it is fixed"
		}
		fmt.Fprintf(s.stderr, "%s\n%s; %s\n", strings.Join(next.problems, "\n"), count(n, "problem"), still)
		return err
	}
	next.files, next.late, next.shown, next.all = mw.done()
	next.hash = next.shown.String()
	next.site, next.sums = st, s.sums.snapshot()
	s.cur.Store(next)
	// The browsers hear of it again, though with the hash of the early
	// state they do not reload for it.
	s.hub.notify()
	s.printWarnings(st.Warnings)
	took := time.Since(start).Round(time.Millisecond)
	switch {
	case old.seq == 0:
		fmt.Fprintf(s.stdout, "built %s in %s\n", count(len(next.files.own), "file"), took)
	case next.all == old.all && old.problems == nil:
		fmt.Fprintf(s.stdout, "%s: the output did not change (%s)\n", describe(changed), took)
	default:
		fmt.Fprintf(s.stdout, "%s: rebuilt %s in %s\n", describe(changed), count(len(next.files.own), "file"), took)
	}
	return nil
}

// printWarnings prints the warnings that the last good build did not have
// (past site.MaxWarnings the first of each kind; sprintkit check
// --verbose prints every one), then, when they changed, a summary by kind
// of all of them.
func (s *Server) printWarnings(ws site.Problems) {
	now := map[string]bool{}
	var fresh site.Problems
	for _, p := range ws {
		line := p.Error()
		if !now[line] {
			now[line] = true
			if !s.warned[line] {
				fresh = append(fresh, p)
			}
		}
	}
	shown, hidden := fresh.Brief(false)
	for _, p := range shown {
		fmt.Fprintln(s.stderr, "warning:", p.Error())
	}
	if hidden > 0 {
		fmt.Fprintf(s.stderr, "warning: … and %d more; sprintkit check --verbose prints every warning\n", hidden)
	}
	if len(fresh) > 0 || len(now) != len(s.warned) {
		if sum := ws.Summary(); sum != "" {
			fmt.Fprintln(s.stderr, "warnings:", sum)
		}
	}
	s.warned = now
}

// problemLines is a build error as lines, one positioned problem a line,
// and the number of problems.
func problemLines(err error) ([]string, int) {
	var errs []error
	var probs site.Problems
	if errors.As(err, &probs) {
		for _, p := range probs {
			errs = append(errs, p)
		}
	} else {
		errs = append(errs, err)
	}
	var lines []string
	for _, e := range errs {
		// A line of its own for each line of a problem (a hint, or a CR
		// in a file name), so that the terminal and the browser show the
		// same lines.
		lines = append(lines, splitLines(e.Error())...)
	}
	return lines, len(errs)
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

func describe(changed []string) string {
	var names []string
	for _, c := range changed {
		if c != "" {
			names = append(names, site.ShowPath(c))
		}
	}
	switch {
	case changed != nil && len(changed) == 0:
		return "a new day"
	case len(names) == 0:
		return "changes"
	case len(names) == 1:
		return names[0]
	default:
		return fmt.Sprintf("%s and %d more", names[0], len(names)-1)
	}
}

// rebuildOnChange rebuilds after each batch of changes, and when the day
// changes, until ctx is done.
func (s *Server) rebuildOnChange(ctx context.Context, batches <-chan []string) {
	tick := time.NewTicker(s.newDay)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case b, ok := <-batches:
			if !ok {
				return
			}
			s.Rebuild(b)
		case <-tick.C:
			if !s.day().Equal(s.cur.Load().day) {
				// A new day: no file changed, every overdue mark may have.
				s.Rebuild([]string{})
			}
		}
	}
}

// Run serves the site in opt.Root until ctx is done: it listens, builds,
// watches and rebuilds, and prints the address and every rebuild. A site
// with problems is no reason to stop; it is served once they are fixed.
func Run(ctx context.Context, opt Options) error {
	opt.defaults()
	if fi, err := os.Stat(opt.Root); err != nil {
		return fmt.Errorf("the site folder: %w", err)
	} else if !fi.IsDir() {
		return fmt.Errorf("the site folder %s is not a folder", opt.Root)
	}
	ln, err := net.Listen("tcp", opt.Addr)
	if err != nil {
		return fmt.Errorf("%w\nhint: another server may be running there; try --port", err)
	}
	defer ln.Close()
	addr := ln.Addr().(*net.TCPAddr)

	host, _, _ := net.SplitHostPort(opt.Addr)
	urls := []string{"http://" + net.JoinHostPort(displayHost(host), strconv.Itoa(addr.Port)) + "/"}
	var extra []string
	if host != "" && host != "localhost" {
		extra = append(extra, host)
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		// Listening on every interface: the team may come by any of the
		// machine's addresses or its name.
		for _, ip := range lanAddrs() {
			extra = append(extra, ip.String())
			urls = append(urls, "http://"+net.JoinHostPort(ip.String(), strconv.Itoa(addr.Port))+"/")
		}
		if name, err := os.Hostname(); err == nil && name != "" {
			extra = append(extra, name, name+".local")
		}
	}
	// Nothing outside the site folder can be read through fsys, and the
	// loader reads only regular files in it (site.OpenFolder).
	fsys, closer, err := site.OpenFolder(opt.Root)
	if err != nil {
		return err
	}
	defer closer.Close()
	s := NewServer(fsys, opt.Today, opt.Stdout, opt.Stderr, extra...)
	if opt.Day != nil {
		s.day = opt.Day
	}
	if s.folder, err = edit.OpenFolder(opt.Root); err != nil {
		return err
	}
	defer s.folder.Close()

	// Watch before the first build, so that a save during it is not lost.
	w, err := watch(opt.Root, opt.Poll, opt.PollInterval, func(format string, args ...any) {
		fmt.Fprintf(opt.Stderr, format+"\n", args...)
	})
	if err != nil {
		return err
	}
	defer w.Close()
	s.exact = func() bool { return w.Mode() == "fsnotify" }

	srv := s.httpServer(ctx)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	s.Rebuild(nil)
	fmt.Fprintf(opt.Stdout, "serving %s at %s (watching by %s; Ctrl-C stops)\n", opt.Root, urls[0], w.Mode())
	for _, u := range urls[1:] {
		fmt.Fprintf(opt.Stdout, "  on the network: %s\n", u)
	}
	if w := exposure(host, urls); w != "" {
		fmt.Fprintln(opt.Stderr, w)
	}
	if opt.Started != nil {
		opt.Started(urls[0])
	}

	loopDone := make(chan struct{})
	go func() {
		defer close(loopDone)
		s.rebuildOnChange(ctx, batch(ctx, w.C, opt.Delay, opt.MaxDelay))
	}()

	select {
	case <-ctx.Done():
	case err := <-served:
		return err
	}
	s.Close()
	shut, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	err = srv.Shutdown(shut)
	<-loopDone
	fmt.Fprintln(opt.Stdout, "stopped")
	return err
}

// exposure warns that the site can be read from the network, naming the
// addresses, when the server listens on more than loopback; it is "" when
// only this machine can reach it. urls are the server's addresses, the
// first as printed first.
func exposure(host string, urls []string) string {
	ip := net.ParseIP(host)
	if host == "localhost" || ip != nil && ip.IsLoopback() {
		return ""
	}
	where, at := host, urls[:1]
	if host == "" || ip.IsUnspecified() {
		where, at = "every address of this machine", urls[1:]
		if host != "" {
			where = host + " (" + where + ")"
		}
	}
	names := "by its name and its addresses"
	if len(at) > 0 {
		names = "at " + strings.Join(at, ", ")
	}
	return fmt.Sprintf("warning: listening on %s: anyone on the network who can reach this machine can read the site, %s\n"+
		"hint: --bind 127.0.0.1 keeps it to this machine", where, names)
}

func displayHost(h string) string {
	if ip := net.ParseIP(h); h == "" || ip != nil && ip.IsUnspecified() {
		return "127.0.0.1"
	}
	return h
}

// lanAddrs returns the machine's addresses that others on the network can
// reach it by: IPv4 first, no loopback or link-local ones.
func lanAddrs() []net.IP {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var v4, v6 []net.IP
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok || n.IP.IsLoopback() || n.IP.IsLinkLocalUnicast() || n.IP.IsMulticast() {
			continue
		}
		if n.IP.To4() != nil {
			v4 = append(v4, n.IP)
		} else {
			v6 = append(v6, n.IP)
		}
	}
	return append(v4, v6...)
}
