package build

import (
	"bytes"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/templates"
)

var (
	editSeed  = flag.Uint64("edits.seed", 0, "run TestRandomEdits with this seed only")
	editSteps = flag.Int("edits.steps", 150, "edits per seed in TestRandomEdits")
)

// TestRandomEdits is the property that reuse rests on: after any sequence
// of edits, a Builder that is told the changed paths, and reuses what it
// read and rendered before, gives the bytes (or the problems) of a fresh
// build. The edits reach every kind of file and field: notes, every field
// of a plan and the belief it tests, a study's title, summary, body and
// stages with their beliefs, changes and energy, the settings and labels,
// free pages, a site's own templates (also ones that show linked fields),
// new, deleted and renamed sprint folders, and the day.
func TestRandomEdits(t *testing.T) {
	seeds := []uint64{1, 2, 3, 4}
	if *editSeed != 0 {
		seeds = []uint64{*editSeed}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			e := &editor{t: t, rnd: rand.New(rand.NewPCG(seed, seed)), fsys: siteFromTxtar(t, "testdata/sv.txtar"),
				day: time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC)}
			var b Builder
			b.VerifyReuse()
			if _, err := b.Build(e.fsys, e.day, &memWriter{}); err != nil {
				t.Fatal(err)
			}
			built := 0
			for step := range *editSteps {
				what, changed := e.edit()
				b.Changed(changed)
				var warm, fresh memWriter
				_, werr := b.Build(e.fsys, e.day, &warm)
				_, ferr := Build(e.fsys, e.day, &fresh)
				if fmt.Sprint(werr) != fmt.Sprint(ferr) {
					t.Fatalf("step %d, %s: the reusing build says\n%v\na fresh one\n%v", step, what, werr, ferr)
				}
				if ferr != nil {
					if testing.Verbose() {
						t.Logf("step %d, %s: %v", step, what, ferr)
					}
					continue
				}
				built++
				for _, name := range slices.Sorted(maps.Keys(fresh.files)) {
					if got, ok := warm.files[name]; !ok {
						t.Fatalf("step %d, %s: %s is missing from the reusing build", step, what, name)
					} else if !bytes.Equal(got, fresh.files[name]) {
						t.Fatalf("step %d, %s: %s differs from a fresh build:\n%s", step, what, name, firstDiff(fresh.files[name], got))
					}
				}
				if len(warm.files) != len(fresh.files) {
					t.Fatalf("step %d, %s: %d files, a fresh build %d", step, what, len(warm.files), len(fresh.files))
				}
			}
			// Edits may break the site for a while; a good part must not,
			// or the pages would hardly be compared.
			if built < *editSteps/3 {
				t.Errorf("only %d of %d edits left a site that builds", built, *editSteps)
			}
			t.Logf("%d of %d edits left a site that builds", built, *editSteps)
		})
	}
}

// An editor makes random edits to a site in memory, as a team would on
// disk, and says which paths each edit changed, as the watcher would.
type editor struct {
	t    *testing.T
	rnd  *rand.Rand
	fsys fstest.MapFS
	day  time.Time
	n    int // counts new names
}

const studyPath = "content/studies/kundresa.md"

// texts are field values, plain and with Markdown and markup.
var texts = []string{
	"Kunderna ringer.", "Vi tror att *de flesta* läser.", "Se [rapporten](https://intranat.example.se/r).",
	"<b>fet</b> & \"citat\"", "Två rader.\n\nAndra stycket.", "- en\n- två", "", "Ett `kodord`.",
}

func (e *editor) pick(list []string) string { return list[e.rnd.IntN(len(list))] }

func (e *editor) put(name, data string) {
	e.fsys[name] = &fstest.MapFile{Data: []byte(data), Mode: 0o644}
}

func (e *editor) sprints() []string {
	var ids []string
	for name := range e.fsys {
		if rest, ok := strings.CutPrefix(name, "sprints/"); ok && strings.HasSuffix(rest, "/sprint.toml") {
			ids = append(ids, strings.TrimSuffix(rest, "/sprint.toml"))
		}
	}
	slices.Sort(ids)
	return ids
}

