package sitecheck

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/sprintkit/sprintkit/internal/site"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// yearSprints is the size of the year's site that the tests here build:
// one organisation's year (sitegen.Year).
const yearSprints = 150

var years = map[string]*built{"sv": {}, "en": {}}

// yearSite builds the year's site of yearSprints sprints in lang: sitegen
// writes it in Swedish, and "en" sets its language to English.
func yearSite(t testing.TB, lang string) string {
	t.Helper()
	b := years[lang]
	b.once.Do(func() {
		src := filepath.Join(tmp, "year-src-"+lang)
		if b.err = sitegen.WriteYearDir(src, yearSprints); b.err != nil {
			return
		}
		if lang == "en" {
			settings := filepath.Join(src, "content", "site.toml")
			data, err := os.ReadFile(settings)
			if err != nil {
				b.err = err
				return
			}
			data = []byte(strings.Replace(string(data), `language = "sv"`, `language = "en"`, 1))
			if b.err = os.WriteFile(settings, data, 0o644); b.err != nil {
				return
			}
		}
		b.dir, b.err = buildSite(src, filepath.Join(tmp, "year-"+lang))
	})
	if b.err != nil {
		t.Fatalf("building the year's site in %s: %v", lang, b.err)
	}
	return b.dir
}

// yearModel loads the year's site as sprintkit sees it, as of today.
func yearModel(t *testing.T) *site.Site {
	t.Helper()
	s, err := site.Load(sitegen.YearMapFS(yearSprints), site.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// actionCounts reads the counts of actions by state from a built page:
// the first list of counts that links to the actions page's parts.
var countLine = regexp.MustCompile(`<span class="count">(\d+)</span> <span class="state ([a-z]+)">`)

func actionCounts(t *testing.T, dir, page string) map[string]int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	html := string(data)
	// The counts stand in one <ul class="counts"> before anything else
	// with those classes.
	start := strings.Index(html, `<ul class="counts">`+"\n<li>"+`<a href="`)
	if start < 0 {
		start = strings.Index(html, `<ul class="counts">`)
	}
	end := start + strings.Index(html[start:], "</ul>")
	got := map[string]int{}
	for _, m := range countLine.FindAllStringSubmatch(html[start:end], -1) {
		n, _ := strconv.Atoi(m[1])
		got[m[2]] = n
	}
	return got
}

// TestYearCounts checks that the start page, the actions page and the
// team pages of the year's site count actions alike, and count only done
// sprints' actions: none of a planned or abandoned sprint.
func TestYearCounts(t *testing.T) {
	dir := yearSite(t, "sv")
	s := yearModel(t)
	want := map[string]int{}
	all := map[string]int{} // as every sprint's action would count
	for _, sp := range s.Sprints {
		if sp.Status == "done" {
			want[sp.ActionState(today)]++
		}
		st := sp.Action.Status
		if !sp.Action.Due.IsZero() && today.After(sp.Action.Due) && (st == "planned" || st == "doing") {
			st = site.Overdue
		}
		all[st]++
	}
	if want[site.Overdue] == all[site.Overdue] {
		t.Fatalf("the year's site has no planned or abandoned sprint whose action would look overdue: the test cannot tell")
	}
	home, actions := actionCounts(t, dir, "index.html"), actionCounts(t, dir, "actions/index.html")
	teams := map[string]int{}
	for _, tm := range s.Teams {
		for k, n := range actionCounts(t, dir, "teams/"+tm.Slug+"/index.html") {
			teams[k] += n
		}
	}
	for _, k := range site.ActionStates.Values {
		if home[k] != want[k] || actions[k] != want[k] || teams[k] != want[k] {
			t.Errorf("%s: start page %d, actions page %d, team pages together %d; want %d (done sprints' actions only; all sprints' would be %d)",
				k, home[k], actions[k], teams[k], want[k], all[k])
		}
	}
}

// TestYearPages opens the year's site in Chromium: the start page's first
// screen shows this quarter, the board narrowed to one study holds only
// that study's cards, search finds a word that is only in one notes.md and
// shows its date, and the sprint with 3,000 words of notes prints its
// learning card on the first page.
func TestYearPages(t *testing.T) {
	dir := yearSite(t, "sv")
	facts := sitegen.YearInfo(yearSprints)
	s := yearModel(t)
	tb := newTab(t)

	for _, size := range [][2]int64{{1920, 1080}, {1280, 720}} {
		if err := chromedp.Do(tb.step(t), chromedp.EmulateViewport(size[0], size[1])); err != nil {
			t.Fatal(err)
		}
		tb.open(t, fileURL(dir, "index.html"))
		seen := eval[string](t, tb, `(() => {
			const h = document.getElementById("learned"), first = document.querySelector(".digest li");
			if (!h || !first) return "no digest of this quarter";
			const r = first.getBoundingClientRect();
			return r.top < innerHeight && r.height > 0 ? "" : "this quarter's first lesson is at " + Math.round(r.top) + " px, below the first screen of " + innerHeight;
		})()`)
		if seen != "" {
			t.Errorf("%dx%d: %s", size[0], size[1], seen)
		}
		if quarter := eval[string](t, tb, `document.getElementById("learned").textContent`); !strings.Contains(quarter, "kvartal 4 2026") {
			t.Errorf("the digest is of %q, want kvartal 4 2026", quarter)
		}
	}

	// The board narrowed to one study.
	study := facts.Studies[1]
	tb.open(t, fileURL(dir, "assumptions/index.html"))
	res := eval[[]int](t, tb, fmt.Sprintf(`(() => {
		const sel = document.querySelector("form.narrow select[name=study]");
		sel.value = %q;
		sel.dispatchEvent(new Event("change", {bubbles: true}));
		const cards = [...document.querySelectorAll("li.belief")];
		const shown = cards.filter(c => c.getClientRects().length > 0);
		return [cards.length, shown.length, shown.filter(c => c.dataset.study !== %q).length,
			cards.filter(c => c.dataset.study === %q && c.getClientRects().length === 0).length];
	})()`, study, study, study))
	if res[1] == 0 || res[1] == res[0] || res[2] != 0 || res[3] != 0 {
		t.Errorf("board narrowed to %s: %d cards, %d shown, %d shown of other studies, %d of the study hidden", study, res[0], res[1], res[2], res[3])
	}
	if eval[string](t, tb, `location.hash`) != "#study="+study {
		t.Errorf("the narrowed board's address does not keep the choice")
	}
	// Opened at that address, the board comes narrowed, and the header's
	// search (which has data-* of its own) is left alone.
	tb.open(t, fileURL(dir, "index.html"))
	tb.open(t, fileURL(dir, "assumptions/index.html")+"#study="+study)
	if got := eval[[]int](t, tb, fmt.Sprintf(`[[...document.querySelectorAll("li.belief")].filter(c => c.getClientRects().length > 0 && c.dataset.study !== %q).length,
		document.querySelector("form.search").hidden ? 1 : 0]`, study)); got[0] != 0 || got[1] != 0 {
		t.Errorf("the board opened at #study=%s: %d cards of other studies shown, search hidden: %v", study, got[0], got[1] == 1)
	}

	// Search finds the word that only a notes.md holds, with its date.
	tb.open(t, fileURL(dir, "index.html"))
	err := chromedp.Do(tb.step(t),
		chromedp.Focus(chromedp.CSS("#search-q")),
		chromedp.KeyEvent(facts.NotesWord),
		chromedp.WaitVisible(chromedp.CSS("#search-results a")),
	)
	if err != nil {
		t.Fatalf("searching for %s: %v", facts.NotesWord, err)
	}
	hits := eval[[]string](t, tb, `[...document.querySelectorAll("#search-results a")].map(a => a.getAttribute("href") + " | " + a.textContent)`)
	date := facts.NotesWordSprint[:10]
	if len(hits) != 1 || !strings.Contains(hits[0], facts.NotesWordSprint) || !strings.Contains(hits[0], date) {
		t.Errorf("searching for %q: %q, want one result, %s with its date %s", facts.NotesWord, hits, facts.NotesWordSprint, date)
	}

	// The best first: matches in a title or belief above those in a lesson,
	// the rest and the notes; newer above older among equals.
	eval[bool](t, tb, `(() => { const q = document.getElementById("search-q"); q.value = "kylskapet"; q.dispatchEvent(new Event("input")); return true; })()`)
	if err := chromedp.Do(tb.step(t), chromedp.WaitVisible(chromedp.CSS("#search-results a"))); err != nil {
		t.Fatal(err)
	}
	ranked := eval[[][2]string](t, tb, `[...document.querySelectorAll("#search-results li")].map(li => [li.dataset.rank, li.dataset.date])`)
	ranks := map[string]bool{}
	for i, r := range ranked {
		ranks[r[0]] = true
		if i > 0 && (r[0] < ranked[i-1][0] || r[0] == ranked[i-1][0] && r[1] > ranked[i-1][1]) {
			t.Errorf("search result %d (rank %s, %s) is above %d (rank %s, %s)", i, ranked[i-1][0], ranked[i-1][1], i+1, r[0], r[1])
		}
	}
	if len(ranked) != 20 || len(ranks) < 2 {
		t.Errorf("searching for kylskapet shows %d results of %d ranks, want 20 of more than one", len(ranked), len(ranks))
	}

	// Narrowed to the beliefs on one study's map (the one whose stage
	// Använda is about the fridge).
	var private string
	for _, st := range s.Studies {
		if st.ID == "kundresa-privat" {
			private = st.Title
		}
	}
	kinds := eval[[]string](t, tb, fmt.Sprintf(`(() => {
		const [kind, study] = document.querySelectorAll(".search-narrow select");
		kind.value = "belief";
		study.value = String([...study.options].findIndex(o => o.textContent === %q) - 1);
		study.dispatchEvent(new Event("change"));
		return [...document.querySelectorAll("#search-results li")].map(li => li.querySelector(".kind").textContent + " | " + li.querySelector(".meta").textContent);
	})()`, private))
	if len(kinds) == 0 {
		t.Errorf("searching for kylskapet among %s's beliefs found nothing", private)
	}
	for _, k := range kinds {
		if !strings.HasPrefix(k, "Antagande på kartan | ") || !strings.Contains(k, private) {
			t.Errorf("narrowed to %s's beliefs, the search shows %q", private, k)
		}
	}

	// 3,000 words of notes: the learning card is on the first sheet.
	tb.open(t, fileURL(dir, "sprints/"+facts.LongNotes+"/index.html"))
	pdf, err := chromedp.Run(tb.step(t), chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		func(p *page.PrintToPDFParams) { p.PreferCSSPageSize = new(true) },
	))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(pdfPage.FindAll(pdf, -1)); n < 2 {
		t.Errorf("%s prints on %d page(s): its notes are not long enough to test", facts.LongNotes, n)
	}
	// In print media, on a screen as wide as an A4 sheet's text (210 mm
	// less 2 x 12 mm, 703 px), the card must end within the first sheet's
	// height: it is the start of the first column of the first page.
	if err := chromedp.Do(tb.step(t), chromedp.EmulateViewport(703, 1032), chromedp.Func(emulatePrint)); err != nil {
		t.Fatal(err)
	}
	order := eval[[]string](t, tb, `[...document.querySelectorAll("article.card > section.step")].map(s => s.classList[1])`)
	if strings.Join(order, " ") != "believed asked learned therefore observed" {
		t.Errorf("the card's steps are in the order %v, want the notes (observed) after the action", order)
	}
	// An A4 sheet at 96 dpi, less the 12 mm margins, is 1032 px high.
	bottom := eval[float64](t, tb, `document.querySelector(".step.therefore").getBoundingClientRect().bottom + scrollY`)
	if bottom > 1032 {
		t.Errorf("in print the learning card ends %.0f px down, past the first A4 page (1032 px)", bottom)
	}
}

