package scaffold

import (
	"bytes"
	"flag"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/sprintkit/sprintkit/internal/site"
)

var update = flag.Bool("update", false, "rewrite testdata/site-* with the current output")

// TestGolden makes a site in each language in memory, as a user would
// with sprintkit init, new sprint and new study, and compares every file
// with testdata/site-<lang>/, byte for byte. Between them the steps
// execute every template, down both sides of each {{if}}: the example
// sprint (customers, a study with stages), a new sprint in that study,
// a new study (no stages, the default body) and a new sprint in it.
func TestGolden(t *testing.T) {
	day := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ lang, stage string }{{"sv", "komma-igang"}, {"en", "getting-started"}} {
		t.Run(c.lang, func(t *testing.T) {
			fsys := fstest.MapFS{}
			add := func(p Plan, err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range p.Files {
					if fsys[f.Path] != nil {
						t.Fatalf("%s: planned twice", f.Path)
					}
					fsys[f.Path] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
				}
			}
			add(NewSite("", c.lang, day))
			sprint := func(o SprintOptions) (Plan, error) {
				_, p, err := NewSprint(fsys, o)
				return p, err
			}
			study := func(title string) (Plan, error) {
				_, p, err := NewStudy(fsys, title, day)
				return p, err
			}
			add(sprint(SprintOptions{Title: "Hittar de knappen?", Date: day, Team: "Team A", Stage: c.stage}))
			add(study("Intervjuer 2027"))
			add(sprint(SprintOptions{Title: "Utan steg", Date: day, Team: "Team A", Study: "intervjuer-2027"}))
			if _, err := site.Load(fsys, site.Options{}); err != nil {
				t.Errorf("the new site does not load: %v", err)
			}

			dir := filepath.Join("testdata", "site-"+c.lang)
			if *update {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
				for name, f := range fsys {
					p := filepath.Join(dir, filepath.FromSlash(name))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			want := readTree(t, dir)
			for _, name := range slices.Sorted(maps.Keys(want)) {
				f := fsys[name]
				if f == nil {
					t.Errorf("%s: not made (run go test -update to rewrite the goldens)", name)
					continue
				}
				if line, got, exp, ok := firstDiff(f.Data, want[name]); !ok {
					t.Errorf("%s:%d: got\n\t%q\nwant\n\t%q", path.Join(filepath.ToSlash(dir), name), line, got, exp)
				}
			}
			for _, name := range slices.Sorted(maps.Keys(fsys)) {
				if _, ok := want[name]; !ok {
					t.Errorf("%s: made, but there is no golden", name)
				}
			}
		})
	}
}

// readTree reads every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		out[p], err = fs.ReadFile(os.DirFS(dir), p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// firstDiff finds the first line where got and want differ; ok is true
// when they are the same bytes.
func firstDiff(got, want []byte) (line int, g, w string, ok bool) {
	if bytes.Equal(got, want) {
		return 0, "", "", true
	}
	gl, wl := strings.SplitAfter(string(got), "\n"), strings.SplitAfter(string(want), "\n")
	for i := 0; ; i++ {
		if i >= len(gl) || i >= len(wl) || gl[i] != wl[i] {
			at := func(l []string) string {
				if i < len(l) {
					return l[i]
				}
				return "(end of file)"
			}
			return i + 1, at(gl), at(wl), false
		}
	}
}

// TestEveryLanguageHasTheSameFiles holds files/<lang>/ to the templates
// that the code renders (and so TestGolden executes), in every language.
func TestEveryLanguageHasTheSameFiles(t *testing.T) {
	want := []string{aboutTemplate, ignoreTemplate, notesTemplate, siteTemplate, sprintTemplate, studyTemplate, "words.toml"}
	slices.Sort(want)
	for _, lang := range site.Languages.Values {
		entries, err := fs.ReadDir(files, "files/"+lang)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		if !slices.Equal(got, want) {
			t.Errorf("files/%s holds %q, want %q", lang, got, want)
		}
	}
}

// TestWordsDefineEveryKey holds each words.toml to the words type: every
// key of it is set (a missing one would be an empty text, silently), and
// nothing else.
func TestWordsDefineEveryKey(t *testing.T) {
	for _, lang := range site.Languages.Values {
		name := "files/" + lang + "/words.toml"
		data, err := fs.ReadFile(files, name)
		if err != nil {
			t.Fatal(err)
		}
		var w words
		md, err := toml.Decode(string(data), &w)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if u := md.Undecoded(); len(u) > 0 {
			t.Errorf("%s: unknown keys %q", name, u)
		}
		for _, key := range tomlKeys(reflect.TypeOf(w), nil) {
			if !md.IsDefined(key...) {
				t.Errorf("%s: no %s", name, strings.Join(key, "."))
			}
		}
	}
}

// tomlKeys lists the keys of a struct type, by their toml tags: the
// fields of a nested struct each, any other field (a map, a list of
// tables) as a whole.
func tomlKeys(typ reflect.Type, prefix []string) [][]string {
	var out [][]string
	for f := range typ.Fields() {
		key := append(slices.Clone(prefix), f.Tag.Get("toml"))
		if f.Type.Kind() == reflect.Struct {
			out = append(out, tomlKeys(f.Type, key)...)
		} else {
			out = append(out, key)
		}
	}
	return out
}

// TestTemplateErrorsFail: a missing field or a value without a meaning is
// an error, never an empty text.
func TestTemplateErrorsFail(t *testing.T) {
	tx, err := loadText("en")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.plan(nil, planned{"x", sprintTemplate, notesView{"A"}}); err == nil {
		t.Error("sprint.toml.tmpl with a notesView: no error")
	}
	if _, err := tx.plan(nil, planned{"x", notesTemplate, map[string]string{}}); err == nil {
		t.Error("notes.md.tmpl with a map without Team: no error")
	}
	e := site.Enum{Group: "status", Values: []string{"planned", "done", "abandoned", "postponed"}}
	if _, err := tx.meanings(e); err == nil || !strings.Contains(err.Error(), "has no postponed") {
		t.Errorf("meanings of a value without one = %v", err)
	}
	e.Values = e.Values[:2]
	if _, err := tx.meanings(e); err == nil || !strings.Contains(err.Error(), "abandoned is not one of") {
		t.Errorf("meanings of a value that is gone = %v", err)
	}
	if got := tx.alternatives([]string{"a", "b", "c"}); got != "a, b or c" {
		t.Errorf("alternatives = %q", got)
	}
}

// TestPlaceholdersAreUnfinished holds the texts that new sprint leaves to
// replace to the mark by which check knows them (site.Unfinished), and the
// example sprint of init to none.
func TestPlaceholdersAreUnfinished(t *testing.T) {
	for _, lang := range site.Languages.Values {
		tx, err := loadText(lang)
		if err != nil {
			t.Fatal(err)
		}
		ph := tx.words.Placeholders
		for _, s := range []string{ph.Belief, ph.Ask, ph.Do} {
			if !site.Unfinished(s) {
				t.Errorf("%s: placeholder %q is not site.Unfinished: check would not warn of it", lang, s)
			}
		}
		ex := tx.words.Example.Sprint
		for _, s := range []string{ex.Title, ex.Belief, ex.Ask, ex.Criterion, ex.Do, ex.Strengthens} {
			if site.Unfinished(s) {
				t.Errorf("%s: init's example sprint holds the unfinished %q", lang, s)
			}
		}
	}
}
