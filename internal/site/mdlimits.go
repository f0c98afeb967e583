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

// readMarkdown reads the Markdown file p as readFile does, as text, and
// checks it against mdFile: past a bound, the error is a Problem at the
// place. With front, a file's TOML front matter is left to decodeTOML.
func readMarkdown(fsys fs.FS, p, what string, front bool) (string, error) {
	data, err := readFile(fsys, p, MaxMarkdown, what)
	if err != nil {
		return "", err
	}
	src := string(data)
	if err := checkMarkdown(src, p, front); err != nil {
		return "", err
	}
	return src, nil
}

// checkMarkdown gives a problem where src, the Markdown file p, passes the
// bounds of a Markdown file. With front set, a front matter is not
// counted.
func checkMarkdown(src string, p string, front bool) error {
	firstLine := 1
	if _, body, ok := splitFrontMatter(src); front && ok {
		firstLine += strings.Count(src[:len(src)-len(body)], "\n")
		src = body
	}
	s := mdScan{lim: mdFile}
	if s.text(src) {
		return Problem{Path: p, Line: s.at.line + firstLine - 1, Col: s.at.col, Msg: s.msg}
	}
	return nil
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
