package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// writeAll returns a fill function that writes files.
func writeAll(files map[string]string) func(Writer) error {
	return func(w Writer) error {
		for name, data := range files {
			if err := w.WriteFile(name, []byte(data)); err != nil {
				return err
			}
		}
		return nil
	}
}

// snapshot returns every file and folder under dir with its mode, and the
// content of files, so two snapshots are equal only if the trees are.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := make(map[string]string)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		v := info.Mode().String()
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			v += " " + string(data)
		}
		m[filepath.ToSlash(rel)] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// wantOnly fails unless dir holds exactly the named entries.
func wantOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !reflect.DeepEqual(got, names) {
		t.Errorf("%s holds %q, want %q", dir, got, names)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// withFallback makes Write use two renames instead of an exchange for the
// rest of the test.
func withFallback(t *testing.T) {
	saved := exchange
	exchange = func(a, b string) error { return errors.ErrUnsupported }
	t.Cleanup(func() { exchange = saved })
}

func TestBuildTwice(t *testing.T) {
	for _, mode := range []string{"exchange", "fallback"} {
		t.Run(mode, func(t *testing.T) {
			if mode == "fallback" {
				withFallback(t)
			}
			parent := t.TempDir()
			dir := filepath.Join(parent, "public")

			first := map[string]string{
				"index.html":           "home",
				"sprints/x/index.html": "sprint x",
				"sprints/y/index.html": "sprint y",
				"assets/site.css":      "body{}",
			}
			if err := Write(dir, writeAll(first)); err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, filepath.Join(dir, markerName)); got != markerText {
				t.Errorf("marker holds %q, want %q", got, markerText)
			}
			for name, want := range first {
				if got := readFile(t, filepath.Join(dir, name)); got != want {
					t.Errorf("%s holds %q, want %q", name, got, want)
				}
			}
			fi, err := os.Stat(dir)
			if err != nil {
				t.Fatal(err)
			}
			if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o755 {
				t.Errorf("%s has mode %v, want 0755", dir, fi.Mode().Perm())
			}
			fi, err = os.Stat(filepath.Join(dir, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644 {
				t.Errorf("index.html has mode %v, want 0644", fi.Mode().Perm())
			}

			second := map[string]string{
				"index.html":           "home 2",
				"sprints/x/index.html": "sprint x 2",
				"assets/site.css":      "body{}",
			}
			if err := Write(dir, writeAll(second)); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{
				".":                    "drwxr-xr-x",
				markerName:             "-rw-r--r-- " + markerText,
				"index.html":           "-rw-r--r-- home 2",
				"sprints":              "drwxr-xr-x",
				"sprints/x":            "drwxr-xr-x",
				"sprints/x/index.html": "-rw-r--r-- sprint x 2",
				"assets":               "drwxr-xr-x",
				"assets/site.css":      "-rw-r--r-- body{}",
			}
			if got := snapshot(t, dir); !reflect.DeepEqual(got, want) {
				t.Errorf("after second build:\n got %q\nwant %q", got, want)
			}
			wantOnly(t, parent, "public")
		})
	}
}

func TestFillErrorKeepsOld(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := Write(dir, writeAll(map[string]string{"index.html": "old", "a/b.html": "b"})); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)

	boom := errors.New("boom")
	err := Write(dir, func(w Writer) error {
		if err := w.WriteFile("index.html", []byte("new")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Write returned %v, want %v", err, boom)
	}
	if after := snapshot(t, dir); !reflect.DeepEqual(after, before) {
		t.Errorf("failed build changed %s:\n got %q\nwant %q", dir, after, before)
	}
	wantOnly(t, parent, "public")
}

func TestFillErrorFirstBuild(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	boom := errors.New("boom")
	if err := Write(dir, func(Writer) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("Write returned %v, want %v", err, boom)
	}
	wantOnly(t, parent)
}

func TestRefuseForeignFolder(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "Documents")
	if err := os.MkdirAll(filepath.Join(dir, "taxes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "taxes", "2024.pdf"), []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)

	called := false
	err := Write(dir, func(Writer) error { called = true; return nil })
	if err == nil {
		t.Fatal("Write replaced a folder without a marker")
	}
	for _, want := range []string{"refusing to replace " + dir, "not made by sprintkit", markerName} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if called {
		t.Error("fill was called for a refused folder")
	}
	if after := snapshot(t, dir); !reflect.DeepEqual(after, before) {
		t.Errorf("refused folder changed:\n got %q\nwant %q", after, before)
	}
	wantOnly(t, parent, "Documents")
}

func TestRefuseFile(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := os.WriteFile(dir, []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(dir, writeAll(nil))
	if err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Fatalf("Write returned %v, want a not-a-folder error", err)
	}
	if got := readFile(t, dir); got != "a file" {
		t.Errorf("%s holds %q, want %q", dir, got, "a file")
	}
	wantOnly(t, parent, "public")
}

func TestRefuseSymlink(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "real")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(parent, "public")
	if err := os.Symlink(target, dir); err != nil {
		t.Skip(err)
	}
	if err := Write(dir, writeAll(nil)); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("Write returned %v, want a symbolic-link error", err)
	}
	wantOnly(t, parent, "public", "real")
}

func TestEmptyFolderAccepted(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, writeAll(map[string]string{"index.html": "home"})); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "index.html")); got != "home" {
		t.Errorf("index.html holds %q, want %q", got, "home")
	}
	wantOnly(t, parent, "public")
}

