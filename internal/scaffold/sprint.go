package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
)

// SprintOptions describe a new sprint plan.
type SprintOptions struct {
	Title string
	Date  time.Time
	Team  string // "" takes the site's only team
	Study string // "" takes the site's only study
	Stage string // optional: a stage of the study
	Tests string // optional: the id of a belief on a study's map to test
}

// NewSprint plans sprints/<date>-<slug>/ with a sprint.toml and a notes.md
// for the site in fsys. Of the site it needs the settings (the language)
// and the study the sprint belongs to to be without problems; problems
// elsewhere, such as a colleague's unfinished plan, do not stop it and are
// counted in p.Elsewhere. Every field of the plan is written out with a
// comment; the texts to replace end in "…", so the plan passes check as it
// stands yet is plainly unfinished.
func NewSprint(fsys fs.FS, o SprintOptions) (id string, p Plan, err error) {
	s, probs := site.Read(fsys, site.Options{})
	if err := needed(probs, is(site.SettingsPath)); err != nil {
		return "", Plan{}, err
	}
	slug := site.Slug(o.Title)
	if slug == "" {
		return "", Plan{}, fmt.Errorf("title %q has no letters or digits to name the sprint's folder by", o.Title)
	}
	if o.Team == "" {
		if len(s.Teams) != 1 {
			var names []string
			for _, t := range s.Teams {
				names = append(names, t.Name)
			}
			return "", Plan{}, fmt.Errorf("name the team that runs the sprint with --team%s", listed("teams so far", names))
		}
		o.Team = s.Teams[0].Name
	}
	if site.Slug(o.Team) == "" {
		return "", Plan{}, fmt.Errorf("team %q has no letters or digits to name the team's page by", o.Team)
	}
	var ids []string
	var study *site.Study
	for _, st := range s.Studies {
		ids = append(ids, st.ID)
		if st.ID == o.Study {
			study = st
		}
	}
	belief, err := findBelief(s, o)
	if err != nil {
		return "", Plan{}, err
	}
	if belief != nil {
		study, o.Study = belief.Stage.Study, belief.Stage.Study.ID
		if o.Stage != "" && o.Stage != belief.Stage.ID {
			return "", Plan{}, fmt.Errorf("belief %q is on stage %q, not %q: leave --stage out", belief.ID, belief.Stage.ID, o.Stage)
		}
		o.Stage = belief.Stage.ID
	}
	if study == nil && o.Study != "" {
		// A study that could not be read at all is not unknown.
		if err := needed(probs, isStudy(o.Study)); err != nil {
			return "", Plan{}, err
		}
	}
	switch {
	case len(s.Studies) == 0:
		if err := needed(probs, func(p string) bool { return strings.HasPrefix(p, site.StudiesDir+"/") }); err != nil {
			return "", Plan{}, err
		}
		return "", Plan{}, errors.New("the site has no study yet: every sprint belongs to one (make it with sprintkit new study TITLE)")
	case o.Study == "" && len(s.Studies) == 1:
		study = s.Studies[0]
	case o.Study == "":
		return "", Plan{}, fmt.Errorf("name the study the sprint belongs to with --study%s", listed("studies", ids))
	case study == nil:
		return "", Plan{}, fmt.Errorf("unknown study %q%s", o.Study, listed("studies", ids))
	}
	if err := needed(probs, is(study.Path)); err != nil {
		return "", Plan{}, err
	}
	var stages []string
	for _, sg := range study.Stages {
		stages = append(stages, sg.ID)
	}
	if o.Stage != "" && !slices.Contains(stages, o.Stage) {
		return "", Plan{}, fmt.Errorf("%q is not a stage of study %q%s", o.Stage, study.ID, listed("stages", stages))
	}
	id = o.Date.Format(time.DateOnly) + "-" + slug
	t, err := loadText(s.Settings.Language)
	if err != nil {
		return "", Plan{}, err
	}
	ph := t.words.Placeholders
	x := sprintText{Title: o.Title, Team: o.Team, Stage: o.Stage, Belief: ph.Belief, Ask: ph.Ask, Do: ph.Do}
	v := newSprintView(x, o.Date, study.ID, stages)
	if belief != nil {
		v.Tests, v.Belief = belief.ID, belief.Text
		v.Basis, v.Importance, v.Evidence = belief.Basis, belief.Importance, belief.Evidence
	}
	p, err = t.plan([]string{"sprints/" + id},
		planned{"sprints/" + id + "/sprint.toml", sprintTemplate, v},
		planned{"sprints/" + id + "/notes.md", notesTemplate, notesView{o.Team}},
	)
	if err != nil {
		return "", Plan{}, err
	}
	p.Elsewhere = len(probs)
	return id, p, nil
}

