//go:build unix

package serve

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestPipeInSite saves a named pipe as a sprint's notes while the server
// runs: the build reports it instead of waiting on it for ever, and once
// the pipe is replaced by a file the next build shows the notes.
func TestPipeInSite(t *testing.T) {
	dir := testSite(t)
	s, _ := startServer(t, dir, false)
	notes := filepath.Join(dir, "sprints", sprintID, "notes.md")
	os.Remove(notes)
	if err := syscall.Mkfifo(notes, 0o644); err != nil {
		t.Fatal(err)
	}
	waitState(t, s, "the pipe is a problem", func(st *state) bool {
		return strings.Contains(strings.Join(st.problems, "\n"), "sprints/"+sprintID+"/notes.md: is a named pipe")
	})
	if err := os.Remove(notes); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "sprints/"+sprintID+"/notes.md", "Efter röret.\n")
	waitState(t, s, "the notes are on the page", func(st *state) bool {
		return len(st.problems) == 0 && strings.Contains(page(st, "sprints/"+sprintID+"/index.html"), "Efter röret.")
	})
}
