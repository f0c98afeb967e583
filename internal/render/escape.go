package render

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
)

// fuseEscapers is false in the tests that draw a site with html/template's
// escapers as they are, to compare.
var fuseEscapers = true

// A fused escaper stands for a chain of html/template's escapers at the end
// of an action's pipeline: {{.URL | _html_template_urlfilter |
// _html_template_urlnormalizer | _html_template_attrescaper}} becomes
// {{.URL | _sprintkit_url}}. html/template calls each escaper through
// reflection with a list of arguments made for the call; a page of a
// year's site has hundreds of actions, and their escapers were most of
// the time that drawing it took.
//
// A fused escaper gives what the chain gives, always: a value that the
// chain would give back as it is (a string with none of the characters it
// changes, a number, HTML in HTML text) it gives back at once; any other
// it hands to a probe, a one-action template that html/template has
// escaped with the same chain, and takes the probe's output.
//
// settle fuses only once it has run every template a page runs (a kind's
// page and the fragments it names): html/template escapes a template the
// first time it runs, and one escaped after the fusing would not know the
// fused escapers and would escape their output again.
type fused struct {
	name   string
	chain  []string // the escapers it stands for, in order
	before string   // the probe: before + "{{.V}}" + after
	after  string
	same   func(v any) (string, bool) // v as the chain gives it, when that is v itself

	once  sync.Once
	probe *template.Template // nil when html/template escapes the probe otherwise
}

// fusedEscapers are tried in order: a chain before one that ends it.
var fusedEscapers = []*fused{
	{name: "_sprintkit_url", chain: []string{"_html_template_urlfilter", "_html_template_urlnormalizer", "_html_template_attrescaper"}, before: `<a href="`, after: `">`, same: sameURL},
	{name: "_sprintkit_html", chain: []string{"_html_template_htmlescaper"}, same: sameHTML},
	{name: "_sprintkit_attr", chain: []string{"_html_template_attrescaper"}, before: `<p title="`, after: `">`, same: samePlain},
	{name: "_sprintkit_rcdata", chain: []string{"_html_template_rcdataescaper"}, before: `<title>`, after: `</title>`, same: samePlain},
}

// probeOf is f's probe, escaped, or nil when the action html/template
// escaped it into does not end in exactly f's chain: then f is not used.
func (f *fused) probeOf() *template.Template {
	f.once.Do(func() {
		t, err := template.New(f.name).Parse(f.before + "{{.V}}" + f.after)
		if err != nil {
			return
		}
		// The first run escapes the template.
		if err := t.Execute(new(bytes.Buffer), struct{ V any }{""}); err != nil {
			return
		}
		if chain, ok := escapersOf(t); ok && slices.Equal(chain, f.chain) {
			f.probe = t
		}
	})
	return f.probe
}

// escapersOf are the escapers that end the action of t, a template of one
// action once html/template has escaped it; false for another template.
func escapersOf(t *template.Template) ([]string, bool) {
	var actions []*parse.ActionNode
	walk(t.Tree.Root, func(n parse.Node) {
		if a, ok := n.(*parse.ActionNode); ok {
			actions = append(actions, a)
		}
	})
	if len(actions) != 1 {
		return nil, false
	}
	var chain []string
	for _, c := range actions[0].Pipe.Cmds[1:] {
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || len(c.Args) != 1 {
			return nil, false
		}
		chain = append(chain, id.Ident)
	}
	return chain, true
}

// escape is v through f's chain. It gives one result, as html/template's
// escapers do: a template calls it through reflection, which makes each
// result a value of its own, at every action of every page. What the
// probe cannot escape (its run fails) panics, which the template's run
// gives back as its error, as it does an escaper's.
func (f *fused) escape(v any) string {
	s, err := f.escapeValue(v)
	if err != nil {
		panic(err)
	}
	return s
}

// escapeValue is v through f's chain, or why it cannot be.
func (f *fused) escapeValue(v any) (string, error) {
	if s, ok := f.same(v); ok {
		return s, nil
	}
	var b strings.Builder
	if err := f.probe.Execute(&b, struct{ V any }{v}); err != nil {
		return "", err
	}
	s, ok := strings.CutPrefix(b.String(), f.before)
	if s, ok2 := strings.CutSuffix(s, f.after); ok && ok2 {
		return s, nil
	}
	return "", fmt.Errorf("%s: the probe wrote %q", f.name, b.String())
}

// fusedFuncs are the fused escapers whose probe html/template escapes with
// their chain, by name.
func fusedFuncs() template.FuncMap {
	m := template.FuncMap{}
	for _, f := range fusedEscapers {
		if f.probeOf() != nil {
			m[f.name] = f.escape
		}
	}
	return m
}

// fuseChain puts in place of the escapers at the end of a's pipeline the
// fused escaper of funcs that stands for them, if there is one.
func fuseChain(funcs template.FuncMap) func(a *parse.ActionNode) parse.Node {
	return func(a *parse.ActionNode) parse.Node {
		p := a.Pipe
		if p == nil || len(p.Decl) > 0 {
			return a
		}
	next:
		for _, f := range fusedEscapers {
			if funcs[f.name] == nil || len(p.Cmds) <= len(f.chain) {
				continue
			}
			tail := p.Cmds[len(p.Cmds)-len(f.chain):]
			for i, c := range tail {
				id, ok := c.Args[0].(*parse.IdentifierNode)
				if len(c.Args) != 1 || !ok || id.Ident != f.chain[i] {
					continue next
				}
			}
			tail[0].Args[0].(*parse.IdentifierNode).Ident = f.name
			p.Cmds = p.Cmds[:len(p.Cmds)-len(f.chain)+1]
			return a
		}
		return a
	}
}

// samePlain is v when it is a string or a number that html/template's
// HTML, attribute and RCDATA escapers give back as it is: one with none of
// the characters of their htmlReplacementTable.
func samePlain(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, !strings.ContainsAny(v, unchanged)
	case int:
		return strconv.Itoa(v), true
	}
	return "", false
}

// sameHTML is samePlain's value, and HTML, which html/template's HTML
// escaper gives back as it is in HTML text.
func sameHTML(v any) (string, bool) {
	if h, ok := v.(template.HTML); ok {
		return string(h), true
	}
	return samePlain(v)
}

// sameURL is v when it is a string or a number that html/template's URL
// filter, normalizer and attribute escaper give back as it is: without a
// colon (which may start a scheme the filter refuses) and of characters
// that the normalizer keeps and the attribute escaper does not change.
func sameURL(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		for i := 0; i < len(v); i++ {
			if !urlKept[v[i]] {
				return "", false
			}
		}
		return v, true
	case int:
		return strconv.Itoa(v), true
	}
	return "", false
}

// urlKept are the bytes of sameURL.
var urlKept = func() (kept [256]bool) {
	for c := '0'; c <= '9'; c++ {
		kept[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		kept[c], kept[c-'a'+'A'] = true, true
	}
	for _, c := range "-._~!#$*,/;=?@[]" {
		kept[c] = true
	}
	return kept
}()
