package render

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
)

// What a page read.
//
// A view is made from parts of the site, and asks for each through a
// reads, which notes it: a sprint's plan, its notes, its study, the
// sprints that follow it, the tally of the belief it tests, the settings,
// the day. The Cache keeps, with each page, the parts it read and their
// versions in that build. The next build writes the page again without
// making its view when its kind's templates are the same and no part it
// read has another version: a save of one sprint's notes makes that
// sprint's two pages again, and no other view.
//
// A part's version is the digest of the files it was read from
// (site.Digest), or, for what a sprint's page shows of other sprints, the
// key of what it shows. The pages that list sprints read them all
// (reads.whole): they are made again after any plan or study changes, and
// then reused by the key of their view (reuse.go) when it came out the
// same. Notes are on no such page, so a save of notes makes none of them.
//
// What a view asks for is kept by hand, in the view, beside what it reads
// (Go cannot see a view read a field), and a view that reads a part
// without asking would be reused when that part changes. So the tests hold
// the views to it: TestReuseMatchesFreshBuild and TestRandomEdits
// (internal/build) and TestServedMatchesFreshBuild (internal/serve) edit
// every kind of input and compare each reusing build with a fresh one,
// byte for byte, with Cache.Verify on, which makes and keys again each
// view that a build did not make and names the page whose view changed;
// TestSaveMakesWhatReadIt checks that reuse happens at all.
type reads struct {
	r     *renderer
	parts []part
}

// A part is one part of the site that a view read: what it is, and the
// id of the sprint, study or belief.
type part struct {
	of partKind
	id string
}

type partKind uint8

const (
	partSite      partKind = iota // the settings and the free pages, which every page's frame shows
	partDay                       // the build's day: what is overdue, what was not held
	partAll                       // every plan and every study (not the notes)
	partPlan                      // a sprint's plan, by id
	partNotes                     // a sprint's notes, by id
	partStudy                     // a study's files, by id
	partFollowers                 // the ids and titles of the sprints that follow a sprint, by its id
	partTally                     // a belief's tally across its sprints, by study id and belief id
)

func (rd *reads) note(of partKind, id string) {
	if rd.r.cache == nil {
		return // nothing keeps the page for a next build
	}
	rd.parts = append(rd.parts, part{of, id})
}

// site is the site's settings and free pages; every page's frame reads
// them.
func (rd *reads) site() site.Settings {
	rd.note(partSite, "")
	return rd.r.site.Settings
}

// day is the build's day.
func (rd *reads) day() time.Time {
	rd.note(partDay, "")
	return rd.r.today
}

// whole is the site, for a view that reads every plan and study: a list of
// sprints, a map, a team.
func (rd *reads) whole() *site.Site {
	rd.note(partSite, "")
	rd.note(partDay, "")
	rd.note(partAll, "")
	return rd.r.site
}

// plan is sp, whose plan the view reads.
func (rd *reads) plan(sp *site.Sprint) *site.Sprint {
	rd.note(partPlan, sp.ID)
	return sp
}

// notes are sp's notes, rendered (renderer.notes).
func (rd *reads) notes(sp *site.Sprint) template.HTML {
	rd.note(partNotes, sp.ID)
	return rd.r.notes(sp)
}

// study is st, whose files the view reads.
func (rd *reads) study(st *site.Study) *site.Study {
	rd.note(partStudy, st.ID)
	return st
}

// followers are the sprints that follow sp, whose ids and titles the view
// reads.
func (rd *reads) followers(sp *site.Sprint) []*site.Sprint {
	rd.note(partFollowers, sp.ID)
	return sp.FollowedBy
}

// tally is b with its tally across its sprints, as a sprint's page shows
// it (renderer.across).
func (rd *reads) tally(b *site.Belief) *BeliefItem {
	rd.note(partTally, tallyID(b))
	return rd.r.across(b)
}

// tallyID is the id of b's tally: its study's id and its own.
func tallyID(b *site.Belief) string { return b.Stage.Study.ID + "\x00" + b.ID }

// A record is what a page read, each part with its version in the build
// that made the page.
type record struct {
	parts    []part
	versions []key
}

// record is what rd noted, each part once, with its version in this build.
func (rd *reads) record() (record, error) {
	parts := slices.Clone(rd.parts)
	slices.SortFunc(parts, func(a, b part) int {
		return cmp.Or(cmp.Compare(a.of, b.of), strings.Compare(a.id, b.id))
	})
	parts = slices.Compact(parts)
	rec := record{parts: parts, versions: make([]key, len(parts))}
	for i, p := range parts {
		v, err := rd.r.version(p)
		if err != nil {
			return record{}, err
		}
		rec.versions[i] = v
	}
	return rec, nil
}

