package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

type stringer struct{}

func (stringer) String() string { return `a "b" & <c>` }

// escapeValues are values of every kind that reach an escaper: strings
// with and without the characters the escapers change, addresses of every
// scheme, typed content, numbers, nil, pointers and Stringers.
func escapeValues() []any {
	s := "../x/index.html"
	vs := []any{
		"", "Starta", "Läser nya kunder välkomstbrevet?", "R&D", "a+b", `"citat"`, "it's", "<b>", "\x00",
		"../../sprints/2024-01-01-sprint-00000/index.html", "index.html#section-2", "?q=1&r=2", "a b", "%41", "%zz", "%",
		"javascript:alert(1)", "JavaScript:x", "http://example.com/a", "HTTPS://x", "mailto:a@b.se", "data:text/html,x", "/a:b", "a/b:c",
		"ü/ö?å=ä", "\xff\xfe", "line\nbreak", "tab\there", "{{.}}", "(x)", "[x]", "~x_y.z-w", "!$*,;=@",
		template.HTML("<b>fet</b> & <i>x</i>"), template.HTML("plain"), template.URL("javascript:x"), template.URL("a b"),
		template.HTMLAttr(`title="x"`), template.JS("x<y"), template.CSS("a{}"),
		0, 7, -12, 3.5, true, nil, &s, (*string)(nil), stringer{}, []string{"a", "<b>"}, site.Sprint{}.Status,
	}
	for c := range 128 {
		vs = append(vs, string(rune(c)), "x"+string(rune(c))+"y")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aZ09 -._~!#$&'()*+,/:;=?@[]%\"<>\x00\\åé€\xff"
	runes := []rune(alphabet)
	for range 20000 {
		b := make([]rune, rng.IntN(12))
		for i := range b {
			b[i] = runes[rng.IntN(len(runes))]
		}
		vs = append(vs, string(b))
	}
	return vs
}

// TestFusedEscapersAsChains checks each fused escaper against
// html/template itself: for every value, it gives what a template of
// another page gives in the same context, where html/template escapes with
// the chain that the fused escaper stands for.
func TestFusedEscapersAsChains(t *testing.T) {
	contexts := map[string]string{
		"_sprintkit_html":   `<div>{{.V}}</div>`,
		"_sprintkit_attr":   `<span class="{{.V}}"></span>`,
		"_sprintkit_rcdata": `<textarea>{{.V}}</textarea>`,
		"_sprintkit_url":    `<img alt="" src="{{.V}}">`,
	}
	funcs := fusedFuncs()
	vs := escapeValues()
	for _, f := range fusedEscapers {
		t.Run(f.name, func(t *testing.T) {
			if funcs[f.name] == nil {
				t.Fatalf("html/template no longer escapes %q with %v: %s is not used", f.before+"{{.V}}"+f.after, f.chain, f.name)
			}
			ref := template.Must(template.New("ref").Parse(contexts[f.name]))
			run := func(v any) string {
				var b bytes.Buffer
				if err := ref.Execute(&b, struct{ V any }{v}); err != nil {
					t.Fatal(err)
				}
				return b.String()
			}
			run("")
			if got, ok := escapersOf(ref); !ok || !slices.Equal(got, f.chain) {
				t.Fatalf("the reference escapes with %v, not %v", got, f.chain)
			}
			before, after, _ := strings.Cut(contexts[f.name], "{{.V}}")
			same := 0
			for _, v := range vs {
				got, err := f.escapeValue(v)
				if err != nil {
					t.Fatalf("%#v: %v", v, err)
				}
				if want := run(v); before+got+after != want {
					t.Errorf("%T %#v: %q, html/template %q", v, v, before+got+after, want)
				}
				if _, ok := f.same(v); ok {
					same++
				}
			}
			if same < len(vs)/10 {
				t.Errorf("only %d of %d values given back at once", same, len(vs))
			}
		})
	}
}

// TestFusedMatchesUnfused draws sites with the fused escapers and with
// html/template's chains as they are, and finds every file the same: the
// example site, with a sprint whose texts hold every character the
// escapers change and a template of the site's own that puts them in
// other contexts, and a generated site.
func TestFusedMatchesUnfused(t *testing.T) {
	example := fstest.MapFS{}
	for p, f := range exampleFS {
		example[p] = f
	}
	plan := strings.Replace(string(exampleFS[worstPlanPath].Data), `title = "Hittar kunderna fakturans förfallodag?"`,
		`title = "R&D: \"citat\" + 'annat' <b>javascript:x</b> ?a=1&b=2"`, 1)
	if plan == string(exampleFS[worstPlanPath].Data) {
		t.Fatal("the example sprint's title is not where the test looks")
	}
	example[worstPlanPath] = &fstest.MapFile{Data: []byte(plan)}
	own := strings.Replace(string(exampleFS["templates/sprint.html"].Data), "<h1>{{.Title}}</h1>",
		`<h1 title="{{.Title}}">{{.Title}}</h1><a href="{{.Title}}">x</a><a href="?q={{.Title}}">y</a>`+
			`<p data-x={{.Title}}>{{printf "%d" .Duration}}</p><script>var t = {{.Title}};</script>`, 1)
	if own == string(exampleFS["templates/sprint.html"].Data) {
		t.Fatal("the own template is not where the test looks")
	}
	example["templates/sprint.html"] = &fstest.MapFile{Data: []byte(own)}
	for name, fsys := range map[string]fs.FS{"example": example, "generated": sitegen.MapFS(120)} {
		t.Run(name, func(t *testing.T) {
			draw := func(fuse bool) map[string][]byte {
				fuseEscapers = fuse
				defer func() { fuseEscapers = true }()
				s, err := site.Load(fsys, site.Options{Today: dataToday})
				if err != nil {
					t.Fatal(err)
				}
				overrides, _ := fs.Sub(fsys, "templates")
				var k keeper
				if err := Render(s, fsys, Options{Today: dataToday, Overrides: overrides}, &k); err != nil {
					t.Fatal(err)
				}
				return k.files
			}
			fused, chains := draw(true), draw(false)
			if len(fused) != len(chains) || len(fused) < 20 {
				t.Fatalf("%d files fused, %d with the chains", len(fused), len(chains))
			}
			for name, want := range chains {
				if got := fused[name]; !bytes.Equal(got, want) {
					t.Errorf("%s differs with the fused escapers:\n%s", name, firstDiff(got, want))
				}
			}
		})
	}
}

// firstDiff shows where a and b part.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("%q\nwas\n%q", a[from:min(len(a), i+80)], b[from:min(len(b), i+80)])
}
