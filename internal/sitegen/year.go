package sitegen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
)

// YearToday is the day a year's site is built as of: its sprints run
// through the year before it, and a few are planned for the weeks after.
var YearToday = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// YearFacts names the parts of a year's site that tests look for.
type YearFacts struct {
	Today time.Time

	// LongNotes is a done sprint of the latest quarter whose notes.md is
	// about 3,000 words long.
	LongNotes string

	// NotesWord occurs in the site's text only in NotesWordSprint's notes.md.
	NotesWord, NotesWordSprint string

	// Studies are the study ids; Teams the team names.
	Studies, Teams []string
}

// Year returns the files of one organisation's year of sprints: three
// journey-map studies of 4 to 7 stages (current and desired states,
// beliefs, changes plain and with team, status, since and sprint), twelve teams
// and n sprints (150 and 450 are the sizes the tests use). Sprints test
// the maps' beliefs (retests disagree), follow each other in chains, and
// are done, planned (many long past their date: plans not held) or
// abandoned; actions are in every state, with due dates or without, many
// past due. Notes run from 200 to 3,000 words with headings, lists,
// tables and images, some of which are missing. The text is Swedish. The
// same n gives the same bytes.
func Year(n int) map[string]string {
	files, _ := year(n)
	return files
}

// YearInfo returns what tests need to know of Year(n).
func YearInfo(n int) YearFacts {
	_, facts := year(n)
	return facts
}

// YearMapFS returns Year(n) as an in-memory file system.
func YearMapFS(n int) fstest.MapFS { return mapFS(Year(n)) }

// WriteYearDir writes Year(n) into dir.
func WriteYearDir(dir string, n int) error { return writeDir(dir, Year(n)) }

// rnd is a small deterministic random source (splitmix64), so the same
// seed gives the same site on every Go version.
type rnd struct{ s uint64 }

func newRnd(seed ...int) *rnd {
	r := &rnd{s: 0x5eed}
	for _, x := range seed {
		r.s = r.s*31 + uint64(x)
		r.next()
	}
	return r
}

func (r *rnd) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// n returns a number in [0, k).
func (r *rnd) n(k int) int { return int(r.next() % uint64(k)) }

// pct reports true p times in a hundred.
func (r *rnd) pct(p int) bool { return r.n(100) < p }

func pick[T any](r *rnd, xs []T) T { return xs[r.n(len(xs))] }

// A yearBelief is a belief of a study's map, as the generator knows it.
type yearBelief struct {
	id, topic string
	stage     int
	testable  bool   // some important beliefs are never tested: they stay "test next"
	title     string // the title of the first sprint that tested it
}

// A yearSprint is what later sprints and the studies' changes refer to.
type yearSprint struct {
	id, status, doText, team string
	study, stage             int
	date                     time.Time
}

// A yearGen is a year's site as it is made, one sprint after the other:
// the files so far, the facts, the studies' beliefs and the sprints made.
type yearGen struct {
	n       int // the number of sprints
	files   map[string]string
	facts   YearFacts
	beliefs [][]yearBelief // by study
	sprints []yearSprint
	ids     map[string]bool
	lastAt  map[[2]int]int // the latest done sprint by study and stage, by index
	quarter time.Time      // the first day of today's quarter
}

// A yearDraft is a sprint being made: what its sprint.toml says.
type yearDraft struct {
	id, title, team, status string
	study, stage            int
	date                    time.Time
	topic, assumption       string      // assumption: the lines of its [assumption]
	tested                  *yearBelief // the belief of the map it tests, if any
	doText, actionTeam      string      // its action, once written
}

func year(n int) (map[string]string, YearFacts) {
	g := &yearGen{
		n: n,
		files: map[string]string{
			"content/site.toml": "title = \"Veckokassens insiktssprintar\"\nlanguage = \"sv\"\nbase_url = \"https://intranat.example.se/insikt/\"\n" +
				"description = \"Ett år av insiktssprintar: vad vi lärt oss om kunderna, en sida per sprint och en karta per studie.\"\n",
			"content/om.md": "+++\ntitle = \"Om sprintarna\"\n+++\n\nVarje sprint är *90 minuter*: ett antagande, en fråga till kunder och en åtgärd som teamet själv tar.\n",
		},
		facts:   YearFacts{Today: YearToday, Teams: yearTeams, NotesWord: "surdegsstartern"},
		beliefs: yearBeliefs(),
		ids:     map[string]bool{},
		lastAt:  map[[2]int]int{},
		quarter: quarterStart(YearToday),
	}
	for _, st := range yearStudies {
		g.facts.Studies = append(g.facts.Studies, st.id)
	}

	// The year runs from a year before today to two weeks after it.
	start := YearToday.AddDate(-1, 0, 0)
	span := 365 + 14
	for i := range n {
		g.sprint(i, start.AddDate(0, 0, i*span/n))
	}

	for s, st := range yearStudies {
		g.files["content/studies/"+st.id+".md"] = studyFile(s, st, g.beliefs[s], g.sprints)
	}
	return g.files, g.facts
}

