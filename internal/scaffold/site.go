package scaffold

import (
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/schema"
	"github.com/sprintkit/sprintkit/internal/site"
)

// siteView is what site.toml.tmpl shows.
type siteView struct {
	enums
	Title    string
	Language string
}

// NewSite plans a working site folder: content/site.toml, one example study
// with a small journey map, one example sprint planned for today, and a page
// on how the team runs a session; and what editors read to check its TOML
// files (the schemas, .taplo.toml and tombi.toml, package schema). It
// builds as it is, with the embedded templates. language is "sv" or "en";
// title "" takes a default.
func NewSite(title, language string, today time.Time) (Plan, error) {
	t, err := loadText(language)
	if err != nil {
		return Plan{}, err
	}
	w := t.words
	if title == "" {
		title = w.Site.Title
	}

	study := newStudyView(w.Example.Study, today)
	studyID := site.Slug(study.Title)
	var stages []string
	for _, sg := range study.Stages {
		stages = append(stages, sg.ID)
	}
	ex := w.Example.Sprint
	if !slices.Contains(stages, ex.Stage) {
		return Plan{}, fmt.Errorf("%s/words.toml: example.sprint.stage %q is not one of the example study's stages", t.dir, ex.Stage)
	}
	sprint := newSprintView(ex, today, studyID, stages)
	sprintID := today.Format(time.DateOnly) + "-" + site.Slug(ex.Title)

	p, err := t.plan([]string{"sprints/" + sprintID},
		planned{"content/site.toml", siteTemplate, siteView{siteEnums, title, language}},
		planned{"content/" + w.Site.About + ".md", aboutTemplate, nil},
		planned{"content/studies/" + studyID + ".md", studyTemplate, study},
		planned{"sprints/" + sprintID + "/sprint.toml", sprintTemplate, sprint},
		planned{"sprints/" + sprintID + "/notes.md", notesTemplate, notesView{ex.Team}},
		planned{".gitignore", ignoreTemplate, ignoreView{layout.Out}},
	)
	if err != nil {
		return Plan{}, err
	}
	// What editors read to check the site's TOML files as they are written.
	for _, f := range append(schema.Files(language), schema.EditorFiles()...) {
		p.Files = append(p.Files, File(f))
	}
	return p, nil
}

// Init writes a new site into dir, which must be missing or empty; a
// folder with anything in it is refused and left as it was.
func Init(dir string, p Plan) error {
	entries, err := os.ReadDir(dir)
	created := false
	switch {
	case err == nil && len(entries) > 0:
		return fmt.Errorf("%s: the folder is not empty; sprintkit init makes a new site only in an empty or new folder", dir)
	case err == nil:
	case os.IsNotExist(err):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		created = true
	default:
		return err
	}
	if err := Write(dir, p); err != nil {
		if created {
			os.Remove(dir)
		}
		return err
	}
	return nil
}
