package render

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// page is one page to render: its output name, its kind (which names its
// template file), and its view, made on the worker that takes the page,
// which notes in a reads what it read of the site.
type page struct {
	name string
	kind string
	view func(*reads) any
	// list is set on a page of a kind that comes before the sprints' in
	// a build that lets the fragments go once those are drawn (lists).
	list bool
}

func (r *renderer) notFoundView() NotFoundView {
	return NotFoundView{Frame: r.frameAt(layout.NotFound, r.text.get("notfound.title"), ""), HomeURL: layout.Rel(layout.NotFound, layout.Index)}
}

// markup is what oneLine drops from Markdown source.
var markup = strings.NewReplacer("*", "", "_", "", "`", "", "#", "")

// oneLine shortens Markdown source to a plain description.
func oneLine(s string) string {
	if plainLine(s) {
		return s
	}
	s = strings.Join(strings.Fields(s), " ")
	s = markup.Replace(s)
	if r := []rune(s); len(r) > 200 {
		s = string(r[:199]) + "…"
	}
	return s
}

// plainLine reports whether oneLine would give s back as it is: short,
// one line, single spaces, no markup.
func plainLine(s string) bool {
	if len(s) > 200 || s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < ' ', c == '*', c == '_', c == '`', c == '#', c >= 0x80:
			return false
		case c == ' ' && s[i+1] == ' ':
			return false
		}
	}
	return true
}

func (r *renderer) date(d time.Time) Date {
	if d.IsZero() {
		return Date{}
	}
	k := dayKey{d.Unix(), d.Location()}
	r.datesMu.RLock()
	v, ok := r.dates[k]
	r.datesMu.RUnlock()
	if ok {
		return v
	}
	v = Date{ISO: d.Format(time.DateOnly), Text: r.text.date(d)}
	r.datesMu.Lock()
	r.dates[k] = v
	r.datesMu.Unlock()
	return v
}

// A dayKey is a day as the key of renderer.dates: a site has a few
// hundred days on thousands of pages.
type dayKey struct {
	unix int64
	loc  *time.Location
}

// sprintItems are the lines of sprints in a list on the page at name.
func (r *renderer) sprintItems(name string, sprints []*site.Sprint) []SprintItem {
	root := layout.Root(name)
	items := make([]SprintItem, len(sprints))
	for i, sp := range sprints {
		items[i] = r.sprintItem(sp)
		items[i].URL = root + items[i].URL
	}
	return items
}

// sprintItem is sp's SprintItem with its URL from the top of the site,
// made once per build: a sprint is in four or five lists.
func (r *renderer) sprintItem(sp *site.Sprint) SprintItem {
	m := &r.items[r.itemAt[sp]]
	m.once.Do(func() {
		m.item = SprintItem{
			URL:     layout.Sprint(sp.ID),
			Title:   sp.Title,
			Outcome: sp.Outcome(),
			Date:    r.date(sp.Date),
			Team:    sp.Team,
			Status:  sp.Status,
			NotHeld: sp.NotHeld(r.today),
			Study:   sp.Study.ID,
			TeamID:  sp.TeamRef.Slug,
			Lesson:  oneLine(sp.Result.Learned),
			Learned: r.md.block(sp.Result.Learned),
			Action: ActionBrief{
				Do:      r.md.block(sp.Action.Do),
				Team:    sp.Action.Team,
				Status:  sp.Action.Status,
				Overdue: sp.Overdue(r.today),
			},
		}
	})
	return m.item
}

// itemOnce is a sprint's item, made by the first list that needs it.
type itemOnce struct {
	once sync.Once
	item SprintItem
}

func (r *renderer) teamView(t *site.Team) TeamView {
	name := layout.Team(t.Slug)
	v := TeamView{
		Frame:   r.frameAt(name, r.text.get("team.title", "team", t.Name), ""),
		Name:    t.Name,
		Sprints: r.sprintItems(name, t.Sprints),
	}
	counted := t.ActionsAsOf(r.today)
	v.Counts = r.actionCounts(name, counted)
	v.Calendar = layout.Rel(name, layout.TeamICS(t.Slug))
	v.Subscribe = r.absolute(layout.TeamICS(t.Slug))
	v.Frame.AsOf = r.asOf(slices.Concat(t.Actions, t.Sprints))
	item := func(sp *site.Sprint) ActionItem {
		return ActionItem{
			Do:         r.md.block(sp.Action.Do),
			Status:     sp.Action.Status,
			Energy:     sp.Action.Energy,
			Due:        r.date(sp.Action.Due),
			Overdue:    sp.Overdue(r.today),
			NotHeld:    sp.NotHeld(r.today),
			Owner:      sp.Action.Owner,
			Sprint:     Link{layout.Rel(name, layout.Sprint(sp.ID)), sp.Title},
			SprintDate: r.date(sp.Date),
		}
	}
	for _, sp := range counted {
		v.Actions = append(v.Actions, item(sp))
	}
	for _, sp := range t.Actions {
		if sp.Status == "planned" {
			v.Intended = append(v.Intended, item(sp))
		}
	}
	return v
}

