package site

import "strings"

// The scan of Markdown's blocks, line by line: the containers (lists and
// block quotes) a line lies in, where goldmark's inline units (paragraphs,
// table rows) begin and end, reference definitions and tables. What the
// scan counts is held to the bounds of mdlimits.go.

// scanLine reads the line src[start:end].
func (s *mdScan) scanLine(start, end int) bool {
	text := s.src[start:end]
	depth, markers, rest, deep := containers(text, s.lim.depth)
	body := text[rest:]
	if depth > s.lim.depth {
		return s.fail(start+deep, "lists and block quotes nested more than %d deep: no write-up needs that", s.lim.depth)
	}
	// goldmark's work on a line grows with the containers it goes on
	// in: those its markers open, or as many as its indentation may
	// continue.
	if markers == 0 {
		depth = indentation(text) / 2
	}
	s.elements += 1 + depth
	if s.elements > s.lim.elements {
		return s.fail(start, "more than %s lines, list items, links, marks and other elements in %s: split it, or keep large material in a file beside it and link to that", count(s.lim.elements), s.lim.in)
	}
	quotes := strings.Count(text[:rest], ">")
	if strings.Trim(text, " \t\r>") == "" {
		s.table, s.prev, s.quotes = 0, "", quotes
		return s.endUnit(start)
	}
	if s.startsUnit(text[:rest], body, quotes) {
		s.prev, s.quotes = "", 0
		if s.endUnit(start) {
			return true
		}
	}
	// A line with fewer quote markers goes on in the quotes open (a lazy
	// line): the unit's deepest quote is what a new quote must pass.
	s.quotes = max(s.quotes, quotes)
	if s.unit < 0 {
		s.unit, s.unitLine = start, s.line
	}
	return s.lineBody(start+rest, body)
}

// lineBody reads body, the text of a line after its containers, at byte
// start of src.
func (s *mdScan) lineBody(start int, body string) bool {
	ref := isRefDef(body)
	if ref {
		s.unitRef = true
		if s.refs++; s.refs > s.lim.refs {
			return s.fail(start, "more than %s link reference definitions ([name]: address): no write-up needs that many", count(s.lim.refs))
		}
	}
	if cols := s.tableStart(body); cols > s.lim.columns {
		return s.fail(start, "a table of %s columns, more than %d: no write-up needs that many", count(cols), s.lim.columns)
	}
	// A line that no table may have as its header is no header.
	s.prev = body
	if ref || indentation(body) >= 4 || isBlock(body) {
		s.prev = ""
	}
	return s.inline(start, body)
}

// startsUnit says whether a line, its containers' markers prefix and the
// text after them body, begins a new unit, and ends the table it was in
// when it is not a row of it. A new unit begins at each row of a table
// and where goldmark surely ends a paragraph: at a new block quote, a
// list item that may interrupt one (a bullet, or 1. or 1) with text
// after it), a heading, a fence or a thematic break. Where it is unsure,
// it says no: a unit taken too long counts more work, never less.
func (s *mdScan) startsUnit(prefix, body string, quotes int) bool {
	starts := quotes > s.quotes || listStart(prefix) && strings.TrimSpace(body) != "" || isBlock(body)
	if starts || !strings.Contains(body, "|") {
		s.table = 0
	}
	return starts || s.table > 0
}

// listStart says whether the markers prefix of a line holds a list item
// that may interrupt a paragraph: a bullet, 1. or 1), at most three
// columns after what is before it.
func listStart(prefix string) bool {
	for i := 0; i < len(prefix); {
		j := i + len(prefix[i:]) - len(strings.TrimLeft(prefix[i:], " \t"))
		if indentation(prefix[i:j]) > 3 || j == len(prefix) {
			return false
		}
		switch c := prefix[j]; {
		case c == '>':
			i = j + 1
			continue
		case c == '-' || c == '+' || c == '*':
			return true
		}
		return strings.HasPrefix(prefix[j:], "1.") || strings.HasPrefix(prefix[j:], "1)")
	}
	return false
}

// isBlock says whether body, the text of a line after its containers,
// is a block that ends a paragraph and starts no other: an ATX heading,
// a code fence, a thematic break or a setext heading's underline.
func isBlock(body string) bool {
	b := strings.TrimLeft(body, " ")
	if len(body)-len(b) > 3 || b == "" {
		return false
	}
	switch b[0] {
	case '#':
		n := len(b) - len(strings.TrimLeft(b, "#"))
		return n <= 6 && (n == len(b) || b[n] == ' ' || b[n] == '\t' || b[n] == '\r')
	case '`', '~':
		n := len(b) - len(strings.TrimLeft(b, b[:1]))
		return n >= 3 && (b[0] == '~' || !strings.Contains(b[n:], "`"))
	case '=':
		return strings.Trim(b, "= \t\r") == ""
	}
	return isBreak(b)
}

