package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// The kinds of warning (Problem.Kind) that the summary of check and serve
// names, with what it calls one and many of them, in the summary's order
// when counts are equal. A warning of no kind here counts as "other".
var WarningKinds = []struct{ Kind, One, Many string }{
	{WarnNotHeld, "plan not held", "plans not held"},
	{WarnPastDue, "action past due", "actions past due"},
	{"missing:action.due", "without a due date", "without a due date"},
	{"missing:action.owner", "without an owner", "without an owner"},
	{"missing:question.criterion", "without a criterion", "without a criterion"},
	{WarnUnfinished, "text as new wrote it", "texts as new wrote them"},
	{WarnNotesFile, "file in notes not in its sprint's folder", "files in notes not in their sprint's folder"},
	{WarnCopy, "plan differing from its belief on the map", "plans differing from their belief on the map"},
	{WarnChangeState, "change differing from its action", "changes differing from their action"},
	{"", "other warning", "other warnings"},
}

// Kinds of warning set where the warning is made.
const (
	WarnNotHeld     = "not-held"     // a plan still planned a week after its day
	WarnPastDue     = "past-due"     // a done sprint's action not started past its due date
	WarnUnfinished  = "unfinished"   // a text still as sprintkit new wrote it
	WarnNotesFile   = "notes-file"   // notes.md links to a file that is not in the sprint's folder
	WarnCopy        = "copy"         // a plan's copy of its belief differs from the map's
	WarnChangeState = "change-state" // a change's status differs from its sprint's action
)

// MaxWarnings is how many warnings check and serve print one by one; past
// it they print the first of each kind, and all of them with --verbose.
const MaxWarnings = 20

// kindOf is the row of WarningKinds that a warning counts under.
func kindOf(p Problem) int {
	if i := slices.IndexFunc(WarningKinds, func(k struct{ Kind, One, Many string }) bool { return k.Kind == p.Kind }); i >= 0 {
		return i
	}
	return len(WarningKinds) - 1
}

// Summary counts the warnings by kind, the most first: "114 plans not
// held · 33 actions past due · 12 without a due date"; "" for none.
func (ps Problems) Summary() string {
	n := make([]int, len(WarningKinds))
	for _, p := range ps {
		n[kindOf(p)]++
	}
	order := make([]int, len(WarningKinds))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(n[b], n[a]) })
	var parts []string
	for _, i := range order {
		if n[i] == 0 {
			continue
		}
		name := WarningKinds[i].Many
		if n[i] == 1 {
			name = WarningKinds[i].One
		}
		parts = append(parts, fmt.Sprintf("%d %s", n[i], name))
	}
	return strings.Join(parts, " · ")
}

// Brief returns the warnings to print one by one: all of them when there
// are at most MaxWarnings or verbose is set, else the first of each kind.
// hidden is how many it leaves out.
func (ps Problems) Brief(verbose bool) (shown Problems, hidden int) {
	if verbose || len(ps) <= MaxWarnings {
		return ps, 0
	}
	seen := map[int]bool{}
	for _, p := range ps {
		if k := kindOf(p); !seen[k] {
			seen[k] = true
			shown = append(shown, p)
		}
	}
	return shown, len(ps) - len(shown)
}

// nearest returns at most five of ids, the closest to s first, for a
// problem that names the ones there are without listing dozens.
func nearest(s string, ids []string) []string {
	if len(ids) <= 5 {
		return ids
	}
	sorted := slices.Clone(ids)
	slices.SortStableFunc(sorted, func(a, b string) int {
		return cmp.Compare(distance(strings.ToLower(s), strings.ToLower(a)), distance(strings.ToLower(s), strings.ToLower(b)))
	})
	return sorted[:5]
}
