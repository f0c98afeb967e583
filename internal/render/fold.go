package render

import (
	"html/template"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
)

// foldLabels replaces every {{t "key"}} in the templates of set with the
// label's text as a constant, {{"text"}}, before the templates first run.
// Labels do not change during a build, and html/template calls every
// function through reflection: on a site of thousands of pages, looking
// the same few dozen labels up on every page is much of the rendering
// time.
//
// The label stays an action, so html/template escapes it for the context
// it lands in, as it does the value of {{t "key"}}: HTML text, an
// attribute, a URL, a script or a style sheet, in the default templates
// and in a site's own alike. Only the plain form with a literal key is
// folded; {{t .X}}, {{tf ...}}, {{label ...}} and pipelines run as
// written.
func (r *renderer) foldLabels(set *template.Template) {
	for _, t := range set.Templates() {
		if t.Tree == nil {
			continue
		}
		replaceActions(t.Tree.Root, func(a *parse.ActionNode) parse.Node {
			key, ok := literalLabel(a)
			if _, known := r.text.labels[key]; !ok || !known {
				return a
			}
			text := r.text.get(key)
			cmd := a.Pipe.Cmds[0]
			cmd.Args = []parse.Node{&parse.StringNode{NodeType: parse.NodeString, Pos: cmd.Args[0].Position(), Quoted: strconv.Quote(text), Text: text}}
			return a
		})
	}
}

// replaceActions puts in place of each action under list, in if, range
// and with too, the node that f gives for it (the action itself to keep
// it).
func replaceActions(list *parse.ListNode, f func(*parse.ActionNode) parse.Node) {
	if list == nil {
		return
	}
	for i, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			list.Nodes[i] = f(n)
		case *parse.IfNode:
			replaceActions(n.List, f)
			replaceActions(n.ElseList, f)
		case *parse.RangeNode:
			replaceActions(n.List, f)
			replaceActions(n.ElseList, f)
		case *parse.WithNode:
			replaceActions(n.List, f)
			replaceActions(n.ElseList, f)
		case *parse.ListNode:
			replaceActions(n, f)
		}
	}
}

// literalLabel reports the key of an action that is exactly {{t "key"}}.
func literalLabel(a *parse.ActionNode) (string, bool) {
	if a.Pipe == nil || len(a.Pipe.Decl) > 0 || len(a.Pipe.Cmds) != 1 {
		return "", false
	}
	args := a.Pipe.Cmds[0].Args
	if len(args) != 2 {
		return "", false
	}
	fn, ok := args[0].(*parse.IdentifierNode)
	if !ok || fn.Ident != "t" {
		return "", false
	}
	s, ok := args[1].(*parse.StringNode)
	if !ok {
		return "", false
	}
	return s.Text, true
}

// settle has html/template escape the page template of each kind, and
// the fragments it draws, before the first page, then writes each
// constant that an escaper leaves as it is as template text
// (foldEscaped), and has each other action end in one fused escaper
// instead of a chain of them (escape.go). html/template escapes a
// template the first time it runs; settle runs each with no data, which
// fails at its first field once the template is escaped, and writes
// nothing.
func (r *renderer) settle() {
	var funcs template.FuncMap
	if fuseEscapers {
		funcs = fusedFuncs()
	}
	for kind, set := range r.pages {
		for _, name := range append([]string{kind + ".html"}, fragmentNames(set)...) {
			_ = set.ExecuteTemplate(io.Discard, name, nil)
		}
		set.Funcs(funcs)
		for _, t := range set.Templates() {
			if t.Tree != nil {
				replaceActions(t.Tree.Root, foldEscaped)
				replaceActions(t.Tree.Root, fuseChain(funcs))
			}
		}
	}
}

// fragmentNames are the templates that the templates of set draw with
// {{fragment "name" ...}}.
func fragmentNames(set *template.Template) []string {
	seen := map[string]bool{}
	for _, t := range set.Templates() {
		if t.Tree == nil {
			continue
		}
		walk(t.Tree.Root, func(n parse.Node) {
			if name, ok := fragmentCall(n); ok && name != "" {
				seen[name] = true
			}
		})
	}
	return slices.Sorted(maps.Keys(seen))
}

// foldEscaped is, for an action that html/template has escaped into a
// string constant and escapers that give such a string back as it is,
// {{"Starta" | _html_template_htmlescaper}}, the string as template text;
// for any other action the action. A folded label (foldLabels) is such an
// action: on a session view there are dozens, each a call through
// reflection on every page. Only text in HTML, an attribute's quoted value
// or RCDATA qualifies, and only a string without a character those
// escapers change; every other action, and every action of a template not
// yet escaped, runs as it is.
func foldEscaped(a *parse.ActionNode) parse.Node {
	if s, ok := escapedConstant(a); ok {
		return &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(s)}
	}
	return a
}

// sameEscapers are html/template's escapers that give back a string with
// none of unchanged's characters as it is: HTML text, a quoted attribute
// value, RCDATA (html/template's escape.go and html.go).
var sameEscapers = map[string]bool{
	"_html_template_htmlescaper":   true,
	"_html_template_attrescaper":   true,
	"_html_template_rcdataescaper": true,
}

// escapedConstant is the string an escaped action prints when it is a
// string constant through sameEscapers alone that they leave as it is.
func escapedConstant(a *parse.ActionNode) (string, bool) {
	p := a.Pipe
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 || len(p.Cmds[0].Args) != 1 {
		return "", false
	}
	s, ok := p.Cmds[0].Args[0].(*parse.StringNode)
	if !ok || strings.ContainsAny(s.Text, unchanged) {
		return "", false
	}
	for _, c := range p.Cmds[1:] {
		if len(c.Args) != 1 {
			return "", false
		}
		if id, ok := c.Args[0].(*parse.IdentifierNode); !ok || !sameEscapers[id.Ident] {
			return "", false
		}
	}
	return s.Text, true
}

// unchanged are the characters that sameEscapers write otherwise (their
// htmlReplacementTable), and the NUL they replace.
const unchanged = "\x00\"&'+<>"
