package site

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const goodSettings = "title = \"Insikter\"\nlanguage = \"sv\"\n"

const goodStudy = `+++
title = "Kundresan"
report = "file://server/share/rapport.pdf"

[[stages]]
id = "start"
name = "Komma igång"

[[stages]]
id = "hjalp"
name = "Få hjälp"
+++
Texten.
`

// beliefStudy is goodStudy with beliefs, a change with state and energy.
const beliefStudy = `+++
title = "Kundresan"

[[stages]]
id = "start"
name = "Komma igång"
energy_now = "high"
changes = ["Kortare brev", { text = "SMS", status = "doing", sprint = "2026-11-02-brevet" }]

[[stages.beliefs]]
id = "brevet"
text = "De läser brevet."
basis = "assumption"

[[stages]]
id = "hjalp"
name = "Få hjälp"

[[stages.beliefs]]
id = "telefon"
text = "De ringer hellre."
basis = "insight"
+++
`

// studyMap is goodStudy's map as content/studies/resa.toml holds it,
// beside a resa.md of text alone, with the line that editors read first.
const studyMap = `#:schema ../../.sprintkit/schema/study.schema.json

title = "Kundresan"
report = "file://server/share/rapport.pdf"

[[stages]]
id = "start"
name = "Komma igång"

[[stages]]
id = "hjalp"
name = "Få hjälp"
`

const testsPlan = `title = "Läser kunderna brevet?"
date = 2026-11-02
team = "Kundservice"
study = "resa"
status = "planned"

[assumption]
tests = "brevet"

[question]
ask = "Vad minns du av brevet?"
method = "interview"

[action]
do = "Korta brevet."
`

const goodPlan = `title = "Läser kunderna brevet?"
date = 2026-11-02
team = "Kundservice"
study = "resa"
stage = "start"
status = "done"

[assumption]
belief = "De läser inte brevet."
basis = "assumption"

[question]
ask = "Vad minns du av brevet?"
method = "interview"

[action]
do = "Korta brevet."

[result]
verdict = "refuted"
learned = "De läser det."
`

const planPath = "sprints/2026-11-02-brevet/sprint.toml"

// httpsStudy is goodStudy with its report on the web, of which there is
// nothing to say.
var httpsStudy = strings.Replace(goodStudy, "file://server/share/rapport.pdf", "https://intranat.example.se/rapport.pdf", 1)

func siteWith(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{
		"content/site.toml":       {Data: []byte(goodSettings)},
		"content/studies/resa.md": {Data: []byte(goodStudy)},
		planPath:                  {Data: []byte(goodPlan)},
	}
	for p, s := range files {
		if s == "" {
			delete(m, p)
			continue
		}
		m[p] = &fstest.MapFile{Data: []byte(s)}
	}
	return m
}

func TestLoadGood(t *testing.T) {
	s, err := Load(siteWith(nil), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Sprints) != 1 || len(s.Studies) != 1 || len(s.Teams) != 1 {
		t.Fatalf("got %d sprints, %d studies, %d teams", len(s.Sprints), len(s.Studies), len(s.Teams))
	}
	sp := s.Sprints[0]
	if sp.Study != s.Studies[0] || sp.Stage != s.Studies[0].Stages[0] || sp.TeamRef.Slug != "kundservice" {
		t.Errorf("sprint not linked: study %v stage %v team %v", sp.Study, sp.Stage, sp.TeamRef)
	}
	if sp.Relation != "pilots" || sp.Duration != 90 || sp.Action.Energy != "low" || sp.Action.Status != "planned" || sp.Action.Team != "Kundservice" {
		t.Errorf("defaults: relation %q duration %d energy %q status %q team %q", sp.Relation, sp.Duration, sp.Action.Energy, sp.Action.Status, sp.Action.Team)
	}
	sum := 0
	for _, b := range sp.Agenda {
		sum += b.Minutes
	}
	if len(sp.Agenda) != 5 || sum != 90 {
		t.Errorf("default agenda: %d blocks, %d minutes", len(sp.Agenda), sum)
	}
	if got := s.Studies[0].Stages[0].Sprints; len(got) != 1 || got[0] != sp {
		t.Errorf("stage sprints = %v", got)
	}
}

