// Package edit changes values in a site's files the way "cargo add"
// changes Cargo.toml: it finds the bytes of each value it sets, replaces
// those and nothing else, parses the result and checks it as "sprintkit
// check" would, and writes it atomically. "sprintkit set" and the dev
// server's recording controls (POST /_sprintkit/edit) both use it.
//
// # What it edits
//
// A sprint's plan (sprints/<id>/sprint.toml) and a study's front matter
// (content/studies/<id>.md, between its +++ lines; or content/studies/<id>.toml).
// Nothing else: not a file outside the site folder, a link, or a file
// that is not a regular one.
//
// # Keys
//
// A key is dotted, as TOML names it: status, result.verdict,
// result.learned, result.evidence, result.recorded, action.do,
// action.owner, action.due, action.energy, action.status. Tables in a
// list ([[stages]]) are picked by their id or by number from 1, and so
// are the entries of a list of values by number from 1 or by their text
// (the whole text, or the start of one): stages.valja.changes.2.status,
// stages.valja.changes."Postnummer frågas".status. Setting a key of a
// change that is written as plain text makes it a table in the same
// place, its text kept as written: "Text." becomes
// { text = "Text.", status = "doing", since = 2026-12-07 }.
//
// # Values
//
// A value is given as text. In quotes, brackets or braces it is TOML as
// it stands ("2026-01-01" is a string). Otherwise it takes the type that
// the table of keys (internal/site/keys.toml) declares for the key: a
// string or an enum is written as a string, whatever it looks like; a date
// or an integer must be one, or the edit is refused. For a key the table
// does not declare, a key that holds a string keeps a string; a day
// (2026-12-07) becomes a date, and a whole number or true or false is
// written as such where the key held no string; anything else is a string. An empty value empties a string and
// removes a date or a number.
//
// # Where the bytes go
//
// A value that is there has its bytes replaced; every comment, blank line,
// key order, line end (LF or CRLF) and other byte stays. A missing key is
// written in place of its line put out of use with a # (as "sprintkit new"
// writes them), or after the last key of its table; a missing table in
// place of its header put out of use (# [result]), or after the last
// table that is not a list of tables ([[agenda]]).
//
// # What follows from a value
//
// A verdict (result.verdict) sets status = "done" and result.recorded to
// the day, unless they are set too, and needs a lesson: a verdict without
// result.learned, set or already there, is refused. A change's state
// (….changes.N.status) sets its since to the day.
package edit

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/sprintkit/sprintkit/internal/site"
)

// Hash is the hex SHA-256 of a file's bytes, as pages and the edit
// endpoint name a file's version.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Editable reports whether name (slash-separated, from the site folder)
// is a file that edits may change: a sprint's plan or a study. It says
// why not in a problem's words.
func Editable(name string) error {
	parts := strings.Split(name, "/")
	for _, p := range parts {
		if p == "" || p == "." || p == ".." || site.Ignored(p) {
			return fmt.Errorf("%s is not a file of the site", name)
		}
	}
	switch {
	case len(parts) == 3 && parts[0] == "sprints" && parts[2] == "sprint.toml":
		return nil
	case len(parts) == 3 && parts[0] == "content" && parts[1] == "studies" &&
		(path.Ext(parts[2]) == ".md" || path.Ext(parts[2]) == ".toml"):
		return nil
	}
	return fmt.Errorf("%s is neither a sprint's plan (sprints/<id>/sprint.toml) nor a study (content/studies/<id>.md): only those are edited", name)
}

// Implied returns sets with what follows from them (see the package doc),
// for the file name, as of today.
func Implied(name string, sets []Set, today time.Time) []Set {
	has := map[string]bool{}
	for _, s := range sets {
		has[s.Key] = true
	}
	day := today.Format(time.DateOnly)
	out := append([]Set{}, sets...)
	for _, s := range sets {
		switch {
		case s.Key == "result.verdict" && s.Value != "":
			if !has["status"] {
				out = append(out, Set{"status", "done"})
			}
			if !has["result.recorded"] && !today.IsZero() {
				out = append(out, Set{"result.recorded", day})
			}
		case strings.HasSuffix(s.Key, ".status") && strings.Contains(s.Key, ".changes."):
			since := strings.TrimSuffix(s.Key, ".status") + ".since"
			if !has[since] && !today.IsZero() && s.Value != "" {
				out = append(out, Set{since, day})
			}
		}
	}
	return out
}

