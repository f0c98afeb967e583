// Package scaffold makes the files of a new sprint, a new study and a new
// site folder, in the site's language, and writes them without ever
// replacing anything: every file is created with O_EXCL, every folder that
// must be new with Mkdir, and when one of them fails whatever was already
// made is removed again, so a refused command changes nothing.
//
// # Where the text lives
//
// The Go code holds only the logic: validation, slugs, choosing the study
// and the team, the agenda, quoting. Every text for people is in embedded
// files, one folder per language, files/sv and files/en, which hold the
// same names:
//
//	site.toml.tmpl    siteView    content/site.toml
//	about.md.tmpl     (no data)   content/<about>.md, <about> from words.toml
//	study.md.tmpl     studyView   content/studies/<slug>.md
//	sprint.toml.tmpl  sprintView  sprints/<date>-<slug>/sprint.toml
//	notes.md.tmpl     notesView   sprints/<date>-<slug>/notes.md
//	gitignore.tmpl    ignoreView  .gitignore, by init: the build's output
//	words.toml        the values that are not whole files: the word for "or",
//	                  the meanings of some enum values, the default site
//	                  title, the about page's name, a new sprint's
//	                  placeholders, and the example study and sprint of init
//
// Each .tmpl is a text/template, executed with missingkey=error, and the
// golden test in this package renders every one of them. Besides the
// fields of its view, a template has these functions:
//
//	quote s             s as a TOML basic string
//	quoteList list      a TOML array of strings
//	join list sep       strings.Join
//	values enum         the enum's values (internal/site/enums.go) as
//	                    alternatives: {{values .Importances}} is "high or low"
//	alternatives list   "a, b or c", with the language's "or" from words.toml
//	meanings enum       each value of the enum followed by its meaning from
//	                    words.toml's [meanings.<group>], which must explain
//	                    every value and no other
//	doc format key      what the key is for, in the language, from the table
//	                    of keys (internal/site/keys.toml), an enum's values
//	                    after it: {{doc "sprint" "relation"}}; the comment
//	                    above each key of sprint.toml and site.toml
//	label key [name value]...
//	                    the interface text of key (internal/labels), with
//	                    {name} replaced by value
//
// Every view but the about page's carries the enums by name (.Relations,
// .Statuses, .Bases, ...), so their values are written once, in
// internal/site.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sprintkit/sprintkit/internal/site"
)

// A File is one file to create, by slash path under the site folder.
type File struct {
	Path string
	Data []byte
}

// A Plan is what one command creates: folders that must not exist yet (a
// new sprint's folder) and files, all under one site folder. Folders that
// lead to them are made when missing and used when they exist.
type Plan struct {
	Dirs  []string
	Files []File
	// Elsewhere is how many problems the site has in files that making
	// the plan did not need: they are worth a word once it is made.
	Elsewhere int
}

// Paths lists the files of the plan, for telling the user what was made.
func (p Plan) Paths() []string {
	out := make([]string, len(p.Files))
	for i, f := range p.Files {
		out[i] = f.Path
	}
	return out
}

// Write creates the plan under root. It refuses, before touching anything,
// when a file or a new folder of the plan exists; should one appear in the
// meantime, the exclusive create still refuses and what was made is undone.
// It writes through an os.Root, so that no link in the site folder can lead
// a new file out of it.
func Write(root string, p Plan) error {
	r, err := os.OpenRoot(root)
	if err != nil {
		return err
	}
	defer r.Close()
	for _, d := range p.Dirs {
		if _, err := r.Lstat(filepath.FromSlash(d)); err == nil {
			return fmt.Errorf("%s: already exists; sprintkit never replaces a folder", d)
		}
	}
	for _, f := range p.Files {
		if _, err := r.Lstat(filepath.FromSlash(f.Path)); err == nil {
			return fmt.Errorf("%s: already exists; sprintkit never replaces a file", f.Path)
		}
	}
	var made []string // files and folders this call created, in order
	undo := func(err error) error {
		for _, name := range slices.Backward(made) {
			r.Remove(name)
		}
		return err
	}
	// mkdirs makes the missing folders that lead to dir, and dir itself
	// with Mkdir when it must be new.
	mkdirs := func(dir string, mustBeNew bool) error {
		var missing []string
		for d := dir; d != "." && d != "/"; d = path.Dir(d) {
			if _, err := r.Stat(filepath.FromSlash(d)); err == nil {
				break
			}
			missing = append(missing, d)
		}
		if mustBeNew && (len(missing) == 0 || missing[0] != dir) {
			return fmt.Errorf("%s: already exists; sprintkit never replaces a folder", dir)
		}
		for _, d := range slices.Backward(missing) {
			name := filepath.FromSlash(d)
			if err := r.Mkdir(name, 0o755); err != nil {
				if errors.Is(err, fs.ErrExist) {
					return fmt.Errorf("%s: already exists; sprintkit never replaces a folder", d)
				}
				return fmt.Errorf("%s: %w", d, err)
			}
			made = append(made, name)
		}
		return nil
	}
	for _, d := range p.Dirs {
		if err := mkdirs(d, true); err != nil {
			return undo(err)
		}
	}
	for _, f := range p.Files {
		if err := mkdirs(path.Dir(f.Path), false); err != nil {
			return undo(err)
		}
		name := filepath.FromSlash(f.Path)
		w, err := r.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			if errors.Is(err, fs.ErrExist) {
				err = fmt.Errorf("%s: already exists; sprintkit never replaces a file", f.Path)
			} else {
				err = fmt.Errorf("%s: %w", f.Path, err)
			}
			return undo(err)
		}
		made = append(made, name)
		_, err = w.Write(f.Data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return undo(fmt.Errorf("%s: %w", f.Path, err))
		}
	}
	return nil
}

// quote writes s as a TOML basic string.
func quote(s string) string { return site.Quote(s) }

// quoteList writes a TOML array of strings.
func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
