package render

import (
	"strconv"
	"time"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// indexView is the start page: what happened lately. The latest quarter's
// sprints with their lesson in a line, earlier quarters folded, a digest
// of what was learned this quarter, and the studies and teams near the top.
func (r *renderer) indexView() IndexView {
	s := r.site
	name := layout.Index
	v := IndexView{
		Frame:       r.frameAt(name, "", ""),
		Description: s.Settings.Description,
		Sprints:     r.sprintItems(name, s.Sprints),
		Narrow:      r.narrow(name, false),
	}
	byOutcome := map[string]int{}
	for _, sp := range s.Sprints {
		byOutcome[sp.Outcome()]++
	}
	for _, k := range site.Outcomes.Values {
		v.Outcomes = append(v.Outcomes, Count{Key: k, N: byOutcome[k]})
	}
	v.Actions = r.actionCounts(name, s.Sprints)
	v.AsOf = r.date(r.today) // beside the counts, for the whole page
	for _, t := range s.Teams {
		v.Teams = append(v.Teams, TeamItem{Link{layout.Rel(name, layout.Team(t.Slug)), t.Name}, len(t.Sprints), len(t.ActionsAsOf(r.today))})
	}
	for _, st := range s.Studies {
		v.Studies = append(v.Studies, StudyItem{Link{layout.Rel(name, layout.Study(st.ID)), st.Title}, st.Kind, len(st.Sprints)})
	}

	// The latest quarter is today's; a site built without a day takes its
	// newest sprint's.
	latest := r.today
	if latest.IsZero() && len(s.Sprints) > 0 {
		latest = s.Sprints[0].Date
	}
	current := quarterOf(latest)
	v.Quarter = r.quarterName(current)
	for i, sp := range s.Sprints {
		q := quarterOf(sp.Date)
		if n := len(v.Quarters); n == 0 || v.Quarters[n-1].start != q {
			v.Quarters = append(v.Quarters, Quarter{
				Name:   r.quarterName(q),
				Anchor: "q-" + q.Format("2006-01"),
				Open:   !q.Before(current),
				start:  q,
			})
		}
		part := &v.Quarters[len(v.Quarters)-1]
		part.Sprints = append(part.Sprints, v.Sprints[i])
		if sp.Status == "done" && q.Equal(current) && (r.today.IsZero() || !sp.Date.After(r.today)) {
			v.Learned = append(v.Learned, v.Sprints[i])
		}
	}
	return v
}

// quarterOf is the first day of the quarter that day is in.
func quarterOf(day time.Time) time.Time {
	return time.Date(day.Year(), (day.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
}

// quarterName names the quarter that starts on q, in the site's language.
func (r *renderer) quarterName(q time.Time) string {
	return r.text.get("index.quarter", "q", strconv.Itoa(int(q.Month()-1)/3+1), "year", strconv.Itoa(q.Year()))
}

// narrow is the form that narrows the lists of the page at name by study
// and team, and, on the board (states), by the beliefs' state.
func (r *renderer) narrow(name string, states bool) Narrow {
	n := Narrow{ScriptURL: layout.Rel(name, layout.Asset("narrow.js"))}
	for _, st := range r.site.Studies {
		n.Studies = append(n.Studies, Option{st.ID, st.Title})
	}
	for _, t := range r.site.Teams {
		n.Teams = append(n.Teams, Option{t.Slug, t.Name})
	}
	if states {
		for _, k := range site.BeliefStates.Values {
			n.States = append(n.States, Option{k, r.text.get("belief." + k)})
		}
	}
	return n
}
