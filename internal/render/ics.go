package render

import (
	"bytes"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sprintkit/sprintkit/internal/site"
)

// actions.ics, and each team's actions.ics, is an iCalendar file (RFC
// 5545) that a calendar subscribes to: one all-day event on its due date
// for each action that is open, doing or overdue and has one, in the
// actions page's order. A team's file holds the actions that team takes.
//
//	SUMMARY      the action, as written
//	DESCRIPTION  its state, owner, team and energy, its sprint (title and
//	             status), and the sprint's address when the site has a
//	             base_url, one a line; the labels are the site's own
//	URL          the sprint's address, with a base_url only
//	UID          <sprint id>@<site>: the site is base_url without its
//	             scheme, or the slug of the site's title without one.
//	             It stays as the action changes, so a subscribed calendar
//	             updates the event, and the event leaves the calendar when
//	             the action is done or dropped.
//	DTSTAMP      the build's day, at midnight UTC (not the clock), so the
//	             same site on the same day gives the same bytes
//	TRANSP       TRANSPARENT: a due date does not make anyone busy
//
// Every file is written even when it has no event, so that a calendar
// subscribed to it finds it empty, not gone, when the last action is
// done. Lines end in CRLF and are folded at 75 octets, never inside a
// character; text is escaped as RFC 5545's TEXT (\\, \;, \, and \n), and
// control characters that TEXT does not allow are left out.
//
// events is calendarEvents(); with a team, only the actions it takes go in.
func (r *renderer) actionsICS(team *site.Team, events []calEvent) []byte {
	s := r.site.Settings
	var c icsWriter
	c.line("BEGIN", "VCALENDAR")
	c.line("VERSION", "2.0")
	c.line("PRODID", "-//sprintkit//sprintkit//"+strings.ToUpper(s.Language))
	c.line("CALSCALE", "GREGORIAN")
	c.line("METHOD", "PUBLISH")
	name := r.text.get("data.calendar", "site", s.Title)
	if team != nil {
		name = r.text.get("data.teamCalendar", "site", s.Title, "team", team.Name)
	}
	c.line("NAME", icsText(name))
	c.line("X-WR-CALNAME", icsText(name))
	for _, e := range events {
		if team == nil || e.team == team {
			c.buf.Write(e.data)
		}
	}
	c.line("END", "VCALENDAR")
	return c.buf.Bytes()
}

// A calEvent is the VEVENT of one action, as the calendars hold it, and
// the team that takes the action.
type calEvent struct {
	team *site.Team
	data []byte
}

// icsEvent is what a VEVENT says: its value is the key under which its
// bytes are kept between builds.
type icsEvent struct {
	UID, Stamp, Start, End, Summary, Description, URL string
}

// calendarEvents makes the events of calendarActions(), each once for the
// site's calendar and its team's.
func (r *renderer) calendarEvents() ([]calEvent, error) {
	stamp := r.today
	if stamp.IsZero() {
		stamp = time.Unix(0, 0)
	}
	uidSite := icsSite(r.site.Settings)
	t := r.text.get
	var out []calEvent
	for _, sp := range r.calendarActions() {
		desc := []string{
			t("actions.state") + ": " + t("state."+sp.ActionState(r.today)),
		}
		if sp.Action.Owner != "" {
			desc = append(desc, t("card.owner")+": "+sp.Action.Owner)
		}
		desc = append(desc,
			t("actions.team")+": "+sp.Action.Team,
			t("actions.energy")+": "+t("effort."+sp.Action.Energy),
			t("actions.sprint")+": "+sp.Title+" ("+t("status."+sp.Status)+")",
		)
		u := r.sprintURL(sp)
		if u != "" {
			desc = append(desc, u)
		}
		b, err := r.row(icsEvent{
			UID:         icsText(sp.ID + "@" + uidSite),
			Stamp:       stamp.UTC().Format("20060102T150405Z"),
			Start:       sp.Action.Due.Format("20060102"),
			End:         sp.Action.Due.AddDate(0, 0, 1).Format("20060102"),
			Summary:     icsText(sp.Action.Do),
			Description: icsText(strings.Join(desc, "\n")),
			URL:         u,
		}, func(v any) ([]byte, error) { return v.(icsEvent).lines(), nil })
		if err != nil {
			return nil, err
		}
		out = append(out, calEvent{sp.ActionTeam, b})
	}
	return out, nil
}

// absolute is the address of the site's file at path under base_url, for
// a calendar program to subscribe to; "" without base_url.
func (r *renderer) absolute(path string) string {
	if r.site.Settings.BaseURL == "" {
		return ""
	}
	return r.site.Settings.BaseURL + path
}

// lines writes the event as folded content lines.
func (e icsEvent) lines() []byte {
	var c icsWriter
	c.line("BEGIN", "VEVENT")
	c.line("UID", e.UID)
	c.line("DTSTAMP", e.Stamp)
	c.line("DTSTART;VALUE=DATE", e.Start)
	c.line("DTEND;VALUE=DATE", e.End)
	c.line("SUMMARY", e.Summary)
	c.line("DESCRIPTION", e.Description)
	if e.URL != "" {
		c.line("URL", e.URL)
	}
	c.line("TRANSP", "TRANSPARENT")
	c.line("END", "VEVENT")
	return c.buf.Bytes()
}

// calendarActions are the sprints whose action goes in the calendars, in
// the actions page's order: planned, doing or overdue, with a due date.
func (r *renderer) calendarActions() []*site.Sprint {
	var list []*site.Sprint
	for _, sp := range r.actions() {
		switch sp.ActionState(r.today) {
		case site.Overdue, site.States.Default, "doing":
			if !sp.Action.Due.IsZero() {
				list = append(list, sp)
			}
		}
	}
	return list
}

// icsSite is the site's part of every UID: base_url without its scheme
// and final slash, or else the slug of the site's title.
func icsSite(s site.Settings) string {
	if u, err := url.Parse(s.BaseURL); err == nil && u.Host != "" {
		return u.Host + strings.TrimSuffix(u.EscapedPath(), "/")
	}
	if slug := site.Slug(s.Title); slug != "" {
		return slug
	}
	return "sprintkit"
}

// icsText escapes s as an iCalendar TEXT value: backslash, semicolon,
// comma and line breaks escaped, other control characters but the tab
// left out.
func icsText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, c := range s {
		switch {
		case c == '\\' || c == ';' || c == ',':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c == '\n' || c == '\r':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteRune(c)
		case c < 0x20 || c == 0x7f:
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// icsWriter writes content lines, folded.
type icsWriter struct{ buf bytes.Buffer }

// maxLine is how many octets a line may hold, CRLF not counted (RFC 5545
// 3.1); a folded line's leading space counts.
const maxLine = 75

// line writes name:value, folded so that no line is longer than maxLine
// octets: the rest goes on lines that begin with a space.
func (c *icsWriter) line(name, value string) {
	l := name + ":" + value
	room := maxLine
	for len(l) > room {
		cut := room
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		c.buf.WriteString(l[:cut])
		c.buf.WriteString("\r\n ")
		l = l[cut:]
		room = maxLine - 1
	}
	c.buf.WriteString(l)
	c.buf.WriteString("\r\n")
}
