//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package output

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets this test binary stand in for a build that is killed
// part-way, in TestKilledBuildIsSweptUp.
func TestMain(m *testing.M) {
	if out := os.Getenv("SPRINTKIT_HANG_IN_WRITE"); out != "" {
		err := Write(out, func(w Writer) error {
			if err := w.WriteFile("sprints/x/index.html", []byte("half")); err != nil {
				return err
			}
			os.Stdout.WriteString("writing\n")
			time.Sleep(time.Hour) // until killed
			return nil
		})
		panic(err)
	}
	os.Exit(m.Run())
}

// tmpFolders returns the temporary folders of the output public in parent.
func tmpFolders(t *testing.T, parent string) []string {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.tmp-") {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestKilledBuildIsSweptUp kills a build while it writes (as a second
// Ctrl-C or a power cut would), and checks that the next build removes the
// temporary folder it left and that the output is the next build's.
func TestKilledBuildIsSweptUp(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := Write(out, writeAll(map[string]string{"index.html": "first"})); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SPRINTKIT_HANG_IN_WRITE="+out)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "writing\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the build to kill said %q, %v", line, err)
	}
	// While it runs, its folder is not another build's to sweep.
	if left := tmpFolders(t, parent); len(left) != 1 {
		t.Fatalf("a running build has %q, want one temporary folder", left)
	} else if f, err := os.Open(filepath.Join(parent, left[0], markerName)); err != nil {
		t.Fatal(err)
	} else {
		if unlock, ok := lockFile(f); ok {
			unlock()
			t.Error("the marker of a running build could be locked")
		}
		f.Close()
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("the build ended with %v, want killed", err)
	}

	if left := tmpFolders(t, parent); len(left) != 1 {
		t.Fatalf("the killed build left %q, want one temporary folder", left)
	}
	if got := readFile(t, filepath.Join(out, "index.html")); got != "first" {
		t.Errorf("the killed build changed the output: index.html = %q", got)
	}
	if err := Write(out, writeAll(map[string]string{"index.html": "second"})); err != nil {
		t.Fatal(err)
	}
	wantOnly(t, parent, "public")
	if got := readFile(t, filepath.Join(out, "index.html")); got != "second" {
		t.Errorf("index.html = %q, want the second build's", got)
	}
}

// TestSweepLeavesOthers checks that a build removes only the temporary
// folders of its own output that sprintkit made and no build is writing.
func TestSweepLeavesOthers(t *testing.T) {
	parent := t.TempDir()
	mk := func(name string, marker bool) {
		t.Helper()
		p := filepath.Join(parent, name)
		if err := os.MkdirAll(filepath.Join(p, "sprints"), 0o755); err != nil {
			t.Fatal(err)
		}
		if marker {
			if err := os.WriteFile(filepath.Join(p, markerName), []byte(markerText), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	mk(".public.tmp-111", true)  // a killed build's
	mk(".public.tmp-222", true)  // a running build's: locked below
	mk(".public.tmp-333", false) // not sprintkit's
	mk(".public.tmp-old", true)  // not a name sprintkit gives
	mk(".public.old-444", true)  // an old site moved aside: perhaps the only copy
	mk(".site.tmp-555", true)    // another output's
	if err := os.WriteFile(filepath.Join(parent, ".public.tmp-666"), []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(parent, ".public.tmp-222", markerName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	unlock, ok := lockFile(f)
	if !ok {
		t.Fatal("cannot lock a marker file here")
	}
	defer unlock()

	if err := Write(filepath.Join(parent, "public"), writeAll(map[string]string{"index.html": "x"})); err != nil {
		t.Fatal(err)
	}
	wantOnly(t, parent, ".public.old-444", ".public.tmp-222", ".public.tmp-333", ".public.tmp-666", ".public.tmp-old", ".site.tmp-555", "public")
}