// beliefs are the ids of the study's beliefs.
func (e *editor) beliefs() []string {
	src := string(e.fsys[studyPath].Data)
	front, _, _ := strings.Cut(strings.TrimPrefix(src, "+++\n"), "+++\n")
	var m struct {
		Stages []struct {
			Beliefs []struct{ ID string } `toml:"beliefs"`
		} `toml:"stages"`
	}
	if _, err := toml.Decode(front, &m); err != nil {
		e.t.Fatal(err)
	}
	var ids []string
	for _, sg := range m.Stages {
		for _, b := range sg.Beliefs {
			ids = append(ids, b.ID)
		}
	}
	return ids
}

func (e *editor) decode(name string) map[string]any {
	m := map[string]any{}
	if _, err := toml.Decode(string(e.fsys[name].Data), &m); err != nil {
		e.t.Fatalf("%s: %v", name, err)
	}
	return m
}

func (e *editor) encode(m map[string]any) string {
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(m); err != nil {
		e.t.Fatal(err)
	}
	return b.String()
}

// set sets or deletes (value nil) the key, which may be "table.key".
func set(m map[string]any, key string, value any) {
	if table, k, ok := strings.Cut(key, "."); ok {
		sub, _ := m[table].(map[string]any)
		if sub == nil {
			sub = map[string]any{}
			m[table] = sub
		}
		m = sub
		key = k
	}
	if value == nil {
		delete(m, key)
	} else {
		m[key] = value
	}
}

// planFields are the fields of a sprint plan with values to choose from;
// nil deletes the key.
var planFields = map[string][]any{
	"title":                 {"Läser kunderna?", "Ny <titel> & mer", "Förstår de priset?"},
	"team":                  {"Kundservice", "Fakturering", "Digitala kanaler", "Marknad"},
	"relation":              {"pilots", "follows-up", "challenges", "confirms", nil},
	"stage":                 {"komma-igang", "fornya", nil},
	"status":                {"planned", "done", "abandoned"},
	"facilitator":           {"Ada", nil},
	"participants":          {[]any{"två handläggare"}, []any{"Bo", "Cia"}, nil},
	"assumption.basis":      {"assumption", "insight"},
	"assumption.importance": {"high", "low", nil},
	"assumption.evidence":   {"none", "opinion", "anecdote", "research", "data", nil},
	"question.method":       {"interview", "observation", "survey", "data", "prototype", "other"},
	"question.customers":    {int64(6), int64(12), nil},
	"action.team":           {"Digitala kanaler", "Marknad", nil},
	"action.energy":         {"low", "medium", "high", nil},
	"action.owner":          {"produktägare", nil},
	"action.due":            {localDate("2026-11-01"), localDate("2027-01-15"), nil},
	"action.status":         {"open", "doing", "done", "dropped", nil},
	"result.verdict":        {"supported", "refuted", "inconclusive"},
	"result.evidence":       {"anecdote", "data", nil},
	"assumption.belief":     nil, // texts
	"question.ask":          nil,
	"question.criterion":    nil,
	"action.do":             nil,
	"action.strengthens":    nil,
	"result.learned":        nil,
}

// localDate is a TOML local date (a day without a time), as the TOML
// encoder writes it back.
func localDate(s string) any {
	var m map[string]any
	if _, err := toml.Decode("d = "+s, &m); err != nil {
		panic(err)
	}
	return m["d"]
}

