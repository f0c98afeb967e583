package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// DataVersion is the version of sprints.json's shape, its "version".
// Fields may be added within a version; it goes up only when a field
// changes its meaning or goes away, so a dashboard that checks it and
// ignores fields it does not know keeps working. Version 2: a belief's
// state may be contested, an action's status says planned where version 1
// said open, and studies have their log.
const DataVersion = 2

// DataFile is sprints.json: every sprint's plan and result and every
// study's journey map, for the intranet's dashboards. These types are its
// documentation.
//
// Every field is always there: a text or date not given is "", a number
// not given is 0, a list is [] (never null). Dates are "YYYY-MM-DD".
// Enum fields hold the values that the site's files use ("refuted",
// "doing"), not their text in the site's language. Text fields hold what
// the site's files say, Markdown as written: a dashboard that shows one
// as HTML renders it and escapes it first. Studies are ordered by id,
// sprints newest first.
type DataFile struct {
	Version int          `json:"version"` // DataVersion
	Site    DataSite     `json:"site"`
	AsOf    string       `json:"as_of"` // the build's day, which the actions' state is as of; "" when the build had none
	Studies []DataStudy  `json:"studies"`
	Sprints []DataSprint `json:"sprints"`
}

// DataSite is the site's settings.
type DataSite struct {
	Title       string `json:"title"`
	Language    string `json:"language"` // sv or en
	BaseURL     string `json:"base_url"` // ends in "/"; "" when not set, and then every "url" is ""
	Description string `json:"description"`
}

// DataStudy is a large original study (content/studies/<id>.md).
type DataStudy struct {
	ID      string      `json:"id"`
	Path    string      `json:"path"` // its page, from the top of the site: studies/<id>/index.html
	URL     string      `json:"url"`  // its page under base_url
	Title   string      `json:"title"`
	Date    string      `json:"date"`
	Owner   string      `json:"owner"`
	Kind    string      `json:"kind"`   // journey-map, interviews, survey, other
	Report  string      `json:"report"` // the original report's address, as written
	Summary string      `json:"summary"`
	Stages  []DataStage `json:"stages"`  // the journey map, in its order
	Updated string      `json:"updated"` // the day of the log's newest entry, "" for an empty log
	Log     []DataLog   `json:"log"`     // what changed on the map, newest first
}

// DataLog is one entry of a study's log, derived from the site: a belief
// tested, a lesson, an action a sprint started, a change a sprint started
// or a change's state on its since day.
type DataLog struct {
	Date     string `json:"date"`
	Stage    string `json:"stage"`    // the stage's id, or "" for a sprint that names none
	Kind     string `json:"kind"`     // tested, learned, action, change
	Text     string `json:"text"`     // the belief, the lesson, the action or the change
	Sprint   string `json:"sprint"`   // the id of the sprint it came from, or ""
	Verdict  string `json:"verdict"`  // tested, learned: the sprint's verdict; else ""
	Evidence string `json:"evidence"` // tested: the evidence the sprint found; else ""
	Status   string `json:"status"`   // action, change: its state (planned, doing, done, dropped); else ""
}

// DataStage is one stage of a study's journey map: a customer activity,
// as a change plan.
type DataStage struct {
	ID           string       `json:"id"`
	Name         string       `json:"name"`
	EnergyNow    string       `json:"energy_now"`    // low, medium, high, or ""
	EnergyWanted string       `json:"energy_wanted"` // low, medium, high, or ""
	Current      string       `json:"current"`
	Desired      string       `json:"desired"`
	Touchpoints  []string     `json:"touchpoints"`
	Beliefs      []DataBelief `json:"beliefs"`
	Changes      []DataChange `json:"changes"`
}

// DataBelief is what the organisation believes about customers at a stage.
type DataBelief struct {
	ID         string `json:"id"`
	Text       string `json:"text"`
	Basis      string `json:"basis"`      // assumption or insight
	Importance string `json:"importance"` // high, low
	Evidence   string `json:"evidence"`   // none, opinion, anecdote, research, data: before any test
	// State is what the done sprints that tested it found: untested; the
	// latest verdict (supported, refuted, inconclusive); or contested when
	// one supported it and another refuted it.
	State         string       `json:"state"`
	TestedBy      string       `json:"tested_by"`      // the id of the sprint that set the state; "" while untested
	Verdicts      DataVerdicts `json:"verdicts"`       // how many done sprints gave each verdict
	EvidenceAfter string       `json:"evidence_after"` // the [result] evidence of that sprint, or ""
	TestNext      bool         `json:"test_next"`      // important, weakly evidenced and untested
}

