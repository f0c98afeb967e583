package site

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// fields reads typed values out of a decoded TOML table and records a
// positioned problem for every key that is unknown, missing, of the wrong
// type or outside its enum. It never stops at the first problem.
type fields struct {
	path  string
	keys  map[string]keyPos
	probs *Problems
	// load, when set, reads the source for keys the first time a
	// position is needed, so that a file with no problems is not scanned.
	load func() (src string, firstLine int)
	// names holds what messages call a table of an array by its key
	// ("stages[2]": `stage "hjalp"`); see show.
	names map[string]string
}

// items names the tables of each array of tables in messages, counted
// from 1 where they have no id: "stages[2]" is "stage 3".
var items = map[string]string{"stages": "stage", "beliefs": "belief", "changes": "change", "agenda": "agenda block"}

// name makes messages call the table at key (an element of an array of
// tables) by what it is and its id or name in m, as in `stage "hjalp"`.
func (f *fields) name(key string, m map[string]any, idKey string) {
	id, _ := m[idKey].(string)
	if id == "" {
		return
	}
	if f.names == nil {
		f.names = map[string]string{}
	}
	i := strings.LastIndexByte(key, '[')
	f.names[key] = fmt.Sprintf("%s %q", items[key[strings.LastIndexByte(key[:i], '.')+1:i]], id)
}

// show says key as a message does: an element of an array of tables by
// its name or its number from 1, not by its index from 0 —
// "stages[2].beliefs[0].basis" is `stage "hjalp", belief 1, basis`.
func (f *fields) show(key string) string {
	if !strings.Contains(key, "[") {
		return key
	}
	var parts []string
	plain := ""
	for rest, done := key, ""; rest != ""; {
		seg, tail, _ := strings.Cut(rest, ".")
		done, rest = join(done, seg), tail
		name, index, ok := strings.Cut(seg, "[")
		if !ok {
			plain = join(plain, seg)
			continue
		}
		if plain != "" {
			parts, plain = append(parts, plain), ""
		}
		if n, ok := f.names[done]; ok {
			parts = append(parts, n)
			continue
		}
		i, _ := strconv.Atoi(strings.TrimSuffix(index, "]"))
		what := items[name]
		if what == "" {
			what = name
		}
		parts = append(parts, fmt.Sprintf("%s %d", what, i+1))
	}
	if plain != "" {
		parts = append(parts, plain)
	}
	return strings.Join(parts, ", ")
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// find returns the recorded position of key or of its nearest parent.
func (f *fields) find(key string) (keyPos, bool) {
	if f.keys == nil && f.load != nil {
		f.keys = keyPositions(f.load())
	}
	for k := key; k != ""; {
		if p, ok := f.keys[k]; ok {
			return p, true
		}
		i := strings.LastIndexAny(k, ".[")
		if i < 0 {
			break
		}
		k = k[:i]
	}
	return keyPos{pos{1, 1}, pos{1, 1}}, false
}

func (f *fields) problem(p pos, format string, args ...any) {
	*f.probs = append(*f.probs, Problem{Path: f.path, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, args...)})
}

// atValue reports a problem at the key's value.
func (f *fields) atValue(key, format string, args ...any) {
	p, _ := f.find(key)
	f.problem(p.val, f.show(key)+": "+format, args...)
}

// missing reports a required key that is absent, at the table that should hold it.
func (f *fields) missing(key string) {
	p, _ := f.find(key)
	f.problem(p.key, "%s: required, but missing", f.show(key))
}