// edit makes one random edit and returns what it was and the changed paths.
func (e *editor) edit() (string, []string) {
	ids := e.sprints()
	id := ""
	if len(ids) > 0 {
		id = ids[e.rnd.IntN(len(ids))]
	}
	dir := "sprints/" + id
	switch k := e.rnd.IntN(14); {
	case k < 2 && id != "":
		notes := dir + "/notes.md"
		if e.rnd.IntN(4) == 0 {
			delete(e.fsys, notes)
			return "notes.md removed in " + id, []string{notes}
		}
		e.put(notes, "## Vi såg\n\n"+e.pick(texts)+"\n")
		return "notes.md of " + id, []string{notes}
	case k < 6 && id != "":
		plan := dir + "/sprint.toml"
		m := e.decode(plan)
		key := slices.Sorted(maps.Keys(planFields))[e.rnd.IntN(len(planFields))]
		var v any = e.pick(texts)
		if vals := planFields[key]; vals != nil {
			v = vals[e.rnd.IntN(len(vals))]
		}
		set(m, key, v)
		if e.rnd.IntN(4) == 0 {
			// tests a belief of the study, or none (then the plan's own
			// belief and basis must be there)
			if ids := e.beliefs(); len(ids) > 0 && e.rnd.IntN(2) == 0 {
				v = ids[e.rnd.IntN(len(ids))]
				set(m, "assumption.tests", v)
				set(m, "stage", nil) // the belief's stage
			} else {
				v = nil
				set(m, "assumption.tests", nil)
				a := m["assumption"].(map[string]any)
				if _, ok := a["belief"]; !ok {
					a["belief"] = "Vi tror något."
				}
				if _, ok := a["basis"]; !ok {
					a["basis"] = "assumption"
				}
			}
			key = "assumption.tests"
		}
		if e.rnd.IntN(5) == 0 {
			// follows another sprint, or none
			others := slices.DeleteFunc(slices.Clone(ids), func(s string) bool { return s == id })
			if len(others) > 0 && e.rnd.IntN(2) == 0 {
				set(m, "follows", others[e.rnd.IntN(len(others))])
			} else {
				set(m, "follows", nil)
			}
		}
		e.put(plan, e.encode(m))
		return fmt.Sprintf("%s = %v in %s", key, v, id), []string{plan}
	case k < 8:
		return e.editStudy()
	case k < 9:
		return e.editSettings()
	case k < 10:
		return e.editPage()
	case k < 11:
		return e.editTemplates()
	case k < 12:
		return e.editFolders(ids)
	case k < 13:
		e.day = e.day.AddDate(0, 0, e.rnd.IntN(60)-20)
		return "the day is " + e.day.Format(time.DateOnly), []string{}
	default:
		// A save that changes nothing.
		if id == "" {
			return "nothing", []string{}
		}
		return "sprint.toml saved as it was in " + id, []string{dir + "/sprint.toml"}
	}
}

func (e *editor) editStudy() (string, []string) {
	src := string(e.fsys[studyPath].Data)
	front, body, ok := strings.Cut(strings.TrimPrefix(src, "+++\n"), "+++\n")
	if !ok {
		e.t.Fatalf("%s: no front matter", studyPath)
	}
	m := map[string]any{}
	if _, err := toml.Decode(front, &m); err != nil {
		e.t.Fatal(err)
	}
	what := ""
	stages, _ := m["stages"].([]map[string]any)
	switch e.rnd.IntN(9) {
	case 0:
		m["title"] = e.pick([]string{"Kundresan 2026", "Kundresan", "Resan & <mer>"})
		what = "study title"
	case 1:
		m["summary"] = e.pick(texts)
		what = "study summary"
	case 2:
		body = e.pick(texts) + "\n"
		what = "study body"
	case 3:
		if len(stages) > 0 {
			sg := stages[e.rnd.IntN(len(stages))]
			field := e.pick([]string{"name", "current", "desired"})
			sg[field] = e.pick(texts[:4])
			what = "stage " + field
		}
	case 4:
		if len(stages) > 0 {
			sg := stages[e.rnd.IntN(len(stages))]
			sg["changes"] = []any{e.pick(texts[:6]), e.pick(texts[:6])}
			sg["touchpoints"] = []any{"SMS", e.pick([]string{"Brev", "App"})}
			what = "stage changes and touchpoints"
		}
	case 6:
		if len(stages) > 0 {
			sg := stages[e.rnd.IntN(len(stages))]
			for _, k := range []string{"energy_now", "energy_wanted"} {
				if v := e.rnd.IntN(4); v < 3 {
					sg[k] = site.Energies.Values[v]
				} else {
					delete(sg, k)
				}
			}
			what = "stage energy"
		}
	case 7:
		if len(stages) > 0 {
			sg := stages[e.rnd.IntN(len(stages))]
			c := map[string]any{"text": e.pick(texts[:6]), "status": e.pick(site.ChangeStatuses.Values)}
			if e.rnd.IntN(2) == 0 {
				c["team"] = e.pick([]string{"Kundservice", "Marknad <&>"})
			}
			if ids := e.sprints(); len(ids) > 0 && e.rnd.IntN(2) == 0 {
				c["sprint"] = ids[e.rnd.IntN(len(ids))]
			}
			sg["changes"] = []any{"En planerad förändring.", c}
			what = "stage changes with state"
		}
	case 8:
		if len(stages) > 0 {
			sg := stages[e.rnd.IntN(len(stages))]
			beliefs, _ := sg["beliefs"].([]map[string]any)
			switch {
			case len(beliefs) > 0 && e.rnd.IntN(3) == 0:
				b := beliefs[e.rnd.IntN(len(beliefs))]
				b["text"] = e.pick(texts[:6])
				b["basis"] = e.pick(site.Bases.Values)
				b["importance"] = e.pick(site.Importances.Values)
				b["evidence"] = e.pick(site.Evidences.Values)
				what = "belief edited"
			case len(beliefs) > 0 && e.rnd.IntN(3) == 0:
				beliefs = beliefs[:len(beliefs)-1]
				what = "belief removed"
			default:
				e.n++
				beliefs = append(beliefs, map[string]any{"id": fmt.Sprint("tro-", e.n), "text": "Kunderna tror något.", "basis": e.pick(site.Bases.Values)})
				what = "belief added"
			}
			sg["beliefs"] = beliefs
		}
	case 5:
		if len(stages) < 4 {
			e.n++
			stages = append(stages, map[string]any{"id": fmt.Sprint("steg-", e.n), "name": "Nytt steg"})
			what = "new stage"
		} else {
			stages = stages[:len(stages)-1]
			what = "last stage removed"
		}
		m["stages"] = stages
	}
	e.put(studyPath, "+++\n"+e.encode(m)+"+++\n"+body)
	return what, []string{studyPath}
}

