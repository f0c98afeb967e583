package site

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// keysTOML is the one table of the site's keys: every key of sprint.toml,
// a study's map, content/site.toml and a free page's front matter, with its
// type, enum, required or default, and a line on what it is for in Swedish
// and English. Its head says what each column means.
//
//go:embed keys.toml
var keysTOML string

// A Key is one declared key of a file format (keys.toml).
type Key struct {
	Path     string            // dotted, tables of an array without numbers: "stages.beliefs.id"
	Type     string            // one of KeyTypes
	Enum     Enum              // for type enum
	Legacy   []string          // values also accepted for an enum, read as its default
	Required bool              // must be there (unless When says otherwise)
	Optional bool              // an enum with no default: absent, it has no value
	When     string            // not required: when it must be there, as TOML says it; required: the key that makes it not
	Default  string            // what an absent key means, as TOML writes it; "" for nothing
	Min      int               // for an integer: the least it may be
	Doc      map[string]string // what it is for, by language
}

// KeyTypes are the types a key may have: the first six are values, the
// rest hold other keys.
var KeyTypes = []string{"string", "date", "integer", "boolean", "strings", "enum", "table", "tables", "changes", "labels"}

// A Format is one kind of file and its keys, in the order of the docs.
type Format struct {
	Name  string            // "sprint", "study", "settings" or "page"
	About map[string]string // what the file is, by language
	Keys  []Key
	index map[string]int
}

// The formats of the site's files, from keys.toml.
var (
	SprintKeys, StudyKeys, SettingsKeys, PageKeys = loadFormats()
)

// Formats lists the formats that editors check against a schema.
func Formats() []*Format { return []*Format{SprintKeys, StudyKeys, SettingsKeys} }

// keyEnums are the enums keys.toml names, by their Go names.
func keyEnums() map[string]Enum {
	return map[string]Enum{
		"Languages": Languages, "StudyKinds": StudyKinds, "Relations": Relations,
		"Statuses": Statuses, "Bases": Bases, "Importances": Importances,
		"Evidences": Evidences, "Methods": Methods, "Energies": Energies,
		"ActionStatuses": ActionStatuses, "Verdicts": Verdicts, "ChangeStatuses": ChangeStatuses,
	}
}

// A keyRow is one row of keys.toml, as written.
type keyRow struct {
	Key, Type, Enum, When, Default string
	Legacy                         []string
	Required, Optional             bool
	Min                            int
	SV, EN                         string
}

// loadFormats reads keys.toml. A mistake in it is a mistake in the
// program, caught by every test of the package: it panics.
func loadFormats() (sprint, study, settings, page *Format) {
	var raw struct {
		About                         map[string]map[string]string
		Sprint, Study, Settings, Page []keyRow
	}
	md, err := toml.Decode(keysTOML, &raw)
	if err == nil && len(md.Undecoded()) > 0 {
		err = fmt.Errorf("unknown key %s", md.Undecoded()[0])
	}
	if err != nil {
		panic("internal/site/keys.toml: " + err.Error())
	}
	enums := keyEnums()
	format := func(name string, rows []keyRow) *Format {
		f := &Format{Name: name, About: raw.About[name], index: map[string]int{}}
		for _, r := range rows {
			k := Key{Path: r.Key, Type: r.Type, Legacy: r.Legacy, Required: r.Required, Optional: r.Optional,
				When: r.When, Default: r.Default, Min: r.Min, Doc: map[string]string{"sv": r.SV, "en": r.EN}}
			if err := k.check(r.Enum, enums, f); err != nil {
				panic(fmt.Sprintf("internal/site/keys.toml: [[%s]] %s: %v", name, r.Key, err))
			}
			f.index[k.Path] = len(f.Keys)
			f.Keys = append(f.Keys, k)
		}
		return f
	}
	return format("sprint", raw.Sprint), format("study", raw.Study), format("settings", raw.Settings), format("page", raw.Page)
}

// check fills in k's enum and default and says what is wrong with its row.
func (k *Key) check(enum string, enums map[string]Enum, f *Format) error {
	if _, dup := f.index[k.Path]; dup {
		return fmt.Errorf("declared twice")
	}
	if !slices.Contains(KeyTypes, k.Type) {
		return fmt.Errorf("type %q is not one of %s", k.Type, strings.Join(KeyTypes, ", "))
	}
	if k.Doc["sv"] == "" || k.Doc["en"] == "" {
		return fmt.Errorf("needs a line in sv and en")
	}
	if parent, _, ok := cutLast(k.Path); ok {
		if i, ok := f.index[parent]; !ok || !strings.Contains("table tables changes", f.Keys[i].Type) {
			return fmt.Errorf("its table %s is not declared before it", parent)
		}
	}
	if k.Min != 0 && k.Type != "integer" {
		return fmt.Errorf("min is for integers")
	}
	if (enum != "") != (k.Type == "enum") {
		return fmt.Errorf("an enum, and only an enum, names its values")
	}
	if k.Type != "enum" {
		if k.Optional || k.Legacy != nil {
			return fmt.Errorf("optional and legacy are for enums")
		}
		return nil
	}
	e, ok := enums[enum]
	if !ok {
		return fmt.Errorf("no enum %q in keyEnums", enum)
	}
	k.Enum = e
	switch {
	case k.Default != "":
		return fmt.Errorf("an enum's default is its Enum's")
	case k.Required || k.Optional:
	case e.Default == "" && k.When == "":
		return fmt.Errorf("enum %s has no default: the key is required, optional, or says when", enum)
	default:
		k.Default = strconv.Quote(e.Default)
	}
	return nil
}

// cutLast splits "a.b.c" into "a.b" and "c".
func cutLast(path string) (parent, name string, ok bool) {
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return "", path, false
	}
	return path[:i], path[i+1:], true
}

// Key returns the declaration of the key at path ("assumption.belief"),
// or nil.
func (f *Format) Key(path string) *Key {
	if i, ok := f.index[path]; ok {
		return &f.Keys[i]
	}
	return nil
}

// Names lists the names of the keys of the table at path ("" for the
// file's top), in the table's order.
func (f *Format) Names(table string) []string {
	var out []string
	for _, k := range f.Keys {
		if parent, name, _ := cutLast(k.Path); parent == table {
			out = append(out, name)
		}
	}
	return out
}

// Name is the key's last part: "belief" of "assumption.belief".
func (k *Key) Name() string {
	_, name, _ := cutLast(k.Path)
	return name
}

// Values are the values an enum key takes, its legacy ones last.
func (k *Key) Values() []string {
	out := slices.Clone(k.Enum.Values)
	for _, v := range k.Legacy {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
