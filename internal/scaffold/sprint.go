package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/sprintkit/sprintkit/internal/labels"
	"github.com/sprintkit/sprintkit/internal/site"
)

// SprintOptions describe a new sprint plan.
type SprintOptions struct {
	Title string
	Date  time.Time
	Team  string // "" takes the site's only team
	Study string // "" takes the site's only study
	Stage string // optional: a stage of the study
}

// NewSprint plans sprints/<date>-<slug>/ with a sprint.toml and a notes.md
// for the site in fsys, which must load without problems (it names the
// studies and the language). Every field of the plan is written out with a
// comment; the texts to replace end in "…", so the plan passes check as it
// stands yet is plainly unfinished.
func NewSprint(fsys fs.FS, o SprintOptions) (id string, p Plan, err error) {
	s, err := site.Load(fsys, site.Options{})
	if err != nil {
		return "", Plan{}, err
	}
	slug := site.Slug(o.Title)
	if slug == "" {
		return "", Plan{}, fmt.Errorf("title %q has no letters or digits to name the sprint's folder by", o.Title)
	}
	if o.Team == "" {
		if len(s.Teams) != 1 {
			var names []string
			for _, t := range s.Teams {
				names = append(names, t.Name)
			}
			return "", Plan{}, fmt.Errorf("name the team that runs the sprint with --team%s", listed("teams so far", names))
		}
		o.Team = s.Teams[0].Name
	}
	if site.Slug(o.Team) == "" {
		return "", Plan{}, fmt.Errorf("team %q has no letters or digits to name the team's page by", o.Team)
	}
	var ids []string
	var study *site.Study
	for _, st := range s.Studies {
		ids = append(ids, st.ID)
		if st.ID == o.Study {
			study = st
		}
	}
	switch {
	case len(s.Studies) == 0:
		return "", Plan{}, errors.New("the site has no study yet: every sprint belongs to one (make it with sprintkit new study TITLE)")
	case o.Study == "" && len(s.Studies) == 1:
		study = s.Studies[0]
	case o.Study == "":
		return "", Plan{}, fmt.Errorf("name the study the sprint belongs to with --study%s", listed("studies", ids))
	case study == nil:
		return "", Plan{}, fmt.Errorf("unknown study %q%s", o.Study, listed("studies", ids))
	}
	var stages []string
	for _, sg := range study.Stages {
		stages = append(stages, sg.ID)
	}
	if o.Stage != "" && !slices.Contains(stages, o.Stage) {
		return "", Plan{}, fmt.Errorf("%q is not a stage of study %q%s", o.Stage, study.ID, listed("stages", stages))
	}
	id = o.Date.Format(time.DateOnly) + "-" + slug
	l := s.Settings.Language
	plan := sprintPlan{
		Lang: l, Title: o.Title, Date: o.Date, Team: o.Team, Study: study.ID,
		Stage: o.Stage, Stages: stages, Status: "planned",
		Belief: lang(l, "Vi tror att …", "We believe that …"),
		Ask:    lang(l, "Vad …?", "What …?"),
		Do:     lang(l, "Vi …", "We will …"),
	}
	return id, Plan{
		Dirs: []string{"sprints/" + id},
		Files: []File{
			{Path: "sprints/" + id + "/sprint.toml", Data: plan.toml()},
			{Path: "sprints/" + id + "/notes.md", Data: notes(l, o.Team)},
		},
	}, nil
}

// listed names the known values in an error, or says there are none.
func listed(what string, names []string) string {
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s: %s)", what, strings.Join(names, ", "))
}

// sprintPlan holds the values that a new sprint.toml is written with.
type sprintPlan struct {
	Lang         string
	Title        string
	Date         time.Time
	Team         string
	Study        string
	Stage        string
	Stages       []string // the study's stages, named in a comment
	Status       string
	Facilitator  string
	Participants []string
	Belief       string
	Basis        string // "" for assumption
	Evidence     string // "" for none
	Ask          string
	Method       string // "" for interview
	Customers    int
	Criterion    string
	Do           string
	Strengthens  string
}

