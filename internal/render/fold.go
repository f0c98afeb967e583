package render

import (
	"html/template"
	"strings"
	"text/template/parse"
)

// foldLabels replaces every {{t "key"}} in the templates of set with the
// label's text, escaped, before the templates first run. Labels do not
// change during a build, and html/template calls every function through
// reflection: on a site of thousands of pages, looking the same few
// dozen labels up on every page is most of the rendering time.
// Only the plain form with a literal key is folded; {{t .X}}, {{tf ...}}
// and pipelines run as written.
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

// foldActions replaces each action of list for which fold gives text with
// that text, escaped, and goes into if, range and with.
func foldActions(list *parse.ListNode, fold func(a *parse.ActionNode) (string, bool)) {
	if list == nil {
		return
	}
	for i, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if text, ok := fold(n); ok {
				list.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(escapeHTML(text))}
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

// escapeHTML escapes text as html/template does in HTML text, in quoted
// attribute values and in <title>, so that a folded value gives the bytes
// the action would have given.
var escapeHTML = strings.NewReplacer(
	"\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;",
).Replace
