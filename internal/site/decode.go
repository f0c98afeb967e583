package site

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// decodeTOML parses src into a table. A syntax error becomes a positioned problem.
// firstLine is the line of src's first line within its file.
func decodeTOML(path, src string, firstLine int, probs *Problems) (map[string]any, *fields, bool) {
	if line, col, msg := checkTOMLShape(src); msg != "" {
		*probs = append(*probs, Problem{Path: path, Line: line + firstLine - 1, Col: col, Msg: msg})
		return nil, nil, false
	}
	// Decoded into an interface, the parser's own table is handed over;
	// into a map, its keys would be copied one by one through reflection.
	var v any
	if _, err := toml.Decode(src, &v); err != nil {
		p := Problem{Path: path, Msg: err.Error()}
		if pe, ok := err.(toml.ParseError); ok {
			p.Line = pe.Position.Line + firstLine - 1
			p.Col = pe.Position.Col
			p.Msg = "invalid TOML: " + pe.Message
			if pe.Message == "strings cannot contain newlines" {
				// Said as what the user did: a quote left open.
				lines := strings.Split(src, "\n")
				if i := pe.Position.Line - 1; i >= 0 && i < len(lines) {
					if col := openQuote(lines[i]); col > 0 {
						p.Col = col
						p.Msg = fmt.Sprintf("the string that starts on line %d has no closing quote: end it on the same line, or write text of several lines between \"\"\" and \"\"\"", p.Line)
					}
				}
			}
		}
		*probs = append(*probs, p)
		return nil, nil, false
	}
	m, _ := v.(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	// Positions are found only when a problem needs one.
	f := &fields{path: path, probs: probs, load: func() (string, int) { return src, firstLine }}
	if overMarkdownBounds(f, m) {
		return nil, nil, false
	}
	return m, f, true
}

// openQuote gives the column (in characters, from 1) of the quote that
// opens a string in line without closing it, or 0.
func openQuote(line string) int {
	col := 0
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == '#' {
			return 0
		}
		if c != '"' && c != '\'' {
			continue
		}
		start := i
		for i++; i < len(line) && line[i] != c; i++ {
			if c == '"' && line[i] == '\\' {
				i++
			}
		}
		if i >= len(line) {
			col = utf8.RuneCountInString(line[:start]) + 1
			return col
		}
	}
	return col
}

// isLocalDate reports whether t was written as a TOML local date (2026-11-24),
// which BurntSushi/toml marks with a location of its own.
func isLocalDate(t time.Time) bool {
	return t.Location().String() == "date-local"
}
