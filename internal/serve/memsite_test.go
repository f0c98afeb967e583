package serve

import (
	"strings"
	"testing"
)

// TestMemWriterRefusesANameTwice holds the dev server's writer to the
// folder writer's rule: a second file under one name is an error, not a
// silent replacement of the first.
func TestMemWriterRefusesANameTwice(t *testing.T) {
	m := newMemWriter(nil)
	if err := m.WriteFile("sprints/x/index.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	err := m.WriteFile("sprints/x/index.html", []byte("b"))
	if err == nil || !strings.Contains(err.Error(), "sprints/x/index.html: written twice") {
		t.Fatalf("second write: %v", err)
	}
	if got := string(m.files["sprints/x/index.html"].data); got != "a" {
		t.Errorf("the first file was replaced by %q", got)
	}
}
