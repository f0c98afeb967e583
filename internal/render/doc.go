// Package render turns a loaded site into pages: goldmark configured once,
// html/template over the default templates with the site's own on top, and
// the interface text in the site's language. It gives the files of the
// built site to a Writer and knows nothing about disks or HTTP. Where each
// file goes, and every link between them, comes from internal/layout.
//
// # Templates
//
// The default templates are embedded (package templates); a site's own
// templates/X.html replaces the embedded X.html, file by file. There is
// a page template for each kind of page (the rows of kinds.go):
//
//	index assumptions actions studies study team sprint session page 404
//
// Each defines "main" and runs "base" from base.html; base.html also
// defines "header", "footer", "search", "verdict", "sprintlist",
// "sprintitem" and "narrow" (the form that narrows a page's lists by
// study, team and state, for narrow.js: items carry data-study,
// data-team and data-state), which a page template may redefine. Every other file of
// the templates (the style sheets and scripts, such as style.css and
// session.js) is copied to assets/, beside session-labels.js, which the
// build writes: the session view's texts in the site's words, and what
// session.html's "session-record" and "session-keys" draw (the record of
// the time and the help on the keys, which show only once the script
// runs), once for every session view, which the asset puts in the page (a
// site's own file of that name is copied instead).
//
// study.html draws the map with map.css, which it links in "head", and
// session.html draws a thin "header" of its own. A site's own study.html
// from before the map's cells keeps working: its view keeps .Progress
// and each stage's .Newest and .Sprints, and style.css keeps the rules of
// the table it drew (.journey); a copy of the embedded study.html gives
// it the map on one screen and one sheet.
//
// # Views
//
// A template gets a view and nothing else: a plain value that holds what
// its page shows, already resolved. Links are relative to the page and
// ready for href (a template writes no path of its own); dates come as a
// Date, {ISO, Text}, with Text in the site's language; Markdown fields are
// rendered, as template.HTML, and "" when empty; enum fields hold the
// value as the site files write it ("refuted", "open"), for label and for
// CSS classes. A field a view does not have is an error when the template
// runs, named with the template file, line and column.
//
// Every view has .Frame (a Frame), which base.html draws:
//
//	.Frame.Lang, .Kind        the site's language; the kind of page
//	.Frame.Title              the page's title ("" on the start page)
//	.Frame.Description        one plain line for <meta name="description">
//	.Frame.SiteTitle          the site's title
//	.Frame.StyleURL, .FeedURL the style sheet; the Atom feed ("" without base_url)
//	.Frame.AsOf               the build's day when the page marks an action
//	                          overdue (a Date; zero when it marks none)
//	.Frame.Chrome             the header and footer: .SiteTitle, .HomeURL,
//	                          .Nav (each .URL, .Text, .Current) and .Search
//	                          (.Root, .IndexURL, .ScriptURL, for search.js)
//
// The page views, by template:
//
//	index.html        IndexView: .Description (the site's), .Outcomes and
//	                  .Actions ([]Count: done sprints' actions by state,
//	                  linking to the actions page), .AsOf, .Sprints
//	                  ([]SprintItem, newest first), .Quarter (the latest
//	                  quarter's name), .Quarters (each .Name, .Anchor, .Open:
//	                  the latest and later, .Sprints), .Learned (the latest
//	                  quarter's done sprints), .Narrow, .Teams (each .Link,
//	                  .Sprints, .Actions: counts), .Studies (each .Link,
//	                  .Kind, .Sprints: a count)
//	sprint.html       SprintView: .Title, .Outcome, .Date, .Status, .Relation,
//	                  .Team (a Link), .Study (.URL, .Text, .Summary), .Stage
//	                  (a *Link, nil for none), .SessionURL; .Belief, .Basis,
//	                  .Importance, .Evidence (the plan's; .Outcome is this
//	                  sprint's verdict), .FromMap (the belief's stage on the
//	                  map, when the sprint tests one) and .Across (*BeliefItem:
//	                  that belief across every sprint that tested it); .Ask,
//	                  .Method, .Customers,
//	                  .Criterion; .Notes; .Learned, .ResultEvidence; .Action
//	                  (.Do, .Team, .OwnTeam, .Status, .Intended: a planned
//	                  sprint's, not counted, .Energy, .Overdue,
//	                  .Owner, .Due, .Strengthens); .NotHeld (still planned
//	                  after its day); .Duration, .Facilitator,
//	                  .Participants, .Follows (*Link), .FollowedBy ([]Link)
//	session.html      SessionView: .ID, .Title, .Duration, .SprintURL,
//	                  .StyleURL, .ScriptURL (the timer's) and .TimerURL
//	                  (its model) and .LabelsURL (session-labels.js, the
//	                  texts it shows as it runs, in the site's words; both
//	                  loaded before it), .PartsInPage (the page draws
//	                  "session-record" and "session-keys", which the
//	                  site's own session-labels.js does not put in it),
//	                  .Belief, .Ask,
//	                  .Criterion (inline HTML, empty for none), .Agenda
//	                  (each .Name, .Minutes), .Notes (as on the sprint's page)
//	study.html        StudyView: .Title, .Kind, .Summary, .Owner, .Date,
//	                  .Report (*Report: .URL, checked, .Text, and .File for a file: address), .Body,
//	                  .Progress, .Stages ([]StageView: the map's columns,
//	                  each lane's list the study's own items and
//	                  the sprints' newest, up to 20 in all, .BeliefsElsewhere,
//	                  .LessonsElsewhere and .ChangesElsewhere counting the
//	                  rest, .Summary counting every item),
//	                  .BoardURL and .ActionsURL (narrowed to the study),
//	                  .Updated (a Date: the log's newest day), .Log
//	                  ([]LogItem, the newest 100), .LogElsewhere (how many
//	                  older), .TestNext ([]BeliefItem),
//	                  .Sprints; .StyleURL (the map's style sheet, map.css,
//	                  for the screen and the printed sheet), .Address (the
//	                  page's address from base_url, "" without), .Legend
//	                  (.Beliefs and .States: the states the map draws)
//	team.html         TeamView: .Name, .Counts ([]Count: the team's actions by
//	                  state), .Calendar (its actions.ics), .Subscribe (the
//	                  calendar's absolute address with base_url, else ""), .Actions
//	                  ([]ActionItem: its done sprints', overdue first),
//	                  .Intended ([]ActionItem: its planned sprints'), .Sprints
//	actions.html      ActionsView: .AsOf, .Counts ([]Count), .Parts (each
//	                  .State, .Anchor and .Actions: []ActionRow; the counted
//	                  states, then "intended", planned sprints' actions),
//	                  .OverdueByTeam ([]Count: .Key a team, .URL its page,
//	                  the most first), .Narrow, and the
//	                  data files' .CSV, .ICS, .JSON; .Subscribe is the
//	                  calendar's absolute address with base_url, else ""
//	assumptions.html  AssumptionsView: .Next ([]BeliefItem: untested, the
//	                  important and weakly evidenced first), .Columns (each
//	                  .Key, a tested belief state: supported, refuted,
//	                  inconclusive, contested, and .Items: []BeliefItem,
//	                  customer-true insight first), .Narrow (with .States)
//	studies.html      StudiesView: .Studies (each .Link, .Kind, .Owner,
//	                  .Stages: a count, .Beliefs: .Tested, .Untested,
//	                  .TestNext, .Changes: []Count by state, .Gap: *EnergyGap
//	                  with .Stage, .Now, .Wanted, .Latest: *SprintBrief with
//	                  .Link, .Date, .Verdict, .Updated, .Progress)
//	page.html         PageView: .Title, .Body
//	404.html          NotFoundView: .HomeURL
//
// The parts:
//
//	StageView    .Anchor, .Name, .EnergyNow, .EnergyWanted, .Current, .Desired,
//	             .Beliefs ([]BeliefItem), .Lessons ([]Lesson), .Changes
//	             ([]ChangeItem), .Progress, .Touchpoints, .Latest and .Next
//	             (*SprintBrief: the newest sprint held there, the next
//	             planned one), .Newest (Latest's Date), .Sprints, .Summary
//	             (a StageSummary: what the map's closed cells show)
//	StageSummary .Number (the stage's place, from 1), .Beliefs ([]Count by
//	             state), .TestNext (a count), .BeliefPeek ([]BeliefItem:
//	             to test next first), .LessonPeek ([]Lesson: the newest),
//	             .Changes ([]Count by state),
//	             .Overdue (a count), .ChangePeek ([]ChangeItem: overdue and
//	             doing first, changes and actions both where there are both),
//	             .LongCurrent, .LongDesired (too long to print whole in the
//	             cell: the printed sheet cuts it and its note holds it);
//	             the items of the peeks hold plain text, for a <summary>
//	SprintBrief  .Link, .Date, .Verdict ("" for a planned sprint)
//	BeliefItem   .Text, .Basis (as written), .Drawn (insight for customer-true
//	             insight and a supported assumption), .Importance, .Evidence
//	             (before), .EvidenceAfter, .State (untested, supported,
//	             refuted, inconclusive, contested), .Verdict (the latest),
//	             .Tally ([]Tally: .Verdict, .Sprints []Link; when tested more
//	             than once), .TestNext, .Own (a sprint's own assumption),
//	             .TestedBy (the sprint that set the state), .Planned
//	             (*Links); on the board also .Study, .Stage (*Link),
//	             .Action (*ActionBrief), .Team, .StudyID and .TeamID (for
//	             narrowing), .NotHeld (the Planned sprint's day, once past)
//	Lesson       .Verdict, .Learned, .Sprint (a Link), .Date
//	ChangeItem   .Text, .Group ("change" or "action"), .Status (planned,
//	             doing, done, dropped: label group "state"), .FromAction (a
//	             change that follows its sprint's action), .Since, .Team,
//	             .Owner, .Due, .Overdue, .Sprint (*Link)
//	LogItem      .Date, .Kind (tested, learned, action, change: label group
//	             "log"), .Stage (*Link), .Text, .Verdict, .Evidence, .Status,
//	             .Sprint (*Link)
//	Progress     .Done, .Of: changes done of those not dropped
//	SprintItem   .URL, .Title, .Outcome, .Date, .Team, .Status, .NotHeld,
//	             .Study and .TeamID (ids, for narrowing), .Lesson (one plain
//	             line), .Learned, .Action (an ActionBrief: .Do, .Team,
//	             .Status, .Overdue)
//	ActionItem   .Do, .Status, .Energy, .Due, .Overdue, .NotHeld, .Owner,
//	             .Sprint (a Link), .SprintDate
//	ActionRow    .Do, .Sprint (a Link), .SprintDate, .Planned, .NotHeld,
//	             .Team (a Link), .Owner, .Due, .Energy, .State (overdue,
//	             planned, doing, done, dropped, intended), .Study, .TeamID
//	Narrow       .ScriptURL (narrow.js), .Studies, .Teams, .States (each
//	             .Value, .Text; .States only on the board)
//	Count        .Key, .N, .URL ("" where the count leads nowhere)
//	Link         .URL, .Text;  Date  .ISO, .Text
//
// The Go types in views.go are the exact contract.
//
// # Functions
//
//	t "key"                  the interface text of key, with the site's [labels]
//	tf "key" "name" value    the same, with {name} filled in; a text with a
//	                         number has forms, "key.one" and "key.other",
//	                         and takes the one for the number named n
//	                         (map.progress: of)
//	label "group" value      the text of an enum value: label "verdict" .Outcome
//	                         (the groups "change" and "action" of templates
//	                         from before read as "state")
//	join list sep            strings.Join
//	cssString text           text as a quoted CSS string, every character
//	                         that could end it escaped: a label in a style
//	                         sheet, content: {{cssString (t "key")}}
//	first n list             the first n elements of a list (all when fewer)
//	rest n list              how many elements of a list come after the first n
//	fragment "name" view     draws the template name with view as dot, once
//	                         for each distinct view, and reuses it
//
// t, tf and label give plain text, which html/template escapes for where
// it stands (text, an attribute, a URL, a script or a style sheet), in a
// site's own templates as in the defaults: a label cannot add markup,
// script or a javascript: link.
//
// Once html/template has escaped a kind's templates, the escapers that
// end each action are one call (escape.go): a value they would give back
// as it is (a string without the characters they change, a number, HTML
// in HTML text) comes back at once; any other goes through a one-action
// template that html/template escaped with the same escapers. A page is
// the same, byte for byte; html/template calls each function through
// reflection, and the chains were most of the time a page took.
//
// # The session page under serve
//
// session.js runs the timer of the element #session, keyed by its
// data-sprintkit-timer (the sprint's id); timer.js, loaded before it, is
// the timer's model (its state, cues and record), which timer_test.js in
// this package tests under Node's test runner. Under "sprintkit serve" the live
// script that the dev server adds to each page reads the same attribute
// to follow the sprint's shared timer, and swaps in place every element
// marked data-sprintkit-swap (with an id; in session.html, the notes)
// when a build changed nothing else of the page. A site's own
// session.html keeps both attributes to keep both behaviours.
//
// # Marks for the recording controls
//
// Under "sprintkit serve" pages opened on the serving machine record a
// sprint's outcome and move states (internal/serve, record.js). They find
// what to control by marks that every build carries and a built site
// leaves unused: data-sprintkit-action="<URL of the sprint's page>" on an
// action's state (actions.html, team.html, sprint.html),
// data-sprintkit-change="<ChangeItem.Key>" on the state of a change with a
// state of its own on a study's map (study.html; a change that follows its
// sprint's action carries data-sprintkit-action instead), and
// data-sprintkit-record on the sprint page's part for what was learned,
// where the form's button goes. A site's own templates keep the marks to
// keep the controls.
//
// # Files that are not pages
//
// Beside the pages and assets, Render writes the search index
// (search-index.js, search.go: every text written, its words numbered
// in one vocabulary; search.js ranks and narrows; made beside the pages, a
// little behind the sprints' pages, so that a sprint's rendered notes are
// held for a moment only), the Atom feed (feed.xml, with a base_url;
// feed.go) and the data files that the actions page links to:
// actions.csv (csv.go), actions.ics and each team's
// teams/<slug>/actions.ics (ics.go), and sprints.json, whose shape the
// exported Data* types document, field by field (json.go; to a
// StreamWriter with no Cache, it is written as it is made). No template
// takes part in them: their words are the site's labels, and user text
// goes in as the site's files write it, Markdown unrendered.
//
// # Reuse
//
// A page whose view read nothing that changed since the last build is
// written again as it was, without its view being made: each view asks
// for the parts of the site it reads (a sprint's plan, its notes, its
// study, the sprints that follow it, the tally of its belief, the
// settings, the day; the pages that list sprints read them all), and the
// Cache keeps their versions with the page (reads.go). A save of one
// sprint's notes makes two views. Otherwise a page is drawn again only
// when its view or its templates changed, and the same holds for a
// fragment: the key of each is its templates' parsed text, the site's
// interface text and the view itself (reuse.go). This holds for a site's
// own templates as for the defaults, since a template sees its view and
// nothing else. The rows of sprints.json and the events of the calendars
// are kept the same way, under the key of each row's value, so a save
// encodes only what changed.
package render
