package edit

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// day is the day the tests' edits are made on.
var day = time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)

// TestEdits runs testdata/edits/*.txtar. Each archive holds:
//   - "set": the file to edit (its path in the site), then one KEY=VALUE
//     a line;
//   - the file to edit as it is before, and, when the archive holds
//     content/site.toml, the rest of a site to check the edit in;
//   - "want": the file after, byte for byte; or "problems": the problems
//     the edit is refused with, one a line.
//
// A comment line "crlf" makes every line end of the file and of want CRLF;
// "bom" puts a UTF-8 BOM before both.
func TestEdits(t *testing.T) {
	paths, err := filepath.Glob("testdata/edits/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatal("no test data", err)
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			comment := string(ar.Comment)
			conv := func(b []byte) []byte {
				if hasLine(comment, "crlf") {
					b = bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
				}
				if hasLine(comment, "bom") {
					b = append([]byte("\ufeff"), b...)
				}
				return b
			}
			files := fstest.MapFS{}
			var setLines []string
			var want, problems []byte
			wantGiven, probsGiven := false, false
			for _, f := range ar.Files {
				switch f.Name {
				case "set":
					setLines = strings.Split(strings.TrimRight(string(f.Data), "\n"), "\n")
				case "want":
					want, wantGiven = conv(f.Data), true
				case "problems":
					problems, probsGiven = f.Data, true
				default:
					files[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
				}
			}
			if len(setLines) < 2 || wantGiven == probsGiven {
				t.Fatal("an archive needs set (a file and a KEY=VALUE at least), and want or problems")
			}
			name := setLines[0]
			if files[name] == nil {
				t.Fatalf("no file %s in the archive", name)
			}
			files[name].Data = conv(files[name].Data)
			var sets []Set
			for _, l := range setLines[1:] {
				k, v, _ := strings.Cut(l, "=")
				sets = append(sets, Set{k, v})
			}
			var got []byte
			if files["content/site.toml"] != nil {
				got, _, err = Plan(files, name, files[name].Data, sets, day)
			} else {
				got, err = Apply(name, files[name].Data, Implied(name, sets, day))
			}
			if *update {
				rewrite(t, p, ar, got, err, hasLine(comment, "crlf") || hasLine(comment, "bom"))
				return
			}
			if probsGiven {
				if err == nil {
					t.Fatalf("the edit was made, want problems:\n%s\ngot:\n%s", problems, got)
				}
				if g := err.Error() + "\n"; g != string(problems) {
					t.Errorf("problems:\n%s\nwant:\n%s", g, problems)
				}
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("file after:\n%s\nwant:\n%s\ndiff from want:\n%s", got, want, Diff(name, want, got))
			}
		})
	}
}

// rewrite writes what the edit gave into the archive at p, as its want
// or problems (not for archives whose bytes are converted).
func rewrite(t *testing.T, p string, ar *txtar.Archive, got []byte, err error, converted bool) {
	if converted {
		t.Skip("not rewritten: its file is converted; edit it by hand")
	}
	var files []txtar.File
	for _, f := range ar.Files {
		if f.Name != "want" && f.Name != "problems" {
			files = append(files, f)
		}
	}
	if err != nil {
		files = append(files, txtar.File{Name: "problems", Data: []byte(err.Error() + "\n")})
	} else {
		files = append(files, txtar.File{Name: "want", Data: got})
	}
	ar.Files = files
	if err := os.WriteFile(p, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

func hasLine(s, line string) bool {
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == line {
			return true
		}
	}
	return false
}

// TestNewSprintFiles records a whole outcome in the plans that "sprintkit
// new sprint" writes, in both languages: the edit passes check and
// changes the lines that testdata/new-sprint-LANG.diff shows.
func TestNewSprintFiles(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			dir := filepath.Join("..", "scaffold", "testdata", "site-"+lang)
			fsys := os.DirFS(dir)
			entries, err := os.ReadDir(filepath.Join(dir, "sprints"))
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			for _, e := range entries {
				name := "sprints/" + e.Name() + "/sprint.toml"
				data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
				if err != nil {
					t.Fatal(err)
				}
				sets := []Set{
					{"result.verdict", "refuted"},
					{"result.learned", "Kunderna läser inte brevet; de ringer."},
					{"result.evidence", "anecdote"},
					{"action.do", "Vi skickar ett sms i stället."},
					{"action.owner", "Anna"},
					{"action.due", "2027-01-15"},
					{"action.energy", "medium"},
					{"action.status", "doing"},
				}
				got, _, err := Plan(fsys, name, data, sets, day)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				out.WriteString(Diff(name, data, got))
			}
			golden := filepath.Join("testdata", "new-sprint-"+lang+".diff")
			if *update {
				if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != string(want) {
				t.Errorf("the edits changed:\n%s\nwant (go test -update rewrites it):\n%s", out.String(), want)
			}
		})
	}
}

// TestDeclaredTypes writes values by the type the table of keys declares:
// text that looks like a number or a day stays text where the key holds
// text, and a key that holds a date refuses what is not one.
func TestDeclaredTypes(t *testing.T) {
	plan := "title = \"x\"\n\n[action]\ndo = \"y\"\n"
	for _, c := range []struct{ key, value, want, err string }{
		{"action.owner", "2026-12-07", `owner = "2026-12-07"`, ""},
		{"action.do", "42", `do = "42"`, ""},
		{"action.due", "2026-12-07", "due = 2026-12-07", ""},
		{"action.due", "next week", "", `"next week" is not a date`},
		{"question.customers", "6", "customers = 6", ""},
		{"question.customers", "six", "", `"six" is not a whole number`},
	} {
		got, err := Apply("sprints/2026-11-24-x/sprint.toml", []byte(plan), []Set{{c.key, c.value}})
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s=%s: got %v, want an error with %q", c.key, c.value, err, c.err)
			}
		case err != nil:
			t.Errorf("%s=%s: %v", c.key, c.value, err)
		case !hasLine(string(got), c.want):
			t.Errorf("%s=%s: no line %q in\n%s", c.key, c.value, c.want, got)
		}
	}
}
