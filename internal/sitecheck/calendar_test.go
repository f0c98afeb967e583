package sitecheck

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// An event as a calendar reads it.
type event struct {
	UID     string `json:"uid"`
	Start   string `json:"start"` // YYYY-MM-DD: every event is a whole day
	Summary string `json:"summary"`
}

// readCalendars reads every .ics file in Python's icalendar and in vobject
// and prints, by file, the events each of them read.
const readCalendars = `
import json, sys
import icalendar, vobject

out = {}
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    cal = icalendar.Calendar.from_ical(data)
    ical = [{"uid": str(e["UID"]), "start": e.decoded("DTSTART").isoformat(), "summary": str(e["SUMMARY"])}
            for e in cal.walk("VEVENT")]
    vcal = vobject.readOne(data.decode("utf-8"))
    vob = [{"uid": e.uid.value, "start": e.dtstart.value.isoformat(), "summary": e.summary.value}
           for e in vcal.contents.get("vevent", [])]
    out[path] = {"icalendar": ical, "vobject": vob}
json.dump(out, sys.stdout)
`

// TestCalendarsInClients reads every calendar of each site in Python's
// icalendar and vobject and imports it into khal, a calendar program that
// runs in a terminal: each reads every event the file holds, with its
// UID, its text as written and its day, and khal lists each on its day.
func TestCalendarsInClients(t *testing.T) {
	py := python(t, "icalendar", "vobject")
	khal := program(t, "khal", "khal")
	for _, s := range clientSites(t) {
		t.Run(s.name, func(t *testing.T) {
			files, err := filepath.Glob(filepath.Join(s.dir, "teams", "*", "actions.ics"))
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, filepath.Join(s.dir, "actions.ics"))
			want := map[string][]event{}
			for _, f := range files {
				want[f] = icsEvents(t, f)
			}
			if len(want[filepath.Join(s.dir, "actions.ics")]) == 0 {
				t.Fatalf("%s: actions.ics has no event to read", s.name)
			}
			var got map[string]map[string][]event
			out := run(t, 2*time.Minute, "", nil, py, append([]string{"-c", readCalendars}, files...)...)
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("reading the calendars' output: %v\n%s", err, out)
			}
			for _, f := range files {
				for _, reader := range []string{"icalendar", "vobject"} {
					if !slices.Equal(got[f][reader], want[f]) {
						t.Errorf("%s in %s:\n got %q\nwant %q", rel(f, s.dir+"/"), reader, got[f][reader], want[f])
					}
				}
				if days := khalDays(t, khal, f, want[f]); !slices.Equal(days, khalWant(want[f])) {
					t.Errorf("%s in khal lists\n%q\nwant\n%q", rel(f, s.dir+"/"), days, khalWant(want[f]))
				}
			}
		})
	}
}

