package render

import "html/template"

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
	Kind        string // index, sprint, session, study, team, assumptions, page or 404
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
	Learned template.HTML
	Action  ActionBrief
}

// ActionBrief is a sprint's action in short.
type ActionBrief struct {
	Do      template.HTML
	Team    string
	Status  string // open, doing, done, dropped
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
	Owner   string
	Sprint  Link
}

// IndexView is the start page.
type IndexView struct {
	Frame       Frame
	Description string       // the site's description, as written
	Outcomes    []Count      // sprints by outcome
	Actions     []Count      // every action by state, each linking to its part of the actions page
	AsOf        Date         // the day that overdue is counted from
	Sprints     []SprintItem // newest first
	Teams       []TeamItem
	Studies     []StudyItem
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
	AsOf   Date    // the day that overdue is counted from: the build's
	Counts []Count // by state (overdue, open, doing, done, dropped), each linking to its part
	Parts  []ActionPart
	CSV    string // actions.csv, for Excel and LibreOffice
	ICS    string // actions.ics, for calendars
	JSON   string // sprints.json, for dashboards
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
	Planned bool // the sprint has not been run: the action is planned with it
	Team    Link // the team that acts
	Owner   string
	Due     Date
	Energy  string // low, medium, high
	State   string // overdue, open, doing, done or dropped
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
	Relation   string // pilots, follows-up, challenges, confirms
	Team       Link   // the team that runs the sprint
	Study      StudyLink
	Stage      *Link // nil when the sprint names no stage
	SessionURL string

	Belief     template.HTML
	Basis      string
	Importance string
	Evidence   string // before the session
	Verdict    string // the belief's verdict once tested, by this sprint or a later one; ""
	TestedBy   *Link  // the later sprint whose verdict it is; nil for this one's or none
	FromMap    *Link  // the belief on the study's map, when the sprint tests one

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
	Belief    template.HTML
	Ask       template.HTML
	Criterion template.HTML // what would show the belief right or wrong; empty when the plan has none
	Agenda    []AgendaBlock
	Notes     template.HTML // the notes, as on the sprint's page; empty for none
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
	Stages   []StageView  // the map's columns, left to right
	Progress Progress     // of every stage's changes and actions
	Sprints  []SprintItem // every sprint linked to the study, newest first
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
	Beliefs      []BeliefItem // the study's, then the sprints' own assumptions
	Lessons      []Lesson     // what done sprints learned there, newest first
	Changes      []ChangeItem // the study's changes, then done sprints' actions
	Progress     Progress
	Touchpoints  []string
	Newest       Date // the newest sprint's day at the stage
	Sprints      []SprintItem
}

// A BeliefItem is a belief as the map and the board show it.
type BeliefItem struct {
	Text       template.HTML
	Basis      string // assumption (internal) or insight (customer-true)
	Importance string
	Evidence   string
	Own        bool         // a sprint's own assumption, not on the study's list
	Verdict    string       // supported, refuted or inconclusive once tested; "" before
	TestedBy   *Link        // the sprint whose verdict it is
	Planned    *Link        // a planned sprint that will test it
	Stage      *Link        // on the board: the stage on its study's map; nil for none
	Action     *ActionBrief // on the board: the action its test led to
	Team       string       // on the board: the team of the sprint that tests it
}

// A Lesson is what a done sprint learned at a stage.
type Lesson struct {
	Verdict string
	Learned template.HTML
	Sprint  Link
}

// A ChangeItem is a change under way at a stage: written in the study
// (Group "change": planned, doing, done, dropped) or a done sprint's
// action (Group "action": open, doing, done, dropped).
type ChangeItem struct {
	Text    template.HTML
	Group   string // the label group of Status: change or action
	Status  string
	Team    string
	Owner   string
	Due     Date
	Overdue bool
	Sprint  *Link // the sprint it came from
}

// Progress is how many changes are done of those not dropped.
type Progress struct {
	Done, Of int
}

// TeamView is a team's page.
type TeamView struct {
	Frame    Frame
	Name     string
	Counts   []Count      // the team's actions by state, as the actions page counts them
	Calendar string       // the team's open actions with a due date, as an iCalendar file
	Actions  []ActionItem // open first, low energy first, then by due date
	Sprints  []SprintItem
}

// AssumptionsView is the assumption board: what to test next, then
// what was learned.
type AssumptionsView struct {
	Frame   Frame
	Next    []BeliefItem // untested: the important and weakly evidenced first
	Columns []Column     // tested, by verdict
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
