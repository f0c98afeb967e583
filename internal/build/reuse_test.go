package build

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sprintkit/sprintkit/templates"
)

// TestReuseMatchesFreshBuild edits a site one change at a time, the way a
// team does during a session, and after each edit compares the build of
// a Builder that reuses pages and fragments from the builds before with a
// fresh build of the same files: they must be the same, byte for byte. The
// edits reach every input that a reused page shows: the sprint's own
// files, the sprints, study, stage and teams it links to, the settings,
// the labels, the language, the navigation, the day and the templates.
func TestReuseMatchesFreshBuild(t *testing.T) {
	fsys := siteFromTxtar(t, "testdata/sv.txtar")
	day := time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC)
	const (
		brevet = "sprints/2026-09-15-brevet/sprint.toml"
		sms    = "sprints/2026-10-20-sms/sprint.toml"
		priset = "sprints/2026-12-03-priset/sprint.toml"
		study  = "content/studies/kundresa.md"
		config = "content/site.toml"
	)
	edit := func(name, old, new string) func() {
		return func() {
			f, ok := fsys[name]
			if !ok || !bytes.Contains(f.Data, []byte(old)) {
				t.Fatalf("%s does not hold %q", name, old)
			}
			fsys[name] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1), Mode: 0o644}
		}
	}
	write := func(name, data string) func() {
		return func() { fsys[name] = &fstest.MapFile{Data: []byte(data), Mode: 0o644} }
	}
	remove := func(names ...string) func() {
		return func() {
			for _, n := range names {
				delete(fsys, n)
			}
		}
	}
	stock := func(name string) string {
		b, err := templates.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	steps := []struct {
		name   string
		change func()
	}{
		{"nothing", func() {}},
		{"notes.md", edit("sprints/2026-09-15-brevet/notes.md", "| 1 | nej |", "| 1 | nej |\n| 2 | ja |")},
		{"new notes.md", write("sprints/2026-12-03-priset/notes.md", "Tre av fem gissade fel.\n")},
		{"title of a followed sprint", edit(brevet, "Läser nya kunder välkomstbrevet?", "Läser kunderna brevet?")},
		{"follows", edit(sms, `follows = "2026-09-15-brevet"`, `follows = "2026-12-03-priset"`)},
		{"study title", edit(study, `title = "Kundresan 2026"`, `title = "Kundresan"`)},
		{"stage name", edit(study, `name = "Komma igång"`, `name = "Första veckan"`)},
		{"stage of a sprint", edit(priset, `stage = "fornya"`, `stage = "komma-igang"`)},
		{"team", edit(priset, `team = "Fakturering"`, `team = "Kundservice"`)},
		{"action team", edit(sms, `team = "Digitala kanaler"`, `team = "Fakturering"`)},
		{"verdict", edit(sms, `verdict = "supported"`, `verdict = "inconclusive"`)},
		{"action done", edit(sms, `status = "open"`, `status = "done"`)},
		{"action open again", edit(sms, `owner = "produktägare"`+"\ndue = 2026-11-01\nstatus = \"done\"", `owner = "produktägare"`+"\ndue = 2026-11-01\nstatus = \"open\"")},
		{"the day passes a due date", func() { day = day.AddDate(0, 0, 30) }},
		{"label", edit(config, `"nav.home" = "Alla sprintar"`, `"nav.home" = "Start"`+"\n"+`"verdict.refuted" = "Fel"`)},
		{"site title", edit(config, `title = "Insiktssprintar"`, `title = "Sprintar"`)},
		{"site description", edit(config, `description = "Vad vi lär oss av kunderna, en sprint i taget."`, `description = "Annat."`)},
		{"page title", edit("content/om.md", `title = "Så kör vi"`, `title = "Om sprintarna"`)},
		{"new page", write("content/hjalp.md", "+++\ntitle = \"Hjälp\"\n+++\nFråga oss.\n")},
		{"new study", write("content/studies/intervjuer.md", "+++\ntitle = \"Intervjuer\"\n+++\nTio intervjuer.\n")},
		{"sprint moves to the new study", edit(priset, `study = "kundresa"`+"\n"+`stage = "komma-igang"`, `study = "intervjuer"`)},
		{"new sprint", write("sprints/2026-12-10-ny/sprint.toml", "title = \"Ny?\"\ndate = 2026-12-10\nteam = \"Marknad\"\nstudy = \"kundresa\"\n\n[assumption]\nbelief = \"Ny tro.\"\nbasis = \"insight\"\n\n[question]\nask = \"Ny fråga?\"\nmethod = \"survey\"\n\n[action]\ndo = \"Ny handling.\"\n")},
		{"sprint deleted", remove("sprints/2026-09-15-brevet/sprint.toml", "sprints/2026-09-15-brevet/notes.md", "sprints/2026-09-15-brevet/tavla.png")},
		{"unsafe_html on", edit(config, `language = "sv"`, "language = \"sv\"\nunsafe_html = true")},
		{"raw HTML in notes", write("sprints/2026-12-03-priset/notes.md", "<mark>Tre</mark> av fem.\n")},
		{"unsafe_html off", edit(config, "unsafe_html = true", "unsafe_html = false")},
		{"language", edit(config, `language = "sv"`, `language = "en"`)},
		{"own sprint template", write("templates/sprint.html", strings.Replace(stock("sprint.html"), "<h1>", `<h1 class="own">`, 1))},
		{"own base template", write("templates/base.html", strings.Replace(stock("base.html"), `<ul class="sprints">`, `<ul class="sprints own">`, 1))},
		{"own base template changed", edit("templates/base.html", `<ul class="sprints own">`, `<ul class="sprints mine">`)},
		{"own templates the same as the defaults", func() {
			write("templates/base.html", stock("base.html"))()
			write("templates/sprint.html", stock("sprint.html"))()
		}},
		{"own templates gone", remove("templates/base.html", "templates/sprint.html")},
	}

	var b Builder
	for _, step := range steps {
		step.change()
		var warm, fresh memWriter
		if _, err := b.Build(fsys, day, &warm); err != nil {
			t.Fatalf("after %s: %v", step.name, err)
		}
		if _, err := Build(fsys, day, &fresh); err != nil {
			t.Fatalf("after %s, a fresh build: %v", step.name, err)
		}
		for _, name := range slices.Sorted(maps.Keys(fresh.files)) {
			got, ok := warm.files[name]
			switch {
			case !ok:
				t.Errorf("after %s: %s is missing from the reusing build", step.name, name)
			case !bytes.Equal(got, fresh.files[name]):
				t.Errorf("after %s: %s differs from a fresh build:\n%s", step.name, name, firstDiff(fresh.files[name], got))
			}
		}
		for name := range warm.files {
			if _, ok := fresh.files[name]; !ok {
				t.Errorf("after %s: the reusing build has %s, a fresh one does not", step.name, name)
			}
		}
	}
}
