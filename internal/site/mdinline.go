package site

import "strings"

// The scan of the inline text of a line: the marks and brackets that
// start or end inline elements, and the links whose address goldmark
// reads on and on.

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
