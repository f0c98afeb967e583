package sitecheck

// The data files opened by the programs people open them with, run for
// real: LibreOffice Calc for actions.csv (spreadsheet_test.go), Python's
// icalendar and vobject and the khal calendar for the .ics files and
// feedparser for feed.xml (calendar_test.go), linkchecker for every link
// (linkchecker_test.go); Lighthouse for the pages is in the package
// internal/sitecheck/lighthouse, for its minutes.
// .ci/run installs them from Debian and npm; without one a test skips, or
// fails when CI is set.

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/sprintkit/sprintkit/internal/browsertest"
	"github.com/sprintkit/sprintkit/internal/site"
)

// A clientSite is a site built for the clients: its source folder, the
// folder it was built into, and the site as sprintkit read it.
type clientSite struct {
	name string
	lang string
	src  string
	dir  string
	site *site.Site
}

var clients struct {
	once  sync.Once
	sites []clientSite
	err   error
}

// clientSites builds, once per test run, the example site in Swedish and
// in English and testdata/clients.txtar in both languages.
func clientSites(t testing.TB) []clientSite {
	t.Helper()
	root := browsertest.ModuleRoot(t)
	example := exampleSite(t)
	clients.once.Do(func() {
		add := func(name, lang, src, dir string) {
			if clients.err != nil {
				return
			}
			if dir == "" {
				dir, clients.err = buildSite(src, filepath.Join(tmp, name))
				if clients.err != nil {
					return
				}
			}
			var s *site.Site
			s, clients.err = site.Load(os.DirFS(src), site.Options{Today: today})
			clients.sites = append(clients.sites, clientSite{name, lang, src, dir, s})
		}
		add("example", "sv", root, example)
		src := filepath.Join(tmp, "example-en-src")
		if clients.err = copySite(root, src, "en"); clients.err == nil {
			add("example-en", "en", src, "")
		}
		for _, lang := range []string{"sv", "en"} {
			src := filepath.Join(tmp, "clients-"+lang+"-src")
			if clients.err == nil {
				clients.err = writeArchive(filepath.Join(root, "internal", "sitecheck", "testdata", "clients.txtar"), src, lang)
			}
			add("clients-"+lang, lang, src, "")
		}
	})
	if clients.err != nil {
		t.Fatalf("building the sites for the clients: %v", clients.err)
	}
	return clients.sites
}

// copySite copies a site's content/ and sprints/ to dst, in lang.
func copySite(root, dst, lang string) error {
	for _, dir := range []string{"content", "sprints"} {
		if err := os.CopyFS(filepath.Join(dst, dir), os.DirFS(filepath.Join(root, dir))); err != nil {
			return err
		}
	}
	return setLanguage(filepath.Join(dst, "content", "site.toml"), lang)
}

// writeArchive writes the files of a txtar archive into dst, in lang.
func writeArchive(archive, dst, lang string) error {
	a, err := txtar.ParseFile(archive)
	if err != nil {
		return err
	}
	for _, f := range a.Files {
		p := filepath.Join(dst, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return setLanguage(filepath.Join(dst, "content", "site.toml"), lang)
}

// setLanguage sets language in a site.toml that says language = "sv".
func setLanguage(path, lang string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	b = bytes.Replace(b, []byte(`language = "sv"`), []byte(`language = "`+lang+`"`), 1)
	return os.WriteFile(path, b, 0o644)
}

// readCSV reads a site's actions.csv as its own language's reader does:
// without the byte-order mark, split at the site's separator.
func readCSV(t testing.TB, s clientSite) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.dir, "actions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	if s.lang == "sv" {
		r.Comma = ';'
	}
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: actions.csv: %v", s.name, err)
	}
	return rows
}

// program finds a program that .ci/run installs from Debian's package
// pkg, or skips t (fails it under CI) without it.
func program(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		browsertest.Missing(t, name, "apt-get install "+pkg)
	}
	return p
}

// python finds Debian's python3 with each of modules, which .ci/run
// installs as python3-<module>, or skips t (fails it under CI). Debian's
// own python3 comes first: another one on PATH does not see Debian's
// modules.
func python(t testing.TB, modules ...string) string {
	t.Helper()
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		py = program(t, "python3", "python3")
	}
	for _, m := range modules {
		if err := exec.Command(py, "-c", "import "+m).Run(); err != nil {
			browsertest.Missing(t, "python3-"+m, "apt-get install python3-"+m)
		}
	}
	return py
}

// run runs a program for at most limit and returns its standard output;
// it fails t with the program's standard error when the program fails.
func run(t testing.TB, limit time.Duration, dir string, env []string, name string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(name), strings.Join(args, " "), err, stderr.String(), stdout.String())
	}
	return stdout.Bytes()
}
