package browsertest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeRun runs axe-core on the whole document and returns its violations,
// one line each: the rule, its impact and help, and the first elements it
// names.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v =>
  v.id + " (" + v.impact + "): " + v.help + " at " + v.nodes.slice(0, 5).map(n => n.target.join(" ")).join(", ") +
  (v.nodes.length > 5 ? " and " + (v.nodes.length - 5) + " more" : "")))`

// Axe runs axe-core in the page of ctx, as it is now, and returns its
// violations, one line each. axe-core comes from $AXE_JS, or else from
// .ci/node_modules at the module's root (cd .ci && npm ci); it is loaded
// into the page when the page does not have it yet. Without it Axe skips
// t, or fails it when CI is set, as Missing does: a test that checks more
// than axe can put the call in a subtest of its own.
func Axe(t testing.TB, ctx context.Context) []string {
	t.Helper()
	src := axeSource(t)
	step := Timeout(t, ctx, 30*time.Second)
	loaded, err := chromedp.Run(step, chromedp.Evaluate[bool](`typeof axe !== "undefined"`))
	if err != nil {
		t.Fatalf("axe-core: %v", err)
	}
	if !loaded {
		if err := chromedp.Do(step, chromedp.Evaluate[chromedp.Void](src)); err != nil {
			t.Fatalf("loading axe-core into the page: %v", err)
		}
	}
	violations, err := chromedp.Run(step, chromedp.Evaluate[[]string](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe-core: %v", err)
	}
	return violations
}

// axeSource reads axe-core, or skips t (fails it under CI) when there is
// none.
func axeSource(t testing.TB) string {
	t.Helper()
	const how = "cd .ci && npm ci, or set $AXE_JS"
	p := os.Getenv("AXE_JS")
	if p == "" {
		root, err := moduleRoot()
		if err != nil {
			t.Fatalf("axe-core: %v", err)
		}
		p = filepath.Join(root, ".ci", "node_modules", "axe-core", "axe.min.js")
	}
	src, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		Missing(t, "axe-core", how)
	}
	if err != nil {
		t.Fatalf("axe-core: %v", err)
	}
	return string(src)
}

// ModuleRoot is the folder with go.mod above the working folder, which
// for go test is the package's own: where .ci/ and the example site are.
func ModuleRoot(t testing.TB) string {
	t.Helper()
	dir, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the test's folder")
		}
		dir = parent
	}
}
