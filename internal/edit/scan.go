package edit

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/sprintkit/sprintkit/internal/site"
)

// The scanner finds where each key, value and table of a TOML text is, in
// bytes, so that an edit can replace exactly the bytes of one value. It
// reads text that BurntSushi/toml has already parsed without error, so it
// checks little of TOML's grammar itself: it only has to find the ends.

// A span is a range of bytes of the text, [start, end).
type span struct{ start, end int }

// A doc is a scanned TOML text.
type doc struct {
	src    string
	tables []*table // in the order of the text; tables[0] is the root
	byName map[string]*table
}

// A table is the root of the text, or one [header] or [[header]] and the
// key/value lines under it.
type table struct {
	name    string // dotted, arrays of tables numbered: "stages[2].beliefs[0]"; "" for the root
	header  span   // the header's line, with its line end; empty for the root
	array   bool   // [[header]]
	entries []*entry
	last    int // where the line after the last key/value line (or the header) starts
}

// An entry is one key = value, on a line of a table or in an inline table.
type entry struct {
	key  []string // the dotted key's parts, as they name it
	line span     // from the line's start (or the key, inline) to past its line end (or the value)
	val  *value
}

// A value is the bytes of one value, with what is inside an array or an
// inline table.
type value struct {
	span
	kind   byte     // '"' basic string, '\'' literal string, '[' array, '{' inline table, 0 anything else
	elems  []*value // of an array
	fields []*entry // of an inline table
}

type scanner struct {
	src string
	i   int
}

// scan scans src, which toml.Decode has accepted.
func scan(src string) (d *doc, err error) {
	defer func() {
		// The scanner trusts the parser's word that src is TOML; should it
		// still lose its way, the edit is refused rather than guessed.
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("the file could not be read for editing: %v", r)
		}
	}()
	s := &scanner{src: src}
	root := &table{}
	d = &doc{src: src, tables: []*table{root}, byName: map[string]*table{"": root}}
	arrays := map[string]int{}
	cur := root
	if strings.HasPrefix(src, "\ufeff") {
		s.i = len("\ufeff")
	}
	for s.i < len(src) {
		start := s.i
		s.blank()
		switch c := s.peek(); {
		case c == '\n' || c == '#' || c == '\r':
			s.lineEnd()
		case c == '[':
			arr := strings.HasPrefix(src[s.i:], "[[")
			if arr {
				s.i += 2
			} else {
				s.i++
			}
			s.blank()
			parts := s.key()
			s.blank()
			if arr {
				s.expect("]]")
			} else {
				s.expect("]")
			}
			s.lineEnd()
			name := resolve(parts, arr, arrays)
			cur = &table{name: name, header: span{start, s.i}, array: arr, last: s.i}
			d.tables = append(d.tables, cur)
			d.byName[name] = cur
		default:
			e := s.entry()
			e.line.start = start
			s.lineEnd()
			e.line.end = s.i
			cur.entries = append(cur.entries, e)
			cur.last = s.i
		}
	}
	return d, nil
}

// resolve names a header's table: each part that is an array of tables
// seen before means its latest element.
func resolve(parts []string, arr bool, arrays map[string]int) string {
	name := ""
	for i, p := range parts {
		if name != "" {
			name += "."
		}
		name += quoteKey(p)
		if i == len(parts)-1 && arr {
			arrays[name]++
			return fmt.Sprintf("%s[%d]", name, arrays[name]-1)
		}
		if n, ok := arrays[name]; ok {
			name = fmt.Sprintf("%s[%d]", name, n-1)
		}
	}
	return name
}

