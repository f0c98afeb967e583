package sitecheck

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/sprintkit/sprintkit/internal/browsertest"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// mediaBox matches a PDF page's size: /MediaBox [0 0 width height].
var mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]`)

// mapYearSprints is the size of the generated year that the map is tried on.
const mapYearSprints = 150

var mapYear built

// mapYearSite builds sitegen's year of one organisation (three journey maps
// of 4 to 7 stages and mapYearSprints sprints) and returns the folder.
func mapYearSite(t testing.TB) string {
	t.Helper()
	mapYear.once.Do(func() {
		src := filepath.Join(tmp, "map-year-src")
		if mapYear.err = sitegen.WriteYearDir(src, mapYearSprints); mapYear.err == nil {
			mapYear.dir, mapYear.err = buildSite(src, filepath.Join(tmp, "map-year"))
		}
	})
	if mapYear.err != nil {
		t.Fatalf("building the year's site: %v", mapYear.err)
	}
	return mapYear.dir
}

// longestStudy is the id of the year's study with the most stages, and
// how many it has.
var longestStudy = sync.OnceValues(func() (string, int) {
	files := sitegen.Year(mapYearSprints)
	id, most := "", 0
	for _, st := range sitegen.YearInfo(mapYearSprints).Studies {
		if n := strings.Count(files["content/studies/"+st+".md"], "[[stages]]"); n > most {
			id, most = st, n
		}
	}
	return id, most
})

// A mapPage is a study page whose map the tests look at.
type mapPage struct {
	name, dir, path string
	stages          int
	address         string // what the printed sheet says the page's address is
	note            string // what the notes after the printed sheet hold
}

// longStateEnd ends the current state of longStateSite's one stage.
const longStateEnd = "och det är här texten slutar"

// longStateSite builds a site whose one study's one stage has a current
// state far too long for its cell on paper, and returns the folder.
func longStateSite(t *testing.T) string {
	t.Helper()
	long.once.Do(func() {
		src := filepath.Join(tmp, "long-src")
		state := strings.Repeat("Kunden läser avtalet noga, jämför med förra året och ringer sedan oss för att fråga vad som har ändrats. ", 12) + longStateEnd + "."
		files := map[string]string{
			"content/site.toml":          "title = \"Insiktssprintar\"\nlanguage = \"sv\"\n",
			"content/studies/avtalet.md": "+++\ntitle = \"Avtalet\"\nkind = \"journey-map\"\n\n[[stages]]\nid = \"lasa\"\nname = \"Läsa avtalet\"\ncurrent = \"" + state + "\"\ndesired = \"Kunden förstår avtalet direkt.\"\n+++\n",
		}
		for name, data := range files {
			p := filepath.Join(src, filepath.FromSlash(name))
			if long.err = os.MkdirAll(filepath.Dir(p), 0o755); long.err != nil {
				return
			}
			if long.err = os.WriteFile(p, []byte(data), 0o644); long.err != nil {
				return
			}
		}
		long.dir, long.err = buildSite(src, filepath.Join(tmp, "long"))
	})
	if long.err != nil {
		t.Fatalf("building the site with a long state: %v", long.err)
	}
	return long.dir
}

var long built

func mapPages(t *testing.T) []mapPage {
	id, n := longestStudy()
	if n != 7 {
		t.Fatalf("the year's longest study has %d stages, want 7", n)
	}
	return []mapPage{
		{"the example's map", exampleSite(t), "studies/kundresa-2026/index.html", 6, "https://intranat.example.se/insikt/studies/kundresa-2026/", ""},
		{"a year's 7-stage map", mapYearSite(t), "studies/" + id + "/index.html", 7, "", ""},
		{"a map with a long current state", longStateSite(t), "studies/avtalet/index.html", 1, "", longStateEnd},
	}
}

// mapFit is where the map lies in the window, in CSS pixels from the top
// of the page.
type mapFit struct {
	Stages     int
	Lanes      []int   // cells in each stage's column
	Bottom     float64 // the bottom of the lowest cell of the last lane
	Header     float64 // the site header's height
	PageScroll bool    // the page is wider than the window
	LastRight  float64 // the right edge of the last stage
	Width      float64
	Stacked    bool     // more than one stage, each below the one before it
	LaneOrder  []string // the lanes of the first stage, top to bottom
}

const measureMap = `(() => {
	const cols = [...document.querySelectorAll(".map-grid li.stage-col")];
	const doc = document.documentElement;
	const box = e => e.getBoundingClientRect();
	const cells = c => [...c.querySelectorAll(":scope > .cell")];
	return {
		Stages: cols.length,
		Lanes: cols.map(c => cells(c).length),
		Bottom: Math.max(...cols.map(c => Math.max(...cells(c).map(e => box(e).bottom)))) + scrollY,
		Header: box(document.querySelector("header.site")).height,
		PageScroll: doc.scrollWidth > doc.clientWidth,
		LastRight: box(cols[cols.length - 1]).right,
		Width: doc.clientWidth,
		Stacked: cols.length > 1 && cols.every((c, i) => i === 0 || box(c).top >= box(cols[i - 1]).bottom - 1),
		LaneOrder: cells(cols[0]).sort((a, b) => box(a).top - box(b).top)
			.map(e => [...e.classList].find(k => k === "head" || k.startsWith("lane-"))),
	};
})()`

// lanes are the map's lanes, top to bottom, by class.
var lanes = []string{"head", "lane-current", "lane-desired", "lane-beliefs", "lane-learned", "lane-changes", "lane-touchpoints", "lane-latest"}

// TestMap opens the example's journey map and the 7-stage map of a
// generated year in Chromium: at 1920×1080 every lane of every stage is on
// the first screen, at 1280×720 within two, with nothing to scroll
// sideways; at 390 px the stages are cards one below another, each with
// its lanes in the map's order, and the page does not scroll sideways.
func TestMap(t *testing.T) {
	tb := newTab(t)
	for _, mp := range mapPages(t) {
		u := fileURL(mp.dir, mp.path)
		for _, size := range []struct {
			w, h    int64
			screens float64 // within how many screens the map ends
		}{{1920, 1080, 1}, {1280, 720, 2}, {390, 844, 0}} {
			if err := chromedp.Do(tb.step(t), chromedp.EmulateViewport(size.w, size.h)); err != nil {
				t.Fatal(err)
			}
			if problems := tb.open(t, u); len(problems) > 0 {
				t.Errorf("%s: %v", mp.name, problems)
			}
			f := eval[mapFit](t, tb, measureMap)
			at := fmt.Sprintf("%s at %d×%d", mp.name, size.w, size.h)
			t.Logf("%s: map ends at y=%.0f, header %.0f px", at, f.Bottom, f.Header)
			if f.Stages != mp.stages {
				t.Errorf("%s: %d stages, want %d", at, f.Stages, mp.stages)
			}
			for i, n := range f.Lanes {
				if n != len(lanes) {
					t.Errorf("%s: stage %d has %d cells, want one for each of the %d lanes", at, i+1, n, len(lanes))
				}
			}
			if f.PageScroll {
				t.Errorf("%s: the page scrolls sideways", at)
			}
			if strings.Join(f.LaneOrder, " ") != strings.Join(lanes, " ") {
				t.Errorf("%s: the first stage's lanes read %v, want %v", at, f.LaneOrder, lanes)
			}
			if size.screens > 0 {
				if limit := size.screens * float64(size.h); f.Bottom > limit {
					t.Errorf("%s: the map's last lane ends at y=%.0f, below %.0f (%g screen(s))", at, f.Bottom, limit, size.screens)
				}
				if f.LastRight > f.Width+1 || f.Stacked {
					t.Errorf("%s: the last stage ends at x=%.0f of %.0f, stacked %v; want the stages side by side, all in view", at, f.LastRight, f.Width, f.Stacked)
				}
			} else if !f.Stacked && f.Stages > 1 {
				t.Errorf("%s: the stages are not one below another", at)
			}
		}
	}
}

// TestMapCells opens cells of the example's map in place: a click on a
// cell, Enter on a focused one, and a click on a stage's name, which opens
// all of its cells; and the picker marks what is new since a day.
func TestMapCells(t *testing.T) {
	tb := newTab(t)
	if err := chromedp.Do(tb.step(t), chromedp.EmulateViewport(1920, 1080)); err != nil {
		t.Fatal(err)
	}
	u := fileURL(exampleSite(t), "studies/kundresa-2026/index.html")
	tb.open(t, u)
	type cell struct {
		Open, WholeShown, PeekShown bool
	}
	state := func(sel string) cell {
		return eval[cell](t, tb, `(() => {
			const d = document.querySelector(`+strconv.Quote(sel)+`);
			const shown = e => !!e && e.checkVisibility();
			return {Open: d.open, WholeShown: shown(d.querySelector(".whole")), PeekShown: shown(d.querySelector(".peek"))};
		})()`)
	}
	const beliefs = "#stage-komma-igang .lane-beliefs"
	if c := state(beliefs); c.Open || c.WholeShown || !c.PeekShown {
		t.Errorf("before a click the beliefs cell is %+v; want it closed, showing its summary", c)
	}
	if err := chromedp.Do(tb.step(t), chromedp.Click(chromedp.CSS(beliefs+" > summary"))); err != nil {
		t.Fatal(err)
	}
	if c := state(beliefs); !c.Open || !c.WholeShown || c.PeekShown {
		t.Errorf("after a click the beliefs cell is %+v; want it open in place, showing the whole list instead of the first items", c)
	}

	const changes = "#stage-fa-hjalp .lane-changes"
	if err := chromedp.Do(tb.step(t), chromedp.Focus(chromedp.CSS(changes+" > summary")), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if c := state(changes); !c.Open || !c.WholeShown {
		t.Errorf("after Enter on the focused changes cell it is %+v; want it open", c)
	}

	if err := chromedp.Do(tb.step(t), chromedp.Click(chromedp.CSS("#stage-valja .cell.head a"))); err != nil {
		t.Fatal(err)
	}
	closed := eval[int](t, tb, `[...document.querySelectorAll("#stage-valja details")].filter(d => !d.open).length`)
	all := eval[int](t, tb, `document.querySelectorAll("#stage-valja details").length`)
	if all == 0 || closed > 0 {
		t.Errorf("after a click on the stage's name %d of its %d cells are closed; want all open", closed, all)
	}

	// Every cell open, as a reader may leave them: axe-core finds nothing.
	axe, err := os.ReadFile(tool(t, "axe-core", "AXE_JS", "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	eval[bool](t, tb, `document.querySelectorAll("details").forEach(d => d.open = true); true`)
	eval[bool](t, tb, string(axe)+"\ntrue")
	for _, v := range axeViolations(t, tb) {
		t.Errorf("the map with every cell open: %s", v)
	}

	// What is new since the newest day of the log: its newest entries and
	// the cells they changed.
	tb.open(t, u)
	type marked struct {
		Picker       bool
		Entries, New int
		Cells        int
	}
	m := eval[marked](t, tb, `(() => {
		const since = document.getElementById("since");
		since.value = since.max;
		since.dispatchEvent(new Event("change"));
		return {
			Picker: since.closest("p").getClientRects().length > 0,
			Entries: document.querySelectorAll(".log-entry").length,
			New: document.querySelectorAll(".log-entry.is-new").length,
			Cells: document.querySelectorAll(".map-grid .cell.is-new").length,
		};
	})()`)
	if !m.Picker || m.New == 0 || m.New == m.Entries || m.Cells == 0 {
		t.Errorf("marking what is new since the log's newest day: %+v; want the picker shown, some but not all entries new, and a cell marked", m)
	}
}

// TestMapPrint prints both maps to PDF on A4 and on A3, landscape as the
// page asks: the whole map, its legend and the page's address are on the
// first sheet, and the rest of the page follows on the next; no text on
// the sheet ends in "…"; and no text on it is set smaller than 7 pt on A4
// or 9 pt on A3, read from the PDF's own text operators.
func TestMapPrint(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		missingPoppler(t)
	}
	tb := newTab(t)
	for _, mp := range mapPages(t) {
		for _, paper := range []struct {
			name    string
			size    chromedp.PaperSize
			minSize float64
		}{{"A4", chromedp.PaperA4, 7}, {"A3", chromedp.PaperA3, 9}} {
			tb.open(t, fileURL(mp.dir, mp.path))
			pdf, err := chromedp.Run(tb.step(t), chromedp.PrintToPDF(
				chromedp.PDFPaper(paper.size),
				func(p *page.PrintToPDFParams) { p.PreferCSSPageSize = new(true) },
			))
			if err != nil {
				t.Fatal(err)
			}
			at := mp.name + " on " + paper.name
			contents, err := pdfPageContents(pdf)
			if err != nil {
				t.Fatalf("%s: reading the PDF: %v", at, err)
			}
			if len(contents) < 2 {
				t.Fatalf("%s: %d sheets, want the map's and then the rest of the page", at, len(contents))
			}
			if m := mediaBox.FindSubmatch(pdf); m != nil {
				w, _ := strconv.ParseFloat(string(m[1]), 64)
				h, _ := strconv.ParseFloat(string(m[2]), 64)
				if w <= h {
					t.Errorf("%s: the sheet is %.0f×%.0f pt, want landscape", at, w, h)
				}
			}
			sizes, err := textSizes(contents[0])
			if err != nil {
				t.Fatal(err)
			}
			smallest := 1000.0
			for _, s := range sizes {
				smallest = min(smallest, s)
			}
			t.Logf("%s: %d sheets; the map's sheet sets %d runs of text, the smallest at %.2f pt", at, len(contents), len(sizes), smallest)
			if len(sizes) == 0 || smallest < paper.minSize-0.01 {
				t.Errorf("%s: text on the map's sheet as small as %.2f pt, want at least %g", at, smallest, paper.minSize)
			}
			sheet, next := pdfText(t, pdftotext, pdf, 1), pdfText(t, pdftotext, pdf, 2)
			for _, want := range []string{"Teckenförklaring", mp.address} {
				if !strings.Contains(sheet, want) {
					t.Errorf("%s: the map's sheet lacks %q, which comes after the map", at, want)
				}
			}
			if i := strings.Index(sheet, "…"); i >= 0 {
				t.Errorf("%s: the map's sheet cuts a text with …: %q", at, sheet[max(0, i-60):i+3])
			}
			if !strings.Contains(next, "Noter till kartan") && !strings.Contains(next, "Vad som har ändrats på kartan") {
				t.Errorf("%s: the second sheet starts neither the notes nor the log:\n%.300s", at, next)
			}
			// (pdftotext reads text that its cell hides, so only the note is
			// looked for.)
			if mp.note != "" && !strings.Contains(strings.Join(strings.Fields(next), " "), mp.note) {
				t.Errorf("%s: %q is not in the notes after the sheet", at, mp.note)
			}
		}
	}
}

// pdfText is the text of one page of pdf, as poppler's pdftotext reads it.
func pdfText(t *testing.T, pdftotext string, pdf []byte, page int) string {
	t.Helper()
	n := strconv.Itoa(page)
	cmd := exec.Command(pdftotext, "-f", n, "-l", n, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = strings.NewReader(string(pdf))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// missingPoppler skips or fails a test that reads PDFs with poppler.
func missingPoppler(t *testing.T) {
	t.Helper()
	browsertest.Missing(t, "pdftotext (poppler-utils)", "apt-get install poppler-utils")
}
