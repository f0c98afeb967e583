package serve

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sprintkit/sprintkit/internal/build"
	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
	"github.com/sprintkit/sprintkit/templates"
)

// TestServedMatchesFreshBuild edits a generated year of sprints on disk,
// one save at a time, and has the server rebuild after each as its
// watcher would, told the paths. Every file it then serves must be the
// file of a fresh build of the same folder, byte for byte, and it must
// serve no other: the pages it wrote again without making their views
// (internal/render's reads.go) as much as those it made, which the server
// also makes and checks (build.Builder.VerifyReuse). The saves reach what
// a sprint's page reads of other files: a followed and a following
// sprint's title, the verdicts of the other sprints of a tested belief,
// the belief's text in its study, the study's title, the settings, a
// site's own template, the day; a sprint is added and deleted. What the
// server showed early, before the rest of the build, is checked too:
// every file it had written then is the fresh build's, over the last
// build's files; after a save of notes, the pages written then are the
// sprint's two, and the early hash is the final one. A save that puts no
// page first shows every page early, nothing deleted, with the final
// hash.
func TestServedMatchesFreshBuild(t *testing.T) {
	dir := t.TempDir()
	if err := sitegen.WriteYearDir(dir, 150); err != nil {
		t.Fatal(err)
	}
	fsys, closer, err := site.OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	day := testDay
	s := NewServer(fsys, day, io.Discard, io.Discard)
	s.day = func() time.Time { return day }
	s.builder.VerifyReuse()
	if err := s.Rebuild(nil); err != nil {
		t.Fatal(err)
	}

	plans, err := filepath.Glob(filepath.Join(dir, "sprints", "*", "sprint.toml"))
	if err != nil || len(plans) == 0 {
		t.Fatalf("no plans: %v", err)
	}
	slices.Sort(plans)
	rel := func(p string) string {
		r, _ := filepath.Rel(dir, p)
		return filepath.ToSlash(r)
	}
	// with is the first plan whose text matches pattern, and the match's
	// first group.
	with := func(pattern string) (string, string) {
		re := regexp.MustCompile(pattern)
		for _, p := range plans {
			if m := re.FindStringSubmatch(readFile(t, dir, rel(p))); m != nil {
				return rel(p), m[1]
			}
		}
		t.Fatalf("no plan matches %s", pattern)
		return "", ""
	}
	replace := func(name, pattern, to string) {
		t.Helper()
		text := readFile(t, dir, name)
		re := regexp.MustCompile(`(?m)` + pattern)
		loc := re.FindStringIndex(text)
		if loc == nil {
			t.Fatalf("%s has nothing that matches %s", name, pattern)
		}
		writeFile(t, dir, name, text[:loc[0]]+to+text[loc[1]:])
	}
	follower, followed := with(`(?m)^follows = "([^"]+)"`)
	tester, belief := with(`(?m)^tests = "([^"]+)"`)
	_, study := with(`(?m)^study = "([^"]+)"`)
	followedPlan := "sprints/" + followed + "/sprint.toml"
	studyFile := "content/studies/" + study + ".md"
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(studyFile))); err != nil {
		t.Fatal(err)
	}
	notes := strings.TrimSuffix(tester, "sprint.toml") + "notes.md"
	stock, err := templates.FS.ReadFile("sprint.html")
	if err != nil {
		t.Fatal(err)
	}

	steps := []struct {
		name  string
		paths []string // what the watcher would report (a new folder, then its file); nil for none
		edit  func()
	}{
		{"notes", []string{notes}, func() { writeFile(t, dir, notes, "Sex av sex kunder *ringde*.\n") }},
		{"title of a followed sprint", []string{followedPlan}, func() { replace(followedPlan, `^title = "`, `title = "Ny titel: `) }},
		{"title of a following sprint", []string{follower}, func() { replace(follower, `^title = "`, `title = "Följer: `) }},
		{"verdict of a sprint that tests a belief", []string{tester}, func() { replace(tester, `^verdict = "[a-z]+"`, `verdict = "refuted"`) }},
		{"text of the tested belief", []string{findStudyOf(t, dir, belief)}, func() {
			replace(findStudyOf(t, dir, belief), `id = "`+regexp.QuoteMeta(belief)+`"\ntext = "`, `id = "`+belief+`"`+"\ntext = \"Ändrad: ")
		}},
		{"study title", []string{studyFile}, func() { replace(studyFile, `^title = "`, `title = "Studien: `) }},
		{"site title", []string{"content/site.toml"}, func() { replace("content/site.toml", `^title = "`, `title = "Ny: `) }},
		{"own sprint template", []string{"templates/sprint.html"}, func() {
			writeFile(t, dir, "templates/sprint.html", strings.Replace(string(stock), "<h1>", `<div class="own">{{.Study.Summary}}</div><h1>`, 1))
		}},
		{"the day moves on", nil, func() { day = day.AddDate(0, 2, 0) }},
		{"a new sprint", []string{"sprints/2026-12-20-ny", "sprints/2026-12-20-ny/sprint.toml"}, func() {
			writeFile(t, dir, "sprints/2026-12-20-ny/sprint.toml", strings.Replace(readFile(t, dir, tester), "title = \"", "title = \"Ny: ", 1))
		}},
		{"own sprint template gone", []string{"templates/sprint.html"}, func() {
			if err := os.Remove(filepath.Join(dir, "templates", "sprint.html")); err != nil {
				t.Fatal(err)
			}
		}},
		{"the new sprint deleted", []string{"sprints/2026-12-20-ny/sprint.toml", "sprints/2026-12-20-ny"}, func() {
			if err := os.RemoveAll(filepath.Join(dir, "sprints", "2026-12-20-ny")); err != nil {
				t.Fatal(err)
			}
		}},
	}
	var early *state
	s.sawEarly = func(st *state) { early = st }
	for _, step := range steps {
		step.edit()
		changed := step.paths
		if changed == nil {
			changed = []string{}
		}
		before := s.cur.Load().files.own
		early = nil
		if err := s.Rebuild(changed); err != nil {
			t.Fatalf("after %s: %v", step.name, err)
		}
		served := s.cur.Load().files.own
		fresh := newMemWriter(&state{})
		if _, err := build.Build(fsys, day, fresh); err != nil {
			t.Fatalf("after %s, a fresh build: %v", step.name, err)
		}
		// What was served early: the pages of the saved files as a
		// fresh build has them, over the last build's files.
		if early == nil {
			t.Fatalf("after %s: no early state was served", step.name)
		}
		firsts := 0
		for name, f := range early.files.own {
			if !bytes.Equal(f.data, fresh.files[name].data) {
				t.Errorf("after %s: the early %s differs from a fresh build's", step.name, name)
			}
			if strings.HasSuffix(name, ".html") {
				firsts++
			}
		}
		if strings.HasPrefix(step.name, "notes") && firsts != 2 {
			t.Errorf("after %s: %d pages were served early, want the sprint's two", step.name, firsts)
		}
		if early.files.under == nil || len(early.files.under) != len(before) {
			t.Errorf("after %s: the early state does not serve the last build's files under its own", step.name)
		}
		final := s.cur.Load()
		every := true // every page of the build was written early
		for name := range fresh.files {
			if _, own := early.files.own[name]; !own && strings.HasSuffix(name, ".html") {
				every = false
			}
		}
		if every {
			// Every page was written early: it is the build's pages with
			// the last build's late files, and the browsers reload once.
			for name := range before {
				if _, ok := fresh.files[name]; !ok && strings.HasSuffix(name, ".html") {
					if _, served := early.files.at(name); served {
						t.Errorf("after %s: the early state serves %s, which is gone", step.name, name)
					}
				}
			}
			if early.hash != final.hash {
				t.Errorf("after %s: every page was written early, but the early hash differs from the build's", step.name)
			}
		} else if strings.HasPrefix(step.name, "notes") && early.hash != final.hash {
			t.Errorf("after %s: the early hash differs from the build's, and the browsers reload twice", step.name)
		}
		for name, f := range fresh.files {
			got, ok := served[name]
			switch {
			case !ok:
				t.Errorf("after %s: %s is not served", step.name, name)
			case !bytes.Equal(got.data, f.data):
				t.Errorf("after %s: the served %s differs from a fresh build's", step.name, name)
			}
		}
		for name := range served {
			if _, ok := fresh.files[name]; !ok {
				t.Errorf("after %s: %s is served, but a fresh build has no such file", step.name, name)
			}
		}
	}
}

// findStudyOf is the study file that declares the belief id.
func findStudyOf(t *testing.T, dir, id string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "content", "studies", "*"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(`id = "`+id+`"`)) {
			r, _ := filepath.Rel(dir, f)
			return filepath.ToSlash(r)
		}
	}
	t.Fatalf("no study declares the belief %q", id)
	return ""
}