// DataVerdicts counts the verdicts of the done sprints that tested a
// belief.
type DataVerdicts struct {
	Supported    int `json:"supported"`
	Refuted      int `json:"refuted"`
	Inconclusive int `json:"inconclusive"`
}

// DataChange is a change under way at a stage. One that names a sprint
// and says no status of its own follows that sprint's action: source is
// "action", and status, team, owner and due are the action's where the
// change says none.
type DataChange struct {
	Text   string `json:"text"`
	Team   string `json:"team"`
	Owner  string `json:"owner"`
	Due    string `json:"due"`
	Status string `json:"status"` // planned, doing, done, dropped
	Source string `json:"source"` // where status comes from: "own" (the study, or its default) or "action"
	Since  string `json:"since"`  // the day its state last moved, as the study says, or ""
	Sprint string `json:"sprint"` // the id of the sprint it came from, or ""
}

// DataSprint is one sprint: its plan (sprint.toml), its notes and result.
type DataSprint struct {
	ID           string         `json:"id"`
	Path         string         `json:"path"` // its page, from the top of the site: sprints/<id>/index.html
	URL          string         `json:"url"`  // its page under base_url
	Title        string         `json:"title"`
	Date         string         `json:"date"`
	Team         string         `json:"team"`
	Study        string         `json:"study"`    // the study's id
	Relation     string         `json:"relation"` // pilots, follows-up, challenges, confirms
	Stage        string         `json:"stage"`    // the stage's id in the study, or ""
	Status       string         `json:"status"`   // planned, done, abandoned
	Outcome      string         `json:"outcome"`  // the verdict once done, else untested
	Duration     int            `json:"duration"` // minutes
	Facilitator  string         `json:"facilitator"`
	Participants []string       `json:"participants"`
	Follows      string         `json:"follows"` // the id of the sprint it follows up, or ""
	Assumption   DataAssumption `json:"assumption"`
	Question     DataQuestion   `json:"question"`
	Action       DataAction     `json:"action"`
	Result       DataResult     `json:"result"`
	Agenda       []DataBlock    `json:"agenda"`
	Notes        string         `json:"notes"` // notes.md, or ""
}

// DataAssumption is what the team believed before the session; where the
// sprint tests a belief of its study, the belief's values fill in what
// the plan leaves out.
type DataAssumption struct {
	Tests      string `json:"tests"` // the id of the study's belief it tests, or ""
	Belief     string `json:"belief"`
	Basis      string `json:"basis"`      // assumption or insight
	Importance string `json:"importance"` // high, low
	Evidence   string `json:"evidence"`   // none, opinion, anecdote, research, data
}

// DataQuestion is what the team asked customers.
type DataQuestion struct {
	Ask       string `json:"ask"`
	Method    string `json:"method"`    // interview, observation, survey, data, prototype, other
	Customers int    `json:"customers"` // how many, 0 when not said
	Criterion string `json:"criterion"`
}

// DataAction is what the team decided to do.
type DataAction struct {
	Do          string `json:"do"`
	Team        string `json:"team"` // the team that acts
	Strengthens string `json:"strengthens"`
	Energy      string `json:"energy"` // low, medium, high
	Owner       string `json:"owner"`
	Due         string `json:"due"`
	Status      string `json:"status"` // planned, doing, done, dropped: as the plan says ("open" reads as planned)
	State       string `json:"state"`  // a done sprint's: overdue (planned or doing past due as of as_of), else the status; a planned sprint's: intended; an abandoned one's: ""
}

// DataResult is what the session showed; "" before it.
type DataResult struct {
	Verdict  string `json:"verdict"` // supported, refuted, inconclusive, or ""
	Learned  string `json:"learned"`
	Evidence string `json:"evidence"` // none, opinion, anecdote, research, data, or ""
}

// DataBlock is one block of the session's agenda.
type DataBlock struct {
	Block   string `json:"block"` // as the plan names it, or a default block's name in the site's language
	Minutes int    `json:"minutes"`
}

// sprints.json is put together from parts: the file with no study and no
// sprint, indented and cut before its empty lists, then each study and
// each sprint encoded on its own line (a study's log a run of entries at
// a time, a sprint between builds again only when its row changed), with
// the lists' ends. A line a study or sprint holds what the tools it is for
// read, and a diff of two builds shows which changed; indented, a year's
// sprints were a quarter spaces. sprintsJSON makes the file in memory, at
// its size; writeSprintsJSON writes it as it goes, holding one study or
// sprint at a time, for a build that writes it to disk.

