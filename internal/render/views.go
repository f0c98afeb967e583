package render

import (
	"html/template"
	"time"
)

// The views: what each page template gets. A view holds exactly what its
// page shows, already resolved: strings, enum values (for label and CSS
// classes), dates in the site's language, links relative to the page, and
// Markdown rendered to template.HTML. It holds no pointer into the site's
// model, so the view alone decides the page: a page is rendered again
// exactly when its view or its templates changed (reuse.go).
//
// Every page view has a Frame, which base.html draws. The package doc
// lists the views and what each field means to a template author.

// Frame is what every page shows besides its content.
type Frame struct {
	Lang        string // the site's language, "sv" or "en"
	Kind        string // the kind of page, which names its template (kinds.go)
	Title       string // the page's title, before the site's; "" on the start page
	Description string // one plain line for <meta name="description">
	SiteTitle   string
	StyleURL    string // the site's style sheet
	FeedURL     string // the Atom feed, "" when the site has no base_url
	// AsOf is the build's day when the page marks an action overdue,
	// which the page then says it counts from; zero when it marks none.
	AsOf   Date
	Chrome Chrome
}

// Chrome is the header and the footer. It is the same on every page of a
// kind at one depth with the same current entry, and is drawn as a
// fragment.
type Chrome struct {
	SiteTitle string
	HomeURL   string
	Nav       []NavLink // the start page, the board, each study, each free page
	Search    Search
}

// Search is what the search box needs: search.js reads the index and
// turns its links, which lead from the top of the site, into links from
// the page by putting Root before them.
type Search struct {
	Root      string
	IndexURL  string
	ScriptURL string
}

// A NavLink is one entry of the navigation.
type NavLink struct {
	URL     string
	Text    string
	Current bool // the page is this entry
}

// A Link is a link with its text.
type Link struct {
	URL  string
	Text string
}

// A Date is a day as a machine reads it and as the site's language
// writes it ("24 november 2026"); both are "" for no date.
type Date struct {
	ISO  string
	Text string
}

// A SprintItem is a sprint in a list of sprints (the fragment
// "sprintitem" draws its line). It also holds what the sprint learned and
// its action, for templates that show them in the list.
type SprintItem struct {
	URL     string
	Title   string
	Outcome string // supported, refuted, inconclusive or untested
	Date    Date
	Team    string
	Status  string // planned, done, abandoned
	NotHeld bool   // planned, and its day has passed: a plan not held
	Study   string // the study's id, and TeamID the team's slug, for narrowing a list (data-study, data-team)
	TeamID  string
	Lesson  string // what it learned, in one plain line; "" before the session
	Learned template.HTML
	Action  ActionBrief
}

// ActionBrief is a sprint's action in short.
type ActionBrief struct {
	Do      template.HTML
	Team    string
	Status  string // planned, doing, done, dropped
	Overdue bool
}

// An ActionItem is a sprint's action in a team's list (the fragment
// "actionitem").
type ActionItem struct {
	Do      template.HTML
	Status  string // open, doing, done, dropped
	Energy  string // low, medium, high
	Due     Date
	Overdue bool
	NotHeld bool // the action of a planned sprint whose day has passed
	Owner   string
	Sprint  Link
	// SprintDate is the sprint's day, which a planned sprint's intended
	// action shows.
	SprintDate Date
}

// IndexView is the start page.
type IndexView struct {
	Frame       Frame
	Description string       // the site's description, as written
	Outcomes    []Count      // sprints by outcome
	Actions     []Count      // every counted action by state (done sprints'), each linking to its part of the actions page
	AsOf        Date         // the day that overdue is counted from
	Sprints     []SprintItem // newest first
	Quarter     string       // the latest quarter's name ("Q4 2026"), today's
	Quarters    []Quarter    // Sprints by quarter, newest first
	Learned     []SprintItem // the done sprints of the latest quarter, newest first
	Teams       []TeamItem
	Studies     []StudyItem
	Narrow      Narrow
}

