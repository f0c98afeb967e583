package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	ical "github.com/arran4/golang-ical"
	"golang.org/x/tools/txtar"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// dataSite is a site whose actions are in every state, with text that a
// CSV, iCalendar or JSON writer must quote or escape: separators of both
// languages, quotes, line breaks, a backslash, a formula, and lines long
// enough to fold with letters of two octets where they fold.
const dataSite = `
-- content/site.toml --
title = "Insikter; syd, \"CX\""
language = "sv"
base_url = "https://intranet.example.com/cx/insikter/"
-- content/studies/s.md --
+++
title = "Studien"
[[stages]]
id = "start"
name = "Komma igång"
[[stages.beliefs]]
id = "laser"
text = "De läser <b>brevet</b>."
basis = "assumption"
+++
-- sprints/2026-09-01-a/sprint.toml --
title = "Läser de; eller, \"skummar\"?"
date = 2026-09-01
team = "Kundservice"
study = "s"
stage = "start"
status = "done"
[assumption]
tests = "laser"
[question]
ask = "Vad minns du?"
method = "interview"
[action]
do = "Vi ringer; säger \"hej\", och\nskriver sedan \\ en *rad*."
team = "Kundservice, Syd"
owner = "=HYPERLINK(\"https://evil.example\")"
due = 2026-12-15
status = "doing"
energy = "medium"
[result]
verdict = "refuted"
learned = "Ingen läste."
-- sprints/2026-10-01-b/sprint.toml --
title = "Hittar de förfallodagen?"
date = 2026-10-01
team = "Fakturering"
study = "s"
status = "done"
[assumption]
belief = "De hittar den."
basis = "insight"
[question]
ask = "Var står förfallodagen?"
method = "observation"
[action]
do = "Vi flyttar förfallodagen överst på fakturan, i fetstil, så att ögat når den först: åäöåäöåäöåäöåäöåäöåäö."
owner = "Åsa"
due = 2026-11-01
[result]
verdict = "supported"
learned = "De flesta hittade den."
-- sprints/2026-12-10-c/sprint.toml --
title = "Förstår de priset?"
date = 2026-12-10
team = "Fakturering"
study = "s"
[assumption]
belief = "De förstår priset."
basis = "assumption"
[question]
ask = "Vad kostar det i januari?"
method = "survey"
[action]
do = "Visa priset."
due = 2027-01-15
-- sprints/2026-08-01-d/sprint.toml --
title = "Klar"
date = 2026-08-01
team = "Fakturering"
study = "s"
status = "done"
[assumption]
belief = "x"
basis = "assumption"
[question]
ask = "y"
method = "data"
[action]
do = "Gjort."
due = 2026-10-01
status = "done"
[result]
verdict = "inconclusive"
learned = "z"
-- sprints/2026-07-01-e/sprint.toml --
title = "Struken"
date = 2026-07-01
team = "Fakturering"
study = "s"
status = "done"
[assumption]
belief = "x"
basis = "assumption"
[question]
ask = "y"
method = "data"
[action]
do = "- Inte längre."
due = 2026-10-01
status = "dropped"
[result]
verdict = "inconclusive"
learned = "z"
-- sprints/2026-06-01-f/sprint.toml --
title = "Utan datum"
date = 2026-06-01
team = "Fakturering"
study = "s"
status = "done"
[assumption]
belief = "x"
basis = "assumption"
[question]
ask = "y"
method = "data"
[action]
do = "Någon gång."
[result]
verdict = "supported"
learned = "z"
`

// dataToday is the build's day of the data tests: b is overdue, a doing.
var dataToday = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// buildData builds dataSite in lang, with edit applied to its files
// first, and returns the site and the files built.
func buildData(t *testing.T, lang string, edit func(fstest.MapFS)) (*site.Site, map[string][]byte) {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(dataSite)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	if lang != "sv" {
		toml := fsys["content/site.toml"]
		toml.Data = bytes.Replace(toml.Data, []byte(`"sv"`), []byte(`"`+lang+`"`), 1)
	}
	if edit != nil {
		edit(fsys)
	}
	s, err := site.Load(fsys, site.Options{Today: dataToday})
	if err != nil {
		t.Fatal(err)
	}
	var k keeper
	if err := Render(s, fsys, Options{Today: dataToday}, &k); err != nil {
		t.Fatal(err)
	}
	return s, k.files
}