// toml writes the plan with every field of a sprint, each with a comment.
func (p sprintPlan) toml() []byte {
	var b strings.Builder
	l := p.Lang
	c := func(sv, en string) { fmt.Fprintf(&b, "# %s\n", lang(l, sv, en)) }
	kv := func(k, v string) { fmt.Fprintf(&b, "%s = %s\n", k, v) }
	or := func(v, def string) string {
		if v == "" {
			return def
		}
		return v
	}

	c("Sprintplan för sprintkit. Byt ut texterna som slutar på … mot era egna och kör sprintkit check.",
		"A sprintkit sprint plan. Replace the texts that end in … with your own, then run sprintkit check.")
	c("Rader som börjar med # är kommentarer; ta bort # för att använda en nyckel.",
		"Lines starting with # are comments; remove the # to use a key.")
	b.WriteString("\n")
	c("Kort titel, gärna som en fråga.", "A short title, best as a question.")
	kv("title", quote(p.Title))
	c("Dagen för sessionen.", "The day of the session.")
	kv("date", p.Date.Format(time.DateOnly))
	c("Teamet som kör sprinten och äger åtgärden.", "The team that runs the sprint and owns the action.")
	kv("team", quote(p.Team))
	c("Studien som sprinten hör till: id för en fil i content/studies/.", "The study the sprint belongs to: the id of a file in content/studies/.")
	kv("study", quote(p.Study))
	c("Hur sprinten förhåller sig till studien: pilots, follows-up, challenges eller confirms.",
		"How the sprint relates to the study: pilots, follows-up, challenges or confirms.")
	kv("relation", quote("pilots"))
	if len(p.Stages) > 0 {
		c("Steget i kundresan (en kundaktivitet), eller tomt. Studiens steg: "+strings.Join(p.Stages, ", ")+".",
			"The journey stage (a customer activity), or empty. The study's stages: "+strings.Join(p.Stages, ", ")+".")
	} else {
		c("Steget i kundresan (en kundaktivitet), eller tomt. Studien har inga steg ännu.",
			"The journey stage (a customer activity), or empty. The study has no stages yet.")
	}
	kv("stage", quote(p.Stage))
	c("planned före sessionen; done efter den (fyll då i [result]); abandoned om den ställs in.",
		"planned before the session; done after it (then fill in [result]); abandoned if it is called off.")
	kv("status", quote(p.Status))
	c("Tidsramen i minuter; blocken i agendan längst ner ska tillsammans bli lika många.",
		"The timebox in minutes; the agenda blocks at the end must add up to it.")
	kv("duration", "90")
	c("Vem som leder sessionen.", "Who leads the session.")
	kv("facilitator", quote(p.Facilitator))
	c("Vilka som är med, till exempel [\"två handläggare\", \"en från kundresegruppen\"].",
		"Who takes part, for example [\"two agents\", \"one from the journey team\"].")
	kv("participants", quoteList(p.Participants))
	c("Mappnamnet för en tidigare sprint som den här följer upp.", "The folder name of an earlier sprint that this one follows up.")
	b.WriteString("# follows = \"\"\n")

	b.WriteString("\n[assumption]\n")
	c("Vad vi tror om kunderna i dag: ”Vi tror att …”.", "What we believe about our customers today: \"We believe that …\".")
	kv("belief", quote(p.Belief))
	c("assumption (internt antagande) eller insight (kundsann insikt från studien).",
		"assumption (an internal belief) or insight (customer-true, from the study).")
	kv("basis", quote(or(p.Basis, "assumption")))
	c("Hur viktigt antagandet är: high eller low.", "How important the assumption is: high or low.")
	kv("importance", quote("high"))
	c("Belägg före sessionen: none, opinion, anecdote, research eller data.",
		"Evidence before the session: none, opinion, anecdote, research or data.")
	kv("evidence", quote(or(p.Evidence, "none")))

	b.WriteString("\n[question]\n")
	c("Den konkreta frågan till kunderna.", "The one concrete question for the customers.")
	kv("ask", quote(p.Ask))
	c("interview, observation, survey, data, prototype eller other.", "interview, observation, survey, data, prototype or other.")
	kv("method", quote(or(p.Method, "interview")))
	c("Hur många kunder ni frågar.", "How many customers you ask.")
	if p.Customers > 0 {
		kv("customers", fmt.Sprint(p.Customers))
	} else {
		b.WriteString("# customers = 5\n")
	}
	c("Vi har rätt om …", "We are right if …")
	kv("criterion", quote(p.Criterion))

	b.WriteString("\n[action]\n")
	c("Därför kommer vi att …: en konkret åtgärd som teamet själv kan göra.",
		"Therefore we will …: one concrete action that the team can take itself.")
	kv("do", quote(p.Do))
	c("Teamet som gör åtgärden, om det inte är teamet ovan.", "The team that acts, when it is not the team above.")
	fmt.Fprintf(&b, "# team = %s\n", quote(p.Team))
	c("Det kunddrivna arbete som redan pågår och som åtgärden förstärker.",
		"The customer-driven work already under way that the action strengthens.")
	kv("strengthens", quote(p.Strengthens))
	c("Vad åtgärden kostar teamet: low, medium eller high.", "What the action costs the team: low, medium or high.")
	kv("energy", quote("low"))
	c("Vem som ser till att åtgärden blir av, och när den ska vara klar.", "Who sees the action through, and when it is due.")
	kv("owner", quote(""))
	fmt.Fprintf(&b, "# due = %s\n", p.Date.AddDate(0, 1, 0).Format(time.DateOnly))
	c("open, doing, done eller dropped: ledde insikten till handling?", "open, doing, done or dropped: did the insight lead to doing?")
	kv("status", quote("open"))

	b.WriteString("\n")
	c("Fylls i efter sessionen, när status blir done.", "Filled in after the session, when status becomes done.")
	b.WriteString("# [result]\n")
	c("supported, refuted eller inconclusive.", "supported, refuted or inconclusive.")
	b.WriteString("# verdict = \"\"\n")
	c("Vi lärde oss …, i en eller två meningar.", "We learned …, in one or two sentences.")
	b.WriteString("# learned = \"\"\n")
	c("Belägg efter sessionen: none, opinion, anecdote, research eller data.",
		"Evidence after the session: none, opinion, anecdote, research or data.")
	b.WriteString("# evidence = \"\"\n")

	b.WriteString("\n")
	c("Sessionens block, i tur och ordning. Minuterna ska bli lika många som duration.",
		"The blocks of the session, in order. Their minutes must add up to duration.")
	for _, blk := range site.DefaultAgenda(90) {
		b.WriteString("\n[[agenda]]\n")
		kv("block", quote(label(l, blk.Key)))
		kv("minutes", fmt.Sprint(blk.Minutes))
	}
	return []byte(b.String())
}