// quoteKey writes a key's part as a dotted name shows it: bare when it can
// be, else quoted.
func quoteKey(k string) string {
	if k != "" && strings.Trim(k, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == "" {
		return k
	}
	return basicString(k)
}

func (s *scanner) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

func (s *scanner) expect(lit string) {
	if !strings.HasPrefix(s.src[s.i:], lit) {
		panic(fmt.Sprintf("%q expected at byte %d", lit, s.i))
	}
	s.i += len(lit)
}

// blank skips spaces and tabs.
func (s *scanner) blank() {
	for c := s.peek(); c == ' ' || c == '\t'; c = s.peek() {
		s.i++
	}
}

// space skips spaces, tabs, line ends and comments, as arrays allow.
func (s *scanner) space() {
	for {
		s.blank()
		switch s.peek() {
		case '\r', '\n':
			s.i++
		case '#':
			s.comment()
		default:
			return
		}
	}
}

func (s *scanner) comment() {
	for s.i < len(s.src) && s.src[s.i] != '\n' && s.src[s.i] != '\r' {
		s.i++
	}
}

// lineEnd skips what is left of a line: spaces, a comment, the line end.
func (s *scanner) lineEnd() {
	s.blank()
	if s.peek() == '#' {
		s.comment()
	}
	if strings.HasPrefix(s.src[s.i:], "\r\n") {
		s.i += 2
	} else if s.peek() == '\n' {
		s.i++
	} else if s.i < len(s.src) {
		panic(fmt.Sprintf("line end expected at byte %d", s.i))
	}
}

// key reads a dotted key.
func (s *scanner) key() []string {
	var parts []string
	for {
		s.blank()
		switch c := s.peek(); c {
		case '"', '\'':
			v := s.str()
			parts = append(parts, decodeString(s.src[v.start:v.end]))
		default:
			j := s.i
			for j < len(s.src) && isBare(s.src[j]) {
				j++
			}
			if j == s.i {
				panic(fmt.Sprintf("key expected at byte %d", s.i))
			}
			parts = append(parts, s.src[s.i:j])
			s.i = j
		}
		s.blank()
		if s.peek() != '.' {
			return parts
		}
		s.i++
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// entry reads key = value.
func (s *scanner) entry() *entry {
	e := &entry{line: span{start: s.i}}
	e.key = s.key()
	s.blank()
	s.expect("=")
	s.blank()
	e.val = s.value()
	e.line.end = s.i
	return e
}

// value reads one value of any kind.
func (s *scanner) value() *value {
	switch s.peek() {
	case '"', '\'':
		return s.str()
	case '[':
		v := &value{span: span{start: s.i}, kind: '['}
		s.i++
		for {
			s.space()
			if s.peek() == ']' {
				s.i++
				break
			}
			v.elems = append(v.elems, s.value())
			s.space()
			if s.peek() == ',' {
				s.i++
			}
		}
		v.end = s.i
		return v
	case '{':
		v := &value{span: span{start: s.i}, kind: '{'}
		s.i++
		for {
			s.space()
			if s.peek() == '}' {
				s.i++
				break
			}
			v.fields = append(v.fields, s.entry())
			s.space()
			if s.peek() == ',' {
				s.i++
			}
		}
		v.end = s.i
		return v
	}
	v := &value{span: span{start: s.i}}
	for s.i < len(s.src) && !strings.ContainsRune(" \t\r\n,]}#", rune(s.src[s.i])) {
		s.i++
	}
	// A date and a time may stand apart by one space: 2026-11-24 09:30:00.
	if s.i-v.start == 10 && strings.Count(s.src[v.start:s.i], "-") == 2 &&
		s.i+3 < len(s.src) && s.src[s.i] == ' ' && isDigit(s.src[s.i+1]) && isDigit(s.src[s.i+2]) && s.src[s.i+3] == ':' {
		s.i++
		for s.i < len(s.src) && !strings.ContainsRune(" \t\r\n,]}#", rune(s.src[s.i])) {
			s.i++
		}
	}
	if s.i == v.start {
		panic(fmt.Sprintf("value expected at byte %d", s.i))
	}
	v.end = s.i
	return v
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// str reads a string of any of TOML's four kinds.
func (s *scanner) str() *value {
	q := s.src[s.i]
	v := &value{span: span{start: s.i}, kind: q}
	triple := strings.Repeat(string(q), 3)
	if strings.HasPrefix(s.src[s.i:], triple) {
		s.i += 3
		for !strings.HasPrefix(s.src[s.i:], triple) {
			if s.i >= len(s.src) {
				panic("unclosed string")
			}
			if q == '"' && s.src[s.i] == '\\' {
				s.i++
			}
			s.i++
		}
		s.i += 3
		// Up to two quotes more belong to the text: """a""""" is a"".
		for n := 0; n < 2 && s.peek() == q; n++ {
			s.i++
		}
	} else {
		s.i++
		for s.peek() != q {
			if s.i >= len(s.src) || s.src[s.i] == '\n' {
				panic("unclosed string")
			}
			if q == '"' && s.src[s.i] == '\\' {
				s.i++
			}
			s.i++
		}
		s.i++
	}
	v.end = s.i
	return v
}

// decodeString is the text of a string as TOML writes it.
func decodeString(lit string) string {
	var m struct{ V string }
	if _, err := toml.Decode("V = "+lit, &m); err != nil {
		panic(fmt.Sprintf("not a string: %s", lit))
	}
	return m.V
}

// basicString writes s as a TOML basic string.
func basicString(s string) string { return site.Quote(s) }

// find returns the entry of the key name (dotted, as quoteKey writes each
// part), in table t or, for a dotted key on a line, under it.
func (t *table) find(rel string) *entry {
	for _, e := range t.entries {
		if joinKey(e.key) == rel {
			return e
		}
	}
	return nil
}

func joinKey(parts []string) string {
	q := make([]string, len(parts))
	for i, p := range parts {
		q[i] = quoteKey(p)
	}
	return strings.Join(q, ".")
}
