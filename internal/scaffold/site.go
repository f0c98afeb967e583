package scaffold

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
)

// NewSite plans a working site folder: content/site.toml, one example study
// with a small journey map, one example sprint planned for today, and a page
// on how the team runs a session. It builds as it is, with the embedded
// templates. language is "sv" or "en"; title "" takes a default.
func NewSite(title, language string, today time.Time) (Plan, error) {
	if language != "sv" && language != "en" {
		return Plan{}, fmt.Errorf("language %q: sprintkit speaks sv and en", language)
	}
	l := language
	if title == "" {
		title = lang(l, "Insiktssprintar", "Insight sprints")
	}
	var settings strings.Builder
	fmt.Fprintf(&settings, "# %s\n", lang(l, "Webbplatsens inställningar för sprintkit.", "The site's settings for sprintkit."))
	fmt.Fprintf(&settings, "title = %s\n", quote(title))
	fmt.Fprintf(&settings, "# %s\n", lang(l, "sv eller en: all text i gränssnittet och alla datum följer språket.", "sv or en: all interface text and dates follow the language."))
	fmt.Fprintf(&settings, "language = %s\n", quote(l))
	fmt.Fprintf(&settings, "# %s\n", lang(l, "En mening om webbplatsen, för sökmotorer och länkförhandsvisningar.", "One sentence about the site, for search engines and link previews."))
	fmt.Fprintf(&settings, "description = %s\n", quote(lang(l,
		"Vad vi lär oss om våra kunder på 90 minuter – en sida per sprint, en karta per studie.",
		"What we learn about our customers in 90 minutes – one page per sprint, one map per study.")))
	fmt.Fprintf(&settings, "# %s\n# base_url = \"https://intranet.example.com/insight/\"\n", lang(l,
		"Webbplatsens adress; behövs bara för flödet feed.xml.", "The site's address; needed only for the feed.xml feed."))
	fmt.Fprintf(&settings, "# %s\n# [labels]\n# %q = %s\n", lang(l,
		"Byt ut valfri text i gränssnittet under [labels], till exempel:", "Replace any interface text under [labels], for example:"),
		"verdict.supported", quote(lang(l, "Stämde", "Held up")))

	study := studyFile{
		Lang:  l,
		Title: lang(l, "Kundresan", "The customer journey"),
		Date:  today,
		Owner: lang(l, "CX-gruppen", "The CX group"),
		Kind:  "journey-map",
		Summary: lang(l,
			"Ett exempel: en kundresa i tre steg, med nuläge, önskat läge och förändringar. Byt ut den mot er egen.",
			"An example: a journey in three stages, with current state, desired state and changes. Replace it with your own."),
		Stages: []stage{
			{
				ID: lang(l, "valja", "choosing"), Name: lang(l, "Välja", "Choosing"),
				Current:     lang(l, "Kunden jämför erbjudanden på webben och ringer ofta för att fråga om priset.", "Customers compare offers on the web and often call to ask about the price."),
				Desired:     lang(l, "Kunden ser priset och villkoren direkt och väljer utan att behöva ringa.", "Customers see the price and terms at once and choose without calling."),
				Changes:     []string{lang(l, "Prisexempel på produktsidan.", "Price examples on the product page.")},
				Touchpoints: []string{lang(l, "Webbplatsen", "Website"), lang(l, "Telefon", "Phone")},
			},
			{
				ID: lang(l, "komma-igang", "getting-started"), Name: lang(l, "Komma igång", "Getting started"),
				Current:     lang(l, "Nya kunder får ett välkomstbrev, men många ringer ändå med frågor första veckan.", "New customers get a welcome letter, yet many call with questions in the first week."),
				Desired:     lang(l, "Nya kunder vet vad som händer härnäst och var de hittar svar själva.", "New customers know what happens next and where to find answers themselves."),
				Changes:     []string{lang(l, "Ett kortare välkomstbrev testas.", "A shorter welcome letter is being tried.")},
				Touchpoints: []string{lang(l, "Välkomstbrev", "Welcome letter"), "App"},
			},
			{
				ID: lang(l, "fa-hjalp", "getting-help"), Name: lang(l, "Få hjälp", "Getting help"),
				Current:     lang(l, "Kunden hittar inte kontaktvägarna och väntar länge i telefon.", "Customers do not find the ways to contact us and wait long on the phone."),
				Desired:     lang(l, "Kunden får svar i den kanal hen redan använder.", "Customers get answers in the channel they already use."),
				Touchpoints: []string{lang(l, "Telefon", "Phone"), lang(l, "Chatt", "Chat")},
			},
		},
		Body: lang(l,
			"Det här är en exempelstudie från `sprintkit init`. Skriv här vad studien ville veta, hur den gjordes och vad den fann, och länka till originalrapporten med `report`.\n",
			"This is an example study made by `sprintkit init`. Write here what the study wanted to know, how it was done and what it found, and link to the original report with `report`.\n"),
	}
	studyID := site.Slug(study.Title)

	team := lang(l, "Kundservice", "Customer service")
	sp := sprintPlan{
		Lang:         l,
		Title:        lang(l, "Läser nya kunder välkomstbrevet?", "Do new customers read the welcome letter?"),
		Date:         today,
		Team:         team,
		Study:        studyID,
		Stage:        study.Stages[1].ID,
		Stages:       []string{study.Stages[0].ID, study.Stages[1].ID, study.Stages[2].ID},
		Status:       "planned",
		Facilitator:  lang(l, "teamledaren", "the team lead"),
		Participants: []string{lang(l, "två handläggare", "two agents"), lang(l, "en från kundresegruppen", "one from the journey team")},
		Belief:       lang(l, "Vi tror att nya kunder läser välkomstbrevet och där hittar svaren på sina första frågor.", "We believe that new customers read the welcome letter and find the answers to their first questions there."),
		Ask:          lang(l, "Vad gjorde du med välkomstbrevet när det kom?", "What did you do with the welcome letter when it came?"),
		Customers:    5,
		Criterion:    lang(l, "minst tre av fem minns något ur brevet utan att vi visar det.", "at least three in five remember something from the letter without being shown it."),
		Do:           lang(l, "Vi bestämmer efter sessionen vad vi ändrar i välkomstbrevet.", "We decide after the session what to change in the welcome letter."),
		Strengthens:  lang(l, "Handläggarnas egna svar till nya kunder.", "The agents' own replies to new customers."),
	}
	sprintID := today.Format(time.DateOnly) + "-" + site.Slug(sp.Title)

	about := lang(l, "om", "about")
	page := lang(l, `+++
title = "Om insiktssprintarna"
+++
Här samlar vi våra **insiktssprintar**: 90 minuter där ett team tar ett antagande om kunderna,
ställer kunderna en konkret fråga och bestämmer en åtgärd som teamet själv gör.

1. Rama in antagandet: vad tror vi, och är det ett internt antagande eller kundsann insikt?
2. Förbered frågan: en enda konkret fråga till kunderna.
3. Möt kunderna: intervjua, observera eller titta i data.
4. Förstå tillsammans: vad såg vi?
5. Besluta åtgärden: en sak som teamet gör, helst en som kostar lite energi.

Skapa en ny sprint med `+"`sprintkit new sprint \"Titel\" --team Team`"+` och se resultatet med `+"`sprintkit serve`"+`.
`, `+++
title = "About the insight sprints"
+++
Here we collect our **insight sprints**: 90 minutes in which a team takes one assumption about
its customers, asks the customers one concrete question and decides one action the team takes itself.

1. Frame the assumption: what do we believe, and is it an internal assumption or customer-true insight?
2. Prepare the question: one concrete question for the customers.
3. Meet customers: interview, observe or look at data.
4. Make sense together: what did we see?
5. Decide the action: one thing the team does, best one that costs little energy.

Make a new sprint with `+"`sprintkit new sprint \"Title\" --team Team`"+` and see the result with `+"`sprintkit serve`"+`.
`)

	return Plan{
		Dirs: []string{"sprints/" + sprintID},
		Files: []File{
			{Path: "content/site.toml", Data: []byte(settings.String())},
			{Path: "content/" + about + ".md", Data: []byte(page)},
			{Path: "content/studies/" + studyID + ".md", Data: study.markdown()},
			{Path: "sprints/" + sprintID + "/sprint.toml", Data: sp.toml()},
			{Path: "sprints/" + sprintID + "/notes.md", Data: notes(l, team)},
		},
	}, nil
}

// Init writes a new site into dir, which must be missing or empty; a
// folder with anything in it is refused and left as it was.
func Init(dir string, p Plan) error {
	entries, err := os.ReadDir(dir)
	created := false
	switch {
	case err == nil && len(entries) > 0:
		return fmt.Errorf("%s: the folder is not empty; sprintkit init makes a new site only in an empty or new folder", dir)
	case err == nil:
	case os.IsNotExist(err):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		created = true
	default:
		return err
	}
	if err := Write(dir, p); err != nil {
		if created {
			os.Remove(dir)
		}
		return err
	}
	return nil
}
