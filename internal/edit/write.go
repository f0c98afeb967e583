package edit

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sprintkit/sprintkit/internal/site"
)

// A Folder is a site folder that edits are written to. Nothing outside it
// can be reached through it. Its edits go one at a time.
type Folder struct {
	root *os.Root
	mu   sync.Mutex
}

// OpenFolder opens the site folder dir for edits.
func OpenFolder(dir string) (*Folder, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("the site folder: %w", err)
	}
	return &Folder{root: root}, nil
}

// notFound is a file that is not in the site folder; it is an
// fs.ErrNotExist.
type notFound string

func (n notFound) Error() string {
	return site.ShowPath(string(n)) + ": no such file in the site folder"
}

func (notFound) Unwrap() error { return fs.ErrNotExist }

// Close lets the folder go.
func (f *Folder) Close() error { return f.root.Close() }

// FS is the site folder to read, for the checks.
func (f *Folder) FS() fs.FS { return f.root.FS() }

// A Conflict is an edit refused because the file is no longer the one
// the edit was made for: someone saved it since.
type Conflict struct {
	Name string
	Hash string // of the file's bytes now
}

func (c *Conflict) Error() string {
	return fmt.Sprintf("%s: the file changed since the page was built (another page or an editor saved it): nothing was written; the page shows it as it is now", site.ShowPath(c.Name))
}

// A Result is an edit that was written, or would be.
type Result struct {
	Name     string
	Old, New []byte
	Sets     []Set // what was set, with what followed
}

// Read reads the file name of the site folder: a regular file that edits
// may change, within the size the loader reads.
func (f *Folder) Read(name string) ([]byte, error) {
	if err := Editable(name); err != nil {
		return nil, err
	}
	// Each folder on the way must be a folder, not a link to one: the
	// loader reads no sprint through a link.
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if fi, err := f.root.Lstat(dir); err == nil && !fi.IsDir() {
			return nil, fmt.Errorf("%s: %s is a link or a file, not a folder: sprintkit edits only the files it loads", site.ShowPath(name), site.ShowPath(dir))
		}
	}
	fi, err := f.root.Lstat(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, notFound(name)
		}
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (a link, a folder or a device): sprintkit edits only the files it loads", site.ShowPath(name))
	}
	file, err := f.root.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if fi, err = file.Stat(); err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file: sprintkit edits only the files it loads", site.ShowPath(name))
	}
	max := int64(site.MaxTOML)
	if path.Ext(name) == ".md" {
		max = site.MaxMarkdown
	}
	data, err := io.ReadAll(io.LimitReader(file, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: larger than sprintkit reads", site.ShowPath(name))
	}
	return data, nil
}

// Edit sets values in the file name, if its bytes still have the hash
// given ("" takes it as it is), checks the site as it would be, and
// writes the file in one step. On any problem nothing is written; a file
// changed since gives a *Conflict. dry plans the edit and writes nothing.
func (f *Folder) Edit(name, hash string, sets []Set, today time.Time, dry bool) (*Result, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	old, err := f.Read(name)
	if err != nil {
		return nil, err
	}
	if hash != "" && Hash(old) != hash {
		return nil, &Conflict{name, Hash(old)}
	}
	out, all, err := Plan(f.root.FS(), name, old, sets, today)
	if err != nil {
		return nil, err
	}
	r := &Result{Name: name, Old: old, New: out, Sets: all}
	if dry {
		return r, nil
	}
	if err := f.write(name, out, Hash(old)); err != nil {
		return nil, err
	}
	return r, nil
}

// Restore puts back the bytes old as the file name, if its bytes are
// still those with the hash given: an undo.
func (f *Folder) Restore(name, hash string, old []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	now, err := f.Read(name)
	if err != nil {
		return err
	}
	if Hash(now) != hash {
		return &Conflict{name, Hash(now)}
	}
	return f.write(name, old, hash)
}

// temps counts the temporary files made, so that no two are named alike.
var temps atomic.Uint64

// write replaces the file name with data in one step: a temporary file
// beside it, written and synced, with the file's permissions, then
// renamed over it. A process killed on the way leaves the old file or the
// new one, whole. The file must still have the hash expect right before
// the rename: an editor that saved meanwhile wins, and the edit is told.
func (f *Folder) write(name string, data []byte, expect string) (err error) {
	fi, err := f.root.Lstat(name)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", site.ShowPath(name))
	}
	dir, base := path.Split(name)
	// A hidden name ending in .tmp: the watcher and the loader pass it by.
	tmp := dir + "." + base + ".sprintkit-" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatUint(temps.Add(1), 10) + ".tmp"
	file, err := f.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.root.Remove(tmp)
		}
	}()
	_, err = file.Write(data)
	if err == nil {
		err = file.Chmod(fi.Mode().Perm())
	}
	if err == nil {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	now, err := f.Read(name)
	if err != nil {
		return err
	}
	if Hash(now) != expect {
		return &Conflict{name, Hash(now)}
	}
	if err = f.root.Rename(tmp, name); err != nil {
		return err
	}
	if d, derr := f.root.Open(path.Clean(dir + ".")); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
