package sitecheck

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// expectLink is the one error the checker reports that is not one: the
// study page's <link rel="expect" href="#map-end" blocking="render">,
// which the HTML Standard defines (the "expect" link type) and Chromium
// follows, so that the map is first drawn whole and does not move as its
// last stages arrive. The checker's release knows blocking only on
// stylesheets.
const expectLink = `A “link” element with a “blocking” attribute must have a “rel” attribute whose value is “stylesheet”.`

// TestNuHTMLChecker checks every page of the example site and of a
// generated site of 1,000 sprints with the Nu HTML Checker, in one run of
// the checker (starting Java is the slow part).
func TestNuHTMLChecker(t *testing.T) {
	jar := tool(t, "Nu HTML Checker", "VNU_JAR", "vnu-jar/build/dist/vnu.jar")
	java := java(t)
	ex, gen, year := exampleSite(t), generatedSite(t), yearSite(t, "sv")
	nEx, nGen, nYear := len(htmlPages(t, ex)), len(htmlPages(t, gen)), len(htmlPages(t, year))

	var stdout, stderr bytes.Buffer
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--skip-non-html", "--format", "gnu", ex, gen, year)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running the Nu HTML Checker: %v", err)
	}
	// With --format gnu the checker writes one line per error.
	var problems []string
	known := 0
	for _, line := range strings.Split(stdout.String()+stderr.String(), "\n") {
		if strings.HasSuffix(line, expectLink) {
			known++
			continue
		}
		if line = strings.TrimSpace(line); line != "" {
			problems = append(problems, strings.ReplaceAll(line, tmp, "…"))
		}
	}
	t.Logf("Nu HTML Checker: %d pages of the example site, %d of the 1,000-sprint site and %d of the year's site checked, %d errors", nEx, nGen, nYear, len(problems))
	if err != nil && len(problems) == 0 && known == 0 {
		t.Fatalf("the Nu HTML Checker failed and said nothing: %v", err)
	}
	for i, p := range problems {
		if i == 40 {
			t.Errorf("… and %d more", len(problems)-i)
			break
		}
		t.Error(p)
	}
}
