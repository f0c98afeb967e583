package render

import (
	"bytes"
	"html/template"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// markdown renders user text with goldmark: GitHub-flavoured (tables, task
// lists, strikethrough, autolinks), raw HTML off unless the site turns it
// on. Results are cached by source, so a rebuild renders only what changed.
type markdown struct {
	md     goldmark.Markdown
	unsafe bool   // raw HTML passes; fixed when the markdown is made
	up     string // goes before relative addresses (see linkPolicy)
	cache  *Cache
	// maxLen, when not 0, leaves longer sources (a sprint's notes, which
	// its two pages take from one rendering) out of the cache.
	maxLen int
}

func newMarkdown(unsafe bool, cache *Cache, up string) *markdown {
	opts := []goldmark.Option{
		goldmark.WithExtensions(extension.GFM, linkPolicy{up}, taskMarks{}),
	}
	if unsafe {
		opts = append(opts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return &markdown{md: goldmark.New(opts...), unsafe: unsafe, up: up, cache: cache}
}

// block renders src as a sequence of blocks.
func (m *markdown) block(src string) template.HTML {
	if src == "" {
		return ""
	}
	cache := m.cache
	if m.maxLen > 0 && len(src) > m.maxLen {
		cache = nil
	}
	if cache != nil {
		if h, ok := cache.markdown(src, m.unsafe, m.up); ok {
			return h
		}
	}
	h, ok := plainParagraph(src)
	if !ok {
		var buf bufWriter
		buf.Grow(len(src) + len(src)/2)
		if err := m.md.Convert([]byte(src), &buf); err != nil {
			// goldmark's HTML renderer writes to a buffer and does not
			// fail; show the text escaped rather than nothing if it ever
			// does.
			return template.HTML(template.HTMLEscapeString(src))
		}
		h = template.HTML(buf.String())
	}
	if cache != nil {
		cache.putMarkdown(src, m.unsafe, m.up, h)
	}
	return h
}

// bufWriter is a bytes.Buffer that goldmark writes to directly: it is
// already the buffered writer that goldmark would otherwise wrap it in.
type bufWriter struct{ bytes.Buffer }

func (*bufWriter) Buffered() int { return 0 }
func (*bufWriter) Flush() error  { return nil }

// inline renders src and drops the paragraph around a single line of text.
func (m *markdown) inline(src string) template.HTML {
	h := string(m.block(src))
	trimmed := strings.TrimSpace(h)
	if strings.HasPrefix(trimmed, "<p>") && strings.HasSuffix(trimmed, "</p>") && strings.Count(trimmed, "<p>") == 1 {
		return template.HTML(trimmed[3 : len(trimmed)-4])
	}
	return template.HTML(h)
}

// plainParagraph renders a one-line text that has nothing Markdown would
// act on (no markup, no link, no block start) the way goldmark would, as
// one escaped paragraph, without parsing it. Most short fields of a
// sprint plan are such plain sentences. ok is false for anything else,
// which goes to goldmark; TestPlainParagraphMatchesGoldmark holds the two
// to the same output.
func plainParagraph(src string) (template.HTML, bool) {
	s := src
	if s == "" || strings.HasSuffix(s, " ") || strings.Contains(s, "www.") {
		return "", false
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r):
		case i == 0:
			return "", false // a digit, dash or sign may start a list or heading
		case r == ' ' || unicode.IsDigit(r):
		case strings.ContainsRune(",.?;'\"()–—%/-", r):
		default:
			return "", false
		}
	}
	if strings.Contains(s, "  ") {
		return "", false
	}
	return template.HTML("<p>" + strings.ReplaceAll(s, `"`, "&quot;") + "</p>\n"), true
}
