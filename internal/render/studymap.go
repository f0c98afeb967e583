package render

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// studyView is the view of st's page, which the studies page sums each
// study up from too (studiesView). A build for serve (with a Cache) makes
// it once for the two: the first makes it, the second takes it and lets it
// go. A one-off build makes it for each: held from the one page until the
// other, the views of a year's studies were the build's peak of memory.
// (When one of the two is written again without its view being made,
// reads.go, the view goes with the renderer.)
func (r *renderer) studyView(st *site.Study) StudyView {
	if r.cache == nil {
		return r.makeStudyView(st)
	}
	r.studyMu.Lock()
	once, second := r.studyViews[st]
	if second {
		delete(r.studyViews, st)
	} else {
		once = sync.OnceValue(func() StudyView { return r.makeStudyView(st) })
		if r.studyViews == nil {
			r.studyViews = map[*site.Study]func() StudyView{}
		}
		r.studyViews[st] = once
	}
	r.studyMu.Unlock()
	return once()
}

// makeStudyView makes the view of st's page: its map, each lane's list
// bounded, its log and its sprints by quarter.
func (r *renderer) makeStudyView(st *site.Study) StudyView {
	name := layout.Study(st.ID)
	v := StudyView{
		Frame:   r.frameAt(name, st.Title, st.Summary),
		Title:   st.Title,
		Kind:    st.Kind,
		Summary: r.md.block(st.Summary),
		Owner:   st.Owner,
		Date:    r.date(st.Date),
		Body:    r.md.block(st.Body),
		Sprints: r.sprintItems(name, st.Sprints),
	}
	v.Frame.AsOf = r.asOf(st.Sprints)
	if st.Report != "" {
		v.Report = &Report{URL: reportURL(st.Report), Text: st.Report, File: site.FileLink(st.Report)}
	}
	for _, sg := range st.Stages {
		sv := r.stageView(name, sg)
		v.Progress.Done += sv.Progress.Done
		v.Progress.Of += sv.Progress.Of
		for _, b := range sv.Beliefs {
			if b.TestNext && !b.Own {
				v.TestNext = append(v.TestNext, b)
			}
		}
		sv.Beliefs, sv.BeliefsElsewhere = bound(sv.Beliefs, func(b BeliefItem) bool { return !b.Own })
		sv.Lessons, sv.LessonsElsewhere = bound(sv.Lessons, func(Lesson) bool { return false })
		sv.Changes, sv.ChangesElsewhere = bound(sv.Changes, func(c ChangeItem) bool { return c.Group == "change" })
		v.Stages = append(v.Stages, sv)
	}
	r.mapSheet(name, st, &v)
	log := st.Log()
	v.Updated = r.date(site.Updated(log))
	if len(log) > logMax {
		v.LogElsewhere = len(log) - logMax
		log = log[:logMax]
	}
	v.Log = r.logItems(name, log)
	v.BoardURL = layout.Rel(name, layout.Assumptions) + "#study=" + st.ID
	v.ActionsURL = layout.Rel(name, layout.Actions) + "#study=" + st.ID
	return v
}

// logMax is how many entries of its log a study page shows: a season of
// a busy study's sprints. The older ones are on the sprints' own pages and
// in sprints.json, which holds the whole log.
const logMax = 100

// logItems is a study's log as the page at name shows it.
func (r *renderer) logItems(name string, log []site.LogEntry) []LogItem {
	link := r.sprintLink(name)
	items := make([]LogItem, 0, len(log))
	for _, e := range log {
		item := LogItem{
			Date: r.date(e.Date), Kind: e.Kind, Text: r.md.inline(e.Text),
			Verdict: e.Verdict, Evidence: e.Evidence, Status: e.Status,
		}
		if e.Stage != nil {
			item.Stage = &Link{"#" + layout.Stage(e.Stage.ID), e.Stage.Name}
		}
		if e.Sprint != nil {
			item.Sprint = link(e.Sprint)
		}
		items = append(items, item)
	}
	return items
}

