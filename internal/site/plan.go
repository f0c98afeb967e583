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

// DefaultAgenda returns the default agenda scaled to a session of the
// given length, not to be changed: for 90 minutes, as nearly every sprint
// has it, it is the one agenda that they all share.
func DefaultAgenda(duration int) []Block {
	if duration == 90 || duration <= 0 {
		return slices.Clip(defaultAgenda)
	}
	out := slices.Clone(defaultAgenda)
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
// Each key is read as the table of keys declares it (keys.toml); what
// depends on another key (the result when the sprint is done, the
// assumption's text when it tests a belief) is said here.
func ParseSprint(p, id, src string) (*Sprint, Problems) {
	var probs Problems
	m, f, ok := decodeTOML(p, src, 1, &probs)
	if !ok {
		return nil, probs
	}
	r := reader{f, SprintKeys}
	r.known(m, "")
	sp := &Sprint{Path: p, ID: id}
	sp.Title = r.text(m, "", "title")
	sp.Date = r.day(m, "", "date")
	sp.Team = r.text(m, "", "team")
	sp.StudyID = r.text(m, "", "study")
	sp.Relation = r.choice(m, "", "relation")
	sp.StageID = r.text(m, "", "stage")
	sp.Status = r.choice(m, "", "status")
	before := len(probs)
	sp.Duration = r.number(m, "", "duration")
	if _, ok := m["duration"]; ok && sp.Duration < 5 {
		r.atValue("duration", "%d minutes is too short for a session: at least 5", sp.Duration)
		sp.Duration = 90
	}
	// The agenda's sum is checked against a duration and blocks that
	// could be read: only their own problems hide it.
	durationRead := len(probs) == before
	sp.Facilitator = r.text(m, "", "facilitator")
	sp.Participants = r.list(m, "", "participants")
	sp.FollowsID = r.text(m, "", "follows")

	if a := r.sub(m, "", "assumption"); a != nil {
		sp.Assumption = r.assumption(a)
	}
	if q := r.sub(m, "", "question"); q != nil {
		r.known(q, "question")
		sp.Question = Question{
			Ask:       r.text(q, "question", "ask"),
			Method:    r.choice(q, "question", "method"),
			Customers: r.number(q, "question", "customers"),
			Criterion: r.text(q, "question", "criterion"),
		}
	}
	if a := r.sub(m, "", "action"); a != nil {
		r.known(a, "action")
		sp.Action = Action{
			Do:          r.text(a, "action", "do"),
			Team:        r.text(a, "action", "team"),
			Strengthens: r.text(a, "action", "strengthens"),
			Energy:      r.choice(a, "action", "energy"),
			Owner:       r.text(a, "action", "owner"),
			Due:         r.day(a, "action", "due"),
			Status:      r.choice(a, "action", "status"),
		}
	}
	if sp.Action.Team == "" {
		sp.Action.Team = sp.Team
	}
	sp.Result = r.result(m, sp.Status == "done")
	sp.Agenda = r.agenda(m, sp.Duration, durationRead)
	return sp, probs
}

// assumption reads [assumption]: belief and basis are required unless it
// names a belief of the study it tests, whose values then fill in what the
// plan leaves out when the site is linked.
func (r reader) assumption(a map[string]any) Assumption {
	r.known(a, "assumption")
	tests := r.text(a, "assumption", "tests")
	if _, named := a["tests"]; !named {
		return Assumption{
			Belief:     r.text(a, "assumption", "belief"),
			Basis:      r.choice(a, "assumption", "basis"),
			Importance: r.choice(a, "assumption", "importance"),
			Evidence:   r.choice(a, "assumption", "evidence"),
		}
	}
	return Assumption{
		Tests:      tests,
		Belief:     r.text(a, "assumption", "belief"),
		Basis:      r.choice(a, "assumption", "basis"),
		Importance: r.maybe(a, "assumption", "importance"),
		Evidence:   r.maybe(a, "assumption", "evidence"),
	}
}

// result reads [result], which a done sprint needs with its verdict and
// what was learned.
func (r reader) result(m map[string]any, done bool) Result {
	var res Result
	t := r.table(m, "", "result", false)
	if t == nil {
		if done {
			p, _ := r.find("status")
			r.problem(p.val, "status: a done sprint needs a [result] table with verdict and learned")
		}
		return res
	}
	r.decl("result", "table")
	r.known(t, "result")
	if _, ok := t["verdict"]; ok || done {
		res.Verdict = r.choice(t, "result", "verdict")
	}
	r.decl("result.learned", "string")
	res.Learned = r.str(t, "result", "learned", done)
	res.Evidence = r.choice(t, "result", "evidence")
	res.Recorded = r.day(t, "result", "recorded")
	return res
}

// agenda reads the [[agenda]] blocks, whose minutes add up to duration,
// or makes the default agenda for it.
func (r reader) agenda(m map[string]any, duration int, durationRead bool) []Block {
	blocks := r.each(m, "", "agenda")
	if blocks == nil {
		return DefaultAgenda(duration)
	}
	var out []Block
	sum := 0
	before := len(*r.probs)
	for i, b := range blocks {
		prefix := fmt.Sprintf("agenda[%d]", i)
		r.name(prefix, b, "block")
		r.known(b, prefix)
		blk := Block{Name: r.text(b, prefix, "block"), Minutes: r.number(b, prefix, "minutes")}
		if _, ok := b["minutes"]; !ok {
			r.missing(prefix + ".minutes")
		} else if blk.Minutes == 0 {
			r.atValue(prefix+".minutes", "must be more than 0")
		}
		sum += blk.Minutes
		out = append(out, blk)
	}
	if sum != duration && durationRead && len(*r.probs) == before {
		p, _ := r.find("agenda")
		r.problem(p.key, "agenda: the blocks add up to %d minutes, but duration is %d", sum, duration)
	}
	return out
}

// sprintFields gives positions in a sprint's plan after it was parsed, for
// problems found while linking.
func (l *loader) sprintFields(sp *Sprint) *fields {
	return &fields{path: sp.Path, probs: &l.probs, load: func() (string, int) {
		data, _ := readFile(l.fsys, sp.Path, MaxTOML, "a sprint plan")
		return string(data), 1
	}}
}
