package render

import (
	"html/template"
	"strconv"
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
		if t.Tree != nil && t.Tree.Root != nil {
			foldActions(t.Tree.Root, func(a *parse.ActionNode) (string, bool) {
				key, ok := literalLabel(a)
				if !ok {
					return "", false
				}
				_, known := r.text.labels[key]
				return r.text.get(key), known
			})
		}
	}
}

// foldActions replaces the pipeline of each action of list for which fold
// gives text with that text as a string constant, and goes into if, range
// and with.
func foldActions(list *parse.ListNode, fold func(a *parse.ActionNode) (string, bool)) {
	if list == nil {
		return
	}
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if text, ok := fold(n); ok {
				cmd := n.Pipe.Cmds[0]
				cmd.Args = []parse.Node{&parse.StringNode{NodeType: parse.NodeString, Pos: cmd.Args[0].Position(), Quoted: strconv.Quote(text), Text: text}}
			}
		case *parse.IfNode:
			foldActions(n.List, fold)
			foldActions(n.ElseList, fold)
		case *parse.RangeNode:
			foldActions(n.List, fold)
			foldActions(n.ElseList, fold)
		case *parse.WithNode:
			foldActions(n.List, fold)
			foldActions(n.ElseList, fold)
		case *parse.ListNode:
			foldActions(n, fold)
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
