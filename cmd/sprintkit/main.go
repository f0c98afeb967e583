// Command sprintkit builds, serves and checks a site of 90-minute insight
// sprints. Run "sprintkit help" for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/sprintkit/sprintkit/internal/site"
)

func main() {
	// The first Ctrl-C or SIGTERM asks the command to stop cleanly (a
	// build then leaves the output folder as it was); a second one ends
	// the process at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		report(os.Stderr, err)
		os.Exit(exitCode(err))
	}
}

// report prints an error: a site's problems one per line, with a count.
func report(w io.Writer, err error) {
	var probs site.Problems
	switch {
	case errors.As(err, &probs):
		fmt.Fprintln(w, probs.Error())
		fmt.Fprintln(w, counted(len(probs), "problem", "problems"))
	case errors.Is(err, errHelpShown):
		return
	default:
		fmt.Fprintln(w, "sprintkit:", err)
	}
	if errors.As(err, new(nothingMade)) {
		fmt.Fprintln(w, "nothing was made")
	}
}

func exitCode(err error) int {
	if errors.Is(err, errHelpShown) {
		return 0
	}
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}
