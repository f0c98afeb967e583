package browsertest

import (
	"net/http"
	"net/http/httptest"
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
	t.Run("needs a tool", func(t *testing.T) {
		Missing(t, "a test tool", "apt-get install test-tool")
		ran = true
	})
	if ran {
		t.Error("Missing did not skip the test")
	}
	skipped.Lock()
	n, how := skipped.n["a test tool"], skipped.how["a test tool"]
	delete(skipped.n, "a test tool")
	skipped.Unlock()
	if n != 1 || how != "apt-get install test-tool" {
		t.Errorf("counted %d skips (how %q), want 1 (apt-get install test-tool)", n, how)
	}
}
