package site

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// link connects sprints to their studies, stages, teams and each other, and
// reports references to things that do not exist.
func (l *loader) link() {
	studies := map[string]*Study{}
	var studyIDs []string
	for _, st := range l.site.Studies {
		studies[st.ID] = st
		studyIDs = append(studyIDs, st.ID)
	}
	sprints := map[string]*Sprint{}
	for _, sp := range l.site.Sprints {
		sprints[sp.ID] = sp
	}
	teams := map[string]*Team{}
	team := func(name string) *Team {
		slug := Slug(name)
		t, ok := teams[slug]
		if !ok {
			t = &Team{Name: name, Slug: slug}
			teams[slug] = t
		}
		return t
	}
	for _, sp := range l.site.Sprints {
		f := l.sprintFields(sp)
		sp.Study = studies[sp.StudyID]
		if sp.Study == nil {
			if l.broken["study:"+sp.StudyID] {
				continue
			}
			f.atValue("study", "%q is not a study in content/studies/%s", sp.StudyID, known("studies", studyIDs))
		} else {
			sp.Study.Sprints = append(sp.Study.Sprints, sp)
			if sp.StageID != "" {
				var ids []string
				for _, sg := range sp.Study.Stages {
					ids = append(ids, sg.ID)
					if sg.ID == sp.StageID {
						sp.Stage = sg
					}
				}
				if sp.Stage == nil {
					f.atValue("stage", "%q is not a stage of study %q%s", sp.StageID, sp.StudyID, known("stages", ids))
				} else {
					sp.Stage.Sprints = append(sp.Stage.Sprints, sp)
				}
			}
		}
		if sp.FollowsID != "" {
			sp.Follows = sprints[sp.FollowsID]
			switch {
			case sp.FollowsID == sp.ID:
				f.atValue("follows", "a sprint cannot follow itself")
				sp.Follows = nil
			case sp.Follows == nil && l.broken["sprint:"+sp.FollowsID]:
			case sp.Follows == nil:
				f.atValue("follows", "%q is not a sprint in sprints/", sp.FollowsID)
			default:
				sp.Follows.FollowedBy = append(sp.Follows.FollowedBy, sp)
			}
		}
		if Slug(sp.Team) == "" {
			f.atValue("team", "%q has no letters or digits to name the team's page by", sp.Team)
			continue
		}
		sp.TeamRef = team(sp.Team)
		sp.TeamRef.Sprints = append(sp.TeamRef.Sprints, sp)
		if Slug(sp.Action.Team) == "" {
			f.atValue("action.team", "%q has no letters or digits to name the team's page by", sp.Action.Team)
			continue
		}
		sp.ActionTeam = team(sp.Action.Team)
		sp.ActionTeam.Actions = append(sp.ActionTeam.Actions, sp)
	}
	for _, sp := range l.site.Sprints {
		// Sprints are newest first, so FollowedBy is too; show the chain oldest first.
		slices.Reverse(sp.FollowedBy)
	}
	for _, t := range teams {
		sortActions(t.Actions)
		l.site.Teams = append(l.site.Teams, t)
	}
	sort.Slice(l.site.Teams, func(i, j int) bool { return l.site.Teams[i].Slug < l.site.Teams[j].Slug })
}

func known(what string, ids []string) string {
	if len(ids) == 0 {
		return fmt.Sprintf(" (there are no %s yet)", what)
	}
	return fmt.Sprintf(" (%s: %s)", what, strings.Join(ids, ", "))
}

// sortActions puts open actions first, low-energy ones first among them,
// then the earliest due.
func sortActions(list []*Sprint) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].Action, list[j].Action
		if ActionStatuses.Index(a.Status) != ActionStatuses.Index(b.Status) {
			return ActionStatuses.Index(a.Status) < ActionStatuses.Index(b.Status)
		}
		if Energies.Index(a.Energy) != Energies.Index(b.Energy) {
			return Energies.Index(a.Energy) < Energies.Index(b.Energy)
		}
		if !a.Due.Equal(b.Due) {
			if a.Due.IsZero() || b.Due.IsZero() {
				return b.Due.IsZero()
			}
			return a.Due.Before(b.Due)
		}
		return list[i].ID < list[j].ID
	})
}

// sprintWarnings finds what tends to go stale in a sprint: a plan left
// planned a week after its date, and a done sprint whose action is still
// open past its due date. src is the plan's source, for the positions.
func sprintWarnings(sp *Sprint, src string, today time.Time) Problems {
	if today.IsZero() {
		return nil
	}
	var ws Problems
	f := &fields{path: sp.Path, probs: &ws, load: func() (string, int) { return src, 1 }}
	if sp.Status == "planned" && today.Sub(sp.Date) > 7*24*time.Hour {
		f.atValue("status", "still planned %d days after the session's date %s: set it to done or abandoned",
			int(today.Sub(sp.Date).Hours()/24), sp.Date.Format(time.DateOnly))
	}
	if sp.Status == "done" && sp.Action.Status == "open" && sp.Overdue(today) {
		f.atValue("action.status", "still open, but the action was due %s", sp.Action.Due.Format(time.DateOnly))
	}
	return ws
}
