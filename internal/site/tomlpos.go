package site

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// BurntSushi/toml reports positions for syntax errors only. To put a line
// and column on an unknown key or a bad value, keyPositions scans the
// (already valid) TOML source once and records where each key and its value
// start. Keys are dotted paths; tables in an array of tables are numbered:
// "agenda[1].minutes".

type pos struct{ line, col int }

type keyPos struct {
	key, val pos
}

type tomlScanner struct {
	src       string
	i         int
	line, col int
	keys      map[string]keyPos
	arrays    map[string]int
	parts     []string // keyParts's, until its next call
}

func keyPositions(src string, firstLine int) map[string]keyPos {
	// A plan has some thirty keys.
	s := &tomlScanner{src: src, line: firstLine, col: 1, keys: make(map[string]keyPos, 32), arrays: map[string]int{}}
	s.scan()
	return s.keys
}

func (s *tomlScanner) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

func (s *tomlScanner) next() {
	if s.i >= len(s.src) {
		return
	}
	if s.src[s.i] == '\n' {
		s.line++
		s.col = 1
		s.i++
		return
	}
	_, n := utf8.DecodeRuneInString(s.src[s.i:])
	s.i += n
	s.col++
}

func (s *tomlScanner) here() pos { return pos{s.line, s.col} }

func (s *tomlScanner) skipSpace() {
	for c := s.peek(); c == ' ' || c == '\t' || c == '\r'; c = s.peek() {
		s.next()
	}
}

func (s *tomlScanner) skipLine() {
	for s.i < len(s.src) && s.peek() != '\n' {
		s.next()
	}
	s.next()
}

func (s *tomlScanner) scan() {
	table := ""
	for s.i < len(s.src) {
		s.skipSpace()
		start := s.here()
		switch c := s.peek(); {
		case c == '\n' || c == '#':
			s.skipLine()
		case c == '[':
			s.next()
			array := s.peek() == '['
			if array {
				s.next()
			}
			parts := s.keyParts()
			name := strings.Join(parts, ".")
			if array && len(parts) > 0 {
				// An array inside the last table of another
				// ([[stages.beliefs]]) is numbered within it:
				// "stages[1].beliefs[0]".
				full := parts[len(parts)-1]
				if len(parts) > 1 {
					full = s.resolve(strings.Join(parts[:len(parts)-1], ".")) + "." + full
				}
				n := s.arrays[full]
				s.arrays[full] = n + 1
				table = full + "[" + strconv.Itoa(n) + "]"
				if _, ok := s.keys[full]; !ok {
					s.keys[full] = keyPos{start, start}
				}
			} else {
				table = s.resolve(name)
			}
			s.keys[table] = keyPos{start, start}
			s.skipLine()
		default:
			parts := s.keyParts()
			if len(parts) == 0 {
				s.skipLine()
				continue
			}
			s.skipSpace()
			if s.peek() == '=' {
				s.next()
			}
			s.skipSpace()
			name := strings.Join(parts, ".")
			if table != "" {
				name = table + "." + name
			}
			s.keys[name] = keyPos{start, s.here()}
			s.skipValue()
		}
	}
}

// resolve turns a table header such as "agenda.sub" into the numbered path
// of the last table of each array of tables it passes through.
func (s *tomlScanner) resolve(name string) string {
	if _, ok := s.arrays[name]; !ok && !strings.Contains(name, ".") {
		return name // a table of its own, as most are
	}
	parts := strings.Split(name, ".")
	out := ""
	for _, p := range parts {
		if out != "" {
			out += "."
		}
		out += p
		if n, ok := s.arrays[out]; ok {
			out += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return out
}

// keyParts reads a dotted key (bare or quoted parts) and stops before '=' or
// ']'. Its parts hold until it is called again.
func (s *tomlScanner) keyParts() []string {
	parts := s.parts[:0]
	defer func() { s.parts = parts[:0] }()
	for {
		s.skipSpace()
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			s.next()
			var b strings.Builder
			for s.i < len(s.src) && s.peek() != c && s.peek() != '\n' {
				if c == '"' && s.peek() == '\\' {
					s.next()
				}
				b.WriteByte(s.peek())
				s.i++
				s.col++
			}
			s.next()
			parts = append(parts, b.String())
		case isBare(c):
			start := s.i
			for isBare(s.peek()) {
				s.next()
			}
			parts = append(parts, s.src[start:s.i])
		default:
			return parts
		}
		s.skipSpace()
		if s.peek() != '.' {
			if s.peek() == ']' {
				s.next()
				if s.peek() == ']' {
					s.next()
				}
			}
			return parts
		}
		s.next()
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// skipValue moves past one value, which may span lines, and the rest of its line.
func (s *tomlScanner) skipValue() {
	depth := 0
	for s.i < len(s.src) {
		switch c := s.peek(); c {
		case '"', '\'':
			triple := `"""`
			if c == '\'' {
				triple = "'''"
			}
			if strings.HasPrefix(s.src[s.i:], triple) {
				s.next()
				s.next()
				s.next()
				for s.i < len(s.src) && !strings.HasPrefix(s.src[s.i:], triple) {
					if c == '"' && s.peek() == '\\' {
						s.next()
					}
					s.next()
				}
				s.next()
				s.next()
				s.next()
				// A closing delimiter may carry up to two more quotes.
				for s.peek() == c {
					s.next()
				}
				continue
			}
			s.next()
			for s.i < len(s.src) && s.peek() != c && s.peek() != '\n' {
				if c == '"' && s.peek() == '\\' {
					s.next()
				}
				s.next()
			}
			s.next()
		case '[', '{':
			depth++
			s.next()
		case ']', '}':
			depth--
			s.next()
		case '#':
			for s.i < len(s.src) && s.peek() != '\n' {
				s.next()
			}
		case '\n':
			s.next()
			if depth <= 0 {
				return
			}
		default:
			s.next()
		}
	}
}