// sprintView is sp's page. It reads the sprint's plan and notes, its
// study (the plan's missing belief values come from there, as do the
// names of stages), the sprint it follows, those that follow it, the tally
// of the belief it tests, the settings and the day.
func (r *renderer) sprintView(rd *reads, sp *site.Sprint) SprintView {
	rd.site()
	sp = rd.plan(sp)
	st := rd.study(sp.Study)
	today := rd.day()
	notes := rd.notes(sp)
	name := layout.Sprint(sp.ID)
	study := layout.Study(st.ID)
	v := SprintView{
		Frame:      r.frameAt(name, sp.Title, sp.Assumption.Belief),
		Title:      sp.Title,
		Outcome:    sp.Outcome(),
		Date:       r.date(sp.Date),
		Status:     sp.Status,
		NotHeld:    sp.NotHeld(today),
		Relation:   sp.Relation,
		Team:       Link{layout.Rel(name, layout.Team(sp.TeamRef.Slug)), sp.Team},
		Study:      StudyLink{layout.Rel(name, study), st.Title, r.md.block(st.Summary)},
		SessionURL: layout.Rel(name, layout.Session(sp.ID)),

		Belief:     r.md.block(sp.Assumption.Belief),
		Basis:      sp.Assumption.Basis,
		Importance: sp.Assumption.Importance,
		Evidence:   sp.Assumption.Evidence,

		Ask:       r.md.block(sp.Question.Ask),
		Method:    sp.Question.Method,
		Customers: sp.Question.Customers,
		Criterion: r.md.inline(sp.Question.Criterion),

		Notes:          notes,
		Learned:        r.md.block(sp.Result.Learned),
		ResultEvidence: sp.Result.Evidence,

		Action: SprintAction{
			Do:          r.md.block(sp.Action.Do),
			Team:        Link{layout.Rel(name, layout.Team(sp.ActionTeam.Slug)), sp.Action.Team},
			OwnTeam:     sp.Action.Team == sp.Team,
			Status:      sp.Action.Status,
			Intended:    sp.Status == "planned",
			Energy:      sp.Action.Energy,
			Overdue:     sp.Overdue(today),
			Owner:       sp.Action.Owner,
			Due:         r.date(sp.Action.Due),
			Strengthens: r.md.inline(sp.Action.Strengthens),
		},

		Duration:     sp.Duration,
		Facilitator:  sp.Facilitator,
		Participants: sp.Participants,
	}
	if sp.Stage != nil {
		v.Stage = &Link{layout.Rel(name, layout.StageOf(st.ID, sp.Stage.ID)), sp.Stage.Name}
	}
	if b := sp.Tests; b != nil {
		v.FromMap = &Link{layout.Rel(name, layout.StageOf(st.ID, b.Stage.ID)), b.Stage.Name}
		v.Across = rd.tally(b)
	}
	if sp.Follows != nil {
		f := rd.plan(sp.Follows)
		v.Follows = &Link{layout.Rel(name, layout.Sprint(f.ID)), f.Title}
	}
	for _, f := range rd.followers(sp) {
		v.FollowedBy = append(v.FollowedBy, Link{layout.Rel(name, layout.Sprint(f.ID)), f.Title})
	}
	v.Frame.AsOf = r.asOf([]*site.Sprint{sp})
	return v
}