// Apply writes sets into data, the bytes of the file name, and returns
// the new bytes; it checks nothing but that the result is TOML. Problems
// are site.Problems, positioned in the file.
func Apply(name string, data []byte, sets []Set) ([]byte, error) {
	src := string(data)
	front, ok := frontMatter(name, src)
	if !ok {
		return nil, site.Problems{{Path: name, Line: 1, Col: 1, Msg: "the study has no front matter between +++ lines to edit"}}
	}
	text := src[front.start:front.end]
	firstLine := strings.Count(src[:front.start], "\n") + 1
	if _, err := toml.Decode(strings.TrimPrefix(text, "\ufeff"), new(map[string]any)); err != nil {
		p := site.Problem{Path: name, Msg: "the file is not valid TOML, so nothing was changed: " + err.Error()}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			p.Line, p.Col = pe.Position.Line+firstLine-1, pe.Position.Col
			p.Msg = "the file is not valid TOML, so nothing was changed: " + pe.Message
		}
		return nil, site.Problems{p}
	}
	out, err := apply(text, sets, format(name))
	if err != nil {
		return nil, site.Problems{{Path: name, Msg: err.Error()}}
	}
	if _, err := toml.Decode(strings.TrimPrefix(out, "\ufeff"), new(map[string]any)); err != nil {
		var keys []string
		for _, s := range sets {
			keys = append(keys, s.Key)
		}
		return nil, site.Problems{{Path: name, Msg: fmt.Sprintf("%s: cannot be written in this file: %v", strings.Join(keys, ", "), err)}}
	}
	return []byte(src[:front.start] + out + src[front.end:]), nil
}

// format is the table of keys of the file name: a sprint's plan or a
// study's map; nil for another file.
func format(name string) *site.Format {
	if strings.HasPrefix(name, "sprints/") {
		return site.SprintKeys
	}
	if strings.HasPrefix(name, site.StudiesDir+"/") {
		return site.StudyKeys
	}
	return nil
}

// frontMatter is where the TOML of a file is: the whole of a .toml file,
// the lines between the +++ lines that start a .md file.
func frontMatter(name, src string) (span, bool) {
	if path.Ext(name) != ".md" {
		return span{0, len(src)}, true
	}
	i := 0
	if strings.HasPrefix(src, "\ufeff") {
		i = len("\ufeff")
	}
	first := strings.IndexByte(src[i:], '\n')
	if first < 0 || strings.TrimSpace(src[i:i+first]) != "+++" {
		return span{}, false
	}
	start := i + first + 1
	for j := start; j < len(src); {
		k := strings.IndexByte(src[j:], '\n')
		end := len(src)
		if k >= 0 {
			end = j + k
		}
		if strings.TrimSpace(src[j:end]) == "+++" {
			return span{start, j}, true
		}
		if k < 0 {
			break
		}
		j = end + 1
	}
	return span{}, false
}

// Check checks the site in fsys as it would be with data as the file
// name, as "sprintkit check" does. It returns the problems of that file,
// and those of other files that the change brought (a site may have
// problems elsewhere that are not this edit's to fix).
func Check(fsys fs.FS, name string, data []byte) error {
	_, after := site.Read(overlay{fsys, name, data}, site.Options{})
	var mine, others site.Problems
	for _, p := range after {
		if p.Path == name {
			mine = append(mine, p)
		} else {
			others = append(others, p)
		}
	}
	if len(others) > 0 {
		_, before := site.Read(fsys, site.Options{})
		had := map[string]bool{}
		for _, p := range before {
			had[p.Error()] = true
		}
		for _, p := range others {
			if !had[p.Error()] {
				mine = append(mine, p)
			}
		}
	}
	if len(mine) > 0 {
		return mine
	}
	return nil
}

// needsLesson refuses a verdict without what was learned, in the words
// of the form and of set, where check would say only that learned is
// missing.
func needsLesson(name string, data []byte, sets []Set) error {
	verdict := false
	for _, s := range sets {
		if s.Key == "result.verdict" && s.Value != "" {
			verdict = true
		}
	}
	if !verdict {
		return nil
	}
	var m struct {
		Result struct{ Learned any }
	}
	front, _ := frontMatter(name, string(data))
	toml.Decode(strings.TrimPrefix(string(data[front.start:front.end]), "\ufeff"), &m)
	if s, ok := m.Result.Learned.(string); ok && strings.TrimSpace(s) != "" {
		return nil
	}
	line, col := position(data, "verdict")
	return site.Problems{{Path: name, Line: line, Col: col,
		Msg: "result.verdict: a verdict needs what was learned: write it in result.learned (\"We learned …\", a sentence or two)"}}
}

// position finds the line and column of the first line that sets key, for
// a problem; 0, 0 when there is none.
func position(data []byte, key string) (int, int) {
	for i, l := range strings.Split(string(data), "\n") {
		t := strings.TrimLeft(l, " \t")
		if strings.HasPrefix(t, key) && strings.HasPrefix(strings.TrimLeft(t[len(key):], " \t"), "=") {
			return i + 1, len(l) - len(t) + 1
		}
	}
	return 0, 0
}

// Plan works out a whole edit of the file name in fsys, whose bytes are
// data: what follows from sets as of today, the new bytes, and the checks.
// It writes nothing.
func Plan(fsys fs.FS, name string, data []byte, sets []Set, today time.Time) ([]byte, []Set, error) {
	if err := Editable(name); err != nil {
		return nil, nil, err
	}
	if len(sets) == 0 {
		return nil, nil, errors.New("nothing to set")
	}
	all := Implied(name, sets, today)
	out, err := Apply(name, data, all)
	if err != nil {
		return nil, nil, err
	}
	if err := needsLesson(name, out, all); err != nil {
		return nil, nil, err
	}
	if err := Check(fsys, name, out); err != nil {
		return nil, nil, err
	}
	return out, all, nil
}
