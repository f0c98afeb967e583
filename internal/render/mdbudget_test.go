package render

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
)

// The budget: checking or building the example site with any one file at
// its size limit takes at most 2 s and 400 MB. internal/site refuses the
// Markdown shapes that cost more (mdlimits.go); what it lets through is
// held here to a bound on the bytes allocated, which, unlike time, a busy
// machine does not change.

// mdBudgetBytes is the most that loading and rendering the whole example
// site, with one sprint's notes at their worst within the bounds, may
// allocate in all (most of it is garbage long before the end: the peak
// heap is a fraction of it).
const mdBudgetBytes = 600 << 20

// worstNotes are the shapes of notes that cost goldmark the most per byte
// or grow fastest, each as large as the bounds let through and at most
// site.MaxMarkdown: what the example site is checked and built with.
func worstNotes() []struct{ name, src string } {
	fill := func(head, unit string, n int) string {
		if max := (site.MaxMarkdown - len(head)) / len(unit); n > max {
			n = max
		}
		return head + strings.Repeat(unit, n)
	}
	var nested strings.Builder
	for i := 0; i < 32; i++ {
		nested.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	realNotes, _ := os.ReadFile("../../sprints/2026-10-06-hittar-kunderna-fakturans-forfallodag/notes.md")
	return []struct{ name, src string }{
		{"real notes", fill("", string(realNotes)+"\n", 2_300)},
		{"lines", fill("", "a\n", 199_990)},
		{"list items", fill("", "- a\n", 99_990)},
		{"task items", fill("", "- [ ] a\n", 49_990)},
		{"lists 32 deep", fill("", nested.String(), 355)},
		{"quotes 32 deep", fill("", strings.Repeat(">", 32)+"a\n\n", 5_800)},
		{"quote 32 deep, then lazy lines", fill(strings.Repeat(">", 32)+" a\n", "a\n", 199_900)},
		{"table cells", fill("|"+strings.Repeat("a|", 100)+"\n|"+strings.Repeat("-|", 100)+"\n", "|"+strings.Repeat("b|", 100)+"\n", 1_950)},
		{"emphasis", fill("", strings.Repeat("*a ", 100)+"\n\n", 999)},
		{"emphasis pairs", fill("", strings.Repeat("*a* ", 50)+"\n\n", 999)},
		{"link openers", fill("", strings.Repeat("[a](", 100)+"\n\n", 660)},
		{"link titles", fill("", strings.Repeat("[a](b (", 100)+"\n\n", 370)},
		{"code span openers", fill("", strings.Repeat("`a ", 100)+"\n\n", 1_900)},
		{"brackets", fill("", strings.Repeat("[a", 100)+"\n\n", 1_400)},
		{"references", fill(refDefs(10_000), "[r7]\n\n", 40_000)},
		{"a long reference used often", fill("[a]: /"+strings.Repeat("x", 16_000)+"\n\n", "[a] ", 1_000)},
		{"paragraphs with links", fill("", strings.Repeat("Kunden sa att fakturan var svår att hitta [se bild](bild.png) och *ringde* två gånger. ", 10)+"\n\n", site.MaxMarkdown)},
	}
}

func refDefs(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "[r%d]: /u%d\n\n", i, i)
	}
	return b.String()
}

// exampleFS is the example site of the repository in memory.
var exampleFS = func() fstest.MapFS {
	m := fstest.MapFS{}
	for _, dir := range []string{"content", "sprints", "templates"} {
		_ = fs.WalkDir(os.DirFS("../.."), dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, err := os.ReadFile(path.Join("../..", p))
			if err == nil {
				m[p] = &fstest.MapFile{Data: b, Mode: 0o644}
			}
			return nil
		})
	}
	return m
}()

const worstNotesPath = "sprints/2026-10-06-hittar-kunderna-fakturans-forfallodag/notes.md"

// checkExampleWith does what sprintkit check does with the example site
// whose one sprint's notes are notes: load it, and render every page.
func checkExampleWith(notes string) error {
	return checkExampleWithFile(worstNotesPath, notes)
}

// checkExampleWithFile is checkExampleWith with the file p holding src.
func checkExampleWithFile(p, src string) error {
	fsys := fstest.MapFS{}
	for q, f := range exampleFS {
		fsys[q] = f
	}
	fsys[p] = &fstest.MapFile{Data: []byte(src), Mode: 0o644}
	s, err := site.Load(fsys, site.Options{})
	if err != nil {
		return err
	}
	overrides, _ := fs.Sub(fsys, "templates")
	return Render(s, fsys, Options{Overrides: overrides}, discardWriter{})
}

const (
	worstPlanPath  = "sprints/2026-10-06-hittar-kunderna-fakturans-forfallodag/sprint.toml"
	worstStudyPath = "content/studies/kundresa-2026.md"
)

