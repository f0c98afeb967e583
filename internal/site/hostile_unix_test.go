//go:build unix

package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHostileFolder loads a real site folder that carries links out of the
// site, pipes and devices, as a cloned repository can: each is a problem
// with its path, nothing outside the folder is read, and nothing hangs.
func TestHostileFolder(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	write := func(dir, p, s string) {
		t.Helper()
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, p string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(p))); err != nil {
			t.Fatal(err)
		}
	}
	fifo := func(p string) {
		t.Helper()
		if err := syscall.Mkfifo(filepath.Join(root, filepath.FromSlash(p)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const secret = "root:x:0:0:the machine's own file"
	write(outside, "passwd", secret)
	write(outside, "notes.md", secret)
	write(outside, "sprint/sprint.toml", goodPlan)
	write(root, "content/site.toml", goodSettings)
	write(root, "content/studies/resa.md", goodStudy)
	write(root, planPath, goodPlan)
	write(root, "sprints/2026-11-03-pipe/sprint.toml", goodPlan)

	link(filepath.Join(outside, "passwd"), "content/passwd.txt")
	link(outside, "content/share")
	link(filepath.Join(outside, "sprint"), "sprints/2026-11-04-linked")
	link(filepath.Join(outside, "notes.md"), "sprints/2026-11-02-brevet/notes.md")
	link("/dev/zero", "content/zero.bin")
	link(outside, "templates")
	fifo("content/fifo.txt")
	fifo("sprints/2026-11-03-pipe/notes.md")
	want := []string{
		"content/fifo.txt: is a named pipe, not a file: sprintkit reads only regular files",
		"content/passwd.txt: is a symbolic link: sprintkit follows no links, so that nothing outside the site folder is published (copy the file in instead)",
		"content/share: is a symbolic link: sprintkit follows no links, so that nothing outside the site folder is published (copy the file in instead)",
		"content/zero.bin: is a symbolic link: sprintkit follows no links, so that nothing outside the site folder is published (copy the file in instead)",
	}
	// A device made in the site, where the machine lets the test make one.
	if err := syscall.Mknod(filepath.Join(root, "content", "null"), syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
		want = append(want[:1], append([]string{"content/null: is a device, not a file: sprintkit reads only regular files"}, want[1:]...)...)
	} else {
		t.Logf("no device file in the test (%v): links and pipes only", err)
	}
	want = append(want,
		"sprints/2026-11-02-brevet/notes.md: is a symbolic link: sprintkit follows no links, so that nothing outside the site folder is published (copy the file in instead)",
		"sprints/2026-11-03-pipe/notes.md: is a named pipe, not a file: sprintkit reads only regular files",
		"sprints/2026-11-04-linked: is a symbolic link: sprintkit follows no links, so that nothing outside the site folder is published (copy the file in instead)",
		"templates: is a symbolic link: sprintkit follows no links, so that nothing outside the site folder is published (copy the file in instead)",
	)

	fsys, closer, err := OpenFolder(root)
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	done := make(chan error, 1)
	go func() {
		_, err := Load(fsys, Options{})
		done <- err
	}()
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		t.Fatal("Load did not return within a minute: it waits on a pipe or reads a device")
	}
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("Load: got %v, want Problems", err)
	}
	if got := probs.Error(); got != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	// What the loader refuses, the folder cannot give either: a link out
	// of it fails to open.
	if b, err := fs.ReadFile(fsys, "content/passwd.txt"); err == nil {
		t.Errorf("the site folder gave a file outside it: %q", b)
	}
	if _, err := ReadFile(fsys, "content/fifo.txt"); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("ReadFile of a pipe: got %v, want a named pipe problem", err)
	}
}