// sessionView is the session view of sp. It reads the sprint's plan and
// notes, its study (for the belief's text when the plan leaves it out) and
// the settings.
func (r *renderer) sessionView(rd *reads, sp *site.Sprint) SessionView {
	rd.site()
	sp = rd.plan(sp)
	rd.study(sp.Study)
	notes := rd.notes(sp)
	name := layout.Session(sp.ID)
	v := SessionView{
		Frame:       r.frameAt(name, sp.Title+" – "+r.text.get("session.title"), sp.Question.Ask),
		ID:          sp.ID,
		Title:       sp.Title,
		Duration:    sp.Duration,
		SprintURL:   layout.Rel(name, layout.Sprint(sp.ID)),
		StyleURL:    layout.Rel(name, layout.Asset("session.css")),
		ScriptURL:   layout.Rel(name, layout.Asset("session.js")),
		TimerURL:    layout.Rel(name, layout.Asset("timer.js")),
		LabelsURL:   layout.Rel(name, layout.Asset(sessionLabelsName)),
		PartsInPage: r.ownLabels,
		Belief:      r.md.block(sp.Assumption.Belief),
		Ask:         r.md.block(sp.Question.Ask),
		Criterion:   r.md.inline(sp.Question.Criterion),
		Notes:       notes,
	}
	if strings.Contains(string(notes), `href="`) || strings.Contains(string(notes), `src="`) {
		// A link or an image, which may be relative to the sprint's
		// folder, a folder above this page's. (Without one the two
		// renderings are the same.)
		v.Notes = r.notesBelow.block(sp.Notes)
	}
	for _, b := range sp.Agenda {
		n := b.Name
		if n == "" {
			n = r.text.get(b.Key)
		}
		v.Agenda = append(v.Agenda, AgendaBlock{n, b.Minutes})
	}
	return v
}

// pageView is the free page pg, which is part of what every page reads
// as the site (reads.site).
func (r *renderer) pageView(rd *reads, pg *site.Page) PageView {
	rd.site()
	name := layout.Page(pg.ID)
	return PageView{
		Frame: r.frameAt(name, pg.Title, pg.Description),
		Title: pg.Title,
		Body:  r.md.block(pg.Body),
	}
}

// actionCounts counts the actions of sprints by state, as the actions page
// does, each count leading from the page at from to its part of that page.
func (r *renderer) actionCounts(from string, sprints []*site.Sprint) []Count {
	by := map[string]int{}
	for _, sp := range sprints {
		by[sp.ActionState(r.today)]++
	}
	counts := make([]Count, len(site.ActionStates.Values))
	for i, k := range site.ActionStates.Values {
		counts[i] = Count{Key: k, N: by[k], URL: layout.Rel(from, layout.Actions) + "#" + layout.ActionPart(k)}
	}
	return counts
}

// asOf is the build's day when an action of sprints is overdue, for the
// page that marks it to say when overdue is counted from; else zero.
func (r *renderer) asOf(sprints []*site.Sprint) Date {
	for _, sp := range sprints {
		if sp.Overdue(r.today) {
			return r.date(r.today)
		}
	}
	return Date{}
}

func (r *renderer) actionsView() ActionsView {
	name := layout.Actions
	all := r.actions()
	v := ActionsView{
		Frame:     r.frameAt(name, r.text.get("actions.title"), r.text.get("actions.intro")),
		AsOf:      r.date(r.today),
		Counts:    r.actionCounts(name, all),
		CSV:       layout.Rel(name, layout.ActionsCSV),
		ICS:       layout.Rel(name, layout.ActionsICS),
		Subscribe: r.absolute(layout.ActionsICS),
		JSON:      layout.Rel(name, layout.SprintsJSON),
		Narrow:    r.narrow(name, false),
	}
	overdue := map[*site.Team]int{}
	for _, sp := range slices.Concat(all, r.site.Intended()) {
		state := sp.ActionState(r.today)
		if n := len(v.Parts); n == 0 || v.Parts[n-1].State != state {
			v.Parts = append(v.Parts, ActionPart{State: state, Anchor: layout.ActionPart(state)})
		}
		if state == site.Overdue {
			overdue[sp.ActionTeam]++
		}
		part := &v.Parts[len(v.Parts)-1]
		part.Actions = append(part.Actions, ActionRow{
			Do:         r.md.block(sp.Action.Do),
			Sprint:     Link{layout.Rel(name, layout.Sprint(sp.ID)), sp.Title},
			SprintDate: r.date(sp.Date),
			Planned:    sp.Status == "planned",
			NotHeld:    sp.NotHeld(r.today),
			Team:       Link{layout.Rel(name, layout.Team(sp.ActionTeam.Slug)), sp.Action.Team},
			Owner:      sp.Action.Owner,
			Due:        r.date(sp.Action.Due),
			Energy:     sp.Action.Energy,
			State:      state,
			Study:      sp.Study.ID,
			TeamID:     sp.ActionTeam.Slug,
		})
	}
	// The teams with overdue actions, the most first.
	for _, t := range r.site.Teams {
		if n := overdue[t]; n > 0 {
			v.OverdueByTeam = append(v.OverdueByTeam, Count{Key: t.Name, N: n, URL: layout.Rel(name, layout.Team(t.Slug))})
		}
	}
	slices.SortStableFunc(v.OverdueByTeam, func(a, b Count) int { return b.N - a.N })
	return v
}
