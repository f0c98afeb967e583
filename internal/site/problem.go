package site

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Problem is one thing wrong with the site, at a place in one file.
// Line and Col are 1-based; they are 0 when the problem concerns the whole file.
type Problem struct {
	Path string // slash-separated, relative to the site root
	Line int
	Col  int
	Msg  string
	Kind string // for a warning, what it is about (WarningKinds); "" for other
}

// ShowPath is a file's path as sprintkit prints it: quoted as a Go string
// when it holds a control character or is not UTF-8, so that a file name
// with a line break or an escape sequence can neither end the line nor
// steer the terminal it is printed to.
func ShowPath(path string) string {
	if strings.ContainsFunc(path, unicode.IsControl) || !utf8.ValidString(path) {
		return strconv.Quote(path)
	}
	return path
}

func (p Problem) Error() string {
	path := ShowPath(p.Path)
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", path, p.Line, p.Col, p.Msg)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", path, p.Line, p.Msg)
	default:
		return fmt.Sprintf("%s: %s", path, p.Msg)
	}
}

// Problems is every problem found in a site, in file and position order.
// It is the error that Load returns.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

func (ps Problems) sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// DidYouMean returns ` (did you mean "x"?)` for the closest of known to s,
// or "" when none is close.
func DidYouMean(s string, known []string) string {
	best, bestD := "", len(s)/2+2
	for _, k := range known {
		if d := distance(strings.ToLower(s), strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the Levenshtein distance between a and b, counted in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
