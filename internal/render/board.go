package render

import (
	"sort"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// assumptionsView is the board: the untested beliefs of every study and
// the planned sprints' own, the important and weakly evidenced first;
// then the tested ones by verdict, customer-true insight first in each.
func (r *renderer) assumptionsView() AssumptionsView {
	name := layout.Assumptions
	v := AssumptionsView{Frame: r.frameAt(name, r.text.get("assumptions.title"), r.text.get("assumptions.intro")), Narrow: r.narrow(name, true)}
	v.Frame.AsOf = r.asOf(r.site.Sprints)
	// A column for each state a test can leave a belief in.
	tested := site.BeliefStates.Values[1:]
	v.Columns = make([]Column, len(tested))
	for i, k := range tested {
		v.Columns[i].Key = k
	}
	link := r.sprintLink(name)
	stage := func(sg *site.Stage) *Link {
		if sg == nil {
			return nil
		}
		return &Link{layout.Rel(name, layout.StageOf(sg.Study.ID, sg.ID)), sg.Name}
	}
	study := func(st *site.Study) *Link {
		return &Link{layout.Rel(name, layout.Study(st.ID)), st.Title}
	}
	// add puts a belief in what to test next or under its verdict, with
	// the team of the sprint that tested it or will.
	add := func(item BeliefItem, tested, planned *site.Sprint) {
		if tested == nil {
			if planned != nil {
				item.Team, item.TeamID = planned.Team, planned.TeamRef.Slug
				if planned.NotHeld(r.today) {
					item.NotHeld = r.date(planned.Date)
				}
			}
			v.Next = append(v.Next, item)
			return
		}
		item.Team, item.TeamID = tested.Team, tested.TeamRef.Slug
		item.Action = &ActionBrief{Do: r.md.block(tested.Action.Do), Team: tested.Action.Team, Status: tested.Action.Status, Overdue: tested.Overdue(r.today)}
		c := &v.Columns[site.BeliefStates.Index(item.State)-1]
		c.Items = append(c.Items, item)
	}
	for _, st := range r.site.Studies {
		for _, sg := range st.Stages {
			for _, b := range sg.Beliefs {
				item := r.beliefItem(b, link)
				item.Stage, item.Study, item.StudyID = stage(sg), study(st), st.ID
				add(item, b.Tested(), planned(b.Sprints))
			}
		}
	}
	for _, sp := range r.site.Sprints {
		if item, ok := r.ownAssumption(sp, link); ok {
			item.Stage, item.Study, item.StudyID = stage(sp.Stage), study(sp.Study), sp.Study.ID
			if sp.Outcome() == site.Untested {
				add(item, nil, sp)
			} else {
				add(item, sp, nil)
			}
		}
	}
	sort.SliceStable(v.Next, func(i, j int) bool {
		a, b := v.Next[i], v.Next[j]
		if ai, bi := site.Importances.Index(a.Importance), site.Importances.Index(b.Importance); ai != bi {
			return ai < bi
		}
		return site.Evidences.Index(a.Evidence) < site.Evidences.Index(b.Evidence)
	})
	for _, c := range v.Columns {
		// Customer-true insight, the last of Bases, first.
		sort.SliceStable(c.Items, func(i, j int) bool {
			return site.Bases.Index(c.Items[i].Basis) > site.Bases.Index(c.Items[j].Basis)
		})
	}
	return v
}

// planned is the first planned sprint of sprints, or nil.
func planned(sprints []*site.Sprint) *site.Sprint {
	for _, sp := range sprints {
		if sp.Status == "planned" {
			return sp
		}
	}
	return nil
}
