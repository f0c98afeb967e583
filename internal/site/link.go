package site

import (
	"cmp"
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
	sprints := make(map[string]*Sprint, len(l.site.Sprints))
	for _, sp := range l.site.Sprints {
		sprints[sp.ID] = sp
	}
	teams := map[string]*Team{}
	team := func(name string) *Team {
		slug := l.slug(name)
		t, ok := teams[slug]
		if !ok {
			t = &Team{Name: name, Slug: slug}
			teams[slug] = t
		}
		return t
	}
	// A plan with problems of its own is looked up too, so that what it
	// names and is not there is found in the same run; only good plans
	// join the site.
	for _, sp := range l.partial {
		l.resolve(sp, studies, studyIDs, sprints)
	}
	// One pass over the sprints, each resolved and joined to what it
	// names while it is at hand: a year of plans is megabytes to walk.
	var followed []*Sprint
	for _, sp := range l.site.Sprints {
		l.resolve(sp, studies, studyIDs, sprints)
		if sp.Study != nil {
			sp.Study.Sprints = append(sp.Study.Sprints, sp)
		}
		if sp.Stage != nil {
			sp.Stage.Sprints = append(sp.Stage.Sprints, sp)
		}
		if sp.Tests != nil {
			sp.Tests.Sprints = append(sp.Tests.Sprints, sp)
		}
		if sp.Follows != nil {
			if len(sp.Follows.FollowedBy) == 0 {
				followed = append(followed, sp.Follows)
			}
			sp.Follows.FollowedBy = append(sp.Follows.FollowedBy, sp)
		}
		if l.slug(sp.Team) != "" {
			sp.TeamRef = team(sp.Team)
			sp.TeamRef.Sprints = append(sp.TeamRef.Sprints, sp)
			if l.slug(sp.Action.Team) != "" {
				sp.ActionTeam = team(sp.Action.Team)
				sp.ActionTeam.Actions = append(sp.ActionTeam.Actions, sp)
			}
		}
	}
	for _, sp := range followed {
		// Sprints are newest first, so FollowedBy is too; show the chain oldest first.
		slices.Reverse(sp.FollowedBy)
	}
	l.linkChanges(sprints)
	for _, t := range teams {
		sortActions(t.Actions)
		l.site.Teams = append(l.site.Teams, t)
	}
	sort.Slice(l.site.Teams, func(i, j int) bool { return l.site.Teams[i].Slug < l.site.Teams[j].Slug })
}

// resolve finds the study, stage, belief and sprint that sp names, and
// reports each that is not there.
func (l *loader) resolve(sp *Sprint, studies map[string]*Study, studyIDs []string, sprints map[string]*Sprint) {
	f := l.sprintFields(sp)
	sp.Study = studies[sp.StudyID]
	switch {
	case sp.StudyID == "" || sp.Study == nil && l.broken["study:"+sp.StudyID]:
	case sp.Study == nil:
		f.atValue("study", "%q is not a study in content/studies/%s", sp.StudyID, known("studies", sp.StudyID, studyIDs))
	default:
		if sp.StageID != "" {
			for _, sg := range sp.Study.Stages {
				if sg.ID == sp.StageID {
					sp.Stage = sg
				}
			}
			if sp.Stage == nil {
				var ids []string
				for _, sg := range sp.Study.Stages {
					ids = append(ids, sg.ID)
				}
				f.atValue("stage", "%q is not a stage of study %q%s", sp.StageID, sp.StudyID, known("stages", sp.StageID, ids))
			}
		}
		l.linkBelief(sp, f)
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
		}
	}
	if sp.Team != "" && l.slug(sp.Team) == "" {
		f.atValue("team", "%q has no letters or digits to name the team's page by", sp.Team)
	} else if sp.Team != "" && l.slug(sp.Action.Team) == "" {
		f.atValue("action.team", "%q has no letters or digits to name the team's page by", sp.Action.Team)
	}
}

// slug is Slug(name), worked out once a load for each name: a site has a
// few team names on thousands of plans.
func (l *loader) slug(name string) string {
	s, ok := l.slugs[name]
	if !ok {
		s = Slug(name)
		if l.slugs == nil {
			l.slugs = map[string]string{}
		}
		l.slugs[name] = s
	}
	return s
}

// known names the ids there are, or at most the five nearest to given
// when there are more.
func known(what, given string, ids []string) string {
	switch {
	case len(ids) == 0:
		return fmt.Sprintf(" (there are no %s yet)", what)
	case len(ids) > 5:
		return fmt.Sprintf(" (the nearest of %d %s: %s)", len(ids), what, strings.Join(nearest(given, ids), ", "))
	}
	return fmt.Sprintf(" (%s: %s)", what, strings.Join(ids, ", "))
}

