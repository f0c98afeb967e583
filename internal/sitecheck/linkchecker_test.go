package sitecheck

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// checked is linkchecker's last line but one: "40 links in 40 URLs
// checked. 0 warnings found. 0 errors found."
var checked = regexp.MustCompile(`(\d+) links in (\d+) URLs checked\. \d+ warnings? found\. (\d+) errors? found`)

// TestLinkchecker has linkchecker, a link checker of its own (not the
// crawl of TestLinks in Chromium), follow every internal link of the
// example site in both languages, published under a sub-path over HTTP
// and opened from file://: none is broken, and every page is reached.
func TestLinkchecker(t *testing.T) {
	lc := program(t, "linkchecker", "linkchecker")
	for _, s := range clientSites(t) {
		if s.name != "example" && s.name != "example-en" {
			continue
		}
		pages := len(htmlPages(t, s.dir))
		t.Run(s.name+"/sub-path", func(t *testing.T) {
			mux := http.NewServeMux()
			mux.Handle("/intranet/insikt/", http.StripPrefix("/intranet/insikt", http.FileServer(http.Dir(s.dir))))
			srv := httptest.NewServer(mux)
			defer srv.Close()
			linkcheck(t, lc, srv.URL+"/intranet/insikt/index.html", pages)
		})
		t.Run(s.name+"/file", func(t *testing.T) {
			// linkchecker run as root reads as nobody: the built site must
			// be readable by all.
			if os.Getuid() == 0 {
				readable(t, s.dir)
			}
			linkcheck(t, lc, "file://"+filepath.ToSlash(filepath.Join(s.dir, "index.html")), pages)
		})
	}
}

// linkcheck runs linkchecker from start and checks that it found no
// error and checked at least pages URLs.
func linkcheck(t *testing.T, lc, start string, pages int) {
	t.Helper()
	out := run(t, 3*time.Minute, t.TempDir(), []string{"HOME=" + t.TempDir()}, lc, "--no-status", "--no-warnings", "--threads=4", start)
	m := checked.FindSubmatch(out)
	if m == nil {
		t.Fatalf("linkchecker %s did not say what it checked:\n%s", start, out)
	}
	urls, _ := strconv.Atoi(string(m[2]))
	if string(m[3]) != "0" {
		t.Errorf("linkchecker %s found broken links:\n%s", start, out)
	}
	if urls < pages {
		t.Errorf("linkchecker %s checked %d URLs, fewer than the site's %d pages:\n%s", start, urls, pages, out)
	}
}

// readable lets everyone read dir and the folders above it up to the
// system's temporary folder.
func readable(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.Chmod(p, 0o755)
		}
		return os.Chmod(p, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	top := filepath.Clean(os.TempDir())
	for p := filepath.Dir(dir); len(p) > len(top); p = filepath.Dir(p) {
		if err := os.Chmod(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}
