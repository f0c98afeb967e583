package schema

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sprintkit/sprintkit/internal/browsertest"
)

// A tool is an editor's checker run from the command line.
type tool struct {
	name string
	ci   string   // where .ci's npm ci puts it, under node_modules
	args []string // before the files
	// at finds the places of the diagnostics in the tool's output.
	at *regexp.Regexp
}

var tools = []tool{
	{"taplo", ".bin/taplo", []string{"check", "--colors", "never"}, regexp.MustCompile(`┌─ (.+):(\d+):\d+`)},
	{"tombi", "@tombi-toml/cli-linux-x64/tombi", []string{"lint", "--offline"}, regexp.MustCompile(`at (.+):(\d+):\d+`)},
}

// find returns the tool's command: $TAPLO or $TOMBI, then .ci's node_modules
// (Tombi's Linux x64 build, the one CI runs on), then PATH. Without it the
// test skips, or fails in CI.
func (tl tool) find(t *testing.T) string {
	if p := os.Getenv(strings.ToUpper(tl.name)); p != "" {
		return p
	}
	if p, err := filepath.Abs(filepath.Join("..", "..", ".ci", "node_modules", filepath.FromSlash(tl.ci))); err == nil {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath(tl.name); err == nil {
		return p
	}
	browsertest.Missing(t, tl.name, "cd .ci && npm ci (npm packages @taplo/cli and @tombi-toml/cli-linux-x64), or set $"+strings.ToUpper(tl.name))
	return ""
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// run runs the tool in dir on files and returns whether it passed, the
// lines (by file, as given) its diagnostics point at, and its output.
func (tl tool) run(t *testing.T, cmd, dir string, files ...string) (ok bool, lines map[string][]int, out string) {
	c := exec.Command(cmd, append(slices.Clone(tl.args), files...)...)
	c.Dir = dir
	c.Env = append(os.Environ(), "NO_COLOR=1", "RUST_LOG=error")
	b, err := c.CombinedOutput()
	out = ansi.ReplaceAllString(string(b), "")
	if _, exit := err.(*exec.ExitError); err != nil && !exit {
		t.Fatalf("%s: %v", tl.name, err)
	}
	lines = map[string][]int{}
	for _, m := range tl.at.FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[2])
		rel, err := filepath.Rel(dir, m[1])
		if err != nil || !filepath.IsAbs(m[1]) {
			rel = m[1]
		}
		lines[filepath.ToSlash(rel)] = append(lines[filepath.ToSlash(rel)], n)
	}
	return err == nil && len(lines) == 0, lines, out
}

// tomlFiles lists the site's TOML files that a schema is for.
func tomlFiles(t *testing.T, dir string) []string {
	var out []string
	for _, s := range Schemas {
		m, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(s.Include)))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range m {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
	}
	return out
}

// TestEditorsPassGoodFiles runs Taplo and Tombi, as editors do, on every
// TOML file of the example site and every one that init and new write in
// each language (internal/scaffold's goldens): none has a problem.
func TestEditorsPassGoodFiles(t *testing.T) {
	dirs := []string{filepath.Join("..", ".."), filepath.Join("..", "scaffold", "testdata", "site-sv"), filepath.Join("..", "scaffold", "testdata", "site-en")}
	for _, tl := range tools {
		cmd := tl.find(t)
		for _, dir := range dirs {
			files := tomlFiles(t, dir)
			if len(files) < 3 {
				t.Fatalf("%s: only %d TOML files", dir, len(files))
			}
			if ok, _, out := tl.run(t, cmd, dir, files...); !ok {
				t.Errorf("%s in %s finds problems in %s:\n%s", tl.name, dir, strings.Join(files, " "), out)
			}
		}
	}
}

// goodPlan is a plan that both tools pass; the broken ones change a line.
const goodPlan = `#:schema ../../.sprintkit/schema/sprint.schema.json

title = "Läser kunderna brevet?"
date = 2026-11-02
team = "Kundservice"
study = "resa"
status = "planned"

[assumption]
belief = "De läser inte brevet."
basis = "assumption"

[question]
ask = "Vad minns du av brevet?"
method = "interview"

[action]
do = "Korta brevet."
due = 2026-12-01
`

// goodMap is a study's map that both tools pass.
const goodMap = `#:schema ../../.sprintkit/schema/study.schema.json

title = "Kundresan"
kind = "journey-map"

[[stages]]
id = "start"
name = "Komma igång"
changes = [{ text = "SMS", status = "doing", since = 2026-11-20 }]
`

