package render

import (
	"bytes"
	"cmp"
	"encoding/json"
	"html"
	"html/template"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// The search index, search-index.js, holds every text the site publishes:
// each sprint's title, assumption, question, action, lesson and notes; each
// study's title, summary, text and map; each belief and change on a map.
// search.js loads it with a plain <script> element on the first search, so
// that it works from file:// (no fetch), and ranks and narrows the results
// itself. Its keys are short to keep it small:
//
//	w: the vocabulary: every word of the site's text once, folded (plain,
//	   lower-case, without diacritics; see fold), the words in the most
//	   documents first, so that their positions are short.
//	l: the links of a study and of a sprint, from the site's root, with %
//	   for the id.
//	t: team names; s: the studies as [id, title].
//	x: the texts that results show, in the site's language, by label key:
//	   kinds ("search.sprint"), verdicts, states.
//	k: the kinds of document: sprint, study, belief, change.
//	v: the label keys of the states documents are in ("verdict.refuted").
//	d: the documents, each [kind, title, link, date, team, study, state,
//	   head, lesson, body, notes]. kind is a position in k; link is a
//	   sprint's or a study's id (see l), else a link from the root; date is
//	   ISO ("" for none); team is a position in t, -1 for none; study a
//	   position in s; state a position in v: its verdict, belief state,
//	   change state or sprint status. head (title and belief),
//	   lesson, body (the rest) and notes (notes.md) are the positions in w
//	   of the words there, ascending, as base-36 differences joined by "."
//	   ("+n" for n positions that each follow the one before; writeIDs),
//	   each word in the first field it occurs in only.
//
// A query matches a document when each of its words is part of a word of
// the document; search.js ranks matches in head above lesson above body
// above notes, then newer above older, so the first 20 shown are the best.
type searchIndex struct {
	Words   []string          `json:"w"`
	Links   [2]string         `json:"l"`
	Teams   []string          `json:"t"`
	Studies [][2]string       `json:"s"`
	Labels  map[string]string `json:"x"`
	Kinds   []string          `json:"k"`
	States  []string          `json:"v"`
	Docs    [][11]any         `json:"d"`
}

// searchKinds are the kinds of document, in the index's order.
var searchKinds = []string{"sprint", "study", "belief", "change"}

// A searchDoc is one document of the index before its words are numbered.
type searchDoc struct {
	kind, title, link, date string
	team, study             int
	state                   string
	fields                  [4][]string // head, lesson, body, notes: folded words, each once in the doc
	// ids are the fields once the index has the document (searchIx.add):
	// each word as its place in the index's words as they came.
	ids [4][]int32
}

// search writes the search index of the site to w.
func (r *renderer) search(w Writer) error {
	b, err := r.searchIndex()
	if err != nil {
		return err
	}
	return w.WriteFile(layout.SearchIndex, b)
}

func (r *renderer) searchIndex() ([]byte, error) {
	ix := r.searchDocs()
	ix.number()
	return r.writeIndex(ix)
}

// A searchIx is the index as it is made: its documents, each holding its
// words as numbers in the order they came (so that the index of a year's
// site holds each word once, not once a document), then the words in their
// order and the states numbered.
type searchIx struct {
	teams   []string
	studies [][2]string // id and title
	docs    []searchDoc
	came    []string         // the words as they came
	id      map[string]int32 // each word's place in came
	in      []int            // how many documents each word of came is in
	words   []string         // the vocabulary, the words in the most documents first
	at      []int            // each word of came's place in words
	states  []string
	stateAt map[string]int
}

// add takes the document d into the index, its words as their numbers.
func (ix *searchIx) add(d searchDoc) {
	if ix.id == nil {
		ix.id = map[string]int32{}
	}
	for f, words := range d.fields {
		ids := make([]int32, len(words))
		for j, w := range words {
			i, ok := ix.id[w]
			if !ok {
				// A word of a text holds the whole text: the index keeps
				// a copy of its own.
				w = strings.Clone(w)
				i = int32(len(ix.came))
				ix.id[w] = i
				ix.came, ix.in = append(ix.came, w), append(ix.in, 0)
			}
			ix.in[i]++ // a field holds a word once, and a document in one field
			ids[j] = i
		}
		d.ids[f] = ids
	}
	d.fields = [4][]string{}
	ix.docs = append(ix.docs, d)
}

// searchDocs are the site's sprints, studies, beliefs and changes as
// documents of the index.
func (r *renderer) searchDocs() *searchIx {
	s := r.site
	ix := &searchIx{}
	teamAt := map[string]int{}
	team := func(name string) int {
		if name == "" {
			return -1
		}
		i, ok := teamAt[name]
		if !ok {
			i = len(ix.teams)
			teamAt[name] = i
			ix.teams = append(ix.teams, name)
		}
		return i
	}
	for _, t := range s.Teams {
		team(t.Name)
	}
	studyAt := map[string]int{}
	ix.studies = make([][2]string, len(s.Studies))
	for i, st := range s.Studies {
		studyAt[st.ID] = i
		ix.studies[i] = [2]string{st.ID, st.Title}
	}

	for i, sp := range s.Sprints {
		r.sprintsOut.wait(i)
		e := r.sprintEntry(sp)
		e.team, e.study = team(sp.Team), studyAt[sp.StudyID]
		ix.add(e)
	}
	for i, st := range s.Studies {
		for _, d := range r.studyDocs(i, st, team) {
			ix.add(d)
		}
	}
	return ix
}

// studyDocs are the study st, the i-th, and its map's beliefs and changes
// as documents; team numbers a team by its name.
func (r *renderer) studyDocs(i int, st *site.Study, team func(string) int) []searchDoc {
	var docs []searchDoc
	d := searchDoc{kind: "study", title: st.Title, link: st.ID, date: isoDate(st.Date), team: -1, study: i, state: "kind." + st.Kind}
	var body []string
	for _, sg := range st.Stages {
		body = append(body, sg.Name, sg.Current, sg.Desired, strings.Join(sg.Touchpoints, ", "))
	}
	body = append(body, st.Owner, st.Body)
	d.fields = r.searchFields([]string{st.Title}, []string{st.Summary}, body, "")
	docs = append(docs, d)
	for _, sg := range st.Stages {
		link := layout.StageOf(st.ID, sg.ID)
		for _, b := range sg.Beliefs {
			d := searchDoc{kind: "belief", title: oneLine(b.Text), link: link, team: -1, study: i, state: "belief." + b.State()}
			if sp := b.Tested(); sp != nil {
				d.date, d.team = isoDate(sp.Date), team(sp.Team)
			}
			d.fields = r.searchFields([]string{b.Text}, nil, []string{sg.Name}, "")
			docs = append(docs, d)
		}
		for _, c := range sg.Changes {
			d := searchDoc{kind: "change", title: oneLine(c.Text), link: link, date: isoDate(c.Since), team: team(c.Team), study: i, state: "state." + c.Status}
			if d.date == "" && c.Sprint != nil {
				d.date = isoDate(c.Sprint.Date)
			}
			d.fields = r.searchFields([]string{c.Text}, nil, []string{sg.Name, c.Owner}, "")
			docs = append(docs, d)
		}
	}
	return docs
}

// number numbers the index's words and states.
func (ix *searchIx) number() {
	docs := ix.docs
	// The vocabulary, the words in the most documents first, and the place
	// there of each word as it came.
	order := make([]int32, len(ix.came))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(ix.in[b]-ix.in[a], strings.Compare(ix.came[a], ix.came[b]))
	})
	words := make([]string, len(order))
	at := make([]int, len(order))
	for i, c := range order {
		words[i], at[c] = ix.came[c], i
	}
	stateAt := map[string]int{}
	var states []string
	for _, d := range docs {
		if _, ok := stateAt[d.state]; !ok {
			stateAt[d.state] = len(states)
			states = append(states, d.state)
		}
	}

	ix.words, ix.at, ix.states, ix.stateAt = words, at, states, stateAt
}

