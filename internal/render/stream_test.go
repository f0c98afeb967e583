package render

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/sprintkit/sprintkit/internal/site"
)

// fullDisk is a writer whose files fail as they are written, as on a full
// disk.
type fullDisk struct{}

func (fullDisk) WriteFile(string, []byte) error { return nil }

func (fullDisk) WriteStream(name string, write func(io.Writer) error) error {
	return write(failing{})
}

type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestStreamedPageWriteFails: a page that goes to its file as it is drawn
// and cannot be written fails the build as a failed write, not as a
// problem of its template.
func TestStreamedPageWriteFails(t *testing.T) {
	// 300 sprints: the board and the start page are larger than the
	// buffer, so they fail as they are drawn, not only at their end.
	s, _ := sitegenRenderer(t, 300, Options{})
	err := Render(s, nil, Options{}, fullDisk{})
	var probs site.Problems
	var prob site.Problem
	switch {
	case err == nil:
		t.Fatal("a build onto a full disk succeeded")
	case errors.As(err, &probs), errors.As(err, &prob):
		t.Errorf("a failed write is told as a template's problem: %v", err)
	case !strings.Contains(err.Error(), "no space left on device"):
		t.Errorf("the error does not say what failed: %v", err)
	}
}
