package scaffold

import (
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
)

// NewStudy plans content/studies/<slug>.md for the site in fsys: front
// matter with every key commented, and a commented [[stages]] example.
// Only the site's language is read, so a site with other problems can
// still get a study.
func NewStudy(fsys fs.FS, title string, today time.Time) (id string, p Plan, err error) {
	id = site.Slug(title)
	if id == "" {
		return "", Plan{}, fmt.Errorf("title %q has no letters or digits to name the study's file by", title)
	}
	st := studyFile{Lang: Language(fsys), Title: title, Date: today, Kind: "journey-map"}
	return id, Plan{Files: []File{{Path: "content/studies/" + id + ".md", Data: st.markdown()}}}, nil
}

// Language is the site's language from content/site.toml: "sv" or "en"
// (the default, also when the settings cannot be read).
func Language(fsys fs.FS) string {
	s, _ := site.LoadSettings(fsys)
	if s.Language == "sv" {
		return "sv"
	}
	return "en"
}

// A studyFile holds the values that a study's file is written with.
type studyFile struct {
	Lang    string
	Title   string
	Date    time.Time
	Owner   string
	Kind    string
	Summary string
	Stages  []stage // none: a commented example instead
	Body    string
}

type stage struct {
	ID, Name, Current, Desired string
	Changes, Touchpoints       []string
}

func (st studyFile) markdown() []byte {
	var b strings.Builder
	l := st.Lang
	c := func(sv, en string) { fmt.Fprintf(&b, "# %s\n", lang(l, sv, en)) }
	kv := func(k, v string) { fmt.Fprintf(&b, "%s = %s\n", k, v) }
	b.WriteString("+++\n")
	c("En stor originalstudie som sprintarna pilotar eller följer upp. Rader som börjar med # är kommentarer.",
		"A large original study that sprints pilot or follow up. Lines starting with # are comments.")
	c("Studiens namn.", "The study's name.")
	kv("title", quote(st.Title))
	c("När studien gjordes.", "When the study was made.")
	kv("date", st.Date.Format(time.DateOnly))
	c("Vem som äger studien och håller kartan aktuell.", "Who owns the study and keeps its map up to date.")
	kv("owner", quote(st.Owner))
	c("journey-map, interviews, survey eller other.", "journey-map, interviews, survey or other.")
	kv("kind", quote(st.Kind))
	c("Länk till originalrapporten på intranätet: en https:-adress eller en file:-länk till en delad mapp.",
		"A link to the original report on the intranet: an https: address or a file: link to a share.")
	b.WriteString("# report = \"file://server/share/report.pdf\"\n")
	c("En eller två meningar om vad studien visade.", "One or two sentences on what the study showed.")
	kv("summary", quote(st.Summary))
	b.WriteString("\n")
	c("Kundresan som förändringsplan: ett [[stages]]-block per steg. Ett steg är en kundaktivitet",
		"The journey as a change plan: one [[stages]] block per stage. A stage is a customer activity")
	c("(”Komma igång”), inte en kontaktpunkt; kontaktpunkterna skrivs efter aktiviteten.",
		"(\"Getting started\"), not a touchpoint; the touchpoints are listed after the activity.")
	if len(st.Stages) == 0 {
		b.WriteString("#\n")
		for _, line := range []string{
			"[[stages]]",
			"id = " + quote(lang(l, "komma-igang", "getting-started")),
			"name = " + quote(lang(l, "Komma igång", "Getting started")),
			"current = " + quote(lang(l, "Nuläget: hur det är för kunden i dag.", "The current state: how it is for the customer today.")),
			"desired = " + quote(lang(l, "Önskat läge: hur det borde vara.", "The desired state: how it should be.")),
			"changes = " + quoteList([]string{lang(l, "En förändring som är på gång.", "A change under way.")}),
			"touchpoints = " + quoteList([]string{lang(l, "Välkomstbrev", "Welcome letter"), "App"}),
		} {
			fmt.Fprintf(&b, "# %s\n", line)
		}
	}
	for _, sg := range st.Stages {
		b.WriteString("\n[[stages]]\n")
		kv("id", quote(sg.ID))
		kv("name", quote(sg.Name))
		kv("current", quote(sg.Current))
		kv("desired", quote(sg.Desired))
		kv("changes", quoteList(sg.Changes))
		kv("touchpoints", quoteList(sg.Touchpoints))
	}
	b.WriteString("+++\n")
	if st.Body != "" {
		b.WriteString(st.Body)
	} else {
		b.WriteString(lang(l,
			"Beskriv studien här, i Markdown: vad ni ville veta, hur ni gjorde och vad ni fann.\n",
			"Describe the study here, in Markdown: what you wanted to know, how you went about it and what you found.\n"))
	}
	return []byte(b.String())
}
