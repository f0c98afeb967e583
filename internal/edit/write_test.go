package edit

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// folderWith writes a site folder with one plan, of the given mode.
func folderWith(t *testing.T, mode os.FileMode) (*Folder, string, []byte) {
	t.Helper()
	dir := t.TempDir()
	plan := []byte("[action]\nowner = \"Anna\" # who\n")
	p := filepath.Join(dir, "sprints", "x", "sprint.toml")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, plan, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	f, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, dir, plan
}

// A write keeps the file's permissions, leaves no temporary file, and
// only a file whose bytes still have the hash given is written; Restore
// puts the old bytes back.
func TestWrite(t *testing.T) {
	f, dir, plan := folderWith(t, 0o640)
	name := "sprints/x/sprint.toml"
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := f.write(name, []byte("[action]\nowner = \"Bo\" # who\n"), Hash([]byte("not the file"))); !isConflict(err) {
		t.Fatalf("a write for other bytes: %v, want a conflict", err)
	}
	if got, _ := os.ReadFile(p); string(got) != string(plan) {
		t.Fatal("a refused write changed the file")
	}
	next := []byte("[action]\nowner = \"Bo\" # who\n")
	if err := f.write(name, next, Hash(plan)); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("the file's permissions are %v, want -rw-r-----", fi.Mode().Perm())
	}
	if got, _ := os.ReadFile(p); string(got) != string(next) {
		t.Errorf("the file is %q", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want the plan alone", len(entries))
	}
	if err := f.Restore(name, Hash(next), plan); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != string(plan) {
		t.Errorf("after Restore the file is %q", got)
	}
	if err := f.Restore(name, Hash(next), plan); !isConflict(err) {
		t.Errorf("a Restore over other bytes: %v, want a conflict", err)
	}
}

func isConflict(err error) bool {
	var c *Conflict
	return errors.As(err, &c)
}

// Only regular files of the site are read for an edit: not a link, a
// folder, a file outside, or one that is not a plan or a study.
func TestReadRefuses(t *testing.T) {
	f, dir, _ := folderWith(t, 0o644)
	outside := filepath.Join(t.TempDir(), "sprint.toml")
	os.WriteFile(outside, []byte("title = \"x\"\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "sprints", "y"), 0o755)
	if err := os.Symlink(outside, filepath.Join(dir, "sprints", "y", "sprint.toml")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.MkdirAll(filepath.Join(dir, "sprints", "z", "sprint.toml"), 0o755)
	for name, want := range map[string]string{
		"sprints/y/sprint.toml":      "not a regular file",
		"sprints/z/sprint.toml":      "not a regular file",
		"../sprint.toml":             "not a file of the site",
		"content/site.toml":          "neither a sprint's plan",
		"sprints/w/sprint.toml":      "no such file",
		"sprints/.x/sprint.toml":     "not a file of the site",
		"sprints/x/notes.md":         "neither a sprint's plan",
		"content/studies/a/b.md":     "neither a sprint's plan",
		"sprints/x/../x/sprint.toml": "not a file of the site",
	} {
		_, err := f.Read(name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Read(%q): %v, want %q", name, err, want)
		}
	}
	if _, err := f.Read("sprints/w/sprint.toml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v, want fs.ErrNotExist", err)
	}
}
