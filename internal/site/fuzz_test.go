package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseSprint feeds arbitrary bytes to the sprint plan reader: it must
// never panic, and every problem it reports must name the file and, when
// it has a line, a line inside the file.
func FuzzParseSprint(f *testing.F) {
	f.Add([]byte(goodPlan))
	f.Add([]byte("title = \"x\"\n[[agenda]]\nblock = \"a\"\nminutes = 90\n[[agenda]]\n"))
	f.Add([]byte("a.b.c = 1\n\"quoted key\" = '''\nmulti\nline'''\n[x.y]\nz = [1,\n2]\n"))
	seeds, _ := filepath.Glob("../../sprints/*/sprint.toml")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sp, probs := ParseSprint("sprints/x/sprint.toml", "x", data)
		lines := strings.Count(string(data), "\n") + 1
		for _, p := range probs {
			if p.Path != "sprints/x/sprint.toml" {
				t.Fatalf("problem names %q", p.Path)
			}
			if p.Line < 0 || p.Line > lines || (p.Line > 0 && p.Col < 1) {
				t.Fatalf("problem at %d:%d outside the file of %d lines: %s", p.Line, p.Col, lines, p.Msg)
			}
		}
		if len(probs) == 0 && sp == nil {
			t.Fatal("no sprint and no problem")
		}
	})
}