// icsEvents reads the events of an .ics file as RFC 5545 writes them:
// lines unfolded, the UID, the day of DTSTART and the SUMMARY's text
// unescaped. It checks the file, not the clients: what they read is
// compared with it.
func icsEvents(t *testing.T, path string) []event {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(b), "\r\n ", "")
	var list []event
	var e *event
	for _, line := range strings.Split(text, "\r\n") {
		name, value, _ := strings.Cut(line, ":")
		switch {
		case line == "BEGIN:VEVENT":
			e = &event{}
		case line == "END:VEVENT" && e != nil:
			list = append(list, *e)
			e = nil
		case e == nil:
		case name == "UID":
			e.UID = value
		case name == "DTSTART;VALUE=DATE":
			d, err := time.Parse("20060102", value)
			if err != nil {
				t.Fatalf("%s: DTSTART %q: %v", path, value, err)
			}
			e.Start = d.Format(time.DateOnly)
		case name == "SUMMARY":
			e.Summary = strings.NewReplacer(`\n`, "\n", `\N`, "\n", `\,`, ",", `\;`, ";", `\\`, `\`).Replace(value)
		}
	}
	if n := strings.Count(text, "BEGIN:VEVENT"); n != len(list) {
		t.Fatalf("%s: %d events begin, %d read", path, n, len(list))
	}
	return list
}

// khalDays imports an .ics file into a calendar of khal's of its own and
// lists the days of its events, as "YYYY-MM-DD UID", sorted.
func khalDays(t *testing.T, khal, path string, events []event) []string {
	t.Helper()
	if len(events) == 0 {
		return nil
	}
	dir := t.TempDir()
	cal := filepath.Join(dir, "calendar")
	if err := os.Mkdir(cal, 0o755); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "config")
	err := os.WriteFile(config, []byte(fmt.Sprintf(`[calendars]
[[actions]]
path = %s
type = calendar
[locale]
dateformat = %%Y-%%m-%%d
longdateformat = %%Y-%%m-%%d
datetimeformat = %%Y-%%m-%%d %%H:%%M
longdatetimeformat = %%Y-%%m-%%d %%H:%%M
timeformat = %%H:%%M
[default]
default_calendar = actions
`, cal)), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "XDG_CONFIG_HOME=" + filepath.Join(dir, "config.d"), "TZ=Europe/Stockholm"}
	run(t, time.Minute, dir, env, khal, "-c", config, "import", "--batch", "-a", "actions", path)
	first, last := events[0].Start, events[0].Start
	for _, e := range events {
		first, last = min(first, e.Start), max(last, e.Start)
	}
	out := run(t, time.Minute, dir, env, khal, "-c", config, "list", "-a", "actions", "--day-format", "", "--format", "{start-date} {uid}", first, last)
	var days []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if line != "" {
			days = append(days, line)
		}
	}
	slices.Sort(days)
	return days
}

// khalWant is what khalDays should list for events.
func khalWant(events []event) []string {
	var days []string
	for _, e := range events {
		days = append(days, e.Start+" "+e.UID)
	}
	slices.Sort(days)
	return days
}

// readFeed parses a feed with feedparser and prints whether it is
// well-formed (bozo) and each entry's link, id and updated day.
const readFeed = `
import json, sys, time
import feedparser

f = feedparser.parse(sys.argv[1])
json.dump({
    "bozo": bool(f.bozo),
    "error": str(f.get("bozo_exception", "")),
    "version": f.version,
    "entries": [{"link": e.link, "id": e.id, "updated": time.strftime("%Y-%m-%d", e.updated_parsed)} for e in f.entries],
}, sys.stdout)
`

// TestFeedInFeedparser parses each site's feed.xml with feedparser, the
// parser most feed readers in Python use: it is well-formed Atom, each
// entry links to a page the build wrote, and an entry is updated on the
// day its result was recorded, else on the sprint's date.
func TestFeedInFeedparser(t *testing.T) {
	py := python(t, "feedparser")
	for _, s := range clientSites(t) {
		t.Run(s.name, func(t *testing.T) {
			var f struct {
				Bozo    bool
				Error   string
				Version string
				Entries []struct{ Link, ID, Updated string }
			}
			out := run(t, time.Minute, "", nil, py, "-c", readFeed, filepath.Join(s.dir, "feed.xml"))
			if err := json.Unmarshal(out, &f); err != nil {
				t.Fatalf("reading feedparser's output: %v\n%s", err, out)
			}
			if f.Bozo || f.Version != "atom10" {
				t.Errorf("feedparser: version %q, bozo %v: %s", f.Version, f.Bozo, f.Error)
			}
			base := s.site.Settings.BaseURL
			if want := min(len(s.site.Sprints), 100); len(f.Entries) != want {
				t.Errorf("%d entries, want %d", len(f.Entries), want)
			}
			recorded := 0
			for i, e := range f.Entries {
				if i >= len(s.site.Sprints) {
					break
				}
				sp := s.site.Sprints[i]
				path, ok := strings.CutPrefix(e.Link, base)
				if !ok {
					t.Errorf("entry %d links to %s, not under %s", i, e.Link, base)
					continue
				}
				if p, err := url.PathUnescape(path); err != nil || !exists(filepath.Join(s.dir, filepath.FromSlash(p))) {
					t.Errorf("entry %d links to %s: no such file in the built site", i, e.Link)
				}
				if !strings.Contains(path, "/"+sp.ID+"/") {
					t.Errorf("entry %d links to %s, want sprint %s, the %d. newest", i, e.Link, sp.ID, i+1)
				}
				want := sp.Date
				if !sp.Result.Recorded.IsZero() {
					want = sp.Result.Recorded
					recorded++
				}
				if e.Updated != want.Format(time.DateOnly) {
					t.Errorf("entry %d (%s) updated %s, want %s", i, sp.ID, e.Updated, want.Format(time.DateOnly))
				}
			}
			if strings.HasPrefix(s.name, "clients") && recorded == 0 {
				t.Error("no sprint with a recorded result: the test would not see updated follow it")
			}
		})
	}
}

// exists tells whether a file is there.
func exists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}
