//go:build unix

package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
)

// TestHostileTemplates builds a real site folder whose own templates hold a
// link out of the site and a named pipe: both are problems with their
// paths, the build does not wait on the pipe, and nothing is written.
func TestHostileTemplates(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	for name, f := range siteFromTxtar(t, "testdata/en.txtar") {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	secret := filepath.Join(outside, "id_ed25519")
	if err := os.WriteFile(secret, []byte("-----BEGIN OPENSSH PRIVATE KEY-----"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(root, "templates", "key.css")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(root, "templates", "sprint.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, closer, err := site.OpenFolder(root)
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()

	var w memWriter
	done := make(chan error, 1)
	go func() {
		_, err := Build(fsys, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), &w)
		done <- err
	}()
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		t.Fatal("Build did not return within a minute: it waits on a pipe")
	}
	var probs site.Problems
	if !errors.As(err, &probs) {
		t.Fatalf("Build: got %v, want Problems", err)
	}
	if got, want := probs.Error(), "templates/sprint.html: is a named pipe, not a file: sprintkit reads only regular files"; got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	for name, data := range w.files {
		if strings.Contains(string(data), "PRIVATE KEY") {
			t.Errorf("%s holds the file that templates/key.css links to", name)
		}
	}

	// With the pipe gone, the link is the problem.
	if err := os.Remove(filepath.Join(root, "templates", "sprint.html")); err != nil {
		t.Fatal(err)
	}
	w = memWriter{}
	_, err = Build(fsys, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), &w)
	if got, want := errString(err), "templates/key.css: is a symbolic link: sprintkit follows no links, so that nothing outside the site folder is published (copy the file in instead)"; got != want {
		t.Errorf("Build: got %s, want %s", got, want)
	}
}

func errString(err error) string {
	if err == nil {
		return "no error"
	}
	return err.Error()
}
