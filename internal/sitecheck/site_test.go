package sitecheck

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sprintkit/sprintkit/internal/browsertest"
	"github.com/sprintkit/sprintkit/internal/build"
	"github.com/sprintkit/sprintkit/internal/output"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// today is the build day of every site here, as SOURCE_DATE_EPOCH is in
// the script tests.
var today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// tmp holds the sites built for this run of the tests.
var tmp string

func TestMain(m *testing.M) {
	// These checks open some 2,500 pages in Chromium and run the programs
	// that open the data files: on a 2-core machine more than go test's
	// default of ten minutes for a package. That default becomes thirty; a
	// timeout given on the command line stays as given.
	flag.Parse()
	if f := flag.Lookup("test.timeout"); f != nil && f.Value.String() == (10*time.Minute).String() {
		f.Value.Set((30 * time.Minute).String())
	}
	var err error
	tmp, err = os.MkdirTemp("", "sitecheck-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := browsertest.Main(m, "internal/sitecheck")
	os.RemoveAll(tmp)
	os.Exit(code)
}

// A built site is made once per test run and shared by the tests.
type built struct {
	once sync.Once
	dir  string
	err  error
}

var (
	example   built
	generated built
)

// exampleSite builds the repository's example site and returns the folder.
func exampleSite(t testing.TB) string {
	t.Helper()
	example.once.Do(func() {
		example.dir, example.err = buildSite(browsertest.ModuleRoot(t), filepath.Join(tmp, "example"))
	})
	if example.err != nil {
		t.Fatalf("building the example site: %v", example.err)
	}
	return example.dir
}

// generatedSite builds a site of 1,000 generated sprints.
func generatedSite(t testing.TB) string {
	t.Helper()
	generated.once.Do(func() {
		src := filepath.Join(tmp, "gen-src")
		if generated.err = sitegen.WriteDir(src, 1000); generated.err == nil {
			generated.dir, generated.err = buildSite(src, filepath.Join(tmp, "gen"))
		}
	})
	if generated.err != nil {
		t.Fatalf("building the generated site: %v", generated.err)
	}
	return generated.dir
}

// buildSite builds the site folder src into out as `sprintkit build` does.
func buildSite(src, out string) (string, error) {
	var b build.Builder
	err := output.Write(out, func(w output.Writer) error {
		_, err := b.Build(os.DirFS(src), today, w)
		return err
	})
	return out, err
}

// htmlPages lists the HTML files of a built site, slash-separated and sorted.
func htmlPages(t testing.TB, dir string) []string {
	t.Helper()
	var pages []string
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	return pages
}

// tool finds a file that .ci/run installs: from the environment variable
// env, or at rel under .ci/node_modules. Without it the test skips, or
// fails when CI is set.
func tool(t testing.TB, name, env, rel string) string {
	t.Helper()
	p := os.Getenv(env)
	if p == "" {
		p = filepath.Join(browsertest.ModuleRoot(t), ".ci", "node_modules", filepath.FromSlash(rel))
	}
	if _, err := os.Stat(p); err != nil {
		browsertest.Missing(t, name, fmt.Sprintf("cd .ci && npm ci, or set $%s", env))
	}
	return p
}

// java finds the java command for the Nu HTML Checker.
func java(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("java")
	if err != nil {
		browsertest.Missing(t, "Java for the Nu HTML Checker", "apt-get install default-jre-headless")
	}
	return p
}
