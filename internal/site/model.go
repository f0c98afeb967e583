package site

import (
	"cmp"
	"slices"
	"time"
)

// Site is everything sprintkit knows about one site folder, checked and linked.
type Site struct {
	Settings Settings
	Studies  []*Study  // by id
	Sprints  []*Sprint // newest first
	Teams    []*Team   // by name
	Pages    []*Page   // free pages, by path
	Files    []File    // files copied as they are, by destination

	// Warnings are things that tend to go stale: they do not stop a build.
	Warnings Problems
}

// Settings are read from content/site.toml.
type Settings struct {
	Title       string
	Language    string // "sv" or "en"
	BaseURL     string // ends in "/" when set
	Description string
	Labels      map[string]string // interface text overrides, by label key
	UnsafeHTML  bool
}

// A File is copied into the built site unchanged.
type File struct {
	Src string // path in the site folder
	Dst string // path in the built site
}

// A Page is a free Markdown page such as content/om.md.
type Page struct {
	Path        string // source path, e.g. "content/om.md"
	ID          string // output folder, e.g. "om"
	Title       string
	Description string
	Body        string // Markdown
}

// A Study is a large original study in content/studies/<id>.md.
type Study struct {
	Path    string
	ID      string
	Title   string
	Date    time.Time // zero when not given
	Owner   string
	Kind    string // journey-map, interviews, survey, other
	Report  string // URL of the original report, checked to be http(s), file: or relative
	Summary string
	Body    string // Markdown
	Stages  []*Stage
	Source  Digest // of its files: <id>.md and <id>.toml

	Sprints []*Sprint // every sprint linked to the study, newest first

	fields *fields // where its keys are, for problems found when linking
}

// A Stage is one customer activity of a study's journey map, as a change plan.
type Stage struct {
	ID           string
	Name         string
	EnergyNow    string // what the stage costs the customer today: low, medium, high; "" when not said
	EnergyWanted string // what it should cost; "" when not said
	Current      string
	Desired      string
	Beliefs      []*Belief // what the organisation believes there, as the study lists them
	Changes      []Change  // the changes under way, as the study lists them
	Touchpoints  []string

	Study   *Study
	Sprints []*Sprint // the sprints that touched the stage, newest first
}

// Belief returns the study's belief id; or, when it has none of that id,
// nil and the ids of all its beliefs, for a problem that names the ones
// there are. It is asked once for each plan that tests a belief.
func (st *Study) Belief(id string) (*Belief, []string) {
	for _, sg := range st.Stages {
		for _, b := range sg.Beliefs {
			if b.ID == id {
				return b, nil
			}
		}
	}
	var ids []string
	for _, sg := range st.Stages {
		for _, b := range sg.Beliefs {
			ids = append(ids, b.ID)
		}
	}
	return nil, ids
}

// A Belief is what the organisation believes about its customers at a
// stage: an internal assumption or customer-true insight, to be tested.
type Belief struct {
	ID         string // unique in the study
	Text       string // Markdown
	Basis      string // assumption or insight
	Importance string // high, low
	Evidence   string // none, opinion, anecdote, research, data

	Stage   *Stage
	Sprints []*Sprint // the sprints that test it, newest first
}

// Tested returns the latest done sprint that tested the belief and gave a
// verdict, the one that set its state, or nil while it is untested.
func (b *Belief) Tested() *Sprint {
	for _, sp := range b.Sprints {
		if sp.Outcome() != Untested {
			return sp
		}
	}
	return nil
}

// Tally returns the done sprints that tested the belief, newest first, by
// their verdict.
func (b *Belief) Tally() map[string][]*Sprint {
	t := map[string][]*Sprint{}
	for _, sp := range b.Sprints {
		if o := sp.Outcome(); o != Untested {
			t[o] = append(t[o], sp)
		}
	}
	return t
}

// State is what the belief's done sprints found, one of BeliefStates:
// untested; contested when one supported it and another refuted it; else
// the latest verdict.
func (b *Belief) State() string {
	sp := b.Tested()
	if sp == nil {
		return Untested
	}
	if t := b.Tally(); len(t["supported"]) > 0 && len(t["refuted"]) > 0 {
		return Contested
	}
	return sp.Outcome()
}

// EvidenceAfter is the evidence that the sprint that set the belief's
// state found, "" while it is untested or when that sprint did not say.
func (b *Belief) EvidenceAfter() string {
	if sp := b.Tested(); sp != nil {
		return sp.Result.Evidence
	}
	return ""
}

// TestNext reports whether the belief is one to test next: important,
// weakly evidenced (none, opinion, anecdote) and untested.
func (b *Belief) TestNext() bool {
	return b.Tested() == nil && b.Importance == "high" && Weak(b.Evidence)
}

// Weak reports whether evidence is no more than anecdotes.
func Weak(evidence string) bool {
	return Evidences.Index(evidence) <= Evidences.Index("anecdote")
}

// A Change is one change under way at a stage: written in the study, as a
// plain sentence (planned) or with its team, status and the sprint it
// came from.
//
// A change that names a sprint and says no status of its own is the same
// work as that sprint's action: linking gives it the action's status, and
// its team, owner and due date where it has none (FromAction), and the
// action is not listed again beside it.
type Change struct {
	Text       string // Markdown
	Team       string // "" when not said
	Owner      string // "" when not said
	Due        time.Time
	Status     string    // planned, doing, done, dropped
	OwnStatus  bool      // the study says the status, rather than taking the default or the action's
	Since      time.Time // the day its state last moved; zero when not said
	SprintID   string    // "" when not said
	Sprint     *Sprint
	FromAction bool // it follows its sprint's action
	Index      int  // its place in the study's list, from 0, for problems
}

