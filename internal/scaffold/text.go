package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"text/template"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/sprintkit/sprintkit/internal/labels"
	"github.com/sprintkit/sprintkit/internal/schema"
	"github.com/sprintkit/sprintkit/internal/site"
)

// files holds the text of everything that init and new write, per
// language in files/<lang>/: a text/template per written file (*.tmpl,
// executed with one of the views below) and words.toml for the values
// that are not whole files (the example study and sprint, placeholders,
// default names). The package doc lists the template functions.
//
//go:embed files
var files embed.FS

// The templates, one per written file, in files/<lang>/.
const (
	siteTemplate   = "site.toml.tmpl"   // content/site.toml: siteView
	aboutTemplate  = "about.md.tmpl"    // content/<about>.md: no data
	studyTemplate  = "study.md.tmpl"    // content/studies/<id>.md: studyView
	sprintTemplate = "sprint.toml.tmpl" // sprints/<id>/sprint.toml: sprintView
	notesTemplate  = "notes.md.tmpl"    // sprints/<id>/notes.md: notesView
	ignoreTemplate = "gitignore.tmpl"   // .gitignore: ignoreView
)

// words are one language's values from files/<lang>/words.toml.
type words struct {
	Or       string                       `toml:"or"`       // before the last of a list: "a, b or c"
	Meanings map[string]map[string]string `toml:"meanings"` // by enum group, by value
	Site     struct {
		Title string `toml:"title"` // the site's title when none is given
		About string `toml:"about"` // the about page's file name, without .md
	} `toml:"site"`
	Placeholders struct {
		Belief string `toml:"belief"`
		Ask    string `toml:"ask"`
		Do     string `toml:"do"`
	} `toml:"placeholders"` // a new sprint's texts to replace
	Example struct {
		Study  studyText  `toml:"study"`
		Sprint sprintText `toml:"sprint"`
	} `toml:"example"` // what init writes
	// FirstStage is the first stage of a study that sprintkit new study
	// writes: complete, to show what a stage holds.
	FirstStage stage `toml:"first_stage"`
}

// studyText is a study's text for people: the example's, or a new study's
// title alone.
type studyText struct {
	Title   string  `toml:"title"`
	Owner   string  `toml:"owner"`
	Summary string  `toml:"summary"`
	Stages  []stage `toml:"stages"` // none: the template shows a commented example
	Body    string  `toml:"body"`   // "": the template's default, without its final newline
}

// A stage is one stage of a study's journey map.
type stage struct {
	ID           string       `toml:"id"`
	Name         string       `toml:"name"`
	EnergyNow    string       `toml:"energy_now"`    // "": not written
	EnergyWanted string       `toml:"energy_wanted"` // "": not written
	Current      string       `toml:"current"`
	Desired      string       `toml:"desired"`
	Changes      []string     `toml:"changes"` // planned changes, as plain strings
	Work         []work       `toml:"work"`    // changes with a team and a status
	Touchpoints  []string     `toml:"touchpoints"`
	Beliefs      []beliefText `toml:"beliefs"`
}

// work is a change with a team and a status, written as an inline table.
type work struct {
	Text   string `toml:"text"`
	Team   string `toml:"team"`
	Status string `toml:"status"`
}

// beliefText is a belief on a stage of the map.
type beliefText struct {
	ID         string `toml:"id"`
	Text       string `toml:"text"`
	Basis      string `toml:"basis"`
	Importance string `toml:"importance"`
	Evidence   string `toml:"evidence"`
}

// sprintText is a sprint plan's text for people: the example's, or a new
// sprint's title, team and stage with the placeholders.
type sprintText struct {
	Title        string   `toml:"title"`
	Team         string   `toml:"team"`
	Stage        string   `toml:"stage"` // "" for none
	Facilitator  string   `toml:"facilitator"`
	Participants []string `toml:"participants"`
	Belief       string   `toml:"belief"`
	Ask          string   `toml:"ask"`
	Customers    int      `toml:"customers"` // 0: the template shows a commented example
	Criterion    string   `toml:"criterion"`
	Do           string   `toml:"do"`
	Strengthens  string   `toml:"strengthens"`
	Owner        string   `toml:"owner"` // "" for a new sprint: its due date stays a comment too
}

// enums are the enums whose values the files list in their comments
// ({{values .Relations}}); every view but the about page's carries them,
// so the values are written once, in internal/site.
type enums struct {
	Languages, StudyKinds, Relations, Statuses, Bases, Importances,
	Evidences, Methods, Energies, ActionStatuses, States, Verdicts site.Enum
}

// siteEnums are the enums that every view carries.
var siteEnums = enums{
	Languages: site.Languages, StudyKinds: site.StudyKinds, Relations: site.Relations,
	Statuses: site.Statuses, Bases: site.Bases, Importances: site.Importances,
	Evidences: site.Evidences, Methods: site.Methods, Energies: site.Energies,
	ActionStatuses: site.ActionStatuses, States: site.States, Verdicts: site.Verdicts,
}

// A text is one language's templates and words, ready to render.
type text struct {
	dir   string // files/<lang>
	words words
	tmpl  *template.Template
}

