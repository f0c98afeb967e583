package sitecheck

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// pdfPage matches a page object of a PDF, and not the /Pages tree.
var pdfPage = regexp.MustCompile(`/Type\s*/Page\b`)

// TestPrint prints every sprint page of the example site, and one of a
// generated site (its notes have a table and a task list), to PDF on A4 in
// headless Chromium, and checks that each is one page without the header,
// navigation, search or footer.
func TestPrint(t *testing.T) {
	tb := newTab(t)
	ex, gen := exampleSite(t), generatedSite(t)
	var urls []string
	for _, p := range htmlPages(t, ex) {
		if strings.HasPrefix(p, "sprints/") && !strings.HasSuffix(p, "/session/index.html") {
			urls = append(urls, fileURL(ex, p))
		}
	}
	urls = append(urls, fileURL(gen, "sprints/2022-09-25-sprint-00998/index.html"))
	for _, u := range urls {
		tb.open(t, u)
		pdf, err := chromedp.Run(tb.step(t), chromedp.PrintToPDF(
			chromedp.PDFPaper(chromedp.PaperA4),
			func(p *page.PrintToPDFParams) { p.PreferCSSPageSize = new(true) },
		))
		if err != nil {
			t.Fatalf("printing %s: %v", u, err)
		}
		n := len(pdfPage.FindAll(pdf, -1))
		t.Logf("%s: %d A4 page(s), %d bytes of PDF", u[strings.LastIndex(u, "/sprints/")+1:], n, len(pdf))
		if n != 1 {
			t.Errorf("%s prints on %d pages, want 1", u, n)
		}
	}

	// In print media the page's own frame is not rendered: hidden itself
	// (display: none) or inside what is.
	err := chromedp.Do(tb.step(t), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	shown := eval[[]string](t, tb, `["header.site", "nav", "form.search", "footer.site", ".skip", "p.noprint"]
		.filter(s => document.querySelector(s))
		.filter(s => document.querySelector(s).getClientRects().length > 0)`)
	if len(shown) > 0 {
		t.Errorf("in print media these are still shown: %v", shown)
	}
	if main := eval[int](t, tb, `document.querySelector("main").getClientRects().length`); main == 0 {
		t.Error("in print media the main content is hidden")
	}
}