func TestInvalidNames(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	bad := []string{
		"",
		".",
		"/etc/passwd",
		"../escape.html",
		"a/../../escape.html",
		"a/./b.html",
		"a//b.html",
		"a/",
		`a\b.html`,
		`..\escape.html`,
		markerName,
		markerName + "/x",
	}
	err := Write(dir, func(w Writer) error {
		for _, name := range bad {
			if err := w.WriteFile(name, []byte("x")); err == nil {
				t.Errorf("WriteFile(%q) succeeded, want an error", name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{".": "drwxr-xr-x", markerName: "-rw-r--r-- " + markerText}
	if got := snapshot(t, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	wantOnly(t, parent, "public")
}

func TestDuplicateName(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	err := Write(dir, func(w Writer) error {
		if err := w.WriteFile("a/index.html", []byte("one")); err != nil {
			t.Fatal(err)
		}
		return w.WriteFile("a/index.html", []byte("two"))
	})
	if err == nil || !strings.Contains(err.Error(), "a/index.html: written twice") {
		t.Fatalf("Write returned %v, want a written-twice error", err)
	}
	wantOnly(t, parent)
}

func TestWriteAfterFill(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	var kept Writer
	if err := Write(dir, func(w Writer) error { kept = w; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := kept.WriteFile("late.html", []byte("late")); err == nil {
		t.Error("WriteFile after fill returned succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir, "late.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("late.html: got %v, want it not to exist", err)
	}
}

func TestConcurrentWriteFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	const workers, perWorker = 32, 40
	err := Write(dir, func(w Writer) error {
		var wg sync.WaitGroup
		errs := make([]error, workers)
		for g := range workers {
			wg.Go(func() {
				for i := range perWorker {
					// Workers share folders, so MkdirAll races with itself.
					name := fmt.Sprintf("s%d/p%d/w%d-%d.html", i%5, i%7, g, i)
					if err := w.WriteFile(name, []byte(name)); err != nil {
						errs[g] = err
						return
					}
				}
			})
		}
		wg.Wait()
		return errors.Join(errs...)
	})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for g := range workers {
		for i := range perWorker {
			name := fmt.Sprintf("s%d/p%d/w%d-%d.html", i%5, i%7, g, i)
			if got := readFile(t, filepath.Join(dir, name)); got != name {
				t.Errorf("%s holds %q", name, got)
			}
			n++
		}
	}
	if n != workers*perWorker {
		t.Errorf("checked %d files, want %d", n, workers*perWorker)
	}
}

// BenchmarkWrite writes a site of 10,000 pages of 8 KiB, each in its own
// folder, replacing the previous build each time.
func BenchmarkWrite(b *testing.B) {
	const pages, size = 10_000, 8 << 10
	names := make([]string, pages)
	for i := range names {
		names[i] = fmt.Sprintf("sprints/s%03d/p%02d/index.html", i/100, i%100)
	}
	data := []byte(strings.Repeat("<p>sprintkit</p>\n", size/17+1)[:size])

	b.Run("serial", func(b *testing.B) {
		dir := filepath.Join(b.TempDir(), "public")
		b.SetBytes(pages * size)
		for b.Loop() {
			err := Write(dir, func(w Writer) error {
				for _, name := range names {
					if err := w.WriteFile(name, data); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parallel", func(b *testing.B) {
		dir := filepath.Join(b.TempDir(), "public")
		workers := runtime.GOMAXPROCS(0)
		b.SetBytes(pages * size)
		for b.Loop() {
			err := Write(dir, func(w Writer) error {
				var wg sync.WaitGroup
				errs := make([]error, workers)
				for g := range workers {
					wg.Go(func() {
						for i := g; i < pages; i += workers {
							if err := w.WriteFile(names[i], data); err != nil {
								errs[g] = err
								return
							}
						}
					})
				}
				wg.Wait()
				return errors.Join(errs...)
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestExchangeDirs(t *testing.T) {
	parent := t.TempDir()
	a, b := filepath.Join(parent, "a"), filepath.Join(parent, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "name"), []byte(filepath.Base(d)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err := exchangeDirs(a, b)
	if errors.Is(err, errors.ErrUnsupported) {
		t.Skipf("no atomic exchange here: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(a, "name")); got != "b" {
		t.Errorf("after exchange a holds %q, want %q", got, "b")
	}
	if got := readFile(t, filepath.Join(b, "name")); got != "a" {
		t.Errorf("after exchange b holds %q, want %q", got, "a")
	}
}

// TestRemoveTree removes a tree deeper than the levels removed in
// parallel, with links at each level that point outside it: everything in
// the tree goes, and nothing a link points at.
func TestRemoveTree(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	if err := os.MkdirAll(filepath.Join(outside, "keep"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "keep", "file"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	tree := filepath.Join(root, "old")
	for _, d := range []string{"sprints/a/session", "sprints/b", "assets", "x/y/z/w"} {
		if err := os.MkdirAll(filepath.Join(tree, d), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tree, d, "index.html"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range []string{"link", "sprints/link", "sprints/a/link", "x/y/z/link"} {
		if err := os.Symlink(filepath.Join(outside, "keep"), filepath.Join(tree, l)); err != nil {
			t.Fatal(err)
		}
	}
	if err := removeTree(tree); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(tree); !os.IsNotExist(err) {
		t.Errorf("the tree is still there: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(outside, "keep", "file")); err != nil || string(b) != "keep" {
		t.Errorf("a file a link pointed at is gone or changed: %q, %v", b, err)
	}
}

// TestDiskFull builds onto a disk that is full from the first byte: the
// marker's write fails, and Write says so instead of panicking, leaving
// the old site as it was.
func TestDiskFull(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skipf("no /dev/full on this machine (%v): the full disk cannot be made", err)
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := Write(dir, writeAll(map[string]string{"index.html": "old"})); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	openFile = func(string, int, os.FileMode) (*os.File, error) {
		return os.OpenFile("/dev/full", os.O_WRONLY, 0)
	}
	defer func() { openFile = os.OpenFile }()
	err := Write(dir, writeAll(map[string]string{"index.html": "new"}))
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Write onto a full disk: got %v, want no space left on device", err)
	}
	if after := snapshot(t, dir); !reflect.DeepEqual(after, before) {
		t.Errorf("failed build changed %s:\n got %q\nwant %q", dir, after, before)
	}
	wantOnly(t, parent, "public")
}

// A file written as a stream lands as written; a stream that fails fails
// the build with the file's name, and the old site stays.
func TestWriteStream(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := Write(dir, func(w Writer) error {
		return w.WriteStream("data/big.json", func(f io.Writer) error {
			for i := range 3 {
				if _, err := fmt.Fprintf(f, "part %d\n", i); err != nil {
					return err
				}
			}
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "data", "big.json")); got != "part 0\npart 1\npart 2\n" {
		t.Errorf("streamed file: %q", got)
	}
	before := snapshot(t, dir)
	boom := errors.New("boom")
	err := Write(dir, func(w Writer) error {
		if err := w.WriteStream("data/big.json", func(f io.Writer) error { return boom }); err != nil {
			return err
		}
		return w.WriteStream("data/big.json", func(io.Writer) error { return nil })
	})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "data/big.json") {
		t.Fatalf("a failing stream: %v, want boom, named with the file", err)
	}
	if after := snapshot(t, dir); !reflect.DeepEqual(after, before) {
		t.Errorf("a failed stream changed %s", dir)
	}
}