// known reports every key of m that is not among names.
func (f *fields) known(m map[string]any, prefix string, names ...string) {
	var unknown []string
	for k := range m {
		if !slices.Contains(names, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		key := join(prefix, k)
		p, _ := f.find(key)
		if prefix != "" && strings.Contains(prefix, "[") {
			f.problem(p.key, "%s: unknown key %q%s", f.show(prefix), k, DidYouMean(k, names))
		} else {
			f.problem(p.key, "unknown key %q%s", key, DidYouMean(k, names))
		}
	}
}

func typeName(v any) string {
	switch v := v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case time.Time:
		if isLocalDate(v) {
			return "a date"
		}
		return "a date-time"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}

func (f *fields) str(m map[string]any, prefix, name string, required bool) string {
	key := join(prefix, name)
	v, ok := m[name]
	if !ok {
		if required {
			f.missing(key)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		f.atValue(key, "must be a string, not %s", typeName(v))
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		f.atValue(key, "must not be empty")
	}
	return s
}

// optional reads the value of name, one of e's, or "" when it is absent.
func (f *fields) optional(m map[string]any, prefix, name string, e Enum) string {
	if _, ok := m[name]; !ok {
		return ""
	}
	return f.enum(m, prefix, name, e)
}

// enum reads the value of name, one of e's; absent, it is e's default,
// or a problem when e has none.
func (f *fields) enum(m map[string]any, prefix, name string, e Enum) string {
	def, values := e.Default, e.Values
	key := join(prefix, name)
	if _, ok := m[name]; !ok {
		if def == "" {
			f.missing(key)
		}
		return def
	}
	s := f.str(m, prefix, name, false)
	if _, isStr := m[name].(string); !isStr {
		return def
	}
	if !slices.Contains(values, s) {
		f.atValue(key, "%q is not one of %s%s", s, strings.Join(values, ", "), DidYouMean(s, values))
		return def
	}
	return s
}

func (f *fields) integer(m map[string]any, prefix, name string, def int) int {
	key := join(prefix, name)
	v, ok := m[name]
	if !ok {
		return def
	}
	n, ok := v.(int64)
	if !ok {
		f.atValue(key, "must be an integer, not %s", typeName(v))
		return def
	}
	if n < 0 || n > 1_000_000 {
		f.atValue(key, "%d is out of range", n)
		return def
	}
	return int(n)
}

func (f *fields) boolean(m map[string]any, prefix, name string) bool {
	key := join(prefix, name)
	v, ok := m[name]
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		f.atValue(key, "must be true or false, not %s", typeName(v))
	}
	return b
}

// date reads a TOML local date (2026-11-24, no quotes) as midnight UTC.
func (f *fields) date(m map[string]any, prefix, name string, required bool) time.Time {
	key := join(prefix, name)
	v, ok := m[name]
	if !ok {
		if required {
			f.missing(key)
		}
		return time.Time{}
	}
	t, ok := v.(time.Time)
	if !ok || !isLocalDate(t) {
		hint := ""
		if _, isStr := v.(string); isStr {
			hint = " (write it without quotes, like 2026-11-24)"
		}
		f.atValue(key, "must be a date like 2026-11-24, not %s%s", typeName(v), hint)
		return time.Time{}
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func (f *fields) strings(m map[string]any, prefix, name string) []string {
	key := join(prefix, name)
	v, ok := m[name]
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		f.atValue(key, "must be an array of strings, not %s", typeName(v))
		return nil
	}
	out := make([]string, 0, len(list))
	for i, e := range list {
		s, ok := e.(string)
		if !ok {
			f.atValue(key, "element %d must be a string, not %s", i+1, typeName(e))
			continue
		}
		out = append(out, s)
	}
	return out
}

// id checks the id at key, of a what such as a stage: written as a slug,
// and not in seen, where it is added; earlier names what else used it.
func (f *fields) id(key, what, earlier, id string, seen map[string]bool) {
	if id == "" {
		return
	}
	if Slug(id) != id {
		f.atValue(key, "%q: a %s id is lower-case letters, digits and dashes, such as %q", id, what, Slug(id))
	}
	if seen[id] {
		f.atValue(key, "%q is used by %s", id, earlier)
	}
	seen[id] = true
}

// header is key as a TOML table header writes it: without the numbers
// of the tables it is in ("stages.beliefs" for "stages[0].beliefs").
func header(key string) string {
	var b strings.Builder
	skip := false
	for _, c := range key {
		switch {
		case c == '[':
			skip = true
		case c == ']':
			skip = false
		case !skip:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// table returns the sub-table name of m, or nil when it is absent.
func (f *fields) table(m map[string]any, prefix, name string, required bool) map[string]any {
	key := join(prefix, name)
	v, ok := m[name]
	if !ok {
		if required {
			f.missing(key)
		}
		return nil
	}
	t, ok := v.(map[string]any)
	if !ok {
		f.atValue(key, "must be a table ([%s]), not %s", header(key), typeName(v))
		return nil
	}
	return t
}

// tables returns the array of tables name of m ([[name]]).
func (f *fields) tables(m map[string]any, prefix, name string) []map[string]any {
	key := join(prefix, name)
	v, ok := m[name]
	if !ok {
		return nil
	}
	switch list := v.(type) {
	case []map[string]any:
		return list
	case []any:
		out := make([]map[string]any, 0, len(list))
		for i, e := range list {
			t, ok := e.(map[string]any)
			if !ok {
				f.atValue(key, "element %d must be a table, not %s", i+1, typeName(e))
				continue
			}
			out = append(out, t)
		}
		return out
	}
	f.atValue(key, "must be an array of tables ([[%s]]), not %s", header(key), typeName(v))
	return nil
}