// A Quarter is the sprints of one quarter of a year, newest first. Open
// is true for the latest quarter and any after it (sprints planned
// ahead); earlier ones are drawn folded.
type Quarter struct {
	Name    string
	Anchor  string
	Open    bool
	Sprints []SprintItem

	start time.Time
}

// Narrow is the form that narrows a page's lists without a server
// (narrow.js, from file:// too): by study and team, and on the board by
// the beliefs' state. Items carry data-study, data-team and data-state.
type Narrow struct {
	ScriptURL string
	Studies   []Option // value: the study's id
	Teams     []Option // value: the team's slug
	States    []Option // value: a belief state; only on the board
}

// An Option is one choice of a <select>.
type Option struct {
	Value string
	Text  string
}

// A Count is how many of something have the value Key; URL, when set,
// leads to them.
type Count struct {
	Key string
	N   int
	URL string
}

// ActionsView is the page of every action of the site, planned sprints'
// too: whether insight led to doing.
type ActionsView struct {
	Frame  Frame
	AsOf   Date         // the day that overdue is counted from: the build's
	Counts []Count      // by state (overdue, planned, doing, done, dropped), each linking to its part
	Parts  []ActionPart // the counted states, then the planned sprints' intended actions
	// OverdueByTeam are the teams with overdue actions, the most first:
	// Key is the team's name, URL its page.
	OverdueByTeam []Count
	Narrow        Narrow
	CSV           string // actions.csv, for Excel and LibreOffice
	ICS           string // actions.ics, for calendars
	Subscribe     string // actions.ics's absolute address under base_url, to subscribe to; "" without base_url
	JSON          string // sprints.json, for dashboards
}

// An ActionPart is the actions in one state, by due date.
type ActionPart struct {
	State   string // overdue, open, doing, done or dropped
	Anchor  string // the part's element id, which its count links to
	Actions []ActionRow
}

// An ActionRow is one action on the actions page.
type ActionRow struct {
	Do      template.HTML
	Sprint  Link
	Planned bool // the sprint has not been run: the action is intended, not counted
	NotHeld bool // planned, and the sprint's day has passed
	Team    Link // the team that acts
	Owner   string
	Due     Date
	Energy  string // low, medium, high
	State   string // overdue, planned, doing, done, dropped, or intended

	SprintDate Date
	Study      string // the study's id, and TeamID the acting team's slug, for narrowing
	TeamID     string
}

// A TeamItem is a team in the start page's list.
type TeamItem struct {
	Link    Link
	Sprints int // sprints the team ran
	Actions int // actions the team owns
}

// A StudyItem is a study in the start page's list.
type StudyItem struct {
	Link    Link
	Kind    string // journey-map, interviews, survey, other
	Sprints int
}

// SprintView is a sprint's page: the learning card.
type SprintView struct {
	Frame      Frame
	Title      string
	Outcome    string
	Date       Date
	Status     string
	NotHeld    bool   // still planned after its day: shown as not held
	Relation   string // pilots, follows-up, challenges, confirms
	Team       Link   // the team that runs the sprint
	Study      StudyLink
	Stage      *Link // nil when the sprint names no stage
	SessionURL string

	Belief     template.HTML
	Basis      string
	Importance string
	Evidence   string      // before the session
	FromMap    *Link       // the belief on the study's map, when the sprint tests one
	Across     *BeliefItem // that belief across every sprint that tested it; nil for a sprint's own

	Ask       template.HTML
	Method    string
	Customers int // 0 when not given
	Criterion template.HTML

	Notes          template.HTML // notes.md, "" when there are none
	Learned        template.HTML
	ResultEvidence string // after the session, "" when not given

	Action SprintAction

	Duration     int
	Facilitator  string
	Participants []string
	Follows      *Link
	FollowedBy   []Link
}

// A StudyLink is a link to a study, with its summary.
type StudyLink struct {
	URL     string
	Text    string
	Summary template.HTML
}

// SprintAction is the action on a sprint's page.
type SprintAction struct {
	Do          template.HTML
	Team        Link // the team that acts
	OwnTeam     bool // the team that acts is the team that ran the sprint
	Status      string
	Intended    bool // the sprint is planned: the action is what the team means to do, not counted
	Energy      string
	Overdue     bool
	Owner       string
	Due         Date
	Strengthens template.HTML
}

