package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sprintkit/sprintkit/internal/scaffold"
	"github.com/sprintkit/sprintkit/internal/site"
)

func runNewSprint(_ context.Context, c *command, args []string, root string, stdout, stderr io.Writer) error {
	var o scaffold.SprintOptions
	var date string
	fs := c.flags(&root, stderr)
	fs.StringVar(&o.Team, "team", "", "the team that runs the sprint (default: the site's only team)")
	fs.StringVar(&o.Study, "study", "", "the id of the study the sprint belongs to (default: the site's only study)")
	fs.StringVar(&o.Stage, "stage", "", "the id of a journey stage of that study")
	fs.StringVar(&o.Tests, "tests", "", "the id of a belief on a study's map that the sprint tests: study, stage and belief come from it")
	fs.StringVar(&date, "date", "", "the day of the session (default: today)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || strings.TrimSpace(pos[0]) == "" {
		return usageError{fmt.Sprintf("new sprint takes one title, got %q", pos)}
	}
	o.Title = strings.TrimSpace(pos[0])
	if o.Date, err = dateFlag(date); err != nil {
		return err
	}
	fsys, closer, err := site.OpenFolder(root)
	if err != nil {
		return err
	}
	defer closer.Close()
	id, plan, err := scaffold.NewSprint(fsys, o)
	if err != nil {
		return nothingMade{err}
	}
	if err := scaffold.Write(root, plan); err != nil {
		return err
	}
	printMade(stdout, root, plan)
	fmt.Fprintf(stdout, "fill in the texts that end in … in sprints/%s/sprint.toml; the session view is sprints/%s/session/index.html\n", id, id)
	noteElsewhere(stderr, plan)
	return nil
}

func runNewStudy(_ context.Context, c *command, args []string, root string, stdout, stderr io.Writer) error {
	var date string
	fs := c.flags(&root, stderr)
	fs.StringVar(&date, "date", "", "when the study was made (default: today)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || strings.TrimSpace(pos[0]) == "" {
		return usageError{fmt.Sprintf("new study takes one title, got %q", pos)}
	}
	day, err := dateFlag(date)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, "content", "site.toml")); err != nil {
		return fmt.Errorf("%s is not a sprintkit site (no content/site.toml; sprintkit init DIR makes one)", root)
	}
	fsys, closer, err := site.OpenFolder(root)
	if err != nil {
		return err
	}
	defer closer.Close()
	id, plan, err := scaffold.NewStudy(fsys, strings.TrimSpace(pos[0]), day)
	if err != nil {
		return nothingMade{err}
	}
	if err := scaffold.Write(root, plan); err != nil {
		return err
	}
	printMade(stdout, root, plan)
	fmt.Fprintf(stdout, "sprints name the study with study = %q\n", id)
	noteElsewhere(stderr, plan)
	return nil
}

// dateFlag reads --date, or gives today when it is empty.
func dateFlag(s string) (time.Time, error) {
	if s == "" {
		return today()
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usageError{fmt.Sprintf("--date %q is not a date like 2026-11-24", s)}
	}
	return d, nil
}

func printMade(w io.Writer, root string, p scaffold.Plan) {
	for _, name := range p.Paths() {
		fmt.Fprintln(w, "created", filepath.Join(root, filepath.FromSlash(name)))
	}
}

// noteElsewhere mentions the problems that the site has in files that
// making p did not need: they did not stop it, and the build will.
func noteElsewhere(w io.Writer, p scaffold.Plan) {
	if p.Elsewhere > 0 {
		fmt.Fprintf(w, "note: %s elsewhere in the site; run sprintkit check\n", counted(p.Elsewhere, "problem", "problems"))
	}
}

// nothingMade is the error of a new command that made nothing: the user
// is told so, beside why.
type nothingMade struct{ err error }

func (n nothingMade) Error() string { return n.err.Error() }
func (n nothingMade) Unwrap() error { return n.err }