// TestYearTables checks, in both languages, at three screen sizes and in
// print, that no table of the year's pages is wider than its column, nor
// hides a part behind a scrollbar.
func TestYearTables(t *testing.T) {
	facts := sitegen.YearInfo(yearSprints)
	pages := []string{"index.html", "actions/index.html", "assumptions/index.html", "teams/kundservice/index.html",
		"sprints/" + facts.LongNotes + "/index.html"}
	tb := newTab(t)
	for _, lang := range []string{"sv", "en"} {
		dir := yearSite(t, lang)
		// The last size is an A4 sheet's text in print media.
		for _, size := range [][2]int64{{1920, 1080}, {1280, 720}, {390, 844}, {703, 1032}} {
			if err := chromedp.Do(tb.step(t), chromedp.EmulateViewport(size[0], size[1])); err != nil {
				t.Fatal(err)
			}
			media := emulateScreen
			if size[0] == 703 {
				media = emulatePrint
			}
			if err := chromedp.Do(tb.step(t), chromedp.Func(media)); err != nil {
				t.Fatal(err)
			}
			for _, p := range pages {
				tb.open(t, fileURL(dir, p))
				wide := eval[[]string](t, tb, `[...document.querySelectorAll("main table")].filter(tb => tb.getClientRects().length > 0).flatMap(tb => {
					const col = tb.parentElement.clientWidth, w = tb.getBoundingClientRect().width;
					const out = [];
					if (w > col + 1) out.push("a table " + Math.round(w) + " px wide in a column of " + col);
					if (tb.scrollWidth > tb.clientWidth + 1) out.push("a table that scrolls " + (tb.scrollWidth - tb.clientWidth) + " px");
					return out;
				})`)
				if len(wide) > 0 {
					t.Errorf("%s %s at %dx%d: %v", lang, p, size[0], size[1], wide)
				}
				if n := eval[int](t, tb, `document.querySelectorAll("main table").length`); n == 0 && (p == "actions/index.html" || strings.HasPrefix(p, "sprints/")) {
					t.Errorf("%s %s has no table to test", lang, p)
				}
				if p == "actions/index.html" {
					// On a phone each action is a card, its cells named
					// by their columns' heads; not on a wider screen.
					phone := size[0] == 390
					wrong := eval[[]string](t, tb, `[...document.querySelectorAll("table.actions")].slice(0, 3).flatMap(tb => {
						const heads = [...tb.querySelectorAll("thead th")].map(th => th.textContent.trim());
						const row = tb.querySelector("tbody tr");
						if (!row) return ["a table with no row"];
						return [...row.children].slice(1).map((td, i) => {
							const got = getComputedStyle(td, "::before").content;
							const want = `+fmt.Sprintf("%t", phone)+` ? JSON.stringify(heads[i + 1] + ": ") : "none";
							return got === want ? "" : "column " + (i + 2) + ": " + got + ", want " + want;
						}).filter(Boolean);
					})`)
					if len(wrong) > 0 {
						t.Errorf("%s %s at %dx%d, the names of an action's cells: %v", lang, p, size[0], size[1], wrong)
					}
				}
			}
		}
	}
}

// emulatePrint renders the tab's page in print media, and emulateScreen
// on the screen again.
func emulatePrint(ctx context.Context, tg *chromedp.Target) error {
	_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	return err
}

func emulateScreen(ctx context.Context, tg *chromedp.Target) error {
	_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
	return err
}
