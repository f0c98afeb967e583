// Package scaffold makes the files of a new sprint, a new study and a new
// site folder, in the site's language, and writes them without ever
// replacing anything: every file is created with O_EXCL, every folder that
// must be new with Mkdir, and when one of them fails whatever was already
// made is removed again, so a refused command changes nothing.
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
func Write(root string, p Plan) error {
	for _, d := range p.Dirs {
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(d))); err == nil {
			return fmt.Errorf("%s: already exists; sprintkit never replaces a folder", d)
		}
	}
	for _, f := range p.Files {
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(f.Path))); err == nil {
			return fmt.Errorf("%s: already exists; sprintkit never replaces a file", f.Path)
		}
	}
	var made []string // files and folders this call created, in order
	undo := func(err error) error {
		for _, name := range slices.Backward(made) {
			os.Remove(name)
		}
		return err
	}
	// mkdirs makes the missing folders that lead to dir, and dir itself
	// with Mkdir when it must be new.
	mkdirs := func(dir string, mustBeNew bool) error {
		var missing []string
		for d := dir; d != "." && d != "/"; d = path.Dir(d) {
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(d))); err == nil {
				break
			}
			missing = append(missing, d)
		}
		if mustBeNew && (len(missing) == 0 || missing[0] != dir) {
			return fmt.Errorf("%s: already exists; sprintkit never replaces a folder", dir)
		}
		for _, d := range slices.Backward(missing) {
			name := filepath.Join(root, filepath.FromSlash(d))
			if err := os.Mkdir(name, 0o755); err != nil {
				if errors.Is(err, fs.ErrExist) {
					return fmt.Errorf("%s: already exists; sprintkit never replaces a folder", d)
				}
				return err
			}
			made = append(made, name)
		}
		return nil
	}
	if _, err := os.Stat(root); err != nil {
		return err
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
		name := filepath.Join(root, filepath.FromSlash(f.Path))
		w, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			if errors.Is(err, fs.ErrExist) {
				err = fmt.Errorf("%s: already exists; sprintkit never replaces a file", f.Path)
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
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// quoteList writes a TOML array of strings.
func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// lang picks the Swedish or the English text.
func lang(l string, sv, en string) string {
	if l == "sv" {
		return sv
	}
	return en
}
