package main

import (
	"context"
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

// countingWriter counts the files written through it.
type countingWriter struct {
	w output.Writer
	n atomic.Int64
}

func (c *countingWriter) WriteFile(name string, data []byte) error {
	c.n.Add(1)
	return c.w.WriteFile(name, data)
}
