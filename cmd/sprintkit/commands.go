package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/sprintkit/sprintkit/internal/output"
)

// commands runs the commands that are not build, check or version.
func commands(ctx context.Context, cmd string, args []string, root string, stdout, stderr io.Writer) error {
	switch cmd {
	case "serve":
		return runServe(ctx, args, root, stdout, stderr)
	case "new":
		return runNew(args, root, stdout, stderr)
	case "init":
		return runInit(args, root, stdout, stderr)
	}
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}

// errInterrupted ends a build that was stopped by Ctrl-C or SIGTERM.
var errInterrupted = errors.New("interrupted: the output folder is left as it was")

// buildWriter counts the files written through it, and refuses to write
// once ctx is done, which ends the build before anything is swapped in.
type buildWriter struct {
	ctx context.Context
	w   output.Writer
	n   atomic.Int64
}

func (b *buildWriter) WriteFile(name string, data []byte) error {
	if b.ctx.Err() != nil {
		return errInterrupted
	}
	b.n.Add(1)
	return b.w.WriteFile(name, data)
}
