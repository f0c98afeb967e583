package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary stand in for the sprintkit command in
// script tests, so scripts run the real main with real files.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"sprintkit": func() {
			err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)
			if err != nil {
				report(os.Stderr, err)
				os.Exit(exitCode(err))
			}
		},
	})
}

// TestScripts runs testdata/script/*.txtar: each is a small site and the
// commands run on it, with their output and the files they leave.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", "1795392000") // 2026-11-23
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// sametree A B: the two folders hold the same files with the same bytes.
			"sametree": sameTree,
			// exits N PROG ARGS...: PROG exits with status N.
			"exits": exits,
		},
	})
}

func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N PROG ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %v", err)
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

func sameTree(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sametree DIR1 DIR2")
	}
	a, b := snapshot(ts, ts.MkAbs(args[0])), snapshot(ts, ts.MkAbs(args[1]))
	same := len(a) == len(b)
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			same = false
			if !neg {
				ts.Logf("differs: %s", k)
			}
		}
	}
	if same == neg {
		ts.Fatalf("folders %s and %s: same=%v", args[0], args[1], same)
	}
}

func snapshot(ts *testscript.TestScript, dir string) map[string][]byte {
	m := map[string][]byte{}
	err := walk(dir, "", m)
	if err != nil {
		ts.Fatalf("%v", err)
	}
	return m
}

func walk(dir, rel string, m map[string][]byte) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := dir + "/" + e.Name()
		if e.IsDir() {
			if err := walk(p, rel+e.Name()+"/", m); err != nil {
				return err
			}
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		m[rel+e.Name()] = b
	}
	return nil
}
