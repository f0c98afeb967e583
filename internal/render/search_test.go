package render

import (
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
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
	if len(idx.Sprints) != 10000 {
		t.Errorf("index has %d sprints, want 10000", len(idx.Sprints))
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
	var sp [5]any
	for _, p := range idx.Sprints {
		if p[0] == "2026-01-02-x" {
			sp = p
		}
	}
	if sp[0] == nil {
		t.Fatalf("sprint 2026-01-02-x is not in the index: %v", idx.Sprints)
	}
	if sp[1] != "Läser <script>alert(1)</script> kunderna?" {
		t.Errorf("title = %q, want it as written", sp[1])
	}
	if team := idx.Teams[int(sp[2].(float64))]; team != "Kundtjänst & Co" {
		t.Errorf("team = %q", team)
	}
	text := sp[4].(string)
	if idx.Links[1] != "sprints/%/index.html" {
		t.Errorf("sprint link = %q, want sprints/%%/index.html", idx.Links[1])
	}
	if strings.Contains(" "+text+" ", " kunderna ") {
		t.Errorf("index text repeats a word of the title:\n%s", text)
	}
	// The action's text, the team that acts and its owner are found too.
	for _, want := range []string{"vi tror att asa brevet", "laste du", "skriver om det", "ingen", "sa de", "kommunikation", "orjan lind"} {
		words := strings.Fields(want)
		for _, w := range words {
			if !strings.Contains(" "+text+" ", " "+w+" ") {
				t.Errorf("index text lacks the word %q (from %q):\n%s", w, want, text)
			}
		}
	}
	for _, bad := range []string{"**", "https", "(", "*", "Å"} {
		if strings.Contains(text, bad) {
			t.Errorf("index text holds %q: Markdown not stripped or text not folded:\n%s", bad, text)
		}
	}
	if len(text) > 4*maxField {
		t.Errorf("index text is %d bytes: long fields are not cut", len(text))
	}
	if strings.Count(text, "mycket") != 1 {
		t.Errorf("a repeated word is kept %d times, want once", strings.Count(text, "mycket"))
	}
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
