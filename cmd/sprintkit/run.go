package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/sprintkit/sprintkit/internal/build"
	"github.com/sprintkit/sprintkit/internal/output"
)

const usage = `sprintkit builds a small static site of 90-minute insight sprints.

Usage:
  sprintkit build   [--root DIR] [--out DIR]   build the site into ROOT/public
  sprintkit serve   [--root DIR] [--port N] [--bind ADDR] [--poll]
                                               serve it with live reload
  sprintkit check   [--root DIR]               validate without writing
  sprintkit new sprint TITLE [--team T] [--study ID] [--stage ID] [--date D]
  sprintkit new study TITLE [--date D]
  sprintkit init DIR [--title T] [--language sv|en]
  sprintkit version

Every command takes --root DIR (default: the current folder) and --help.
`

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
		fmt.Fprint(stderr, usage)
		return usageError{"no command given"}
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(ctx, args, root, stdout, stderr)
	case "check":
		return runCheck(args, root, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, version())
		return nil
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return commands(ctx, cmd, args, root, stdout, stderr)
}

// newFlags makes the flag set of a command, with --root.
func newFlags(name string, root *string, stderr io.Writer, help string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(root, "root", *root, "the site folder")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s\nFlags:\n", help)
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

func runBuild(ctx context.Context, args []string, root string, stdout, stderr io.Writer) error {
	var out string
	fs := newFlags("build", &root, stderr, "sprintkit build [--root DIR] [--out DIR]: build the site into a folder, replacing it in one step")
	fs.StringVar(&out, "out", "", "the output folder (default ROOT/public)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("build takes no arguments, got %q", pos)}
	}
	if out == "" {
		out = filepath.Join(root, "public")
	}
	if err := checkOut(root, out); err != nil {
		return err
	}
	day, err := today()
	if err != nil {
		return err
	}
	start := time.Now()
	var n int
	err = output.Write(out, func(w output.Writer) error {
		var err error
		n, err = buildInto(ctx, os.DirFS(root), day, w, stderr)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %d files into %s in %s\n", n, out, time.Since(start).Round(time.Millisecond))
	return nil
}

// buildInto builds the site in fsys to w, prints its warnings and returns
// how many files it wrote. Once ctx is done (Ctrl-C) it writes no more
// and fails with errInterrupted, so that nothing is swapped in.
func buildInto(ctx context.Context, fsys fs.FS, day time.Time, w output.Writer, stderr io.Writer) (int, error) {
	bw := &buildWriter{ctx: ctx, w: w}
	s, err := build.Build(fsys, day, bw)
	if ctx.Err() != nil {
		// Whatever the build made of it, even a whole site.
		return 0, errInterrupted
	}
	if err != nil {
		return 0, err
	}
	printWarnings(stderr, s.Warnings)
	return int(bw.n.Load()), nil
}

// checkOut refuses an output folder that holds or is held by the site's
// own files: a build never writes into content/, sprints/ or templates/.
func checkOut(root, out string) error {
	absRoot, err := realPath(root)
	if err != nil {
		return err
	}
	absOut, err := realPath(out)
	if err != nil {
		return err
	}
	if absOut == absRoot || strings.HasPrefix(absRoot, absOut+string(filepath.Separator)) {
		return fmt.Errorf("--out %s would replace the site folder itself", out)
	}
	for _, dir := range []string{"content", "sprints", "templates"} {
		d := filepath.Join(absRoot, dir)
		if absOut == d || strings.HasPrefix(absOut, d+string(filepath.Separator)) {
			return fmt.Errorf("--out %s is inside the site's %s/ folder; sprintkit never writes there", out, dir)
		}
	}
	return nil
}

// realPath makes p absolute and resolves symbolic links in the part of it
// that exists, so that a link cannot lead a build into the site's folders.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest), nil
		}
		if dir == filepath.Dir(dir) {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

func runCheck(args []string, root string, stdout, stderr io.Writer) error {
	fs := newFlags("check", &root, stderr, "sprintkit check [--root DIR]: validate the site and report every problem; writes nothing")
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
	s, err := build.Check(os.DirFS(root), day)
	if err != nil {
		return err
	}
	printWarnings(stderr, s.Warnings)
	fmt.Fprintf(stdout, "ok: %d sprints, %d studies, %d teams", len(s.Sprints), len(s.Studies), len(s.Teams))
	if len(s.Warnings) > 0 {
		fmt.Fprintf(stdout, ", %d warnings", len(s.Warnings))
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

func version() string {
	v := "sprintkit (devel)"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = "sprintkit " + info.Main.Version
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v + " " + info.GoVersion
}
