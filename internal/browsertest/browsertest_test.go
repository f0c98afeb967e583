package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestBrowserRendersAPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!DOCTYPE html><title>t</title><p id="x">hej</p><script>document.getElementById("x").textContent += " då"</script>`))
	}))
	defer srv.Close()
	ctx := New(t)
	c := Timeout(t, ctx, 20*time.Second)
	if err := chromedp.Do(c, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(c, chromedp.Text(chromedp.CSS("#x")))
	if err != nil {
		t.Fatal(err)
	}
	if got != "hej då" {
		t.Errorf("text = %q, want %q (the page's script ran)", got, "hej då")
	}
}

// TestMissingIsCounted skips a test for a missing tool, outside CI: the
// skip is counted by tool, with how to install it, for Main to name.
func TestMissingIsCounted(t *testing.T) {
	t.Setenv("CI", "")
	ran := false
	n, how := countSkips(t, "a test tool", func() {
		t.Run("needs a tool", func(t *testing.T) {
			Missing(t, "a test tool", "apt-get install test-tool")
			ran = true
		})
	})
	if ran {
		t.Error("Missing did not skip the test")
	}
	if n != 1 || how != "apt-get install test-tool" {
		t.Errorf("counted %d skips (how %q), want 1 (apt-get install test-tool)", n, how)
	}
}

// countSkips runs f and returns how many skips for tool it added to the
// count, and how to install the tool, then takes them back out, so that Main names only the tests that
// were skipped for real. Other tests of the package may have skipped for
// the same tool before, in any order (-shuffle, -count): only the
// difference is f's.
func countSkips(t *testing.T, tool string, f func()) (added int, how string) {
	t.Helper()
	skipped.Lock()
	before := skipped.n[tool]
	skipped.Unlock()
	f()
	skipped.Lock()
	defer skipped.Unlock()
	added, how = skipped.n[tool]-before, skipped.how[tool]
	skipped.n[tool] = before
	if before == 0 {
		delete(skipped.n, tool)
		delete(skipped.how, tool)
	}
	return added, how
}

// TestAxe: axe-core, loaded into a page, names what is wrong with it, and
// finds nothing on a page without faults.
func TestAxe(t *testing.T) {
	pages := map[string]string{
		"/bad":  `<!DOCTYPE html><html lang="sv"><title>t</title><main><h1>Rubrik</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main>`,
		"/good": `<!DOCTYPE html><html lang="sv"><title>t</title><main><h1>Rubrik</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="En prick"></main>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(pages[r.URL.Path]))
	}))
	defer srv.Close()
	ctx := New(t)
	for _, path := range []string{"/bad", "/good"} {
		if err := chromedp.Do(Timeout(t, ctx, 20*time.Second), chromedp.Navigate(srv.URL+path)); err != nil {
			t.Fatal(err)
		}
		got := Axe(t, ctx)
		switch {
		case path == "/bad" && (len(got) != 1 || !strings.HasPrefix(got[0], "image-alt (critical): ") || !strings.HasSuffix(got[0], " at img")):
			t.Errorf("%s: violations %q, want one for the image without alt text", path, got)
		case path == "/good" && len(got) != 0:
			t.Errorf("%s: violations %q, want none", path, got)
		}
	}
}

// TestAxeMissing skips a test that needs axe-core where there is none,
// outside CI, and counts the skip.
func TestAxeMissing(t *testing.T) {
	t.Setenv("CI", "")
	t.Setenv("AXE_JS", filepath.Join(t.TempDir(), "axe.min.js"))
	ran := false
	n, _ := countSkips(t, "axe-core", func() {
		t.Run("needs axe-core", func(t *testing.T) {
			Axe(t, context.Background())
			ran = true
		})
	})
	if ran {
		t.Error("Axe did not skip the test")
	}
	if n != 1 {
		t.Errorf("counted %d skips for axe-core, want 1", n)
	}
}
