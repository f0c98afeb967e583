package main

import (
	"context"
	"fmt"
	"io"

	"github.com/sprintkit/sprintkit/internal/scaffold"
)

func runInit(_ context.Context, c *command, args []string, root string, stdout, stderr io.Writer) error {
	var title, language string
	fs := c.flags(&root, stderr)
	fs.StringVar(&title, "title", "", "the site's title")
	fs.StringVar(&language, "language", "sv", "the language of the interface and the examples: sv or en")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{fmt.Sprintf("init takes one folder, got %q", pos)}
	}
	dir := pos[0]
	day, err := today()
	if err != nil {
		return err
	}
	plan, err := scaffold.NewSite(title, language, day)
	if err != nil {
		return usageError{err.Error()}
	}
	if err := scaffold.Init(dir, plan); err != nil {
		return err
	}
	printMade(stdout, dir, plan)
	fmt.Fprintf(stdout, "see it with: sprintkit serve --root %s\n", dir)
	return nil
}
