package site

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// testedBy is a plan that tests belief "brevet" on day, done with verdict
// and evidence after, or planned when verdict is "".
func testedBy(day, verdict, evidence string) string {
	p := strings.Replace(testsPlan, "2026-11-02", day, 1)
	if verdict == "" {
		return p
	}
	p = strings.Replace(p, `status = "planned"`, `status = "done"`, 1)
	p += "owner = \"Anna\"\ndue = 2027-01-01\nstatus = \"doing\"\n"
	p = strings.Replace(p, `method = "interview"`, "method = \"interview\"\ncriterion = \"Tre av fem.\"", 1)
	p += fmt.Sprintf("\n[result]\nverdict = %q\nlearned = \"Vi lärde oss något.\"\n", verdict)
	if evidence != "" {
		p += fmt.Sprintf("evidence = %q\n", evidence)
	}
	return p
}

// TestBeliefState: a belief's state, tally, evidence after and "test next"
// come from every done sprint that tests it; a planned one counts nowhere.
func TestBeliefState(t *testing.T) {
	type test struct{ day, verdict, evidence string }
	for _, c := range []struct {
		name      string
		tests     []test
		state     string
		tally     string // supported/refuted/inconclusive
		after     string
		testNext  bool
		setByDate string
	}{
		{"untested", nil, Untested, "0/0/0", "", true, ""},
		{"only planned", []test{{"2026-11-02", "", ""}}, Untested, "0/0/0", "", true, ""},
		{"supported", []test{{"2026-11-02", "supported", "research"}}, "supported", "1/0/0", "research", false, "2026-11-02"},
		{"refuted", []test{{"2026-11-02", "refuted", "data"}}, "refuted", "0/1/0", "data", false, "2026-11-02"},
		{"inconclusive, no evidence said", []test{{"2026-11-02", "inconclusive", ""}}, "inconclusive", "0/0/1", "", false, "2026-11-02"},
		{"the latest verdict sets it", []test{{"2026-10-01", "inconclusive", "anecdote"}, {"2026-11-02", "supported", "research"}}, "supported", "1/0/1", "research", false, "2026-11-02"},
		{"contested", []test{{"2026-10-01", "supported", "anecdote"}, {"2026-11-02", "refuted", "research"}, {"2026-11-09", "inconclusive", "opinion"}}, Contested, "1/1/1", "opinion", false, "2026-11-09"},
		{"a planned retest", []test{{"2026-10-01", "refuted", "data"}, {"2026-12-02", "", ""}}, "refuted", "0/1/0", "data", false, "2026-10-01"},
	} {
		t.Run(c.name, func(t *testing.T) {
			study := strings.Replace(beliefStudy, `, { text = "SMS", status = "doing", sprint = "2026-11-02-brevet" }`, "", 1)
			files := map[string]string{"content/studies/resa.md": study, planPath: ""}
			for _, s := range c.tests {
				files["sprints/"+s.day+"-t/sprint.toml"] = testedBy(s.day, s.verdict, s.evidence)
			}
			s, err := Load(siteWith(files), Options{})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := s.Studies[0].Belief("brevet")
			tl := b.Tally()
			tally := fmt.Sprintf("%d/%d/%d", len(tl["supported"]), len(tl["refuted"]), len(tl["inconclusive"]))
			if b.State() != c.state || tally != c.tally || b.EvidenceAfter() != c.after || b.TestNext() != c.testNext {
				t.Errorf("state %q, tally %s, evidence after %q, test next %v; want %q, %s, %q, %v",
					b.State(), tally, b.EvidenceAfter(), b.TestNext(), c.state, c.tally, c.after, c.testNext)
			}
			setBy := ""
			if sp := b.Tested(); sp != nil {
				setBy = sp.Date.Format(time.DateOnly)
			}
			if setBy != c.setByDate {
				t.Errorf("state set by the sprint of %q, want %q", setBy, c.setByDate)
			}
		})
	}
}

// TestChangeFollowsAction: a change that names a sprint and says no status
// takes the action's status, team, owner and due; one that says its own
// keeps it, and is warned about when it differs from a done sprint's
// action.
func TestChangeFollowsAction(t *testing.T) {
	study := strings.Replace(beliefStudy, `changes = ["Kortare brev", { text = "SMS", status = "doing", sprint = "2026-11-02-brevet" }]`,
		`changes = ["Kortare brev", { text = "SMS", sprint = "2026-11-02-t" }, { text = "Brev", team = "Kommunikation", status = "done", sprint = "2026-11-02-t", since = 2026-11-20 }]`, 1)
	s, err := Load(siteWith(map[string]string{
		"content/studies/resa.md":          study,
		planPath:                           "",
		"sprints/2026-11-02-t/sprint.toml": testedBy("2026-11-02", "supported", ""),
	}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := s.Studies[0].Stages[0].Changes
	follows, own := c[1], c[2]
	if !follows.FromAction || follows.Status != "doing" || follows.Team != "Kundservice" || follows.Owner != "Anna" || follows.Due.Format(time.DateOnly) != "2027-01-01" {
		t.Errorf("the change with no status: %+v, want the action's doing, Kundservice, Anna, 2027-01-01", follows)
	}
	if own.FromAction || own.Status != "done" || own.Team != "Kommunikation" || own.Since.Format(time.DateOnly) != "2026-11-20" {
		t.Errorf("the change with its own status: %+v, want its own done, Kommunikation, since 2026-11-20", own)
	}
	want := `content/studies/resa.md:8:11: stage "start", change 3, sprint: the change's status is "done", but the action of sprint "2026-11-02-t", the same work, is "doing": leave status out to follow the action, or make them agree`
	if got := s.Warnings.Error(); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
	log := s.Studies[0].Log()
	var kinds []string
	for _, e := range log {
		kinds = append(kinds, e.Date.Format(time.DateOnly)+" "+e.Kind)
	}
	// The action is not logged apart from the change that follows it.
	wantLog := "2026-11-20 change, 2026-11-02 tested, 2026-11-02 learned, 2026-11-02 change, 2026-11-02 change"
	if got := strings.Join(kinds, ", "); got != wantLog {
		t.Errorf("log: %s\nwant: %s", got, wantLog)
	}
}