// jsonEnd is how the encoding of a file with no study and no sprint ends.
const jsonEnd = "[],\n  \"sprints\": []\n}\n"

// jsonFrame is the encoding of sprints.json with no study and no sprint
// in it.
func (r *renderer) jsonFrame() ([]byte, error) {
	s := r.site
	f := DataFile{
		Version: DataVersion,
		Site: DataSite{
			Title:       s.Settings.Title,
			Language:    s.Settings.Language,
			BaseURL:     s.Settings.BaseURL,
			Description: s.Settings.Description,
		},
		AsOf:    isoDate(r.today),
		Studies: []DataStudy{},
		Sprints: []DataSprint{},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	if !bytes.HasSuffix(buf.Bytes(), []byte(jsonEnd)) {
		return nil, fmt.Errorf("sprints.json: the encoding does not end in its studies and sprints")
	}
	return buf.Bytes(), nil
}

// jsonStudy hands put st's line in the list of studies: the study with no
// log, cut before its empty log, then its log a run of entries at a time,
// as one encoding of the whole would be. A year's log is megabytes, which
// a study encoded whole needed buffers as large for.
func (r *renderer) jsonStudy(st *site.Study, put func([]byte) error) error {
	d := r.dataStudy(st)
	log := d.Log
	d.Log = []DataLog{}
	head, err := json.Marshal(d)
	if err != nil {
		return err
	}
	const noLog = "[]}"
	if !bytes.HasSuffix(head, []byte(noLog)) {
		return fmt.Errorf("sprints.json: the encoding of a study does not end in its log")
	}
	if err := put(head[:len(head)-len(noLog)]); err != nil {
		return err
	}
	if len(log) == 0 {
		return put([]byte(noLog))
	}
	// In runs of entries, each encoded as a list and put without its
	// brackets, with a comma between runs: as the whole list would be.
	const run = 256
	for i := 0; i < len(log); i += run {
		b, err := json.Marshal(log[i:min(i+run, len(log))])
		if err != nil {
			return err
		}
		b[0] = '['
		if i > 0 {
			b[0] = ','
		}
		if err := put(b[:len(b)-1]); err != nil {
			return err
		}
	}
	return put([]byte("]}"))
}

// jsonSprint hands put sp's line in the list of sprints.
func (r *renderer) jsonSprint(sp *site.Sprint, put func([]byte) error) error {
	b, err := r.row(r.dataSprint(sp), json.Marshal)
	if err != nil {
		return err
	}
	return put(b)
}

// sprintsJSONParts hands put each part of sprints.json, in order.
func (r *renderer) sprintsJSONParts(put func([]byte) error) error {
	frame, err := r.jsonFrame()
	if err != nil {
		return err
	}
	if err := put(frame[:len(frame)-len(jsonEnd)]); err != nil {
		return err
	}
	if err := jsonList(put, r.site.Studies, r.jsonStudy); err != nil {
		return err
	}
	if err := put([]byte(",\n  \"sprints\": ")); err != nil {
		return err
	}
	if err := jsonList(put, r.site.Sprints, r.jsonSprint); err != nil {
		return err
	}
	return put([]byte("\n}\n"))
}

// jsonList hands put a list of sprints.json, one level in, of the
// encodings of elems that encode hands it, each on a line of its own two
// levels in.
func jsonList[E any](put func([]byte) error, elems []E, encode func(E, func([]byte) error) error) error {
	if len(elems) == 0 {
		return put([]byte("[]"))
	}
	sep := []byte("[\n    ")
	for _, e := range elems {
		if err := put(sep); err != nil {
			return err
		}
		if err := encode(e, put); err != nil {
			return err
		}
		sep = []byte(",\n    ")
	}
	return put([]byte("\n  ]"))
}

// sprintsJSON makes sprints.json in memory, at its size.
func (r *renderer) sprintsJSON() ([]byte, error) {
	var parts [][]byte
	size := 0
	if err := r.sprintsJSONParts(func(b []byte) error {
		parts, size = append(parts, b), size+len(b)
		return nil
	}); err != nil {
		return nil, err
	}
	out := make([]byte, 0, size)
	for _, b := range parts {
		out = append(out, b...)
	}
	return out, nil
}

// writeSprintsJSON writes sprints.json to w as it is made.
func (r *renderer) writeSprintsJSON(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := r.sprintsJSONParts(func(b []byte) error {
		_, err := bw.Write(b)
		return err
	}); err != nil {
		return err
	}
	return bw.Flush()
}

func (r *renderer) dataStudy(st *site.Study) DataStudy {
	d := DataStudy{
		ID:      st.ID,
		Path:    layout.Study(st.ID),
		URL:     r.studyURL(st),
		Title:   st.Title,
		Date:    isoDate(st.Date),
		Owner:   st.Owner,
		Kind:    st.Kind,
		Report:  st.Report,
		Summary: st.Summary,
		Stages:  make([]DataStage, 0, len(st.Stages)),
	}
	for _, sg := range st.Stages {
		ds := DataStage{
			ID:           sg.ID,
			Name:         sg.Name,
			EnergyNow:    sg.EnergyNow,
			EnergyWanted: sg.EnergyWanted,
			Current:      sg.Current,
			Desired:      sg.Desired,
			Touchpoints:  append([]string{}, sg.Touchpoints...),
			Beliefs:      make([]DataBelief, 0, len(sg.Beliefs)),
			Changes:      make([]DataChange, 0, len(sg.Changes)),
		}
		for _, b := range sg.Beliefs {
			t := b.Tally()
			db := DataBelief{
				ID: b.ID, Text: b.Text, Basis: b.Basis, Importance: b.Importance, Evidence: b.Evidence,
				State: b.State(), EvidenceAfter: b.EvidenceAfter(), TestNext: b.TestNext(),
				Verdicts: DataVerdicts{len(t["supported"]), len(t["refuted"]), len(t["inconclusive"])},
			}
			if sp := b.Tested(); sp != nil {
				db.TestedBy = sp.ID
			}
			ds.Beliefs = append(ds.Beliefs, db)
		}
		for _, c := range sg.Changes {
			dc := DataChange{
				Text: c.Text, Team: c.Team, Owner: c.Owner, Due: isoDate(c.Due),
				Status: c.Status, Source: "own", Since: isoDate(c.Since), Sprint: c.SprintID,
			}
			if c.FromAction {
				dc.Source = "action"
			}
			ds.Changes = append(ds.Changes, dc)
		}
		d.Stages = append(d.Stages, ds)
	}
	log := st.Log()
	d.Updated = isoDate(site.Updated(log))
	d.Log = make([]DataLog, 0, len(log))
	for _, e := range log {
		dl := DataLog{Date: isoDate(e.Date), Kind: e.Kind, Text: e.Text, Verdict: e.Verdict, Evidence: e.Evidence, Status: e.Status}
		if e.Stage != nil {
			dl.Stage = e.Stage.ID
		}
		if e.Sprint != nil {
			dl.Sprint = e.Sprint.ID
		}
		d.Log = append(d.Log, dl)
	}
	return d
}

func (r *renderer) dataSprint(sp *site.Sprint) DataSprint {
	d := DataSprint{
		ID:           sp.ID,
		Path:         layout.Sprint(sp.ID),
		URL:          r.sprintURL(sp),
		Title:        sp.Title,
		Date:         isoDate(sp.Date),
		Team:         sp.Team,
		Study:        sp.StudyID,
		Relation:     sp.Relation,
		Stage:        sp.StageID,
		Status:       sp.Status,
		Outcome:      sp.Outcome(),
		Duration:     sp.Duration,
		Facilitator:  sp.Facilitator,
		Participants: append([]string{}, sp.Participants...),
		Follows:      sp.FollowsID,
		Assumption: DataAssumption{
			Tests:      sp.Assumption.Tests,
			Belief:     sp.Assumption.Belief,
			Basis:      sp.Assumption.Basis,
			Importance: sp.Assumption.Importance,
			Evidence:   sp.Assumption.Evidence,
		},
		Question: DataQuestion{
			Ask:       sp.Question.Ask,
			Method:    sp.Question.Method,
			Customers: sp.Question.Customers,
			Criterion: sp.Question.Criterion,
		},
		Action: DataAction{
			Do:          sp.Action.Do,
			Team:        sp.Action.Team,
			Strengthens: sp.Action.Strengthens,
			Energy:      sp.Action.Energy,
			Owner:       sp.Action.Owner,
			Due:         isoDate(sp.Action.Due),
			Status:      sp.Action.Status,
			State:       sp.ActionState(r.today),
		},
		Result: DataResult{
			Verdict:  sp.Result.Verdict,
			Learned:  sp.Result.Learned,
			Evidence: sp.Result.Evidence,
		},
		Agenda: make([]DataBlock, 0, len(sp.Agenda)),
		Notes:  sp.Notes,
	}
	for _, b := range sp.Agenda {
		name := b.Name
		if name == "" {
			name = r.text.get(b.Key)
		}
		d.Agenda = append(d.Agenda, DataBlock{Block: name, Minutes: b.Minutes})
	}
	return d
}