// notes is a new notes.md: the learning card's headings, with a hint for
// each in a comment that the page does not show.
func notes(l, team string) []byte {
	var b strings.Builder
	head := func(key string, pairs ...any) {
		s := label(l, key)
		for i := 0; i+1 < len(pairs); i += 2 {
			s = strings.ReplaceAll(s, fmt.Sprintf("{%v}", pairs[i]), fmt.Sprint(pairs[i+1]))
		}
		fmt.Fprintf(&b, "## %s\n\n", s)
	}
	hint := func(sv, en string) { fmt.Fprintf(&b, "<!-- %s -->\n\n", lang(l, sv, en)) }
	head("card.observed")
	hint("Vad kunderna sa och gjorde, med deras egna ord. En rad per kund räcker.",
		"What the customers said and did, in their own words. One line per customer will do.")
	head("card.learned")
	hint("Ett utkast under sessionen; det färdiga skrivs i sprint.toml under [result] learned.",
		"A draft during the session; the final text goes into sprint.toml under [result] learned.")
	head("card.therefore", "team", team)
	hint("Ett utkast under sessionen; den färdiga åtgärden skrivs i sprint.toml under [action] do.",
		"A draft during the session; the final action goes into sprint.toml under [action] do.")
	return []byte(strings.TrimSuffix(b.String(), "\n"))
}

// label is the default interface text of key in the language l.
func label(l, key string) string {
	s, _ := labels.Text(l, key)
	return s
}
