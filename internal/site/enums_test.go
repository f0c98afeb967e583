package site

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/sprintkit/sprintkit/internal/labels"
)

// TestDocsListEveryEnum holds the package doc and the README to the enums:
// after each field's name, its values follow in their order, so a value
// added here and not there, or the other way round, fails.
func TestDocsListEveryEnum(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	fields := []struct {
		doc, readme string // what precedes the values in each; "" for none
		e           Enum
	}{
		{"language ", "", Languages},
		{"kind (", "kind = ", StudyKinds},
		{"relation ", "relation = ", Relations},
		{"\n//\tstatus ", "\nstatus = ", Statuses},
		{"basis (", "basis = ", Bases},
		{"importance (", "importance = ", Importances},
		{"evidence (", "evidence = ", Evidences},
		{"method (", "method = ", Methods},
		{"energy (", "energy = ", Energies},
		{"\n//\t             status (", "status = \"planned\"                 # ", States},
		{"with status (", "# status: ", States},
		{"verdict (", "verdict = ", Verdicts},
	}
	for _, f := range fields {
		for _, src := range []struct{ name, text, after string }{{"doc.go", string(doc), f.doc}, {"README.md", string(readme), f.readme}} {
			if src.after == "" {
				continue
			}
			i := strings.Index(src.text, src.after)
			if i < 0 {
				t.Errorf("%s: no %q", src.name, src.after)
				continue
			}
			rest := src.text[i+len(src.after):]
			if len(rest) > 240 {
				rest = rest[:240]
			}
			// The values, in order, each a whole word, with at most a few
			// words such as "(default)" or "or" between two of them.
			parts := make([]string, len(f.e.Values))
			for j, v := range f.e.Values {
				parts[j] = regexp.QuoteMeta(v)
			}
			re := regexp.MustCompile(`(^|[^a-z-])` + strings.Join(parts, `[^a-z-](?s:.{0,30}?)[^a-z-]`) + `($|[^a-z-])`)
			if !re.MatchString(rest) {
				t.Errorf("%s: after %q the values of %s (%s) do not follow in order:\n%s", src.name, src.after, f.e.Group, strings.Join(f.e.Values, ", "), rest)
			}
		}
	}
}

// TestEveryEnumValueHasText checks that every value of every enum that
// pages show has its label, "<group>.<value>", in both languages: a value
// added to an enum without its text in internal/labels fails here.
func TestEveryEnumValueHasText(t *testing.T) {
	for _, e := range Enums {
		for _, v := range e.Values {
			key := e.Group + "." + v
			for _, lang := range []string{"sv", "en"} {
				if s, ok := labels.Text(lang, key); !ok || s == "" {
					t.Errorf("%s has no %s text for %q", e.Group, lang, key)
				}
			}
		}
	}
}
