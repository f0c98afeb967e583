package render

import (
	"testing"
	"time"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// TestStudiesPageCountsEveryItem: on a year of 450 sprints, where a stage
// lists only the first 20 items of a lane, each study's row on the studies
// page still counts every belief and every change and action of its map.
func TestStudiesPageCountsEveryItem(t *testing.T) {
	today := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	s, err := site.Load(sitegen.YearMapFS(450), site.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	r, err := newRenderer(s, Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	rows := r.studiesView().Studies
	cut := false
	for i, st := range s.Studies {
		var want BeliefCounts
		changes := map[string]int{}
		for _, sg := range st.Stages {
			sv := r.stageView(layout.Study(st.ID), sg) // whole, before a lane is cut
			cut = cut || len(sv.Beliefs) > cellMax || len(sv.Changes) > cellMax
			for _, b := range sv.Beliefs {
				if b.State == site.Untested {
					want.Untested++
				} else {
					want.Tested++
				}
				if b.TestNext {
					want.TestNext++
				}
			}
			for _, c := range sv.Changes {
				changes[c.Status]++
				if c.Overdue {
					changes[site.Overdue]++
				}
			}
		}
		if rows[i].Beliefs != want {
			t.Errorf("%s: the studies page counts beliefs %+v, the map holds %+v", st.ID, rows[i].Beliefs, want)
		}
		for _, c := range rows[i].Changes {
			if c.N != changes[c.Key] {
				t.Errorf("%s: the studies page counts %d %s, the map holds %d", st.ID, c.N, c.Key, changes[c.Key])
			}
		}
	}
	if !cut {
		t.Error("no lane of the year's maps holds more than a stage lists: the test tests nothing")
	}
}
