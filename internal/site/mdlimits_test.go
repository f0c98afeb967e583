package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const notesPath = "sprints/2026-11-02-brevet/notes.md"

// fill repeats unit up to MaxMarkdown bytes, after head.
func fill(head, unit string) string {
	return head + strings.Repeat(unit, (MaxMarkdown-len(head))/len(unit))
}

// lines joins the n lines that line(i) makes for i from 0.
func lines(n int, line func(i int) string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(line(i))
		b.WriteByte('\n')
	}
	return b.String()
}

// upTo is lines of line(i) for as long as they fit in MaxMarkdown.
func upTo(line func(i int) string) string {
	var b strings.Builder
	for i := 0; b.Len()+len(line(i))+1 <= MaxMarkdown; i++ {
		b.WriteString(line(i))
		b.WriteByte('\n')
	}
	return b.String()
}

func indented(i int) string { return strings.Repeat("  ", i) + "- a" }

// table is a table of cols columns and rows rows; rows < 0 fills it to
// MaxMarkdown.
func table(cols, rows int) string {
	row := "|" + strings.Repeat(" a |", cols) + "\n"
	head := row + "|" + strings.Repeat("---|", cols) + "\n"
	if rows < 0 {
		return fill(head, row)
	}
	return head + strings.Repeat(row, rows)
}

// refs is n reference definitions, each its own paragraph, then a
// paragraph of uses of them.
func refs(n, uses int) string {
	s := lines(n, func(i int) string { return fmt.Sprintf("[r%d]: /u%d\n", i, i) })
	return s + lines(uses, func(i int) string { return fmt.Sprintf("[r%d]\n", i%n) })
}