// stageView is a stage of the journey map on the page at name.
func (r *renderer) stageView(name string, sg *site.Stage) StageView {
	link := r.sprintLink(name)
	sv := StageView{
		Anchor:       layout.Stage(sg.ID),
		Name:         sg.Name,
		EnergyNow:    sg.EnergyNow,
		EnergyWanted: sg.EnergyWanted,
		Current:      r.md.block(sg.Current),
		Desired:      r.md.block(sg.Desired),
		Touchpoints:  sg.Touchpoints,
		Sprints:      r.sprintItems(name, sg.Sprints),
	}
	for _, sp := range sg.Sprints {
		brief := &SprintBrief{Link: *link(sp), Date: r.date(sp.Date), Verdict: sp.Result.Verdict}
		switch {
		case sp.Status == "planned":
			// Newest first: the last one seen is the next to come.
			sv.Next = brief
		case sp.Status == "done" && sv.Latest == nil:
			sv.Latest = brief
			sv.Newest = brief.Date
		}
	}
	for _, b := range sg.Beliefs {
		sv.Beliefs = append(sv.Beliefs, r.beliefItem(b, link))
	}
	for _, sp := range sg.Sprints {
		if item, ok := r.ownAssumption(sp, link); ok {
			sv.Beliefs = append(sv.Beliefs, item)
		}
	}
	for _, sp := range sg.Sprints {
		if o := sp.Outcome(); o != site.Untested {
			sv.Lessons = append(sv.Lessons, Lesson{o, r.md.inline(sp.Result.Learned), *link(sp), r.date(sp.ResultDay())})
		}
	}
	sv.Changes = r.changeItems(sg, link)
	for _, c := range sv.Changes {
		if c.Status != "dropped" {
			sv.Progress.Of++
			if c.Status == "done" {
				sv.Progress.Done++
			}
		}
	}
	sv.Summary = summarise(sv)
	return sv
}

// cellMax is how many items of one lane a stage lists, in its cell and
// its note on paper. A year of sprints at one stage would make the map a
// long page to send and to read; what it leaves out is counted and linked
// to the page that lists it whole: the board, the actions page, the
// study's sprints.
const cellMax = 20

// bound is the items of list a stage lists, and how many it leaves out:
// the study's own (the leading items for which own is true) all, as the
// study wrote them, and the sprints' that follow, newest first, up to
// cellMax items in all. What it leaves out is the oldest of the sprints',
// which the board, the actions page and the study's sprints list.
func bound[T any](list []T, own func(T) bool) ([]T, int) {
	n := 0
	for n < len(list) && own(list[n]) {
		n++
	}
	keep := max(cellMax, n)
	if len(list) <= keep {
		return list, 0
	}
	return list[:keep:keep], len(list) - keep
}

// changeItems are the stage's changes, then the actions of its done
// sprints that no change follows; an action that a retest repeated word
// for word is listed once, from its newest sprint.
func (r *renderer) changeItems(sg *site.Stage, link func(*site.Sprint) *Link) []ChangeItem {
	var items []ChangeItem
	followed := map[*site.Sprint]bool{}
	for _, c := range sg.Changes {
		item := ChangeItem{
			Text: r.md.inline(c.Text), Group: "change", Status: c.Status, FromAction: c.FromAction,
			Since: r.date(c.Since), Team: c.Team, Owner: c.Owner, Due: r.date(c.Due),
		}
		if !c.FromAction {
			item.Key = "stages." + sg.ID + ".changes." + strconv.Itoa(c.Index+1)
		}
		if c.Sprint != nil {
			item.Sprint = link(c.Sprint)
			followed[c.Sprint] = followed[c.Sprint] || c.FromAction
			item.Overdue = c.FromAction && c.Sprint.Overdue(r.today)
		}
		items = append(items, item)
	}
	seen := map[string]bool{}
	for _, sp := range sg.Sprints {
		if sp.Status != "done" || followed[sp] || seen[sp.Action.Do] {
			continue
		}
		seen[sp.Action.Do] = true
		items = append(items, ChangeItem{
			Text:    r.md.inline(sp.Action.Do),
			Group:   "action",
			Status:  sp.Action.Status,
			Team:    sp.Action.Team,
			Owner:   sp.Action.Owner,
			Due:     r.date(sp.Action.Due),
			Overdue: sp.Overdue(r.today),
			Sprint:  link(sp),
		})
	}
	return items
}

// sprintLink returns the link to a sprint from the page at name.
func (r *renderer) sprintLink(name string) func(*site.Sprint) *Link {
	return func(sp *site.Sprint) *Link {
		return &Link{layout.Rel(name, layout.Sprint(sp.ID)), sp.Title}
	}
}

// reportURL passes a link that site.Load has checked (http, https, file,
// mailto or relative), so that html/template keeps file: links.
func reportURL(s string) template.URL {
	u, err := url.Parse(s)
	if err != nil || !site.AllowedScheme(strings.ToLower(u.Scheme)) {
		return ""
	}
	return template.URL(u.String())
}
