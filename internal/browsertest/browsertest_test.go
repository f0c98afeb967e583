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
