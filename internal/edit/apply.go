package edit

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/sprintkit/sprintkit/internal/site"
)

// A Set is one value to write: the key as "sprintkit set" spells it, and
// the value as text (see the package doc for how its type is chosen).
type Set struct {
	Key   string
	Value string
}

func (s Set) String() string { return s.Key + "=" + s.Value }

// A keyError is a problem with one Set, said in its key's words.
type keyError struct {
	key, msg string
}

func (e *keyError) Error() string { return e.key + ": " + e.msg }

// apply writes sets into src, the TOML text, one after the other, and
// returns the new text. Only the bytes of the values it sets change, or a
// line for a key that was missing, or a table's lines for a missing table.
func apply(src string, sets []Set, keys *site.Format) (string, error) {
	for _, s := range sets {
		d, err := scan(src)
		if err != nil {
			return "", err
		}
		out, err := d.set(s, declared(keys, s.Key))
		if err != nil {
			return "", err
		}
		src = out
	}
	return src, nil
}

// set writes one value into d's text and returns the new text. typ is the
// key's type as the table of keys declares it, "" when it is not known.
func (d *doc) set(s Set, typ string) (string, error) {
	parts, err := splitKey(s.Key)
	if err != nil {
		return "", &keyError{s.Key, err.Error()}
	}
	fail := func(format string, args ...any) (string, error) {
		return "", &keyError{s.Key, fmt.Sprintf(format, args...)}
	}
	name, i, err := d.locate(s.Key, parts)
	if err != nil {
		return "", err
	}
	t := d.byName[name]
	rest := parts[i:]
	if len(rest) == 0 {
		return fail("names a table, not a value")
	}
	for j := len(rest); j >= 1; j-- {
		if e := t.find(joinKey(rest[:j])); e != nil {
			return d.into(s, typ, e.val, rest[j:], t, e)
		}
	}
	nl := d.newline()
	if s.Value == "" {
		// Nothing to empty.
		return d.src, nil
	}
	val, err := literal(s.Value, 0, "", typ)
	if err != nil {
		return fail("%v", err)
	}
	if len(rest) == 1 {
		return d.insertKey(t, rest[0], val, nl), nil
	}
	if strings.Contains(name, "[") {
		return fail("%s has no %s", name, joinKey(rest[:len(rest)-1]))
	}
	return d.insertTable(join(name, joinKey(rest[:len(rest)-1])), rest[len(rest)-1], val, nl), nil
}