// writeIndex writes ix as search-index.js.
func (r *renderer) writeIndex(ix *searchIx) ([]byte, error) {
	labels := map[string]string{}
	for _, k := range []string{"search.sprint", "search.study", "search.belief", "search.change", "search.allKinds",
		"search.allStudies", "search.best", "search.inNotes", "search.inLesson", "search.narrow"} {
		labels[k] = r.text.get(k)
	}
	for _, d := range ix.docs {
		labels[d.state] = r.text.get(d.state)
	}

	// The index is written as encoding/json would write a searchIndex;
	// encoding/json escapes <, > and &, and U+2028 and U+2029, so the data
	// cannot end the script or break it.
	var buf bytes.Buffer
	buf.WriteString("// Search index made by sprintkit; see assets/search.js.\nwindow.sprintkitSearch = ")
	for i, part := range []struct {
		key   string
		write func() error
	}{
		{"w", func() error { return writeJSON(&buf, ix.words) }},
		// The links, with % for the id, from the one layout.
		{"l", func() error { return writeJSON(&buf, []string{layout.Study("%"), layout.Sprint("%")}) }},
		{"t", func() error { return writeJSON(&buf, ix.teams) }},
		{"s", func() error { return writeJSON(&buf, ix.studies) }},
		{"x", func() error {
			x, err := json.Marshal(labels)
			buf.Write(x)
			return err
		}},
		{"k", func() error { return writeJSON(&buf, searchKinds) }},
		{"v", func() error { return writeJSON(&buf, ix.states) }},
	} {
		buf.WriteString(map[bool]string{true: `{"`, false: `,"`}[i == 0] + part.key + `":`)
		if err := part.write(); err != nil {
			return nil, err
		}
	}
	buf.WriteString(`,"d":[`)
	for i, d := range ix.docs {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := ix.writeDoc(&buf, d); err != nil {
			return nil, err
		}
	}
	buf.WriteString("]};\n")
	return buf.Bytes(), nil
}

