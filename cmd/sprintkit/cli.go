package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// A command is one thing sprintkit does. The table of them is the one
// place that names each command, its arguments and what it is for: the
// usage text, each command's --help and the dispatch all come from it.
type command struct {
	name  string // "build", or "new sprint" for a command in a group
	args  string // the arguments and flags, for the usage text
	about string // what it does, in a line
	run   func(ctx context.Context, c *command, args []string, root string, stdout, stderr io.Writer) error
}

// commands are sprintkit's commands, in the order the usage lists them.
var commands []*command

func init() {
	commands = []*command{
		{"build", "[--root DIR] [--out DIR]", "build the site into ROOT/public, replacing it in one step", runBuild},
		{"serve", "[--root DIR] [--port N] [--bind ADDR] [--poll]", "serve the site from memory with live reload", runServe},
		{"check", "[--root DIR]", "validate the site and report every problem; writes nothing", runCheck},
		{"new sprint", "TITLE [--team T] [--study ID] [--stage ID] [--tests BELIEF] [--date YYYY-MM-DD]", "make sprints/<date>-<slug>/ with a sprint.toml to fill in and a notes.md", runNewSprint},
		{"new study", "TITLE [--date YYYY-MM-DD]", "make content/studies/<slug>.md with front matter for the journey's stages", runNewStudy},
		{"init", "DIR [--title T] [--language sv|en]", "make a new site folder with an example study and an example sprint", runInit},
		{"set", "PATH KEY=VALUE... [--dry-run]", "change values in a sprint's plan or a study, keeping every other byte; --help tells the keys", runSet},
		{"labels", "[--language sv|en]", "print every interface text by key, as content/site.toml's [labels] takes it", runLabels},
		{"schema", "[--language sv|en]", "write the JSON Schemas that editors check the site's TOML files by into .sprintkit/schema/", runSchema},
		{"version", "", "print the version", runVersion},
	}
}

// usage is the text that sprintkit --help prints, made from commands.
func usage() string {
	var b strings.Builder
	b.WriteString("sprintkit builds a small static site of 90-minute insight sprints.\n\nUsage:\n")
	for _, c := range commands {
		line := strings.TrimSpace("sprintkit " + c.name + " " + c.args)
		fmt.Fprintf(&b, "  %s\n      %s\n", line, c.about)
	}
	b.WriteString("\nEvery command takes --root DIR (default: the current folder) and --help.\n")
	return b.String()
}

// errHelpShown ends a run after --help printed the usage; it is not a failure.
var errHelpShown = errors.New("help shown")

// A usageError is a mistake in the command line (exit code 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg + "\n(run sprintkit --help for usage)" }

// run runs one sprintkit command with its arguments.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	// --root may come before the command as well as after it.
	root := "."
	for len(args) >= 2 && (args[0] == "--root" || args[0] == "-root") {
		root, args = args[1], args[2:]
	}
	if len(args) > 0 {
		if v, ok := strings.CutPrefix(args[0], "--root="); ok {
			root, args = v, args[1:]
		}
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return usageError{"no command given"}
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage())
		return nil
	}
	var group []string // the commands whose first word is args[0]
	for _, c := range commands {
		first, second, grouped := strings.Cut(c.name, " ")
		switch {
		case first != args[0]:
		case !grouped:
			return c.run(ctx, c, args[1:], root, stdout, stderr)
		case len(args) > 1 && args[1] == second:
			return c.run(ctx, c, args[2:], root, stdout, stderr)
		default:
			group = append(group, second)
		}
	}
	switch {
	case len(group) == 0:
		return usageError{fmt.Sprintf("unknown command %q", args[0])}
	case len(args) == 1:
		return usageError{fmt.Sprintf("%s needs what to make: %s", args[0], strings.Join(group, " or "))}
	case args[1] == "-h" || args[1] == "-help" || args[1] == "--help":
		fmt.Fprint(stdout, usage())
		return nil
	}
	return usageError{fmt.Sprintf("%s %q: sprintkit makes a new %s", args[0], args[1], strings.Join(group, " or a new "))}
}

// flags makes the flag set of c, with --root; its --help shows c's line
// of the usage.
func (c *command) flags(root *string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(root, "root", *root, "the site folder")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s:\n%s\nFlags:\n", strings.TrimSpace("sprintkit "+c.name+" "+c.args), c.about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags that may stand before, between or after the
// positional arguments, and returns the positional ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelpShown
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

// today is the day that warnings and overdue marks count from: the day of
// SOURCE_DATE_EPOCH when it is set (for reproducible builds), else the local date.
func today() (time.Time, error) {
	now := time.Now()
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
		}
		now = time.Unix(n, 0).UTC()
	}
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), nil
}

// counted says n of a thing, in its singular or plural form: "1 sprint",
// "2 sprints".
func counted(n int, one, other string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + other
}
