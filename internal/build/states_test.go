package build

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/sprintkit/sprintkit/internal/layout"
)

// TestMapStates builds testdata/states/*.txtar, a map with a belief in
// every state (untested, supported, refuted, inconclusive, contested) and
// changes that follow their sprints' actions, disagree with one, or say
// since when, and compares what shows them (the study page, the board, the
// contested belief's newest sprint and sprints.json) with
// testdata/states/*.golden. The disagreeing change is warned about.
func TestMapStates(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			var w memWriter
			today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
			s, err := Build(siteFromTxtar(t, "testdata/states/"+lang+".txtar"), today, &w)
			if err != nil {
				t.Fatal(err)
			}
			var warnings []string
			for _, p := range s.Warnings {
				warnings = append(warnings, p.Error())
			}
			const disagree = `content/studies/resan.md:12:11: stage "start", change 3, sprint: the change's status is "doing", but the action of sprint "2026-10-08-sida", the same work, is "done"`
			if !slices.ContainsFunc(warnings, func(w string) bool { return strings.HasPrefix(w, disagree) }) {
				t.Errorf("warnings:\n%s\nwant one that starts %s", strings.Join(warnings, "\n"), disagree)
			}
			ar := &txtar.Archive{Comment: []byte("The pages and data that show the map's states, built from the archive of the same name (sprints.json indented, to be read); rewrite with go test -update.\n")}
			for _, n := range []string{layout.Study("resan"), layout.Assumptions, layout.Sprint("2026-11-05-logga-in-igen"), layout.SprintsJSON} {
				data, ok := w.files[n]
				if !ok {
					t.Fatalf("no %s in the build", n)
				}
				if n == layout.SprintsJSON {
					// One line a study or sprint in the file.
					var buf bytes.Buffer
					if err := json.Indent(&buf, data, "", "  "); err != nil {
						t.Fatal(err)
					}
					data = buf.Bytes()
				}
				ar.Files = append(ar.Files, txtar.File{Name: n, Data: data})
			}
			checkGolden(t, "testdata/states/"+lang+".golden", txtar.Format(ar), "TestMapStates")
		})
	}
}