// writeDoc writes the document d: its kind, title, link, date, team,
// study and state, then the positions of its words, field by field.
func (ix *searchIx) writeDoc(buf *bytes.Buffer, d searchDoc) error {
	head, err := json.Marshal([]any{slices.Index(searchKinds, d.kind), d.title, d.link, d.date, d.team, d.study, ix.stateAt[d.state]})
	if err != nil {
		return err
	}
	buf.Write(head[:len(head)-1])
	for _, f := range d.ids {
		ids := make([]int, len(f))
		for j, c := range f {
			ids[j] = ix.at[c]
		}
		slices.Sort(ids)
		buf.WriteString(`,"`)
		writeIDs(buf, ids)
		buf.WriteByte('"')
	}
	buf.WriteByte(']')
	return nil
}

// writeIDs writes ascending positions as the index holds them: the first,
// then each as its difference from the one before, in base 36, joined by
// "."; a run of positions that each follow the one before is written
// "+" and its length ("3.+4" is 3, 4, 5, 6, 7).
func writeIDs(buf *bytes.Buffer, ids []int) {
	prev := 0
	for j := 0; j < len(ids); {
		if j > 0 {
			buf.WriteByte('.')
		}
		run := 0
		for j+run < len(ids) && ids[j+run] == prev+run+1 && j > 0 {
			run++
		}
		if run >= 2 {
			buf.WriteByte('+')
			buf.WriteString(strconv.FormatInt(int64(run), 36))
			prev += run
			j += run
			continue
		}
		buf.WriteString(strconv.FormatInt(int64(ids[j]-prev), 36))
		prev = ids[j]
		j++
	}
}

// writeJSON writes v as JSON, an empty list for a nil slice.
func writeJSON[T any](buf *bytes.Buffer, v []T) error {
	if v == nil {
		v = []T{}
	}
	b, err := json.Marshal(v)
	buf.Write(b)
	return err
}

// searchSource is what a sprint's document is made of: its key.
type searchSource struct {
	ID, Title, Date, Status, Verdict, StudyID string
	Belief, Ask, Criterion, Do, ActionTeam    string
	Owner, Strengthens, Learned, Notes        string
	UnsafeHTML                                bool // Markdown is read another way
}

// sprintEntry makes sp's document, without its team and study, or takes
// its words from the Cache: it is made of the sprint's own fields alone.
func (r *renderer) sprintEntry(sp *site.Sprint) searchDoc {
	d := searchDoc{kind: "sprint", title: sp.Title, link: sp.ID, date: isoDate(sp.Date), state: "status." + sp.Status}
	if sp.Status == "done" {
		d.state = "verdict." + sp.Outcome()
	}
	// A build that keeps nothing for the next has no use for a key.
	keep := r.cache != nil
	var k key
	if keep {
		var err error
		k, err = r.keys.of(key{}, searchSource{
			sp.ID, sp.Title, d.date, sp.Status, sp.Result.Verdict, sp.StudyID,
			sp.Assumption.Belief, sp.Question.Ask, sp.Question.Criterion, sp.Action.Do, sp.Action.Team,
			sp.Action.Owner, sp.Action.Strengthens, sp.Result.Learned, sp.Notes,
			r.site.Settings.UnsafeHTML,
		})
		keep = err == nil
	}
	if keep {
		if h, ok := r.cache.fragment(k); ok {
			for i, f := range strings.SplitN(string(h), "\x00", len(d.fields)) {
				d.fields[i] = strings.Fields(f)
			}
			return d
		}
	}
	body := []string{sp.Question.Ask, sp.Question.Criterion, sp.Action.Do, sp.Action.Strengthens, sp.Action.Owner}
	if sp.Action.Team != sp.Team {
		body = append(body, sp.Action.Team)
	}
	// The notes as the sprint's pages render them: the build converts
	// each sprint's notes once.
	d.fields = r.searchFields([]string{sp.Title, sp.Assumption.Belief}, []string{sp.Result.Learned}, body, r.notes(sp))
	if keep {
		parts := make([]string, len(d.fields))
		for i, f := range d.fields {
			parts[i] = strings.Join(f, " ")
		}
		r.cache.putFragment(k, template.HTML(strings.Join(parts, "\x00")))
	}
	return d
}

