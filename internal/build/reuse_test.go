package build

import (
	"bytes"
	"io/fs"
	"maps"
	"regexp"
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
		{"sprint tests a belief, its text left out", edit(priset, `belief = "Kunderna förstår priset efter kampanjen."`, `tests = "ringer-hellre"`)},
		{"text of the belief it tests", edit(study, `text = "Nya kunder ringer hellre än loggar in."`, `text = "Nya kunder ringer hellre."`)},
		{"sprint states its own belief again", edit(priset, `tests = "ringer-hellre"`, `belief = "Kunderna förstår priset efter kampanjen."`)},
		{"team", edit(priset, `team = "Fakturering"`, `team = "Kundservice"`)},
		{"action team", edit(sms, `team = "Digitala kanaler"`, `team = "Fakturering"`)},
		{"verdict", edit(sms, `verdict = "supported"`, `verdict = "inconclusive"`)},
		{"action done", edit(sms, `status = "open"`, `status = "done"`)},
		{"action open again", edit(sms, `owner = "produktägare"`+"\ndue = 2026-11-01\nstatus = \"done\"", `owner = "produktägare"`+"\ndue = 2026-11-01\nstatus = \"open\"")},
		{"the day passes a due date", func() { day = day.AddDate(0, 0, 30) }},
		{"the action is due today", edit(sms, "due = 2026-11-01", "due = 2026-11-24")},
		{"midnight on the due day", func() { day = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC) }},
		{"an hour later on the due day", func() { day = day.Add(time.Hour) }},
		{"title of a follower", edit(sms, `title = "Hjälper ett SMS?"`, `title = "Hjälper ett kort SMS?"`)},
		{"base_url", edit(config, `language = "sv"`, "language = \"sv\"\nbase_url = \"https://intranat.example.se/insikt/\"")},
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
		{"own team and board templates", func() {
			write("templates/team.html", strings.Replace(stock("team.html"), `<li class="action `, `<li class="own action `, 1))()
			write("templates/assumptions.html", strings.Replace(stock("assumptions.html"), `<p class="meta">`, `<p class="meta own">`, 1))()
		}},
		{"own team and board templates gone", remove("templates/team.html", "templates/assumptions.html")},
		{"own templates the same as the defaults", func() {
			write("templates/base.html", stock("base.html"))()
			write("templates/sprint.html", stock("sprint.html"))()
		}},
		{"own templates gone", remove("templates/base.html", "templates/sprint.html")},

		// A site's own templates that show what a page links to: the
		// sprint page its study's summary, every list of sprints their
		// lessons and actions.
		{"own templates that show linked fields", func() {
			write("templates/sprint.html", strings.Replace(stock("sprint.html"), "<h1>", `<div class="study-summary">{{.Study.Summary}}</div><h1>`, 1))()
			write("templates/base.html", strings.Replace(stock("base.html"), "</span>\n</li>", `</span><div class="lesson">{{.Learned}}</div><p class="action {{.Action.Status}}{{if .Action.Overdue}} overdue{{end}}">{{.Action.Team}}: {{.Action.Do}}</p></li>`, 1))()
		}},
		{"study summary shown on sprint pages", edit(study, `summary = "Sex steg`, `summary = "Sju steg`)},
		{"action shown in lists", edit(sms, `do = "Vi skickar SMS:et till alla nya kunder."`, `do = "Vi skickar SMS:et till alla kunder."`)},
		{"action status shown in lists", edit(sms, `status = "open"`, `status = "doing"`)},
		{"lesson shown in lists", edit(sms, `learned = "`, `learned = "Nytt: `)},
		{"action team shown in lists", edit(sms, `team = "Fakturering"`, `team = "Digitala kanaler"`)},
		{"overdue shown in lists", func() { day = day.AddDate(1, 0, 0) }},
		{"own templates that show linked fields gone", remove("templates/base.html", "templates/sprint.html")},
	}

	var b Builder
	b.VerifyReuse()
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

// TestFoldedMatchesUnfolded builds a site whose title and labels hold
// every character that escaping changes, once with the default templates,
// where each {{t "key"}} is folded into the template as text, and once
// with copies of them where each is written {{t (print "key")}}, which
// is not folded and runs as written. The pages must be the same, byte for
// byte.
func TestFoldedMatchesUnfolded(t *testing.T) {
	fsys := siteFromTxtar(t, "testdata/sv.txtar")
	settings := "title = \"C++ & <Co> 'q' \\\"d\\\" \\u0000\"\nlanguage = \"sv\"\n\n[labels]\n\"nav.home\" = \"A+B & <'\\\"\"\n\"card.believed\" = \"1 < 2 + 3\"\n"
	fsys["content/site.toml"] = &fstest.MapFile{Data: []byte(settings), Mode: 0o644}
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

	var folded, unfolded memWriter
	if _, err := Build(fsys, day, &folded); err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`\{\{t ("[^"]+")\}\}`)
	names, err := fs.Glob(templates.FS, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, err := templates.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "base.html" && !literal.Match(b) {
			t.Fatal("base.html has no {{t \"key\"}} to unfold")
		}
		fsys["templates/"+name] = &fstest.MapFile{Data: literal.ReplaceAll(b, []byte("{{t (print $1)}}")), Mode: 0o644}
	}
	if _, err := Build(fsys, day, &unfolded); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(folded.files["index.html"], []byte("C&#43;&#43; &amp; &lt;Co&gt;")) {
		t.Errorf("index.html does not hold the escaped title:\n%s", folded.files["index.html"][:400])
	}
	for _, name := range slices.Sorted(maps.Keys(unfolded.files)) {
		if !bytes.Equal(folded.files[name], unfolded.files[name]) {
			t.Errorf("%s differs when folded:\n%s", name, firstDiff(unfolded.files[name], folded.files[name]))
		}
	}
}
