package build

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

// memWriter keeps a build in memory.
type memWriter struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memWriter) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	m.files[name] = data
	return nil
}

// siteFromTxtar reads a site written inline as a txtar archive.
func siteFromTxtar(t *testing.T, path string) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

// golden is the part of a build that a person reads when it changes: the
// pages and the feed. Assets (CSS, scripts) are left out.
func golden(files map[string][]byte) []byte {
	var names []string
	for n := range files {
		if strings.HasSuffix(n, ".html") || strings.HasSuffix(n, ".xml") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	ar := &txtar.Archive{Comment: []byte("The built site for the archive of the same name; rewrite with go test -update.\n")}
	for _, n := range names {
		ar.Files = append(ar.Files, txtar.File{Name: n, Data: files[n]})
	}
	return txtar.Format(ar)
}

// TestGolden builds each site in testdata/*.txtar and compares its pages
// with testdata/*.golden.
func TestGolden(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test sites: %v", err)
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			var b Builder
			var w memWriter
			today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
			if _, err := b.Build(siteFromTxtar(t, path), today, &w); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, strings.TrimSuffix(path, ".txtar")+".golden", golden(w.files), "TestGolden")
		})
	}
}

// checkGolden compares got with the golden file at path, or writes it there
// under -update. test names the test that -update should be run with.
func checkGolden(t *testing.T, path string, got []byte, test string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the build; if the change is right, run go test ./internal/build -run %s -update and read the diff\n%s", path, test, firstDiff(want, got))
	}
}

// firstDiff shows the first line where want and got part.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}

// TestReproducible builds the same site twice and gets the same bytes.
func TestReproducible(t *testing.T) {
	fsys := siteFromTxtar(t, "testdata/sv.txtar")
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	var a, b memWriter
	var b1, b2 Builder
	if _, err := b1.Build(fsys, today, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := b2.Build(fsys, today, &b); err != nil {
		t.Fatal(err)
	}
	if len(a.files) != len(b.files) {
		t.Fatalf("%d files, then %d", len(a.files), len(b.files))
	}
	for n, d := range a.files {
		if !bytes.Equal(d, b.files[n]) {
			t.Errorf("%s differs between two builds", n)
		}
	}
}

// TestEscaping builds the site whose every field tries to inject markup
// and checks that none of it reached the pages as markup.
func TestEscaping(t *testing.T) {
	var b Builder
	var w memWriter
	if _, err := b.Build(siteFromTxtar(t, "testdata/en.txtar"), time.Time{}, &w); err != nil {
		t.Fatal(err)
	}
	pages := 0
	for name, data := range w.files {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".xml") {
			continue
		}
		pages++
		for _, bad := range []string{"<script>alert", "<img src=x", "<span onclick", "<iframe", "<div onmouseover", `href="javascript`, "<b>", "<i>", "<em>remember"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
	if pages < 8 {
		t.Errorf("checked only %d pages", pages)
	}
	sprint := string(w.files["sprints/2026-11-02-x/index.html"])
	for _, want := range []string{
		`<a href="https://example.com/a?b=1&amp;c=2">ok link</a>`,
		`<a href="file://server/share/a.pdf">file</a>`,
		`They read it`,
	} {
		if !strings.Contains(sprint, want) {
			t.Errorf("sprint page lacks %q", want)
		}
	}
	study := string(w.files["studies/s/index.html"])
	if !strings.Contains(study, `href="https://intranet.example.com/report.pdf?a=1&amp;b=2"`) {
		t.Errorf("study page lacks the report link")
	}
}