// SessionView is a sprint's session view, for the projector.
type SessionView struct {
	Frame     Frame
	ID        string // the sprint's id, which the timer keeps its state under
	Title     string
	Duration  int
	SprintURL string
	StyleURL  string // the session's own style sheet
	ScriptURL string // the timer
	TimerURL  string // the timer's model (timer.js), which ScriptURL needs loaded first
	// LabelsURL is session-labels.js, the texts the timer shows as it
	// runs, in the site's words; ScriptURL needs it loaded first. It puts
	// the record of the time ("session-record") and the help on the keys
	// ("session-keys") in the page too, unless PartsInPage: the site's
	// own session-labels.js, which carries neither, is the asset, and the
	// page draws them.
	LabelsURL   string
	PartsInPage bool
	Belief      template.HTML
	Ask         template.HTML
	Criterion   template.HTML // what would show the belief right or wrong; empty when the plan has none
	Agenda      []AgendaBlock
	Notes       template.HTML // the notes, as on the sprint's page; empty for none
}

// An AgendaBlock is one block of a session's agenda.
type AgendaBlock struct {
	Name    string
	Minutes int
}

// StudyView is a study's page: its journey map, then its text and every
// sprint linked to it.
type StudyView struct {
	Frame    Frame
	Title    string
	Kind     string
	Summary  template.HTML
	Owner    string
	Date     Date
	Report   *Report // nil when the study names none
	Body     template.HTML
	Stages   []StageView // the map's columns, left to right
	Progress Progress    // of every stage's changes and actions
	Updated  Date        // the newest entry's day in Log
	Log      []LogItem   // what changed on the map, newest first, the newest logMax
	// LogElsewhere is how many older entries Log leaves out.
	LogElsewhere int
	TestNext     []BeliefItem // the map's beliefs to test next
	Sprints      []SprintItem // every sprint linked to the study, newest first
	Quarters     []Quarter    // Sprints by quarter, newest first, the latest open
	StyleURL     string       // the map's own style sheet, for the screen and the printed sheet
	Address      string       // the page's address from the site's base_url; "" without one
	Legend       Legend       // the states the map draws
	// BoardURL and ActionsURL are the board and the actions page narrowed
	// to the study: where the beliefs and actions a stage leaves out are.
	BoardURL, ActionsURL string
}

// A Report is the link to a study's original report. URL has passed the
// site's check of schemes (http, https, file, mailto or relative).
type Report struct {
	URL  template.URL
	Text string
	// File is true for a file: address, which browsers do not open from
	// a page served over http(s): the page shows it as text to copy too.
	File bool
}

// StageView is one stage of a study's journey map: a column of the map.
type StageView struct {
	Anchor       string // the element id that links to the stage point at
	Name         string
	EnergyNow    string // low, medium, high; "" when the study does not say
	EnergyWanted string
	Current      template.HTML
	Desired      template.HTML
	Beliefs      []BeliefItem // the study's, then the sprints' own assumptions, newest first
	Lessons      []Lesson     // what done sprints learned there, newest first
	Changes      []ChangeItem // the study's changes, then done sprints' actions that no change follows, each once, newest first
	Progress     Progress
	Touchpoints  []string
	Latest       *SprintBrief // the newest sprint held at the stage; nil for none
	Next         *SprintBrief // the next planned sprint at the stage; nil for none
	Newest       Date         // Latest's day, for templates written before Latest
	Sprints      []SprintItem
	Summary      StageSummary // what the map's closed cells show, counting every item
	// BeliefsElsewhere, LessonsElsewhere and ChangesElsewhere are how
	// many items the lists above leave out: a lane lists the study's own
	// items all, then the sprints' newest, up to cellMax (20) in all.
	BeliefsElsewhere, LessonsElsewhere, ChangesElsewhere int
}

// A SprintBrief names one sprint in a map's cell: its link, day and
// verdict ("" for a planned one).
type SprintBrief struct {
	Link    Link
	Date    Date
	Verdict string
}

