package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sprintkit/sprintkit/internal/site"
)

var update = flag.Bool("update", false, "rewrite the README's tables of keys and the example site's schemas")

// TestREADMETables holds the README's tables of keys to the table of keys:
// a key added, renamed or described anew in keys.toml and not there fails
// (go test ./internal/schema -update rewrites them).
func TestREADMETables(t *testing.T) {
	const name = "../../README.md"
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	for _, f := range Schemas {
		begin, end := "<!-- keys "+f.Format.Name+" -->\n", "<!-- end keys -->"
		i := strings.Index(readme, begin)
		if i < 0 {
			t.Errorf("README.md: no %q line", strings.TrimSpace(begin))
			continue
		}
		i += len(begin)
		j := strings.Index(readme[i:], end)
		if j < 0 {
			t.Fatalf("README.md: no %q after %q", end, begin)
		}
		want := Table(f.Format)
		if readme[i:i+j] == want {
			continue
		}
		if *update {
			readme = readme[:i] + want + readme[i+j:]
			continue
		}
		t.Errorf("README.md: the table of %s keys is not keys.toml's (go test ./internal/schema -update rewrites it); want:\n%s", f.Format.Name, want)
	}
	if *update && readme != string(data) {
		if err := os.WriteFile(name, []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSchemaShape checks what editors rely on in every schema: valid
// JSON, no $ref or $defs, every table closed, every key described, and
// the site's language in the descriptions.
func TestSchemaShape(t *testing.T) {
	for _, s := range Schemas {
		for _, lang := range site.Languages.Values {
			data := JSON(s.Format, lang)
			var root map[string]any
			if err := json.Unmarshal(data, &root); err != nil {
				t.Fatalf("%s %s: %v", s.File, lang, err)
			}
			for _, bad := range []string{`"$ref"`, `"$defs"`, `"definitions"`} {
				if strings.Contains(string(data), bad) {
					t.Errorf("%s %s: has %s", s.File, lang, bad)
				}
			}
			walk(t, s.File+" "+lang, root)
		}
	}
	sv, en := string(JSON(site.SprintKeys, "sv")), string(JSON(site.SprintKeys, "en"))
	for _, want := range []string{`"Dagen för sessionen`, `"Pilotar"`, `"default": 90`, `"open"`} {
		if !strings.Contains(sv, want) {
			t.Errorf("sprint.schema.json in Swedish has no %s", want)
		}
	}
	if !strings.Contains(en, `"Pilots"`) || !strings.Contains(en, `"The day of the session`) {
		t.Errorf("sprint.schema.json in English is not in English")
	}
}

// walk checks that every object schema under v forbids unknown keys and
// describes each of its keys.
func walk(t *testing.T, where string, v any) {
	switch v := v.(type) {
	case map[string]any:
		// A table's schema has a type; the ones that only add what must
		// be there (if, then, anyOf) have none.
		if props, _ := v["properties"].(map[string]any); v["type"] == "object" {
			if v["additionalProperties"] != false && !strings.HasSuffix(where, ".labels") {
				t.Errorf("%s: a table that allows unknown keys", where)
			}
			for name, p := range props {
				if d, _ := p.(map[string]any)["description"].(string); d == "" {
					t.Errorf("%s: %s has no description", where, name)
				}
			}
		}
		for k, e := range v {
			walk(t, where+"."+k, e)
		}
	case []any:
		for _, e := range v {
			walk(t, where, e)
		}
	}
}

// TestExampleSchemas holds the example site's schemas and editor settings
// (in the repository's root, in Swedish like the site) to what this
// package makes; -update writes them.
func TestExampleSchemas(t *testing.T) {
	for _, f := range append(Files("sv"), EditorFiles()...) {
		name := filepath.Join("..", "..", filepath.FromSlash(f.Path))
		got, err := os.ReadFile(name)
		if *update {
			if !bytes.Equal(got, f.Data) {
				if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(name, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		if err != nil || !bytes.Equal(got, f.Data) {
			t.Errorf("%s is not what sprintkit schema writes (go test ./internal/schema -update writes it)", f.Path)
		}
	}
}

func TestDirective(t *testing.T) {
	for p, want := range map[string]string{
		"sprints/2026-11-24-x/sprint.toml": "#:schema ../../.sprintkit/schema/sprint.schema.json\n\n",
		"content/site.toml":                "#:schema ../.sprintkit/schema/site.schema.json\n\n",
		"content/studies/resa.toml":        "#:schema ../../.sprintkit/schema/study.schema.json\n\n",
		"content/studies/resa.md":          "",
	} {
		if got := Directive(p); got != want {
			t.Errorf("Directive(%q) = %q, want %q", p, got, want)
		}
	}
}
