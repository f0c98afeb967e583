package site

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A reader reads the keys of one format through fields, each as the table
// of keys declares it (keys.toml): the known keys of a table, and each
// key's type, enum, required or default. Where a key's need depends on
// another (a result's verdict when the sprint is done), the loader says
// so and calls fields' own readers.
type reader struct {
	*fields
	format *Format
}

// decl returns the declaration of key (with the numbers of its tables,
// "stages[2].name") and checks that it is of type typ. A key that is not
// declared, or read as another type, is a mistake in the program.
func (r reader) decl(key, typ string) *Key {
	k := r.format.Key(header(key))
	if k == nil {
		panic(fmt.Sprintf("site: %s has no key %s in keys.toml", r.format.Name, header(key)))
	}
	if k.Type != typ {
		panic(fmt.Sprintf("site: %s key %s is a %s in keys.toml, read as a %s", r.format.Name, k.Path, k.Type, typ))
	}
	return k
}

// known reports every key of m, the table at prefix, that the table does
// not declare.
func (r reader) known(m map[string]any, prefix string) {
	r.fields.known(m, prefix, r.format.Names(header(prefix))...)
}

// text reads a string.
func (r reader) text(m map[string]any, prefix, name string) string {
	k := r.decl(join(prefix, name), "string")
	return r.str(m, prefix, name, k.need(m))
}

// choice reads an enum: one of its values, its legacy ones read as its
// default; absent, its default, nothing when optional, or a problem when
// required.
func (r reader) choice(m map[string]any, prefix, name string) string {
	k := r.decl(join(prefix, name), "enum")
	if s, ok := m[name].(string); ok && len(k.Legacy) > 0 {
		for _, old := range k.Legacy {
			if s == old {
				return k.Enum.Default
			}
		}
	}
	if k.Optional || k.Required && !k.need(m) {
		return r.optional(m, prefix, name, k.Enum)
	}
	return r.enum(m, prefix, name, k.Enum)
}

// maybe reads an enum that has no default here, whatever the table says:
// absent, it has no value (a plan's assumption that tests a belief takes
// the belief's).
func (r reader) maybe(m map[string]any, prefix, name string) string {
	k := r.decl(join(prefix, name), "enum")
	return r.optional(m, prefix, name, k.Enum)
}

// number reads an integer, its default when absent.
func (r reader) number(m map[string]any, prefix, name string) int {
	k := r.decl(join(prefix, name), "integer")
	def, _ := strconv.Atoi(k.Default) // 0 when it has none
	return r.integer(m, prefix, name, def)
}

// day reads a date.
func (r reader) day(m map[string]any, prefix, name string) time.Time {
	k := r.decl(join(prefix, name), "date")
	return r.date(m, prefix, name, k.need(m))
}

// flag reads a boolean.
func (r reader) flag(m map[string]any, prefix, name string) bool {
	r.decl(join(prefix, name), "boolean")
	return r.boolean(m, prefix, name)
}

// list reads an array of strings.
func (r reader) list(m map[string]any, prefix, name string) []string {
	r.decl(join(prefix, name), "strings")
	return r.strings(m, prefix, name)
}

// sub reads a table.
func (r reader) sub(m map[string]any, prefix, name string) map[string]any {
	k := r.decl(join(prefix, name), "table")
	return r.table(m, prefix, name, k.need(m))
}

// each reads an array of tables.
func (r reader) each(m map[string]any, prefix, name string) []map[string]any {
	r.decl(join(prefix, name), "tables")
	return r.tables(m, prefix, name)
}

// need reports whether the key must be in its table m: it is required,
// and the key its When names, if any, is not there. (When a key that is
// not required must be there is for the loader to say.)
func (k *Key) need(m map[string]any) bool {
	if !k.Required {
		return false
	}
	_, lifted := m[k.When]
	return k.When == "" || !lifted
}

// changes reads a stage's changes: each a string (a planned change) or a
// table of the keys that keys.toml declares for stages.changes.
func (r reader) changes(m map[string]any, prefix string) []Change {
	r.decl(join(prefix, "changes"), "changes")
	key := join(prefix, "changes")
	v, ok := m["changes"]
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		if tables, isTables := v.([]map[string]any); isTables {
			for _, t := range tables {
				list = append(list, t)
			}
		} else {
			r.atValue(key, "must be an array of changes (strings or tables), not %s", typeName(v))
			return nil
		}
	}
	var out []Change
	for i, e := range list {
		switch e := e.(type) {
		case string:
			if strings.TrimSpace(e) == "" {
				r.atValue(fmt.Sprintf("%s[%d]", key, i), "a change must say what changes, not be empty")
				continue
			}
			out = append(out, Change{Text: e, Status: ChangeStatuses.Default, Index: i})
		case map[string]any:
			// The positions of keys inside an inline table are not
			// recorded: problems point at the list, and name the change
			// by its place in it, as stages are named.
			p := fmt.Sprintf("%s[%d]", key, i)
			r.known(e, p)
			_, own := e["status"]
			out = append(out, Change{
				Text:      r.text(e, p, "text"),
				Team:      r.text(e, p, "team"),
				Owner:     r.text(e, p, "owner"),
				Due:       r.day(e, p, "due"),
				Status:    r.choice(e, p, "status"),
				OwnStatus: own,
				Since:     r.day(e, p, "since"),
				SprintID:  r.text(e, p, "sprint"),
				Index:     i,
			})
		default:
			r.atValue(fmt.Sprintf("%s[%d]", key, i), "must be a string or a table with %s, not %s", r.format.alternatives("stages.changes"), typeName(e))
		}
	}
	return out
}

// alternatives says the names of the keys of the table at path as a
// message lists them: "text, team and sprint".
func (f *Format) alternatives(path string) string {
	names := f.Names(path)
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
