package render

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/sprintkit/sprintkit/internal/labels"
	"github.com/sprintkit/sprintkit/internal/site"
)

// labelProblems are the places in the templates of set that ask for a
// label that no language has, by a key written in the template: {{t
// "key"}}, {{tf "key" ...}}, {{label "group" "value"}}, or a group no
// label is in, {{label "group" .X}}. Each is a problem at the key, in
// the template's file, with the nearest key there is; found as the
// templates are parsed, before any page is drawn, where a key that is no
// label would otherwise stand on the page as it is written.
func (r *renderer) labelProblems(set *template.Template) site.Problems {
	var out site.Problems
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		walk(t.Tree.Root, func(n parse.Node) {
			cmd, ok := n.(*parse.CommandNode)
			if !ok {
				return
			}
			if at, msg := r.text.unknown(cmd.Args); at != nil {
				out = append(out, nodeProblem(t.Tree, at, msg))
			}
		})
	}
	slices.SortFunc(out, func(a, b site.Problem) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return slices.CompactFunc(out, func(a, b site.Problem) bool { return a == b })
}

// unknown is the argument of a call of t, tf or label, with its args,
// that names a label no language has, and what is wrong with it; nil for
// another call or a label there is.
func (t *text) unknown(args []parse.Node) (parse.Node, string) {
	fn, ok := args[0].(*parse.IdentifierNode)
	if !ok || len(args) < 2 {
		return nil, ""
	}
	first, ok := args[1].(*parse.StringNode)
	if !ok {
		return nil, ""
	}
	switch fn.Ident {
	case "t", "tf":
		if !t.has(first.Text) {
			return first, fmt.Sprintf("unknown label %q%s", first.Text, site.DidYouMean(first.Text, labels.Keys()))
		}
	case "label":
		if value, ok := args[len(args)-1].(*parse.StringNode); ok && len(args) == 3 {
			if key := t.labelKey(first.Text, value.Text); !t.has(key) {
				return value, fmt.Sprintf("unknown label %q%s", key, site.DidYouMean(key, labels.Keys()))
			}
		} else if groups := labelGroups(); !slices.Contains(groups, t.groupOf(first.Text)) {
			return first, fmt.Sprintf("unknown label group %q%s", first.Text, site.DidYouMean(first.Text, groups))
		}
	}
	return nil, ""
}

// has reports whether there is a text for key: a label, or a counted
// text's key without its form.
func (t *text) has(key string) bool {
	if _, ok := t.labels[key]; ok {
		return true
	}
	_, counted := labels.Counted(key)
	return counted
}

// groupOf is the group that label reads for group: "state" for the
// groups of before the one vocabulary of states (text.label).
func (t *text) groupOf(group string) string {
	if group == "change" || group == "action" {
		return site.States.Group
	}
	return group
}

// labelGroups are the groups of the labels: what comes before the last
// dot of each key.
var labelGroups = sync.OnceValue(func() []string {
	var groups []string
	for _, k := range labels.Keys() {
		if i := strings.LastIndexByte(k, '.'); i > 0 && !slices.Contains(groups, k[:i]) {
			groups = append(groups, k[:i])
		}
	}
	return groups
})

// nodeProblem is msg at node n of tree, in the template file that holds
// it.
func nodeProblem(tree *parse.Tree, n parse.Node, msg string) site.Problem {
	p := site.Problem{Path: "templates/" + tree.ParseName, Msg: msg}
	loc, _ := tree.ErrorContext(n)
	// loc is name:line:byte, the byte counted from 0 in its line.
	if i := strings.LastIndexByte(loc, ':'); i > 0 {
		if j := strings.LastIndexByte(loc[:i], ':'); j >= 0 {
			fmt.Sscan(loc[j+1:i], &p.Line)
			fmt.Sscan(loc[i+1:], &p.Col)
			p.Col++
		}
	}
	return p
}