// worstFiles are a plan and a study at their worst within the bounds:
// text fields and arrays as large as they may be, each drawn on several
// pages.
func worstFiles() []struct{ name, path, src string } {
	plan := string(exampleFS[worstPlanPath].Data)
	study := string(exampleFS[worstStudyPath].Data)
	long := strings.Repeat("Kunden ", 14)
	var agenda, changes, beliefs strings.Builder
	for i := 0; i < 1_990; i++ {
		fmt.Fprintf(&agenda, "[[agenda]]\nblock = \"Block %d %s\"\nminutes = 1\n", i, long)
	}
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&changes, "[[stages]]\nid = \"c%d\"\nname = \"x\"\nchanges = [", i)
		for j := 0; j < 40; j++ {
			fmt.Fprintf(&changes, "{ text = %q, team = \"T%d\", status = \"doing\" },", long, j%7)
		}
		changes.WriteString("]\n")
	}
	for i := 0; i < 16; i++ {
		fmt.Fprintf(&beliefs, "[[stages]]\nid = \"b%d\"\nname = \"x\"\n", i)
		for j := 0; j < 98; j++ {
			fmt.Fprintf(&beliefs, "[[stages.beliefs]]\nid = \"b%d-%d\"\ntext = %q\nbasis = \"insight\"\n", i, j, long)
		}
	}
	return []struct{ name, path, src string }{
		{"plan: learned, 4,900 list items", worstPlanPath, strings.Replace(plan, `learned = "Fem`, `learned = "`+strings.Repeat(`- a\n`, 4_900)+"Fem", 1)},
		{"plan: agenda of 1,990 blocks", worstPlanPath, strings.Replace(plan[:strings.Index(plan, "[[agenda]]")], "duration = 90", "duration = 1990", 1) + "\n" + agenda.String()},
		{"study: 1,600 changes", worstStudyPath, strings.Replace(study, "\n+++\n", "\n"+changes.String()+"+++\n", 1)},
		{"study: 1,568 beliefs", worstStudyPath, strings.Replace(study, "\n+++\n", "\n"+beliefs.String()+"+++\n", 1)},
		{"study: text", worstStudyPath, strings.Replace(study, "\n+++\n", "\n+++\n"+strings.Repeat("- a\n", 99_000), 1)},
	}
}

// allocated is the bytes that f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestWorstNotesBudget checks the example site with each of worstNotes:
// it loads, and allocates at most mdBudgetBytes.
func TestWorstNotesBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 4 MiB of notes for each shape")
	}
	if _, ok := exampleFS[worstNotesPath]; !ok {
		t.Fatalf("the example site has no %s", worstNotesPath)
	}
	for _, c := range worstNotes() {
		t.Run(c.name, func(t *testing.T) {
			var err error
			start := time.Now()
			n := allocated(func() { err = checkExampleWith(c.src) })
			if err != nil {
				t.Fatalf("%d bytes: %v", len(c.src), err)
			}
			t.Logf("%d bytes of notes: %d MB allocated, %v (on a busy machine)", len(c.src), n>>20, time.Since(start).Round(time.Millisecond))
			if n > mdBudgetBytes {
				t.Errorf("%d bytes of notes: %d MB allocated, more than %d MB", len(c.src), n>>20, mdBudgetBytes>>20)
			}
		})
	}
}

// TestWorstFilesBudget checks the example site with each of worstFiles
// in place of its own: it loads, and allocates at most mdBudgetBytes.
func TestWorstFilesBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a large plan and study")
	}
	for _, c := range worstFiles() {
		t.Run(c.name, func(t *testing.T) {
			var err error
			start := time.Now()
			n := allocated(func() { err = checkExampleWithFile(c.path, c.src) })
			if err != nil {
				t.Fatalf("%d bytes: %v", len(c.src), err)
			}
			t.Logf("%d bytes of %s: %d MB allocated, %v (on a busy machine)", len(c.src), c.path, n>>20, time.Since(start).Round(time.Millisecond))
			if n > mdBudgetBytes {
				t.Errorf("%d bytes of %s: %d MB allocated, more than %d MB", len(c.src), c.path, n>>20, mdBudgetBytes>>20)
			}
		})
	}
}

// BenchmarkWorstFiles checks the example site with each of worstFiles.
func BenchmarkWorstFiles(b *testing.B) {
	for _, c := range worstFiles() {
		b.Run(strings.ReplaceAll(c.name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := checkExampleWithFile(c.path, c.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWorstNotes checks the example site with each of worstNotes.
func BenchmarkWorstNotes(b *testing.B) {
	for _, c := range worstNotes() {
		b.Run(strings.ReplaceAll(c.name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := checkExampleWith(c.src); err != nil {
					var probs site.Problems
					if errors.As(err, &probs) {
						b.Fatal(probs[0])
					}
					b.Fatal(err)
				}
			}
		})
	}
}

// refusedNotes are the shapes of notes that took seconds and hundreds of
// MB before internal/site refused them, at site.MaxMarkdown.
func refusedNotes() []struct{ name, src string } {
	var list, defs strings.Builder
	for i := 0; list.Len() < site.MaxMarkdown-8_000; i++ {
		list.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	for i := 0; i < 150_000; i++ {
		fmt.Fprintf(&defs, "[r%d]: /u\n", i)
	}
	defs.WriteString("\n")
	row := "|" + strings.Repeat("a|", 20_000) + "\n"
	table := row + "|" + strings.Repeat("-|", 20_000) + "\n"
	return []struct{ name, src string }{
		{"list 2,000 deep", list.String()},
		{"quote 4 MiB deep", strings.Repeat(">", site.MaxMarkdown-3) + " a"},
		{"150,000 references", defs.String() + strings.Repeat("[r7] ", (site.MaxMarkdown-defs.Len())/5)},
		{"*a openers", strings.Repeat("*a ", site.MaxMarkdown/3)},
		{"table of 20,000 columns", table + strings.Repeat(row, (site.MaxMarkdown-len(table))/len(row))},
	}
}

// BenchmarkRefusedNotes checks the example site with each of refusedNotes:
// the notes are refused with a problem at their place, before goldmark.
func BenchmarkRefusedNotes(b *testing.B) {
	for _, c := range refusedNotes() {
		b.Run(strings.ReplaceAll(c.name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var probs site.Problems
				if err := checkExampleWith(c.src); !errors.As(err, &probs) || probs[0].Path != worstNotesPath {
					b.Fatalf("got %v, want a problem in the notes", err)
				}
			}
		})
	}
}