// containers reads the list and quote markers at the start of line: the
// depth they and the indentation before them give, the count of markers,
// where the text after them starts, and where the marker that first goes
// deeper than limit is (or -1). A thematic break (- - -, * * *) is no
// list; after a first list marker, what follows is taken for lists (a
// level too many for "- * * *", never one too few).
func containers(line string, limit int) (depth, markers, rest, deep int) {
	indent, listed := 0, false
	for i := 0; ; {
		cols := indentation(line[i:])
		j := i + len(line[i:]) - len(strings.TrimLeft(line[i:], " \t"))
		if markers == 0 {
			indent = cols
		}
		n := marker(line[j:])
		// Whether a thematic break follows is asked once, at the first
		// list marker: asked again at each, a line such as "- - - … x"
		// would be read once for each of its markers.
		if n == 0 || (line[j] != '>' && !listed && isBreak(line[j:])) {
			if markers == 0 {
				return 0, 0, 0, -1
			}
			return markers + indent/2, markers, i, -1
		}
		listed = listed || line[j] != '>'
		if markers++; markers+indent/2 > limit {
			// Too deep already: the rest of a line such as "- - - … x"
			// is not read, marker by marker.
			return markers + indent/2, markers, j + n, j
		}
		i = j + n
	}
}

// indentation gives the columns of white space that line starts with.
func indentation(line string) int {
	cols := 0
	for i := 0; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
		cols++
		if line[i] == '\t' {
			cols += 3
		}
	}
	return cols
}

// marker gives the length of the list or quote marker that s starts
// with, or 0: >, a bullet (-, + or *) or a number of at most nine digits
// with . or ), the last two followed by a space, a tab or the line's end.
func marker(s string) int {
	if s == "" {
		return 0
	}
	n := 0
	switch {
	case s[0] == '>':
		return 1
	case s[0] == '-' || s[0] == '+' || s[0] == '*':
		n = 1
	default:
		for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(s) || (s[n] != '.' && s[n] != ')') {
			return 0
		}
		n++
	}
	if n < len(s) && s[n] != ' ' && s[n] != '\t' && s[n] != '\r' {
		return 0
	}
	return n
}

// isBreak says whether s is a thematic break: three or more of one of
// -, * and _, with only spaces and tabs between.
func isBreak(s string) bool {
	s = strings.TrimRight(s, " \t\r")
	if s == "" {
		return false
	}
	c, n := s[0], 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3 && (c == '-' || c == '*' || c == '_')
}

// isRefDef says whether body may be a link reference definition:
// [label]: at the start, after at most three spaces.
func isRefDef(body string) bool {
	b := strings.TrimLeft(body, " ")
	if len(body)-len(b) > 3 || !strings.HasPrefix(b, "[") {
		return false
	}
	return strings.Contains(b, "]:")
}

// tableStart reads body as the delimiter row of a table under the line
// before it (s.prev): when it is one, as goldmark's table extension sees
// it (as many columns as the header has cells), it gives the columns and
// the rows that follow are units of their own.
func (s *mdScan) tableStart(body string) int {
	if s.prev == "" || s.table > 0 {
		return 0
	}
	cols := delimCells(body)
	if cols == 0 || cols != rowCells(s.prev) {
		return 0
	}
	s.table = cols
	return cols
}

// delimCells gives the columns of a table's delimiter row (|:--|--:|), or
// 0 when body is none.
func delimCells(body string) int {
	b := strings.TrimLeft(body, " \t")
	if len(body)-len(b) > 3 || strings.Trim(body, " \t\r|:-") != "" || !strings.Contains(body, "-") {
		return 0
	}
	cells := strings.Split(body, "|")
	if strings.TrimSpace(cells[0]) == "" {
		cells = cells[1:]
	}
	if len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	for _, c := range cells {
		c = strings.TrimSpace(c)
		c = strings.TrimPrefix(strings.TrimSuffix(c, ":"), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return 0
		}
	}
	return len(cells)
}

// rowCells counts the cells of a table's row: split at | that no \
// escapes, without the | at its ends.
func rowCells(row string) int {
	// Trimmed as goldmark does, of ASCII space alone.
	row = strings.Trim(row, " \t\n\v\f\r")
	row = strings.TrimSuffix(strings.TrimPrefix(row, "|"), "|")
	if row == "" {
		return 0
	}
	n := 1
	for i := 0; i < len(row); i++ {
		if row[i] == '|' && (i == 0 || row[i-1] != '\\') {
			n++
		}
	}
	return n
}
