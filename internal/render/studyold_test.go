package render

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// rawKey matches a label key shown as it is, where a template asked for a
// text that no label has: "change.doing".
var rawKey = regexp.MustCompile(`>(change|action|state|belief|verdict)\.[a-z-]+<`)

// TestStudyTemplateFromBefore renders a site whose own templates/study.html
// is the one sprintkit shipped before the map had cells (a table of lanes,
// changes and actions in label groups of their own): it still draws every
// study's map, in words.
func TestStudyTemplateFromBefore(t *testing.T) {
	old, err := os.ReadFile("testdata/study-before-cells.html")
	if err != nil {
		t.Fatal(err)
	}
	fsys := sitegen.MapFS(40)
	s, err := site.Load(fsys, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := &keeper{}
	if err := Render(s, fsys, Options{Overrides: fstest.MapFS{"study.html": {Data: old}}}, w); err != nil {
		t.Fatalf("rendering with the study.html from before: %v", err)
	}
	pages := 0
	for name, data := range w.files {
		if !strings.HasPrefix(name, "studies/") || name == "studies/index.html" {
			continue
		}
		pages++
		page := string(data)
		if !strings.Contains(page, `<table class="journey">`) {
			t.Errorf("%s: the old template's map is missing", name)
		}
		if m := rawKey.FindString(page); m != "" {
			t.Errorf("%s shows the key %s where its text belongs", name, m)
		}
	}
	if pages == 0 {
		t.Fatal("no study pages rendered")
	}
}