// TestActionsCSV reads actions.csv as a CSV reader does, with the
// separator of the site's language, and finds every action, in the
// actions page's order, with each field as the site wrote it.
func TestActionsCSV(t *testing.T) {
	for _, tc := range []struct {
		lang   string
		comma  rune
		header []string
	}{
		{"sv", ';', []string{"Åtgärd", "Från sprinten", "Sprintens adress", "Sprintens status", "Team", "Ansvarig", "Klart senast", "Insats", "Läge"}},
		{"en", ',', []string{"Action", "From the sprint", "Sprint address", "Sprint status", "Team", "Owner", "Due", "Effort", "State"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			s, files := buildData(t, tc.lang, nil)
			b := files[layout.ActionsCSV]
			body, ok := bytes.CutPrefix(b, []byte("\xEF\xBB\xBF"))
			if !ok {
				t.Fatalf("actions.csv does not begin with UTF-8's byte-order mark: %q", b[:min(len(b), 10)])
			}
			if !utf8.Valid(body) {
				t.Error("actions.csv is not UTF-8")
			}
			// Every line ends in CRLF, in a quoted field too (encoding/csv
			// writes its line breaks as CRLF under UseCRLF).
			if n, crlf := bytes.Count(body, []byte("\n")), bytes.Count(body, []byte("\r\n")); n != crlf || !bytes.HasSuffix(body, []byte("\r\n")) {
				t.Errorf("%d line breaks, %d of them CRLF; want all, the last one included", n, crlf)
			}
			rd := csv.NewReader(bytes.NewReader(body))
			rd.Comma = tc.comma
			rows, err := rd.ReadAll()
			if err != nil {
				t.Fatalf("actions.csv does not read with separator %q: %v", tc.comma, err)
			}
			if !slices.Equal(rows[0], tc.header) {
				t.Errorf("header = %q, want %q", rows[0], tc.header)
			}
			// An importer with Tab, comma and semicolon all ticked, as
			// LibreOffice's dialog opens, or the file's own separator with
			// any of the others, reads the same rows.
			for _, more := range []string{"", "\t", ",", ";", "\t,;"} {
				seps := string(tc.comma) + more
				if got := splitCSV(string(body), seps); !slices.EqualFunc(got, rows, slices.Equal) {
					t.Errorf("separated by any of %q, actions.csv reads\n%q\nwant\n%q", seps, got, rows)
				}
			}
			order := s.Actions(dataToday)
			if len(rows)-1 != len(order) {
				t.Fatalf("%d rows, want one for each of %d sprints", len(rows)-1, len(order))
			}
			tx := newText(s.Settings)
			for i, sp := range order {
				row := rows[i+1]
				want := []string{
					sp.Action.Do, sp.Title, "https://intranet.example.com/cx/insikter/sprints/" + sp.ID + "/index.html",
					tx.get("status." + sp.Status), sp.Action.Team, sp.Action.Owner, isoDate(sp.Action.Due),
					tx.get("effort." + sp.Action.Energy), tx.get("state." + sp.ActionState(dataToday)),
				}
				// A field that a spreadsheet would run as a formula gets an
				// apostrophe in front.
				for j, f := range want {
					if f != "" && strings.ContainsRune("=+-@", rune(f[0])) {
						want[j] = "'" + f
					}
				}
				if !slices.Equal(row, want) {
					t.Errorf("row %d:\n got %q\nwant %q", i+1, row, want)
				}
				if due := row[6]; due != "" {
					if _, err := time.Parse(time.DateOnly, due); err != nil {
						t.Errorf("row %d: due %q is not an ISO date", i+1, due)
					}
				}
			}
			// The action with both separators, quotes and a line break, as
			// written; the first row is the overdue one.
			i := slices.IndexFunc(order, func(sp *site.Sprint) bool { return sp.ID == "2026-09-01-a" })
			if got := rows[i+1][0]; got != "Vi ringer; säger \"hej\", och\nskriver sedan \\ en *rad*." {
				t.Errorf("the action with separators, quotes and a line break reads back as %q", got)
			}
			if got := rows[i+1][5]; got != `'=HYPERLINK("https://evil.example")` {
				t.Errorf("the owner that reads as a formula is %q, want it with an apostrophe in front", got)
			}
			if got := rows[1][8]; got != tx.get("state.overdue") {
				t.Errorf("first row's state = %q, want overdue first", got)
			}
		})
	}
	// Without base_url there is no address column.
	_, files := buildData(t, "en", func(fsys fstest.MapFS) {
		toml := fsys["content/site.toml"]
		toml.Data = bytes.Replace(toml.Data, []byte("base_url"), []byte("# base_url"), 1)
	})
	if head, _, _ := strings.Cut(string(files[layout.ActionsCSV]), "\r\n"); head != "\uFEFFAction,From the sprint,Sprint status,Team,Owner,Due,Effort,State" {
		t.Errorf("header without base_url = %q", head)
	}
}