// A BeliefItem is a belief as the map, the board and the log show it.
//
// Its State comes from every done sprint that tests it (untested,
// supported, refuted, inconclusive, or contested when they disagree), and
// Drawn is the basis it is drawn as: a supported internal assumption is
// drawn as (tested) customer-true insight.
type BeliefItem struct {
	Text          template.HTML
	Basis         string // as the study says: assumption (internal) or insight (customer-true)
	Drawn         string // insight for customer-true insight and a supported assumption, else assumption
	Importance    string
	Evidence      string // before any test
	EvidenceAfter string // what the sprint that set its state found; "" when untested or not said
	Own           bool   // a sprint's own assumption, not on the study's list
	State         string // untested, supported, refuted, inconclusive, contested
	Verdict       string // the latest verdict once tested; "" before
	Tally         []Tally
	TestNext      bool         // important, weakly evidenced and untested
	TestedBy      *Link        // the sprint that set its state
	Planned       *Link        // a planned sprint that will test it
	Stage         *Link        // on the board: the stage on its study's map; nil for none
	Study         *Link        // on the board: its study
	Action        *ActionBrief // on the board: the action its test led to
	Team          string       // on the board: the team of the sprint that tests it
	StudyID       string       // on the board: the study's id and the team's slug, for narrowing
	TeamID        string
	NotHeld       Date // on the board: the day of the Planned sprint, when it has passed unheld
}

// A Tally is how many done sprints gave a belief one verdict, newest first;
// a belief tested more than once has one for each verdict, in Verdicts'
// order, zeros too.
type Tally struct {
	Verdict string
	Sprints []Link
}

// A Lesson is what a done sprint learned at a stage.
type Lesson struct {
	Verdict string
	Learned template.HTML
	Sprint  Link
	Date    Date
}

// A ChangeItem is a change under way at a stage: written in the study
// (Group "change") or a done sprint's action that no change follows
// (Group "action"). Both are in one of the states planned, doing, done,
// dropped.
type ChangeItem struct {
	Text       template.HTML
	Group      string // change or action
	Status     string
	FromAction bool // a change that takes its state from its sprint's action
	Since      Date // the day its state last moved, when the study says
	Team       string
	Owner      string
	Due        Date
	Overdue    bool
	Sprint     *Link // the sprint it came from
	// Key names a change with a state of its own as "sprintkit set"
	// spells it (stages.<stage id>.changes.<n>), for the dev server's
	// state control; "" for one that follows its sprint's action.
	Key string
}

// A LogItem is one entry of a study's log, as its page shows it.
type LogItem struct {
	Date     Date
	Kind     string // tested, learned, action, change
	Stage    *Link  // nil for a sprint that names no stage
	Text     template.HTML
	Verdict  string // tested, learned
	Evidence string // tested: the evidence found
	Status   string // action, change
	Sprint   *Link
}

// Progress is how many changes are done of those not dropped.
type Progress struct {
	Done, Of int
}

// TeamView is a team's page.
type TeamView struct {
	Frame     Frame
	Name      string
	Counts    []Count      // the team's actions by state, as the actions page counts them
	Calendar  string       // the team's open actions with a due date, as an iCalendar file
	Subscribe string       // the team's actions.ics's absolute address under base_url, to subscribe to; "" without base_url
	Actions   []ActionItem // counted (done sprints'): overdue first, then by state, low energy first, then by due date
	Intended  []ActionItem // the planned sprints' intended actions, newest sprint first
	Sprints   []SprintItem
}

// AssumptionsView is the assumption board: what to test next, then
// what was learned.
type AssumptionsView struct {
	Frame   Frame
	Next    []BeliefItem // untested: the important and weakly evidenced first
	Columns []Column     // tested, by verdict
	Narrow  Narrow       // by study, team and state
}

// A Column of the board holds the beliefs of one verdict, customer-true
// insight first.
type Column struct {
	Key   string // supported, refuted or inconclusive
	Items []BeliefItem
}

// PageView is a free page.
type PageView struct {
	Frame Frame
	Title string
	Body  template.HTML
}

// NotFoundView is 404.html.
type NotFoundView struct {
	Frame   Frame
	HomeURL string
}
