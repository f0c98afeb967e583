package render

import (
	"bytes"
	"encoding/xml"
	pathpkg "net/url"
	"time"

	"github.com/sprintkit/sprintkit/internal/layout"
)

// feedMax is how many sprints the feed holds, the newest.
const feedMax = 100

// The Atom feed (RFC 4287), as encoding/xml writes it; it escapes every
// field.
type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Gen      string      `xml:"generator"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title    string       `xml:"title"`
	ID       string       `xml:"id"`
	Updated  string       `xml:"updated"`
	Link     atomLink     `xml:"link"`
	Author   atomPerson   `xml:"author"`
	Category atomCategory `xml:"category"`
	Summary  atomText     `xml:"summary"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// feed writes the Atom feed, the newest sprints first, when the site has
// a base_url: a feed reader needs absolute links. Dates come from the
// sprints, so the same site gives the same bytes: an entry is updated
// (RFC 4287 4.2.15) on the day its result was recorded, else on the
// sprint's date, so that a reader shows a verdict written weeks after the
// session as news; the feed is updated on its entries' latest day.
func (r *renderer) feed(w Writer) error {
	b, err := r.feedXML()
	if err != nil || b == nil {
		return err
	}
	return w.WriteFile(layout.Feed, b)
}

func (r *renderer) feedXML() ([]byte, error) {
	s := r.site
	base := s.Settings.BaseURL
	if base == "" {
		return nil, nil
	}
	stamp := func(d time.Time) string { return d.UTC().Format(time.RFC3339) }
	f := atomFeed{
		Lang:     s.Settings.Language,
		Title:    s.Settings.Title,
		Subtitle: s.Settings.Description,
		ID:       base,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + layout.Feed},
			{Rel: "alternate", Type: "text/html", Href: base + layout.Index},
		},
		Author: atomPerson{s.Settings.Title},
		Gen:    "sprintkit",
	}
	// A feed with no entries still needs a date; the epoch is reproducible.
	var newest time.Time
	for i, sp := range s.Sprints {
		if i == feedMax {
			break
		}
		updated := sp.Date
		if !sp.Result.Recorded.IsZero() {
			updated = sp.Result.Recorded
		}
		if updated.After(newest) {
			newest = updated
		}
		summary := r.text.get("card.believed") + ": " + plainText(r.md.block(sp.Assumption.Belief))
		if sp.Result.Learned != "" {
			summary += " · " + r.text.get("card.learned") + ": " + plainText(r.md.block(sp.Result.Learned))
		}
		summary += " · " + r.text.get("card.therefore", "team", sp.Action.Team) + ": " + plainText(r.md.block(sp.Action.Do))
		url := base + layout.Sprint(pathpkg.PathEscape(sp.ID))
		f.Entries = append(f.Entries, atomEntry{
			Title:    sp.Title,
			ID:       url,
			Updated:  stamp(updated),
			Link:     atomLink{Rel: "alternate", Type: "text/html", Href: url},
			Author:   atomPerson{sp.Team},
			Category: atomCategory{Term: sp.Outcome(), Label: r.text.get("verdict." + sp.Outcome())},
			Summary:  atomText{Type: "text", Text: summary},
		})
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0)
	}
	f.Updated = stamp(newest)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