// splitCSV reads a CSV file as an importer does that splits at any of
// seps outside quotes: quotes are taken only around a whole field, as
// LibreOffice takes them, and a quote doubled inside one is a quote.
func splitCSV(s, seps string) [][]string {
	var rows [][]string
	var row []string
	var f strings.Builder
	quoted, inQuotes := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inQuotes && c == '"' && i+1 < len(s) && s[i+1] == '"':
			f.WriteByte('"')
			i++
		case inQuotes && c == '"':
			inQuotes = false
		case inQuotes && c == '\r':
		case inQuotes:
			f.WriteByte(c)
		case c == '"' && f.Len() == 0 && !quoted:
			inQuotes, quoted = true, true
		case strings.IndexByte(seps, c) >= 0:
			row = append(row, f.String())
			f.Reset()
			quoted = false
		case c == '\r':
		case c == '\n':
			rows = append(rows, append(row, f.String()))
			row = nil
			f.Reset()
			quoted = false
		default:
			f.WriteByte(c)
		}
	}
	return rows
}

// checkFolding checks the content lines of an iCalendar file as RFC 5545
// 3.1 writes them: each ends in CRLF, none is longer than 75 octets, a
// folded line goes on with a line that begins with a space, and no line
// breaks a character in two.
func checkFolding(t *testing.T, name string, b []byte) {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Errorf("%s does not end in CRLF", name)
	}
	if bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) || bytes.Count(b, []byte("\r")) != bytes.Count(b, []byte("\r\n")) {
		t.Errorf("%s has a line break that is not CRLF", name)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("%s line %d is %d octets, more than 75: %q", name, i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("%s line %d breaks a character: %q", name, i+1, l)
		}
		if strings.HasPrefix(l, " ") && i == 0 {
			t.Errorf("%s begins with a folded line", name)
		}
		if !strings.HasPrefix(l, " ") && !strings.Contains(l, ":") {
			t.Errorf("%s line %d is neither a content line nor a folded one: %q", name, i+1, l)
		}
	}
}

// checkEscaping checks the TEXT values of an iCalendar file (RFC 5545
// 3.3.11), which a parser may read back as written even when they are
// not escaped: a backslash starts one of \\, \;, \, and \n, and no
// semicolon or comma stands alone.
func checkEscaping(t *testing.T, name string, b []byte) {
	t.Helper()
	unfolded := strings.ReplaceAll(string(b), "\r\n ", "")
	for _, l := range strings.Split(unfolded, "\r\n") {
		prop, value, _ := strings.Cut(l, ":")
		switch prop {
		case "SUMMARY", "DESCRIPTION", "UID", "NAME", "X-WR-CALNAME":
		default:
			continue
		}
		for i := 0; i < len(value); i++ {
			switch value[i] {
			case '\\':
				if i+1 == len(value) || !strings.ContainsRune(`\;,nN`, rune(value[i+1])) {
					t.Errorf("%s: %s has a backslash that escapes nothing: %q", name, prop, value)
				}
				i++
			case ';', ',':
				t.Errorf("%s: %s has an unescaped %q: %q", name, prop, value[i], value)
			}
		}
	}
}