func (e *editor) editSettings() (string, []string) {
	const p = "content/site.toml"
	m := e.decode(p)
	what := ""
	switch e.rnd.IntN(6) {
	case 0:
		m["title"] = e.pick([]string{"Insiktssprintar", "Sprintar & <mer>"})
		what = "site title"
	case 1:
		m["description"] = e.pick(texts[:4])
		what = "site description"
	case 2:
		m["language"] = e.pick([]string{"sv", "en"})
		what = "language"
	case 3:
		labels, _ := m["labels"].(map[string]any)
		if labels == nil {
			labels = map[string]any{}
			m["labels"] = labels
		}
		k := e.pick([]string{"nav.home", "verdict.refuted", "card.believed", "team.overdue"})
		if e.rnd.IntN(3) == 0 {
			delete(labels, k)
		} else {
			labels[k] = e.pick([]string{"Start", "Fel <!>", "Vi trodde"})
		}
		what = "label " + k
	case 4:
		if _, ok := m["base_url"]; ok {
			delete(m, "base_url")
		} else {
			m["base_url"] = "https://intranat.example.se/insikt/"
		}
		what = "base_url"
	case 5:
		m["unsafe_html"] = e.rnd.IntN(2) == 0
		what = "unsafe_html"
	}
	e.put(p, e.encode(m))
	return what, []string{p}
}

func (e *editor) editPage() (string, []string) {
	switch e.rnd.IntN(3) {
	case 0:
		e.put("content/om.md", "+++\ntitle = \""+e.pick([]string{"Så kör vi", "Om"})+"\"\n+++\n"+e.pick(texts)+"\n")
		return "page om.md", []string{"content/om.md"}
	case 1:
		e.put("content/hjalp.md", "+++\ntitle = \"Hjälp\"\n+++\n"+e.pick(texts)+"\n")
		return "page hjalp.md written", []string{"content/hjalp.md"}
	default:
		delete(e.fsys, "content/hjalp.md")
		return "page hjalp.md removed", []string{"content/hjalp.md"}
	}
}

