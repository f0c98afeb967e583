package sitecheck

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/sprintkit/sprintkit/internal/browsertest"
	"github.com/sprintkit/sprintkit/internal/sitegen"
)

// BenchmarkSearchQuery measures a search as a reader meets it, in headless
// Chromium on a built site of 10,000 generated sprints opened from file://:
// the time from setting the query to the results being in the page, taken
// in the page with performance.now() (the input handler is synchronous).
// It reports ms/query, the slowest query, the size of the index and the
// time to load and prepare it once.
func BenchmarkSearchQuery(b *testing.B) {
	src := filepath.Join(tmp, "bench-src")
	if err := sitegen.WriteDir(src, 10000); err != nil {
		b.Fatal(err)
	}
	dir, err := buildSite(src, filepath.Join(tmp, "bench"))
	if err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, "search-index.js"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := browsertest.New(b)
	c := browsertest.Timeout(b, ctx, time.Minute)
	if err := chromedp.Do(c, chromedp.Navigate(fileURL(dir, "index.html"))); err != nil {
		b.Fatal(err)
	}
	// Load and prepare the index by searching once.
	loadMS, err := chromedp.Run(c, chromedp.Evaluate[float64](`new Promise(done => {
		const q = document.getElementById("search-q"), t0 = performance.now();
		q.focus(); q.value = "kund"; q.dispatchEvent(new Event("input"));
		const poll = () => document.querySelector("#search-results a") ? done(performance.now() - t0) : setTimeout(poll, 5);
		poll();
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.Fatal(err)
	}
	queries := []string{"kund", "hittar funktion 4711", "leverans knappen", "mater samtalen", "zzzz", "funktion 99", "Kundservice", "sju av tio"}
	var total, slowest float64
	b.ResetTimer()
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)]
		i++
		ms, err := chromedp.Run(c, chromedp.Evaluate[float64](fmt.Sprintf(`(() => {
			const q = document.getElementById("search-q"), t0 = performance.now();
			q.value = %q; q.dispatchEvent(new Event("input"));
			document.getElementById("search-status").textContent; // results are in the page
			return performance.now() - t0;
		})()`, q)))
		if err != nil {
			b.Fatal(err)
		}
		total += ms
		slowest = max(slowest, ms)
	}
	b.ReportMetric(total/float64(i), "ms/query")
	b.ReportMetric(slowest, "max-ms")
	b.ReportMetric(float64(fi.Size())/(1<<20), "index-MiB")
	b.ReportMetric(loadMS, "load-ms")
}
