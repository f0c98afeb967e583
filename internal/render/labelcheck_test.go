package render

import (
	"errors"
	"os"
	"testing"
	"testing/fstest"

	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// misspelt is a site's own start page that asks for labels that are not
// there, by key, by group and value, and by group.
const misspelt = `{{template "base" .}}
{{define "main"}}<h1>{{t "nav.hme"}}</h1>
<p>{{tf "card.customers" "n" 3}} {{label "state" "doing"}} {{label "action" "open"}}</p>
<p>{{if .Teams}}{{label "verdict" "suported"}}{{end}} {{label "verdikt" .Frame.Kind}}</p>
{{end}}`

// TestLabelProblems: a site's template that asks for a label by a key no
// language has is a problem at the key, with the nearest key; the default
// templates and those of before ask for none.
func TestLabelProblems(t *testing.T) {
	_, r := sitegenRenderer(t, 1, Options{})
	for kind, set := range r.pages {
		if ps := r.labelProblems(set); len(ps) > 0 {
			t.Errorf("the default templates of %s: %v", kind, ps)
		}
	}
	// A study page that sprintkit shipped before, which reads the
	// changes' and actions' states by their groups of then.
	old := must(os.ReadFile("testdata/study-before-cells.html"))
	_, r = sitegenRenderer(t, 1, Options{Overrides: fstest.MapFS{"study.html": {Data: old}}})
	if ps := r.labelProblems(r.pages["study"]); len(ps) > 0 {
		t.Errorf("testdata/study-before-cells.html: %v", ps)
	}
	// newRenderer asks labelProblems of every kind's templates, before
	// any page is drawn.
	s, err := site.Load(sitegen.MapFS(1), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = newRenderer(s, Options{Overrides: fstest.MapFS{"index.html": {Data: []byte(misspelt)}}})
	var got site.Problems
	if !errors.As(err, &got) {
		t.Fatalf("a site's template with unknown labels: %v, want its problems", err)
	}
	want := site.Problems{
		{Path: "templates/index.html", Line: 2, Col: 26, Msg: `unknown label "nav.hme" (did you mean "nav.home"?)`},
		{Path: "templates/index.html", Line: 4, Col: 35, Msg: `unknown label "verdict.suported" (did you mean "verdict.supported"?)`},
		{Path: "templates/index.html", Line: 4, Col: 63, Msg: `unknown label group "verdikt" (did you mean "verdict"?)`},
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%v\nwant\n%v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}
