package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sprintkit/sprintkit/internal/edit"
	"github.com/sprintkit/sprintkit/internal/site"
)

// setHelp is what set --help says besides its line of the usage.
const setHelp = `
PATH is a sprint's folder (sprints/2026-11-10-x) or its sprint.toml, or a
study (content/studies/kundresa-2026.md), in the site folder.

Keys of a sprint: status, result.verdict, result.learned, result.evidence,
result.recorded, action.do, action.owner, action.due, action.energy,
action.status, and any other key of sprint.toml, dotted as TOML names it.
A verdict sets status=done and result.recorded to today too, and needs
result.learned (set with it, or already there). An action's or a change's
state is planned, doing, done or dropped.

Keys of a study address a stage by its id (or number from 1) and a change
by its number from 1 in the stage's list, or by its text (the whole text or
its start, quoted when it has dots or spaces):
  stages.komma-igang.changes.2.status=doing
  'stages.komma-igang.changes."Kort välkomst-SMS".status=done'
Setting a change's state sets its since to today. A change written as plain
text becomes { text = "…", status = "…", since = … } in the same place.

Values: a key that holds text keeps text; 2026-12-07 is a date; a whole
number, true and false are written as such where no text was; a value in
quotes, brackets or braces is TOML as it stands. An empty value (KEY=)
empties a text and removes a date or a number.

Only the bytes of the values set change (or a line for a missing key, in
its table); every comment and blank line stays. The result is checked as
sprintkit check does; on any problem nothing is written and the exit is 1.
`

func runSet(_ context.Context, c *command, args []string, root string, stdout, stderr io.Writer) error {
	var dry bool
	fs := c.flags(&root, stderr)
	fs.BoolVar(&dry, "dry-run", false, "print the change as a diff and write nothing")
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		fmt.Fprint(stderr, setHelp)
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usageError{fmt.Sprintf("set takes a file and at least one KEY=VALUE, got %q", pos)}
	}
	var sets []edit.Set
	for _, a := range pos[1:] {
		k, v, ok := strings.Cut(a, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return usageError{fmt.Sprintf("%q is not KEY=VALUE", a)}
		}
		sets = append(sets, edit.Set{Key: strings.TrimSpace(k), Value: v})
	}
	name, err := sitePath(root, pos[0])
	if err != nil {
		return err
	}
	day, err := today()
	if err != nil {
		return err
	}
	f, err := edit.OpenFolder(root)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := f.Edit(name, "", sets, day, dry)
	if err != nil {
		return err
	}
	if dry {
		fmt.Fprint(stdout, edit.Diff(name, r.Old, r.New))
		return nil
	}
	fmt.Fprintf(stdout, "changed %s:\n", site.ShowPath(name))
	for _, s := range r.Sets {
		fmt.Fprintf(stdout, "  %s\n", s)
	}
	return nil
}

// sitePath turns PATH as given (a sprint's folder or a file, from the
// site folder or the current folder) into a slash path from the site
// folder.
func sitePath(root, p string) (string, error) {
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	rel := filepath.ToSlash(filepath.Clean(p))
	if filepath.IsAbs(p) || !exists(filepath.Join(root, p)) && exists(p) {
		abs, err := filepath.Abs(p)
		if err != nil {
			return "", err
		}
		r, err := filepath.Rel(absRoot, abs)
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return "", fmt.Errorf("%s is outside the site folder %s", p, root)
		}
		rel = filepath.ToSlash(r)
	}
	if strings.HasPrefix(rel, "sprints/") && strings.Count(rel, "/") == 1 {
		rel += "/sprint.toml"
	}
	return rel, nil
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
