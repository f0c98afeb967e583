package site

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"unicode/utf8"
)

// What Markdown may hold. goldmark's time and memory grow faster than the
// text in a few shapes that no write-up has — lists or quotes nested
// hundreds deep, tens of thousands of reference definitions, long
// paragraphs thick with brackets or emphasis marks, tables thousands of
// columns wide — and with the count of elements in any shape: a 4 MiB
// file of one-character list items costs a gigabyte. Markdown is checked
// against these bounds before it reaches goldmark, and refused with the
// place where it passed one; they are far above what real write-ups hold
// (lists nest fewer than ten deep, tables have fewer than thirty columns,
// a long write-up has a few thousand elements).
type mdLimits struct {
	// depth is how deep lists and block quotes may lie within each other,
	// counting two columns of indentation before a list marker as a level.
	depth int
	// columns is how many columns a table may have.
	columns int
	// refs is how many link reference definitions ([name]: address) there
	// may be.
	refs int
	// delims is how many runs of *, _ and ~ (emphasis and strikethrough
	// marks) there may be.
	delims int
	// elements is how many elements there may be: lines, list and quote
	// markers, and runs of the characters that start inline elements
	// (links, images, code, emphasis, raw HTML, table cells).
	elements int
	// scan bounds the work of finding where inline elements end: goldmark
	// looks from each mark or bracket to as far as the end of its
	// paragraph, so for each paragraph its marks times its length, summed.
	scan int64
	// refOut bounds what references can multiply: each use of one repeats
	// its definition's address and title, so the brackets times the
	// longest definition (as the paragraph that holds it).
	refOut int64
	// in says what the bounds hold for, in messages.
	in string
}

var (
	// mdFile is what a Markdown file (notes, a study's text, a page) may
	// hold, whatever its size up to MaxMarkdown.
	mdFile = mdLimits{depth: 32, columns: 100, refs: 10_000, delims: 100_000, elements: 200_000, scan: 1 << 28, refOut: 1 << 24, in: "one file"}
	// mdFields is what the text fields of one TOML file may hold together:
	// far less than a file, since a field such as what was learned is
	// shown on several pages and rendered for each (10,000 list items in
	// one took 140 MB).
	mdFields = mdLimits{depth: 32, columns: 100, refs: 500, delims: 5_000, elements: 10_000, scan: 1 << 23, refOut: 1 << 20, in: "the text fields of one file"}
)

// mdLinkWeight is what ]( counts for more than other marks when no ) ends
// the link's address soon after it: goldmark then reads an address as
// far as it goes, which costs more than finding the end of a mark.
const mdLinkWeight = 8

// closedLink says whether a ) ends the address that s starts with, within
// its first 256 bytes and before a space.
func closedLink(s string) bool {
	depth := 0
	for i := 0; i < len(s) && i < 256; i++ {
		switch s[i] {
		case ' ', '\t':
			return false
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return true
			}
			depth--
		}
	}
	return false
}

// readMarkdown reads the Markdown file p as readFile does and checks it
// against mdFile: past a bound, the error is a Problem at the place. With
// front, a file's TOML front matter is left to decodeTOML.
func readMarkdown(fsys fs.FS, p, what string, front bool) ([]byte, error) {
	data, err := readFile(fsys, p, MaxMarkdown, what)
	if err != nil {
		return nil, err
	}
	src, firstLine := string(data), 1
	if _, body, ok := splitFrontMatter(src); front && ok {
		firstLine += strings.Count(src[:len(src)-len(body)], "\n")
		src = body
	}
	s := mdScan{lim: mdFile}
	if s.text(src) {
		return nil, Problem{Path: p, Line: s.at.line + firstLine - 1, Col: s.at.col, Msg: s.msg}
	}
	return data, nil
}

// overMarkdownBounds checks the strings of the TOML table m, any of which
// may be Markdown, against mdFields together, and the items of its arrays
// against maxItems. Past a bound, it records a problem at the value (for a
// string, with the line in it) and says true.
func overMarkdownBounds(f *fields, m map[string]any) bool {
	s := mdScan{lim: mdFields}
	return s.values(f, "", m)
}

func (s *mdScan) values(f *fields, key string, v any) bool {
	switch v := v.(type) {
	case string:
		// A plain line (a name, an id, a choice) is no work for
		// goldmark: the first line of each string is not counted.
		if v != "" {
			s.elements--
		}
		if s.text(v) {
			f.atValue(key, "line %d of the text: %s", s.at.line, s.msg)
			return true
		}
	case map[string]any:
		names := make([]string, 0, len(v))
		for k := range v {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			if s.values(f, join(key, k), v[k]) {
				return true
			}
		}
	case []map[string]any:
		for i, e := range v {
			if s.item(f, key) || s.values(f, fmt.Sprintf("%s[%d]", key, i), e) {
				return true
			}
		}
	case []any:
		for i, e := range v {
			if s.item(f, key) || s.values(f, fmt.Sprintf("%s[%d]", key, i), e) {
				return true
			}
		}
	}
	return false
}