// goodSite is a site's settings that both tools pass.
const goodSite = `#:schema ../.sprintkit/schema/site.schema.json

title = "Insikter"
language = "sv"

[labels]
"verdict.supported" = "Stämde"
`

// A brokenFile is a good plan, study map or settings with old replaced
// by new, which both tools should flag at line.
type brokenFile struct {
	name, old, new string
	line           int
	notTaplo       bool   // Taplo reads a TOML date as a string: it cannot tell them apart
	file           string // "study" or "site"; "" for a plan
}

// write writes the broken file under dir and returns its path.
func (c brokenFile) write(t *testing.T, dir string) string {
	slug := strings.ReplaceAll(c.name, " ", "-")
	good, p := goodPlan, "sprints/2026-11-02-"+slug+"/sprint.toml"
	switch c.file {
	case "study":
		good, p = goodMap, "content/studies/"+slug+".toml"
	case "site":
		good, p = goodSite, "content/site.toml"
	}
	broken := strings.Replace(good, c.old, c.new, 1)
	if broken == good {
		t.Fatalf("%s: the file did not change", c.name)
	}
	write(t, filepath.Join(dir, p), []byte(broken))
	return p
}

// TestEditorsFlagBrokenFiles runs Taplo and Tombi on broken plans, study
// maps and settings: each is flagged by both at the line of the key that
// is wrong (for a missing key, the line of its table), but for the one
// thing Taplo cannot see. Each tool runs once over all the files: Taplo
// takes seconds to start.
func TestEditorsFlagBrokenFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range append(Files("en"), EditorFiles()...) {
		write(t, filepath.Join(dir, f.Path), f.Data)
	}
	cases := []brokenFile{
		{"unknown key", `study = "resa"`, "study = \"resa\"\nstgae = \"start\"", 7, false, ""},
		{"misspelt enum", `method = "interview"`, `method = "intervju"`, 15, false, ""},
		{"unknown key in a table", `do = "Korta brevet."`, "do = \"Korta brevet.\"\nenergi = \"low\"", 19, false, ""},
		{"misspelt enum in a table", `basis = "assumption"`, `basis = "asumption"`, 11, false, ""},
		{"string for a date", `date = 2026-11-02`, `date = "2026-11-02"`, 4, true, ""},
		{"missing required key", `ask = "Vad minns du av brevet?"` + "\n", "", 13, false, ""},
		{"missing required key at the top", "team = \"Kundservice\"\n", "", 1, false, ""},
		{"integer below its least", `status = "planned"`, "status = \"planned\"\nduration = 3", 8, false, ""},
		{"done without its result", `status = "planned"`, `status = "done"`, 1, false, ""},
		{"an assumption of neither belief nor tests", `belief = "De läser inte brevet."` + "\n", "", 9, false, ""},
		{"misspelt enum in a map", `kind = "journey-map"`, `kind = "journey"`, 4, false, "study"},
		{"a stage without its name", `name = "Komma igång"` + "\n", "", 6, false, "study"},
		{"misspelt enum in a change", `status = "doing"`, `status = "doin"`, 9, false, "study"},
		{"unknown key in the settings", `language = "sv"`, `langauge = "sv"`, 4, false, "site"},
	}
	var files []string
	for _, c := range cases {
		files = append(files, c.write(t, dir))
	}
	goods := []string{"sprints/2026-11-02-good/sprint.toml", "content/studies/good.toml"}
	write(t, filepath.Join(dir, goods[0]), []byte(goodPlan))
	write(t, filepath.Join(dir, goods[1]), []byte(goodMap))
	for _, tl := range tools {
		ok, lines, out := tl.run(t, tl.find(t), dir, append(files, goods...)...)
		if ok {
			t.Errorf("%s passes every broken file", tl.name)
		}
		for _, g := range goods {
			if len(lines[g]) > 0 {
				t.Errorf("%s flags %s, which is good, at lines %v:\n%s", tl.name, g, lines[g], out)
			}
		}
		for i, c := range cases {
			flagged := len(lines[files[i]]) > 0
			switch {
			case c.notTaplo && tl.name == "taplo":
				if flagged {
					t.Errorf("%s: taplo now flags it: it can tell a date from a string, so the README and the package doc should no longer say it cannot:\n%s", c.name, out)
				}
			case !slices.Contains(lines[files[i]], c.line):
				t.Errorf("%s: %s flags lines %v of %s, not line %d:\n%s", c.name, tl.name, lines[files[i]], files[i], c.line, out)
			}
		}
	}
}

func write(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(fmt.Errorf("%s: %w", name, err))
	}
}
