package render

import (
	"bytes"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strconv"
	"sync"
	"text/template/parse"
)

// What a build reuses.
//
// A page, or a fragment of one (a sprint's line in a list, the header),
// is drawn by templates from a view and nothing else: the view is the
// key. A page's key is the identity of its kind's templates and the
// encoding of its view; a fragment's is the identity of the templates it
// runs and the encoding of its view (viewkey.go). The identity of
// templates is their parsed text, after the interface text is folded in,
// together with the site's interface text and language, which the
// template functions read.
//
// Within one build, a fragment with the same key is rendered once and
// shared by every page that shows it. Between builds (the dev server's
// Cache), a page or fragment whose key is the same is reused; a page whose
// view read nothing that changed is reused before its view is made, and
// so before its key is known (reads.go). This holds for a site's own
// templates as for the defaults, since no key is kept by hand:
// TestRandomEdits and TestReuseMatchesFreshBuild (internal/build)
// edit every kind of input and compare each reusing build with a fresh
// one.

// identify computes the identity of each kind's templates and of each
// template's closure within them (the templates it runs, and the
// fragments it draws, by name). It runs once the templates are parsed
// and folded, before any of them runs.
func (r *renderer) identify() {
	// With its own session-labels.js, a site's session views draw what
	// the asset would put in them.
	text := []string{r.site.Settings.Language, strconv.FormatBool(r.ownLabels)}
	for _, k := range slices.Sorted(maps.Keys(r.text.labels)) {
		text = append(text, k, r.text.labels[k])
	}
	r.textID = r.keys.text(text...)
	r.pageIDs = map[string]key{}
	r.fragIDs = map[string]map[string]key{}
	for kind, set := range r.pages {
		trees := map[string]string{}
		for _, t := range set.Templates() {
			if t.Tree != nil && t.Tree.Root != nil {
				trees[t.Name()] = t.Tree.Root.String()
			}
		}
		r.pageIDs[kind] = r.idOf(slices.Sorted(maps.Keys(trees)), trees)
		frags := map[string]key{}
		for name := range trees {
			frags[name] = r.idOf(closure(set, name), trees)
		}
		r.fragIDs[kind] = frags
	}
}

// idOf is the identity of the named templates, whose parsed text is in
// trees, with the site's interface text.
func (r *renderer) idOf(names []string, trees map[string]string) key {
	parts := []string{fmt.Sprint(r.textID)}
	for _, n := range names {
		parts = append(parts, n, trees[n])
	}
	return r.keys.text(parts...)
}

// closure returns, sorted, the name and every template that the template
// name in set runs or draws as a fragment, directly or not. A fragment
// whose name is not written out could be any template: then it is all of
// them.
func closure(set *template.Template, name string) []string {
	seen := map[string]bool{}
	all := false
	var visit func(n string)
	visit = func(n string) {
		if seen[n] || all {
			return
		}
		seen[n] = true
		t := set.Lookup(n)
		if t == nil || t.Tree == nil || t.Tree.Root == nil {
			return
		}
		walk(t.Tree.Root, func(node parse.Node) {
			if node, ok := node.(*parse.TemplateNode); ok {
				visit(node.Name)
			}
			switch name, ok := fragmentCall(node); {
			case ok && name != "":
				visit(name)
			case ok:
				all = true
			}
		})
	}
	visit(name)
	if all {
		var names []string
		for _, t := range set.Templates() {
			names = append(names, t.Name())
		}
		return slices.Sorted(slices.Values(names))
	}
	return slices.Sorted(maps.Keys(seen))
}

// fragmentCall reports whether n calls fragment, and the name of the
// template it draws when the call writes it out ("" when it does not).
func fragmentCall(n parse.Node) (name string, ok bool) {
	c, isCmd := n.(*parse.CommandNode)
	if !isCmd || len(c.Args) == 0 {
		return "", false
	}
	if id, isID := c.Args[0].(*parse.IdentifierNode); !isID || id.Ident != "fragment" {
		return "", false
	}
	if len(c.Args) > 1 {
		if s, isStr := c.Args[1].(*parse.StringNode); isStr {
			return s.Text, true
		}
	}
	return "", true
}

// walk calls f for every node under n.
func walk(n parse.Node, f func(parse.Node)) {
	if n == nil {
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, f)
		}
	case *parse.ActionNode:
		walk(n.Pipe, f)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walk(c, f)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walk(a, f)
		}
	case *parse.IfNode:
		walkBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, f)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		walk(n.Pipe, f)
	}
}

func walkBranch(b *parse.BranchNode, f func(parse.Node)) {
	walk(b.Pipe, f)
	if b.List != nil {
		walk(b.List, f)
	}
	if b.ElseList != nil {
		walk(b.ElseList, f)
	}
}

// fragmentFunc returns the template function "fragment" for pages of
// kind: {{fragment "name" view}} draws the template name with view as
// dot, or reuses what an earlier page or build drew for the same key.
// Like the escapers (fused.escape), it gives one result, and a failure
// panics, which the page's run gives back as its error.
func (r *renderer) fragmentFunc(kind string) func(name string, view any) template.HTML {
	return func(name string, view any) template.HTML {
		h, err := r.fragment(kind, name, view)
		if err != nil {
			panic(err)
		}
		return h
	}
}

// fragment is what {{fragment name view}} draws on a page of kind.
func (r *renderer) fragment(kind, name string, view any) (template.HTML, error) {
	id, ok := r.fragIDs[kind][name]
	if !ok {
		return "", fmt.Errorf("fragment %q: no such template", name)
	}
	if r.cache == nil && r.fragOnce[name] {
		// Drawn by one page of this build alone, and kept by none.
		return r.drawFragment(kind, name, view)
	}
	k, err := r.keys.of(id, view)
	if err != nil {
		return "", fmt.Errorf("fragment %q: %v", name, err)
	}
	r.fragMu.Lock()
	h, ok := r.frags[name][k]
	r.fragMu.Unlock()
	if ok {
		return h, nil
	}
	if h, ok := r.cache.fragment(k); ok {
		r.keepFragment(name, k, h)
		return h, nil
	}
	h, err = r.drawFragment(kind, name, view)
	if err != nil {
		return "", err
	}
	r.keepFragment(name, k, h)
	r.cache.putFragment(k, h)
	return h, nil
}

// drawFragment draws the template name of a page of kind with view.
func (r *renderer) drawFragment(kind, name string, view any) (template.HTML, error) {
	buf := fragmentBufs.Get().(*bytes.Buffer)
	defer fragmentBufs.Put(buf)
	buf.Reset()
	if err := r.pages[kind].ExecuteTemplate(buf, name, view); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// fragmentBufs are the buffers fragments are drawn in: a list page of a
// year's site draws thousands.
var fragmentBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (r *renderer) keepFragment(name string, k key, h template.HTML) {
	r.fragMu.Lock()
	if r.frags[name] == nil {
		r.frags[name] = map[key]template.HTML{}
	}
	r.frags[name][k] = h
	r.fragMu.Unlock()
}