// yearBeliefs is the beliefs of each study's map, by study: 3 to 6 at
// each stage, on the stage's topics; the third of a stage is never tested.
func yearBeliefs() [][]yearBelief {
	beliefs := make([][]yearBelief, len(yearStudies))
	for s, st := range yearStudies {
		for g, sg := range st.stages {
			r := newRnd(s, g)
			for k := range 3 + r.n(4) {
				topic := sg.topics[k%len(sg.topics)]
				beliefs[s] = append(beliefs[s], yearBelief{
					id:       fmt.Sprintf("%s-%d", site.Slug(topic), k/len(sg.topics)+1),
					topic:    topic,
					stage:    g,
					testable: k != 2,
				})
			}
		}
	}
	return beliefs
}

// sprint makes the i-th sprint, on date: its sprint.toml and, for most
// done sprints, its notes.md.
func (g *yearGen) sprint(i int, date time.Time) {
	r := newRnd(1000, i)
	d := &yearDraft{date: date}
	d.study = []int{0, 0, 0, 0, 0, 1, 1, 1, 2, 2}[r.n(10)]
	d.team = yearTeams[r.n(len(yearTeams))]
	d.status = sprintStatus(r, date)
	d.tested, d.stage, d.topic, d.assumption = yearAssumption(r, yearStudies[d.study], g.beliefs[d.study])
	d.title = sprintTitle(r, d.topic, d.tested)
	d.id = g.uniqueID(date, d.title)
	g.files["sprints/"+d.id+"/sprint.toml"] = g.sprintTOML(r, d)

	if d.status == "done" && r.pct(85) {
		g.notes(r, i, d.id, date)
	}
	if d.status == "done" {
		g.lastAt[[2]int{d.study, d.stage}] = len(g.sprints)
	}
	g.sprints = append(g.sprints, yearSprint{id: d.id, status: d.status, doText: d.doText, team: d.actionTeam, study: d.study, stage: d.stage, date: date})
}

// sprintStatus is the status of a sprint on date: planned after today;
// before it, mostly done, else planned (a plan not held) or abandoned.
func sprintStatus(r *rnd, date time.Time) string {
	status := "done"
	switch p := r.n(100); {
	case date.After(YearToday):
		status = "planned"
	case p >= 72 && p < 90:
		status = "planned"
	case p >= 90:
		status = "abandoned"
	}
	return status
}

// yearAssumption is a sprint's assumption on study st, whose map has
// beliefs: most test one of its testable beliefs (tested), the others
// state their own at one of its stages.
func yearAssumption(r *rnd, st yearStudy, beliefs []yearBelief) (tested *yearBelief, stage int, topic, assumption string) {
	if r.pct(60) {
		for {
			b := &beliefs[r.n(len(beliefs))]
			if b.testable {
				tested = b
				break
			}
		}
		stage, topic = tested.stage, tested.topic
		assumption = fmt.Sprintf("tests = %q\n", tested.id)
		return tested, stage, topic, assumption
	}
	stage = r.n(len(st.stages))
	topic = pick(r, st.stages[stage].topics)
	assumption = fmt.Sprintf("belief = %q\nbasis = %q\nimportance = %q\nevidence = %q\n",
		belief(r, topic), pick(r, site.Bases.Values), pick(r, []string{"high", "high", "low"}), pick(r, site.Evidences.Values))
	return nil, stage, topic, assumption
}

// sprintTitle is the title of a sprint on topic. The first sprint to test
// a belief gives it its title; half of the later ones, retests, take it.
func sprintTitle(r *rnd, topic string, tested *yearBelief) string {
	title := fmt.Sprintf(pick(r, titleForms), topic)
	if tested != nil {
		if tested.title == "" {
			tested.title = title
		} else if r.pct(50) {
			title = tested.title // a retest under the same title
		}
	}
	return title
}

// uniqueID is the id of a sprint of title on date, numbered when another
// sprint has it already, and notes it as taken.
func (g *yearGen) uniqueID(date time.Time, title string) string {
	id := date.Format(time.DateOnly) + "-" + site.Slug(title)
	for k := 2; g.ids[id]; k++ {
		id = fmt.Sprintf("%s-%s-%d", date.Format(time.DateOnly), site.Slug(title), k)
	}
	g.ids[id] = true
	return id
}

