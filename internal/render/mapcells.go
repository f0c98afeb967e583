package render

import (
	"html"
	"html/template"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// A StageSummary is what the map's closed cells of a stage show: each
// lane's answer at a glance, its whole content one click away.
type StageSummary struct {
	Number     int          // the stage's place on the map, from 1, which its note on paper has
	Beliefs    []Count      // the beliefs by state, in BeliefStates' order, the states there are
	TestNext   int          // beliefs to test next
	BeliefPeek []BeliefItem // the first few: to test next, then contested, untested, the rest; Text plain
	LessonPeek []Lesson     // the newest few; Learned plain
	Changes    []Count      // changes and actions by state, in States' order, the states there are
	Overdue    int          // of them, planned or doing past their due date
	ChangePeek []ChangeItem // the first few: overdue, doing, planned, done, dropped; Text plain
	// BeliefsN, LessonsN and ChangesN are how many items each list lane
	// holds, though the stage lists at most cellMax of them.
	BeliefsN, LessonsN, ChangesN Total
	// LongCurrent and LongDesired say that the state is too long for its
	// cell on the printed sheet, which shows its first lines and puts it
	// whole in the stage's note.
	LongCurrent, LongDesired bool
}

// A Total is how many items a lane holds.
type Total int

// After is how many of them come after the first k: a closed cell's "and
// n more".
func (t Total) After(k int) int { return max(0, int(t)-k) }

// sheetChars is how long a current or desired state may be to print
// whole in its cell: about nine lines of a 7-stage map's column on A4.
const sheetChars = 280

// tags matches the markup of rendered Markdown.
var tags = regexp.MustCompile(`<[^>]*>`)

// textLen is how many characters of text the rendered Markdown h holds.
func textLen(h template.HTML) int {
	return utf8.RuneCountInString(strings.TrimSpace(html.UnescapeString(tags.ReplaceAllString(string(h), ""))))
}

// plain is the rendered Markdown h as one line of text, its markup and
// links gone and its characters still escaped: what a closed cell's
// <summary> may hold (text only, no paragraph and no link).
func plain(h template.HTML) template.HTML {
	return template.HTML(strings.Join(strings.Fields(tags.ReplaceAllString(string(h), " ")), " "))
}

// peekN is how many items a closed cell holds; the screen and an A4
// sheet show two of them, an A3 sheet all.
const peekN = 3

// summarise sums up the lanes of the stage sv.
func summarise(sv StageView) StageSummary {
	s := StageSummary{
		BeliefsN: Total(len(sv.Beliefs)), LessonsN: Total(len(sv.Lessons)), ChangesN: Total(len(sv.Changes)),
		LongCurrent: textLen(sv.Current) > sheetChars, LongDesired: textLen(sv.Desired) > sheetChars,
	}
	s.Beliefs = countBy(sv.Beliefs, site.BeliefStates.Values, func(b BeliefItem) string { return b.State })
	for _, b := range sv.Beliefs {
		if b.TestNext {
			s.TestNext++
		}
	}
	beliefs := slices.Clone(sv.Beliefs)
	slices.SortStableFunc(beliefs, func(a, b BeliefItem) int { return beliefRank(a) - beliefRank(b) })
	s.BeliefPeek = beliefs[:min(peekN, len(beliefs))]
	for i := range s.BeliefPeek {
		s.BeliefPeek[i].Text = plain(s.BeliefPeek[i].Text)
	}
	s.LessonPeek = slices.Clone(sv.Lessons[:min(peekN, len(sv.Lessons))])
	for i := range s.LessonPeek {
		s.LessonPeek[i].Learned = plain(s.LessonPeek[i].Learned)
	}

	s.Changes = countBy(sv.Changes, site.States.Values, func(c ChangeItem) string { return c.Status })
	for _, c := range sv.Changes {
		if c.Overdue {
			s.Overdue++
		}
	}
	changes := slices.Clone(sv.Changes)
	slices.SortStableFunc(changes, func(a, b ChangeItem) int { return changeRank(a) - changeRank(b) })
	// Hand-written changes and sprints' actions both show, where a stage
	// has both: the other kind's first takes the second place.
	if len(changes) > 2 && changes[1].Group == changes[0].Group {
		if i := slices.IndexFunc(changes[2:], func(c ChangeItem) bool { return c.Group != changes[0].Group }); i >= 0 {
			other := changes[2+i]
			copy(changes[2:3+i], changes[1:2+i])
			changes[1] = other
		}
	}
	s.ChangePeek = changes[:min(peekN, len(changes))]
	for i := range s.ChangePeek {
		s.ChangePeek[i].Text = plain(s.ChangePeek[i].Text)
	}
	return s
}

// countBy counts items by their state, in the order of states, leaving
// out the states none of them is in.
func countBy[T any](items []T, states []string, state func(T) string) []Count {
	by := map[string]int{}
	for _, it := range items {
		by[state(it)]++
	}
	var out []Count
	for _, k := range states {
		if n := by[k]; n > 0 {
			out = append(out, Count{Key: k, N: n})
		}
	}
	return out
}

// beliefRank orders a stage's beliefs for its closed cell: what to test
// next, then what sprints disagree on, what is untested, then the rest.
func beliefRank(b BeliefItem) int {
	switch {
	case b.TestNext:
		return 0
	case b.State == site.Contested:
		return 1
	case b.State == site.Untested:
		return 2
	}
	return 3
}

// changeRank orders a stage's changes and actions for its closed cell:
// the ones under way first, overdue before the rest.
func changeRank(c ChangeItem) int {
	if c.Overdue {
		return 0
	}
	if c.Status == "doing" {
		return 1
	}
	return 2 + site.States.Index(c.Status)
}

// A Legend lists the states the map draws, for its key.
type Legend struct {
	Beliefs []string // untested, supported, refuted, inconclusive, contested
	States  []string // of changes and actions: planned, doing, done, dropped, overdue
}

// legend is every map's Legend.
var legend = Legend{site.BeliefStates.Values, append(append([]string{}, site.States.Values...), site.Overdue)}

// mapSheet sets what the study page at name needs besides its map: the
// map's style sheet, its legend, the page's address for the printed
// sheet from the site's base_url, each stage's number, and the study's
// sprints by quarter.
func (r *renderer) mapSheet(name string, st *site.Study, v *StudyView) {
	v.StyleURL = layout.Rel(name, layout.Asset("map.css"))
	if base := r.site.Settings.BaseURL; base != "" {
		v.Address = base + strings.TrimSuffix(name, "index.html")
	}
	v.Legend = legend
	for i := range v.Stages {
		v.Stages[i].Summary.Number = i + 1
	}
	// The latest quarter is today's, or without a day the newest
	// sprint's, as on the start page.
	latest := r.today
	if latest.IsZero() && len(st.Sprints) > 0 {
		latest = st.Sprints[0].Date
	}
	current := quarterOf(latest)
	for i, sp := range st.Sprints {
		q := quarterOf(sp.Date)
		if n := len(v.Quarters); n == 0 || v.Quarters[n-1].start != q {
			v.Quarters = append(v.Quarters, Quarter{Name: r.quarterName(q), Anchor: "q-" + q.Format("2006-01"), Open: !q.Before(current), start: q})
		}
		part := &v.Quarters[len(v.Quarters)-1]
		part.Sprints = append(part.Sprints, v.Sprints[i])
	}
	if len(v.Quarters) > 0 {
		v.Quarters[0].Open = true // the newest, though it is past
	}
}