// unchanged reports whether every part in rec has the version it had.
func (r *renderer) unchanged(rec record) bool {
	for i, p := range rec.parts {
		if v, err := r.version(p); err != nil || v != rec.versions[i] {
			return false
		}
	}
	return len(rec.parts) > 0
}

// versions are what a build knows of its parts' versions: those of the
// whole site, made once, and the site's sprints and studies by id.
type versions struct {
	once    sync.Once
	site    key
	day     key
	all     key
	sprints map[string]*site.Sprint
	studies map[string]*site.Study

	beliefs map[string]*site.Belief // by tallyID

	tallyMu sync.Mutex
	tallies map[string]key // by tallyID
}

// absent is the version of a sprint or study that is not there.
var absent = key{}

// version is p's version in this build.
func (r *renderer) version(p part) (key, error) {
	v := &r.versions
	v.once.Do(r.wholeVersions)
	switch p.of {
	case partSite:
		return v.site, nil
	case partDay:
		return v.day, nil
	case partAll:
		return v.all, nil
	case partPlan, partNotes, partFollowers:
		sp, ok := v.sprints[p.id]
		switch {
		case !ok:
			return absent, nil
		case p.of == partPlan:
			return key(sp.Source.Plan), nil
		case p.of == partNotes:
			return key(sp.Source.Notes), nil
		}
		var parts []string
		for _, f := range sp.FollowedBy {
			parts = append(parts, f.ID, f.Title)
		}
		return r.keys.text(parts...), nil
	case partStudy:
		if st, ok := v.studies[p.id]; ok {
			return key(st.Source), nil
		}
		return absent, nil
	case partTally:
		return r.tallyVersion(p.id)
	}
	return key{}, fmt.Errorf("no version for part %d", p.of)
}

// wholeVersions makes the versions of the whole site's parts and the
// indexes by id.
func (r *renderer) wholeVersions() {
	v := &r.versions
	s := r.site
	var pages []string
	for _, pg := range s.Pages {
		pages = append(pages, pg.Path, pg.ID, pg.Title, pg.Description, pg.Body)
	}
	// %#v writes every field of the settings, the labels in order: a
	// field added to them is part of the version as it comes.
	v.site = r.keys.text(append(pages, fmt.Sprintf("%#v", s.Settings))...)
	v.day = r.keys.text(r.today.Format(time.RFC3339Nano), r.today.Location().String())
	v.sprints = make(map[string]*site.Sprint, len(s.Sprints))
	all := make([]byte, 0, len(s.Sprints)*64)
	for _, sp := range s.Sprints {
		v.sprints[sp.ID] = sp
		all = binary.AppendUvarint(all, uint64(len(sp.ID)))
		all = append(all, sp.ID...)
		all = binary.LittleEndian.AppendUint64(all, sp.Source.Plan[0])
		all = binary.LittleEndian.AppendUint64(all, sp.Source.Plan[1])
	}
	v.studies = make(map[string]*site.Study, len(s.Studies))
	v.beliefs, v.tallies = map[string]*site.Belief{}, map[string]key{}
	all = append(all, 0)
	for _, st := range s.Studies {
		v.studies[st.ID] = st
		for _, sg := range st.Stages {
			for _, b := range sg.Beliefs {
				v.beliefs[tallyID(b)] = b
			}
		}
		all = binary.AppendUvarint(all, uint64(len(st.ID)))
		all = append(all, st.ID...)
		all = binary.LittleEndian.AppendUint64(all, st.Source[0])
		all = binary.LittleEndian.AppendUint64(all, st.Source[1])
	}
	v.all = r.keys.text(string(all))
}

// tallyVersion is the key of the tally of the belief id (study id and
// belief id), as a sprint's page shows it.
func (r *renderer) tallyVersion(id string) (key, error) {
	v := &r.versions
	b, ok := v.beliefs[id]
	if !ok {
		return absent, nil
	}
	v.tallyMu.Lock()
	k, ok := v.tallies[id]
	v.tallyMu.Unlock()
	if ok {
		return k, nil
	}
	k, err := r.keys.of(key{}, r.across(b))
	if err != nil {
		return key{}, err
	}
	v.tallyMu.Lock()
	v.tallies[id] = k
	v.tallyMu.Unlock()
	return k, nil
}
