package render

import (
	"github.com/sprintkit/sprintkit/internal/site"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmrenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// linkPolicy is a goldmark extension that decides which links and images
// in user Markdown keep their address. Teams link reports on file shares,
// so file: links stay (goldmark's own rule drops them); javascript:,
// vbscript:, data: (but for images) and every other scheme are dropped
// from Markdown links and images, also when unsafe_html is on: a dropped
// link shows its text only. (Raw HTML, when a site allows it, passes as
// written: unsafe_html means the site trusts its authors.)
//
// up, when set, goes before every relative address of a link or an image:
// text written for one folder (a sprint's notes, beside its files) shown on
// a page in a folder below it (the sprint's session view).
type linkPolicy struct{ up string }

func (p linkPolicy) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(gmrenderer.WithNodeRenderers(util.Prioritized(linkRenderer(p), 100)))
}

type linkRenderer struct{ up string }

func (l linkRenderer) RegisterFuncs(reg gmrenderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, l.renderLink)
	reg.Register(ast.KindAutoLink, renderAutoLink)
	reg.Register(ast.KindImage, l.renderImage)
}

// moved returns dest as seen from l.up: relative addresses get it in front.
func (l linkRenderer) moved(dest []byte) []byte {
	if l.up == "" || len(dest) == 0 || scheme(dest) != "" {
		return dest
	}
	switch dest[0] {
	case '/', '#', '?':
		return dest
	}
	return append([]byte(l.up), dest...)
}

// scheme returns the lower-case scheme of a URL, "" for a relative one.
// Browsers skip whitespace and control characters inside a scheme
// ("java\tscript:"), so those are dropped before looking.
func scheme(dest []byte) string {
	var b strings.Builder
	for _, c := range dest {
		switch {
		case c <= ' ':
			continue
		case c == ':':
			return strings.ToLower(b.String())
		case c == '/' || c == '?' || c == '#':
			return ""
		}
		b.WriteByte(c)
	}
	return ""
}

func linkAllowed(dest []byte) bool {
	return site.AllowedScheme(scheme(dest))
}

func imageAllowed(dest []byte) bool {
	if scheme(dest) == "data" {
		d := strings.ToLower(string(dest))
		for _, t := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
			if strings.HasPrefix(d, t) {
				return true
			}
		}
		return false
	}
	return linkAllowed(dest)
}

func (l linkRenderer) renderLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	// The scheme is judged on the address as the browser will get it,
	// with entities such as &#106; and &colon; resolved.
	dest := util.URLEscape(n.Destination, true)
	if !linkAllowed(dest) {
		return ast.WalkContinue, nil // the text stays, the link goes
	}
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(l.moved(dest)))
	_ = w.WriteByte('"')
	writeTitle(w, n.Title)
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func renderAutoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	url, label := util.URLEscape(n.URL(source), false), n.Label(source)
	if n.AutoLinkType == ast.AutoLinkEmail && scheme(url) != "mailto" {
		url = append([]byte("mailto:"), url...)
	}
	if !linkAllowed(url) {
		_, _ = w.Write(util.EscapeHTML(label))
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(url))
	_, _ = w.WriteString(`">`)
	_, _ = w.Write(util.EscapeHTML(label))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}

func (l linkRenderer) renderImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	dest := util.URLEscape(n.Destination, true)
	if !imageAllowed(dest) {
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(util.EscapeHTML(l.moved(dest)))
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(util.EscapeHTML(altText(n, source)))
	_ = w.WriteByte('"')
	writeTitle(w, n.Title)
	_ = w.WriteByte('>')
	return ast.WalkSkipChildren, nil
}

// altText is the plain text of an image's description.
func altText(n ast.Node, source []byte) []byte {
	var b []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b = append(b, t.Segment.Value(source)...)
			if t.SoftLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, t.Value...)
		}
		return ast.WalkContinue, nil
	})
	return b
}

// writeTitle writes a link's or image's title attribute, if it has one.
func writeTitle(w util.BufWriter, title []byte) {
	if title == nil {
		return
	}
	_, _ = w.WriteString(` title="`)
	html.DefaultWriter.Write(w, title)
	_ = w.WriteByte('"')
}