// searchFields are the folded words of three lists of Markdown texts
// (head, lesson and body) and of rendered notes, each word in the first
// field it occurs in only. Each text is rendered on its own, as the pages
// render it, so that most come from the build's cache of short texts.
func (r *renderer) searchFields(head, lesson, body []string, notes template.HTML) [4][]string {
	seen := seenWords.Get().(map[string]bool)
	defer func() {
		clear(seen)
		seenWords.Put(seen)
	}()
	// The fields are cut from one list of the words, in order.
	var words []string
	var ends [4]int
	add := func(h template.HTML) {
		for w := range searchWords(string(h)) {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	for i, texts := range [3][]string{head, lesson, body} {
		for _, src := range texts {
			add(r.md.block(src))
		}
		ends[i] = len(words)
	}
	add(notes)
	ends[3] = len(words)
	var out [4][]string
	from := 0
	for i, end := range ends {
		if end > from {
			out[i] = words[from:end:end]
		}
		from = end
	}
	return out
}

// seenWords are the sets of words that searchFields keeps a text's words
// once with, for the next text.
var seenWords = sync.Pool{New: func() any { return make(map[string]bool, 256) }}

// plainText turns rendered HTML back into text: tags dropped (a block's
// end becomes a space), entities decoded, white space collapsed. goldmark's
// output is well formed, so dropping everything between < and > is enough.
func plainText[S ~string](h S) string {
	return strings.Join(strings.Fields(html.UnescapeString(stripTags(string(h)))), " ")
}

// searchWords are the words of the rendered HTML h as the search index
// holds them: strings.Fields(fold(plainText(h))). fold makes every space
// a word's end, so plainText's joining of spaces is not needed first; and
// it leaves one space between words and none at either end, so that they
// are split at each. They are given one by one: a year's notes are
// millions of words, which the index holds once each.
func searchWords(h string) iter.Seq[string] {
	f := fold(html.UnescapeString(stripTags(h)))
	if f == "" {
		return func(func(string) bool) {}
	}
	return strings.SplitSeq(f, " ")
}

// stripTags is h with its tags dropped, a block's as a space and an
// inline element's as nothing.
func stripTags(h string) string {
	if strings.IndexByte(h, '<') < 0 {
		return h
	}
	var b strings.Builder
	b.Grow(len(h))
	rest := h
	for {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		j := strings.IndexByte(rest[i:], '>')
		if j < 0 {
			break
		}
		tag := strings.TrimLeft(rest[i+1:i+j], "/")
		if n := strings.IndexAny(tag, " /"); n >= 0 {
			tag = tag[:n]
		}
		if !inlineTags[strings.ToLower(tag)] {
			b.WriteByte(' ')
		}
		rest = rest[i+j+1:]
	}
	return b.String()
}

var inlineTags = map[string]bool{
	"a": true, "em": true, "strong": true, "code": true, "del": true, "span": true,
	"b": true, "i": true, "u": true, "s": true, "sub": true, "sup": true, "mark": true, "abbr": true,
}

// fold lower-cases s and takes the diacritics off Latin letters (å to a,
// é to e), as search.js does with s.toLowerCase().normalize("NFD") without
// combining marks; letters that do not decompose (æ, ø, ł) stay. Other
// characters than letters, digits, hyphens and apostrophes become space.
//
// It goes through s once, words separated by one space, with no space at
// either end; ASCII, most of any text, takes no look-up.
func fold(s string) string {
	b := make([]byte, 0, len(s))
	space := false // a space is owed before the next character
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '\'':
			default:
				space = len(b) > 0
				continue
			}
			if space {
				b, space = append(b, ' '), false
			}
			b = append(b, c)
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		i += size
		c = unicode.ToLower(c)
		if base, ok := latinBase[c]; ok {
			c = base
		}
		if !unicode.IsLetter(c) && !unicode.IsNumber(c) && !unicode.IsMark(c) {
			space = len(b) > 0
			continue
		}
		if space {
			b, space = append(b, ' '), false
		}
		b = utf8.AppendRune(b, c)
	}
	return string(b)
}

// latinBase maps each lower-case Latin letter from U+00C0 to U+024F whose
// canonical decomposition is an ASCII letter and combining marks to that
// letter (made with the normalize("NFD") of a browser).
var latinBase = func() map[rune]rune {
	const (
		from = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳ"
		to   = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooy"
	)
	m := make(map[rune]rune, len(to))
	i := 0
	for _, c := range from {
		m[c] = rune(to[i])
		i++
	}
	return m
}()
