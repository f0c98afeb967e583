package edit

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

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
	// The tables: a part that names an array of tables ([[stages]]) is
	// followed by which of them, by number from 1 or by its id.
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
	case '{':
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
	return fail("is a single value: it holds no %s", joinKey(rest))
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

// removeField removes a key from the inline table that holds it, with
// the comma that parts it from the others.
func (d *doc) removeField(f *entry) string {
	// Find the inline table: the value whose fields hold f.
	var holder *value
	var walk func(v *value)
	walk = func(v *value) {
		for _, x := range v.fields {
			if x == f {
				holder = v
			}
			walk(x.val)
		}
		for _, x := range v.elems {
			walk(x)
		}
	}
	for _, t := range d.tables {
		for _, e := range t.entries {
			walk(e.val)
		}
	}
	if holder == nil {
		return d.src
	}
	for k, x := range holder.fields {
		if x != f {
			continue
		}
		switch {
		case len(holder.fields) == 1:
			return d.src[:holder.start] + "{}" + d.src[holder.end:]
		case k == 0:
			return d.src[:f.line.start] + d.src[holder.fields[1].line.start:]
		default:
			prev := holder.fields[k-1].val.end
			return d.src[:prev] + d.src[f.val.end:]
		}
	}
	return d.src
}

// newline is the line end the text uses: CRLF when its first line ends so.
func (d *doc) newline() string {
	if i := strings.IndexByte(d.src, '\n'); i > 0 && d.src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// region is where table t's lines are: from its header (the top of the
// text for the root) to the next header.
func (d *doc) region(t *table) span {
	r := span{t.header.start, len(d.src)}
	if t.name == "" {
		r.start = 0
	}
	for k, x := range d.tables {
		if x == t && k+1 < len(d.tables) {
			r.end = d.tables[k+1].header.start
		}
	}
	return r
}

// commented finds, within r, a line that is key = … put out of use with a
// #, as the files that sprintkit new writes hold them: the span of the
// line without its line end.
func (d *doc) commented(r span, pattern string) (span, bool) {
	re := regexp.MustCompile(`(?m)^[ \t]*#[ \t]*` + pattern + `[^\r\n]*`)
	loc := re.FindStringIndex(d.src[r.start:r.end])
	if loc == nil {
		return span{}, false
	}
	return span{r.start + loc[0], r.start + loc[1]}, true
}

// insertKey adds key = val to table t: in place of a line that holds the
// key put out of use (# key = …), else after the table's last key.
func (d *doc) insertKey(t *table, key, val, nl string) string {
	line := quoteKey(key) + " = " + val
	if c, ok := d.commented(d.region(t), regexp.QuoteMeta(quoteKey(key))+`[ \t]*=`); ok && c.start >= t.header.end {
		return d.src[:c.start] + line + d.src[c.end:]
	}
	at := t.last
	if t.name == "" && len(t.entries) == 0 {
		// A root with no keys: at the top, below the comments that head
		// the file.
		at = d.head()
	}
	pre := ""
	if at > 0 && d.src[at-1] != '\n' {
		pre = nl
	}
	return d.src[:at] + pre + line + nl + d.src[at:]
}

// head is where the first line that is not a comment starts.
func (d *doc) head() int {
	i := 0
	if strings.HasPrefix(d.src, "\ufeff") {
		i = len("\ufeff")
	}
	for i < len(d.src) {
		rest := strings.TrimLeft(d.src[i:], " \t")
		if !strings.HasPrefix(rest, "#") {
			return i
		}
		j := strings.IndexByte(d.src[i:], '\n')
		if j < 0 {
			return len(d.src)
		}
		i += j + 1
	}
	return i
}

// insertTable adds the table name with key = val: in place of a header
// put out of use (# [name]), its key too where it is put out of use in
// the lines below; else after the last key of the last table that is not
// an array of tables, with a blank line before it.
func (d *doc) insertTable(name, key, val, nl string) string {
	line := quoteKey(key) + " = " + val
	whole := span{0, len(d.src)}
	if h, ok := d.commented(whole, `\[`+regexp.QuoteMeta(name)+`\][ \t]*$`); ok {
		// The commented lines that follow the header are its keys.
		end := h.end
		for end < len(d.src) {
			j := strings.IndexByte(d.src[end:], '\n')
			if j < 0 {
				end = len(d.src)
				break
			}
			next := end + j + 1
			rest := strings.TrimLeft(d.src[next:], " \t")
			if !strings.HasPrefix(rest, "#") {
				end = next
				break
			}
			end = next
		}
		header := "[" + name + "]"
		src := d.src[:h.start] + header + d.src[h.end:]
		shift := len(header) - (h.end - h.start)
		block := span{h.start + len(header), end + shift}
		dd := &doc{src: src}
		if c, ok := dd.commented(block, regexp.QuoteMeta(quoteKey(key))+`[ \t]*=`); ok {
			return src[:c.start] + line + src[c.end:]
		}
		at := h.start + len(header)
		for at < len(src) && src[at] != '\n' {
			at++
		}
		if at < len(src) {
			at++
		}
		return src[:at] + line + nl + src[at:]
	}
	at := -1
	for _, t := range d.tables {
		if t.name != "" && !t.array && !strings.Contains(t.name, "[") {
			at = t.last
		}
	}
	if at < 0 {
		at = len(d.src)
	}
	pre := nl
	if at > 0 && d.src[at-1] != '\n' {
		pre = nl + nl
	}
	if at == 0 {
		pre = ""
	}
	return d.src[:at] + pre + "[" + name + "]" + nl + line + nl + d.src[at:]
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

var (
	dateShape = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	intShape  = regexp.MustCompile(`^[+-]?\d+$`)
)

// literal writes the value text as TOML. was is the kind of the value it
// replaces (a double or single quote for a string; 0 for none or another kind), old
// its bytes, and typ the key's type in the table of keys ("" for a key it
// does not declare). Text in quotes, brackets or braces is taken as TOML
// as it stands. Otherwise a key declared a string or an enum gets a
// string, and one declared a date or an integer must be one. For an
// undeclared key: a string stays a string; a day (YYYY-MM-DD) becomes a
// date; a whole number a number and true or false a boolean, where no
// string was there before; anything else a string.
func literal(v string, was byte, old string, typ string) (string, error) {
	if !utf8.ValidString(v) {
		return "", errors.New("the value is not UTF-8 text")
	}
	if v != "" && strings.ContainsRune(`"'[{`, rune(v[0])) {
		var m map[string]any
		if _, err := toml.Decode("v = "+v, &m); err != nil {
			return "", fmt.Errorf("%s is not a TOML value: %v", v, err)
		}
		return v, nil
	}
	switch {
	case (typ == "string" || typ == "enum") && was != '\'':
		was = '"'
	case typ == "date" && !dateShape.MatchString(v):
		return "", fmt.Errorf("%q is not a date: write the day as 2026-12-07", v)
	case typ == "integer" && !intShape.MatchString(v):
		return "", fmt.Errorf("%q is not a whole number", v)
	}
	if was == '"' || was == '\'' {
		if was == '\'' && !strings.ContainsAny(v, "'\n\r") && validLiteral(v) {
			// A literal string stays one, where the text allows it.
			if strings.HasPrefix(old, "'''") {
				return "'''" + v + "'''", nil
			}
			return "'" + v + "'", nil
		}
		return basicString(v), nil
	}
	if dateShape.MatchString(v) {
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return "", fmt.Errorf("%s is not a day of the calendar", v)
		}
		return v, nil
	}
	if intShape.MatchString(v) {
		if _, err := strconv.ParseInt(v, 10, 64); err == nil {
			return v, nil
		}
	}
	if v == "true" || v == "false" {
		return v, nil
	}
	return basicString(v), nil
}

// declared returns the type that keys declares for key, a key as Set
// names it ("stages.valja.changes.2.status": a stage by its id, a change
// by its number), or "" when keys is nil or does not declare it.
func declared(keys *site.Format, key string) string {
	parts, err := splitKey(key)
	if keys == nil || err != nil {
		return ""
	}
	path, last := "", ""
	for _, p := range parts {
		if k := keys.Key(join(path, p)); k != nil {
			path, last = k.Path, p
		} else {
			last = ""
		}
	}
	if last == "" || last != parts[len(parts)-1] {
		return ""
	}
	return keys.Key(path).Type
}

// validLiteral reports whether s may stand in a literal string: no
// control characters but tab.
func validLiteral(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\t' || r == 0x7f {
			return false
		}
	}
	return true
}
