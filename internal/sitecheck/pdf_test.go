package sitecheck

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
)

// This file reads what a printed page sets its text in, from the PDF that
// Chromium (Skia) writes: its pages in order, each page's content stream,
// and in it the size of every run of text as it lands on paper: the size
// of the font operator (Tf) scaled by the text matrix (Tm) and the
// transformations in force (cm, saved and restored by q and Q). No PDF
// module is needed for the few operators that matter.

var (
	pdfKids     = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	pdfRef      = regexp.MustCompile(`(\d+)\s+0\s+R`)
	pdfContents = regexp.MustCompile(`/Contents\s+(\d+)\s+0\s+R`)
	pdfRoot     = regexp.MustCompile(`/Type\s*/Pages\b`)
)

// pdfObject is the text of the indirect object n, from "n 0 obj" to "endobj".
func pdfObject(pdf []byte, n string) ([]byte, error) {
	start := bytes.Index(pdf, []byte("\n"+n+" 0 obj"))
	if start < 0 {
		return nil, fmt.Errorf("no object %s", n)
	}
	end := bytes.Index(pdf[start:], []byte("endobj"))
	if end < 0 {
		return nil, fmt.Errorf("object %s has no end", n)
	}
	return pdf[start : start+end], nil
}

// pdfPageContents returns the content stream of each page, in order,
// inflated.
func pdfPageContents(pdf []byte) ([][]byte, error) {
	// The root of the page tree is the one Pages object no Kids list names.
	var roots [][]byte
	for _, loc := range pdfRoot.FindAllIndex(pdf, -1) {
		start := bytes.LastIndex(pdf[:loc[0]], []byte(" 0 obj"))
		end := bytes.Index(pdf[loc[0]:], []byte("endobj"))
		if start < 0 || end < 0 {
			continue
		}
		if bytes.Contains(pdf[start:loc[0]+end], []byte("/Parent")) {
			continue
		}
		roots = append(roots, pdf[loc[0]:loc[0]+end])
	}
	if len(roots) != 1 {
		return nil, fmt.Errorf("%d roots of the page tree, want 1", len(roots))
	}
	var pages [][]byte
	var walk func(node []byte, depth int) error
	walk = func(node []byte, depth int) error {
		if depth > 10 {
			return fmt.Errorf("the page tree is too deep")
		}
		kids := pdfKids.FindSubmatch(node)
		if kids == nil {
			c := pdfContents.FindSubmatch(node)
			if c == nil {
				return fmt.Errorf("a page without /Contents")
			}
			obj, err := pdfObject(pdf, string(c[1]))
			if err != nil {
				return err
			}
			i := bytes.Index(obj, []byte("stream"))
			if i < 0 {
				return fmt.Errorf("contents %s: no stream", c[1])
			}
			data := bytes.TrimLeft(obj[i+len("stream"):], "\r\n")
			zr, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				return fmt.Errorf("contents %s: %w", c[1], err)
			}
			b, err := io.ReadAll(zr)
			if err != nil && len(b) == 0 {
				return fmt.Errorf("contents %s: %w", c[1], err)
			}
			pages = append(pages, b)
			return nil
		}
		for _, ref := range pdfRef.FindAllSubmatch(kids[1], -1) {
			kid, err := pdfObject(pdf, string(ref[1]))
			if err != nil {
				return err
			}
			if err := walk(kid, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return pages, walk(roots[0], 0)
}

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// times is m × n: m applied first, then n.
func (m matrix) times(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// textSizes returns, for a page's content stream, the size in points at
// which each text-showing operator sets its text: the font's size times
// how much the text matrix and the transformations stretch it upright.
func textSizes(content []byte) ([]float64, error) {
	var (
		sizes    []float64
		operands []string
		ctm      = identity
		stack    []matrix
		tm       = identity
		font     float64
	)
	num := func(k int) float64 {
		if len(operands) < k {
			return 0
		}
		f, _ := strconv.ParseFloat(operands[len(operands)-k], 64)
		return f
	}
	six := func() matrix {
		return matrix{num(6), num(5), num(4), num(3), num(2), num(1)}
	}
	s := content
	for len(s) > 0 {
		c := s[0]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			s = s[1:]
		case c == '%':
			if i := bytes.IndexByte(s, '\n'); i >= 0 {
				s = s[i:]
			} else {
				s = nil
			}
		case c == '(':
			// A literal string, with nested parentheses and escapes.
			depth, i := 0, 0
			for ; i < len(s); i++ {
				if s[i] == '\\' {
					i++
					continue
				}
				if s[i] == '(' {
					depth++
				} else if s[i] == ')' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			operands = append(operands, "()")
			s = s[min(i+1, len(s)):]
		case c == '<' && len(s) > 1 && s[1] == '<', c == '>' && len(s) > 1 && s[1] == '>':
			s = s[2:]
		case c == '<':
			i := bytes.IndexByte(s, '>')
			if i < 0 {
				return nil, fmt.Errorf("an unterminated hex string")
			}
			operands = append(operands, "<>")
			s = s[i+1:]
		case c == '[' || c == ']' || c == '{' || c == '}':
			s = s[1:]
		default:
			i := 1
			for i < len(s) && !bytes.ContainsRune([]byte(" \n\r\t\f\x00()<>[]{}/%"), rune(s[i])) {
				i++
			}
			tok := string(s[:i])
			s = s[i:]
			if c == '/' || c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9') {
				operands = append(operands, tok)
				continue
			}
			switch tok {
			case "q":
				stack = append(stack, ctm)
			case "Q":
				if n := len(stack); n > 0 {
					ctm, stack = stack[n-1], stack[:n-1]
				}
			case "cm":
				ctm = six().times(ctm)
			case "BT":
				tm = identity
			case "Tf":
				font = num(1)
			case "Tm":
				tm = six()
			case "Td", "TD":
				tm = matrix{1, 0, 0, 1, num(2), num(1)}.times(tm)
			case "Tj", "TJ", "'", "\"":
				m := tm.times(ctm)
				sizes = append(sizes, math.Abs(font)*math.Hypot(m[2], m[3]))
			}
			operands = operands[:0]
		}
	}
	return sizes, nil
}
