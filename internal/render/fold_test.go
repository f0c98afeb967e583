package render

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"

	"github.com/sprintkit/sprintkit/internal/layout"
	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// hostileLabels are labels a site's [labels] could set, each written to
// break out of a different context of a template.
var hostileLabels = map[string]string{
	"notfound.title": `1;alert(990);0`,
	"notfound.home":  `javascript:alert(1)`,
	"notfound.text":  `"><script>alert(1)</script>`,
}

// hostileTemplate is a site's own 404.html that puts labels in every
// context html/template knows: text, RCDATA, quoted and unquoted
// attributes, URLs, event handlers, scripts and style sheets. {{t "key"}}
// is folded into the template; tf and label run on every page.
const hostileTemplate = `<!doctype html>
<title>{{t "notfound.text"}}</title>
<script>var g = {{t "notfound.title"}}; var s = "{{t "notfound.text"}}";</script>
<style>p::after { content: "{{t "notfound.text"}}" } a { color: {{t "notfound.title"}} }</style>
<p title="{{t "notfound.text"}}" class={{t "notfound.text"}}>{{t "notfound.text"}}</p>
<a href="{{t "notfound.home"}}" onclick="go({{t "notfound.title"}})">home</a>
<a href="/search?q={{t "notfound.text"}}">search</a>
{{if true}}<a href="{{t "notfound.home"}}">{{t "notfound.home"}}</a>{{end}}
<script>var f = {{tf "notfound.title"}}; var l = {{label "notfound" "title"}};</script>
<a href="{{tf "notfound.home"}}">tf</a> <a href="{{label "notfound" "home"}}">label</a>
`

// TestLabelsEscapedByContext checks that the labels folded into a site's
// own template are escaped for the context each lands in, exactly as
// {{t "key"}} would be if it ran: a label is text to show, never markup,
// script or a link of its own.
func TestLabelsEscapedByContext(t *testing.T) {
	fsys := sitegen.MapFS(2)
	var toml strings.Builder
	toml.Write(fsys["content/site.toml"].Data)
	toml.WriteString("\n[labels]\n")
	for k, v := range hostileLabels {
		toml.WriteString(strconv.Quote(k) + " = " + strconv.Quote(v) + "\n")
	}
	fsys["content/site.toml"] = &fstest.MapFile{Data: []byte(toml.String())}
	s, err := site.Load(fsys, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var k keeper
	if err := Render(s, fsys, Options{Overrides: fstest.MapFS{"404.html": {Data: []byte(hostileTemplate)}}}, &k); err != nil {
		t.Fatal(err)
	}
	got := string(k.files[layout.NotFound])

	// What html/template makes of the labels when t runs as written.
	tmpl := template.Must(template.New("").Funcs(template.FuncMap{
		"t":     func(key string) string { return hostileLabels[key] },
		"tf":    func(key string, _ ...any) string { return hostileLabels[key] },
		"label": func(group, value string) string { return hostileLabels[group+"."+value] },
	}).Parse(hostileTemplate))
	var want bytes.Buffer
	if err := tmpl.Execute(&want, nil); err != nil {
		t.Fatal(err)
	}
	if got != want.String() {
		t.Errorf("folded labels give\n%s\nwant, as {{t}} gives\n%s", got, want.String())
	}

	for _, w := range []string{
		`<title>&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>`,
		`var g = "1;alert(990);0";`,
		`var s = "\u0022\u003e\u003cscript\u003ealert(1)\u003c\/script\u003e";`,
		`content: "\22\3e\3cscript\3e alert\28 1\29\3c\2fscript\3e "`,
		`color: ZgotmplZ`,
		`title="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`,
		`class=&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;>`,
		`<a href="#ZgotmplZ" onclick="go(&#34;1;alert(990);0&#34;)">`,
		`href="/search?q=%22%3e%3cscript%3ealert%281%29%3c%2fscript%3e"`,
		`<a href="#ZgotmplZ">javascript:alert(1)</a>`,
		`var f = "1;alert(990);0"; var l = "1;alert(990);0";`,
		`<a href="#ZgotmplZ">tf</a> <a href="#ZgotmplZ">label</a>`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("the page lacks %s:\n%s", w, got)
		}
	}
	if strings.Contains(got, "<script>alert") {
		t.Errorf("a label ran as script:\n%s", got)
	}
}

// TestFoldEscaped: once html/template has escaped a template, a string
// constant in HTML text, a quoted attribute or RCDATA that its escaper
// leaves as it is becomes template text; a constant the escaper changes
// (A+B), and one in a URL, a script or a style sheet, stays an action. The
// page is the same, byte for byte.
func TestFoldEscaped(t *testing.T) {
	set := template.Must(template.New("p").Parse(`<title>{{"Rubrik"}}</title>` +
		`<p title="{{"Titel"}}">{{"Text, med å"}} {{"A+B"}}</p>` +
		`<a href="{{"/x y"}}">{{"Länk"}}</a>` +
		`<script>var s = {{"js"}};</script><style>p::before { content: "{{"css"}}"; }</style>` +
		`{{if true}}{{"inne"}}{{end}}`))
	var before, after bytes.Buffer
	if err := set.Execute(&before, nil); err != nil {
		t.Fatal(err)
	}
	replaceActions(set.Tree.Root, foldEscaped)
	if err := set.Execute(&after, nil); err != nil {
		t.Fatal(err)
	}
	if before.String() != after.String() {
		t.Fatalf("folded, the page changed:\n%s\nwas\n%s", after.String(), before.String())
	}
	texts, actions := map[string]bool{}, map[string]bool{}
	walk(set.Tree.Root, func(n parse.Node) {
		switch n := n.(type) {
		case *parse.TextNode:
			texts[string(n.Text)] = true
		case *parse.ActionNode:
			if s, ok := n.Pipe.Cmds[0].Args[0].(*parse.StringNode); ok {
				actions[s.Text] = true
			}
		}
	})
	for _, s := range []string{"Rubrik", "Titel", "Text, med å", "Länk", "inne"} {
		if !texts[s] {
			t.Errorf("%q is not folded into text", s)
		}
	}
	for _, s := range []string{"A+B", "/x y", "js", "css"} {
		if !actions[s] {
			t.Errorf("%q was folded; its escaper changes it or its context is not plain HTML", s)
		}
	}
}
