// Package sitegen makes synthetic sites for benchmarks and tests. Files
// makes a site of any size for benchmarks: n sprints over a few studies
// and teams, with notes of a realistic length (headings, a table, a task
// list). Year makes one organisation's year as people would write it:
// three journey maps, twelve teams, retests, plans not held, abandoned
// sprints, actions past due, long notes and missing images (year.go).
// The same n gives the same bytes.
package sitegen

import (
	"fmt"
	"strings"
	"testing/fstest"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
)

var (
	teams  = []string{"Kundservice", "Fakturering", "Digitala kanaler", "Leverans", "Produkt", "Marknad", "Säljstöd", "CX-gruppen"}
	stages = []string{"upptacka", "valja", "komma-igang", "anvanda", "fa-hjalp", "fornya"}

	// Each value of each enum comes up, from the one list of them.
	verdicts = site.Verdicts.Values
	bases    = site.Bases.Values
	methods  = site.Methods.Values
	energies = site.Energies.Values
	actions  = site.ActionStatuses.Values
)

// Files returns the files of a site with n sprints, by slash-separated path.
func Files(n int) map[string]string {
	files := map[string]string{
		"content/site.toml": "title = \"Insiktssprintar\"\nlanguage = \"sv\"\nbase_url = \"https://intranat.example.se/insikt/\"\ndescription = \"Genererad webbplats för prov.\"\n",
		"content/om.md":     "+++\ntitle = \"Om\"\n+++\n\nSå kör vi en sprint på *90 minuter*.\n",
	}
	nStudies := max(1, n/500)
	for s := range nStudies {
		var b strings.Builder
		fmt.Fprintf(&b, "+++\ntitle = \"Studie %d\"\ndate = 2026-01-15\nkind = \"journey-map\"\nsummary = \"En kundresa i sex steg.\"\n", s)
		for k, st := range stages {
			fmt.Fprintf(&b, "\n[[stages]]\nid = %q\nname = \"Steg %s\"\nenergy_now = %q\nenergy_wanted = \"low\"\n", st, st, energies[k%len(energies)])
			fmt.Fprintf(&b, "current = \"Kunden letar länge.\"\ndesired = \"Kunden hittar direkt.\"\n")
			fmt.Fprintf(&b, "changes = [\"Ny text\", { text = \"Kortare formulär\", team = %q, status = %q }]\n", teams[k%len(teams)], site.ChangeStatuses.Values[k%len(site.ChangeStatuses.Values)])
			// Two beliefs a stage: the first is tested by every third
			// sprint on the stage, the second by none.
			for j, basis := range bases {
				fmt.Fprintf(&b, "\n[[stages.beliefs]]\nid = \"%s-%d\"\ntext = \"Kunderna på steg %s tror %d.\"\nbasis = %q\nimportance = %q\nevidence = %q\n",
					st, j+1, st, j+1, basis, site.Importances.Values[j%2], site.Evidences.Values[(k+j)%len(site.Evidences.Values)])
			}
		}
		b.WriteString("+++\n\nStudien kartlade kundresan med intervjuer och data.\n")
		files[fmt.Sprintf("content/studies/studie-%d.md", s)] = b.String()
	}
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		d := day.AddDate(0, 0, i%2000)
		id := fmt.Sprintf("%s-sprint-%05d", d.Format(time.DateOnly), i)
		status := "done"
		result := fmt.Sprintf("\n[result]\nverdict = %q\nlearned = \"Sju av tio kunder *hittade* inte knappen; de letade i menyn.\"\nevidence = \"data\"\n", verdicts[i%len(verdicts)])
		if i%10 == 9 {
			status, result = "planned", ""
		}
		files["sprints/"+id+"/sprint.toml"] = fmt.Sprintf(`title = "Hittar kunderna funktion %d?"
date = %s
team = %q
study = "studie-%d"
stage = %q
status = %q
facilitator = "teamledare"
participants = ["två handläggare", "en utvecklare"]

[assumption]
%s
[question]
ask = "Visa mig hur du skulle ändra din leverans."
method = %q
customers = 6
criterion = "Vi har rätt om minst hälften behöver hjälp."

[action]
do = "Vi flyttar knappen till startsidan och mäter samtalen i fyra veckor."
energy = %q
owner = "produktägare"
due = %s
status = %q
%s`, i, d.Format(time.DateOnly), teams[i%len(teams)], i%nStudies, stages[i%len(stages)], status,
			assumption(i), methods[i%len(methods)], energies[i%len(energies)],
			d.AddDate(0, 1, 0).Format(time.DateOnly), actions[i%len(actions)], result)
		if status == "done" {
			files["sprints/"+id+"/notes.md"] = notes(i)
		}
	}
	return files
}

// assumption is sprint i's [assumption]: every third tests the first
// belief of its stage, the rest have their own.
func assumption(i int) string {
	if i%3 == 1 {
		return fmt.Sprintf("tests = \"%s-1\"\n", stages[i%len(stages)])
	}
	return fmt.Sprintf("belief = \"Vi tror att kunderna inte hittar funktion %d utan att ringa oss.\"\nbasis = %q\nevidence = \"anecdote\"\n", i, bases[i%len(bases)])
}

func notes(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Vad kunderna gjorde\n\nVi träffade sex kunder i butiken och bad dem visa hur de ändrar en leverans (sprint %d). "+
		"De flesta öppnade appen, tittade i menyn och gav sedan upp efter en halv minut. Två hittade rätt via sökningen.\n\n", i)
	b.WriteString("| Kund | Hittade | Tid |\n|---|---|---|\n")
	for k := 1; k <= 6; k++ {
		fmt.Fprintf(&b, "| %d | %s | %d s |\n", k, []string{"ja", "nej"}[(i+k)%2], 10+(i*k)%50)
	}
	b.WriteString("\n## Citat\n\n> Jag trodde att det stod under *Mitt konto*, men där fanns bara kvitton.\n\n")
	b.WriteString("## Att göra\n\n- [x] Sammanställ lapparna från tavlan\n- [ ] Boka uppföljning med produktteamet\n- [ ] Dela kortet i teamkanalen\n\n")
	b.WriteString("Vi noterade också att **flera** kunder läste knapptexten högt, vilket tyder på att ordet *leverans* inte är det kunderna själva använder. ")
	b.WriteString("Nästa gång vill vi prova ordet *kasse* i stället och se om det ändrar något.\n")
	return b.String()
}

// MapFS returns the site with n sprints as an in-memory file system.
func MapFS(n int) fstest.MapFS { return mapFS(Files(n)) }

// WriteDir writes the site with n sprints into dir.
func WriteDir(dir string, n int) error { return writeDir(dir, Files(n)) }
