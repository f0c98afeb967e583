package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/sprintkit/sprintkit/internal/build"
	"github.com/sprintkit/sprintkit/internal/site"
)

func runCheck(_ context.Context, c *command, args []string, root string, stdout, stderr io.Writer) error {
	fs := c.flags(&root, stderr)
	verbose := fs.Bool("verbose", false, fmt.Sprintf("print every warning, not only the first of each kind past %d", site.MaxWarnings))
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("check takes no arguments, got %q", pos)}
	}
	day, err := today()
	if err != nil {
		return err
	}
	fsys, closer, err := site.OpenFolder(root)
	if err != nil {
		return err
	}
	defer closer.Close()
	s, err := build.Check(fsys, day)
	if err != nil {
		return err
	}
	printWarnings(stderr, s.Warnings, *verbose)
	fmt.Fprintf(stdout, "ok: %s, %s, %s", counted(len(s.Sprints), "sprint", "sprints"),
		counted(len(s.Studies), "study", "studies"), counted(len(s.Teams), "team", "teams"))
	if len(s.Warnings) > 0 {
		fmt.Fprintf(stdout, ", %s", counted(len(s.Warnings), "warning", "warnings"))
	}
	fmt.Fprintln(stdout)
	return nil
}

// printWarnings prints the warnings one a line, or past site.MaxWarnings
// the first of each kind unless verbose, then a summary by kind.
func printWarnings(w io.Writer, ws site.Problems, verbose bool) {
	if len(ws) == 0 {
		return
	}
	shown, hidden := ws.Brief(verbose)
	for _, line := range strings.Split(shown.Error(), "\n") {
		if line != "" {
			fmt.Fprintln(w, "warning:", line)
		}
	}
	if hidden > 0 {
		fmt.Fprintf(w, "warning: … and %d more; sprintkit check --verbose prints every warning\n", hidden)
	}
	fmt.Fprintln(w, "warnings:", ws.Summary())
}
