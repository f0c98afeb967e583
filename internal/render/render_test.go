package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
	"github.com/sprintkit/sprintkit/templates"
)

// failingWriter fails every write and counts them.
type failingWriter struct{ calls atomic.Int64 }

var errDiskFull = errors.New("no space left on device")

func (f *failingWriter) WriteFile(string, []byte) error {
	f.calls.Add(1)
	return errDiskFull
}

// TestFailedWriteStopsRender checks that once a write fails, as it does
// when the disk is full or the build is interrupted, the pages still to
// come are not rendered: each worker finishes at most the page it holds.
func TestFailedWriteStopsRender(t *testing.T) {
	fsys := sitegen.MapFS(200)
	s, err := site.Load(fsys, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var w failingWriter
	err = Render(s, fsys, Options{}, &w)
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("Render = %v, want the write's error", err)
	}
	// The page workers, and the goroutine that writes the assets, the
	// search index and the feed, which stops at its own first failure.
	if most := int64(runtime.GOMAXPROCS(0) + 1); w.calls.Load() > most {
		t.Errorf("%d writes, want at most %d of a site of %d pages", w.calls.Load(), most, 2*len(s.Sprints))
	}
}

// TestTemplateAsksForWhatItsViewLacks checks that a template written for
// the model (the way templates were written before views) fails with a
// problem that names the template file and the place, for a page's own
// file, for base.html and inside a fragment.
func TestTemplateAsksForWhatItsViewLacks(t *testing.T) {
	s, err := site.Load(sitegen.MapFS(2), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	base, err := templates.FS.ReadFile("base.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file, text, want string
	}{
		{"sprint.html", "{{template \"base\" .}}\n{{define \"main\"}}\n<h1>{{.Sprint.Title}}</h1>{{end}}", "templates/sprint.html:3:13: drawing sprints/"},
		{"base.html", strings.Replace(string(base), "{{.Frame.SiteTitle}}</title>", "{{.Site.Settings.Title}}</title>", 1), "templates/base.html:7:"},
		{"base.html", strings.Replace(string(base), "<a href=\"{{.URL}}\">{{.Title}}</a>", "<a href=\"{{.URL}}\">{{.Sprint.Title}}</a>", 1), "can't evaluate field Sprint in type render.SprintItem"},
	} {
		err := Render(s, nil, Options{Overrides: fstest.MapFS{tc.file: {Data: []byte(tc.text)}}}, discardWriter{})
		var probs site.Problems
		if !errors.As(err, &probs) {
			t.Errorf("%s: got %v, want problems", tc.file, err)
			continue
		}
		if got := probs.Error(); !strings.Contains(got, tc.want) {
			t.Errorf("%s: got\n%s\nwant it to hold %q", tc.file, got, tc.want)
		}
	}
}

type discardWriter struct{}

func (discardWriter) WriteFile(string, []byte) error { return nil }

func TestOneLine(t *testing.T) {
	for _, s := range []string{
		"Plain words, one line.", "Two  spaces", " lead", "trail ", "*stars* and _under_", "a\nb", "# head",
		"åäö ünïcode", "`code`", strings.Repeat("ord ", 60), "", "x", "tab\there",
	} {
		want := strings.Join(strings.Fields(s), " ")
		want = markup.Replace(want)
		if r := []rune(want); len(r) > 200 {
			want = string(r[:199]) + "…"
		}
		if got := oneLine(s); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestMapShowsTheFirstFew checks that a cell of the map shows the first
// few of a long list, says how many more there are, and opens in place to
// the whole list.
func TestMapShowsTheFirstFew(t *testing.T) {
	fsys := sitegen.MapFS(60)
	s, err := site.Load(fsys, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var k keeper
	if err := Render(s, fsys, Options{}, &k); err != nil {
		t.Fatal(err)
	}
	st := s.Studies[0]
	page := string(k.files["studies/"+st.ID+"/index.html"])
	sg := st.Stages[0]
	done := 0
	for _, sp := range sg.Sprints {
		if sp.Outcome() != site.Untested {
			done++
		}
	}
	if done <= 3 {
		t.Fatalf("the stage has %d lessons; the test needs more than 3", done)
	}
	_, col, ok := strings.Cut(page, `<li class="stage-col" id="stage-`+sg.ID+`">`)
	if !ok {
		t.Fatal("the map has no column for the first stage")
	}
	_, cell, _ := strings.Cut(col, `<details class="cell list lane-learned">`)
	cell, _, _ = strings.Cut(cell, "</details>")
	summary, whole, _ := strings.Cut(cell, "</summary>")
	if n := strings.Count(summary, `<span class="item">`); n != 3 {
		t.Errorf("the closed cell shows %d lessons, want the first 3", n)
	}
	// A <summary> holds text: no paragraph, no link, no emphasis of the
	// lesson's Markdown (the whole list below has them).
	for _, tag := range []string{"<p>", "<a ", "<em>"} {
		if strings.Contains(summary, tag) {
			t.Errorf("the closed cell's summary holds %s", tag)
		}
	}
	if !strings.Contains(whole, "<em>") {
		t.Error("the open cell lost the lessons' emphasis")
	}
	for _, k := range []int{1, 2, 3} {
		more := fmt.Sprintf(`<span class="more m%d">och %d till`, k, done-k)
		if !strings.Contains(summary, more) {
			t.Errorf("the closed cell lacks %s", more)
		}
	}
	if n := strings.Count(whole, "<li>"); n != done {
		t.Errorf("the open cell shows %d lessons, want all %d", n, done)
	}
}

// TestCSSString: a label in a style sheet comes out as the label, colons
// and all, and nothing in it ends the string or the style element.
func TestCSSString(t *testing.T) {
	page := template.Must(template.New("p").Funcs(template.FuncMap{"cssString": cssString}).Parse(`<style>p::before { content: {{cssString .}}; }</style>`))
	for in, want := range map[string]string{
		"Klart senast (hh:mm)":  `content: "Klart senast (hh:mm)";`,
		"Läge: ":                `content: "Läge: ";`,
		`Ägare " } </style><b>`: `content: "Ägare \22  \7d  \3c \2f style\3e \3c b\3e ";`,
		"två\nrader\\":          `content: "två\a rader\5c ";`,
	} {
		var b bytes.Buffer
		if err := page.Execute(&b, in); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); !strings.Contains(got, want) || strings.Count(got, "</style>") != 1 {
			t.Errorf("%q: %s, want %s", in, got, want)
		}
	}
}
