package edit

import (
	"fmt"
	"strings"
)

// Diff is a unified diff of an edit of the file name, from old to new, with
// a line of context around each change, as "sprintkit set --dry-run"
// prints it. It is "" when nothing changed.
func Diff(name string, old, new []byte) string {
	a, b := lines(string(old)), lines(string(new))
	pre, suf := alikeEnds(a, b)
	if pre == len(a) && pre == len(b) {
		return ""
	}
	all := diffLines(a, b, pre, suf)
	var out strings.Builder
	fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", name, name)
	const ctx = 1
	for i := 0; i < len(all); {
		if all[i].op == ' ' {
			i++
			continue
		}
		start := max(i-ctx, 0)
		end := hunkEnd(all, i, ctx)
		writeHunk(&out, all[start:end])
		i = end
	}
	return out.String()
}

// A diffLine is a line of a diff: its step (' ', '-' or '+', as match
// gives them), its text, and where it stands in old and new.
type diffLine struct {
	op   byte
	text string
	ai   int // the line's number in old (or where it would be), from 0
	bi   int
}

// alikeEnds counts the lines alike at the start (pre) and, of the rest,
// at the end (suf) of a and b. Edits change a few lines: what is alike at
// both ends is left out before the lines between are matched.
func alikeEnds(a, b []string) (pre, suf int) {
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	return pre, suf
}

// diffLines is every line of a and b, as ' ', '-' or '+': the pre lines
// alike at the start, the matched lines between, and the suf lines alike
// at the end.
func diffLines(a, b []string, pre, suf int) []diffLine {
	ops := match(a[pre:len(a)-suf], b[pre:len(b)-suf])
	var all []diffLine
	for i := 0; i < pre; i++ {
		all = append(all, diffLine{' ', a[i], i, i})
	}
	ai, bi := pre, pre
	for _, op := range ops {
		switch op {
		case ' ':
			all = append(all, diffLine{' ', a[ai], ai, bi})
			ai++
			bi++
		case '-':
			all = append(all, diffLine{'-', a[ai], ai, bi})
			ai++
		case '+':
			all = append(all, diffLine{'+', b[bi], ai, bi})
			bi++
		}
	}
	for i := 0; i < suf; i++ {
		all = append(all, diffLine{' ', a[ai], ai, bi})
		ai++
		bi++
	}
	return all
}

// hunkEnd is where the hunk whose first change is all[i] ends, with ctx
// lines of context after its last change.
func hunkEnd(all []diffLine, i, ctx int) int {
	end := i
	for end < len(all) {
		if all[end].op != ' ' {
			end++
			continue
		}
		// A run of unchanged lines longer than twice the context ends
		// the hunk.
		j := end
		for j < len(all) && all[j].op == ' ' {
			j++
		}
		if j == len(all) || j-end > 2*ctx {
			return min(end+ctx, len(all))
		}
		end = j
	}
	return end
}

// writeHunk writes the hunk of the lines hunk to out: its "@@" line and
// its lines.
func writeHunk(out *strings.Builder, hunk []diffLine) {
	na, nb := 0, 0
	for _, l := range hunk {
		if l.op != '+' {
			na++
		}
		if l.op != '-' {
			nb++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(hunk[0].ai, na), hunkRange(hunk[0].bi, nb))
	for _, l := range hunk {
		out.WriteByte(l.op)
		out.WriteString(strings.TrimRight(l.text, "\r"))
		out.WriteByte('\n')
	}
}

func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

// lines splits s into its lines, without their line ends ("\n"; a "\r"
// stays with its line).
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// match gives the steps from a to b, fewest changes first: ' ' a line of
// both, '-' a line of a only, '+' a line of b only (longest common
// subsequence).
func match(a, b []string) []byte {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []byte
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, ' ')
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, '-')
			i++
		default:
			ops = append(ops, '+')
			j++
		}
	}
	return ops
}
