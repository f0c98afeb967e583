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
	printWarnings(stderr, s.Warnings)
	fmt.Fprintf(stdout, "ok: %s, %s, %s", counted(len(s.Sprints), "sprint", "sprints"),
		counted(len(s.Studies), "study", "studies"), counted(len(s.Teams), "team", "teams"))
	if len(s.Warnings) > 0 {
		fmt.Fprintf(stdout, ", %s", counted(len(s.Warnings), "warning", "warnings"))
	}
	fmt.Fprintln(stdout)
	return nil
}

func printWarnings(w io.Writer, ws error) {
	if ws == nil {
		return
	}
	for _, line := range strings.Split(ws.Error(), "\n") {
		if line != "" {
			fmt.Fprintln(w, "warning:", line)
		}
	}
}
