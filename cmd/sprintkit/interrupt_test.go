package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestInterruptedBuild checks that a build stopped by Ctrl-C (its context
// done) swaps nothing in: the output folder keeps every byte of the last
// build, no temporary folder is left beside it, and the exit is a failure.
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
