package render

import (
	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// beliefItem is the study's belief b as the map, the board and a sprint's
// page show it: its state across every sprint that tested it, their
// tally when there was more than one, the evidence after, and the planned
// sprint that will test it.
func (r *renderer) beliefItem(b *site.Belief, link func(*site.Sprint) *Link) BeliefItem {
	item := BeliefItem{
		Text: r.md.inline(b.Text), Basis: b.Basis, Importance: b.Importance, Evidence: b.Evidence,
		State: b.State(), EvidenceAfter: b.EvidenceAfter(), TestNext: b.TestNext(),
	}
	if sp := b.Tested(); sp != nil {
		item.Verdict, item.TestedBy = sp.Outcome(), link(sp)
	}
	if t := b.Tally(); len(t) > 0 && tested(t) > 1 {
		for _, v := range site.Verdicts.Values {
			tl := Tally{Verdict: v, Sprints: []Link{}}
			for _, sp := range t[v] {
				tl.Sprints = append(tl.Sprints, *link(sp))
			}
			item.Tally = append(item.Tally, tl)
		}
	}
	if sp := planned(b.Sprints); sp != nil {
		item.Planned = link(sp)
	}
	item.Drawn = drawn(item.Basis, item.State)
	return item
}

// across is the belief b as every sprint page that tests it shows it: its
// state across all its sprints. The sprint pages lie side by side, so
// their links to the sprints of the tally are the same: it is made once a
// build, not once for each of the sprints, whose tallies grow with them.
func (r *renderer) across(b *site.Belief) *BeliefItem {
	r.acrossMu.Lock()
	defer r.acrossMu.Unlock()
	if item, ok := r.acrossOf[b]; ok {
		return item
	}
	if r.acrossOf == nil {
		r.acrossOf = map[*site.Belief]*BeliefItem{}
	}
	item := r.beliefItem(b, r.sprintLink(layout.Sprint("x")))
	r.acrossOf[b] = &item
	return &item
}

// tested counts the sprints of a tally.
func tested(t map[string][]*site.Sprint) int {
	n := 0
	for _, list := range t {
		n += len(list)
	}
	return n
}

// drawn is the basis a belief is drawn as: a supported internal
// assumption has become customer-true insight, tested.
func drawn(basis, state string) string {
	if state == "supported" {
		return "insight"
	}
	return basis
}

// ownAssumption is the assumption of a sprint that tests none of its
// study's beliefs, as the map and the board show it; ok is false for an
// abandoned sprint's, which nobody will test.
func (r *renderer) ownAssumption(sp *site.Sprint, link func(*site.Sprint) *Link) (item BeliefItem, ok bool) {
	if sp.Tests != nil || sp.Status == "abandoned" {
		return BeliefItem{}, false
	}
	a := sp.Assumption
	item = BeliefItem{
		Text: r.md.inline(a.Belief), Basis: a.Basis, Importance: a.Importance, Evidence: a.Evidence,
		Own: true, State: sp.Outcome(),
	}
	if item.State != site.Untested {
		item.Verdict, item.TestedBy, item.EvidenceAfter = item.State, link(sp), sp.Result.Evidence
	} else {
		item.Planned = link(sp)
		item.TestNext = a.Importance == "high" && site.Weak(a.Evidence)
	}
	item.Drawn = drawn(item.Basis, item.State)
	return item, true
}
