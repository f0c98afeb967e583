package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"
	"unicode/utf8"
)

// What a site's files may be. A site is often a colleague's commit built
// on a shared machine, so the loader reads nothing outside the site
// folder, only regular files, and nothing far larger or deeper than any
// real plan, study or write-up: such input is a problem with its path,
// never a hang, a read of the machine's files or a run out of memory.
const (
	// MaxTOML is the most a TOML text may hold: a sprint plan is a few
	// KB, a study with fifty stages some tens of KB.
	MaxTOML = 1 << 20
	// MaxMarkdown is the most a Markdown file may hold: a session's
	// write-up is rarely more than a hundred KB.
	MaxMarkdown = 4 << 20
	// maxNesting is how deep arrays and inline tables may lie within
	// each other; plans and studies need three levels.
	maxNesting = 16
	// maxKeyParts is how many parts a dotted key may have.
	maxKeyParts = 16
)

// OpenFolder opens the site folder dir as a file system that cannot reach
// outside it: a path or link that leads out of dir fails to open. Close
// the closer when done.
func OpenFolder(dir string) (fs.FS, io.Closer, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("the site folder: %w", err)
	}
	return rootFolder{root.FS(), root}, root, nil
}

// rootFolder is a site folder on disk: os.Root's file system, whose
// folders subFolder opens as roots of their own.
type rootFolder struct {
	fsys fs.FS
	root *os.Root
}

func (f rootFolder) Open(name string) (fs.File, error)      { return f.fsys.Open(name) }
func (f rootFolder) ReadFile(name string) ([]byte, error)   { return fs.ReadFile(f.fsys, name) }
func (f rootFolder) Stat(name string) (fs.FileInfo, error)  { return fs.Stat(f.fsys, name) }
func (f rootFolder) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(f.fsys, name) }
func (f rootFolder) ReadLink(name string) (string, error)   { return fs.ReadLink(f.fsys, name) }

// subFolder is the folder dir of fsys as a file system of its own, and
// what lets it go. On disk it is a root of its own, within the site's, so
// that each of its files is opened from it: a path in the site is looked
// up a folder at a time, and a sprint's folder would be looked up again
// for its listing, its plan and its notes.
func subFolder(fsys fs.FS, dir string) (fs.FS, func(), error) {
	if f, ok := fsys.(rootFolder); ok {
		r, err := f.root.OpenRoot(dir)
		if err != nil {
			return nil, nil, err
		}
		return r.FS(), func() { r.Close() }, nil
	}
	sub, err := fs.Sub(fsys, dir)
	return sub, func() {}, err
}

// readFile reads the regular file p of fsys, if it holds at most max bytes
// (max < 0: no limit). Links, folders, pipes and devices are not read: a
// link may lead out of the site, and a pipe or device may never end.
func readFile(fsys fs.FS, p string, max int64, what string) ([]byte, error) {
	fi, err := fs.Lstat(fsys, p)
	if err != nil {
		return nil, err
	}
	if msg := notRegular(fi.Mode()); msg != "" {
		return nil, errors.New(msg)
	}
	return readRegular(fsys, p, p, max, what)
}

// readRegular reads the file name of fsys, the file p of the site, which
// a look or its folder's listing showed to be a regular file, if it still
// is one and holds at most max bytes. Its problems name p.
func readRegular(fsys fs.FS, name, p string, max int64, what string) ([]byte, error) {
	return readInto(nil, fsys, name, p, max, what)
}

// readText is readRegular's text as a string, read through a buffer that
// the next read takes again: a year's plans and notes are 20,000 files,
// each of which would be copied from its own buffer.
func readText(fsys fs.FS, name, p string, max int64, what string) (string, error) {
	buf := readBufs.Get().(*[]byte)
	defer readBufs.Put(buf)
	data, err := readInto(*buf, fsys, name, p, max, what)
	if err != nil {
		return "", err
	}
	if cap(data) <= 64<<10 {
		*buf = data[:0] // a larger file's buffer is not kept
	}
	return string(data), nil
}

var readBufs = sync.Pool{New: func() any { return new([]byte) }}

// readInto is readRegular, with the file read into buf when it has room
// for it.
func readInto(buf []byte, fsys fs.FS, name, p string, max int64, what string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, atPath(err, p)
	}
	defer f.Close()
	// The file may have been swapped since it was looked at.
	fi, err := f.Stat()
	if err != nil {
		return nil, atPath(err, p)
	}
	if msg := notRegular(fi.Mode()); msg != "" {
		return nil, errors.New(msg)
	}
	if max >= 0 && fi.Size() > max {
		return nil, tooLarge(fi.Size(), max, what)
	}
	r := io.Reader(f)
	if max >= 0 {
		r = io.LimitReader(f, max+1)
	}
	// Room for the size it has, and for the read that finds its end: one
	// allocation at most, two reads.
	b := bytes.NewBuffer(buf[:0])
	b.Grow(int(fi.Size()) + bytes.MinRead)
	if _, err := b.ReadFrom(r); err != nil {
		return nil, atPath(err, p)
	}
	data := b.Bytes()
	if max >= 0 && int64(len(data)) > max {
		return nil, tooLarge(int64(len(data)), max, what)
	}
	if max >= 0 && !utf8.Valid(data) {
		// Text is read as UTF-8; a file saved as Latin-1 would show
		// as broken letters on the page.
		line, col := invalidUTF8(data)
		return nil, Problem{Path: p, Line: line, Col: col, Msg: "not UTF-8 text (saved as Latin-1 or Windows-1252?): save the file as UTF-8"}
	}
	return data, nil
}

