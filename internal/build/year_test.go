package build

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sprintkit/sprintkit/internal/sitegen"
)

var (
	// countsList is a list of counts on a page, and headingTag a heading.
	countsList = regexp.MustCompile(`(?s)<ul class="counts[^"]*">.*?</ul>|<h[12][^>]*>.*?</h[12]>`)
	anyTag     = regexp.MustCompile(`<[^>]*>`)
	spaces     = regexp.MustCompile(`\s+`)
)

// TestYearGolden builds a generated year of one organisation
// (sitegen.Year: 150 sprints, 3 studies, 12 teams, retests, plans not
// held, abandoned sprints) and compares what its pages count — the
// headings and the lists of counts of the start page, the actions page,
// every team's page, the board, the studies page and each study — with
// testdata/year.golden, one line each, so that a change in what a year
// counts reads as a diff of a few lines.
func TestYearGolden(t *testing.T) {
	var w memWriter
	today := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	if _, err := Build(sitegen.YearMapFS(150), today, &w); err != nil {
		t.Fatal(err)
	}
	var pages []string
	for n := range w.files {
		if n == "index.html" || n == "actions/index.html" || n == "assumptions/index.html" ||
			strings.HasPrefix(n, "teams/") && strings.HasSuffix(n, "/index.html") ||
			strings.HasPrefix(n, "studies/") && strings.HasSuffix(n, "/index.html") {
			pages = append(pages, n)
		}
	}
	slices.Sort(pages)
	var b strings.Builder
	b.WriteString("What the pages of sitegen.Year(150), built on 2026-12-07, count: each page's\nheadings and lists of counts, one a line. Rewrite with go test -update.\n")
	for _, p := range pages {
		fmt.Fprintf(&b, "\n== %s\n", p)
		for _, m := range countsList.FindAllString(string(w.files[p]), -1) {
			line := strings.TrimSpace(spaces.ReplaceAllString(html.UnescapeString(anyTag.ReplaceAllString(m, " ")), " "))
			if line != "" {
				b.WriteString(line + "\n")
			}
		}
	}
	checkGolden(t, "testdata/year.golden", []byte(b.String()), "TestYearGolden")
}
