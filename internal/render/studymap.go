package render

import (
	"html/template"
	"net/url"
	"strings"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

func (r *renderer) studyView(st *site.Study) StudyView {
	name := layout.Study(st.ID)
	v := StudyView{
		Frame:   r.frame("study", name, st.Title, st.Summary),
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
		v.Stages = append(v.Stages, sv)
	}
	return v
}

// stageView is a stage of the journey map on the page at name.
func (r *renderer) stageView(name string, sg *site.Stage) StageView {
	link := func(sp *site.Sprint) *Link {
		return &Link{layout.Rel(name, layout.Sprint(sp.ID)), sp.Title}
	}
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
	if len(sg.Sprints) > 0 {
		sv.Newest = r.date(sg.Sprints[0].Date)
	}
	for _, b := range sg.Beliefs {
		sv.Beliefs = append(sv.Beliefs, beliefItem(b, link, r.md))
	}
	for _, sp := range sg.Sprints {
		if item, ok := ownAssumption(sp, link, r.md); ok {
			sv.Beliefs = append(sv.Beliefs, item)
		}
	}
	for _, sp := range sg.Sprints {
		if o := sp.Outcome(); o != site.Untested {
			sv.Lessons = append(sv.Lessons, Lesson{o, r.md.inline(sp.Result.Learned), *link(sp)})
		}
	}
	for _, c := range sg.Changes {
		item := ChangeItem{Text: r.md.inline(c.Text), Group: "change", Status: c.Status, Team: c.Team}
		if c.Sprint != nil {
			item.Sprint = link(c.Sprint)
		}
		sv.Changes = append(sv.Changes, item)
	}
	for _, sp := range sg.Sprints {
		if sp.Status != "done" {
			continue
		}
		sv.Changes = append(sv.Changes, ChangeItem{
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
	for _, c := range sv.Changes {
		if c.Status != "dropped" {
			sv.Progress.Of++
			if c.Status == "done" {
				sv.Progress.Done++
			}
		}
	}
	return sv
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

// beliefItem is the study's belief b as the map and the board show it:
// its verdict once tested, and the planned sprint that will test it.
func beliefItem(b *site.Belief, link func(*site.Sprint) *Link, md *markdown) BeliefItem {
	item := BeliefItem{Text: md.inline(b.Text), Basis: b.Basis, Importance: b.Importance, Evidence: b.Evidence}
	if sp := b.Tested(); sp != nil {
		item.Verdict, item.TestedBy = sp.Outcome(), link(sp)
	}
	if sp := planned(b.Sprints); sp != nil {
		item.Planned = link(sp)
	}
	return item
}

// ownAssumption is the assumption of a sprint that tests none of its
// study's beliefs, as the map and the board show it; ok is false for an
// abandoned sprint's, which nobody will test.
func ownAssumption(sp *site.Sprint, link func(*site.Sprint) *Link, md *markdown) (item BeliefItem, ok bool) {
	if sp.Tests != nil || sp.Status == "abandoned" {
		return BeliefItem{}, false
	}
	a := sp.Assumption
	item = BeliefItem{Text: md.inline(a.Belief), Basis: a.Basis, Importance: a.Importance, Evidence: a.Evidence, Own: true}
	if o := sp.Outcome(); o != site.Untested {
		item.Verdict, item.TestedBy = o, link(sp)
	} else {
		item.Planned = link(sp)
	}
	return item, true
}
