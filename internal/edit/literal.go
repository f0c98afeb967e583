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

// What a value becomes in TOML: its text written as the key's declared
// type asks, or as the value it replaces was, checked as it is written.

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
