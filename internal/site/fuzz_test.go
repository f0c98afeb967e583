package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
		sp, probs := ParseSprint("sprints/x/sprint.toml", "x", string(data))
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

// FuzzStudy feeds arbitrary bytes to the loader as a study's file, front
// matter and all: it must never panic, and every problem must name the
// study at a line inside it.
func FuzzStudy(f *testing.F) {
	f.Add([]byte(goodStudy))
	f.Add([]byte(beliefStudy))
	f.Add([]byte("+++\ntitle = \"x\"\n[[stages]]\nid = \"a\"\nchanges = [{text = \"b\", status = \"done\"}, \"c\"]\n[[stages.beliefs]]\nid = \"d\"\n+++\n# Body\n"))
	seeds, _ := filepath.Glob("../../content/studies/*.md")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	const path = "content/studies/resa.md"
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := siteWith(nil)
		fsys[path].Data = data
		s, err := Load(fsys, Options{Today: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)})
		if err == nil {
			if len(s.Studies) != 1 {
				t.Fatalf("loaded %d studies, want 1", len(s.Studies))
			}
			return
		}
		var probs Problems
		if !errors.As(err, &probs) {
			t.Fatalf("Load: got %v, want Problems", err)
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, p := range probs {
			if p.Path == path && (p.Line < 0 || p.Line > lines || (p.Line > 0 && p.Col < 1)) {
				t.Fatalf("problem at %d:%d outside the study of %d lines: %s", p.Line, p.Col, lines, p.Msg)
			}
			if p.Path != path && p.Path != planPath {
				t.Fatalf("problem names %q, which the study did not touch: %s", p.Path, p.Msg)
			}
		}
	})
}
