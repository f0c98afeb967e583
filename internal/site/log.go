package site

import (
	"cmp"
	"slices"
	"time"
)

// A LogEntry is one dated change of a study's map, derived from the site:
// nothing is kept besides the files.
type LogEntry struct {
	Date     time.Time
	Kind     string  // one of LogKinds
	Stage    *Stage  // nil for a sprint that names no stage
	Text     string  // Markdown: the belief, the lesson, the action or the change
	Verdict  string  // tested and learned: the sprint's verdict
	Evidence string  // tested: the evidence the sprint found, "" when not said
	Status   string  // action and change: its state (States)
	Sprint   *Sprint // the sprint it came from; nil for a change's own move
	Belief   *Belief // tested: the study's belief; nil for a sprint's own
}

// LogKinds are what a study's log records, in the order entries of one day
// are listed: a belief tested, what a sprint learned, the action a sprint
// started, and a change started by a sprint or moved on the day its since
// says.
var LogKinds = Enum{"log", []string{"tested", "learned", "action", "change"}, ""}

// Log is the study's map log, newest first: each done sprint's test and
// lesson, on the day its result was recorded (else its date); the action
// it started, unless a change follows that action; each change a sprint
// started, on the sprint's day; and each change's state on its since day.
func (st *Study) Log() []LogEntry {
	// At most two entries a change and three a tested sprint: a study of
	// a year's sprints has thousands, made at their size at once.
	n := 0
	for _, sg := range st.Stages {
		n += 2 * len(sg.Changes)
	}
	for _, sp := range st.Sprints {
		if sp.Outcome() != Untested {
			n += 3
		}
	}
	log := make([]LogEntry, 0, n)
	followed := map[*Sprint]bool{}
	for _, sg := range st.Stages {
		for _, c := range sg.Changes {
			if c.Sprint != nil && c.Sprint.Status == "done" {
				followed[c.Sprint] = c.FromAction || followed[c.Sprint]
				log = append(log, LogEntry{Date: c.Sprint.Date, Kind: "change", Stage: sg, Text: c.Text, Status: c.Status, Sprint: c.Sprint})
			}
			if !c.Since.IsZero() {
				log = append(log, LogEntry{Date: c.Since, Kind: "change", Stage: sg, Text: c.Text, Status: c.Status})
			}
		}
	}
	for _, sp := range st.Sprints {
		if sp.Outcome() == Untested {
			continue
		}
		day := sp.ResultDay()
		log = append(log,
			LogEntry{Date: day, Kind: "tested", Stage: sp.Stage, Text: sp.Assumption.Belief, Verdict: sp.Result.Verdict, Evidence: sp.Result.Evidence, Sprint: sp, Belief: sp.Tests},
			LogEntry{Date: day, Kind: "learned", Stage: sp.Stage, Text: sp.Result.Learned, Verdict: sp.Result.Verdict, Sprint: sp})
		if !followed[sp] {
			log = append(log, LogEntry{Date: sp.Date, Kind: "action", Stage: sp.Stage, Text: sp.Action.Do, Status: sp.Action.Status, Sprint: sp})
		}
	}
	// Sprints are newest first and stages in the map's order: a stable
	// sort keeps that order among entries of one day and kind.
	slices.SortStableFunc(log, func(a, b LogEntry) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(LogKinds.Index(a.Kind), LogKinds.Index(b.Kind)))
	})
	return log
}

// Updated is the day of the newest entry of log, zero for an empty log.
func Updated(log []LogEntry) time.Time {
	if len(log) == 0 {
		return time.Time{}
	}
	return log[0].Date
}

// ResultDay is the day the sprint's result counts from: the day it was
// recorded, else the session's date.
func (s *Sprint) ResultDay() time.Time {
	if !s.Result.Recorded.IsZero() {
		return s.Result.Recorded
	}
	return s.Date
}
