package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sprintkit/sprintkit/internal/labels"
	"github.com/sprintkit/sprintkit/internal/site"
)

// The recording controls on a served page (record.js): which pages get
// them, and the data they are filled from. The built pages carry marks
// only, which a built site leaves unused: data-sprintkit-action="<URL of
// the sprint's page>" on an action's state, data-sprintkit-change="<key
// of the change, as sprintkit set spells it>" on a change's state on a
// study's map. A sprint's page and its session view get the form for the
// outcome.

//go:embed record.js
var recordJS string

//go:embed record.css
var recordCSS string

// markRE finds the marks of a page.
var markRE = regexp.MustCompile(`data-sprintkit-(action|change)="([^"]*)"`)

// pageRE tells a sprint's page and its session view by their names.
var pageRE = regexp.MustCompile(`^sprints/([^/]+)/(?:session/)?index\.html$`)

// studyRE tells a study's map by its name.
var studyRE = regexp.MustCompile(`^studies/([^/]+)/index\.html$`)

// A fileState is a file that a control writes, with the hash of the bytes
// the page was built from, and the state it shows.
type fileState struct {
	Path  string `json:"path"`
	Hash  string `json:"hash"`
	State string `json:"state,omitempty"`
	Key   string `json:"key,omitempty"` // a change's key, for its state
}

// A recordForm is the form for a sprint's outcome, filled from the plan.
type recordForm struct {
	Path   string            `json:"path"`
	Hash   string            `json:"hash"`
	Values map[string]string `json:"values"` // by key, as sprintkit set spells it
}

// recordData is what record.js reads: the page's files and the text.
type recordData struct {
	Control   bool                 `json:"control"`
	URL       string               `json:"url,omitempty"`
	Labels    map[string]string    `json:"labels"`
	Names     map[string]string    `json:"names,omitempty"` // the values' names, "state.doing"
	States    []string             `json:"states,omitempty"`
	Verdicts  []string             `json:"verdicts,omitempty"`
	Evidences []string             `json:"evidences,omitempty"`
	Energies  []string             `json:"energies,omitempty"`
	Record    *recordForm          `json:"record,omitempty"`
	Actions   map[string]fileState `json:"actions,omitempty"` // by the mark's URL
	Changes   map[string]fileState `json:"changes,omitempty"` // by the mark's key
}

// withRecording adds the recording controls to page, the file name of
// the build st, as served for r: the data and the script, before the
// page's last </body>. A page that shows no outcome or state, a server
// that records nothing, and anything but HTML are left as they are.
func (s *Server) withRecording(r *http.Request, st *state, name string, page []byte) []byte {
	if s.folder == nil || st.site == nil || path.Ext(name) != ".html" {
		return page
	}
	d := recordData{Control: s.mayControl(r)}
	d.Record, d.Actions, d.Changes = pageFiles(st, name, page)
	if d.Record == nil && d.Actions == nil && d.Changes == nil {
		return page
	}
	if !d.Control {
		// A page from the network learns nothing of the files.
		d.Record, d.Actions, d.Changes = nil, nil, nil
	}
	text := labelText(st.site.Settings)
	d.Labels = recordLabels(text)
	if d.Control {
		d.URL = rootFrom(r.URL.Path) + editPath
		d.States = site.States.Values
		d.Verdicts = site.Verdicts.Values
		d.Evidences = site.Evidences.Values
		d.Energies = site.Energies.Values
		d.Names = valueNames(d, text)
	}
	js, err := json.Marshal(d)
	if err != nil {
		return page
	}
	return insertRecording(page, js)
}

// pageFiles finds the files that the controls of page, the file name of
// the build st, write: the sprint's plan for the outcome form on a
// sprint's page or session view, and a file for each mark of an action's
// or a change's state, by the mark. Each is nil when the page has none.
func pageFiles(st *state, name string, page []byte) (record *recordForm, actions, changes map[string]fileState) {
	sprints := map[string]*site.Sprint{}
	for _, sp := range st.site.Sprints {
		sprints[sp.ID] = sp
	}
	if m := pageRE.FindStringSubmatch(name); m != nil {
		if sp := sprints[m[1]]; sp != nil {
			record = &recordForm{Path: sp.Path, Hash: st.sums[sp.Path], Values: outcome(sp)}
		}
	}
	study := studyOf(st.site, name)
	for _, m := range markRE.FindAllSubmatch(page, -1) {
		mark := string(m[2])
		switch string(m[1]) {
		case "action":
			sp := sprints[sprintOf(name, mark)]
			if sp == nil {
				continue
			}
			if actions == nil {
				actions = map[string]fileState{}
			}
			actions[mark] = fileState{Path: sp.Path, Hash: st.sums[sp.Path], State: stateWord(sp.Action.Status)}
		case "change":
			if study == nil {
				continue
			}
			c := changeOf(study, mark)
			if c == nil {
				continue
			}
			if changes == nil {
				changes = map[string]fileState{}
			}
			changes[mark] = fileState{Path: study.Path, Hash: st.sums[study.Path], State: c.Status, Key: mark}
		}
	}
	return record, actions, changes
}