// TestProblems checks the exact message, with its position, for each kind
// of mistake; every case starts from a good site and changes one file.
func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "enum with suggestion",
			files: map[string]string{planPath: strings.Replace(goodPlan, `verdict = "refuted"`, `verdict = "refutd"`, 1)},
			want:  []string{planPath + `:20:11: result.verdict: "refutd" is not one of supported, refuted, inconclusive (did you mean "refuted"?)`},
		},
		{
			name:  "unknown key with suggestion",
			files: map[string]string{planPath: strings.Replace(goodPlan, "stage =", "stgae =", 1)},
			want:  []string{planPath + `:5:1: unknown key "stgae" (did you mean "stage"?)`},
		},
		{
			name:  "unknown key in a table",
			files: map[string]string{planPath: strings.Replace(goodPlan, "belief =", "beleif =", 1)},
			want: []string{
				planPath + `:8:1: assumption.belief: required, but missing`,
				planPath + `:9:1: unknown key "assumption.beleif" (did you mean "belief"?)`,
			},
		},
		{
			name:  "TOML syntax error",
			files: map[string]string{planPath: strings.Replace(goodPlan, `team = "Kundservice"`, `team = "Kundservice`, 1)},
			want:  []string{planPath + `:3:8: the string that starts on line 3 has no closing quote: end it on the same line, or write text of several lines between """ and """`},
		},
		{
			name:  "wrong type",
			files: map[string]string{planPath: strings.Replace(goodPlan, `status = "done"`, "status = \"done\"\nduration = \"90\"", 1)},
			want:  []string{planPath + `:7:12: duration: must be an integer, not a string`},
		},
		{
			name:  "quoted date",
			files: map[string]string{planPath: strings.Replace(goodPlan, "date = 2026-11-02", `date = "2026-11-02"`, 1)},
			want:  []string{planPath + `:2:8: date: must be a date like 2026-11-24, not a string (write it without quotes, like 2026-11-24)`},
		},
		{
			name:  "missing required fields",
			files: map[string]string{planPath: "title = \"x\"\n"},
			want: []string{
				planPath + `:1:1: date: required, but missing`,
				planPath + `:1:1: team: required, but missing`,
				planPath + `:1:1: study: required, but missing`,
				planPath + `:1:1: assumption: required, but missing`,
				planPath + `:1:1: question: required, but missing`,
				planPath + `:1:1: action: required, but missing`,
			},
		},
		{
			name:  "unknown study names the known ones",
			files: map[string]string{planPath: strings.Replace(goodPlan, `study = "resa"`, `study = "resan"`, 1)},
			want:  []string{planPath + `:4:9: study: "resan" is not a study in content/studies/ (studies: resa)`},
		},
		{
			name:  "unknown stage names the stages",
			files: map[string]string{planPath: strings.Replace(goodPlan, `stage = "start"`, `stage = "slut"`, 1)},
			want:  []string{planPath + `:5:9: stage: "slut" is not a stage of study "resa" (stages: start, hjalp)`},
		},
		{
			name: "agenda does not add up",
			files: map[string]string{planPath: goodPlan + `
[[agenda]]
block = "Rama in"
minutes = 10

[[agenda]]
block = "Möt kunder"
minutes = 70
`},
			want: []string{planPath + `:23:1: agenda: the blocks add up to 80 minutes, but duration is 90`},
		},
		{
			name: "agenda does not add up, beside a problem elsewhere in the plan",
			files: map[string]string{planPath: strings.Replace(goodPlan, `method = "interview"`, `method = "chat"`, 1) + `
[[agenda]]
block = "Rama in"
minutes = 10
`},
			want: []string{
				planPath + `:14:10: question.method: "chat" is not one of interview, observation, survey, data, prototype, other (did you mean "data"?)`,
				planPath + `:23:1: agenda: the blocks add up to 10 minutes, but duration is 90`,
			},
		},
		{
			name: "agenda block without minutes",
			files: map[string]string{planPath: goodPlan + `
[[agenda]]
block = "Rama in"
minutes = 90

[[agenda]]
block = "Glömd"
`},
			want: []string{planPath + `:27:1: agenda block "Glömd", minutes: required, but missing`},
		},
		{
			name:  "done without result",
			files: map[string]string{planPath: goodPlan[:strings.Index(goodPlan, "[result]")]},
			want:  []string{planPath + `:6:10: status: a done sprint needs a [result] table with verdict and learned`},
		},
		{
			name:  "done without learned",
			files: map[string]string{planPath: strings.Replace(goodPlan, `learned = "De läser det."`, "", 1)},
			want:  []string{planPath + `:19:1: result.learned: required, but missing`},
		},
		{
			name:  "follows an unknown sprint",
			files: map[string]string{planPath: strings.Replace(goodPlan, `status = "done"`, "status = \"done\"\nfollows = \"2026-01-01-x\"", 1)},
			want:  []string{planPath + `:7:11: follows: "2026-01-01-x" is not a sprint in sprints/`},
		},
		{
			name:  "javascript report link",
			files: map[string]string{"content/studies/resa.md": strings.Replace(goodStudy, "file://server/share/rapport.pdf", "javascript:alert(1)", 1)},
			want: []string{
				`content/studies/resa.md:3:10: report: "javascript:alert(1)": links with the javascript: scheme are not allowed (use https: or file:)`,
			},
		},
		{
			name:  "study without front matter",
			files: map[string]string{"content/studies/resa.md": "# Kundresan\n"},
			want: []string{
				`content/studies/resa.md:1:1: a study starts with TOML front matter between +++ lines (at least title = "..."), or keeps its map beside it in content/studies/resa.toml`,
			},
		},
		{
			name: "a study's map both in front matter and beside it",
			files: map[string]string{
				"content/studies/resa.md":   goodStudy,
				"content/studies/resa.toml": studyMap,
			},
			want: []string{
				`content/studies/resa.md:1:1: the study's map is in content/studies/resa.toml and in this file's front matter: keep it in one of them (the .toml is checked by editors)`,
			},
		},
		{
			name: "a study's map beside it has its problems at its own lines",
			files: map[string]string{
				"content/studies/resa.md":   "Texten.\n",
				"content/studies/resa.toml": strings.Replace(studyMap, `name = "Få hjälp"`, "name = \"Få hjälp\"\nenergy_now = \"hgh\"", 1),
			},
			want: []string{
				`content/studies/resa.toml:13:14: stage "hjalp", energy_now: "hgh" is not one of low, medium, high (did you mean "high"?)`,
			},
		},
		{
			name:  "duplicate stage id",
			files: map[string]string{"content/studies/resa.md": strings.Replace(goodStudy, `id = "hjalp"`, `id = "start"`, 1)},
			want:  []string{`content/studies/resa.md:10:6: stage "start", id: "start" is used by an earlier stage`},
		},
		{
			name:  "study syntax error is placed in the file",
			files: map[string]string{"content/studies/resa.md": strings.Replace(goodStudy, `name = "Få hjälp"`, `name = Få hjälp`, 1)},
			want:  []string{"content/studies/resa.md:11:8: invalid TOML: expected value but found \"Få\" instead"},
		},
		{
			name:  "bad language",
			files: map[string]string{"content/site.toml": "title = \"x\"\nlanguage = \"se\"\n"},
			want:  []string{`content/site.toml:2:12: language: "se" is not one of sv, en (did you mean "sv"?)`},
		},
		{
			name:  "missing site.toml",
			files: map[string]string{"content/site.toml": ""},
			want:  []string{"content/site.toml: missing: a site needs content/site.toml with at least a title (sprintkit init makes one)"},
		},
		{
			name:  "notes without a plan",
			files: map[string]string{"sprints/2026-11-03-x/notes.md": "hej"},
			want:  []string{"sprints/2026-11-03-x: a sprint folder needs a sprint.toml (sprintkit new sprint makes one)"},
		},
		{
			name:  "free page with a reserved name",
			files: map[string]string{"content/sprints.md": "hej"},
			want:  []string{`content/sprints.md: a page may not be called "sprints": sprintkit makes that part of the site itself`},
		},
		{
			name: "files that would replace generated pages",
			files: map[string]string{
				"content/index.html":                         "x",
				"content/assets/style.css":                   "x",
				"sprints/2026-11-02-brevet/index.html":       "x",
				"sprints/2026-11-02-brevet/session/app.js":   "x",
				"sprints/2026-11-02-brevet/bilder/tavla.png": "x",
			},
			want: []string{
				"content/assets/style.css: would be copied to assets/style.css, which sprintkit makes itself: rename or move it",
				"content/index.html: would be copied to index.html, which sprintkit makes itself: rename or move it",
				"sprints/2026-11-02-brevet/index.html: would be copied to sprints/2026-11-02-brevet/index.html, which sprintkit makes itself: rename or move it",
				"sprints/2026-11-02-brevet/session/app.js: would be copied to sprints/2026-11-02-brevet/session/app.js, which sprintkit makes itself: rename or move it",
			},
		},
		{
			name:  "stage id that is not a slug",
			files: map[string]string{"content/studies/resa.md": strings.Replace(goodStudy, `id = "hjalp"`, `id = "Få hjälp"`, 1)},
			want:  []string{`content/studies/resa.md:10:6: stage "Få hjälp", id: "Få hjälp": a stage id is lower-case letters, digits and dashes, such as "fa-hjalp"`},
		},
		{
			name:  "too short a session",
			files: map[string]string{planPath: strings.Replace(goodPlan, `status = "done"`, "status = \"done\"\nduration = 3", 1)},
			want:  []string{planPath + `:7:12: duration: 3 minutes is too short for a session: at least 5`},
		},
		{
			name:  "dotted label key without quotes",
			files: map[string]string{"content/site.toml": goodSettings + "[labels]\nverdict.supported = \"Stämde\"\n"},
			want:  []string{`content/site.toml:4:1: labels.verdict.supported: label keys have dots in them: quote the key, as in "verdict.supported" = "…"`},
		},
		{
			name:  "dotted label key of a form without quotes",
			files: map[string]string{"content/site.toml": goodSettings + "[labels]\ncard.customers.one = \"1 kund\"\n"},
			want:  []string{`content/site.toml:4:1: labels.card.customers.one: label keys have dots in them: quote the key, as in "card.customers.one" = "…"`},
		},
		{
			name:  "notes.md that is a folder",
			files: map[string]string{"sprints/2026-11-02-brevet/notes.md/bild.png": "png"},
			want:  []string{`sprints/2026-11-02-brevet/notes.md: is a folder, not a file`},
		},
		{
			name: "problems in several files are all reported",
			files: map[string]string{
				planPath:                           strings.Replace(goodPlan, `method = "interview"`, `method = "intervju"`, 1),
				"sprints/2026-11-05-b/sprint.toml": strings.Replace(goodPlan, `basis = "assumption"`, `basis = "guess"`, 1),
			},
			want: []string{
				planPath + `:14:10: question.method: "intervju" is not one of interview, observation, survey, data, prototype, other (did you mean "interview"?)`,
				`sprints/2026-11-05-b/sprint.toml:10:9: assumption.basis: "guess" is not one of assumption, insight`,
			},
		},
		{
			name:  "a belief id twice in a study",
			files: map[string]string{"content/studies/resa.md": strings.Replace(beliefStudy, `id = "telefon"`, `id = "brevet"`, 1)},
			want:  []string{`content/studies/resa.md:20:6: stage "hjalp", belief "brevet", id: "brevet" is used by an earlier belief of the study`},
		},
		{
			name:  "tests names no belief",
			files: map[string]string{"content/studies/resa.md": beliefStudy, planPath: strings.Replace(testsPlan, `tests = "brevet"`, `tests = "brevte"`, 1)},
			want:  []string{planPath + `:8:9: assumption.tests: "brevte" is not a belief of study "resa" (did you mean "brevet"?) (beliefs: brevet, telefon)`},
		},
		{
			name:  "a stage that is not the belief's",
			files: map[string]string{"content/studies/resa.md": beliefStudy, planPath: strings.Replace(testsPlan, `status = "planned"`, "status = \"planned\"\nstage = \"hjalp\"", 1)},
			want:  []string{planPath + `:6:9: stage: "hjalp" is not the stage of belief "brevet", which is "start": leave stage out to take the belief's`},
		},
		{
			name: "a change's status and sprint, and a stage's energy",
			files: map[string]string{
				"content/studies/resa.md": strings.NewReplacer(`status = "doing"`, `status = "doin"`, `sprint = "2026-11-02-brevet"`, `sprint = "2026-11-02-brev"`, `energy_now = "high"`, `energy_now = "huge"`).Replace(beliefStudy),
			},
			want: []string{
				`content/studies/resa.md:7:14: stage "start", energy_now: "huge" is not one of low, medium, high (did you mean "high"?)`,
				`content/studies/resa.md:8:11: stage "start", change 2, status: "doin" is not one of planned, doing, done, dropped (did you mean "doing"?)`,
				`content/studies/resa.md:8:11: stage "start", change 2, sprint: "2026-11-02-brev" is not a sprint in sprints/`,
			},
		},
		{
			name:  "tests that is not a string",
			files: map[string]string{"content/studies/resa.md": beliefStudy, planPath: strings.Replace(testsPlan, `tests = "brevet"`, `tests = 5`, 1)},
			want:  []string{planPath + `:8:9: assumption.tests: must be a string, not an integer`},
		},
		{
			name: "a study with a problem does not make its sprints' beliefs missing too",
			files: map[string]string{"content/studies/resa.md": strings.Replace(beliefStudy, `basis = "insight"`, `basis = "insigth"`, 1),
				planPath: strings.Replace(testsPlan, `tests = "brevet"`, `tests = "telefon"`, 1)},
			want: []string{`content/studies/resa.md:22:9: stage "hjalp", belief "telefon", basis: "insigth" is not one of assumption, insight (did you mean "insight"?)`},
		},
		{
			name:  "an empty change, a change of another type and a table where an array of tables goes",
			files: map[string]string{"content/studies/resa.md": strings.NewReplacer(`changes = ["Kortare brev",`, `changes = ["", 7,`, "[[stages.beliefs]]\nid = \"telefon\"", "[stages.beliefs]\nid = \"telefon\"").Replace(beliefStudy)},
			want: []string{
				`content/studies/resa.md:8:11: stage "start", change 1: a change must say what changes, not be empty`,
				`content/studies/resa.md:8:11: stage "start", change 2: must be a string or a table with text, team, owner, due, status, since and sprint, not an integer`,
				`content/studies/resa.md:19:1: stage "hjalp", beliefs: must be an array of tables ([[stages.beliefs]]), not a table`,
			},
		},
		{
			name: "a plan's own problems and what it names that is not there, in one run",
			files: map[string]string{planPath: strings.NewReplacer(`stage = "start"`, `stage = "slut"`, `method = "interview"`, `method = "intervju"`,
				`verdict = "refuted"`, "verdict = \"refuted\"\nwho = 1", `study = "resa"`, "study = \"resa\"\nfollows = \"2026-10-01-x\"").Replace(goodPlan)},
			want: []string{
				planPath + `:5:11: follows: "2026-10-01-x" is not a sprint in sprints/`,
				planPath + `:6:9: stage: "slut" is not a stage of study "resa" (stages: start, hjalp)`,
				planPath + `:15:10: question.method: "intervju" is not one of interview, observation, survey, data, prototype, other (did you mean "interview"?)`,
				planPath + `:22:1: unknown key "result.who"`,
			},
		},
		{
			name:  "a plan with problems names a study that is not there",
			files: map[string]string{planPath: strings.NewReplacer(`study = "resa"`, `study = "resan"`, `basis = "assumption"`, `basis = "antagande"`).Replace(goodPlan)},
			want: []string{
				planPath + `:4:9: study: "resan" is not a study in content/studies/ (studies: resa)`,
				planPath + `:10:9: assumption.basis: "antagande" is not one of assumption, insight`,
			},
		},
		{
			name:  "a stage without an id is named by its number from 1",
			files: map[string]string{"content/studies/resa.md": strings.Replace(goodStudy, `id = "hjalp"`, `ide = "hjalp"`, 1)},
			want: []string{
				`content/studies/resa.md:9:1: stage 2, id: required, but missing`,
				`content/studies/resa.md:10:1: stage 2: unknown key "ide" (did you mean "id"?)`,
			},
		},
		{
			name: "labels that name no text, or a text with forms, beside a problem elsewhere",
			files: map[string]string{
				"content/site.toml": goodSettings + "[labels]\n\"nav.hme\" = \"x\"\n\"card.customers.ones\" = \"x\"\n\"card.customer.other\" = \"x\"\n\"card.customers\" = \"x\"\n",
				planPath:            strings.Replace(goodPlan, `method = "interview"`, `method = "intervju"`, 1),
			},
			want: []string{
				`content/site.toml:4:1: unknown label "labels.nav.hme" (did you mean "nav.home"?)`,
				`content/site.toml:5:1: unknown label "labels.card.customers.ones" (did you mean "card.customers.one"?)`,
				`content/site.toml:6:1: unknown label "labels.card.customer.other" (did you mean "card.customers.other"?)`,
				`content/site.toml:7:1: label "labels.card.customers" has a form for each number: set "card.customers.one" and "card.customers.other"`,
				planPath + `:14:10: question.method: "intervju" is not one of interview, observation, survey, data, prototype, other (did you mean "interview"?)`,
			},
		},
		{
			name:  "a string without its closing quote",
			files: map[string]string{planPath: strings.Replace(goodPlan, `ask = "Vad minns du av brevet?"`, `ask = "Vad minns du av brevet?`, 1)},
			want:  []string{planPath + `:13:7: the string that starts on line 13 has no closing quote: end it on the same line, or write text of several lines between """ and """`},
		},
		{
			name:  "inline tables nested far deeper than a plan needs",
			files: map[string]string{planPath: goodPlan + "y = " + strings.Repeat("{a=", 10000) + "1" + strings.Repeat("}", 10000) + "\n"},
			want:  []string{planPath + ":22:53: arrays and tables nested more than 16 deep: no plan or study needs that"},
		},
		{
			name:  "arrays nested deep in a study's front matter",
			files: map[string]string{"content/studies/resa.md": strings.Replace(goodStudy, "+++\nTexten", "x = "+strings.Repeat("[", 20000)+"\n+++\nTexten", 1)},
			want:  []string{"content/studies/resa.md:12:21: arrays and tables nested more than 16 deep: no plan or study needs that"},
		},
		{
			name:  "a dotted key of ten thousand parts",
			files: map[string]string{planPath: strings.Repeat("a.", 10000) + "a = 1\n" + goodPlan},
			want:  []string{planPath + ":1:32: a dotted key of more than 16 parts: no plan or study needs that"},
		},
		{
			name: "brackets, dots and quotes inside strings and comments are text",
			files: map[string]string{planPath: strings.Replace(goodPlan, `learned = "De läser det."`,
				"learned = \"\"\"\n"+strings.Repeat("[{", 20)+strings.Repeat(".", 40)+"\"\"\"\"\n# "+strings.Repeat("[", 40)+"\nx = '"+strings.Repeat("{", 20)+"'", 1)},
			want: []string{planPath + ":24:1: unknown key \"result.x\""},
		},
		{
			name:  "a plan too large to be one",
			files: map[string]string{planPath: goodPlan + "# " + strings.Repeat("x", MaxTOML) + "\n"},
			want:  []string{planPath + ": is 1 MiB, more than the 1 MiB that a sprint plan may hold: split it, or keep large material in a file beside it and link to that"},
		},
		{
			name:  "notes far larger than a write-up",
			files: map[string]string{"sprints/2026-11-02-brevet/notes.md": strings.Repeat("Hej.\n", MaxMarkdown/5+1)},
			want:  []string{"sprints/2026-11-02-brevet/notes.md: is 4 MiB, more than the 4 MiB that notes may hold: split it, or keep large material in a file beside it and link to that"},
		},
		{
			name:  "notes that are not UTF-8",
			files: map[string]string{"sprints/2026-11-02-brevet/notes.md": "# Anteckningar\n\nKunden sa: \"v\xe4lkomstbrevet\"\n"},
			want:  []string{"sprints/2026-11-02-brevet/notes.md:3:14: not UTF-8 text (saved as Latin-1 or Windows-1252?): save the file as UTF-8"},
		},
		{
			name: "folder and page names that would break a link",
			files: map[string]string{
				"sprints/2026-11-09-a#b/sprint.toml":         goodPlan,
				"sprints/2026-11-09-%2e%2e/sprint.toml":      goodPlan,
				"sprints/2026-11-09-zz\revent: x\r/notes.md": "x",
				"content/om?x.md":                            "hej",
				"content/bild #1.png":                        "png",
			},
			want: []string{
				`content/om?x.md: the name "om?x.md" holds '?', which would change what a link to it means: rename it (sprintkit new makes names of letters, digits and dashes)`,
				`sprints/2026-11-09-%2e%2e: the name "2026-11-09-%2e%2e" holds '%', which would change what a link to it means: rename it (sprintkit new makes names of letters, digits and dashes)`,
				`sprints/2026-11-09-a#b: the name "2026-11-09-a#b" holds '#', which would change what a link to it means: rename it (sprintkit new makes names of letters, digits and dashes)`,
				`"sprints/2026-11-09-zz\revent: x\r": the name "2026-11-09-zz\revent: x\r" holds a control character: rename it`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(siteWith(tc.files), Options{})
			var probs Problems
			if !errors.As(err, &probs) {
				t.Fatalf("Load: got %v, want Problems", err)
			}
			got := strings.Split(probs.Error(), "\n")
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	plan := strings.Replace(goodPlan, `status = "done"`, `status = "planned"`, 1)
	overdue := strings.NewReplacer(`do = "Korta brevet."`, "do = \"Korta brevet.\"\nowner = \"Anna\"\ndue = 2026-11-10",
		`method = "interview"`, "method = \"interview\"\ncriterion = \"Tre av fem minns brevet.\"").Replace(goodPlan)
	files := map[string]string{planPath: plan, "sprints/2026-11-03-b/sprint.toml": overdue, "content/studies/resa.md": httpsStudy}
	s, err := Load(siteWith(files), Options{Today: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	want := planPath + `:6:10: status: still planned 21 days after the session's date 2026-11-02: set it to done or abandoned` + "\n" +
		`sprints/2026-11-03-b/sprint.toml:17:1: action.status: still planned, but the action was due 2026-11-10`
	if got := s.Warnings.Error(); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
	s, err = Load(siteWith(files), Options{Today: time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) != 0 {
		t.Errorf("no warnings expected on 2026-11-05, got %v", s.Warnings)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Läser nya kunder välkomstbrevet?":       "laser-nya-kunder-valkomstbrevet",
		"Varför ringer kunder om sitt lösenord?": "varfor-ringer-kunder-om-sitt-losenord",
		"Åtgärd för ÖVERSIKT – del 2":            "atgard-for-oversikt-del-2",
		"Digitala kanaler":                       "digitala-kanaler",
		"  --Ærlig  ":                            "aerlig",
		"???":                                    "",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBeliefDefaults checks that a sprint that names a belief takes from
// it what its plan leaves out, and that the belief knows its sprints and
// its verdict.
func TestBeliefDefaults(t *testing.T) {
	done := strings.Replace(testsPlan, `status = "planned"`, `status = "done"`, 1) + "\n[result]\nverdict = \"refuted\"\nlearned = \"Ingen läste det.\"\n"
	s, err := Load(siteWith(map[string]string{"content/studies/resa.md": beliefStudy, planPath: done}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sp := s.Sprints[0]
	a := sp.Assumption
	if a.Belief != "De läser brevet." || a.Basis != "assumption" || a.Importance != "high" || a.Evidence != "none" {
		t.Errorf("assumption %+v, want the belief's text and basis and the scales' defaults", a)
	}
	if sp.Stage == nil || sp.Stage.ID != "start" || sp.Tests == nil || sp.Tests.ID != "brevet" {
		t.Fatalf("stage %v, tests %v: want the belief's stage start and belief brevet", sp.Stage, sp.Tests)
	}
	if got := sp.Tests.Tested(); got != sp {
		t.Errorf("the belief's verdict comes from %v, want the sprint", got)
	}
	if len(sp.Stage.Sprints) != 1 {
		t.Errorf("the belief's stage lists %d sprints, want 1", len(sp.Stage.Sprints))
	}
	c := s.Studies[0].Stages[0].Changes
	if len(c) != 2 || c[0].Status != "planned" || c[1].Status != "doing" || c[1].Sprint != sp {
		t.Errorf("changes %+v: want a planned string and a doing change linked to the sprint", c)
	}
}

// TestUnfinished marks a plan done as sprintkit new wrote it: each text
// still holding the mark of a text to replace, and the empty criterion,
// owner and due date, is a warning at its place.
func TestUnfinished(t *testing.T) {
	const plan = `title = "Do new customers read the welcome letter?"
date = 2026-11-02
team = "Customer service"
study = "resa"
status = "done"

[assumption]
belief = "We believe that …"
basis = "assumption"

[question]
ask = "What …?"
method = "interview"
criterion = ""

[action]
do = "We will …"
owner = ""
status = "open"

[result]
verdict = "supported"
learned = "Vi lärde oss att …"
`
	s, err := Load(siteWith(map[string]string{planPath: plan, "content/studies/resa.md": httpsStudy}), Options{Today: time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		planPath + `:8:10: assumption.belief: "We believe that …" is still the text sprintkit new wrote: replace it, as the sprint is published as done`,
		planPath + `:12:7: question.ask: "What …?" is still the text sprintkit new wrote: replace it, as the sprint is published as done`,
		planPath + `:14:13: question.criterion: empty, but a done sprint says what would have shown the belief right or wrong`,
		planPath + `:16:1: action.due: missing, but an open action needs a day to be followed up by`,
		planPath + `:17:6: action.do: "We will …" is still the text sprintkit new wrote: replace it, as the sprint is published as done`,
		planPath + `:18:9: action.owner: empty, but an open action needs someone who sees it done`,
		planPath + `:23:11: result.learned: "Vi lärde oss att …" is still the text sprintkit new wrote: replace it, as the sprint is published as done`,
	}
	if got := s.Warnings.Error(); got != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	// A text that quotes a customer's trailing off is not a placeholder.
	for _, text := range []string{"Kunden sa: ”jag vet inte…”", "Tre av fem.", "Jag försökte … och gav upp, sa en kund."} {
		if Unfinished(text) {
			t.Errorf("Unfinished(%q) = true", text)
		}
	}
}

// TestFileReport notes, once at its place, a study's report at a file:
// address, which browsers do not open from a page on the intranet.
func TestFileReport(t *testing.T) {
	s, err := Load(siteWith(nil), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := `content/studies/resa.md:3:10: report: "file://server/share/rapport.pdf": Chromium and Edge do not open file: links from a page served over http(s), so the study's page also shows the address as text to copy; an https: address opens everywhere`
	if got := s.Warnings.Error(); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
	if !FileLink("FILE://server/a.pdf") || FileLink("https://server/a.pdf") || FileLink("rapport.pdf") {
		t.Error("FileLink does not tell file: addresses from others")
	}
}

// TestActionsOrder lists actions in every state: overdue first, then open,
// doing, done and dropped, each by due date with none last. A team's page
// keeps its own order (SPEC): open first, the low-energy ones first among
// them, then by due date.
func TestActionsOrder(t *testing.T) {
	plan := func(date, status, energy, due string) string {
		p := strings.Replace(goodPlan, "2026-11-02", date, 1)
		a := "do = \"Korta brevet.\"\nstatus = \"" + status + "\"\nenergy = \"" + energy + "\""
		if due != "" {
			a += "\ndue = " + due
		}
		return strings.Replace(p, `do = "Korta brevet."`, a, 1)
	}
	files := map[string]string{
		planPath:                           "",
		"sprints/2026-10-01-a/sprint.toml": plan("2026-10-01", "done", "low", "2026-11-01"),
		"sprints/2026-10-02-b/sprint.toml": plan("2026-10-02", "open", "low", ""),
		"sprints/2026-10-03-c/sprint.toml": plan("2026-10-03", "open", "high", "2026-12-20"),
		"sprints/2026-10-04-d/sprint.toml": plan("2026-10-04", "doing", "low", "2026-11-10"),
		"sprints/2026-10-05-e/sprint.toml": plan("2026-10-05", "dropped", "low", ""),
		"sprints/2026-10-06-f/sprint.toml": plan("2026-10-06", "open", "low", "2026-12-10"),
		"sprints/2026-10-07-g/sprint.toml": plan("2026-10-07", "open", "medium", "2026-11-15"),
	}
	today := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	s, err := Load(siteWith(files), Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(list []*Sprint) string {
		var out []string
		for _, sp := range list {
			out = append(out, sp.ID[len("2026-10-01-"):])
		}
		return strings.Join(out, " ")
	}
	if got, want := ids(s.Actions(today)), "d g f c b a e"; got != want {
		t.Errorf("actions in the order %s, want %s", got, want)
	}
	if got, want := ids(s.Teams[0].Actions), "f b g c d a e"; got != want {
		t.Errorf("the team's actions in the order %s, want %s", got, want)
	}
}

// TestStudyMapBeside reads a study whose map is content/studies/<id>.toml
// and whose text is <id>.md, and one with its map alone.
func TestStudyMapBeside(t *testing.T) {
	for _, md := range []string{"Texten.\n", ""} {
		s, err := Load(siteWith(map[string]string{"content/studies/resa.md": md, "content/studies/resa.toml": studyMap}), Options{})
		if err != nil {
			t.Fatal(err)
		}
		st := s.Studies[0]
		if st.ID != "resa" || st.Path != "content/studies/resa.toml" || st.Body != md || len(st.Stages) != 2 || s.Sprints[0].Stage != st.Stages[0] {
			t.Errorf("study %q at %s, body %q, %d stages, sprint's stage %v", st.ID, st.Path, st.Body, len(st.Stages), s.Sprints[0].Stage)
		}
	}
}