// loadText reads the templates and words of lang, "sv" or "en".
func loadText(lang string) (*text, error) {
	if !site.Languages.Has(lang) {
		return nil, fmt.Errorf("language %q: sprintkit speaks %s", lang, strings.Join(site.Languages.Values, " and "))
	}
	t := &text{dir: "files/" + lang}
	name := t.dir + "/words.toml"
	data, err := fs.ReadFile(files, name)
	if err != nil {
		return nil, err
	}
	md, err := toml.Decode(string(data), &t.words)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, fmt.Errorf("%s:%d:%d: %s", name, perr.Position.Line, perr.Position.Col, perr.Message)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		return nil, fmt.Errorf("%s: unknown key %s", name, keys[0])
	}
	t.tmpl, err = template.New(lang).Option("missingkey=error").Funcs(t.funcs(lang)).ParseFS(files, t.dir+"/*.tmpl")
	if err != nil {
		return nil, err
	}
	return t, nil
}

// funcs are the template functions, in the language lang.
func (t *text) funcs(lang string) template.FuncMap {
	return template.FuncMap{
		"quote":        quote,
		"doc":          t.doc(lang),
		"quoteList":    quoteList,
		"oneLine":      func(s string) string { return strings.Join(strings.Fields(s), " ") },
		"join":         strings.Join,
		"values":       func(e site.Enum) string { return t.alternatives(e.Values) },
		"alternatives": t.alternatives,
		"meanings":     t.meanings,
		"label": func(key string, pairs ...string) (string, error) {
			s, ok := labels.Text(lang, key)
			if !ok {
				return "", fmt.Errorf("no label %q", key)
			}
			if len(pairs)%2 != 0 {
				return "", fmt.Errorf("label %q: the names and values to fill in are not in pairs", key)
			}
			for i := 0; i < len(pairs); i += 2 {
				s = strings.ReplaceAll(s, "{"+pairs[i]+"}", pairs[i+1])
			}
			return s, nil
		},
	}
}

// doc returns the function that says what a key is for in lang, from the
// table of keys (internal/site/keys.toml): {{doc "sprint" "relation"}}.
// An enum's line ends with its values, as alternatives; a long line is
// broken into comment lines.
func (t *text) doc(lang string) func(format, key string) (string, error) {
	formats := map[string]*site.Format{"sprint": site.SprintKeys, "study": site.StudyKeys, "settings": site.SettingsKeys}
	return func(format, key string) (string, error) {
		f := formats[format]
		if f == nil || f.Key(key) == nil {
			return "", fmt.Errorf("no %s key %q in internal/site/keys.toml", format, key)
		}
		k := f.Key(key)
		line := k.Doc[lang]
		if k.Type == "enum" {
			line = strings.TrimSuffix(line, ".") + ": " + t.alternatives(k.Enum.Values) + "."
		}
		return wrapComment(line, 90), nil
	}
}

// wrapComment breaks a comment's text into lines of at most width
// characters after the "# " that the template writes before it, each
// next one starting with "# " of its own.
func wrapComment(s string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(s) {
		l := utf8.RuneCountInString(w)
		switch {
		case i == 0:
		case n+1+l > width:
			b.WriteString("\n# ")
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += l
	}
	return b.String()
}

// alternatives joins list with commas and the language's "or" before the
// last: "a, b or c".
func (t *text) alternatives(list []string) string {
	if len(list) < 2 {
		return strings.Join(list, "")
	}
	return strings.Join(list[:len(list)-1], ", ") + " " + t.words.Or + " " + list[len(list)-1]
}

// meanings lists each value of e followed by its meaning from the words'
// [meanings.<group>] table, which must explain every value and no other.
func (t *text) meanings(e site.Enum) ([]string, error) {
	m := t.words.Meanings[e.Group]
	out := make([]string, len(e.Values))
	for i, v := range e.Values {
		s, ok := m[v]
		if !ok {
			return nil, fmt.Errorf("%s/words.toml: [meanings.%s] has no %s", t.dir, e.Group, v)
		}
		out[i] = v + " " + s
	}
	for _, v := range slices.Sorted(maps.Keys(m)) {
		if !e.Has(v) {
			return nil, fmt.Errorf("%s/words.toml: [meanings.%s]: %s is not one of %s", t.dir, e.Group, v, strings.Join(e.Values, ", "))
		}
	}
	return out, nil
}

// planned is one file to render: its path under the site folder, its
// template and the template's data.
type planned struct {
	Path, Template string
	Data           any
}

// plan renders the files of a plan that makes the folders dirs.
func (t *text) plan(dirs []string, list ...planned) (Plan, error) {
	p := Plan{Dirs: dirs}
	for _, f := range list {
		var b bytes.Buffer
		if err := t.tmpl.ExecuteTemplate(&b, f.Template, f.Data); err != nil {
			return Plan{}, fmt.Errorf("%s: %w", t.dir, err)
		}
		// A TOML file starts with the line that tells editors its schema.
		data := append([]byte(schema.Directive(f.Path)), b.Bytes()...)
		p.Files = append(p.Files, File{Path: f.Path, Data: data})
	}
	return p, nil
}