// needed returns the problems of probs in the files that making a plan
// reads (those whose path in says so), as an error; nil when there are none.
func needed(probs site.Problems, in func(path string) bool) error {
	var found site.Problems
	for _, p := range probs {
		if in(p.Path) {
			found = append(found, p)
		}
	}
	if len(found) > 0 {
		return found
	}
	return nil
}

// isStudy matches the files of the study id: its text and its map.
func isStudy(id string) func(string) bool {
	return func(path string) bool { return path == site.StudyPath(id) || path == site.StudyMapPath(id) }
}

// is matches the one path p.
func is(p string) func(string) bool {
	return func(path string) bool { return path == p }
}

// findBelief finds the belief o.Tests names, in o.Study when it is given
// and in every study when not; nil when o names none.
func findBelief(s *site.Site, o SprintOptions) (*site.Belief, error) {
	if o.Tests == "" {
		return nil, nil
	}
	var ids, in []string
	var found *site.Belief
	for _, st := range s.Studies {
		if o.Study != "" && st.ID != o.Study {
			continue
		}
		b, all := st.Belief(o.Tests)
		if b != nil {
			found = b
			in = append(in, st.ID)
		}
		ids = append(ids, all...)
	}
	switch {
	case len(in) == 1:
		return found, nil
	case len(in) > 1:
		// Belief ids are unique in a study, not across studies.
		return nil, fmt.Errorf("%q is a belief of more than one study: name one with --study%s", o.Tests, listed("studies", in))
	}
	where := "any study"
	if o.Study != "" {
		where = fmt.Sprintf("study %q", o.Study)
	}
	return nil, fmt.Errorf("%q is not a belief of %s%s%s", o.Tests, where, site.DidYouMean(o.Tests, ids), listed("beliefs", ids))
}

// listed names the known values in an error, or says there are none.
func listed(what string, names []string) string {
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s: %s)", what, strings.Join(names, ", "))
}

// duration is a new sprint's timebox in minutes.
const duration = 90

// sprintView is what sprint.toml.tmpl shows: every field of a sprint plan.
type sprintView struct {
	enums
	sprintText
	Tests        string // the belief on the study's map that the sprint tests; "" for none
	Date, Due    string
	Study        string
	Stages       []string // the study's stages, named in a comment
	Duration     int
	Agenda       []site.Block
	Relation     string
	Status       string
	Basis        string
	Importance   string
	Evidence     string
	Method       string
	Energy       string
	ActionStatus string
}

// newSprintView is the view of a sprint with the text x on day, in the
// study with the given stages: every enum field at its initial value, the
// default agenda, and the action due a month later.
func newSprintView(x sprintText, day time.Time, study string, stages []string) sprintView {
	return sprintView{
		enums:        siteEnums,
		sprintText:   x,
		Date:         day.Format(time.DateOnly),
		Due:          day.AddDate(0, 1, 0).Format(time.DateOnly),
		Study:        study,
		Stages:       stages,
		Duration:     duration,
		Agenda:       site.DefaultAgenda(duration),
		Relation:     initial(site.Relations),
		Status:       initial(site.Statuses),
		Basis:        initial(site.Bases),
		Importance:   initial(site.Importances),
		Evidence:     initial(site.Evidences),
		Method:       initial(site.Methods),
		Energy:       initial(site.Energies),
		ActionStatus: initial(site.ActionStatuses),
	}
}

// ignoreView is what gitignore.tmpl shows.
type ignoreView struct {
	Out string // the folder that sprintkit build writes to
}

// notesView is what notes.md.tmpl shows.
type notesView struct {
	Team string // the team that acts
}

// initial is the value that a new file gives a field of the enum e: its
// default, or its first value when the field is required.
func initial(e site.Enum) string {
	if e.Default != "" {
		return e.Default
	}
	return e.Values[0]
}
