// Package schema makes, from the one table of keys (internal/site's
// keys.toml), what editors read to help people write a site's TOML files:
// a JSON Schema for sprint.toml, a study's map and content/site.toml, and
// the settings of Taplo (Even Better TOML) and Tombi that associate the
// files with them.
//
// # Where they live
//
//	.sprintkit/schema/sprint.schema.json   sprints/*/sprint.toml
//	.sprintkit/schema/study.schema.json    content/studies/*.toml
//	.sprintkit/schema/site.schema.json     content/site.toml
//	.taplo.toml, tombi.toml                the associations, for the two editors' tools
//
// `sprintkit schema` writes the schemas (in the site's language, or
// --language), and `sprintkit init` writes all five. Every TOML file that
// init and new write starts with a `#:schema <relative path>` line and a
// blank line (Directive), which both Taplo and Tombi read, so a file is
// checked wherever it was opened from.
//
// # The schemas
//
// Each is flat (no $ref or $defs: both tools read it whole), JSON Schema
// draft-07 and no keyword that Taplo's draft 4 lacks; every table forbids
// keys it does not declare (additionalProperties false; [labels] takes any
// key, and sprintkit check says which it knows); every key has its
// description and, where it has one, its default; an enum lists its values
// with what each means in the site's language (enumDescriptions and
// x-taplo's docs.enumValues, from the labels the pages show). A date is a
// string of format date, which Tombi reads as a TOML local date; Taplo sees
// a TOML date as a string, so a date written in quotes passes it, and only
// Tombi and `sprintkit check` refuse it. A key needed only when another
// has a value (the [result] of a done sprint: When = `status = "done"`) is
// said with if and then, and a key needed unless another is given (an
// assumption's belief and basis, unless tests) with anyOf; those
// conditional schemas allow every key (additionalProperties true), as
// they only add what must be there. What a schema cannot say, such as a
// stage that a sprint names existing in its study, is left to `sprintkit
// check`.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/sprintkit/sprintkit/internal/labels"
	"github.com/sprintkit/sprintkit/internal/site"
)

// Dir is the folder of the schemas in a site folder.
const Dir = ".sprintkit/schema"

// A Schema is one file format's schema: where it is written and which
// files of a site it is for.
type Schema struct {
	Format  *site.Format
	File    string // under Dir
	Include string // the files it is for, as a glob from the site folder
}

// Schemas are the schemas of a site, one per format that editors check.
var Schemas = []Schema{
	{site.SprintKeys, "sprint.schema.json", "sprints/*/sprint.toml"},
	{site.StudyKeys, "study.schema.json", site.StudiesDir + "/*.toml"},
	{site.SettingsKeys, "site.schema.json", site.SettingsPath},
}

// A File is one file to write, by slash path under the site folder.
type File struct {
	Path string
	Data []byte
}

// Files returns the schemas in the language lang ("sv" or "en").
func Files(lang string) []File {
	out := make([]File, len(Schemas))
	for i, s := range Schemas {
		out[i] = File{Dir + "/" + s.File, JSON(s.Format, lang)}
	}
	return out
}

// EditorFiles returns .taplo.toml and tombi.toml, which associate each
// schema with its files.
func EditorFiles() []File {
	var taplo, tombi strings.Builder
	taplo.WriteString("# Taplo (Even Better TOML in VS Code) checks the site's files against the\n# schemas that sprintkit schema writes.\n")
	tombi.WriteString("# Tombi checks the site's files against the schemas that sprintkit schema\n# writes.\n")
	for _, s := range Schemas {
		p := strconv.Quote(Dir + "/" + s.File)
		fmt.Fprintf(&taplo, "\n[[rule]]\ninclude = [%q]\n\n[rule.schema]\npath = %s\n", s.Include, p)
		fmt.Fprintf(&tombi, "\n[[schemas]]\npath = %s\ninclude = [%q]\n", p, s.Include)
	}
	return []File{{".taplo.toml", []byte(taplo.String())}, {"tombi.toml", []byte(tombi.String())}}
}

// Directive returns the first lines of the TOML file at p (a slash path
// under the site folder): "#:schema <relative path>" and a blank line, or
// "" when no schema is for p.
func Directive(p string) string {
	for _, s := range Schemas {
		if ok, _ := path.Match(s.Include, p); ok {
			rel := strings.Repeat("../", strings.Count(p, "/")) + Dir + "/" + s.File
			return "#:schema " + rel + "\n\n"
		}
	}
	return ""
}

// JSON returns the schema of f in lang, indented, ending in a newline.
func JSON(f *site.Format, lang string) []byte {
	root := table(f, "", lang)
	root["$schema"] = "http://json-schema.org/draft-07/schema#"
	root["title"] = f.About[lang]
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		panic(err) // maps of strings, bools and numbers always encode
	}
	return b.Bytes()
}

// table is the schema of the table at path: its keys, no others.
func table(f *site.Format, path, lang string) map[string]any {
	props := map[string]any{}
	var required []string
	for _, name := range f.Names(path) {
		k := f.Key(join(path, name))
		props[name] = value(f, k, lang)
		if k.Required && k.When == "" {
			required = append(required, name)
		}
	}
	t := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		t["required"] = required
	}
	var conds []any
	if c := unless(f, path); c != nil {
		conds = append(conds, c...)
	}
	if path == "" {
		conds = append(conds, when(f)...)
	}
	switch len(conds) {
	case 0:
	case 1:
		for k, v := range conds[0].(map[string]any) {
			t[k] = v
		}
	default:
		t["allOf"] = conds
	}
	return t
}