// sortActions puts planned actions first, low-energy ones first among them,
// then the earliest due.
func sortActions(list []*Sprint) {
	// Each action's place in the vocabularies is looked up once, not in
	// each of a sort's comparisons: a team of a large site has thousands.
	type sortKey struct {
		status, energy int
		sp             *Sprint
	}
	keys := make([]sortKey, len(list))
	for i, sp := range list {
		keys[i] = sortKey{ActionStatuses.Index(sp.Action.Status), Energies.Index(sp.Action.Energy), sp}
	}
	slices.SortStableFunc(keys, func(a, b sortKey) int {
		return cmp.Or(
			cmp.Compare(a.status, b.status),
			cmp.Compare(a.energy, b.energy),
			byDue(a.sp.Action.Due, b.sp.Action.Due),
			strings.Compare(a.sp.ID, b.sp.ID),
		)
	})
	for i, k := range keys {
		list[i] = k.sp
	}
}

// sprintWarnings finds what tends to go stale in a sprint: a plan left
// planned a week after its date, and a done sprint whose action is still
// not started past its due date. src is the plan's source, for the positions.
func sprintWarnings(sp *Sprint, src string, today time.Time) Problems {
	if today.IsZero() {
		return nil
	}
	var ws Problems
	f := &fields{path: sp.Path, probs: &ws, load: func() (string, int) { return src, 1 }}
	if sp.Status == "planned" && today.Sub(sp.Date) > 7*24*time.Hour {
		f.atValue("status", "still planned %d days after the session's date %s: set it to done or abandoned",
			int(today.Sub(sp.Date).Hours()/24), sp.Date.Format(time.DateOnly))
		ws[len(ws)-1].Kind = WarnNotHeld
	}
	if sp.Status == "done" && sp.Action.Status == ActionStatuses.Default && sp.Overdue(today) {
		f.atValue("action.status", "still planned, but the action was due %s", sp.Action.Due.Format(time.DateOnly))
		ws[len(ws)-1].Kind = WarnPastDue
	}
	if sp.Status == "done" {
		unfinished(sp, f)
	}
	return ws
}

// Unfinished reports whether text still ends as sprintkit new leaves the
// texts to replace: in an ellipsis after a space, before at most a question
// mark or a full stop ("We believe that …", "What …?"). An ellipsis inside
// a text, as in a customer's words, is not the mark.
func Unfinished(text string) bool {
	t := strings.TrimRight(strings.TrimSpace(text), "?.")
	return t == "…" || strings.HasSuffix(t, " …")
}

// unfinished warns of what a done sprint, which is published with its
// verdict, still lacks: texts as sprintkit new wrote them, a criterion,
// and the owner and due date that following its action up needs.
func unfinished(sp *Sprint, f *fields) {
	for _, t := range []struct{ key, text string }{
		{"title", sp.Title},
		{"assumption.belief", sp.Assumption.Belief},
		{"question.ask", sp.Question.Ask},
		{"question.criterion", sp.Question.Criterion},
		{"action.do", sp.Action.Do},
		{"action.strengthens", sp.Action.Strengthens},
		{"result.learned", sp.Result.Learned},
	} {
		if Unfinished(t.text) {
			f.atValue(t.key, "%q is still the text sprintkit new wrote: replace it, as the sprint is published as done", t.text)
			(*f.probs)[len(*f.probs)-1].Kind = WarnUnfinished
		}
	}
	empty := func(key, why string) {
		p, _ := f.find(key)
		if _, there := f.keys[key]; there {
			f.problem(p.val, "%s: empty, but %s", key, why)
		} else {
			f.problem(p.key, "%s: missing, but %s", key, why)
		}
		(*f.probs)[len(*f.probs)-1].Kind = "missing:" + key
	}
	if sp.Question.Criterion == "" {
		empty("question.criterion", "a done sprint says what would have shown the belief right or wrong")
	}
	if sp.Action.Status == ActionStatuses.Default || sp.Action.Status == "doing" {
		if sp.Action.Owner == "" {
			empty("action.owner", "an open action needs someone who sees it done")
		}
		if sp.Action.Due.IsZero() {
			empty("action.due", "an open action needs a day to be followed up by")
		}
	}
}