// sprintTOML is the sprint.toml of d; it sets d's action.
func (g *yearGen) sprintTOML(r *rnd, d *yearDraft) string {
	st := yearStudies[d.study]
	var b strings.Builder
	fmt.Fprintf(&b, "title = %q\ndate = %s\nteam = %q\nstudy = %q\n", d.title, d.date.Format(time.DateOnly), d.team, st.id)
	relation := pick(r, site.Relations.Values)
	fmt.Fprintf(&b, "relation = %q\n", relation)
	if d.tested == nil {
		fmt.Fprintf(&b, "stage = %q\n", st.stages[d.stage].id)
	}
	fmt.Fprintf(&b, "status = %q\n", d.status)
	duration := 90
	if r.pct(10) {
		duration = 60
	}
	h := r.n(len(helpers))
	fmt.Fprintf(&b, "duration = %d\nfacilitator = %q\nparticipants = [%q, %q]\n", duration, "teamledare "+strings.ToLower(d.team), helpers[h], helpers[(h+1+r.n(len(helpers)-1))%len(helpers)])
	if j, ok := g.lastAt[[2]int{d.study, d.stage}]; ok && r.pct(25) {
		fmt.Fprintf(&b, "follows = %q\n", g.sprints[j].id)
	}
	fmt.Fprintf(&b, "\n[assumption]\n%s", d.assumption)
	total := 6 + r.n(5)
	fmt.Fprintf(&b, "\n[question]\nask = %q\nmethod = %q\ncustomers = %d\n", fmt.Sprintf(pick(r, asks), d.topic), pick(r, site.Methods.Values), total)
	if c := pick(r, criteria); c != "" {
		fmt.Fprintf(&b, "criterion = %q\n", c)
	}
	writeAction(&b, r, d, total)
	if duration == 60 && r.pct(50) {
		b.WriteString("\n[[agenda]]\nblock = \"Rama in antagandet\"\nminutes = 10\n\n[[agenda]]\nblock = \"Möta kunder\"\nminutes = 35\n\n[[agenda]]\nblock = \"Besluta åtgärden\"\nminutes = 15\n")
	}
	return b.String()
}

// writeAction writes d's [action] to b, and for a done sprint its
// [result] of total customers; it sets d's action.
func writeAction(b *strings.Builder, r *rnd, d *yearDraft, total int) {
	d.doText = fmt.Sprintf(pick(r, doForms), d.topic)
	d.actionTeam = d.team
	fmt.Fprintf(b, "\n[action]\ndo = %q\n", d.doText)
	if r.pct(20) {
		d.actionTeam = yearTeams[r.n(len(yearTeams))]
		fmt.Fprintf(b, "team = %q\n", d.actionTeam)
	}
	fmt.Fprintf(b, "energy = %q\n", pick(r, site.Energies.Values))
	if o := pick(r, owners); o != "" {
		fmt.Fprintf(b, "owner = %q\n", o)
	}
	if r.pct(85) {
		fmt.Fprintf(b, "due = %s\n", d.date.AddDate(0, 0, 14+r.n(60)).Format(time.DateOnly))
	}
	if d.status == "done" {
		fmt.Fprintf(b, "status = %q\n", pick(r, site.ActionStatuses.Values))
		fmt.Fprintf(b, "\n[result]\nverdict = %q\nlearned = %q\n", pick(r, site.Verdicts.Values), lesson(r, d.topic, total))
		if r.pct(60) {
			fmt.Fprintf(b, "evidence = %q\n", pick(r, []string{"anecdote", "research", "data"}))
		}
	}
}

// notes adds the notes.md of the i-th sprint, id on date, and notes in
// the facts the first sprint with long notes and the one with the word.
func (g *yearGen) notes(r *rnd, i int, id string, date time.Time) {
	words := 200 + r.n(1300)
	if r.pct(10) {
		words = 2000 + r.n(1000)
	}
	long := g.facts.LongNotes == "" && !date.Before(g.quarter) && i%2 == 0
	if long {
		g.facts.LongNotes, words = id, 3000
	}
	word := ""
	if g.facts.NotesWordSprint == "" && i >= g.n/3 {
		g.facts.NotesWordSprint, word = id, g.facts.NotesWord
	}
	var prev string
	if len(g.sprints) > 0 && r.pct(5) {
		prev = g.sprints[len(g.sprints)-1].id
	}
	g.files["sprints/"+id+"/notes.md"] = yearNotes(r, id, words, word, prev, long, g.files)
}

// quarterStart is the first day of day's quarter.
func quarterStart(day time.Time) time.Time {
	return time.Date(day.Year(), (day.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
}

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for p, s := range files {
		m[p] = &fstest.MapFile{Data: []byte(s), Mode: 0o644}
	}
	return m
}

func writeDir(dir string, files map[string]string) error {
	for p, s := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			return err
		}
	}
	return nil
}
