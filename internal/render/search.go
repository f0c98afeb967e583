package render

import (
	"bytes"
	"encoding/json"
	"html"
	"html/template"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
)

// maxField is how many bytes of one field the index keeps: enough to find
// a sprint by what it is about, while 10,000 sprints stay well under 3 MiB.
const maxField = 160

// searchIndex is what search-index.js holds, with short keys to keep it
// small:
//
//	l: the links of a study and of a sprint, relative to the site root,
//	   with % for the id; t: team names; s: studies; p: sprints.
//
// A study is [id, title, text]; a sprint is [id, title, team, study,
// text] where team and study are positions in t and s. text holds the
// words of the other fields that are not in the title (the assumption,
// the question, the action with its team and owner, what was learned),
// once each: plain
// (Markdown stripped), lower-case and without diacritics, so that a query
// is a substring scan. Titles are kept as written, for display.
//
// searchIndex is how the tests read it; searchIndex() writes it piece by
// piece, so that the dev server reuses each sprint's piece.
type searchIndex struct {
	Links   [2]string `json:"l"`
	Teams   []string  `json:"t"`
	Studies [][3]any  `json:"s"`
	Sprints [][5]any  `json:"p"`
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
	s := r.site
	var teams []string
	teamAt := map[string]int{}
	team := func(name string) int {
		i, ok := teamAt[name]
		if !ok {
			i = len(teams)
			teamAt[name] = i
			teams = append(teams, name)
		}
		return i
	}
	for _, t := range s.Teams {
		team(t.Name)
	}
	studyAt := map[string]int{}
	studies := make([][3]any, 0, len(s.Studies))
	for i, st := range s.Studies {
		studyAt[st.ID] = i
		words := strings.Fields(fold(st.Title))
		n := len(words)
		words = r.indexText(words, st.Summary)
		for _, sg := range st.Stages {
			words = r.indexText(words, sg.Name)
		}
		studies = append(studies, [3]any{st.ID, st.Title, strings.Join(words[n:], " ")})
	}
	entries := make([]sprintEntry, len(s.Sprints))
	for i, sp := range s.Sprints {
		entries[i] = r.sprintEntry(sp)
		team(sp.Team)
	}

	// The index is written as encoding/json would write a searchIndex;
	// encoding/json escapes <, > and &, and U+2028 and U+2029, so the data
	// cannot end the script or break it.
	var buf bytes.Buffer
	buf.WriteString("// Search index made by sprintkit; see assets/search.js.\nwindow.sprintkitSearch = ")
	// The links, with % for the id, from the one layout.
	buf.WriteString(`{"l":`)
	if err := writeJSON(&buf, []string{layout.Study("%"), layout.Sprint("%")}); err != nil {
		return nil, err
	}
	buf.WriteString(`,"t":`)
	if err := writeJSON(&buf, teams); err != nil {
		return nil, err
	}
	buf.WriteString(`,"s":`)
	if err := writeJSON(&buf, studies); err != nil {
		return nil, err
	}
	buf.WriteString(`,"p":[`)
	for i, sp := range s.Sprints {
		if i > 0 {
			buf.WriteByte(',')
		}
		e := entries[i]
		buf.WriteByte('[')
		buf.WriteString(e.head)
		buf.WriteByte(',')
		buf.WriteString(strconv.Itoa(teamAt[sp.Team]))
		buf.WriteByte(',')
		buf.WriteString(strconv.Itoa(studyAt[sp.StudyID]))
		buf.WriteByte(',')
		buf.WriteString(e.text)
		buf.WriteByte(']')
	}
	buf.WriteString("]};\n")
	return buf.Bytes(), nil
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

// A sprintEntry is a sprint's line of the search index, as JSON: head is
// its id and title, text the words of its other fields.
type sprintEntry struct{ head, text string }

// searchSource is what a sprint's entry is made of: its key.
type searchSource struct {
	ID, Title, Team, ActionTeam, Owner string
	Belief, Ask, Do, Learned           string
	UnsafeHTML                         bool // Markdown is read another way
}

// sprintEntry makes sp's entry, or takes it from the Cache: it is made of
// the sprint's own fields alone.
func (r *renderer) sprintEntry(sp *site.Sprint) sprintEntry {
	k, err := r.keys.of(key{}, searchSource{
		sp.ID, sp.Title, sp.Team, sp.Action.Team, sp.Action.Owner,
		sp.Assumption.Belief, sp.Question.Ask, sp.Action.Do, sp.Result.Learned,
		r.site.Settings.UnsafeHTML,
	})
	if err == nil {
		if h, ok := r.cache.fragment(k); ok {
			head, text, _ := strings.Cut(string(h), "\x00")
			return sprintEntry{head, text}
		}
	}
	words := strings.Fields(fold(sp.Title))
	n := len(words)
	for _, f := range []string{sp.Assumption.Belief, sp.Question.Ask, sp.Action.Do, sp.Result.Learned} {
		words = r.indexText(words, f)
	}
	if sp.Action.Team != sp.Team {
		words = r.indexText(words, sp.Action.Team)
	}
	words = r.indexText(words, sp.Action.Owner)
	id, _ := json.Marshal(sp.ID)
	title, _ := json.Marshal(sp.Title)
	text, _ := json.Marshal(strings.Join(words[n:], " "))
	e := sprintEntry{string(id) + "," + string(title), string(text)}
	if err == nil {
		r.cache.putFragment(k, template.HTML(e.head+"\x00"+e.text))
	}
	return e
}

// indexText appends the words of the Markdown src to words: plain text,
// folded, at most maxField bytes of it, and only the words not already
// there, since a query matches substrings and order does not matter.
func (r *renderer) indexText(words []string, src string) []string {
	text := fold(plainText(r.md.block(src)))
	if len(text) > maxField {
		cut := strings.LastIndexByte(text[:maxField], ' ')
		if cut <= 0 {
			cut = maxField
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		text = text[:cut]
	}
	for _, w := range strings.Fields(text) {
		if !containsWord(words, w) {
			words = append(words, w)
		}
	}
	return words
}

func containsWord(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

// plainText turns rendered HTML back into text: tags dropped (a block's
// end becomes a space), entities decoded, white space collapsed. goldmark's
// output is well formed, so dropping everything between < and > is enough.
func plainText[S ~string](h S) string {
	var b strings.Builder
	rest := string(h)
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
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

var inlineTags = map[string]bool{
	"a": true, "em": true, "strong": true, "code": true, "del": true, "span": true,
	"b": true, "i": true, "u": true, "s": true, "sub": true, "sup": true, "mark": true, "abbr": true,
}

// fold lower-cases s and takes the diacritics off Latin letters (å to a,
// é to e), as search.js does with s.toLowerCase().normalize("NFD") without
// combining marks; letters that do not decompose (æ, ø, ł) stay. Other
// characters than letters, digits, hyphens and apostrophes become space.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range strings.ToLower(s) {
		if base, ok := latinBase[c]; ok {
			c = base
		}
		if !unicode.IsLetter(c) && !unicode.IsNumber(c) && !unicode.IsMark(c) && c != '-' && c != '\'' {
			c = ' '
		}
		b.WriteRune(c)
	}
	return strings.Join(strings.Fields(b.String()), " ")
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
