package browsertest

import (
	"os"
	"path/filepath"
	"testing"
)

// TestExecPathFromEnvironment: $CHROMIUM names the browser; when nothing
// runnable is there, there is none (and the browser tests skip), rather
// than a path that fails when it is started.
func TestExecPathFromEnvironment(t *testing.T) {
	t.Setenv("CHROMIUM", "/nonexistent")
	if p := ExecPath(); p != "" {
		t.Errorf("CHROMIUM=/nonexistent: ExecPath() = %q, want none", p)
	}
	exe := filepath.Join(t.TempDir(), "chromium")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CHROMIUM", exe)
	if p := ExecPath(); p != exe {
		t.Errorf("CHROMIUM=%s: ExecPath() = %q, want it", exe, p)
	}
}
