package sitegen

import (
	"fmt"
	"strings"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
)

// The files of the generated year's texts: beliefs, lessons, the
// studies' maps and the notes.

func belief(r *rnd, topic string) string {
	return fmt.Sprintf("%s %s %s.", pick(r, subjects), fmt.Sprintf(pick(r, claims), topic), pick(r, reasons))
}

func lesson(r *rnd, topic string, total int) string {
	what := fmt.Sprintf(pick(r, claims), topic)
	return fmt.Sprintf(pick(r, lessonForms), 1+r.n(total), total, what) + pick(r, lessonTails)
}

// studyFile is study s's file: its front matter with the map, then a body
// of a few hundred words.
func studyFile(s int, st yearStudy, beliefs []yearBelief, sprints []yearSprint) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\ndate = 2025-10-%02d\nowner = %q\nkind = \"journey-map\"\n", st.title, 10+s*5, st.owner)
	fmt.Fprintf(&b, "report = \"https://intranat.example.se/cx/%s/rapport.pdf\"\nsummary = %q\n", st.id, st.summary)
	for g, sg := range st.stages {
		r := newRnd(2000, s, g)
		fmt.Fprintf(&b, "\n[[stages]]\nid = %q\nname = %q\n", sg.id, sg.name)
		fmt.Fprintf(&b, "energy_now = %q\nenergy_wanted = \"low\"\n", pick(r, []string{"medium", "high", "high"}))
		fmt.Fprintf(&b, "current = %q\ndesired = %q\n", sg.current, sg.desired)
		b.WriteString("changes = [\n")
		fmt.Fprintf(&b, "  %q,\n", fmt.Sprintf("Ny text om %s på hjälpsidorna.", sg.topics[0]))
		fmt.Fprintf(&b, "  { text = %q, team = %q, status = %q, since = %s },\n",
			fmt.Sprintf("Vi ser över %s tillsammans med kunder.", sg.topics[1%len(sg.topics)]), pick(r, yearTeams), pick(r, site.ChangeStatuses.Values),
			YearToday.AddDate(0, 0, -r.n(300)).Format(time.DateOnly))
		// The latest done sprints at the stage bring their action onto
		// the map: most follow it, one says its own status.
		k := 0
		for i := len(sprints) - 1; i >= 0 && k < 2; i-- {
			sp := sprints[i]
			if sp.study != s || sp.stage != g || sp.status != "done" {
				continue
			}
			if k == 0 {
				fmt.Fprintf(&b, "  { text = %q, sprint = %q },\n", sp.doText, sp.id)
			} else {
				fmt.Fprintf(&b, "  { text = %q, team = %q, status = \"doing\", sprint = %q },\n", sp.doText, sp.team, sp.id)
			}
			k++
		}
		b.WriteString("]\n")
		fmt.Fprintf(&b, "touchpoints = [%s]\n", quoted(sg.touchpoints))
		for _, bl := range beliefs {
			if bl.stage != g {
				continue
			}
			fmt.Fprintf(&b, "\n[[stages.beliefs]]\nid = %q\ntext = %q\nbasis = %q\nimportance = %q\nevidence = %q\n",
				bl.id, belief(r, bl.topic), pick(r, site.Bases.Values), pick(r, []string{"high", "high", "low"}), pick(r, site.Evidences.Values))
		}
	}
	b.WriteString("+++\n\n")
	r := newRnd(3000, s)
	fmt.Fprintf(&b, "## Så gjorde vi studien\n\n%s\n\n", paragraph(r, 60))
	b.WriteString("| Steg | Intervjuer | Observationer |\n|---|---|---|\n")
	for _, sg := range st.stages {
		fmt.Fprintf(&b, "| %s | %d | %d |\n", sg.name, 4+r.n(8), r.n(5))
	}
	fmt.Fprintf(&b, "\n## Det viktigaste vi hittade\n\n")
	for _, sg := range st.stages {
		fmt.Fprintf(&b, "- **%s:** %s\n", sg.name, sg.current)
	}
	fmt.Fprintf(&b, "\n## Vad som händer nu\n\n%s\n\n%s\n", paragraph(r, 80), paragraph(r, 50))
	return b.String()
}

func quoted(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

// paragraph is sentences of about words words.
func paragraph(r *rnd, words int) string {
	var b strings.Builder
	for n := 0; n < words; {
		s := pick(r, sentence)
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
		n += strings.Count(s, " ") + 1
	}
	return b.String()
}

// yearNotes is a notes.md of about words words: headings, paragraphs, a
// list, a table, quotes and images. An image is a file in the sprint's
// folder (added to files) or, now and then, missing; prev, when set, is
// an earlier sprint whose board photo the notes link to, outside the
// folder. word, when set, is put in one sentence.
func yearNotes(r *rnd, id string, words int, word, prev string, long bool, files map[string]string) string {
	var b strings.Builder
	n := 0
	add := func(s string) {
		b.WriteString(s)
		n += strings.Count(s, " ")
	}
	h := 0
	for n < words {
		add(fmt.Sprintf("## %s\n\n", headings[h%len(headings)]))
		switch h % 5 {
		case 1:
			for range 3 + r.n(4) {
				add("- " + pick(r, sentence) + "\n")
			}
			add("\n")
		case 2:
			add("| Kund | Hittade själv | Tid | Kommentar |\n|---|---|---|---|\n")
			for k := range 4 + r.n(5) {
				add(fmt.Sprintf("| %d | %s | %d s | %s |\n", k+1, pick(r, []string{"ja", "nej", "delvis"}), 10+r.n(120),
					pick(r, []string{"–", "ringde hellre", "leveransdagsomläggningsförfrågan", "letade i menyn", "hittade via sökningen"})))
			}
			add("\n")
		case 3:
			add("> " + pick(r, quotes) + "\n\n")
		}
		add(paragraph(r, 40+r.n(120)) + "\n\n")
		if h == 1 && (long || r.pct(50)) {
			add("![Tavlan efter sessionen](tavla.svg)\n\n")
			files["sprints/"+id+"/tavla.svg"] = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180"><rect width="320" height="180" fill="#fffbe6"/><text x="20" y="95" font-size="20" font-family="sans-serif">Lappar från tavlan</text></svg>` + "\n"
		}
		if h == 2 && r.pct(20) {
			add(fmt.Sprintf("![Foto från samtalet](foto-%d.jpg)\n\n", 1+r.n(9))) // never added: a missing image
		}
		if h == 0 && word != "" {
			add(fmt.Sprintf("En kund jämförde kassen med %s: den behöver också matas varje vecka.\n\n", word))
			word = ""
		}
		if h == 0 && prev != "" {
			add(fmt.Sprintf("Jämför med [tavlan från förra sprinten](../%s/tavla.svg).\n\n", prev))
		}
		h++
	}
	b.WriteString("## Att göra efter sessionen\n\n- [x] Sammanställ lapparna från tavlan\n- [ ] Boka uppföljning med teamet\n- [ ] Dela kortet i teamkanalen\n")
	return b.String()
}
