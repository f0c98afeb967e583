//go:build unix

package edit

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// The two versions of the plan that the writer below writes in turn.
var (
	versionA = []byte("[action]\nowner = \"Anna\" # who\n" + "do = \"" + longText('a') + "\"\n")
	versionB = []byte("[action]\nowner = \"Bo\" # who\n" + "do = \"" + longText('b') + "\"\n")
)

func longText(c byte) string {
	b := make([]byte, 256<<10)
	for i := range b {
		b[i] = c
	}
	return string(b)
}

// TestHelperWriter is not a test: run by TestKilledDuringWrite, it writes
// the two versions in turn into the plan of the folder in
// $EDIT_WRITER_DIR until it is killed.
func TestHelperWriter(t *testing.T) {
	dir := os.Getenv("EDIT_WRITER_DIR")
	if dir == "" {
		t.Skip("run by TestKilledDuringWrite")
	}
	f, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	name := "sprints/x/sprint.toml"
	for {
		now, err := f.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		next := versionA
		if string(now) == string(versionA) {
			next = versionB
		}
		if err := f.write(name, next, Hash(now)); err != nil {
			t.Fatal(err)
		}
	}
}

// A process killed while it writes leaves the old file or the new one,
// whole, never a mix or a part.
func TestKilledDuringWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "sprints", "x", "sprint.toml")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, versionA, 0o644); err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		cmd := exec.Command(exe, "-test.run=^TestHelperWriter$")
		cmd.Env = append(os.Environ(), "EDIT_WRITER_DIR="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Let it start writing (a busy machine starts a process slowly),
		// then write a while: how long does not matter, only that the
		// kill falls somewhere among its writes.
		before, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(10 * time.Second); !replaced(before, p); time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatal("the writer never replaced the plan within 10s")
			}
		}
		time.Sleep(time.Duration(i*3) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(versionA) && string(got) != string(versionB) {
			t.Fatalf("after a kill the plan is neither version, whole: %d bytes", len(got))
		}
	}
}

// replaced reports whether the file at p is no longer the one before:
// another file (a write renames a new one over it) or, as a file system
// may give a freed inode's number to the next file, one written later.
func replaced(before os.FileInfo, p string) bool {
	now, err := os.Stat(p)
	return err == nil && (!os.SameFile(before, now) || !now.ModTime().Equal(before.ModTime()))
}
