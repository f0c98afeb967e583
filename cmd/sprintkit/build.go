package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/sprintkit/sprintkit/internal/build"
	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/output"
	"github.com/sprintkit/sprintkit/internal/site"
)

func runBuild(ctx context.Context, c *command, args []string, root string, stdout, stderr io.Writer) error {
	var out string
	fs := c.flags(&root, stderr)
	fs.StringVar(&out, "out", "", "the output folder (default ROOT/public)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("build takes no arguments, got %q", pos)}
	}
	if out == "" {
		out = filepath.Join(root, layout.Out)
	}
	if err := checkOut(root, out); err != nil {
		return err
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
	start := time.Now()
	var n int
	err = output.Write(out, func(w output.Writer) error {
		var err error
		n, err = buildInto(ctx, fsys, day, w, stderr)
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
	printWarnings(stderr, s.Warnings, false)
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

func (b *buildWriter) WriteStream(name string, write func(io.Writer) error) error {
	if b.ctx.Err() != nil {
		return errInterrupted
	}
	b.n.Add(1)
	return b.w.WriteStream(name, write)
}
