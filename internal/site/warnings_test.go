package site

import (
	"strings"
	"testing"
	"time"
)

// TestNotesLinks checks that a link or an image in notes.md to a file that
// is not in the sprint's folder is a warning at its place, and that files
// there, web addresses, anchors and code are not.
func TestNotesLinks(t *testing.T) {
	notes := "## Vad vi såg\n\n" +
		"![Tavlan](tavla.svg) och ![Foto från butiken](foto.jpg)\n" + // 3:11 there, 3:47 missing
		"Se [förra sprintens tavla](../2026-10-01-a/tavla.svg) och [rapporten](https://example.com/r.pdf).\n" + // 4:28 outside
		"[Överst](#vad-vi-sag), [mejl](mailto:a@example.com), `![inte](kod.png)`\n" +
		"```\n![inte heller](kod.png)\n```\n" +
		"[ref]: bilaga%20ett.pdf\n" + // 9:8 missing
		"![Tavlan igen](tavla.svg#del)\n"
	s, err := Load(siteWith(map[string]string{
		"sprints/2026-11-02-brevet/notes.md":  notes,
		"sprints/2026-11-02-brevet/tavla.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range s.Warnings {
		if w.Kind == WarnNotesFile {
			got = append(got, w.Error())
		}
	}
	want := []string{
		`sprints/2026-11-02-brevet/notes.md:3:47: image "foto.jpg" is not a file in the sprint's folder: the page would show it broken`,
		`sprints/2026-11-02-brevet/notes.md:4:28: link "../2026-10-01-a/tavla.svg" is outside the sprint's folder: put the file in sprints/2026-11-02-brevet/ so that it goes with the sprint`,
		`sprints/2026-11-02-brevet/notes.md:9:8: link "bilaga%20ett.pdf" is not a file in the sprint's folder: the page would show it broken`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestWarningSummary checks the summary by kind, most first, and the
// brief list past MaxWarnings: the first warning of each kind.
func TestWarningSummary(t *testing.T) {
	var ws Problems
	add := func(n int, kind string) {
		for i := range n {
			ws = append(ws, Problem{Path: "sprints/x/sprint.toml", Line: len(ws) + 1, Msg: kind + string(rune('a'+i%26)), Kind: kind})
		}
	}
	add(3, "missing:action.due")
	add(14, WarnNotHeld)
	add(1, "something new")
	add(9, WarnPastDue)
	if got, want := ws.Summary(), "14 plans not held · 9 actions past due · 3 without a due date · 1 other warning"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
	shown, hidden := ws.Brief(false)
	if len(shown) != 4 || hidden != len(ws)-4 {
		t.Errorf("Brief(false) shows %d and hides %d, want the first of each of 4 kinds", len(shown), hidden)
	}
	for _, p := range shown {
		if !strings.HasSuffix(p.Msg, "a") {
			t.Errorf("Brief shows %q, not the first of its kind", p.Msg)
		}
	}
	if shown, hidden := ws.Brief(true); len(shown) != len(ws) || hidden != 0 {
		t.Errorf("Brief(true) shows %d of %d", len(shown), len(ws))
	}
	if shown, _ := ws[:MaxWarnings].Brief(false); len(shown) != MaxWarnings {
		t.Errorf("Brief shows %d of %d warnings, want all up to MaxWarnings", len(shown), MaxWarnings)
	}
	if Problems(nil).Summary() != "" {
		t.Error("no warnings have a summary")
	}
}

// TestStaleKinds checks that the warnings of a plan not held and of an
// action past due carry their kind.
func TestStaleKinds(t *testing.T) {
	plan := strings.Replace(goodPlan, `do = "Korta brevet."`, "do = \"Korta brevet.\"\nowner = \"Ada\"\ndue = 2026-11-10", 1)
	planned := strings.NewReplacer(`status = "done"`, `status = "planned"`, "2026-11-02", "2026-10-01").Replace(goodPlan)
	s, err := Load(siteWith(map[string]string{
		planPath:                           plan,
		"sprints/2026-10-01-a/sprint.toml": planned,
	}), Options{Today: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, w := range s.Warnings {
		kinds[w.Kind]++
	}
	if kinds[WarnNotHeld] != 1 || kinds[WarnPastDue] != 1 {
		t.Errorf("warnings by kind: %v\n%v", kinds, s.Warnings)
	}
}

// TestNearest checks that a problem names at most the five ids nearest
// to a misspelt one.
func TestNearest(t *testing.T) {
	ids := []string{"brevet-lases", "sms-racker", "mandagar", "konto-stoppar", "postnummer-sist", "kampanjen-ar-tydlig", "vanner-tipsar", "recept-i-appen"}
	got := known("beliefs", "brevet-laes", ids)
	if !strings.HasPrefix(got, " (the nearest of 8 beliefs: brevet-lases, ") || strings.Count(got, ",") != 4 {
		t.Errorf("known = %q, want the five nearest, brevet-lases first", got)
	}
	if got := known("beliefs", "x", ids[:3]); got != " (beliefs: brevet-lases, sms-racker, mandagar)" {
		t.Errorf("known of three = %q, want all three", got)
	}
}
