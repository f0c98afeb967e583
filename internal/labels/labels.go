// Package labels holds sprintkit's interface text in Swedish and English,
// by key: what pages say, and the names of enum values ("verdict.refuted").
// A site's [labels] table overrides any of it (internal/render); the files
// that sprintkit new writes use it as it is (internal/scaffold). It is a
// leaf: it imports nothing of sprintkit's.
package labels

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// labels holds every piece of interface text, by key, in each language.
// content/site.toml's [labels] table overrides any of them; {team}, {n} and
// the like are filled in where the text is used.
//
// A text with a number in it is counted: it has a form for each plural
// form of the languages, as keys of their own, "index.sprintsN.one" for 1
// and "index.sprintsN.other" for any other number, and pages ask for it by
// "index.sprintsN" and the number (see Forms).
var labels = map[string][2]string{ // key: {sv, en}
	"skip":               {"Hoppa till innehållet", "Skip to content"},
	"nav.label":          {"Huvudmeny", "Main menu"},
	"nav.home":           {"Sprintar", "Sprints"},
	"nav.assumptions":    {"Antaganden", "Assumptions"},
	"footer":             {"Byggd med sprintkit", "Built with sprintkit"},
	"search.label":       {"Sök", "Search"},
	"search.placeholder": {"Sök i allt som skrivits", "Search everything written"},
	"search.none":        {"Inga träffar", "No results"},
	"search.one":         {"1 träff", "1 result"},
	"search.results":     {"{n} träffar", "{n} results"},
	"search.sprint":      {"Sprint", "Sprint"},
	"search.study":       {"Studie", "Study"},
	"search.belief":      {"Antagande på kartan", "Belief on the map"},
	"search.change":      {"Förändring på kartan", "Change on the map"},
	"search.allKinds":    {"Allt", "Everything"},
	"search.allStudies":  {"Alla studier", "Every study"},
	"search.best":        {"de {max} bästa visas", "the best {max} shown"},
	"search.inNotes":     {"i anteckningarna", "in the notes"},
	"search.inLesson":    {"i lärdomen", "in the lesson"},
	"search.narrow":      {"Avgränsa sökningen", "Narrow the search"},

	"index.sprints":        {"Sprintar, nyaste först", "Sprints, newest first"},
	"index.outcomes":       {"Utfall", "Outcomes"},
	"index.actions":        {"Ledde insikten till handling?", "Did insight lead to doing?"},
	"index.teams":          {"Team", "Teams"},
	"index.studies":        {"Studier", "Studies"},
	"index.none":           {"Inga sprintar ännu.", "No sprints yet."},
	"index.sprintsN.one":   {"{n} sprint", "{n} sprint"},
	"index.sprintsN.other": {"{n} sprintar", "{n} sprints"},
	"index.actionsN.one":   {"{n} åtgärd", "{n} action"},
	"index.actionsN.other": {"{n} åtgärder", "{n} actions"},
	"index.pages":          {"Om", "About"},
	"index.quarter":        {"kvartal {q} {year}", "Q{q} {year}"},
	"index.learned":        {"Det här lärde vi oss, {quarter}", "What we learned, {quarter}"},
	"index.learnedNone":    {"Inga genomförda sprintar ännu det här kvartalet.", "No sprints done yet this quarter."},
	"index.byQuarter":      {"Sprintar per kvartal", "Sprints by quarter"},
	"index.find":           {"Hitta", "Find"},
	"narrow.label":         {"Visa bara", "Show only"},
	"narrow.study":         {"Studie", "Study"},
	"narrow.team":          {"Team", "Team"},
	"narrow.state":         {"Läge", "State"},
	"narrow.all":           {"alla", "all"},
	"sprint.notHeld":       {"Inte hållen", "Not held"},
	"sprint.notHeldOn":     {"Inte hållen: planerad till {date}", "Not held: planned for {date}"},
	"state.intended":       {"Avsedd", "Intended"},
	"card.intended":        {"Avsedd åtgärd: räknas först när sessionen är genomförd.", "Intended action: it counts once the session is held."},
	"team.intended":        {"Avsedda åtgärder i planerade sprintar", "Intended actions of planned sprints"},

	"verdict.supported":    {"Stöds", "Supported"},
	"verdict.refuted":      {"Motbevisat", "Refuted"},
	"verdict.inconclusive": {"Oklart", "Inconclusive"},
	"verdict.untested":     {"Ej testat", "Untested"},
	"status.planned":       {"Planerad", "Planned"},
	"status.done":          {"Genomförd", "Done"},
	"status.abandoned":     {"Avbruten", "Abandoned"},
	"state.planned":        {"Planerad", "Planned"},
	"state.doing":          {"Pågår", "Doing"},
	"state.done":           {"Klar", "Done"},
	"state.dropped":        {"Struken", "Dropped"},
	"state.overdue":        {"Försenad", "Overdue"},
	"energy.low":           {"Låg energi", "Low energy"},
	"energy.medium":        {"Medelenergi", "Medium energy"},
	"energy.high":          {"Hög energi", "High energy"},
	"weight.high":          {"viktigt", "important"},
	"weight.low":           {"mindre viktigt", "less important"},
	"effort.low":           {"liten", "small"},
	"effort.medium":        {"medel", "medium"},
	"effort.high":          {"stor", "large"},
	"basis.assumption":     {"Internt antagande", "Internal assumption"},
	"basis.insight":        {"Kundsann insikt", "Customer-true insight"},
	"importance.high":      {"Viktigt antagande", "Important assumption"},
	"importance.low":       {"Mindre viktigt antagande", "Less important assumption"},
	"evidence.none":        {"inga belägg", "no evidence"},
	"evidence.opinion":     {"åsikter", "opinion"},
	"evidence.anecdote":    {"enstaka berättelser", "anecdotes"},
	"evidence.research":    {"undersökning", "research"},
	"evidence.data":        {"data", "data"},
	"method.interview":     {"Intervju", "Interview"},
	"method.observation":   {"Observation", "Observation"},
	"method.survey":        {"Enkät", "Survey"},
	"method.data":          {"Data", "Data"},
	"method.prototype":     {"Prototyp", "Prototype"},
	"method.other":         {"Annan metod", "Other method"},
	"relation.pilots":      {"Pilotar", "Pilots"},
	"relation.follows-up":  {"Följer upp", "Follows up"},
	"relation.challenges":  {"Utmanar", "Challenges"},
	"relation.confirms":    {"Bekräftar", "Confirms"},
	"kind.journey-map":     {"Kundresekartläggning", "Journey mapping"},
	"kind.interviews":      {"Intervjuserie", "Interview series"},
	"kind.survey":          {"Enkätstudie", "Survey"},
	"kind.other":           {"Studie", "Study"},

	"card.believed":        {"Vi trodde att", "We believed that"},
	"card.asked":           {"Vi frågade", "We asked"},
	"card.observed":        {"Vi såg", "We observed"},
	"card.learned":         {"Vi lärde oss", "We learned"},
	"card.therefore":       {"Därför kommer {team} att", "Therefore {team} will"},
	"card.criterion":       {"Kriterium", "Criterion"},
	"card.customers.one":   {"{n} kund", "{n} customer"},
	"card.customers.other": {"{n} kunder", "{n} customers"},
	"card.strengthens":     {"Förstärker", "Strengthens"},
	"card.owner":           {"Ansvarig", "Owner"},
	"card.due":             {"Klart senast", "Due"},
	"card.evidence":        {"Belägg före sessionen", "Evidence before the session"},
	"card.evidenceAfter":   {"Belägg efter sessionen", "Evidence after the session"},
	"card.notYet":          {"Sessionen är inte genomförd ännu.", "The session has not been held yet."},
	"card.noNotes":         {"Inga anteckningar ännu.", "No notes yet."},
	"card.abandoned":       {"Sprinten avbröts.", "The sprint was abandoned."},

	"sprint.study":         {"Studie", "Study"},
	"sprint.stage":         {"Steg i kundresan", "Journey stage"},
	"sprint.team":          {"Team", "Team"},
	"sprint.actionTeam":    {"Team som genomför åtgärden", "Team that acts"},
	"sprint.date":          {"Datum", "Date"},
	"sprint.status":        {"Status", "Status"},
	"sprint.facilitator":   {"Facilitator", "Facilitator"},
	"sprint.participants":  {"Deltagare", "Participants"},
	"sprint.duration":      {"Tidsram", "Timebox"},
	"sprint.minutes.one":   {"{n} minut", "{n} minute"},
	"sprint.minutes.other": {"{n} minuter", "{n} minutes"},
	"sprint.follows":       {"Följer upp", "Follows up"},
	"sprint.followedBy":    {"Följs upp av", "Followed up by"},
	"sprint.session":       {"Öppna sessionsvyn", "Open the session view"},
	"sprint.agenda":        {"Agenda", "Agenda"},
	"sprint.about":         {"Om sprinten", "About the sprint"},
	"sprint.fromMap":       {"Från kartan:", "From the map:"},

	"study.report":      {"Originalrapporten", "The original report"},
	"study.reportOpen":  {"öppna", "open"},
	"study.reportFile":  {"Webbläsare öppnar inte file:-länkar från en sida på intranätet: kopiera adressen till Utforskaren eller Finder.", "Browsers do not open file: links from a page on the intranet: copy the address into Explorer or Finder."},
	"study.owner":       {"Ägare", "Owner"},
	"study.about":       {"Om studien", "About the study"},
	"study.stagesFull":  {"Stegen i sin helhet", "The stages in full"},
	"study.kind":        {"Slag", "Kind"},
	"study.date":        {"Datum", "Date"},
	"study.stages":      {"Kundresan som förändringsplan", "The journey as a change plan"},
	"study.sprints":     {"Sprintarna kopplade till studien, per kvartal", "The sprints linked to the study, by quarter"},
	"study.noSprints":   {"Ingen sprint är kopplad till studien ännu.", "No sprint is linked to this study yet."},
	"stage.current":     {"Nuläge", "Current state"},
	"stage.desired":     {"Önskat läge", "Desired state"},
	"stage.changes":     {"Förändringar och åtgärder", "Changes and actions"},
	"stage.touchpoints": {"Kontaktpunkter", "Touchpoints"},
	"stage.sprints":     {"Sprintar i steget", "Sprints on this stage"},
	"stage.none":        {"Ingen sprint ännu.", "No sprint yet."},
	"stage.beliefs":     {"Vad vi tror", "What we believe"},
	"stage.learned":     {"Vad sprintarna lärde oss", "What sprints learned"},
	"stage.energy":      {"Kundens energi", "The customer's energy"},
	"stage.newest":      {"Senaste sprint", "Latest sprint"},

	"map.caption":        {"Kundresan: steg som kolumner, från vänster till höger", "The journey: stages as columns, left to right"},
	"map.progress.one":   {"{done} av {of} förändring klar", "{done} of {of} change done"},
	"map.progress.other": {"{done} av {of} förändringar klara", "{done} of {of} changes done"},
	"map.now":            {"i dag", "today"},
	"map.wanted":         {"önskat", "wanted"},
	"map.nothing":        {"–", "–"},
	"map.more.one":       {"och {n} till", "and {n} more"},
	"map.more.other":     {"och {n} till", "and {n} more"},
	"map.hint":           {"Varje ruta öppnas med ett klick; ett stegs namn öppnar hela steget.", "Each cell opens with a click; a stage's name opens the whole stage."},
	"map.testNext.one":   {"{n} att testa härnäst", "{n} to test next"},
	"map.testNext.other": {"{n} att testa härnäst", "{n} to test next"},
	"map.doneOf":         {"{done} av {of} klara", "{done} of {of} done"},
	"map.doing.one":      {"{n} pågår", "{n} under way"},
	"map.doing.other":    {"{n} pågår", "{n} under way"},
	"map.overdue.one":    {"{n} försenad", "{n} overdue"},
	"map.overdue.other":  {"{n} försenade", "{n} overdue"},
	"map.action":         {"åtgärd", "action"},
	"map.legend":         {"Teckenförklaring", "Key"},
	"map.note":           {"not", "note"},
	"map.notes":          {"Noter till kartan", "Notes to the map"},
	"map.wholeText":      {"hela texten i not", "the whole text in note"},
	"map.printed":        {"Utskriven", "Printed"},
	"log.older.one":      {"{n} äldre ändring", "{n} older change"},
	"log.older.other":    {"{n} äldre ändringar", "{n} older changes"},

	"belief.tested":         {"Testat: {verdict}", "Tested: {verdict}"},
	"belief.own":            {"sprintens eget antagande", "a sprint's own assumption"},
	"belief.planned":        {"Testas i", "To be tested in"},
	"belief.by":             {"i", "in"},
	"belief.untested":       {"Otestat", "Untested"},
	"belief.supported":      {"Stöds", "Supported"},
	"belief.refuted":        {"Motbevisat", "Refuted"},
	"belief.inconclusive":   {"Oklart", "Inconclusive"},
	"belief.contested":      {"Omstritt", "Contested"},
	"belief.testedInsight":  {"testad kundsann insikt", "tested customer-true insight"},
	"belief.testNext":       {"Testa härnäst", "Test next"},
	"belief.tally":          {"Sprintarnas utslag", "The sprints' verdicts"},
	"belief.evidenceAfter":  {"Belägg efter test", "Evidence after testing"},
	"belief.evidenceBefore": {"före", "before"},
	"belief.evidence":       {"Belägg", "Evidence"},
	"belief.across":         {"Antagandet efter alla sprintar som testat det:", "The belief across all sprints that tested it:"},
	"belief.thisSprint":     {"Den här sprinten: {verdict}", "This sprint: {verdict}"},
	"belief.setBy":          {"senast i", "latest in"},

	"change.fromAction": {"sprintens åtgärd", "the sprint's action"},
	"change.since":      {"sedan {day}", "since {day}"},

	"stage.next":    {"Nästa sprint", "Next sprint"},
	"study.updated": {"Kartan uppdaterad {day}", "Map updated {day}"},
	"log.title":     {"Vad som har ändrats på kartan", "What changed on the map"},
	"log.intro":     {"Nyast först, från sprintarnas resultat och förändringarnas datum.", "Newest first, from the sprints' results and the changes' dates."},
	"log.since":     {"Markera det som är nytt sedan", "Mark what is new since"},
	"log.all":       {"visa inget som nytt", "mark nothing as new"},
	"log.new":       {"ny", "new"},
	"log.none":      {"Inget har ändrats ännu.", "Nothing has changed yet."},
	"log.tested":    {"Testat", "Tested"},
	"log.learned":   {"Lärdom", "Lesson"},
	"log.action":    {"Åtgärd startad", "Action started"},
	"log.change":    {"Förändring", "Change"},

	"team.title":   {"Team {team}", "Team {team}"},
	"team.actions": {"Åtgärder, försenade först, sedan lågenergi först", "Actions, overdue first, then low-energy first"},
	"team.sprints": {"Sprintar", "Sprints"},
	"team.overdue": {"Försenad", "Overdue"},
	"team.none":    {"Inga åtgärder ännu.", "No actions yet."},

	// The data files beside the actions page: what actions.csv's header row
	// and the calendars say besides the page's own column names (action,
	// team, owner, due), which they share (internal/render's csv.go, ics.go).
	"data.address":      {"Sprintens adress", "Sprint address"},
	"data.sprintStatus": {"Sprintens status", "Sprint status"},
	"data.calendar":     {"{site}: åtgärder", "{site}: actions"},
	"data.teamCalendar": {"{site}: åtgärder för {team}", "{site}: actions of {team}"},

	"nav.actions":        {"Åtgärder", "Actions"},
	"actions.title":      {"Åtgärder", "Actions"},
	"actions.intro":      {"Varje genomförd sprints åtgärd: försenade först, sedan planerade och pågående efter förfallodag, sedan klara och strukna. Planerade sprintars avsedda åtgärder står sist och räknas inte.", "Every done sprint's action: overdue first, then planned and doing by due date, then done and dropped. Planned sprints' intended actions come last and are not counted."},
	"actions.asOf":       {"Försenad räknas per", "Overdue as of"},
	"actions.files":      {"Samma åtgärder att öppna där ni redan arbetar:", "The same actions, to open where you already work:"},
	"actions.csv":        {"kalkylblad (Excel, LibreOffice)", "spreadsheet (Excel, LibreOffice)"},
	"actions.ics":        {"kalender (iCalendar)", "calendar (iCalendar)"},
	"actions.subscribe":  {"För att prenumerera, så att ändringar följer med: klistra in adressen i kalenderprogrammets ”Prenumerera på kalender” eller ”Lägg till från URL”:", "To subscribe, so that changes follow: paste this address into your calendar program's “Subscribe to calendar” or “Add from URL”:"},
	"actions.importOnce": {"Att öppna kalenderfilen lägger in åtgärderna en gång; senare ändringar följer inte med. För att kunna prenumerera behöver webbplatsen sin adress (base_url i content/site.toml).", "Opening the calendar file adds the actions once; later changes do not follow. To subscribe instead, the site needs its address (base_url in content/site.toml)."},
	"actions.json":       {"alla sprintar som data (JSON)", "every sprint as data (JSON)"},
	"actions.action":     {"Åtgärd", "Action"},
	"actions.sprint":     {"Från sprinten", "From the sprint"},
	"actions.team":       {"Team", "Team"},
	"actions.energy":     {"Insats", "Effort"},
	"actions.state":      {"Läge", "State"},
	"actions.planned":    {"sprinten är planerad", "the sprint is planned"},
	"actions.none":       {"Inga åtgärder ännu.", "No actions yet."},
	"actions.intended":   {"Planerade sprintars avsedda åtgärder. De räknas först när sprinten är genomförd och blir aldrig försenade; avbrutna sprintars åtgärder räknas inte alls.", "Planned sprints' intended actions. They count once the sprint is done and are never overdue; abandoned sprints' actions count nowhere."},
	"actions.byTeam":     {"Försenade åtgärder per team", "Overdue actions by team"},
	"actions.teamFile":   {"Teamets åtgärder i kalendern", "The team's actions in a calendar"},

	// The recording controls that sprintkit serve adds to pages opened on
	// the machine that runs it.
	"record.title":       {"Anteckna utfallet", "Record the outcome"},
	"record.open":        {"Anteckna utfallet", "Record the outcome"},
	"record.key":         {"öppnar formuläret för utfallet: utslag, lärdom och åtgärd", "opens the form for the outcome: verdict, lesson and action"},
	"record.verdict":     {"Utslag", "Verdict"},
	"record.noVerdict":   {"Inget ännu", "None yet"},
	"record.learned":     {"Vi lärde oss", "We learned"},
	"record.evidence":    {"Belägg efter sessionen", "Evidence after the session"},
	"record.noEvidence":  {"Inte sagt", "Not said"},
	"record.do":          {"Därför kommer vi att", "Therefore we will"},
	"record.owner":       {"Ansvarig", "Owner"},
	"record.due":         {"Klart senast", "Due"},
	"record.energy":      {"Insats", "Effort"},
	"record.state":       {"Läge", "State"},
	"record.save":        {"Spara", "Save"},
	"record.close":       {"Stäng", "Close"},
	"record.saving":      {"Sparar …", "Saving …"},
	"record.saved":       {"Sparat i {file}. Sidorna visar det när bygget är klart.", "Saved to {file}. The pages show it once the build is done."},
	"record.undo":        {"Ångra", "Undo"},
	"record.undone":      {"Ångrat: filen är som förut.", "Undone: the file is as it was."},
	"record.conflict":    {"Filen har ändrats sedan sidan byggdes (i en editor eller på en annan sida). Inget sparades; sidan laddas om med filen som den är nu.", "The file changed since the page was built (in an editor or on another page). Nothing was saved; the page reloads with the file as it is now."},
	"record.failed":      {"Inte sparat:", "Not saved:"},
	"record.needLesson":  {"Ett utslag behöver en lärdom: skriv vad ni lärde er.", "A verdict needs a lesson: write what you learned."},
	"record.follower":    {"Utfallet och lägena antecknas på datorn som kör sprintkit serve; den här sidan visar dem.", "The outcome and states are recorded on the computer that runs sprintkit serve; this page shows them."},
	"record.actionState": {"Åtgärdens läge", "The action's state"},
	"record.changeState": {"Ändringens läge", "The change's state"},

	"nav.studies":      {"Studier", "Studies"},
	"studies.title":    {"Studier", "Studies"},
	"studies.intro":    {"Varje studie på en rad: hur mycket av kartan som är testat, vad som är på gång och var kunden lägger mest energi. Studiens namn leder till kartan.", "Every study as a row: how much of its map is tested, what is under way and where customers spend the most energy. A study's name leads to its map."},
	"studies.study":    {"Studie", "Study"},
	"studies.stages":   {"Steg", "Stages"},
	"studies.tested":   {"testade", "tested"},
	"studies.untested": {"otestade", "untested"},
	"studies.gap":      {"Störst energiglapp", "Largest energy gap"},
	"studies.updated":  {"Kartan uppdaterad", "Map updated"},
	"studies.none":     {"Inga studier ännu.", "No studies yet."},

	"assumptions.title":     {"Antagandetavlan", "Assumption board"},
	"assumptions.intro":     {"Det vi tror om kunderna: vad vi ska testa härnäst och vad sprintarna har visat. Interna antaganden är märkta för sig, skilda från kundsann insikt.", "What we believe about our customers: what to test next and what sprints have shown. Internal assumptions are marked apart from customer-true insight."},
	"assumptions.none":      {"Inga här ännu.", "None here yet."},
	"assumptions.next":      {"Att testa härnäst", "What to test next"},
	"assumptions.nextIntro": {"Det vi tror men inte har testat, de viktiga med svagast belägg först. En sprint testar ett antagande med tests i sin plan.", "What we believe but have not tested, the important and weakly evidenced first. A sprint tests one with tests in its plan."},
	"assumptions.learned":   {"Vad vi har lärt oss", "What we have learned"},

	"notfound.title": {"Sidan finns inte", "Page not found"},
	"notfound.text":  {"Sidan du letar efter finns inte, eller har flyttats.", "The page you are looking for does not exist, or has moved."},
	"notfound.home":  {"Till startsidan", "Go to the start page"},

	"agenda.frame":   {"Rama in antagandet", "Frame the assumption"},
	"agenda.prepare": {"Förbered frågan", "Prepare the question"},
	"agenda.meet":    {"Möt kunderna", "Meet customers"},
	"agenda.sense":   {"Förstå tillsammans", "Make sense together"},
	"agenda.decide":  {"Besluta åtgärden", "Decide the action"},

	"session.title":         {"Sessionsvy", "Session view"},
	"session.start":         {"Starta", "Start"},
	"session.pause":         {"Pausa", "Pause"},
	"session.next":          {"Nästa block", "Next block"},
	"session.prev":          {"Föregående block", "Previous block"},
	"session.reset":         {"Börja om", "Reset"},
	"session.blockLeft":     {"Kvar av blocket", "Left in this block"},
	"session.sessionLeft":   {"Kvar av sessionen", "Left in the session"},
	"session.over":          {"Över tiden", "Over time"},
	"session.back":          {"Tillbaka till sprinten", "Back to the sprint"},
	"session.minutes.one":   {"{n} min", "{n} min"},
	"session.minutes.other": {"{n} min", "{n} min"},
	"session.keys":          {"Tangenter: mellanslag startar och pausar, n och p byter block, + och − ändrar blockets tid, f presentationsläge, w anteckningar, ? alla tangenter.", "Keys: space starts and pauses, n and p change blocks, + and − change the block's time, f presentation view, w notes, ? all keys."},
	"session.noscript":      {"Timern behöver JavaScript; agendan ovan gäller ändå.", "The timer needs JavaScript; the agenda above still holds."},

	// The session timer's own text.
	"session.timer":        {"Timer", "Timer"},
	"session.resume":       {"Fortsätt", "Resume"},
	"session.running":      {"Timern går", "The timer is running"},
	"session.paused":       {"Pausad", "Paused"},
	"session.blockOf":      {"Block {n} av {total}: {block}", "Block {n} of {total}: {block}"},
	"session.resetConfirm": {"Börja om från första blocket? Tiden som gått nollställs.", "Start again from the first block? The time spent is cleared."},

	// The session's presentation view, its cues, its help and its record.
	"session.now":          {"Nu", "Now"},
	"session.upNext":       {"Sedan", "Next"},
	"session.lastBlock":    {"Sista blocket", "The last block"},
	"session.finish":       {"Avsluta sessionen", "End the session"},
	"session.ended":        {"Sessionen är slut", "The session has ended"},
	"session.present":      {"Presentationsläge", "Presentation view"},
	"session.leave":        {"Lämna presentationsläget", "Leave the presentation view"},
	"session.soon":         {"Snart slut", "Ending soon"},
	"session.overBy.one":   {"{n} min över tiden", "{n} min over time"},
	"session.overBy.other": {"{n} min över tiden", "{n} min over time"},
	"session.more":         {"+1 min", "+1 min"},
	"session.less":         {"−1 min", "−1 min"},
	"session.chime":        {"Signal vid blockslut", "Chime at block end"},
	"session.chimeOn":      {"Signalen är på", "The chime is on"},
	"session.chimeOff":     {"Signalen är av", "The chime is off"},
	"session.help":         {"Alla tangenter", "All keys"},
	"session.close":        {"Stäng", "Close"},
	"session.touch":        {"Knapparna styr timern; presentationsläget visar den stort, utan sidans meny.", "The buttons run the timer; the presentation view shows it large, without the site's menus."},
	"session.cues":         {"Tiden blir gul två minuter innan ett block tar slut (en femtedel av ett block kortare än tio minuter) och röd med texten ”över tiden” när den har tagit slut.", "The time turns amber two minutes before a block ends (a fifth of a block shorter than ten minutes) and red, with the words “over time”, once it has run out."},
	"session.key.space":    {"mellanslag", "space"},
	"session.do.toggle":    {"startar och pausar timern", "starts and pauses the timer"},
	"session.do.next":      {"nästa block; på sista blocket avslutar den sessionen", "next block; on the last block it ends the session"},
	"session.do.prev":      {"föregående block", "previous block"},
	"session.do.more":      {"en minut till i blocket; agendan följer med", "one more minute in this block; the agenda follows"},
	"session.do.less":      {"en minut mindre i blocket", "one minute less in this block"},
	"session.do.present":   {"presentationsläge, i helskärm där webbläsaren tillåter; Esc lämnar det", "presentation view, full screen where the browser allows; Esc leaves it"},
	"session.do.chime":     {"signalen vid blockslut av och på", "the chime at block end off and on"},
	"session.do.help":      {"visar de här tangenterna", "shows these keys"},
	"session.record":       {"Så gick tiden", "How the time went"},
	"session.block":        {"Block", "Block"},
	"session.planned":      {"Planerat, min", "Planned, min"},
	"session.actual":       {"Faktiskt, min", "Actual, min"},
	"session.total":        {"Totalt", "Total"},
	"session.copy":         {"Kopiera som Markdown-tabell", "Copy as a Markdown table"},
	"session.copied":       {"Tabellen är kopierad.", "The table is copied."},
	"session.copyHand":     {"Markera tabellen och kopiera den själv.", "Select the table and copy it yourself."},
	"session.markdown":     {"Tabellen i Markdown", "The table in Markdown"},
	"session.notes":        {"Anteckningar", "Notes"},
	"session.noNotes":      {"Inga anteckningar ännu: de visas här när notes.md sparas.", "No notes yet: they show here as notes.md is saved."},
	"session.notesOn":      {"Anteckningarna visas", "The notes are shown"},
	"session.notesOff":     {"Anteckningarna är dolda", "The notes are hidden"},
	"session.do.notes":     {"anteckningarna bredvid timern, på och av; de följer med varje gång notes.md sparas", "the notes beside the timer, on and off; they follow each save of notes.md"},
	"session.following":    {"Du följer timern på datorn som kör sprintkit serve: bara den startar, pausar och byter block.", "You follow the timer of the computer that runs sprintkit serve: only it starts, pauses and changes blocks."},
	"session.notShared":    {"Ändringen nådde inte den delade timern; de andra skärmarna visar den inte.", "The change did not reach the shared timer; the other screens do not show it."},
	"session.shared":       {"Under sprintkit serve delar alla sidor för sessionen en timer: sidor som öppnats på datorn som kör servern styr den, andra följer med.", "Under sprintkit serve every page of the session shares one timer: pages opened on the computer that runs the server control it, others follow."},
}

