package render

import (
	"net/url"
	"time"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// The data files are what the build writes beside the actions page for
// the tools people already work in: actions.csv for a spreadsheet
// (csv.go), actions.ics and each team's actions.ics for a calendar
// (ics.go), and sprints.json for the intranet's dashboards (json.go).
// Each holds user text as plain text, the Markdown source as written and
// never rendered HTML, and each is made from the site and the build's day
// alone, so the same input gives the same bytes.

// data writes the data files to w.
func (r *renderer) data(w Writer) error {
	b, err := r.actionsCSV()
	if err != nil {
		return err
	}
	if err := w.WriteFile(layout.ActionsCSV, b); err != nil {
		return err
	}
	cal, err := r.calendarEvents()
	if err != nil {
		return err
	}
	if err := w.WriteFile(layout.ActionsICS, r.actionsICS(nil, cal)); err != nil {
		return err
	}
	for _, t := range r.site.Teams {
		if err := w.WriteFile(layout.TeamICS(t.Slug), r.actionsICS(t, cal)); err != nil {
			return err
		}
	}
	if sw, ok := w.(StreamWriter); ok && r.cache == nil {
		// 31 MB at 10,000 sprints: not held whole, where nothing keeps it.
		return sw.WriteStream(layout.SprintsJSON, r.writeSprintsJSON)
	}
	if b, err = r.sprintsJSON(); err != nil {
		return err
	}
	return w.WriteFile(layout.SprintsJSON, b)
}

// isoDate is d as YYYY-MM-DD, "" for the zero time.
func isoDate(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// sprintURL is the address of sp's page under the site's base_url, as
// the feed gives it, or "" when the site has no base_url.
func (r *renderer) sprintURL(sp *site.Sprint) string {
	if r.site.Settings.BaseURL == "" {
		return ""
	}
	return r.site.Settings.BaseURL + layout.Sprint(url.PathEscape(sp.ID))
}

// studyURL is the address of st's page, or "" without base_url.
func (r *renderer) studyURL(st *site.Study) string {
	if r.site.Settings.BaseURL == "" {
		return ""
	}
	return r.site.Settings.BaseURL + layout.Study(url.PathEscape(st.ID))
}

// row returns v encoded by encode: from an earlier build when it encoded
// an equal value (the value is the key, as a view is a page's), else
// encoded now and kept for the next. A one-off build keeps nothing.
func (r *renderer) row(v any, encode func(any) ([]byte, error)) ([]byte, error) {
	if r.cache == nil {
		return encode(v)
	}
	k, err := r.keys.of(key{}, v)
	if err != nil {
		return nil, err
	}
	if b, ok := r.cache.row(k); ok {
		return b, nil
	}
	b, err := encode(v)
	if err == nil {
		r.cache.putRow(k, b)
	}
	return b, err
}