// locate finds the table that parts name from their start, leaving at
// least the last part for a key: its name in d.byName and how many parts
// name it. A part that names an array of tables ([[stages]]) is followed
// by which of them, by number from 1 or by its id.
func (d *doc) locate(key string, parts []string) (string, int, error) {
	fail := func(format string, args ...any) (string, int, error) {
		return "", 0, &keyError{key, fmt.Sprintf(format, args...)}
	}
	name, i := "", 0
	for i < len(parts) {
		next := join(name, quoteKey(parts[i]))
		if _, ok := d.byName[next+"[0]"]; ok {
			if i+1 >= len(parts) {
				return fail("%s is a list: say which of them, by number from 1 or by id", parts[i])
			}
			k, ok := d.pick(next, parts[i+1])
			if !ok {
				return fail("no %s %q: %s", parts[i], parts[i+1], d.ids(next))
			}
			name, i = fmt.Sprintf("%s[%d]", next, k), i+2
			continue
		}
		// The longest table named by the parts from here, leaving the last
		// for a key.
		k := len(parts) - 1
		for ; k > i; k-- {
			if _, ok := d.byName[join(name, joinKey(parts[i:k]))]; ok {
				break
			}
		}
		if k == i {
			break
		}
		name, i = join(name, joinKey(parts[i:k])), k
	}
	return name, i, nil
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// pick finds which element of the array of tables arr a key's part means:
// a number from 1, or the value of the elements' id.
func (d *doc) pick(arr, which string) (int, bool) {
	if n, err := strconv.Atoi(which); err == nil {
		_, ok := d.byName[fmt.Sprintf("%s[%d]", arr, n-1)]
		return n - 1, ok && n >= 1
	}
	for k := 0; ; k++ {
		t, ok := d.byName[fmt.Sprintf("%s[%d]", arr, k)]
		if !ok {
			return 0, false
		}
		if e := t.find("id"); e != nil && isString(e.val) && d.text(e.val) == which {
			return k, true
		}
	}
}

// ids lists the ids of an array of tables, for a problem.
func (d *doc) ids(arr string) string {
	var ids []string
	for k := 0; ; k++ {
		t, ok := d.byName[fmt.Sprintf("%s[%d]", arr, k)]
		if !ok {
			break
		}
		if e := t.find("id"); e != nil && isString(e.val) {
			ids = append(ids, d.text(e.val))
		}
	}
	if len(ids) == 0 {
		return "there are none"
	}
	return "there are " + strings.Join(ids, ", ")
}

func isString(v *value) bool { return v.kind == '"' || v.kind == '\'' }

func (d *doc) text(v *value) string { return decodeString(d.src[v.start:v.end]) }

// into writes s into the value v of entry e (in table t), or into what v
// holds as rest says: an element of an array (by number from 1 or by its
// text), a key of an inline table.
func (d *doc) into(s Set, typ string, v *value, rest []string, t *table, e *entry) (string, error) {
	fail := func(format string, args ...any) (string, error) {
		return "", &keyError{s.Key, fmt.Sprintf(format, args...)}
	}
	if len(rest) == 0 {
		if s.Value == "" && !isString(v) {
			if t == nil {
				return d.removeField(e), nil
			}
			return d.src[:e.line.start] + d.src[e.line.end:], nil
		}
		val, err := literal(s.Value, v.kind, d.src[v.start:v.end], typ)
		if err != nil {
			return fail("%v", err)
		}
		return d.src[:v.start] + val + d.src[v.end:], nil
	}
	switch v.kind {
	case '[':
		return d.intoElement(s, typ, v, rest)
	case '{':
		return d.intoField(s, typ, v, rest)
	}
	return fail("is a single value: it holds no %s", joinKey(rest))
}

// intoElement writes s into the element of the array v that rest[0]
// names, or into what that element holds as the rest of rest says.
func (d *doc) intoElement(s Set, typ string, v *value, rest []string) (string, error) {
	fail := func(format string, args ...any) (string, error) {
		return "", &keyError{s.Key, fmt.Sprintf(format, args...)}
	}
	k, ok := d.element(v, rest[0])
	if !ok {
		return fail("no element %q: the list has %d, counted from 1 or named by their text", rest[0], len(v.elems))
	}
	el := v.elems[k]
	if isString(el) && len(rest) == 2 {
		// A plain text in a list of changes becomes a table in its
		// place, its text kept as it was written.
		if s.Value == "" {
			return d.src, nil
		}
		val, err := literal(s.Value, 0, "", typ)
		if err != nil {
			return fail("%v", err)
		}
		if rest[1] == "text" {
			return d.src[:el.start] + val + d.src[el.end:], nil
		}
		return d.src[:el.start] + "{ text = " + d.src[el.start:el.end] + ", " + quoteKey(rest[1]) + " = " + val + " }" + d.src[el.end:], nil
	}
	return d.into(s, typ, el, rest[1:], nil, nil)
}

// intoField writes s into the key of the inline table v that rest names,
// or adds the key when it has none.
func (d *doc) intoField(s Set, typ string, v *value, rest []string) (string, error) {
	fail := func(format string, args ...any) (string, error) {
		return "", &keyError{s.Key, fmt.Sprintf(format, args...)}
	}
	for j := len(rest); j >= 1; j-- {
		for _, f := range v.fields {
			if joinKey(f.key) == joinKey(rest[:j]) {
				return d.into(s, typ, f.val, rest[j:], nil, f)
			}
		}
	}
	if len(rest) > 1 {
		return fail("has no %s", joinKey(rest[:len(rest)-1]))
	}
	if s.Value == "" {
		return d.src, nil
	}
	val, err := literal(s.Value, 0, "", typ)
	if err != nil {
		return fail("%v", err)
	}
	field := quoteKey(rest[0]) + " = " + val
	if len(v.fields) == 0 {
		return d.src[:v.start] + "{ " + field + " }" + d.src[v.end:], nil
	}
	at := v.fields[len(v.fields)-1].val.end
	return d.src[:at] + ", " + field + d.src[at:], nil
}

// element finds an array's element by number from 1, or by its text (a
// string, or an inline table's text): the whole text, or the one element
// whose text starts with which.
func (d *doc) element(v *value, which string) (int, bool) {
	if n, err := strconv.Atoi(which); err == nil {
		return n - 1, n >= 1 && n <= len(v.elems)
	}
	textOf := func(el *value) string {
		if isString(el) {
			return d.text(el)
		}
		if el.kind == '{' {
			for _, f := range el.fields {
				if joinKey(f.key) == "text" && isString(f.val) {
					return d.text(f.val)
				}
			}
		}
		return ""
	}
	found, n := -1, 0
	for k, el := range v.elems {
		t := textOf(el)
		if t == which {
			return k, true
		}
		if which != "" && strings.HasPrefix(t, which) {
			found, n = k, n+1
		}
	}
	return found, n == 1
}

// splitKey splits a dotted key into its parts; a part may be quoted, as in
// TOML: stages.valja.changes."Postnummer frågas först".status.
func splitKey(key string) ([]string, error) {
	if strings.TrimSpace(key) == "" {
		return nil, errors.New("no key given")
	}
	var parts []string
	for i := 0; i <= len(key); {
		if i < len(key) && (key[i] == '"' || key[i] == '\'') {
			s := &scanner{src: key, i: i}
			var v *value
			func() {
				defer func() {
					if recover() != nil {
						v = nil
					}
				}()
				v = s.str()
			}()
			if v == nil {
				return nil, errors.New("a quoted part of the key has no closing quote")
			}
			parts = append(parts, decodeString(key[v.start:v.end]))
			i = v.end
			if i < len(key) && key[i] != '.' {
				return nil, errors.New("a quoted part of the key must be followed by a dot")
			}
			i++
			continue
		}
		j := strings.IndexByte(key[i:], '.')
		if j < 0 {
			j = len(key) - i
		}
		p := key[i : i+j]
		if p == "" {
			return nil, errors.New("the key has an empty part")
		}
		parts = append(parts, p)
		i += j + 1
	}
	return parts, nil
}
