package scaffold

import (
	"fmt"
	"io/fs"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
)

// studyView is what study.md.tmpl shows.
type studyView struct {
	enums
	studyText
	Date string
	Kind string
}

// newStudyView is the view of a study with the text x, made on day. Its
// kind is journey-map, whose stages the file explains.
func newStudyView(x studyText, day time.Time) studyView {
	return studyView{enums: siteEnums, studyText: x, Date: day.Format(time.DateOnly), Kind: "journey-map"}
}

// NewStudy plans content/studies/<slug>.md for the site in fsys: front
// matter with every key commented, and a first stage that is complete
// (energy, two beliefs, a change with team and status) to build on.
// Only the site's language is read, so a site with other problems can
// still get a study.
func NewStudy(fsys fs.FS, title string, today time.Time) (id string, p Plan, err error) {
	id = site.Slug(title)
	if id == "" {
		return "", Plan{}, fmt.Errorf("title %q has no letters or digits to name the study's file by", title)
	}
	t, err := loadText(Language(fsys))
	if err != nil {
		return "", Plan{}, err
	}
	x := studyText{Title: title, Stages: []stage{t.words.FirstStage}}
	p, err = t.plan(nil, planned{site.StudyPath(id), studyTemplate, newStudyView(x, today)})
	if err != nil {
		return "", Plan{}, err
	}
	_, probs := site.Read(fsys, site.Options{})
	p.Elsewhere = len(probs)
	return id, p, nil
}

// Language is the site's language from content/site.toml: "sv" or "en"
// (the default, also when the settings cannot be read).
func Language(fsys fs.FS) string {
	s, _ := site.LoadSettings(fsys)
	if s.Language == "sv" {
		return "sv"
	}
	return "en"
}