// studyOf is the study whose map is the page name, the last of that id in
// s; nil for any other page.
func studyOf(s *site.Site, name string) *site.Study {
	var study *site.Study
	if m := studyRE.FindStringSubmatch(name); m != nil {
		for _, x := range s.Studies {
			if x.ID == m[1] {
				study = x
			}
		}
	}
	return study
}

// labelText gives a label's text in the site's settings: the site's own,
// or else the one of its language.
func labelText(set site.Settings) func(key string) string {
	return func(key string) string {
		if v, ok := set.Labels[key]; ok {
			return v
		}
		v, _ := labels.Text(set.Language, key)
		return v
	}
}

// recordLabels is the text of the controls, by the key that record.js
// reads (the label record.<key>).
func recordLabels(text func(string) string) map[string]string {
	out := map[string]string{}
	for _, k := range []string{"title", "open", "key", "verdict", "noVerdict", "learned", "evidence", "noEvidence",
		"do", "owner", "due", "energy", "state", "save", "close", "saving", "saved", "undo", "undone",
		"conflict", "failed", "needLesson", "follower", "actionState", "changeState"} {
		out[k] = text("record." + k)
	}
	return out
}

// valueNames is the names of the values that the controls of d offer, by
// "<group>.<value>", and the name of an action.
func valueNames(d recordData, text func(string) string) map[string]string {
	names := map[string]string{"action": text("actions.action")}
	for _, g := range []struct {
		group  string
		values []string
	}{{"state", d.States}, {"verdict", d.Verdicts}, {"evidence", d.Evidences}, {"effort", d.Energies}} {
		for _, v := range g.values {
			names[g.group+"."+v] = text(g.group + "." + v)
		}
	}
	return names
}

// insertRecording puts the style of the controls in page's head, and
// the data js and the script before the end of its body.
func insertRecording(page, js []byte) []byte {
	// JSON in a script element: nothing in it may close the element.
	js = bytes.ReplaceAll(js, []byte("</"), []byte(`<\/`))
	// The data is a part that the live script swaps in place, so that the
	// session view, which must not reload, learns the new hashes.
	style := `<style data-sprintkit-record>` + recordCSS + `</style>`
	tag := `<script type="application/json" id="sprintkit-record" data-sprintkit-swap>` + string(js) + `</script>` +
		`<script data-sprintkit-record>` + recordJS + `</script>`
	lower := bytes.ToLower(page)
	// The style in the head, where HTML wants it; the data and the script
	// before the end of the body.
	h := bytes.Index(lower, []byte("</head>"))
	if h < 0 {
		h, tag = 0, style+tag
	}
	i := bytes.LastIndex(lower, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	if h > i {
		h, tag = 0, style+tag
	}
	out := make([]byte, 0, len(page)+len(style)+len(tag))
	out = append(out, page[:h]...)
	if !strings.HasPrefix(tag, style) {
		out = append(out, style...)
	}
	out = append(out, page[h:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// outcome is what the form shows of a sprint's plan, by key.
func outcome(sp *site.Sprint) map[string]string {
	due := ""
	if !sp.Action.Due.IsZero() {
		due = sp.Action.Due.Format(time.DateOnly)
	}
	return map[string]string{
		"result.verdict":  sp.Result.Verdict,
		"result.learned":  sp.Result.Learned,
		"result.evidence": sp.Result.Evidence,
		"action.do":       sp.Action.Do,
		"action.owner":    sp.Action.Owner,
		"action.due":      due,
		"action.energy":   sp.Action.Energy,
		"action.status":   stateWord(sp.Action.Status),
	}
}

// stateWord is an action's state as the controls say it: open, which
// older plans say, is planned.
func stateWord(s string) string {
	if s == "open" {
		return "planned"
	}
	return s
}

// sprintOf is the id of the sprint whose page the link href, on the page
// name, leads to; "" for another link.
func sprintOf(name, href string) string {
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		href = href[:i]
	}
	p := path.Join(path.Dir(name), href)
	if strings.HasSuffix(href, "/") || href == "" {
		p = path.Join(p, "index.html")
	}
	if m := pageRE.FindStringSubmatch(p); m != nil && !strings.Contains(p, "/session/") {
		return m[1]
	}
	return ""
}

// changeOf finds the change of study that a key names:
// stages.<stage id>.changes.<number from 1>.
func changeOf(study *site.Study, key string) *site.Change {
	parts := strings.Split(key, ".")
	if len(parts) != 4 || parts[0] != "stages" || parts[2] != "changes" {
		return nil
	}
	for _, sg := range study.Stages {
		if sg.ID != parts[1] {
			continue
		}
		for i := range sg.Changes {
			if c := &sg.Changes[i]; strconv.Itoa(c.Index+1) == parts[3] {
				return c
			}
		}
	}
	return nil
}
