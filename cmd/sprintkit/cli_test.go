package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestCommandTable checks that every command in the table is reached by
// its name, answers --help with its own line of the usage, and is listed
// in the usage.
func TestCommandTable(t *testing.T) {
	all := usage()
	for _, c := range commands {
		line := strings.TrimSpace("sprintkit " + c.name + " " + c.args)
		if !strings.Contains(all, line+"\n      "+c.about+"\n") {
			t.Errorf("the usage does not list %q", line)
		}
		var stdout, stderr bytes.Buffer
		args := append(strings.Fields(c.name), "--help")
		err := run(context.Background(), args, &stdout, &stderr)
		if exitCode(err) != 0 {
			t.Errorf("%s: exit %d (%v)", strings.Join(args, " "), exitCode(err), err)
		}
		if !strings.HasPrefix(stderr.String(), line+":\n"+c.about+"\n") {
			t.Errorf("%s printed:\n%s", strings.Join(args, " "), stderr.String())
		}
	}
}