// invalidUTF8 gives the line and column (in characters, from 1) of the first
// byte of data that is not UTF-8.
func invalidUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 0
		}
		col++
		data = data[n:]
	}
	return line, col
}

// atPath is err with the path in the site, p, where it names a file.
func atPath(err error, p string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != p {
		return &fs.PathError{Op: pe.Op, Path: p, Err: pe.Err}
	}
	return err
}

// problemOf makes the problem that err says about the file p.
func problemOf(p string, err error) Problem {
	var pr Problem
	if errors.As(err, &pr) {
		return pr
	}
	return Problem{Path: p, Msg: err.Error()}
}

// ReadFile reads a file that the site copies into the output: a regular
// file inside the site, of any size.
func ReadFile(fsys fs.FS, p string) ([]byte, error) {
	return readFile(fsys, p, -1, "")
}

func tooLarge(size, max int64, what string) error {
	return fmt.Errorf("is %s, more than the %s that %s may hold: split it, or keep large material in a file beside it and link to that", sizeText(size), sizeText(max), what)
}

// sizeText spells a size as people read it: "4 MiB", "210 KiB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// notRegular says why a file of mode m is not read, or "" when it is a
// regular file.
func notRegular(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m&fs.ModeSymlink != 0:
		return "is a symbolic link: sprintkit follows no links, so that nothing outside the site folder is published (copy the file in instead)"
	case m.IsDir():
		return "is a folder, not a file"
	case m&fs.ModeNamedPipe != 0:
		return "is a named pipe, not a file: sprintkit reads only regular files"
	case m&fs.ModeDevice != 0:
		return "is a device, not a file: sprintkit reads only regular files"
	case m&fs.ModeSocket != 0:
		return "is a socket, not a file: sprintkit reads only regular files"
	}
	return "is not a regular file: sprintkit reads only regular files"
}

// badName says why a file or folder name cannot be part of the site's
// addresses, or "": a '#', '?' or '%' would change what a link means,
// and a control character or broken UTF-8 has no place in one.
func badName(name string) string {
	if !utf8.ValidString(name) {
		return fmt.Sprintf("the name %q is not valid UTF-8: rename it", name)
	}
	for _, r := range name {
		switch {
		case r < 0x20 || r == 0x7f:
			return fmt.Sprintf("the name %q holds a control character: rename it", name)
		case strings.ContainsRune(`#?%\`, r):
			return fmt.Sprintf("the name %q holds %q, which would change what a link to it means: rename it (sprintkit new makes names of letters, digits and dashes)", name, r)
		}
	}
	return ""
}

// checkTOMLShape refuses TOML that no plan or study needs before it reaches
// the parser, whose time and memory grow fast with nesting: src larger
// than MaxTOML, arrays and inline tables nested deeper than maxNesting, or
// dotted keys of more than maxKeyParts parts. It gives the position of the
// first such place (line and column from 1 in src), or ok.
func checkTOMLShape(src string) (line, col int, msg string) {
	if len(src) > MaxTOML {
		return 1, 1, fmt.Sprintf("the TOML is %s, more than the %s that a plan or study needs", sizeText(int64(len(src))), sizeText(MaxTOML))
	}
	line, lineStart := 1, 0
	depth, parts := 0, 1
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '\n':
			line, lineStart = line+1, i+1
			parts = 1
		case '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			// A string: skip to its end, counting the lines it spans.
			q := src[i : i+1]
			if strings.HasPrefix(src[i:], strings.Repeat(q, 3)) {
				q = strings.Repeat(q, 3)
			}
			j := i + len(q)
			for j < len(src) && !strings.HasPrefix(src[j:], q) {
				if src[j] == '\n' {
					if len(q) == 1 {
						break // unclosed: the parser says so
					}
					line, lineStart = line+1, j+1
				}
				if src[j] == '\\' && c == '"' && j+1 < len(src) && src[j+1] != '\n' {
					j++
				}
				j++
			}
			// """a"""" ends a string that ends in a quote.
			for n := 0; len(q) == 3 && n < 2 && j+3 < len(src) && src[j+3] == c; n++ {
				j++
			}
			if j < len(src) && src[j] == '\n' {
				i = j - 1
			} else {
				i = j + len(q) - 1
			}
		case '[', '{':
			depth++
			parts = 1
			if depth > maxNesting {
				return line, i - lineStart + 1, fmt.Sprintf("arrays and tables nested more than %d deep: no plan or study needs that", maxNesting)
			}
		case ']', '}':
			depth--
			parts = 1
		case '=', ',':
			parts = 1
		case '.':
			parts++
			if parts > maxKeyParts {
				return line, i - lineStart + 1, fmt.Sprintf("a dotted key of more than %d parts: no plan or study needs that", maxKeyParts)
			}
		}
	}
	return 0, 0, ""
}
