// Package output puts the pages of a built site in a folder, atomically.
//
// Write builds the whole site into a hidden temporary folder beside the
// destination and then swaps it into place in one step, so a reader (a web
// server, a browser on file://) sees either the old site or the new one, never
// a mix, and files of deleted pages disappear. If the build fails, the
// destination is left exactly as it was.
//
// Every folder that Write makes holds a small marker file, .sprintkit. Write
// replaces only a folder that has the marker or is empty, so a mistaken
// --out ~/Documents is refused instead of deleted.
//
// A running build holds a lock on its temporary folder's marker, so that
// the next build can tell a folder that a killed build left (and remove
// it) from one that another build is still writing; this needs a system
// that can lock files, and is skipped where it cannot.
package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Writer receives the files of a site. WriteFile is safe for concurrent use by many goroutines.
// name is a slash-separated path relative to the site root, e.g. "sprints/x/index.html"; each name is written once.
type Writer interface {
	WriteFile(name string, data []byte) error
	// WriteStream writes the file name as write writes it to the
	// io.Writer it gets, for a file too large to hold whole.
	WriteStream(name string, write func(io.Writer) error) error
}

const (
	// markerName is the file that marks a folder as made by sprintkit.
	markerName = ".sprintkit"
	markerText = "made by sprintkit build; this folder is replaced on every build\n"
)

// Write builds the site into a fresh temporary folder beside dir (same parent, so the swap is a rename), by calling fill with a Writer for that folder.
// If fill returns an error, or anything fails, the temporary folder is removed and dir is left exactly as it was.
// On success the new folder replaces dir in one step, and the old folder is removed: files of deleted pages disappear.
func Write(dir string, fill func(Writer) error) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", dir, err)
	}
	exists, err := checkReplaceable(dir)
	if err != nil {
		return err
	}

	parent, base := filepath.Split(dir)
	sweep(parent, base)
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("create temporary folder beside %s: %w", dir, err)
	}
	// Until the swap, tmp holds the new site; after an exchange it holds the
	// old one. Either way it goes, and only then is the marker let go.
	unlock := func() {}
	defer func() {
		os.RemoveAll(tmp)
		unlock()
	}()

	// MkdirTemp makes the folder 0700; the site is meant to be served.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	// A failed marker leaves nothing to let go: unlock stays as it is.
	u, err := lockedMarker(tmp)
	if err != nil {
		return fmt.Errorf("write the output folder's marker: %w", err)
	}
	unlock = u

	w := &dirWriter{root: tmp, names: make(map[string]bool), dirs: make(map[string]bool)}
	err = fill(w)
	w.close()
	if err != nil {
		return err
	}

	if !exists {
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("move new site into place: %w", err)
		}
		return nil
	}
	if err := swap(tmp, dir); err != nil {
		return err
	}
	// The old site is now at tmp (exchange) or already gone (fallback).
	if err := removeTree(tmp); err != nil {
		return fmt.Errorf("new site is in %s, but removing the old one failed: %w", dir, err)
	}
	return nil
}

// sweep removes the temporary folders (.base.tmp-*) that builds of the
// output folder base left in parent when they were killed part-way. A
// running build holds a lock on its folder's marker file (lockedMarker),
// so a folder goes only if its marker is there and can be locked: never
// a running build's, nor a folder sprintkit did not make. Where files
// cannot be locked nothing is swept. A failure here is not the build's,
// and is met again by the next one.
func sweep(parent, base string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), "."+base+".tmp-")
		if !ok || !e.IsDir() || rest == "" || strings.Trim(rest, "0123456789") != "" {
			continue
		}
		p := filepath.Join(parent, e.Name())
		if !hasMarker(p) {
			continue
		}
		f, err := os.Open(filepath.Join(p, markerName))
		if err != nil {
			continue
		}
		if unlock, ok := lockFile(f); ok {
			_ = removeTree(p)
			unlock()
		}
		f.Close()
	}
}

// openFile opens files for writing; tests put a full disk in its place.
var openFile = os.OpenFile

