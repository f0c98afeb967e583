package schema

import (
	"fmt"
	"strings"

	"github.com/sprintkit/sprintkit/internal/site"
)

// Table returns the README's table of f's keys, in English: each key with
// its type, whether it is required or its default, and what it is for.
// The README holds one per format between the lines
// "<!-- keys NAME -->" and "<!-- end keys -->", and a test holds them to
// this.
func Table(f *site.Format) string {
	var b strings.Builder
	b.WriteString("| key | type | | meaning |\n|---|---|---|---|\n")
	for i := range f.Keys {
		k := &f.Keys[i]
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", keyName(f, k), typeName(k), need(k), k.Doc["en"])
	}
	return b.String()
}

// keyName is the key as its table's header and its own name say it:
// "`[assumption] belief`", "`[[agenda]] block`".
func keyName(f *site.Format, k *site.Key) string {
	i := strings.LastIndexByte(k.Path, '.')
	if i < 0 {
		switch k.Type {
		case "table", "labels":
			return "`[" + k.Path + "]`"
		case "tables":
			return "`[[" + k.Path + "]]`"
		}
		return "`" + k.Path + "`"
	}
	table, name := k.Path[:i], k.Path[i+1:]
	switch f.Key(table).Type {
	case "tables":
		return "`[[" + table + "]] " + name + "`"
	case "changes":
		return "`" + table + " = [{ " + name + " }]`"
	}
	return "`[" + table + "] " + name + "`"
}

func typeName(k *site.Key) string {
	switch k.Type {
	case "enum":
		vals := make([]string, len(k.Enum.Values))
		for i, v := range k.Enum.Values {
			vals[i] = "`" + v + "`"
		}
		s := strings.Join(vals, ", ")
		for _, v := range k.Legacy {
			s += " (`" + v + "` reads as `" + k.Enum.Default + "`)"
		}
		return s
	case "strings":
		return "[string]"
	case "tables":
		return "array of tables"
	case "changes":
		return "[string or table]"
	case "labels":
		return "table of strings"
	case "date":
		return "date (2026-11-24)"
	case "integer":
		if k.Min > 0 {
			return fmt.Sprintf("integer, at least %d", k.Min)
		}
	}
	return k.Type
}

func need(k *site.Key) string {
	switch {
	case k.Required && k.When != "":
		return "required unless `" + k.When + "`"
	case k.Required:
		return "required"
	case k.When != "":
		return "required when " + k.When
	case k.Default != "":
		return "default `" + strings.Trim(k.Default, `"`) + "`"
	}
	return "optional"
}
