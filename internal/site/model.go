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

// Belief returns the study's belief id, or nil, and the ids of all its
// beliefs, for a problem that names the ones there are.
func (st *Study) Belief(id string) (*Belief, []string) {
	var found *Belief
	var ids []string
	for _, sg := range st.Stages {
		for _, b := range sg.Beliefs {
			if b.ID == id {
				found = b
			}
			ids = append(ids, b.ID)
		}
	}
	return found, ids
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
// verdict, or nil while it is untested.
func (b *Belief) Tested() *Sprint {
	for _, sp := range b.Sprints {
		if sp.Outcome() != Untested {
			return sp
		}
	}
	return nil
}

// A Change is one change under way at a stage: written in the study, as a
// plain sentence (planned) or with its team, status and the sprint it
// came from.
type Change struct {
	Text     string // Markdown
	Team     string // "" when not said
	Status   string // planned, doing, done, dropped
	SprintID string // "" when not said
	Sprint   *Sprint
	Index    int // its place in the study's list, from 0, for problems
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
	Status      string    // open, doing, done, dropped
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
// as of today: overdue, or its status.
func (s *Sprint) ActionState(today time.Time) string {
	if s.Overdue(today) {
		return Overdue
	}
	return s.Action.Status
}

// Actions returns the sprints of the site, planned ones too, as their
// actions are listed: by state (ActionStates: overdue first, then open,
// doing, done and dropped), then by due date (none last), then newest
// sprint first.
func (s *Site) Actions(today time.Time) []*Sprint {
	list := slices.Clone(s.Sprints)
	// Equals keep s.Sprints' order: newest first.
	slices.SortStableFunc(list, func(a, b *Sprint) int {
		return cmp.Or(
			cmp.Compare(ActionStates.Index(a.ActionState(today)), ActionStates.Index(b.ActionState(today))),
			byDue(a.Action.Due, b.Action.Due),
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

// Overdue reports whether the sprint's action is not finished past its due date.
func (s *Sprint) Overdue(today time.Time) bool {
	if s.Action.Due.IsZero() || today.IsZero() {
		return false
	}
	if s.Action.Status == "done" || s.Action.Status == "dropped" {
		return false
	}
	return today.After(s.Action.Due)
}