// countedBy names, for a counted text whose number is not {n}, the value
// whose number picks the form: "1 av 1 förändring klar" counts {of}.
var countedBy = map[string]string{"map.progress": "of"}

// Forms are the plural forms a counted text has, as the last part of the
// keys of its texts. Swedish and English have the same two: one for the
// number 1, other for every other number, 0 included.
var Forms = []string{One, Other}

// The plural forms, by name.
const (
	One   = "one"
	Other = "other"
)

// Form returns the form, of Forms, that the number n takes in lang.
func Form(lang string, n int64) string {
	if n == 1 {
		return One
	}
	return Other
}

// Counted reports whether key is a counted text, one that has its Forms as
// keys of their own ("index.sprintsN" has "index.sprintsN.one" and
// "index.sprintsN.other"), and the name of the value whose number picks the
// form: n, as in "{n} sprintar", unless the text says otherwise.
func Counted(key string) (count string, ok bool) {
	for _, f := range Forms {
		// Both, as "kind.other" and "search.one" are texts of their own.
		if _, ok := labels[key+"."+f]; !ok {
			return "", false
		}
	}
	if c, ok := countedBy[key]; ok {
		return c, true
	}
	return "n", true
}

// months are the names of the months, by language.
var months = map[string][12]string{
	"sv": {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// Keys returns every label key, sorted.
func Keys() []string {
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Text returns the text of key in lang ("sv", or else English), without
// a site's overrides; ok is false for an unknown key.
func Text(lang, key string) (text string, ok bool) {
	v, ok := labels[key]
	if !ok {
		return "", false
	}
	if lang == "sv" {
		return v[0], true
	}
	return v[1], true
}

// Month is the name of the month m in lang.
func Month(lang string, m time.Month) string {
	if lang != "sv" {
		lang = "en"
	}
	return months[lang][m-1]
}

// names are the languages' names in the header that WriteTOML writes.
var names = map[string]string{"sv": "Swedish", "en": "English"}

// WriteTOML writes every key with its text as content/site.toml's [labels]
// table takes it: the text in lang ("sv" or "en") as the value, and the
// other language's as a comment, for a team to copy what it would change.
func WriteTOML(w io.Writer, lang string) error {
	other := "sv"
	if lang == "sv" {
		other = "en"
	}
	b := &strings.Builder{}
	fmt.Fprintf(b, "# Every interface text by key, in %s with %s after it as a comment. To change\n", names[lang], names[other])
	b.WriteString(`# one, copy its line into content/site.toml under [labels] and change the text;
# {n}, {team} and the like are filled in where the text is used. A text with a
# number has a form for 1 (key.one) and for any other number (key.other).
[labels]
`)
	for _, k := range Keys() {
		v, _ := Text(lang, k)
		o, _ := Text(other, k)
		fmt.Fprintf(b, "%s = %s  # %s: %s\n", tomlString(k), tomlString(v), other, o)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`).Replace(s) + `"`
}
