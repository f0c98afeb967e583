//go:build unix

package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A sprint's folder opened from the held sprints folder lists itself by
// name, reads its files, and looks up no path of more than one element
// and no link; a sprint folder that is a link within the site is opened
// through the site's root instead.
func TestSprintFolderByDescriptor(t *testing.T) {
	root := t.TempDir()
	for p, s := range map[string]string{
		"sprints/x/sprint.toml": "plan", "sprints/x/notes.md": "notes",
		"sprints/x/bilder/a.png": "png", "elsewhere/y/sprint.toml": "other plan",
	} {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("sprint.toml", filepath.Join(root, "sprints/x/link.toml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../elsewhere/y", filepath.Join(root, "sprints/y")); err != nil {
		t.Fatal(err)
	}
	fsys, closer, err := OpenFolder(root)
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	sprints := openSprints(fsys)
	if sprints == nil {
		t.Fatal("openSprints: nil for a site folder on disk")
	}
	defer sprints.close()

	x, done, err := sprints.sub(fsys, "x")
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	if _, ok := x.(fdFolder); !ok {
		t.Errorf("sprints/x opened as %T, want fdFolder", x)
	}
	entries, err := fs.ReadDir(x, ".")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got, want := strings.Join(names, " "), "bilder link.toml notes.md sprint.toml"; got != want {
		t.Errorf("listing: %s, want %s", got, want)
	}
	// An entry's Info looks at it through the site's root, by its path.
	if fi, err := entries[0].Info(); err != nil || !fi.IsDir() || fi.Name() != "bilder" {
		t.Errorf("Info of sprints/x/bilder: %v, %v", fi, err)
	}
	if fi, err := entries[1].Info(); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Info of sprints/x/link.toml: %v, %v; want a link", fi, err)
	}
	top, err := fs.ReadDir(fsys, "sprints")
	if err != nil || len(top) != 2 || top[0].Name() != "x" || !top[0].IsDir() || top[1].Type() != fs.ModeSymlink {
		t.Fatalf("listing of sprints: %v, %v; want the folder x and the link y", top, err)
	}
	if fi, err := top[1].Info(); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Info of sprints/y: %v, %v; want a link", fi, err)
	}
	if b, err := fs.ReadFile(x, "notes.md"); err != nil || string(b) != "notes" {
		t.Errorf("notes.md: %q, %v", b, err)
	}
	for _, name := range []string{"bilder/a.png", "link.toml", "..", "/etc/passwd"} {
		if _, err := x.Open(name); err == nil {
			t.Errorf("Open(%q) succeeded, want an error", name)
		}
	}
	if _, err := x.Open("bilder/a.png"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("Open of a path of two elements: %v, want fs.ErrInvalid", err)
	}

	y, done, err := sprints.sub(fsys, "y")
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	if _, ok := y.(fdFolder); ok {
		t.Error("sprints/y, a link, was opened by descriptor")
	}
	if b, err := fs.ReadFile(y, "sprint.toml"); err != nil || string(b) != "other plan" {
		t.Errorf("sprints/y/sprint.toml through the root: %q, %v", b, err)
	}
}