// lockedMarker writes the marker file into the new folder dir and returns
// it locked until unlock. It is written under another name and locked
// before it takes its own, so that no build sweeping beside this one ever
// finds it unlocked while this build runs.
func lockedMarker(dir string) (unlock func(), err error) {
	name := filepath.Join(dir, markerName)
	f, err := openFile(name+".new", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	unlockFile, locked := lockFile(f)
	unlock = func() {
		unlockFile()
		f.Close()
	}
	_, err = f.WriteString(markerText)
	if err == nil && !locked {
		// With no lock to hold, the file is let go at once: on Windows
		// an open file would keep its folder from being renamed.
		err = f.Close()
		unlock = func() {}
	}
	if err == nil {
		err = os.Rename(name+".new", name)
	}
	if err != nil {
		unlock()
		return nil, err
	}
	return unlock, nil
}

// hasMarker reports whether dir holds sprintkit's marker file.
func hasMarker(dir string) bool {
	mi, err := os.Lstat(filepath.Join(dir, markerName))
	return err == nil && mi.Mode().IsRegular()
}

// checkReplaceable reports whether dir exists, and returns an error if it
// exists but must not be replaced: it is not a directory, or it is a
// non-empty directory without the marker file.
func checkReplaceable(dir string) (exists bool, err error) {
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("output folder: %w", err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return false, fmt.Errorf("refusing to replace %s: it is a symbolic link; choose the folder it points to as --out", dir)
	case !fi.IsDir():
		return false, fmt.Errorf("refusing to replace %s: it is not a folder; remove it or choose another --out", dir)
	}

	if hasMarker(dir) {
		return true, nil
	}
	// A folder that cannot be read fails here too.
	empty, err := isEmptyDir(dir)
	if err != nil {
		return false, fmt.Errorf("output folder: %w", err)
	}
	if !empty {
		return false, fmt.Errorf("refusing to replace %s: it was not made by sprintkit (no %s file); remove it or choose another --out", dir, markerName)
	}
	return true, nil
}

func isEmptyDir(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if err == io.EOF {
		return true, nil
	}
	return false, err
}

// exchange atomically swaps the folders at paths a and b, or returns an error
// matching errors.ErrUnsupported if the system cannot. It is a variable so
// tests can exercise the fallback.
var exchange = exchangeDirs

// swap puts the new site at tmp in place of the old one at dir. Afterwards
// tmp holds the old site, or nothing. On error dir is as it was.
func swap(tmp, dir string) error {
	err := exchange(tmp, dir)
	if err == nil {
		return nil
	}
	if !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("swap new site into %s: %w", dir, err)
	}

	// Two renames: there is a moment with no dir, and if the second rename
	// fails the first is undone.
	parent, base := filepath.Split(dir)
	old, err := os.MkdirTemp(parent, "."+base+".old-*")
	if err != nil {
		return fmt.Errorf("move old site aside: %w", err)
	}
	// Renaming over an empty folder is allowed on Unix but not on Windows.
	if err := os.Remove(old); err != nil {
		return fmt.Errorf("move old site aside: %w", err)
	}
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("move old site aside: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("move new site into place: %w; the old site is left in %s (restoring it failed: %v)", err, old, rerr)
		}
		return fmt.Errorf("move new site into place: %w", err)
	}
	if err := removeTree(old); err != nil {
		return fmt.Errorf("new site is in %s, but removing the old one failed: %w", dir, err)
	}
	return nil
}

// dirWriter writes files under root.
type dirWriter struct {
	root string

	// open is read-locked by every WriteFile while it runs and write-locked
	// by close, so no write lands in the folder after fill has returned,
	// even from a goroutine fill forgot to wait for.
	open   sync.RWMutex
	closed bool

	mu    sync.Mutex
	names map[string]bool // names written or being written
	dirs  map[string]bool // folders known to exist, relative to root
}

func (w *dirWriter) close() {
	w.open.Lock()
	w.closed = true
	w.open.Unlock()
}

// mkdir makes the folder dir of the site and the folders above it, with
// one system call for each folder it has not made yet.
func (w *dirWriter) mkdir(dir string) error {
	if dir == "." {
		return nil
	}
	w.mu.Lock()
	have := w.dirs[dir]
	w.mu.Unlock()
	if have {
		return nil
	}
	if err := w.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	// Another page in the same folder may have made it meanwhile.
	if err := os.Mkdir(filepath.Join(w.root, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	w.mu.Lock()
	w.dirs[dir] = true
	w.mu.Unlock()
	return nil
}

func (w *dirWriter) WriteFile(name string, data []byte) error {
	return w.WriteStream(name, func(f io.Writer) error {
		_, err := f.Write(data)
		return err
	})
}

func (w *dirWriter) WriteStream(name string, write func(io.Writer) error) error {
	if err := checkName(name); err != nil {
		return err
	}
	w.open.RLock()
	defer w.open.RUnlock()
	if w.closed {
		return fmt.Errorf("%s: written after the build finished", name)
	}

	w.mu.Lock()
	dup := w.names[name]
	w.names[name] = true
	w.mu.Unlock()
	if dup {
		return fmt.Errorf("%s: written twice", name)
	}

	if err := w.mkdir(path.Dir(name)); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	f, err := create(filepath.Join(w.root, filepath.FromSlash(name)))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// checkName returns an error unless name is a slash-separated path inside
// the site naming a file sprintkit may write.
func checkName(name string) error {
	switch {
	case name == "":
		return errors.New("empty file name")
	case strings.Contains(name, `\`):
		return fmt.Errorf("invalid file name %q: contains a backslash; use forward slashes", name)
	case name == "." || !fs.ValidPath(name):
		return fmt.Errorf("invalid file name %q: want a relative path like %q, without empty, . or .. elements", name, "sprints/x/index.html")
	case name == markerName || strings.HasPrefix(name, markerName+"/"):
		return fmt.Errorf("invalid file name %q: %s is reserved for sprintkit's marker", name, markerName)
	}
	return nil
}
