// Package browsertest starts a real headless Chromium for tests, driven by
// chromedp. A test that needs a browser calls New: it skips with a clear
// message when no Chromium is installed, and fails instead when CI is set,
// so a CI run can never pass by skipping the browser tests.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ExecPath finds Chromium: $CHROMIUM, then Debian's /usr/bin/chromium, then
// chromium or google-chrome on PATH. It is "" when there is none.
func ExecPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
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
		if os.Getenv("CI") != "" {
			t.Fatal("no Chromium found, and CI is set: browser tests must run in CI (apt-get install chromium)")
		}
		t.Skip("no Chromium found: install Debian's chromium package (or set $CHROMIUM) to run the browser tests")
	}
	return p
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

// Timeout returns a context for one step of a test, derived from a started
// browser context.
func Timeout(t testing.TB, ctx context.Context, d time.Duration) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, d)
	t.Cleanup(cancel)
	return c
}