// linkBelief links sp to the study's belief it tests, takes from the
// belief what the plan leaves out (its text, basis, importance, evidence
// and stage), and reports a belief that is not there or a stage that is
// not the belief's.
func (l *loader) linkBelief(sp *Sprint, f *fields) {
	a := &sp.Assumption
	// A study with problems may have lost beliefs: saying the sprint's
	// is not there would be one problem too many.
	if a.Tests != "" && !l.broken["study:"+sp.StudyID] {
		b, ids := sp.Study.Belief(a.Tests)
		if b == nil {
			f.atValue("assumption.tests", "%q is not a belief of study %q%s%s", a.Tests, sp.StudyID, DidYouMean(a.Tests, ids), known("beliefs", a.Tests, ids))
		} else {
			sp.Tests = b
			l.copyWarnings(sp, b)
			a.Belief = cmp.Or(a.Belief, b.Text)
			a.Basis = cmp.Or(a.Basis, b.Basis)
			a.Importance = cmp.Or(a.Importance, b.Importance)
			a.Evidence = cmp.Or(a.Evidence, b.Evidence)
			switch {
			case sp.StageID == "":
				sp.Stage = b.Stage
			case sp.Stage != nil && sp.Stage != b.Stage:
				f.atValue("stage", "%q is not the stage of belief %q, which is %q: leave stage out to take the belief's", sp.StageID, b.ID, b.Stage.ID)
			}
		}
	}
	// A plan whose belief is missing is reported; its own values still
	// need their defaults.
	a.Basis = cmp.Or(a.Basis, Bases.Values[0])
	a.Importance = cmp.Or(a.Importance, Importances.Default)
	a.Evidence = cmp.Or(a.Evidence, Evidences.Default)
}

// copyWarnings warns of each value that a plan testing belief b copies
// from the study and that differs from it: the map and the sprint's page
// would then say two things of one belief, and the study's is the one that
// counts. The plan's copy is still what its page shows.
func (l *loader) copyWarnings(sp *Sprint, b *Belief) {
	a := sp.Assumption
	w := l.sprintFields(sp)
	w.probs = &l.warns
	for _, v := range []struct{ key, plan, study string }{
		{"belief", a.Belief, b.Text},
		{"basis", a.Basis, b.Basis},
		{"importance", a.Importance, b.Importance},
		{"evidence", a.Evidence, b.Evidence},
	} {
		if v.plan != "" && strings.TrimSpace(v.plan) != strings.TrimSpace(v.study) {
			w.atValue("assumption."+v.key, "%q, but belief %q of study %q says %q: the study's is what the map shows; leave %s out to take it",
				v.plan, b.ID, sp.StudyID, v.study, v.key)
			l.warns[len(l.warns)-1].Kind = WarnCopy
		}
	}
}

// linkChanges links each stage's changes to the sprints they came from. A
// change with no status of its own follows its sprint's action; one whose
// status differs from a done sprint's action is warned about, as the same
// work then has two states.
func (l *loader) linkChanges(sprints map[string]*Sprint) {
	for _, st := range l.site.Studies {
		for i, sg := range st.Stages {
			for j := range sg.Changes {
				c := &sg.Changes[j]
				if c.SprintID == "" {
					continue
				}
				key := fmt.Sprintf("stages[%d].changes[%d]", i, c.Index)
				c.Sprint = sprints[c.SprintID]
				switch {
				case c.Sprint == nil:
					if !l.broken["sprint:"+c.SprintID] && st.fields != nil {
						st.fields.atValue(key+".sprint", "%q is not a sprint in sprints/", c.SprintID)
					}
				case !c.OwnStatus:
					c.follow()
				case c.Sprint.Status == "done" && c.Status != c.Sprint.Action.Status && st.fields != nil:
					wf := *st.fields
					wf.probs = &l.warns
					wf.atValue(key+".sprint", "the change's status is %q, but the action of sprint %q, the same work, is %q: leave status out to follow the action, or make them agree",
						c.Status, c.SprintID, c.Sprint.Action.Status)
					l.warns[len(l.warns)-1].Kind = WarnChangeState
				}
			}
		}
	}
}

// follow makes c the same work as its sprint's action: its status, and its
// team, owner and due date where it says none. An abandoned sprint's
// action was never taken up: the change stays planned.
func (c *Change) follow() {
	a := c.Sprint.Action
	c.FromAction = true
	if c.Sprint.Status != "abandoned" {
		c.Status = a.Status
	}
	c.Team = cmp.Or(c.Team, a.Team)
	c.Owner = cmp.Or(c.Owner, a.Owner)
	if c.Due.IsZero() {
		c.Due = a.Due
	}
}
