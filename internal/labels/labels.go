// Package labels holds sprintkit's interface text in Swedish and English,
// by key: what pages say, and the names of enum values ("verdict.refuted"),
// in a file per language (sv.toml, en.toml) embedded in the binary.
// A site's [labels] table overrides any of it (internal/render); the files
// that sprintkit new writes use it as it is (internal/scaffold). It is a
// leaf: it imports nothing of sprintkit's.
package labels

import (
	"embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// The interface text lives in sv.toml and en.toml beside this file, one
// file per language with the same keys, in the form of content/site.toml's
// [labels] table. A text with a number in it is counted: it has a form
// for each plural form of the languages, as keys of their own,
// "card.customers.one" for 1 and "card.customers.other" for any other
// number, and pages ask for it by "card.customers" and the number (see
// Forms).
//
//go:embed sv.toml en.toml
var files embed.FS

// A file is one language's interface text.
type file struct {
	Months [12]string        `toml:"months"` // as dates are written
	Labels map[string]string `toml:"labels"`
}

// texts are the languages' files, by language, read as the program
// starts. They are part of the binary, and the tests read them: one that
// does not read is a mistake of sprintkit's own, and stops it at once.
var texts = read()

// labels are the English texts, whose keys are every language's.
var labels = texts["en"].Labels

func read() map[string]file {
	out := map[string]file{}
	for _, lang := range []string{"sv", "en"} {
		var f file
		md, err := toml.DecodeFS(files, lang+".toml", &f)
		if err != nil {
			panic(fmt.Sprintf("internal/labels/%s.toml: %v", lang, err))
		}
		if extra := md.Undecoded(); len(extra) > 0 {
			panic(fmt.Sprintf("internal/labels/%s.toml: unknown key %s", lang, extra[0]))
		}
		out[lang] = f
	}
	return out
}

// countedBy names, for a counted text whose number is not {n}, the value
// whose number picks the form: "1 av 1 förändring klar" counts {of}.
var countedBy = map[string]string{"map.progress": "of"}

// Forms are the plural forms a counted text has, as the last part of the
// keys of its texts. Swedish and English have the same two: one for the
// number 1, other for every other number, 0 included.
var Forms = []string{One, Other}

// The plural forms, by name.
const (
	One   = "one"
	Other = "other"
)

// Form returns the form, of Forms, that the number n takes in lang.
func Form(lang string, n int64) string {
	if n == 1 {
		return One
	}
	return Other
}

// Counted reports whether key is a counted text, one that has its Forms as
// keys of their own ("card.customers" has "card.customers.one" and
// "card.customers.other"), and the name of the value whose number picks the
// form: n, as in "{n} kunder", unless the text says otherwise.
func Counted(key string) (count string, ok bool) {
	for _, f := range Forms {
		// Both, as "kind.other" and "search.one" are texts of their own.
		if _, ok := labels[key+"."+f]; !ok {
			return "", false
		}
	}
	if c, ok := countedBy[key]; ok {
		return c, true
	}
	return "n", true
}

// Keys returns every label key, sorted.
func Keys() []string {
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Text returns the text of key in lang ("sv", or else English), without
// a site's overrides; ok is false for an unknown key.
func Text(lang, key string) (text string, ok bool) {
	text, ok = of(lang).Labels[key]
	return text, ok
}

// of is the file of lang, English for a language sprintkit does not speak.
func of(lang string) file {
	if f, ok := texts[lang]; ok {
		return f
	}
	return texts["en"]
}

// Month is the name of the month m in lang.
func Month(lang string, m time.Month) string {
	return of(lang).Months[m-1]
}

// names are the languages' names in the header that WriteTOML writes.
var names = map[string]string{"sv": "Swedish", "en": "English"}

// WriteTOML writes every key with its text as content/site.toml's [labels]
// table takes it: the text in lang ("sv" or "en") as the value, and the
// other language's as a comment, for a team to copy what it would change.
func WriteTOML(w io.Writer, lang string) error {
	other := "sv"
	if lang == "sv" {
		other = "en"
	}
	b := &strings.Builder{}
	fmt.Fprintf(b, "# Every interface text by key, in %s with %s after it as a comment. To change\n", names[lang], names[other])
	b.WriteString(`# one, copy its line into content/site.toml under [labels] and change the text;
# {n}, {team} and the like are filled in where the text is used. A text with a
# number has a form for 1 (key.one) and for any other number (key.other).
[labels]
`)
	for _, k := range Keys() {
		v, _ := Text(lang, k)
		o, _ := Text(other, k)
		fmt.Fprintf(b, "%s = %s  # %s: %s\n", tomlString(k), tomlString(v), other, o)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`).Replace(s) + `"`
}
