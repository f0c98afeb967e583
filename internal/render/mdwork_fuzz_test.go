package render

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
)

// FuzzMarkdownWork measures work, not crashes: it repeats the input to
// about 16 KiB and to four times that, and for each that internal/site
// lets through as a sprint's notes, renders it as the build does. It
// fails when the bytes allocated per byte of input pass maxWorkPerByte,
// or when four times the text costs much more than four times the work
// (allocations more than six times, time more than twelve): a shape whose
// cost grows faster than its size, which the bounds in internal/site must
// then refuse. Each slow input found is kept in testdata/fuzz.
func FuzzMarkdownWork(f *testing.F) {
	// The seeds are the shapes that grew faster than their size before
	// internal/site bounded them (see worstNotes).
	for _, s := range []string{"- a\n", "> a\n", "[a]: /b\n[a]\n", "*a ", "|a|\n|-|\n|b|\n", "[a](", "`a ", "a\n\n", "  - a\n",
		"[a](b (", "a*", "<a:b ", "[a]:\n", "a@b.c ", "- [ ] a\n", strings.Repeat(">", 32) + " a\n", "> [a](\n", "1.\n[a](\n", "![a", "[a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, unit string) {
		if unit == "" || len(unit) > 4096 {
			return
		}
		small := strings.Repeat(unit, (16<<10)/len(unit)+1)
		large := strings.Repeat(small, 4)
		if !letThrough(t, large) || !letThrough(t, small) {
			return
		}
		bs, ts := work(small, 2)
		bl, tl := work(large, 2)
		if perByte := bl / uint64(len(large)); perByte > maxWorkPerByte {
			t.Errorf("%d bytes allocated per byte of %q repeated", perByte, unit)
		}
		if bl > 6*bs+1<<20 {
			t.Errorf("%q repeated: %d bytes allocate %d, four times that %d", unit, len(small), bs, bl)
		}
		if tl > 12*ts && tl > 100*time.Millisecond {
			// Time is measured again, longer, before it is believed:
			// on a busy machine a slice of it goes to others.
			_, ts = work(small, 5)
			_, tl = work(large, 5)
			if tl > 12*ts {
				t.Errorf("%q repeated: %d bytes take %v, four times that %v", unit, len(small), ts, tl)
			}
		}
	})
}

// maxWorkPerByte is the most bytes that rendering a text the bounds let
// through may allocate per byte of it: a text of one-character list
// items, the densest there is, allocates about 600.
const maxWorkPerByte = 2000

// letThrough says whether internal/site loads notes; a problem it has
// with them must be theirs.
func letThrough(t *testing.T, notes string) bool {
	fsys := fstest.MapFS{}
	for p, f := range exampleFS {
		if strings.HasSuffix(p, ".toml") || strings.HasSuffix(p, ".md") {
			fsys[p] = f
		}
	}
	fsys[worstNotesPath] = &fstest.MapFile{Data: []byte(notes)}
	_, err := site.Load(fsys, site.Options{})
	var probs site.Problems
	if err != nil && (!errors.As(err, &probs) || probs[0].Path != worstNotesPath) {
		t.Fatalf("the example's sprint does not load: %v", err)
	}
	return err == nil
}

// work renders src as the build renders notes, n times, and gives the
// fewest bytes allocated and the shortest time.
func work(src string, n int) (uint64, time.Duration) {
	var bytes uint64
	var took time.Duration
	for i := 0; i < n; i++ {
		md := newMarkdown(false, nil, "")
		start := time.Now()
		n := allocated(func() { md.block(src) })
		d := time.Since(start)
		if i == 0 || n < bytes {
			bytes = n
		}
		if i == 0 || d < took {
			took = d
		}
	}
	return bytes, took
}
