package render

import (
	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension/ast"
	gmrenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// taskMarks is a goldmark extension that shows the boxes of a task list
// ("- [x] done") as the characters ☑ and ☐ instead of disabled checkboxes:
// a checkbox is a form control without a label, which axe-core reports,
// while a page of notes has nothing to tick. Screen readers read the
// characters as "ballot box with check" and "ballot box".
type taskMarks struct{}

func (taskMarks) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(gmrenderer.WithNodeRenderers(util.Prioritized(taskMarks{}, 100)))
}

func (taskMarks) RegisterFuncs(reg gmrenderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		if n.(*ast.TaskCheckBox).IsChecked {
			w.WriteString(`<span class="task done">☑</span> `)
		} else {
			w.WriteString(`<span class="task">☐</span> `)
		}
		return gast.WalkContinue, nil
	})
}
