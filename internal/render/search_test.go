package render

import (
	"encoding/json"
	"io/fs"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
	"github.com/sprintkit/sprintkit/templates"
)

func loadRenderer(t testing.TB, fsys fs.FS) *renderer {
	t.Helper()
	s, err := site.Load(fsys, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := newRenderer(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// decodeIndex checks that search-index.js is one assignment of JSON data to
// the global that search.js reads, and returns the data.
func decodeIndex(t *testing.T, b []byte) searchIndex {
	t.Helper()
	src := string(b)
	_, js, ok := strings.Cut(src, "\nwindow.sprintkitSearch = ")
	if !ok || !strings.HasSuffix(js, ";\n") {
		t.Fatalf("search index is not `window.sprintkitSearch = {...};`:\n%.300s", src)
	}
	var idx searchIndex
	if err := json.Unmarshal([]byte(strings.TrimSuffix(js, ";\n")), &idx); err != nil {
		t.Fatalf("search index data: %v", err)
	}
	return idx
}

func TestSearchIndexSize(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a site of 10,000 sprints")
	}
	// On disk: fstest.MapFS lists a folder by scanning every file.
	dir := t.TempDir()
	if err := sitegen.WriteDir(dir, 10000); err != nil {
		t.Fatal(err)
	}
	r := loadRenderer(t, os.DirFS(dir))
	b, err := r.searchIndex()
	if err != nil {
		t.Fatal(err)
	}
	idx := decodeIndex(t, b)
	if n := len(docsOf(idx, "sprint")); n != 10000 {
		t.Errorf("index has %d sprints, want 10000", n)
	}
	const limit = 3 << 20
	t.Logf("search index of 10,000 sprints: %d bytes (%.2f MiB, limit 3 MiB)", len(b), float64(len(b))/(1<<20))
	if len(b) >= limit {
		t.Errorf("search index of 10,000 sprints is %d bytes, want under %d", len(b), limit)
	}
}

func TestSearchIndexText(t *testing.T) {
	fsys := sitegen.MapFS(3)
	fsys["sprints/2026-01-02-x/sprint.toml"] = &fstest.MapFile{Data: []byte(`title = "Läser <script>alert(1)</script> kunderna?"
date = 2026-01-02
team = "Kundtjänst & Co"
study = "studie-0"
status = "done"
[assumption]
belief = "Vi tror att **Åsa** läser [brevet](https://example.com) ` + strings.Repeat("mycket långt ", 40) + `"
basis = "assumption"
[question]
ask = "Läste du brevet?"
method = "interview"
[action]
do = "Vi skriver om det."
team = "Kommunikation"
owner = "Örjan Lind"
[result]
verdict = "refuted"
learned = "Ingen läste *det*, sa de."
`)}
	r := loadRenderer(t, fsys)
	b, err := r.searchIndex()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "</script") || strings.Contains(string(b), "<script") {
		t.Errorf("search index holds a raw <script tag:\n%s", b)
	}
	idx := decodeIndex(t, b)
	var sp [11]any
	for _, d := range docsOf(idx, "sprint") {
		if d[2] == "2026-01-02-x" {
			sp = d
		}
	}
	if sp[0] == nil {
		t.Fatalf("sprint 2026-01-02-x is not in the index")
	}
	if sp[1] != "Läser <script>alert(1)</script> kunderna?" {
		t.Errorf("title = %q, want it as written", sp[1])
	}
	if state := idx.States[int(sp[6].(float64))]; sp[3] != "2026-01-02" || state != "verdict.refuted" {
		t.Errorf("date and state = %q, %q; want 2026-01-02, verdict.refuted", sp[3], state)
	}
	if team := idx.Teams[int(sp[4].(float64))]; team != "Kundtjänst & Co" {
		t.Errorf("team = %q", team)
	}
	if idx.Links[1] != "sprints/%/index.html" {
		t.Errorf("sprint link = %q, want sprints/%%/index.html", idx.Links[1])
	}
	head, lesson, body := fieldWords(t, idx, sp, 0), fieldWords(t, idx, sp, 1), fieldWords(t, idx, sp, 2)
	all := head + " " + lesson + " " + body
	if strings.Count(" "+all+" ", " kunderna ") != 1 {
		t.Errorf("the words of the title are not once each in the document:\n%s", all)
	}
	// The belief is in the head, beside the title; the lesson has its own field.
	for field, want := range map[string]string{head: "vi tror att asa brevet kunderna", lesson: "ingen laste det sa de", body: "du skriver om kommunikation orjan lind"} {
		for _, w := range strings.Fields(want) {
			if !strings.Contains(" "+field+" ", " "+w+" ") {
				t.Errorf("a field lacks the word %q (from %q):\n%s", w, want, field)
			}
		}
	}
	for _, bad := range []string{"**", "https", "(", "*", "Å"} {
		if strings.Contains(all, bad) {
			t.Errorf("index text holds %q: Markdown not stripped or text not folded:\n%s", bad, all)
		}
	}
	if strings.Count(all, "mycket") != 1 {
		t.Errorf("a repeated word is kept %d times, want once", strings.Count(all, "mycket"))
	}
	if slices.Index(idx.Words, "mycket") < 0 || len(slices.Compact(slices.Sorted(slices.Values(idx.Words)))) != len(idx.Words) {
		t.Errorf("the vocabulary lacks a word or holds one twice")
	}
}

// docsOf returns the index's documents of one kind.
func docsOf(idx searchIndex, kind string) [][11]any {
	var out [][11]any
	for _, d := range idx.Docs {
		if idx.Kinds[int(d[0].(float64))] == kind {
			out = append(out, d)
		}
	}
	return out
}

// fieldWords returns the words of field f (0 head, 1 lesson, 2 body, 3
// notes) of document d, as search.js reads them.
func fieldWords(t *testing.T, idx searchIndex, d [11]any, f int) string {
	t.Helper()
	s, _ := d[7+f].(string)
	if s == "" {
		return ""
	}
	var words []string
	id := 0
	for _, part := range strings.Split(s, ".") {
		run, step := 1, part
		if r, ok := strings.CutPrefix(part, "+"); ok {
			n, err := strconv.ParseInt(r, 36, 64)
			if err != nil {
				t.Fatalf("field %d of %v: %q is not a run", f, d[:3], part)
			}
			run, step = int(n), "1"
		}
		n, err := strconv.ParseInt(step, 36, 64)
		for range run {
			if err != nil || id+int(n) >= len(idx.Words) {
				t.Fatalf("field %d of %v: %q is not a position in the vocabulary", f, d[:3], part)
			}
			id += int(n)
			words = append(words, idx.Words[id])
		}
	}
	return strings.Join(words, " ")
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Åsa Öberg-Ängel":       "asa oberg-angel",
		"Crème brûlée, façade!": "creme brulee facade",
		"Smørrebrød Æble Łódź":  "smørrebrød æble łodz",
		"SMS:et 90 minuter":     "sms et 90 minuter",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFoldAsBefore holds fold to what it was written as first, a lower
// casing, a look-up of each character and a split into words, over random
// text of ASCII, Latin letters with marks, other scripts, spaces of every
// kind and broken UTF-8.
func TestFoldAsBefore(t *testing.T) {
	before := func(s string) string {
		var b strings.Builder
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
	pieces := []string{"a", "Z", "0", "-", "'", " ", "  ", "\t", "\n", ",", ":", "Å", "ä", "Ö", "é", "ẞ", "İ", "Σ", "ς", "Ж", "日本",
		"\u00a0", "\u2003", "\u0085", "\u0301", "æ", "Ł", "\xff", "\xc3", "\xe2\x82", "🙂", "١٢", "Ǆ", "K"}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(12) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		if in := b.String(); fold(in) != before(in) {
			t.Fatalf("fold(%q) = %q, before %q", in, fold(in), before(in))
		}
	}
}

// TestSearchWordsAsBefore compares searchWords with the words of fold
// and plainText, as the index took them before, on random HTML of tags,
// character references and every kind of space.
func TestSearchWordsAsBefore(t *testing.T) {
	pieces := []string{"a", "Ö", "é", "ord", "-", "'", " ", "\t", "\n", ",", "<p>", "</p>", "<em>", "</em>", "<br />", `<a href="x y">`, "</a>",
		"<li>", "<code>", "&amp;", "&lt;", "&#39;", "&nbsp;", "&", "&x", "<", ">", "\u00a0", "\u2003", "\u0085", "日本", "\xff", "1"}
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(16) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		in := b.String()
		if got, want := slices.Collect(searchWords(in)), strings.Fields(fold(plainText(in))); !slices.Equal(got, want) {
			t.Fatalf("searchWords(%q) = %q, before %q", in, got, want)
		}
	}
}

func TestPlainText(t *testing.T) {
	for in, want := range map[string]string{
		"<p>Det var <strong>inloggningen</strong>, inte SMS:et.</p>\n": "Det var inloggningen, inte SMS:et.",
		"<ul>\n<li>ett</li>\n<li>två</li>\n</ul>":                      "ett två",
		"<p>a &amp; b &lt;c&gt;</p>":                                   "a & b <c>",
	} {
		if got := plainText(in); got != want {
			t.Errorf("plainText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSearchIndexYear checks the index of a year's site of 450 sprints,
// with every word of their notes: at most 1 MB, and a word that occurs
// only in one notes.md is in that sprint's notes field. It logs the size
// per 100 sprints, which the README gives.
func TestSearchIndexYear(t *testing.T) {
	for _, n := range []int{150, 450} {
		r := loadRenderer(t, sitegen.YearMapFS(n))
		b, err := r.searchIndex()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("search index of a year of %d sprints: %d bytes, %d per 100 sprints", n, len(b), len(b)*100/n)
		if n == 450 && len(b) > 1_000_000 {
			t.Errorf("search index of a year of 450 sprints is %d bytes, want at most 1 MB", len(b))
		}
		idx := decodeIndex(t, b)
		facts := sitegen.YearInfo(n)
		found := false
		for _, d := range docsOf(idx, "sprint") {
			notes := " " + fieldWords(t, idx, d, 3) + " "
			if strings.Contains(notes, " "+facts.NotesWord+" ") {
				if d[2] != facts.NotesWordSprint {
					t.Errorf("%q is in the notes of %s, want only %s", facts.NotesWord, d[2], facts.NotesWordSprint)
				}
				found = true
			}
		}
		if !found {
			t.Errorf("%q, in the notes of %s, is not in the index", facts.NotesWord, facts.NotesWordSprint)
		}
		kinds := map[string]int{}
		for _, d := range idx.Docs {
			kinds[idx.Kinds[int(d[0].(float64))]]++
		}
		if kinds["study"] != 3 || kinds["belief"] == 0 || kinds["change"] == 0 || kinds["sprint"] != n {
			t.Errorf("documents by kind: %v", kinds)
		}
	}
}

// heldNotes is a Writer that notes, at each file, the most sprints whose
// rendered notes the build held at once. It takes its time over a
// sprint's pages, so that the pages, not the search index, are what holds
// the build back, however busy the machine is.
type heldNotes struct {
	r    *renderer
	mu   sync.Mutex
	most int
}

func (h *heldNotes) WriteFile(name string, _ []byte) error {
	if strings.HasPrefix(name, "sprints/") {
		time.Sleep(time.Millisecond)
	}
	held := 0
	for i := range h.r.sprintNotes {
		n := &h.r.sprintNotes[i]
		n.mu.Lock()
		if n.html != "" {
			held++
		}
		n.mu.Unlock()
	}
	h.mu.Lock()
	h.most = max(h.most, held)
	h.mu.Unlock()
	return nil
}

// TestSearchFollowsThePages checks that a build holds the notes of a few
// sprints at a time, not of every sprint: the search index, made beside
// the pages, follows the sprints' pages instead of running ahead of them
// and holding the notes it rendered until their pages come (171 of 200
// sprints' notes were held at once so). The pages take a millisecond
// each to write: the index would have to wait some 60 ms for a core to fall
// that far behind them.
func TestSearchFollowsThePages(t *testing.T) {
	fsys := sitegen.MapFS(200)
	r := loadRenderer(t, fsys)
	h := &heldNotes{r: r}
	if err := r.run(fsys, h); err != nil {
		t.Fatal(err)
	}
	if limit := 3 * pageQueue / 2; h.most > limit || h.most == 0 {
		t.Errorf("the notes of up to %d sprints were held at once, want 1 to %d", h.most, limit)
	}
}

// TestFragmentsGoAfterTheLists checks that a build lets the rows it drew
// for the lists go once the lists are drawn: the pages after them draw
// none, and a year's rows are some megabytes.
func TestFragmentsGoAfterTheLists(t *testing.T) {
	fsys := sitegen.MapFS(200)
	r := loadRenderer(t, fsys)
	var k keeper
	if err := r.run(fsys, &k); err != nil {
		t.Fatal(err)
	}
	r.fragMu.Lock()
	kept := len(r.frags)
	r.fragMu.Unlock()
	if kept > 10 {
		t.Errorf("%d fragments kept after the build, want the few of the pages after the lists", kept)
	}
}

// hookWriter keeps the files it is given, and calls written with each
// name once the file is kept.
type hookWriter struct {
	keeper
	written func(name string)
}

func (w *hookWriter) WriteFile(name string, data []byte) error {
	err := w.keeper.WriteFile(name, data)
	w.written(name)
	return err
}

// TestFragmentsGoWithTheirLists checks that the rows that one page alone
// draws (the board's, the home page's) are never kept, and that the rows
// that only one kind of list draws go as soon as its last page is drawn,
// while the lists go on: a year's rows are megabytes.
func TestFragmentsGoWithTheirLists(t *testing.T) {
	fsys := sitegen.MapFS(1000) // two studies
	// A study page of the site's own that draws each sprint as a
	// fragment that no other page draws.
	study, err := fs.ReadFile(templates.FS, "study.html")
	if err != nil {
		t.Fatal(err)
	}
	own := strings.Replace(string(study), `{{template "sprintlist" .Sprints}}`,
		`{{range .Sprints}}{{fragment "studyrow" .}}{{end}}`, 1) + `{{define "studyrow"}}<p>{{.Title}}</p>{{end}}`
	if own == string(study)+`{{define "studyrow"}}<p>{{.Title}}</p>{{end}}` {
		t.Fatal("study.html no longer draws its sprints with sprintlist")
	}
	s, err := site.Load(fsys, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := newRenderer(s, Options{Overrides: fstest.MapFS{"study.html": {Data: []byte(own)}}})
	if err != nil {
		t.Fatal(err)
	}
	kept := func(name string) int {
		r.fragMu.Lock()
		defer r.fragMu.Unlock()
		return len(r.frags[name])
	}
	var mu sync.Mutex
	got := map[string][]int{}
	w := &hookWriter{written: func(name string) {
		var at string
		switch {
		case name == layout.Assumptions, name == layout.Index:
			at = name
		case strings.HasPrefix(name, "studies/") && name != layout.Studies:
			at = "study"
		case strings.HasPrefix(name, "teams/") && strings.HasSuffix(name, ".html"):
			at = "team"
		default:
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if _, ok := got[at]; !ok { // the first page of each
			got[at] = []int{kept("boarditem"), kept("sprintline"), kept("studyrow")}
		}
	}}
	if err := r.run(fsys, w); err != nil {
		t.Fatal(err)
	}
	// The lists are drawn one at a time in the order of kinds: the home
	// page, the board, ..., the study pages, the team pages.
	for _, at := range []string{layout.Index, layout.Assumptions} {
		if g := got[at]; len(g) != 3 || g[0] != 0 || g[1] != 0 {
			t.Errorf("when %s was drawn, %v rows of the board and the home page were kept; want none", at, g)
		}
	}
	if g := got["study"]; len(g) != 3 || g[2] == 0 {
		t.Errorf("when the first study page was drawn, %v of its rows were kept; want some, for the next study pages", g)
	}
	if g := got["team"]; len(g) != 3 || g[2] != 0 {
		t.Errorf("when the first team page was drawn, %v rows of the study pages were kept; want none", g)
	}
}
