package serve

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/sprintkit/sprintkit/internal/site"
)

// TestPrintWarnings checks what serve prints of a build's warnings: the
// new ones, past site.MaxWarnings the first of each kind and how many it
// left out, and a summary by kind whenever they changed.
func TestPrintWarnings(t *testing.T) {
	var out bytes.Buffer
	s := &Server{stderr: &out}
	var ws site.Problems
	for i := range 30 {
		kind := site.WarnNotHeld
		if i%3 == 0 {
			kind = site.WarnPastDue
		}
		ws = append(ws, site.Problem{Path: fmt.Sprintf("sprints/s%02d/sprint.toml", i), Line: 1, Col: 1, Msg: "stale", Kind: kind})
	}
	s.printWarnings(ws)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	want := []string{
		"warning: sprints/s00/sprint.toml:1:1: stale",
		"warning: sprints/s01/sprint.toml:1:1: stale",
		"warning: … and 28 more; sprintkit check --verbose prints every warning",
		"warnings: 20 plans not held · 10 actions past due",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("first build printed:\n%s\nwant:\n%s", out.String(), strings.Join(want, "\n"))
	}

	// The same warnings again: nothing new, nothing printed.
	out.Reset()
	s.printWarnings(ws)
	if out.Len() != 0 {
		t.Errorf("the same warnings again printed:\n%s", out.String())
	}

	// One fixed: no warning is new, and the summary says what is left.
	out.Reset()
	s.printWarnings(ws[1:])
	if got := strings.TrimSpace(out.String()); got != "warnings: 20 plans not held · 9 actions past due" {
		t.Errorf("after one was fixed: %q", got)
	}
}
