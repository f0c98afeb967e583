package render

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sprintkit/sprintkit/internal/layout"
)

// TestCalendarSubscribe: with a base_url, the actions page and each team's
// page show the absolute address of their calendar, a file the build
// writes, to paste into a calendar program's subscribe dialog; without
// one they say that opening the file imports the actions once.
func TestCalendarSubscribe(t *testing.T) {
	const base = "https://intranet.example.com/cx/insikter/"
	for _, lang := range []string{"sv", "en"} {
		s, files := buildData(t, lang, nil)
		tx := newText(s.Settings)
		pages := map[string]string{layout.Actions: layout.ActionsICS}
		for _, team := range s.Teams {
			pages[layout.Team(team.Slug)] = layout.TeamICS(team.Slug)
		}
		for page, ics := range pages {
			b := string(files[page])
			if !strings.Contains(b, html.EscapeString(tx.get("actions.subscribe"))) || !strings.Contains(b, `<code class="address">`+base+ics+`</code>`) {
				t.Errorf("%s %s does not give %s%s to subscribe to", lang, page, base, ics)
			}
			if files[ics] == nil {
				t.Errorf("%s %s gives the address of %s, which the build does not write", lang, page, ics)
			}
			if strings.Contains(b, html.EscapeString(tx.get("actions.importOnce"))) {
				t.Errorf("%s %s says the calendar imports once, and it has an address to subscribe to", lang, page)
			}
		}
		_, files = buildData(t, lang, func(fsys fstest.MapFS) {
			toml := fsys["content/site.toml"]
			toml.Data = bytes.Replace(toml.Data, []byte("base_url"), []byte("# base_url"), 1)
		})
		for page := range pages {
			b := string(files[page])
			if !strings.Contains(b, html.EscapeString(tx.get("actions.importOnce"))) || strings.Contains(b, ".ics</code>") {
				t.Errorf("%s %s without base_url does not say that the calendar file imports once, or gives an address", lang, page)
			}
		}
	}
}
