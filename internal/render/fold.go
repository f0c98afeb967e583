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
			foldActions(t.Tree.Root, true, func(a *parse.ActionNode, _ bool) (string, bool) {
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
// that text, escaped, and goes into if, range and with. pageDot says
// whether dot is still what it was at the top: range and with change it.
func foldActions(list *parse.ListNode, pageDot bool, fold func(a *parse.ActionNode, pageDot bool) (string, bool)) {
	if list == nil {
		return
	}
	for i, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if text, ok := fold(n, pageDot); ok {
				list.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(escapeHTML(text))}
			}
		case *parse.IfNode:
			foldActions(n.List, pageDot, fold)
			foldActions(n.ElseList, pageDot, fold)
		case *parse.RangeNode:
			foldActions(n.List, false, fold)
			foldActions(n.ElseList, pageDot, fold)
		case *parse.WithNode:
			foldActions(n.List, false, fold)
			foldActions(n.ElseList, pageDot, fold)
		case *parse.ListNode:
			foldActions(n, pageDot, fold)
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

// pageRoots is the way to the top of the site from each kind of page whose
// depth is the same on every page of the kind (a free page's is not).
var pageRoots = map[string]string{
	"index": "", "404": "", "assumptions": "../",
	"sprint": "../../", "study": "../../", "team": "../../", "session": "../../../",
}

// foldPage replaces, in the default templates of a kind of page, the
// values that are the same on every page of the kind with their text:
// {{.Root}} (where dot is the page's data) and {{$.Root}}, {{.Lang}},
// {{.Kind}} and {{.Site.Settings.Title}}. A sprint page has a dozen
// links, and each {{.Root}} costs three escaper calls by reflection.
// Only the templates that run with the page's data as dot are folded:
// the kind's own file, base, main, head and scripts.
func (r *renderer) foldPage(set *template.Template, kind string) {
	root, ok := pageRoots[kind]
	if !ok || !r.stock[kind] {
		return
	}
	values := map[string]string{
		"Root":                root,
		"Lang":                r.site.Settings.Language,
		"Kind":                kind,
		"Site.Settings.Title": r.site.Settings.Title,
	}
	for _, name := range []string{kind + ".html", "base", "main", "head", "scripts"} {
		if t := set.Lookup(name); t != nil && t.Tree != nil {
			foldActions(t.Tree.Root, true, func(a *parse.ActionNode, pageDot bool) (string, bool) {
				return pageValue(a, values, pageDot)
			})
		}
	}
}

// pageValue reports the value an action prints when it is exactly {{.X}}
// (with dot the page's data) or {{$.X}} for X in values.
func pageValue(a *parse.ActionNode, values map[string]string, pageDot bool) (string, bool) {
	if a.Pipe == nil || len(a.Pipe.Decl) > 0 || len(a.Pipe.Cmds) != 1 || len(a.Pipe.Cmds[0].Args) != 1 {
		return "", false
	}
	var field []string
	switch arg := a.Pipe.Cmds[0].Args[0].(type) {
	case *parse.FieldNode:
		if !pageDot {
			return "", false
		}
		field = arg.Ident
	case *parse.VariableNode:
		if len(arg.Ident) < 2 || arg.Ident[0] != "$" {
			return "", false
		}
		field = arg.Ident[1:]
	default:
		return "", false
	}
	v, ok := values[strings.Join(field, ".")]
	return v, ok
}

// escapeHTML escapes text as html/template does in HTML text, in quoted
// attribute values and in <title>, so that a folded value gives the bytes
// the action would have given.
var escapeHTML = strings.NewReplacer(
	"\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;",
).Replace
