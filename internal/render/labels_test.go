package render

import (
	"testing"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
)

func TestLabels(t *testing.T) {
	tx := newText(site.Settings{Language: "sv", Labels: map[string]string{"nav.home": "Alla sprintar"}})
	if got := tx.get("nav.home"); got != "Alla sprintar" {
		t.Errorf("override: %q", got)
	}
	if got := tx.get("card.therefore", "team", "Kundservice"); got != "Därför kommer Kundservice att" {
		t.Errorf("placeholder: %q", got)
	}
	if got := tx.date(time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)); got != "24 november 2026" {
		t.Errorf("sv date: %q", got)
	}
	en := newText(site.Settings{Language: "en"})
	if got := en.date(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); got != "1 March 2026" {
		t.Errorf("en date: %q", got)
	}

}

// TestForms checks that tf gives a counted text the form for its number,
// in both languages, and that a site's override of one form changes that
// form only.
func TestForms(t *testing.T) {
	sv := newText(site.Settings{Language: "sv"})
	en := newText(site.Settings{Language: "en"})
	own := newText(site.Settings{Language: "sv", Labels: map[string]string{"sprint.minutes.one": "{n} liten minut"}})
	for _, c := range []struct {
		tx    *text
		key   string
		pairs []any
		want  string
	}{
		{sv, "card.customers", []any{"n", 0}, "0 kunder"},
		{sv, "card.customers", []any{"n", 1}, "1 kund"},
		{sv, "card.customers", []any{"n", 2}, "2 kunder"},
		{sv, "card.customers", []any{"n", 21}, "21 kunder"},
		{en, "card.customers", []any{"n", 0}, "0 customers"},
		{en, "card.customers", []any{"n", 1}, "1 customer"},
		{en, "card.customers", []any{"n", 2}, "2 customers"},
		{en, "card.customers", []any{"n", 21}, "21 customers"},
		{sv, "sprint.minutes", []any{"n", 0}, "0 minuter"},
		{sv, "sprint.minutes", []any{"n", 1}, "1 minut"},
		{sv, "sprint.minutes", []any{"n", 2}, "2 minuter"},
		{sv, "sprint.minutes", []any{"n", 21}, "21 minuter"},
		{en, "sprint.minutes", []any{"n", 21}, "21 minutes"},
		{sv, "card.customers", []any{"n", uint8(1)}, "1 kund"},
		{en, "sprint.minutes", []any{"n", int64(1)}, "1 minute"},
		// The number that counts in a progress is {of}, not {done}.
		{sv, "map.progress", []any{"done", 0, "of", 1}, "0 av 1 förändring klar"},
		{sv, "map.progress", []any{"done", 1, "of", 4}, "1 av 4 förändringar klara"},
		{en, "map.progress", []any{"done", 1, "of", 1}, "1 of 1 change done"},
		{en, "map.progress", []any{"done", 1, "of", 21}, "1 of 21 changes done"},
		// Without a number, or with something else, the other form.
		{en, "card.customers", nil, "{n} customers"},
		{en, "card.customers", []any{"n", "1"}, "1 customers"},
		// A site's own text for one form; the other stays.
		{own, "sprint.minutes", []any{"n", 1}, "1 liten minut"},
		{own, "sprint.minutes", []any{"n", 2}, "2 minuter"},
	} {
		if got := c.tx.get(c.key, c.pairs...); got != c.want {
			t.Errorf("%s: tf %q %v = %q, want %q", c.tx.lang, c.key, c.pairs, got, c.want)
		}
	}
}