// maxItems is how many items the arrays of one TOML file may hold in all:
// stages, beliefs, changes and touchpoints, agenda blocks, participants.
// A study of fifty stages holds a few hundred; every item is drawn on
// pages, some of them on several, so that a file of a hundred thousand
// took seconds and a gigabyte to build.
const maxItems = 2_000

// item counts one item of the array at key.
func (s *mdScan) item(f *fields, key string) bool {
	if s.items++; s.items <= maxItems {
		return false
	}
	f.atValue(key, "more than %s items in the arrays of one file (stages, beliefs, changes, touchpoints, agenda blocks, participants): no plan or study needs that many", count(maxItems))
	return true
}

// text checks src, counting on from the texts checked before it; true
// when it passed a bound, with the place in src in s.at and the reason
// in s.msg.
func (s *mdScan) text(src string) bool {
	s.src, s.line, s.unit, s.table, s.prev, s.quotes = src, 0, -1, 0, "", 0
	for start := 0; start < len(src); {
		end := strings.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		s.line++
		if s.scanLine(start, end) {
			return true
		}
		start = end + 1
	}
	return s.endUnit(len(src)) || s.refOut()
}

// mdScan is the state of a check. A unit is what goldmark parses inline
// as one piece: a paragraph (lines up to a blank line or a block that
// interrupts it), or one row of a table.
type mdScan struct {
	lim  mdLimits
	src  string
	line int
	at   pos
	msg  string

	elements, delims, refs, brackets int
	items                            int // of the arrays of a TOML file
	// work is the sum over units of their marks times their length.
	work int64
	// unit is where the current unit starts in src, or -1; unitLine is
	// its line and marks its marks.
	unit, unitLine, marks int
	unitRef               bool   // the unit holds a reference definition
	longestRef            int    // the longest unit that holds one
	longestAt             pos    // where it starts
	table                 int    // the columns of the table being read, or 0
	prev                  string // the line before, as a table's header, or ""
	quotes                int    // the most block quote markers of a line of the unit
}

// fail records the problem at line, byte i of src, and says true.
func (s *mdScan) fail(i int, format string, args ...any) bool {
	lineStart := strings.LastIndexByte(s.src[:i], '\n') + 1
	s.at = pos{s.line, utf8.RuneCountInString(s.src[lineStart:i]) + 1}
	s.msg = fmt.Sprintf(format, args...)
	return true
}

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

// endUnit ends the current unit, if any, at byte i of src, adding its
// work.
func (s *mdScan) endUnit(i int) bool {
	if s.unit < 0 {
		return false
	}
	n := i - s.unit
	if s.unitRef && n > s.longestRef {
		s.longestRef, s.longestAt = n, pos{s.unitLine, 1}
	}
	s.work += int64(s.marks) * int64(n)
	line := s.unitLine
	s.unit, s.marks, s.unitRef = -1, 0, false
	if s.work > s.lim.scan {
		s.line = line
		return s.fail(i-n, "paragraphs too long for the links, brackets and emphasis marks they hold (their marks times their length pass %s with the paragraph that starts here): split long paragraphs with blank lines", count(s.lim.scan))
	}
	return false
}

// refOut checks the uses of references against the longest definition.
func (s *mdScan) refOut() bool {
	if int64(s.brackets)*int64(s.longestRef) <= s.lim.refOut {
		return false
	}
	s.at = s.longestAt
	s.msg = fmt.Sprintf("a reference definition of up to %s in a text with %s brackets, each of which may repeat it: shorten the definition or use fewer references", sizeText(int64(s.longestRef)), count(s.brackets))
	return true
}

// count spells n with thousands separated: 100,000.
func count[T int | int64](n T) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
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

// mdMarks are the characters that may start or end an inline element.
const mdMarks = "*_~`[]!<|\\@&"

// inline counts the marks of body, which starts at byte start of src:
// each run of one mark is one element, and one mark of its unit.
func (s *mdScan) inline(start int, body string) bool {
	for i := 0; i < len(body); i++ {
		c := body[i]
		if strings.IndexByte(mdMarks, c) < 0 {
			continue
		}
		j := i + 1
		for j < len(body) && body[j] == c {
			j++
		}
		s.elements++
		s.marks++
		switch c {
		case '*', '_', '~':
			if s.delims++; s.delims > s.lim.delims {
				return s.fail(start+i, "more than %s runs of *, _ and ~ (emphasis and strikethrough marks): no write-up needs that many", count(s.lim.delims))
			}
		case '[':
			s.brackets++
		case ']':
			if j < len(body) && body[j] == '(' && !closedLink(body[j+1:]) {
				s.marks += mdLinkWeight
			}
		}
		if s.elements > s.lim.elements {
			return s.fail(start+i, "more than %s lines, list items, links, marks and other elements in %s: split it, or keep large material in a file beside it and link to that", count(s.lim.elements), s.lim.in)
		}
		i = j - 1
	}
	return false
}
