package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// callWriter counts the files written to it and calls at with the count.
type callWriter struct {
	n  atomic.Int64
	at func(n int64)
}

func (c *callWriter) WriteFile(string, []byte) error {
	c.at(c.n.Add(1))
	return nil
}

func (c *callWriter) WriteStream(_ string, write func(io.Writer) error) error {
	c.at(c.n.Add(1))
	return write(io.Discard)
}

// exampleFiles is how many files a build of the example site writes.
func exampleFiles(t *testing.T) int64 {
	t.Helper()
	w := &callWriter{at: func(int64) {}}
	n, err := buildInto(context.Background(), os.DirFS("../.."), time.Time{}, w, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if int64(n) != w.n.Load() {
		t.Fatalf("buildInto says %d files, the writer got %d", n, w.n.Load())
	}
	return w.n.Load()
}

// TestInterruptStopsWrites checks that once Ctrl-C is pressed, during the
// first write here, the build hands no more files to the output: at most
// those that other goroutines were already writing.
func TestInterruptStopsWrites(t *testing.T) {
	all := exampleFiles(t)
	most := int64(runtime.GOMAXPROCS(0) + 2)
	if all <= most {
		t.Fatalf("the example site has only %d files, too few to tell", all)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := &callWriter{at: func(int64) { cancel() }}
	_, err := buildInto(ctx, os.DirFS("../.."), time.Time{}, w, io.Discard)
	if !errors.Is(err, errInterrupted) {
		t.Fatalf("err = %v, want %v", err, errInterrupted)
	}
	if got := w.n.Load(); got > most {
		t.Errorf("%d of %d files written after the interrupt, want at most %d", got, all, most)
	}
}

// TestInterruptAfterLastWrite checks that Ctrl-C pressed after the last
// file was written, before the swap, still keeps the new site out.
func TestInterruptAfterLastWrite(t *testing.T) {
	all := exampleFiles(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := &callWriter{at: func(n int64) {
		if n == all {
			cancel()
		}
	}}
	_, err := buildInto(ctx, os.DirFS("../.."), time.Time{}, w, io.Discard)
	if !errors.Is(err, errInterrupted) {
		t.Fatalf("err = %v, want %v", err, errInterrupted)
	}
	if got := w.n.Load(); got != all {
		t.Errorf("%d files written, want all %d before the interrupt", got, all)
	}
}

// TestInterruptedBuild checks that the build command stopped by Ctrl-C
// (its context done) swaps nothing in: the output folder keeps every byte
// of the last build, no temporary folder is left beside it, and the exit
// is a failure.
func TestInterruptedBuild(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	args := []string{"build", "--root", "../..", "--out", out}
	if err := run(context.Background(), args, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	before := map[string][]byte{}
	if err := walk(out, "", before); err != nil {
		t.Fatal(err)
	}
	// Mark the last build, so that a new one put in its place shows.
	marker := filepath.Join(out, "index.html")
	if err := os.WriteFile(marker, append(before["index.html"], "<!-- last build -->"...), 0o644); err != nil {
		t.Fatal(err)
	}
	before["index.html"] = append(before["index.html"], "<!-- last build -->"...)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout bytes.Buffer
	err := run(ctx, args, &stdout, io.Discard)
	if !errors.Is(err, errInterrupted) {
		t.Fatalf("interrupted build: err = %v, want %v", err, errInterrupted)
	}
	if code := exitCode(err); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if stdout.Len() > 0 {
		t.Errorf("an interrupted build printed %q", stdout.String())
	}

	after := map[string][]byte{}
	if err := walk(out, "", after); err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("output has %d files, had %d", len(after), len(before))
	}
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			t.Errorf("%s changed", name)
		}
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "public" {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}
