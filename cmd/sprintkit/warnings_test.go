package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// TestCheckWarnings checks a year's site of 150 sprints, with well over
// 20 warnings: check prints the first of each kind and how many it left
// out, and ends with a summary by kind; --verbose prints every one.
func TestCheckWarnings(t *testing.T) {
	dir := t.TempDir()
	if err := sitegen.WriteYearDir(dir, 150); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1795392000") // 2026-11-23
	check := func(args ...string) []string {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), append([]string{"check", "--root", dir}, args...), &stdout, &stderr); err != nil {
			t.Fatalf("check %v: %v\n%s", args, err, stderr.String())
		}
		return strings.Split(strings.TrimSpace(stderr.String()), "\n")
	}
	brief, all := check(), check("--verbose")
	warnings := 0
	for _, l := range all {
		if strings.HasPrefix(l, "warning: ") {
			warnings++
		}
	}
	if warnings <= site.MaxWarnings {
		t.Fatalf("the year's site has %d warnings, want more than %d to test the brief list", warnings, site.MaxWarnings)
	}
	if len(brief) > len(site.WarningKinds)+2 {
		t.Errorf("check prints %d lines, want at most one a kind and two more:\n%s", len(brief), strings.Join(brief, "\n"))
	}
	more := brief[len(brief)-2]
	if !strings.HasPrefix(more, "warning: … and ") || !strings.Contains(more, "--verbose") {
		t.Errorf("the line before the summary is %q, want how many were left out", more)
	}
	for _, lines := range [][]string{brief, all} {
		sum := lines[len(lines)-1]
		if !strings.HasPrefix(sum, "warnings: ") || !strings.Contains(sum, " plans not held") || !strings.Contains(sum, " actions past due") || !strings.Contains(sum, " · ") {
			t.Errorf("the last line is %q, want the summary by kind", sum)
		}
	}
	if all[len(all)-1] != brief[len(brief)-1] {
		t.Errorf("the summaries differ:\n%s\n%s", all[len(all)-1], brief[len(brief)-1])
	}
}
