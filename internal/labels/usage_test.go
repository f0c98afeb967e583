package labels_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sprintkit/sprintkit/internal/labels"
	"github.com/sprintkit/sprintkit/internal/site"
)

// An ask is a place where sprintkit's own code or templates ask for a
// label: the key (or a counted text's key without its form), or a group,
// whose every key may be asked for ("verdict", for label "verdict" .X).
type ask struct {
	key, group string
	where      string // file:line
	strict     bool   // the key must be a label: it is asked for as one
}

// templateAsk is a label asked for in a template: t "key", tf "key" ...,
// label "group" ...
var templateAsk = regexp.MustCompile(`\b(t|tf|label)\s+"([^"]+)"`)

// asks are every label that the default templates, the files sprintkit
// writes and the Go code outside the tests ask for, and the texts of the
// site's enum values ("<group>.<value>").
func asks(t *testing.T) []ask {
	t.Helper()
	var out []ask
	for _, e := range site.Enums {
		for _, v := range e.Values {
			out = append(out, ask{key: e.Group + "." + v, where: "site.Enums", strict: true})
		}
	}
	// Templates that sprintkit shipped before, which the tests render as a
	// site's own, are there too: the texts they ask for stay.
	for _, dir := range []string{"../../templates", "../../internal/scaffold/files", "../../internal/render/testdata"} {
		walk(t, dir, func(p string, src []byte) {
			if strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".tmpl") {
				out = append(out, templateAsks(p, src)...)
			}
		})
	}
	for _, dir := range []string{"../../internal", "../../cmd"} {
		walk(t, dir, func(p string, src []byte) {
			if strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") && !strings.Contains(p, "/testdata/") && !strings.Contains(p, "internal/labels/") {
				out = append(out, goAsks(t, p, src)...)
			}
		})
	}
	return out
}

// walk calls fn with the path and bytes of every file below dir.
func walk(t *testing.T, dir string, fn func(path string, src []byte)) {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		if err == nil {
			fn(filepath.ToSlash(p), src)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// templateAsks are the labels the template at p asks for.
func templateAsks(p string, src []byte) []ask {
	var out []ask
	for _, m := range templateAsk.FindAllSubmatchIndex(src, -1) {
		a := ask{where: fmt.Sprintf("%s:%d", p, 1+strings.Count(string(src[:m[0]]), "\n")), strict: true}
		if name := string(src[m[2]:m[3]]); name == "label" {
			a.group = string(src[m[4]:m[5]])
		} else {
			a.key = string(src[m[4]:m[5]])
		}
		out = append(out, a)
	}
	return out
}

// goAsks are the labels the Go file at p may ask for: every string in it
// may be a key, and must be one where it is the key of a call that asks
// for a label (labelArg); a string that ends in a dot, such as "record."
// in text("record." + k), asks for any text of its group.
func goAsks(t *testing.T, p string, src []byte) []ask {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, p, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	asked := map[*ast.BasicLit]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if lit := labelArg(call); lit != nil {
				asked[lit] = true
			}
		}
		return true
	})
	var out []ask
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil || s == "" {
			return true
		}
		a := ask{key: s, where: fmt.Sprintf("%s:%d", p, fset.Position(lit.Pos()).Line), strict: asked[lit]}
		if g, ok := strings.CutSuffix(s, "."); ok && !strings.ContainsAny(g, " /") {
			a = ask{group: g, where: a.where}
		}
		out = append(out, a)
		return true
	})
	return out
}

// labelArg is the literal key of a call that asks for a label, such as
// r.text.get("key", ...) or labels.Text(lang, "key"); nil for another
// call.
func labelArg(call *ast.CallExpr) *ast.BasicLit {
	var name string
	switch fn := call.Fun.(type) {
	case *ast.SelectorExpr:
		name = fn.Sel.Name
	case *ast.Ident:
		name = fn.Name
	}
	i := map[string]int{"get": 0, "Text": 1}[name]
	if name != "get" && name != "Text" || len(call.Args) <= i {
		return nil
	}
	lit, ok := call.Args[i].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return nil
	}
	return lit
}

// known reports whether key is a label, or a counted text whose forms
// are.
func known(key string) bool {
	if _, ok := labels.Text("en", key); ok {
		return true
	}
	_, counted := labels.Counted(key)
	return counted
}

// TestEveryLabelAskedForIsThere: every key a template, a file that
// sprintkit writes or the Go code asks for is in every language's file,
// and every group a template asks for has texts, so that no page shows a
// key in place of its text.
func TestEveryLabelAskedForIsThere(t *testing.T) {
	for _, a := range asks(t) {
		switch {
		case a.group != "" && a.strict:
			if !hasGroup(a.group) {
				t.Errorf("%s: label %q: no text has a key that starts with %q", a.where, a.group, a.group+".")
			}
		case a.key != "" && a.strict && !known(a.key):
			t.Errorf("%s: %q is no label key%s", a.where, a.key, site.DidYouMean(a.key, labels.Keys()))
		}
	}
}

func hasGroup(g string) bool {
	for _, k := range labels.Keys() {
		if strings.HasPrefix(k, g+".") {
			return true
		}
	}
	return false
}

// TestEveryLabelIsAskedFor: no text is kept that nothing asks for: every
// key is asked for by name (a counted text's forms by the text's key), as
// a value of an enum, or through its group.
func TestEveryLabelIsAskedFor(t *testing.T) {
	keys, groups := map[string]bool{}, map[string]bool{}
	for _, a := range asks(t) {
		keys[a.key] = true
		groups[a.group] = true
	}
	for _, k := range labels.Keys() {
		i := strings.LastIndex(k, ".")
		if keys[k] || i > 0 && keys[k[:i]] || groups[k[:max(0, strings.Index(k, "."))]] {
			continue
		}
		t.Errorf("label %q: nothing asks for it (internal/labels/en.toml, sv.toml)", k)
	}
}