// A Sprint is one 90-minute insight session: sprints/<id>/sprint.toml and notes.md.
type Sprint struct {
	Path         string // path of sprint.toml
	ID           string // folder name
	Title        string
	Date         time.Time
	Team         string
	StudyID      string
	Relation     string // pilots, follows-up, challenges, confirms
	StageID      string
	Status       string // planned, done, abandoned
	Duration     int    // minutes
	Facilitator  string
	Participants []string
	Assumption   Assumption // with the tested belief's values where the plan leaves them out
	Question     Question
	Action       Action
	FollowsID    string
	Result       Result
	Agenda       []Block
	Notes        string // Markdown from notes.md, "" when there is none
	NotesPath    string // path of notes.md when there is one
	Source       Sources

	// Set when the site is linked.
	Study      *Study
	Stage      *Stage  // nil when the sprint names no stage (nor does its belief)
	Tests      *Belief // the study's belief the sprint tests; nil for its own
	Follows    *Sprint
	FollowedBy []*Sprint
	TeamRef    *Team // the team that runs the sprint
	ActionTeam *Team // the team that acts
}

type Assumption struct {
	Tests      string // the id of the study's belief the sprint tests; "" for its own
	Belief     string
	Basis      string // assumption or insight
	Importance string // high, low
	Evidence   string // none, opinion, anecdote, research, data
}

type Question struct {
	Ask       string
	Method    string
	Customers int // 0 when not given
	Criterion string
}

type Action struct {
	Do          string
	Team        string
	Strengthens string
	Energy      string // low, medium, high
	Owner       string
	Due         time.Time // zero when not given
	Status      string    // planned, doing, done, dropped (States; "open" in a plan reads as planned)
}

type Result struct {
	Verdict  string // supported, refuted, inconclusive; "" before the session
	Learned  string
	Evidence string
	Recorded time.Time // the day the result was written; zero when not given
}

// A Block is one part of the session's agenda.
type Block struct {
	Name    string // as written in sprint.toml; "" for a default block
	Key     string // label key of a default block, e.g. "agenda.frame"
	Minutes int
}

// A Team runs sprints and owns actions.
type Team struct {
	Name    string
	Slug    string
	Sprints []*Sprint // sprints the team ran, newest first
	Actions []*Sprint // sprints whose action the team owns: open before doing before done before dropped, low energy first, then by due date
}

// Outcome is the assumption board's column for a sprint: untested, supported, refuted or inconclusive.
func (s *Sprint) Outcome() string {
	if s.Status == "done" && s.Result.Verdict != "" {
		return s.Result.Verdict
	}
	return Untested
}

// ActionState is the part of ActionStates that the sprint's action is in
// as of today: overdue, or its status. An action counts only once its
// sprint is done: a planned sprint's action is Intended, and an abandoned
// sprint's is "", counted nowhere.
func (s *Sprint) ActionState(today time.Time) string {
	switch {
	case s.Status == "planned":
		return Intended
	case s.Status != "done":
		return ""
	case s.Overdue(today):
		return Overdue
	}
	return s.Action.Status
}

// NotHeld reports whether the sprint is still planned after its date: a
// plan that was not held (or not yet recorded).
func (s *Sprint) NotHeld(today time.Time) bool {
	return s.Status == "planned" && !today.IsZero() && today.After(s.Date)
}

// Intended returns the planned sprints, newest first, whose actions are
// intended, not yet counted.
func (s *Site) Intended() []*Sprint {
	var list []*Sprint
	for _, sp := range s.Sprints {
		if sp.Status == "planned" {
			list = append(list, sp)
		}
	}
	return list
}

// ActionsAsOf returns the team's counted actions (those of its done
// sprints) as its page lists them: overdue first, then by state
// (ActionStates), low energy first, then the earliest due.
func (t *Team) ActionsAsOf(today time.Time) []*Sprint {
	return counted(t.Actions, today, func(a, b *Sprint) int {
		return cmp.Or(
			cmp.Compare(Energies.Index(a.Action.Energy), Energies.Index(b.Action.Energy)),
			byDue(a.Action.Due, b.Action.Due),
		)
	})
}

// Actions returns the done sprints of the site, whose actions count, as
// their actions are listed: by state (ActionStates: overdue first, then
// planned, doing, done and dropped), then by due date (none last), then
// newest sprint first. Planned sprints' actions are Intended.
func (s *Site) Actions(today time.Time) []*Sprint {
	// Equals keep s.Sprints' order: newest first.
	return counted(s.Sprints, today, func(a, b *Sprint) int {
		return byDue(a.Action.Due, b.Action.Due)
	})
}

// counted returns the done sprints of sprints, whose actions count, in a
// new list ordered by their actions' state on today (ActionStates), then
// by then; equals keep the order of sprints.
func counted(sprints []*Sprint, today time.Time, then func(a, b *Sprint) int) []*Sprint {
	var list []*Sprint
	for _, sp := range sprints {
		if sp.Status == "done" {
			list = append(list, sp)
		}
	}
	slices.SortStableFunc(list, func(a, b *Sprint) int {
		return cmp.Or(
			cmp.Compare(ActionStates.Index(a.ActionState(today)), ActionStates.Index(b.ActionState(today))),
			then(a, b),
		)
	})
	return list
}

// byDue orders due dates earliest first, and no date after every date.
func byDue(a, b time.Time) int {
	switch {
	case a.Equal(b):
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

// Overdue reports whether the sprint is done and its action not finished
// past its due date. A planned sprint's action is never overdue.
func (s *Sprint) Overdue(today time.Time) bool {
	if s.Status != "done" || s.Action.Due.IsZero() || today.IsZero() {
		return false
	}
	if s.Action.Status == "done" || s.Action.Status == "dropped" {
		return false
	}
	return today.After(s.Action.Due)
}
