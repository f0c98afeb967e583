package site

import (
	"bytes"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestEveryKeyIsRead holds the loader to the table of keys: for each key
// that keys.toml declares with a value, a good file with that key set to a
// value of no type it takes ([true]) must have a problem that names the
// key. A key declared and never read (so silently accepted) fails here.
func TestEveryKeyIsRead(t *testing.T) {
	for _, c := range []struct {
		format *Format
		path   string
		good   string
	}{
		{SprintKeys, planPath, goodPlan},
		{StudyKeys, "content/studies/resa.toml", studyMap},
		{SettingsKeys, "content/site.toml", goodSettings},
	} {
		for _, k := range c.format.Keys {
			if strings.Contains("table tables changes labels", k.Type) {
				continue
			}
			var m map[string]any
			if _, err := toml.Decode(c.good, &m); err != nil {
				t.Fatal(err)
			}
			set(m, strings.Split(k.Path, "."), c.format, "")
			var b bytes.Buffer
			if err := toml.NewEncoder(&b).Encode(m); err != nil {
				t.Fatal(err)
			}
			files := map[string]string{c.path: b.String()}
			if c.format == StudyKeys {
				files["content/studies/resa.md"] = "Texten.\n"
			}
			_, err := Load(siteWith(files), Options{})
			var probs Problems
			if !errors.As(err, &probs) || !strings.Contains(probs.Error(), k.Name()+": ") && !strings.Contains(probs.Error(), k.Name()+", ") {
				t.Errorf("%s %s = [true]: no problem names it (is it read?): %v\n%s", c.format.Name, k.Path, err, b.String())
			}
		}
	}
}

// set puts [true] at path in m, making the tables on the way: the first
// table of an array of tables, or of changes.
func set(m map[string]any, path []string, f *Format, done string) {
	name := path[0]
	key := join(done, name)
	if len(path) == 1 {
		m[name] = []any{true}
		return
	}
	var sub map[string]any
	switch f.Key(key).Type {
	case "table":
		sub, _ = m[name].(map[string]any)
		if sub == nil {
			sub = map[string]any{}
			m[name] = sub
		}
	case "tables":
		list, _ := m[name].([]map[string]any)
		if len(list) == 0 {
			list = []map[string]any{{}}
			m[name] = list
		}
		sub = list[0]
	case "changes":
		sub = map[string]any{"text": "x"}
		m[name] = []map[string]any{sub}
	}
	set(sub, path[1:], f, key)
}

// TestDocNamesEveryKey holds the package doc's short lists to the table
// of keys: a key declared in keys.toml and not named in doc.go fails.
func TestDocNamesEveryKey(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*Format{SprintKeys, StudyKeys, SettingsKeys, PageKeys} {
		for _, k := range f.Keys {
			if !regexp.MustCompile(`[^a-z_]` + regexp.QuoteMeta(k.Name()) + `[^a-z_]`).Match(doc) {
				t.Errorf("doc.go does not name %s key %s", f.Name, k.Path)
			}
		}
	}
}
