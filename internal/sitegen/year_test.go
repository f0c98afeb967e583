package sitegen

import (
	"maps"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/sprintkit/sprintkit/internal/site"
)

// TestYear checks that a year's site loads without problems and holds
// what the tests that use it look for.
func TestYear(t *testing.T) {
	for _, n := range []int{150, 450} {
		files := Year(n)
		if !maps.Equal(files, Year(n)) {
			t.Fatalf("Year(%d) differs between two calls", n)
		}
		facts := YearInfo(n)
		s, err := site.Load(YearMapFS(n), site.Options{Today: facts.Today})
		if err != nil {
			t.Fatalf("Year(%d): %v", n, err)
		}
		if len(s.Sprints) != n || len(s.Studies) != 3 || len(s.Teams) != 12 {
			t.Errorf("Year(%d): %d sprints, %d studies, %d teams; want %d, 3, 12", n, len(s.Sprints), len(s.Studies), len(s.Teams), n)
		}
		for _, st := range s.Studies {
			if len(st.Stages) < 4 || len(st.Stages) > 7 {
				t.Errorf("Year(%d): study %s has %d stages, want 4 to 7", n, st.ID, len(st.Stages))
			}
		}

		count := map[string]int{}
		for _, sp := range s.Sprints {
			count[sp.Status]++
			if sp.Status == "planned" && sp.Date.Before(facts.Today.AddDate(0, -2, 0)) {
				count["stale"]++
			}
			if sp.Follows != nil {
				count["follows"]++
			}
			if sp.Status == "done" {
				count["action "+sp.Action.Status]++
				if sp.Overdue(facts.Today) {
					count["overdue"]++
				}
			}
		}
		for _, k := range []string{"done", "planned", "abandoned", "stale", "follows", "overdue"} {
			if count[k] < n/50 {
				t.Errorf("Year(%d): %d %s sprints, want at least %d (counts %v)", n, count[k], k, n/50, count)
			}
		}
		for _, st := range site.ActionStatuses.Values {
			if count["action "+st] == 0 {
				t.Errorf("Year(%d): no done sprint's action is %s", n, st)
			}
		}

		// Some belief is tested more than once, with verdicts that disagree.
		contested := 0
		for _, st := range s.Studies {
			for _, sg := range st.Stages {
				for _, b := range sg.Beliefs {
					verdicts := map[string]bool{}
					for _, sp := range b.Sprints {
						if sp.Status == "done" {
							verdicts[sp.Result.Verdict] = true
						}
					}
					if len(verdicts) > 1 {
						contested++
					}
				}
			}
		}
		if contested == 0 {
			t.Errorf("Year(%d): no belief has disagreeing verdicts", n)
		}

		// Notes: the long ones, a word only in one notes.md, missing images.
		notes := files["sprints/"+facts.LongNotes+"/notes.md"]
		if w := len(strings.Fields(notes)); w < 2900 || w > 3300 {
			t.Errorf("Year(%d): %s's notes are %d words, want about 3,000", n, facts.LongNotes, w)
		}
		missing := 0
		image := regexp.MustCompile(`!\[[^]]*\]\(([^)]+)\)`)
		for p, text := range files {
			if strings.Contains(text, facts.NotesWord) && p != "sprints/"+facts.NotesWordSprint+"/notes.md" {
				t.Errorf("Year(%d): %q is in %s too", n, facts.NotesWord, p)
			}
			if path.Base(p) != "notes.md" {
				continue
			}
			for _, m := range image.FindAllStringSubmatch(text, -1) {
				if _, ok := files[path.Join(path.Dir(p), m[1])]; !ok {
					missing++
				}
			}
		}
		if !strings.Contains(files["sprints/"+facts.NotesWordSprint+"/notes.md"], facts.NotesWord) {
			t.Errorf("Year(%d): %q is not in %s's notes", n, facts.NotesWord, facts.NotesWordSprint)
		}
		if missing < n/30 {
			t.Errorf("Year(%d): %d missing images, want at least %d", n, missing, n/30)
		}
	}
}