// adds is a schema that only adds what must be there: it allows every
// key, so that Tombi's strict mode does not read it as a table of none.
func adds(required ...string) map[string]any {
	m := map[string]any{"additionalProperties": true}
	require(m, required...)
	return m
}

// require adds names to the keys that the schema m requires.
func require(m map[string]any, names ...string) {
	if len(names) > 0 {
		req, _ := m["required"].([]string)
		m["required"] = append(req, names...)
	}
}

// unless says, for the table at path, that the keys required unless
// another is given (When) are there, or that one is: an anyOf each.
func unless(f *site.Format, path string) []any {
	groups := map[string][]string{}
	var order []string
	for _, name := range f.Names(path) {
		k := f.Key(join(path, name))
		if k.Required && k.When != "" {
			if groups[k.When] == nil {
				order = append(order, k.When)
			}
			groups[k.When] = append(groups[k.When], name)
		}
	}
	var out []any
	for _, other := range order {
		out = append(out, map[string]any{"anyOf": []any{adds(other), adds(groups[other]...)}})
	}
	return out
}

// condition is a When of the form key = "value".
var condition = regexp.MustCompile(`^([a-z_]+) = "([^"]*)"$`)

// when says, for the file, that the keys that are not required but must
// be there when a top-level key has a value (When: status = "done") are
// there then: an if and then each, the keys of a table in the table's own.
func when(f *site.Format) []any {
	thens := map[string]map[string]any{}
	var order []string
	for i := range f.Keys {
		k := &f.Keys[i]
		if k.Required || !condition.MatchString(k.When) {
			continue
		}
		then := thens[k.When]
		if then == nil {
			then = adds()
			thens[k.When], order = then, append(order, k.When)
		}
		parent, name, _ := strings.Cut(k.Path, ".")
		if name == "" {
			require(then, parent)
			continue
		}
		if strings.Contains(name, ".") || f.Key(parent).Type != "table" {
			continue // only a top-level table's keys are said here
		}
		props, _ := then["properties"].(map[string]any)
		if props == nil {
			props = map[string]any{}
			then["properties"] = props
		}
		sub, _ := props[parent].(map[string]any)
		if sub == nil {
			sub = adds()
			props[parent] = sub
		}
		require(sub, name)
	}
	var out []any
	for _, w := range order {
		m := condition.FindStringSubmatch(w)
		cond := adds(m[1])
		cond["properties"] = map[string]any{m[1]: map[string]any{"const": m[2]}}
		out = append(out, map[string]any{"if": cond, "then": thens[w]})
	}
	return out
}

// value is the schema of the key k.
func value(f *site.Format, k *site.Key, lang string) map[string]any {
	var v map[string]any
	switch k.Type {
	case "string":
		v = map[string]any{"type": "string"}
	case "date":
		v = map[string]any{"type": "string", "format": "date"}
	case "integer":
		v = map[string]any{"type": "integer", "minimum": k.Min}
	case "boolean":
		v = map[string]any{"type": "boolean"}
	case "strings":
		v = map[string]any{"type": "array", "items": map[string]any{"type": "string"}}
	case "enum":
		v = enum(k, lang)
	case "table":
		v = table(f, k.Path, lang)
	case "tables":
		v = map[string]any{"type": "array", "items": table(f, k.Path, lang)}
	case "changes":
		v = map[string]any{"type": "array", "items": map[string]any{
			"anyOf": []any{map[string]any{"type": "string"}, table(f, k.Path, lang)}}}
	case "labels":
		v = labelTable()
	default:
		panic("schema: no schema for type " + k.Type)
	}
	v["description"] = describe(k, lang)
	if d := k.Default; d != "" {
		var def any
		if err := json.Unmarshal([]byte(d), &def); err == nil {
			v["default"] = def
		}
	}
	return v
}

// describe is the key's line, and when it must be there if that depends.
func describe(k *site.Key, lang string) string {
	s := k.Doc[lang]
	switch {
	case k.When == "":
	case k.Required && lang == "sv":
		s += " Krävs om inte " + k.When + " anges."
	case k.Required:
		s += " Required unless " + k.When + " is given."
	case lang == "sv":
		s += " Krävs när " + k.When + "."
	default:
		s += " Required when " + k.When + "."
	}
	return s
}

// enum is the schema of an enum key: its values with what each means in
// lang, as the pages say it.
func enum(k *site.Key, lang string) map[string]any {
	values := k.Values()
	docs := make([]string, len(values))
	for i, v := range values {
		if i >= len(k.Enum.Values) {
			v = k.Enum.Default // a legacy value reads as the default
		}
		text, ok := labels.Text(lang, k.Enum.Group+"."+v)
		if !ok {
			text = v
		}
		docs[i] = text
	}
	return map[string]any{
		"type": "string", "enum": values,
		"enumDescriptions": docs, "markdownEnumDescriptions": docs,
		"x-taplo": map[string]any{"docs": map[string]any{"enumValues": docs}},
	}
}

// labelTable is [labels]: texts by label key. It does not list the keys
// (sprintkit labels prints them, and sprintkit check refuses one that is
// not there), so that a text added to the interface does not change the
// schema of every site.
func labelTable() map[string]any {
	return map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}}
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}
