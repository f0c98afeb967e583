// Package browsertest starts a real headless Chromium for tests, driven by
// chromedp. A test that needs a browser calls New: it skips with a clear
// message when no Chromium is installed, and fails instead when CI is set,
// so a CI run can never pass by skipping the browser tests.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ExecPath finds Chromium: $CHROMIUM, then Debian's /usr/bin/chromium, then
// chromium or google-chrome on PATH. It is "" when there is none, and when
// $CHROMIUM names a program that is not there (CHROMIUM=/nonexistent
// runs the tests as on a machine without Chromium).
func ExecPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		if found, err := exec.LookPath(p); err == nil {
			return found
		}
		return ""
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Require skips t when there is no browser, or fails it when CI is set.
func Require(t testing.TB) string {
	t.Helper()
	p := ExecPath()
	if p == "" {
		Missing(t, "Chromium", "apt-get install chromium, or set $CHROMIUM")
	}
	return p
}

// skipped counts, by what was missing and how to install it, the tests of
// this test binary that Missing skipped.
var skipped = struct {
	sync.Mutex
	n   map[string]int
	how map[string]string
}{n: map[string]int{}, how: map[string]string{}}

// Missing skips t because tool is not installed, or fails it when CI is
// set, so that a CI run never passes by skipping. how says how to install
// it; Main names both once the tests have run.
func Missing(t testing.TB, tool, how string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("no %s, and CI is set: these tests must run in CI (%s)", tool, how)
	}
	skipped.Lock()
	skipped.n[tool]++
	skipped.how[tool] = how
	skipped.Unlock()
	t.Skipf("no %s: %s to run this test", tool, how)
}

// Main runs a package's tests for its TestMain and returns the exit code.
// When tests were skipped for a missing tool, it says which, in one line,
// on the terminal: go test ./... shows nothing else of a package that
// passes, so a skip would otherwise go unseen. Without a terminal the line
// goes to standard error, which go test -v and a failing package show.
func Main(m *testing.M, pkg string) int {
	code := m.Run()
	skipped.Lock()
	defer skipped.Unlock()
	if len(skipped.n) == 0 {
		return code
	}
	var tools []string
	for tool, n := range skipped.n {
		tools = append(tools, fmt.Sprintf("%d without %s (%s)", n, tool, skipped.how[tool]))
	}
	sort.Strings(tools)
	line := fmt.Sprintf("%s: tests skipped: %s\n", pkg, strings.Join(tools, "; "))
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		fmt.Fprint(tty, line)
		tty.Close()
	} else {
		fmt.Fprint(os.Stderr, line)
	}
	return code
}

// New starts a headless Chromium and returns a chromedp context for one tab,
// already started, so callers may put timeouts on contexts derived from it.
// The browser is stopped when the test ends.
func New(t testing.TB, opts ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	path := Require(t)
	all := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
	}, opts...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), all...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// The first run starts the browser; it must have no timeout of its own.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium (%s): %v", path, err)
	}
	return ctx
}

// Tab opens a new tab of the started browser ctx, closed when the test
// ends. Its first run, which attaches the tab, has no timeout of its own:
// chromedp reads the tab's messages for as long as that first run's
// context lives, so a tab attached under a 20-second step stops answering
// 20 seconds later, whatever the test does then.
func Tab(t testing.TB, ctx context.Context) (context.Context, context.CancelFunc) {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return tab, cancel
}

// Timeout returns a context for one step of a test, derived from a started
// browser context.
func Timeout(t testing.TB, ctx context.Context, d time.Duration) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, d)
	t.Cleanup(cancel)
	return c
}