// TestActionsICS reads the calendars with an iCalendar parser and finds
// an all-day event for each action that is open, doing or overdue and
// has a due date, with its text as written, and a UID that stays when
// the action changes.
func TestActionsICS(t *testing.T) {
	s, files := buildData(t, "sv", nil)
	type event struct{ uid, summary, desc, url, start, end, stamp string }
	read := func(name string) []event {
		t.Helper()
		b, ok := files[name]
		if !ok {
			t.Fatalf("no %s", name)
		}
		checkFolding(t, name, b)
		checkEscaping(t, name, b)
		cal, err := ical.ParseCalendar(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s does not parse: %v", name, err)
		}
		var evs []event
		for _, e := range cal.Events() {
			get := func(p ical.ComponentProperty) string {
				if pr := e.GetProperty(p); pr != nil {
					return pr.Value
				}
				return ""
			}
			start := e.GetProperty(ical.ComponentPropertyDtStart)
			if start == nil || !slices.Equal(start.ICalParameters["VALUE"], []string{"DATE"}) {
				t.Errorf("%s: DTSTART %v is not a date", name, start)
			}
			evs = append(evs, event{e.Id(), get(ical.ComponentPropertySummary), get(ical.ComponentPropertyDescription),
				get(ical.ComponentPropertyUrl), get(ical.ComponentPropertyDtStart), get(ical.ComponentPropertyDtEnd), get(ical.ComponentPropertyDtstamp)})
		}
		return evs
	}

	all := read(layout.ActionsICS)
	var want []*site.Sprint
	for _, sp := range s.Actions(dataToday) {
		if st := sp.ActionState(dataToday); !sp.Action.Due.IsZero() && (st == "overdue" || st == "planned" || st == "doing") {
			want = append(want, sp)
		}
	}
	// A planned sprint's action is only intended: it is not in the calendar.
	if len(want) != 2 {
		t.Fatalf("the test site has %d actions for the calendar, want 2", len(want))
	}
	if len(all) != len(want) {
		t.Fatalf("%d events, want %d", len(all), len(want))
	}
	for i, sp := range want {
		e := all[i]
		url := "https://intranet.example.com/cx/insikter/sprints/" + sp.ID + "/index.html"
		if e.uid != sp.ID+"@intranet.example.com/cx/insikter" {
			t.Errorf("event %d: UID %q", i, e.uid)
		}
		if e.summary != sp.Action.Do {
			t.Errorf("event %d: SUMMARY %q, want the action as written, %q", i, e.summary, sp.Action.Do)
		}
		if e.url != url {
			t.Errorf("event %d: URL %q, want %q", i, e.url, url)
		}
		for _, part := range []string{sp.Action.Owner, "Team: " + sp.Action.Team, "Från sprinten: " + sp.Title, url} {
			if !strings.Contains(e.desc, part) {
				t.Errorf("event %d: DESCRIPTION %q lacks %q", i, e.desc, part)
			}
		}
		if e.start != sp.Action.Due.Format("20060102") || e.end != sp.Action.Due.AddDate(0, 0, 1).Format("20060102") {
			t.Errorf("event %d: from %s to %s, want the one day %s", i, e.start, e.end, isoDate(sp.Action.Due))
		}
		if e.stamp != "20261123T000000Z" {
			t.Errorf("event %d: DTSTAMP %q, want the build's day", i, e.stamp)
		}
	}
	if !strings.HasPrefix(all[0].summary, "Vi flyttar") || !strings.Contains(all[0].desc, "Läge: Försenad") {
		t.Errorf("the overdue action is not first, or not said to be overdue: %+v", all[0])
	}

	// Each team's calendar holds the events of the actions it takes, the
	// same events; a team with none still has its file.
	seen := 0
	for _, tm := range s.Teams {
		evs := read(layout.TeamICS(tm.Slug))
		seen += len(evs)
		for _, e := range evs {
			i := slices.IndexFunc(all, func(a event) bool { return a.uid == e.uid })
			if i < 0 || all[i] != e || want[i].ActionTeam != tm {
				t.Errorf("team %s has an event that is not one of its actions: %+v", tm.Name, e)
			}
		}
	}
	if seen != len(all) {
		t.Errorf("the teams' calendars hold %d events, the site's %d", seen, len(all))
	}

	// A changed action keeps its UID, so a subscribed calendar updates it;
	// a done one leaves the calendar.
	_, again := buildData(t, "sv", func(fsys fstest.MapFS) {
		p := fsys["sprints/2026-09-01-a/sprint.toml"]
		p.Data = bytes.Replace(p.Data, []byte("Vi ringer"), []byte("Vi mejlar"), 1)
		p = fsys["sprints/2026-10-01-b/sprint.toml"]
		p.Data = bytes.Replace(p.Data, []byte("due = 2026-11-01"), []byte("due = 2026-11-01\nstatus = \"done\""), 1)
	})
	files = again
	evs := read(layout.ActionsICS)
	if len(evs) != len(all)-1 {
		t.Fatalf("after one action is done: %d events, want %d", len(evs), len(all)-1)
	}
	for _, e := range evs {
		if i := slices.IndexFunc(all, func(a event) bool { return a.uid == e.uid }); i < 0 {
			t.Errorf("UID %s is new after an edit", e.uid)
		}
	}
}