// mdShapes holds each bound just under (want is "") and just over, and
// the worst cases at MaxMarkdown that took seconds and hundreds of MB
// before the bounds: the first problem's line and column, and words of
// its message.
var mdShapes = []struct {
	name, src string
	line, col int
	want      string
}{
	{"list 32 deep by indentation", lines(32, indented), 0, 0, ""},
	{"list 33 deep by indentation", lines(33, indented), 33, 65, "nested more than 32 deep"},
	{"list 2,000 deep at 4 MiB", upTo(indented), 33, 65, "nested more than 32 deep"},
	{"list 33 deep on one line", strings.Repeat("- ", 33) + "a\n", 1, 65, "nested more than 32 deep"},
	{"list markers on one line at 4 MiB", fill("", "- ")[:MaxMarkdown-1] + "x", 1, 65, "nested more than 32 deep"},
	{"a thematic break of 40 dashes", "a\n\n" + strings.Repeat("- ", 40) + "\n", 0, 0, ""},
	{"quote 32 deep", strings.Repeat(">", 32) + " a\n", 0, 0, ""},
	{"quote 33 deep", strings.Repeat(">", 33) + " a\n", 1, 33, "block quotes nested more than 32 deep"},
	{"quote 4 MiB deep", fill("", ">"), 1, 33, "nested more than 32 deep"},
	{"quotes and lists 33 deep", "x\n\n" + strings.Repeat("> - ", 17) + "a\n", 3, 65, "nested more than 32 deep"},
	{"10,000 references", refs(10_000, 0), 0, 0, ""},
	{"10,001 references", refs(10_001, 0), 20_001, 1, "more than 10,000 link reference definitions"},
	{"150,000 references, 50,000 uses at 4 MiB", fill(strings.Repeat("[r]: /u\n", 150_000)+"\n", "[r] "), 10_001, 1, "more than 10,000 link reference definitions"},
	{"references with uses", refs(1_000, 40_000), 0, 0, ""},
	{"100,000 emphasis marks", lines(1000, func(int) string { return strings.Repeat("*a ", 100) + "\n" }), 0, 0, ""},
	{"100,001 emphasis marks", lines(1000, func(int) string { return strings.Repeat("*a ", 100) + "\n" }) + "_a_\n", 2001, 1, "more than 100,000 runs of *, _ and ~"},
	{"*a openers at 4 MiB", fill("", "*a "), 1, 300_001, "more than 100,000 runs of *, _ and ~"},
	{"table of 100 columns", table(100, 100), 0, 0, ""},
	{"table of 101 columns", table(101, 1), 2, 1, "a table of 101 columns, more than 100"},
	{"table of 20,000 columns at 4 MiB", table(20_000, -1), 2, 1, "a table of 20,000 columns"},
	{"200,000 lines", strings.Repeat("a\n", 200_000), 0, 0, ""},
	{"200,001 lines", strings.Repeat("a\n", 200_001), 200_001, 1, "more than 200,000 lines, list items, links"},
	{"list items at 4 MiB", fill("", "- a\n"), 100_001, 1, "more than 200,000 lines, list items"},
	{"table cells at 4 MiB", table(5, -1), 28_572, 9, "more than 200,000 lines, list items"},
	{"one paragraph of 2,500 [a](", strings.Repeat("[a](", 2500) + "\n", 0, 0, ""},
	{"one paragraph of 2,700 [a](", "x\n\n" + strings.Repeat("[a](", 2700) + "\n", 3, 1, "paragraphs too long for the links"},
	{"long paragraphs of [a]( at 4 MiB", fill("", strings.Repeat("[a](", 100)+"\n\n"), 1339, 1, "paragraphs too long for the links"},
	// One paragraph to goldmark in the guise of many: each must count as one.
	{"a long quoted paragraph", lines(700, func(int) string { return "> " + strings.Repeat("[a](", 100) }), 1, 1, "paragraphs too long for the links"},
	{"a long paragraph with lazy and quoted lines", lines(700, func(i int) string { return strings.Repeat(">", i%2) + strings.Repeat("[a](", 100) }), 2, 1, "paragraphs too long for the links"},
	{"a long paragraph with 1. lines", lines(1400, func(i int) string { return []string{"1.", strings.Repeat("[a](", 100)}[i%2] }), 1, 1, "paragraphs too long for the links"},
	{"a long paragraph with * lines", lines(1400, func(i int) string { return []string{"* ", strings.Repeat("[a](", 100)}[i%2] }), 1, 1, "paragraphs too long for the links"},
	{"a long paragraph with #hashtags", lines(1400, func(i int) string { return []string{"#tag", strings.Repeat("[a](", 100)}[i%2] }), 1, 1, "paragraphs too long for the links"},
	{"a long paragraph with indented list markers", lines(1400, func(i int) string { return []string{"    - a", strings.Repeat("[a](", 100)}[i%2] }), 1, 1, "paragraphs too long for the links"},
	{"a long paragraph after a heading and a false table", "# a\n|-|\n" + lines(700, func(int) string { return "|" + strings.Repeat("[a](", 100) }), 1, 1, "paragraphs too long for the links"},
	{"a long paragraph after a reference and a false table", "[a]: /b\n|-|\n" + lines(700, func(int) string { return "|" + strings.Repeat("[a](", 100) }), 1, 1, "paragraphs too long for the links"},
	{"a long paragraph in a deeper quote, lazily", ">> a\n" + lines(700, func(i int) string { return strings.Repeat(">", 1+i%2) + " " + strings.Repeat("[a](", 100) }), 1, 1, "paragraphs too long for the links"},
	{"a table's rows, each its own", "|a|\n|-|\n" + lines(500, func(int) string { return "|" + strings.Repeat("[a](", 100) }), 0, 0, ""},
	{"a reference 16 KiB long, used 1,000 times", "[a]: /" + strings.Repeat("x", 16_000) + "\n\n" + strings.Repeat("[a] ", 1_000), 0, 0, ""},
	{"a reference 64 KiB long, used 1,000 times", "x\n\n[a]: /" + strings.Repeat("x", 64_000) + "\n\n" + strings.Repeat("[a] ", 1_000), 3, 1, "a reference definition of up to 62 KiB in a text with 1,001 brackets"},
}

// TestMarkdownShapes loads a site whose notes hold each shape: under its
// bound the site loads; over it, the one problem is at the place, and
// the sprint is not loaded.
func TestMarkdownShapes(t *testing.T) {
	for _, c := range mdShapes {
		t.Run(c.name, func(t *testing.T) {
			if len(c.src) > MaxMarkdown {
				t.Fatalf("the case is %d bytes, more than MaxMarkdown", len(c.src))
			}
			s, err := Load(siteWith(map[string]string{notesPath: c.src}), Options{})
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(s.Sprints) != 1 || s.Sprints[0].Notes != c.src {
					t.Fatal("the notes were not loaded")
				}
				return
			}
			var probs Problems
			if !errors.As(err, &probs) || len(probs) != 1 {
				t.Fatalf("got %v, want one problem", err)
			}
			p := probs[0]
			if p.Path != notesPath || p.Line != c.line || p.Col != c.col || !strings.Contains(p.Msg, c.want) {
				t.Errorf("got %s\nwant %s:%d:%d: …%s…", p.Error(), notesPath, c.line, c.col, c.want)
			}
		})
	}
}

