package sitecheck

import (
	"regexp"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// mediaBox matches a PDF page's size: /MediaBox [0 0 width height].
var mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]`)

// TestMap looks at the example study's journey map in Chromium: at
// 1920×1080 its six stages show without scrolling sideways; at 390 px the
// map scrolls sideways inside its own region and the lane names stay in
// view at its far end; and the study page prints as one landscape page.
func TestMap(t *testing.T) {
	tb := newTab(t)
	u := fileURL(exampleSite(t), "studies/kundresa-2026/index.html")

	type fit struct {
		Stages        int
		PageScroll    bool // the page itself is wider than the window
		MapScroll     bool // the map's region scrolls sideways
		LaneInView    bool // after scrolling the map to its end, the lane names are in view
		LastStageSeen bool // the last stage's column is in the window
	}
	measure := func(w, h int64) fit {
		t.Helper()
		if err := chromedp.Do(tb.step(t), chromedp.EmulateViewport(w, h)); err != nil {
			t.Fatal(err)
		}
		if problems := tb.open(t, u); len(problems) > 0 {
			t.Errorf("%dx%d: %v", w, h, problems)
		}
		return eval[fit](t, tb, `(() => {
			const region = document.querySelector(".map-scroll");
			const doc = document.documentElement;
			const heads = [...document.querySelectorAll(".journey thead th")];
			const last = heads[heads.length - 1].getBoundingClientRect();
			const f = {
				Stages: heads.length,
				PageScroll: doc.scrollWidth > doc.clientWidth,
				MapScroll: region.scrollWidth > region.clientWidth + 1,
				LastStageSeen: last.right <= doc.clientWidth + 1 && last.left >= 0,
			};
			region.scrollLeft = region.scrollWidth;
			const r = region.getBoundingClientRect();
			f.LaneInView = [...document.querySelectorAll(".journey th[scope=row]")].every(th => {
				const b = th.getBoundingClientRect();
				return b.width > 0 && b.left >= r.left - 1 && b.left < r.left + 5;
			});
			return f;
		})()`)
	}

	wide := measure(1920, 1080)
	if wide.Stages != 6 || wide.PageScroll || wide.MapScroll || !wide.LastStageSeen {
		t.Errorf("at 1920×1080: %+v; want six stages, all in view, with nothing to scroll sideways", wide)
	}
	narrow := measure(390, 844)
	if narrow.PageScroll || !narrow.MapScroll || !narrow.LaneInView {
		t.Errorf("at 390×844: %+v; want the map, not the page, to scroll sideways, with the lane names in view", narrow)
	}

	pdf, err := chromedp.Run(tb.step(t), chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		func(p *page.PrintToPDFParams) { p.PreferCSSPageSize = new(true) },
	))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(pdfPage.FindAll(pdf, -1)); n != 1 {
		t.Errorf("the study page prints on %d pages, want 1", n)
	}
	m := mediaBox.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("the PDF has no /MediaBox")
	}
	width, _ := strconv.ParseFloat(string(m[1]), 64)
	height, _ := strconv.ParseFloat(string(m[2]), 64)
	if width <= height {
		t.Errorf("the study page prints %.0f×%.0f pt, want landscape", width, height)
	}
}
