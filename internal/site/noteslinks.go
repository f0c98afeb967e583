package site

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"
)

// notesWarnings warns of each link and image in sp's notes.md whose
// address is not one of files, the files of the sprint's folder: a file
// missing (the page would show a broken image or link) or outside the
// folder (the file does not go with the sprint). Addresses with a scheme
// (https:, mailto:), to a part of the page (#…) and from the site's root
// (/…) are left alone, as is what stands in code. It reads the sprint's
// folder alone, and runs when the folder is read.
func notesWarnings(sp *Sprint, files []File) (warns Problems) {
	if sp.Notes == "" || sp.NotesPath == "" {
		return nil
	}
	in := map[string]bool{}
	for _, f := range files {
		in[f.Src] = true
	}
	dir := path.Dir(sp.NotesPath)
	for _, ln := range notesTargets(sp.Notes) {
		target := ln.target
		if i := strings.IndexAny(target, "?#"); i >= 0 {
			target = target[:i]
		}
		if t, err := url.PathUnescape(target); err == nil {
			target = t
		}
		what := "link"
		if ln.image {
			what = "image"
		}
		p := path.Join(dir, target)
		var msg string
		switch {
		case !strings.HasPrefix(p, dir+"/"):
			msg = fmt.Sprintf("%s %q is outside the sprint's folder: put the file in %s/ so that it goes with the sprint", what, ln.target, dir)
		case !in[p]:
			msg = fmt.Sprintf("%s %q is not a file in the sprint's folder: the page would show it broken", what, ln.target)
		default:
			continue
		}
		warns = append(warns, Problem{Path: sp.NotesPath, Line: ln.line, Col: ln.col, Msg: msg, Kind: WarnNotesFile})
	}
	return warns
}

// A notesTarget is the address of a link or an image in Markdown, with
// its place (1-based line and column, in characters).
type notesTarget struct {
	target    string
	image     bool
	line, col int
}

// inlineLink finds [text](address) and ![alt](address), and reference
// definitions [label]: address.
var inlineLink = regexp.MustCompile(`(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)|^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)`)

// hasLinkMark reports whether s holds what every match of inlineLink
// holds: "](" or "]:".
func hasLinkMark(s string) bool {
	return strings.Contains(s, "](") || strings.Contains(s, "]:")
}

// schemeOrRoot matches the addresses notesWarnings leaves alone.
var schemeOrRoot = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*:|#|/)`)

// notesTargets returns the relative addresses that the Markdown src links
// to, outside code blocks and code spans.
func notesTargets(src string) []notesTarget {
	if !hasLinkMark(src) {
		// Most notes link to nothing: every save reads every sprint's
		// notes this way, and the pattern is slow to try on every line.
		return nil
	}
	var out []notesTarget
	fence := ""
	for i, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			continue
		}
		if strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") {
			continue // an indented code block, or a list's continuation: both rare for links to files
		}
		if !hasLinkMark(line) {
			continue
		}
		code := codeSpans(line)
		for _, m := range inlineLink.FindAllStringSubmatchIndex(line, -1) {
			start, end, image := m[4], m[5], m[3] > m[2]
			if start < 0 {
				start, end, image = m[6], m[7], false
			}
			if start < 0 || inSpan(code, m[0]) {
				continue
			}
			target := line[start:end]
			if schemeOrRoot.MatchString(target) {
				continue
			}
			out = append(out, notesTarget{target, image, i + 1, utf8.RuneCountInString(line[:start]) + 1})
		}
	}
	return out
}

// codeSpans returns the byte ranges of line between backticks.
func codeSpans(line string) [][2]int {
	var spans [][2]int
	for i := 0; i < len(line); {
		a := strings.IndexByte(line[i:], '`')
		if a < 0 {
			break
		}
		a += i
		b := strings.IndexByte(line[a+1:], '`')
		if b < 0 {
			break
		}
		b += a + 1
		spans = append(spans, [2]int{a, b})
		i = b + 1
	}
	return spans
}

func inSpan(spans [][2]int, at int) bool {
	for _, s := range spans {
		if at > s[0] && at < s[1] {
			return true
		}
	}
	return false
}