// TestMarkdownRealAtLimit holds real write-ups, the example site's notes,
// pages and study, repeated up to half of MaxMarkdown, under every bound:
// twenty times the longest write-up. (Repeated to 4 MiB, the densest
// holds 270,000 elements, which cost more than the budget of
// internal/render's TestWorstNotesBudget.)
func TestMarkdownRealAtLimit(t *testing.T) {
	files, _ := filepath.Glob("../../sprints/*/notes.md")
	more, _ := filepath.Glob("../../content/*.md")
	studies, _ := filepath.Glob("../../content/studies/*.md")
	files = append(append(files, more...), studies...)
	if len(files) < 3 {
		t.Fatalf("found %d example files", len(files))
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		_, body, _ := splitFrontMatter(string(b))
		src := fill("", body+"\n")[:MaxMarkdown/2]
		s := mdScan{lim: mdFile}
		if s.text(src) {
			t.Errorf("%s repeated to %s: %d:%d: %s", p, sizeText(int64(len(src))), s.at.line, s.at.col, s.msg)
		}
		t.Logf("%s at %d bytes: %d elements, %d emphasis marks, scan work %d", p, len(src), s.elements, s.delims, s.work)
	}
}

// TestMarkdownFields: the text fields of a plan share mdFields; past a
// bound the problem is at the field's value and names the line in it,
// and the plan is not read.
func TestMarkdownFields(t *testing.T) {
	deep := strings.Repeat(">", 33) + " a"
	for _, c := range []struct{ name, learned, want string }{
		{"quote 32 deep", `"""` + "\nDe läser det.\n" + deep[1:] + `"""`, ""},
		{"quote 33 deep", `"""` + "\nDe läser det.\n" + deep + `"""`, "sprints/2026-11-02-brevet/sprint.toml:21:11: result.learned: line 2 of the text: lists and block quotes nested more than 32 deep"},
		{"9,900 lines", `"` + strings.Repeat(`a\n`, 9_900) + `"`, ""},
		{"10,002 lines", `"` + strings.Repeat(`a\n`, 10_002) + `"`, "sprints/2026-11-02-brevet/sprint.toml:21:11: result.learned: line 10002 of the text: more than 10,000 lines, list items, links, marks and other elements in the text fields of one file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			plan := strings.Replace(goodPlan, `learned = "De läser det."`, "learned = "+c.learned, 1)
			sp, probs := ParseSprint(planPath, "2026-11-02-brevet", plan)
			if c.want == "" {
				if len(probs) > 0 || sp == nil {
					t.Fatalf("got %v", probs)
				}
				return
			}
			if len(probs) != 1 || !strings.HasPrefix(probs[0].Error(), c.want) || sp != nil {
				t.Fatalf("got %v, want one problem %s…", probs, c.want)
			}
		})
	}
}

// BenchmarkMarkdownShapes checks each of mdShapes: the check itself reads
// each byte a bounded number of times, so 4 MiB takes milliseconds.
func BenchmarkMarkdownShapes(b *testing.B) {
	for _, c := range mdShapes {
		b.Run(strings.ReplaceAll(c.name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.src)))
			for b.Loop() {
				s := mdScan{lim: mdFile}
				s.text(c.src)
			}
		})
	}
}

// TestTOMLItems: the arrays of a plan hold at most maxItems items in all;
// past that, the problem is at the array that passed it.
func TestTOMLItems(t *testing.T) {
	for _, n := range []int{maxItems - 1, maxItems} {
		list := `"a"` + strings.Repeat(`, "a"`, n)
		plan := strings.Replace(goodPlan, "status = \"done\"\n", "status = \"done\"\nparticipants = ["+list+"]\n", 1)
		_, probs := ParseSprint(planPath, "2026-11-02-brevet", plan)
		want := ""
		if n == maxItems {
			want = "sprints/2026-11-02-brevet/sprint.toml:7:16: participants: more than 2,000 items in the arrays of one file"
		}
		if got := probs.Error(); want == "" && got != "" || !strings.HasPrefix(got, want) {
			t.Errorf("%d participants: got %q, want %q", n+1, got, want)
		}
	}
}

// TestMarkdownBodyLines: in a study or a page, the problem's line counts
// the front matter's lines too.
func TestMarkdownBodyLines(t *testing.T) {
	deep := strings.Repeat(">", 33) + " a\n"
	for _, p := range []string{"content/studies/resa.md", "content/om.md"} {
		src := goodStudy + "\n" + deep
		_, err := Load(siteWith(map[string]string{p: src}), Options{})
		want := fmt.Sprintf("%s:%d:33: lists and block quotes nested more than 32 deep", p, strings.Count(goodStudy, "\n")+2)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("got %v, want %s…", err, want)
		}
	}
}
