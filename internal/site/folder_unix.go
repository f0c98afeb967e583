//go:build unix

package site

import (
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"golang.org/x/sys/unix"
)

// ReadDir lists the folder name of the site, sorted by name. A folder
// opened through os.Root looks at each of its entries on its own (lstat)
// when it is listed; a year's sprints folder has 10,000, and the listing
// itself says what kind each is. So the folder is listed through a second
// descriptor of its own, which os.Root did not open (list); an entry's
// Info still looks through the root.
func (f rootFolder) ReadDir(name string) ([]fs.DirEntry, error) {
	d, err := f.root.Open(name)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	l, err := openIn(d, ".", unix.O_DIRECTORY)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	defer l.Close()
	return f.list(l, name)
}

// list lists l, the folder dir of the site opened by its own descriptor,
// by name.
func (f rootFolder) list(l *os.File, dir string) ([]fs.DirEntry, error) {
	entries, err := l.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	for i, e := range entries {
		entries[i] = rootEntry{e, f, path.Join(dir, e.Name())}
	}
	return entries, err
}

// rootEntry is an entry of a site folder's listing whose Info looks at
// it through the site's root.
type rootEntry struct {
	fs.DirEntry
	f    rootFolder
	path string
}

func (e rootEntry) Info() (fs.FileInfo, error) { return e.f.Lstat(e.path) }

// sprintsFolder is the site's sprints folder held open for one load, so
// that each sprint's folder, and the plan and notes in it, are opened
// from it by name with one system call each. Opened through os.Root, a
// file is first offered to the runtime's poller, which takes four more
// calls to learn that a file on disk cannot be polled: at 10,000 sprints,
// 30,000 files and folders.
//
// Names are single path elements opened without following a link, so
// nothing outside the sprints folder is reached. A sprint folder that
// cannot be opened so (a link, or an error) is opened as before, through
// the site's root, which then reports what is wrong.
type sprintsFolder struct {
	site rootFolder
	f    *os.File
}

// openSprints opens the sprints folder of fsys, or gives nil where fsys
// is not a site folder on disk or has no sprints folder to open.
func openSprints(fsys fs.FS) *sprintsFolder {
	rf, ok := fsys.(rootFolder)
	if !ok {
		return nil
	}
	f, err := rf.root.Open("sprints")
	if err != nil {
		return nil
	}
	return &sprintsFolder{site: rf, f: f}
}

func (s *sprintsFolder) close() {
	if s != nil {
		s.f.Close()
	}
}

// sub is the folder of the sprint id as a file system of its own, and
// what lets it go (subFolder).
func (s *sprintsFolder) sub(fsys fs.FS, id string) (fs.FS, func(), error) {
	if s != nil {
		if f, err := openIn(s.f, id, unix.O_DIRECTORY); err == nil {
			d := fdFolder{f, s.site, "sprints/" + id}
			return d, func() { d.f.Close() }, nil
		}
	}
	return subFolder(fsys, "sprints/"+id)
}

// openIn opens the element name of the open folder d for reading, without
// following a link, as a file that is not offered to the poller.
func openIn(d *os.File, name string, flags int) (*os.File, error) {
	rc, err := d.SyscallConn()
	if err != nil {
		return nil, err
	}
	fd := -1
	if cerr := rc.Control(func(dir uintptr) {
		for {
			fd, err = unix.Openat(int(dir), name, flags|unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
			if err != unix.EINTR {
				return
			}
		}
	}); cerr != nil {
		return nil, cerr
	}
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), name), nil
}

// fdFolder is a sprint's folder opened by sprintsFolder, the folder dir of
// the site. It lists itself and opens the files in it; a path of more than
// one element is not looked up (the walk of a sub-folder goes through the
// site's root).
type fdFolder struct {
	f    *os.File
	site rootFolder
	dir  string
}

func (d fdFolder) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, "/") {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := openIn(d.f, name, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f, nil
}

// ReadDir lists the folder itself, sorted by name as fs.ReadDir is.
func (d fdFolder) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	// From its start, however often it is listed.
	if _, err := d.f.Seek(0, io.SeekStart); err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: d.dir, Err: err}
	}
	return d.site.list(d.f, d.dir)
}
