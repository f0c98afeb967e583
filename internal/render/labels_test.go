package render

import (
	"testing"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
)

func TestLabels(t *testing.T) {
	tx, probs := newText(site.Settings{Language: "sv", Labels: map[string]string{"nav.home": "Alla sprintar"}})
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	if got := tx.get("nav.home"); got != "Alla sprintar" {
		t.Errorf("override: %q", got)
	}
	if got := tx.get("card.therefore", "team", "Kundservice"); got != "Därför kommer Kundservice att" {
		t.Errorf("placeholder: %q", got)
	}
	if got := tx.date(time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)); got != "24 november 2026" {
		t.Errorf("sv date: %q", got)
	}
	en, _ := newText(site.Settings{Language: "en"})
	if got := en.date(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); got != "1 March 2026" {
		t.Errorf("en date: %q", got)
	}

	_, probs = newText(site.Settings{Language: "sv",
		Labels:   map[string]string{"nav.hme": "x"},
		LabelPos: map[string]site.Problem{"nav.hme": {Path: "content/site.toml", Line: 5, Col: 1}}})
	want := `content/site.toml:5:1: unknown label "labels.nav.hme" (did you mean "nav.home"?)`
	if len(probs) != 1 || probs[0].Error() != want {
		t.Errorf("unknown label: %v, want %s", probs, want)
	}
}