// TestICSText checks escaping and folding on their own: what RFC 5545
// escapes comes back from the parser as written, and long lines of
// letters of two octets fold between characters.
func TestICSText(t *testing.T) {
	for _, s := range []string{
		`a\b;c,d` + "\ne\r\nf\tg",
		strings.Repeat("å", 100),
		strings.Repeat("x", 74) + "å" + strings.Repeat("y", 200),
	} {
		var c icsWriter
		c.line("BEGIN", "VCALENDAR")
		c.line("BEGIN", "VEVENT")
		c.line("UID", "x")
		c.line("SUMMARY", icsText(s))
		c.line("END", "VEVENT")
		c.line("END", "VCALENDAR")
		checkFolding(t, "calendar", c.buf.Bytes())
		checkEscaping(t, "calendar", c.buf.Bytes())
		cal, err := ical.ParseCalendar(bytes.NewReader(c.buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		want := strings.ReplaceAll(s, "\r\n", "\n")
		if got := cal.Events()[0].GetProperty(ical.ComponentPropertySummary).Value; got != want {
			t.Errorf("SUMMARY reads back as %q, want %q", got, want)
		}
	}
	if got := icsText("a\x00b\x1bc\x7f"); got != "abc" {
		t.Errorf("control characters kept: %q", got)
	}
}

// TestSprintsJSON decodes sprints.json into its documented types, with
// no field that they lack, and finds each value as the site wrote it.
func TestSprintsJSON(t *testing.T) {
	s, files := buildData(t, "sv", nil)
	b := files[layout.SprintsJSON]
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f DataFile
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("sprints.json does not decode into DataFile: %v", err)
	}
	if dec.More() {
		t.Error("sprints.json holds more than one value")
	}
	if bytes.Contains(b, []byte("null")) {
		t.Error("sprints.json holds a null: lists are [] and texts \"\"")
	}
	if f.Version != DataVersion || f.AsOf != "2026-11-23" || f.Site.Language != "sv" || f.Site.BaseURL != "https://intranet.example.com/cx/insikter/" {
		t.Errorf("head: version %d, as_of %q, site %+v", f.Version, f.AsOf, f.Site)
	}
	if len(f.Sprints) != len(s.Sprints) || len(f.Studies) != 1 {
		t.Fatalf("%d sprints and %d studies, want %d and 1", len(f.Sprints), len(f.Studies), len(s.Sprints))
	}
	for i, sp := range s.Sprints {
		d := f.Sprints[i]
		if d.ID != sp.ID || d.Title != sp.Title || d.Action.Do != sp.Action.Do || d.Action.State != sp.ActionState(dataToday) {
			t.Errorf("sprint %d: %+v, want %s as written, newest first", i, d, sp.ID)
		}
		if d.Path != layout.Sprint(sp.ID) || d.URL != "https://intranet.example.com/cx/insikter/"+layout.Sprint(sp.ID) {
			t.Errorf("sprint %d: path %q, url %q", i, d.Path, d.URL)
		}
	}
	a := f.Sprints[slices.IndexFunc(f.Sprints, func(d DataSprint) bool { return d.ID == "2026-09-01-a" })]
	want := DataAssumption{Tests: "laser", Belief: "De läser <b>brevet</b>.", Basis: "assumption", Importance: "high", Evidence: "none"}
	if a.Assumption != want {
		t.Errorf("a belief's values taken from the map: %+v, want %+v", a.Assumption, want)
	}
	if a.Action.Due != "2026-12-15" || a.Action.Status != "doing" || a.Action.Team != "Kundservice, Syd" || a.Outcome != "refuted" || len(a.Agenda) != 5 || a.Agenda[0].Block != "Rama in antagandet" {
		t.Errorf("sprint a: %+v", a)
	}
	st := f.Studies[0]
	if len(st.Stages) != 1 || len(st.Stages[0].Beliefs) != 1 {
		t.Fatalf("study: %+v", st)
	}
	if bl := st.Stages[0].Beliefs[0]; bl.State != "refuted" || bl.TestedBy != "2026-09-01-a" || bl.Text != "De läser <b>brevet</b>." {
		t.Errorf("belief: %+v", bl)
	}
}

// TestSprintsJSONOneEncoding checks that sprints.json, put together from
// one encoding a sprint (kept between builds under the key of its row),
// is the one encoding of the whole file, byte for byte once both are
// compacted, laid out as the file with no study and no sprint is indented
// with each study and each sprint on a line of its own: in a one-off
// build, in a build from a Cache, after an edit, with no sprint at all,
// and with no study either.
func TestSprintsJSONOneEncoding(t *testing.T) {
	emptyLog := false // whether a study with an empty log was checked
	check := func(how string, s *site.Site, today time.Time, got []byte) {
		t.Helper()
		r, err := newRenderer(s, Options{Today: today})
		if err != nil {
			t.Fatal(err)
		}
		f := DataFile{
			Version: DataVersion,
			Site:    DataSite{s.Settings.Title, s.Settings.Language, s.Settings.BaseURL, s.Settings.Description},
			AsOf:    isoDate(today),
			Studies: []DataStudy{},
			Sprints: []DataSprint{},
		}
		frame, err := json.MarshalIndent(f, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range s.Studies {
			f.Studies = append(f.Studies, r.dataStudy(st))
		}
		for _, sp := range s.Sprints {
			f.Sprints = append(f.Sprints, r.dataSprint(sp))
		}
		whole, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		// A study's line is handed over a log entry at a time.
		for _, st := range s.Studies {
			var parts bytes.Buffer
			if err := r.jsonStudy(st, func(b []byte) error { parts.Write(b); return nil }); err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(r.dataStudy(st))
			if !bytes.Equal(parts.Bytes(), want) {
				t.Errorf("%s: study %s in parts:\n%s\nwant\n%s", how, st.ID, parts.Bytes(), want)
			}
			if len(r.dataStudy(st).Log) == 0 {
				emptyLog = true
			}
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, got); err != nil || !bytes.Equal(compact.Bytes(), whole) {
			t.Errorf("%s: sprints.json, compacted, differs from one encoding of the whole (%v)", how, err)
			return
		}
		// The frame's lines, then one line for each element of the lists.
		lines := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n")
		want := len(strings.Split(string(frame), "\n")) + len(f.Studies) + len(f.Sprints)
		if len(f.Studies) > 0 {
			want++ // the list's end on a line of its own, as its start
		}
		if len(f.Sprints) > 0 {
			want++
		}
		if len(lines) != want {
			t.Errorf("%s: sprints.json has %d lines, want %d: the frame's and one a study or sprint", how, len(lines), want)
		}
		for _, l := range lines {
			if e, ok := strings.CutPrefix(l, "    {"); ok {
				e = "{" + strings.TrimSuffix(e, ",")
				var buf bytes.Buffer
				if json.Compact(&buf, []byte(e)) != nil || buf.String() != e {
					t.Errorf("%s: a line of a list is not one element, compact: %.80s", how, l)
				}
			}
		}
	}
	cache := &Cache{}
	for _, c := range []struct {
		name string
		edit func(fstest.MapFS)
	}{
		{"as it is", nil},
		{"a title edited", func(fsys fstest.MapFS) {
			for name, f := range fsys {
				if strings.HasSuffix(name, "sprint.toml") {
					f.Data = bytes.Replace(f.Data, []byte(`title = "`), []byte(`title = "Ändrad <&> `), 1)
					return
				}
			}
		}},
		{"no sprint", func(fsys fstest.MapFS) {
			for name := range fsys {
				if strings.HasPrefix(name, "sprints/") {
					delete(fsys, name)
				}
			}
		}},
		{"no study and no sprint", func(fsys fstest.MapFS) {
			for name := range fsys {
				if strings.HasPrefix(name, "sprints/") || strings.HasPrefix(name, "content/studies/") {
					delete(fsys, name)
				}
			}
		}},
	} {
		s, files := buildData(t, "sv", c.edit)
		check(c.name+", one-off build", s, dataToday, files[layout.SprintsJSON])
		var sk streamKeeper
		if err := Render(s, nil, Options{Today: dataToday}, &sk); err != nil {
			t.Fatal(err)
		}
		if !sk.streamed[layout.SprintsJSON] {
			t.Errorf("%s: a one-off build to a StreamWriter did not stream sprints.json", c.name)
		}
		check(c.name+", streamed", s, dataToday, sk.files[layout.SprintsJSON])
		for round := range 2 {
			var k keeper
			if err := Render(s, nil, Options{Today: dataToday, Cache: cache}, &k); err != nil {
				t.Fatal(err)
			}
			cache.Sweep()
			check(fmt.Sprintf("%s, build %d from a cache", c.name, round+1), s, dataToday, k.files[layout.SprintsJSON])
		}
	}
	if !emptyLog {
		t.Error("no study with an empty log was checked")
	}
}

// streamKeeper is a keeper that also takes files as they are written.
type streamKeeper struct {
	keeper
	streamed map[string]bool
}

func (k *streamKeeper) WriteStream(name string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	k.mu.Lock()
	if k.streamed == nil {
		k.streamed = map[string]bool{}
	}
	k.streamed[name] = true
	k.mu.Unlock()
	return k.WriteFile(name, buf.Bytes())
}

// TestStudyLogInRuns checks a study's line of sprints.json, handed over a
// run of log entries at a time, against its one encoding, for studies
// whose logs are several runs long.
func TestStudyLogInRuns(t *testing.T) {
	_, r := sitegenRenderer(t, 1000, Options{Today: dataToday})
	long := 0
	for _, st := range r.site.Studies {
		var parts bytes.Buffer
		if err := r.jsonStudy(st, func(b []byte) error { parts.Write(b); return nil }); err != nil {
			t.Fatal(err)
		}
		d := r.dataStudy(st)
		want, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(parts.Bytes(), want) {
			t.Errorf("study %s in runs differs from its one encoding", st.ID)
		}
		if len(d.Log) > 2*256 {
			long++
		}
	}
	if long == 0 {
		t.Error("no study's log is more than two runs long")
	}
}
