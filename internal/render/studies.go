package render

import (
	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// StudiesView is the page of every study: each a row that says how far
// its map has come, and links to the map.
type StudiesView struct {
	Frame   Frame
	Studies []StudyRow // in the site's order of studies
}

// A StudyRow is one study on the studies page.
type StudyRow struct {
	Link     Link // to the study's map
	Kind     string
	Owner    string
	Stages   int
	Beliefs  BeliefCounts
	Changes  []Count      // the map's changes and actions by state (planned, doing, done, dropped), then overdue
	Gap      *EnergyGap   // the stage that costs the customer most more than wanted; nil for none
	Latest   *SprintBrief // the newest sprint held; nil for none
	Updated  Date         // the newest day in the study's log
	Progress Progress
}

// BeliefCounts count the beliefs on a map: tested (in any state but
// untested), untested, and of those the ones to test next.
type BeliefCounts struct {
	Tested, Untested, TestNext int
}

// An EnergyGap is a stage whose energy cost today is above the one wanted.
type EnergyGap struct {
	Stage       Link
	Now, Wanted string // low, medium, high
}

// studiesView is the studies page: each study summed up from its map, as
// its own page draws it, so the two cannot disagree.
func (r *renderer) studiesView() StudiesView {
	name := layout.Studies
	v := StudiesView{Frame: r.frameAt(name, r.text.get("studies.title"), r.text.get("studies.intro"))}
	for _, st := range r.site.Studies {
		m := r.studyView(st)
		row := StudyRow{
			Link:     Link{layout.Rel(name, layout.Study(st.ID)), st.Title},
			Kind:     st.Kind,
			Owner:    st.Owner,
			Stages:   len(st.Stages),
			Updated:  m.Updated,
			Progress: m.Progress,
		}
		// From the cells' counts, which count every item: a stage lists
		// only the first of them (cellMax).
		byState := map[string]int{}
		for _, sv := range m.Stages {
			for _, c := range sv.Summary.Beliefs {
				if c.Key == site.Untested {
					row.Beliefs.Untested += c.N
				} else {
					row.Beliefs.Tested += c.N
				}
			}
			row.Beliefs.TestNext += sv.Summary.TestNext // each untested
			for _, c := range sv.Summary.Changes {
				byState[c.Key] += c.N
			}
			byState[site.Overdue] += sv.Summary.Overdue
		}
		for _, k := range append(append([]string{}, site.States.Values...), site.Overdue) {
			row.Changes = append(row.Changes, Count{Key: k, N: byState[k]})
		}
		gap := 0
		for _, sg := range st.Stages {
			if sg.EnergyNow == "" || sg.EnergyWanted == "" {
				continue
			}
			if d := site.Energies.Index(sg.EnergyNow) - site.Energies.Index(sg.EnergyWanted); d > gap {
				gap = d
				row.Gap = &EnergyGap{Link{layout.Rel(name, layout.StageOf(st.ID, sg.ID)), sg.Name}, sg.EnergyNow, sg.EnergyWanted}
			}
		}
		for _, sp := range st.Sprints {
			if sp.Status == "done" {
				row.Latest = &SprintBrief{Link{layout.Rel(name, layout.Sprint(sp.ID)), sp.Title}, r.date(sp.Date), sp.Outcome()}
				break
			}
		}
		v.Studies = append(v.Studies, row)
	}
	return v
}