func (e *editor) editTemplates() (string, []string) {
	stock := func(name string) string {
		b, err := templates.FS.ReadFile(name)
		if err != nil {
			e.t.Fatal(err)
		}
		return string(b)
	}
	switch e.rnd.IntN(4) {
	case 0:
		e.put("templates/sprint.html", strings.Replace(stock("sprint.html"), "<h1>", `<div class="study-summary">{{.Study.Summary}}</div><h1>`, 1))
		return "own sprint.html showing the study's summary", []string{"templates/sprint.html"}
	case 1:
		e.put("templates/base.html", strings.Replace(stock("base.html"), "</span>\n</li>", `</span><div class="lesson">{{.Learned}}</div><p class="action {{.Action.Status}}{{if .Action.Overdue}} overdue{{end}}">{{.Action.Team}}: {{.Action.Do}}</p></li>`, 1))
		return "own base.html showing lessons and actions in lists", []string{"templates/base.html"}
	case 2:
		e.put("templates/team.html", strings.Replace(stock("team.html"), "<h1>", `<h1 class="own">`, 1))
		return "own team.html", []string{"templates/team.html"}
	default:
		var gone []string
		for _, n := range []string{"templates/sprint.html", "templates/base.html", "templates/team.html"} {
			if _, ok := e.fsys[n]; ok {
				delete(e.fsys, n)
				gone = append(gone, n)
			}
		}
		return "own templates removed", gone
	}
}

// editFolders makes, removes or renames a sprint folder; the watcher
// reports the folder itself for each.
func (e *editor) editFolders(ids []string) (string, []string) {
	move := func(from, to string) {
		for name, f := range e.fsys {
			if rest, ok := strings.CutPrefix(name, from+"/"); ok {
				delete(e.fsys, name)
				if to != "" {
					e.fsys[to+"/"+rest] = f
				}
			}
		}
	}
	k := e.rnd.IntN(3)
	if len(ids) < 2 {
		k = 0
	}
	e.n++
	switch k {
	case 0:
		id := fmt.Sprintf("2026-12-%02d-ny%d", 1+e.n%28, e.n)
		e.put("sprints/"+id+"/sprint.toml", "title = \"Ny?\"\ndate = 2026-12-10\nteam = \"Marknad\"\nstudy = \"kundresa\"\n\n[assumption]\nbelief = \"Ny tro.\"\nbasis = \"insight\"\n\n[question]\nask = \"Ny fråga?\"\nmethod = \"survey\"\n\n[action]\ndo = \"Ny handling.\"\n")
		return "new sprint " + id, []string{"sprints/" + id}
	case 1:
		id := ids[e.rnd.IntN(len(ids))]
		move("sprints/"+id, "")
		return "sprint folder removed " + id, append([]string{"sprints/" + id}, e.repoint(id, "")...)
	default:
		id := ids[e.rnd.IntN(len(ids))]
		to := fmt.Sprintf("%s-%d", id, e.n)
		move("sprints/"+id, "sprints/"+to)
		return "sprint folder " + id + " renamed " + to, append([]string{"sprints/" + id, "sprints/" + to}, e.repoint(id, to)...)
	}
}

// repoint does what a team does after moving or removing a sprint's
// folder: the plans that follow it and the study's changes that came
// from it name the new id, or none. It returns the files it changed.
func (e *editor) repoint(from, to string) []string {
	var changed []string
	for _, id := range e.sprints() {
		plan := "sprints/" + id + "/sprint.toml"
		m := e.decode(plan)
		if m["follows"] != from {
			continue
		}
		if to == "" {
			delete(m, "follows")
		} else {
			m["follows"] = to
		}
		e.put(plan, e.encode(m))
		changed = append(changed, plan)
	}
	src := string(e.fsys[studyPath].Data)
	front, body, _ := strings.Cut(strings.TrimPrefix(src, "+++\n"), "+++\n")
	m := map[string]any{}
	if _, err := toml.Decode(front, &m); err != nil {
		e.t.Fatal(err)
	}
	found := false
	stages, _ := m["stages"].([]map[string]any)
	for _, sg := range stages {
		list, _ := sg["changes"].([]any)
		for _, c := range list {
			if t, ok := c.(map[string]any); ok && t["sprint"] == from {
				found = true
				if to == "" {
					delete(t, "sprint")
				} else {
					t["sprint"] = to
				}
			}
		}
	}
	if found {
		e.put(studyPath, "+++\n"+e.encode(m)+"+++\n"+body)
		changed = append(changed, studyPath)
	}
	return changed
}
