package site

import (
	"fmt"
	"slices"
)

// Default agenda: the five blocks of a 90-minute session.
var defaultAgenda = []Block{
	{Key: "agenda.frame", Minutes: 10},
	{Key: "agenda.prepare", Minutes: 10},
	{Key: "agenda.meet", Minutes: 40},
	{Key: "agenda.sense", Minutes: 15},
	{Key: "agenda.decide", Minutes: 15},
}

// DefaultAgenda returns the default agenda scaled to a session of the given length.
func DefaultAgenda(duration int) []Block {
	out := slices.Clone(defaultAgenda)
	if duration == 90 || duration <= 0 {
		return out
	}
	sum := 0
	for i := range out {
		out[i].Minutes = out[i].Minutes * duration / 90
		sum += out[i].Minutes
	}
	out[2].Minutes += duration - sum // the time with customers takes the rest
	return out
}

// ParseSprint checks one sprint plan on its own (without the rest of the
// site) and returns the sprint, unlinked, and every problem found in it.
func ParseSprint(p, id string, data []byte) (*Sprint, Problems) {
	var probs Problems
	m, f, ok := decodeTOML(p, string(data), 1, &probs)
	if !ok {
		return nil, probs
	}
	f.known(m, "", "title", "date", "team", "study", "relation", "stage", "status", "duration",
		"facilitator", "participants", "assumption", "question", "action", "follows", "result", "agenda")
	sp := &Sprint{Path: p, ID: id}
	sp.Title = f.str(m, "", "title", true)
	sp.Date = f.date(m, "", "date", true)
	sp.Team = f.str(m, "", "team", true)
	sp.StudyID = f.str(m, "", "study", true)
	sp.Relation = f.enum(m, "", "relation", Relations)
	sp.StageID = f.str(m, "", "stage", false)
	sp.Status = f.enum(m, "", "status", Statuses)
	before := len(probs)
	sp.Duration = f.integer(m, "", "duration", 90)
	if _, ok := m["duration"]; ok && sp.Duration < 5 {
		f.atValue("duration", "%d minutes is too short for a session: at least 5", sp.Duration)
		sp.Duration = 90
	}
	// The agenda's sum is checked against a duration and blocks that
	// could be read: only their own problems hide it.
	durationRead := len(probs) == before
	sp.Facilitator = f.str(m, "", "facilitator", false)
	sp.Participants = f.strings(m, "", "participants")
	sp.FollowsID = f.str(m, "", "follows", false)

	if a := f.table(m, "", "assumption", true); a != nil {
		f.known(a, "assumption", "tests", "belief", "basis", "importance", "evidence")
		tests := f.str(a, "assumption", "tests", false)
		if _, named := a["tests"]; !named {
			sp.Assumption = Assumption{
				Belief:     f.str(a, "assumption", "belief", true),
				Basis:      f.enum(a, "assumption", "basis", Bases),
				Importance: f.enum(a, "assumption", "importance", Importances),
				Evidence:   f.enum(a, "assumption", "evidence", Evidences),
			}
		} else {
			// What the plan leaves out comes from the study's belief
			// when the site is linked.
			sp.Assumption = Assumption{
				Tests:      tests,
				Belief:     f.str(a, "assumption", "belief", false),
				Basis:      f.optional(a, "assumption", "basis", Bases),
				Importance: f.optional(a, "assumption", "importance", Importances),
				Evidence:   f.optional(a, "assumption", "evidence", Evidences),
			}
		}
	}
	if q := f.table(m, "", "question", true); q != nil {
		f.known(q, "question", "ask", "method", "customers", "criterion")
		sp.Question = Question{
			Ask:       f.str(q, "question", "ask", true),
			Method:    f.enum(q, "question", "method", Methods),
			Customers: f.integer(q, "question", "customers", 0),
			Criterion: f.str(q, "question", "criterion", false),
		}
	}
	if a := f.table(m, "", "action", true); a != nil {
		f.known(a, "action", "do", "team", "strengthens", "energy", "owner", "due", "status")
		sp.Action = Action{
			Do:          f.str(a, "action", "do", true),
			Team:        f.str(a, "action", "team", false),
			Strengthens: f.str(a, "action", "strengthens", false),
			Energy:      f.enum(a, "action", "energy", Energies),
			Owner:       f.str(a, "action", "owner", false),
			Due:         f.date(a, "action", "due", false),
			Status:      f.enum(a, "action", "status", ActionStatuses),
		}
	}
	if sp.Action.Team == "" {
		sp.Action.Team = sp.Team
	}
	r := f.table(m, "", "result", false)
	if r != nil {
		f.known(r, "result", "verdict", "learned", "evidence", "recorded")
		if _, ok := r["verdict"]; ok || sp.Status == "done" {
			sp.Result.Verdict = f.enum(r, "result", "verdict", Verdicts)
		}
		sp.Result.Learned = f.str(r, "result", "learned", sp.Status == "done")
		if _, ok := r["evidence"]; ok {
			sp.Result.Evidence = f.enum(r, "result", "evidence", Evidences)
		}
		sp.Result.Recorded = f.date(r, "result", "recorded", false)
	} else if sp.Status == "done" {
		p, _ := f.find("status")
		f.problem(p.val, "status: a done sprint needs a [result] table with verdict and learned")
	}

	blocks := f.tables(m, "", "agenda")
	if blocks == nil {
		sp.Agenda = DefaultAgenda(sp.Duration)
	} else {
		sum := 0
		before := len(probs)
		for i, b := range blocks {
			prefix := fmt.Sprintf("agenda[%d]", i)
			f.name(prefix, b, "block")
			f.known(b, prefix, "block", "minutes")
			blk := Block{Name: f.str(b, prefix, "block", true), Minutes: f.integer(b, prefix, "minutes", 0)}
			if _, ok := b["minutes"]; !ok {
				f.missing(prefix + ".minutes")
			} else if blk.Minutes == 0 {
				f.atValue(prefix+".minutes", "must be more than 0")
			}
			sum += blk.Minutes
			sp.Agenda = append(sp.Agenda, blk)
		}
		if sum != sp.Duration && durationRead && len(probs) == before {
			p, _ := f.find("agenda")
			f.problem(p.key, "agenda: the blocks add up to %d minutes, but duration is %d", sum, sp.Duration)
		}
	}
	return sp, probs
}

// sprintFields gives positions in a sprint's plan after it was parsed, for
// problems found while linking.
func (l *loader) sprintFields(sp *Sprint) *fields {
	return &fields{path: sp.Path, probs: &l.probs, load: func() (string, int) {
		data, _ := readFile(l.fsys, sp.Path, MaxTOML, "a sprint plan")
		return string(data), 1
	}}
}
