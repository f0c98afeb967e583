//go:build unix

package output

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
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
			select {} // until killed
		})
		panic(err)
	}
	os.Exit(m.Run())
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
		t.Fatalf("the build to kill said %q, %v", line, err)
	}
	cmd.Process.Kill()
	cmd.Wait()

	var left []string
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.tmp-") {
			left = append(left, e.Name())
		}
	}
	if len(left) != 1 {
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
// folders of its own output that sprintkit made.
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
	mk(".public.tmp-111", true)  // a killed build's new site
	mk(".public.old-222", true)  // a killed build's old site, moved aside
	mk(".public.tmp-333", false) // not sprintkit's
	mk(".site.tmp-444", true)    // another output's
	if err := os.WriteFile(filepath.Join(parent, ".public.tmp-555"), []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(parent, "public"), writeAll(map[string]string{"index.html": "x"})); err != nil {
		t.Fatal(err)
	}
	wantOnly(t, parent, ".public.tmp-333", ".public.tmp-555", ".site.tmp-444", "public")
}

// TestBuildsOfOneOutputWait checks that a build waits while another one
// holds the lock on the output's parent folder, and then goes on.
func TestBuildsOfOneOutputWait(t *testing.T) {
	parent := t.TempDir()
	unlock, ok := lockDir(parent)
	if !ok {
		t.Skip("this file system cannot lock a folder")
	}
	var released atomic.Bool
	done := make(chan error)
	go func() {
		done <- Write(filepath.Join(parent, "public"), func(w Writer) error {
			if !released.Load() {
				t.Error("a build wrote while another held the lock")
			}
			return w.WriteFile("index.html", []byte("x"))
		})
	}()
	// Give the build the time it would need to start if it did not wait;
	// the test cannot pass by being slow, only fail by not waiting.
	time.Sleep(100 * time.Millisecond)
	released.Store(true)
	unlock()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
