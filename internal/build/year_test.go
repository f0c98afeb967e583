package build

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
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

// TestStudyPageBounded builds a year of 450 sprints and holds its study
// pages to a bound that does not grow with the sprints: each lane of a
// stage lists at most 20 items and names how many more there are and
// where, the closed cells count every item, and the log shows its newest
// 100 entries and counts the older ones.
func TestStudyPageBounded(t *testing.T) {
	var w memWriter
	today := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	if _, err := Build(sitegen.YearMapFS(450), today, &w); err != nil {
		t.Fatal(err)
	}
	lists := regexp.MustCompile(`(?s)<div class="whole">(<ul class="(?:beliefs|lessons|changes)[^"]*">.*?</ul>)(<p class="elsewhere"><a href="([^"]+)">(\d+) [^<]*</a></p>)?</div>`)
	more := regexp.MustCompile(`<span class="more m1">och (\d+) till`)
	if !strings.Contains(string(w.files["studies/kundresa-privat/index.html"]), `<span class="more m1">och `) {
		t.Fatal("the study page has no closed cell that says how many more items it holds")
	}
	entries := regexp.MustCompile(`<li class="log-entry `)
	cut, elsewhere := 0, 0
	for n, b := range w.files {
		if !strings.HasPrefix(n, "studies/") || n == "studies/index.html" {
			continue
		}
		page := string(b)
		for _, m := range lists.FindAllStringSubmatch(page, -1) {
			items := strings.Count(m[1], "\n<li")
			if items > 20 {
				t.Errorf("%s: a cell lists %d items, more than 20", n, items)
			}
			if m[2] != "" {
				cut++
				if items != 20 {
					t.Errorf("%s: a cell lists %d items and sends the rest elsewhere; want 20", n, items)
				}
				if !strings.Contains(m[3], "#study=") && m[3] != "#linked" {
					t.Errorf("%s: the rest of a cell is at %q, which is not the board, the actions page or the study's sprints narrowed to it", n, m[3])
				}
			}
		}
		for _, m := range more.FindAllStringSubmatch(page, -1) {
			if k, _ := strconv.Atoi(m[1]); k+1 > 20 {
				elsewhere++
			}
		}
		if got := len(entries.FindAllString(page, -1)); got > 100 {
			t.Errorf("%s: the log shows %d entries, more than 100", n, got)
		} else if got == 100 && !regexp.MustCompile(`<p class="elsewhere">\d+ ändringar till, äldre än dessa`).MatchString(page) {
			t.Errorf("%s: the log shows 100 entries and does not say that there are older ones", n)
		}
	}
	if cut == 0 || elsewhere == 0 {
		t.Errorf("no cell of a 450-sprint year was cut (%d) or counted past 20 (%d): the test site does not test the bound", cut, elsewhere)
	}
}
