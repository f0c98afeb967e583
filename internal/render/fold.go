package render

import (
	"html"
	"html/template"
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
			r.foldList(t.Tree.Root)
		}
	}
}

func (r *renderer) foldList(list *parse.ListNode) {
	if list == nil {
		return
	}
	for i, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if key, ok := literalLabel(n); ok {
				if _, known := r.text.labels[key]; known {
					list.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(html.EscapeString(r.text.get(key)))}
				}
			}
		case *parse.IfNode:
			r.foldList(n.List)
			r.foldList(n.ElseList)
		case *parse.RangeNode:
			r.foldList(n.List)
			r.foldList(n.ElseList)
		case *parse.WithNode:
			r.foldList(n.List)
			r.foldList(n.ElseList)
		case *parse.ListNode:
			r.foldList(n)
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
