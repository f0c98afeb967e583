//go:build unix

package output

import (
	"errors"
	"io/fs"
	"os"
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// removeTree removes dir and everything in it, as os.RemoveAll does, but
// with the folders two levels down (each sprint's) removed by several
// goroutines at once: an old site of 10,000 sprints is 20,000 files and
// 20,000 folders to unlink. Each folder is opened from the one above it
// by name, following no link, and listed by its own descriptor, which
// says of each entry whether it is a folder: a file is unlinked at once,
// with no look at it first and no try that fails. Links are removed,
// never followed.
func removeTree(dir string) error {
	top, err := openFolder(unix.AT_FDCWD, dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	type folder struct {
		parent *os.File
		name   string
	}
	var folders []folder
	tops, _ := top.ReadDir(-1)
	var parents []*os.File
	for _, e := range tops {
		if !e.IsDir() {
			continue
		}
		p, err := openFolder(int(top.Fd()), e.Name())
		if err != nil {
			continue
		}
		parents = append(parents, p)
		kids, _ := p.ReadDir(-1)
		for _, k := range kids {
			if k.IsDir() {
				folders = append(folders, folder{p, k.Name()})
			}
		}
	}
	work := make(chan folder)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for f := range work {
				// A failure here is met again, and reported, by the
				// removal of the whole tree after it.
				_ = removeAt(int(f.parent.Fd()), f.name, true)
			}
		})
	}
	for _, f := range folders {
		work <- f
	}
	close(work)
	wg.Wait()
	for _, p := range parents {
		p.Close()
	}
	top.Close()
	return os.RemoveAll(dir)
}

// openFolder opens the folder name of the open folder dir, following no
// link, as a file that is not offered to the poller.
func openFolder(dir int, name string) (*os.File, error) {
	fd := -1
	err := ignoringEINTR(func() (err error) {
		fd, err = unix.Openat(dir, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(fd), name), nil
}

// removeAt removes the entry name of the open folder dir and everything in
// it; isDir is what dir's listing said it is. A link is removed, never
// followed.
func removeAt(dir int, name string, isDir bool) error {
	if !isDir {
		err := ignoringEINTR(func() error { return unix.Unlinkat(dir, name, 0) })
		// A folder in the place of the file since the listing: emptied
		// below.
		if err != unix.EISDIR && err != unix.EPERM {
			return notGone(err)
		}
	}
	f, err := openFolder(dir, name)
	if err != nil {
		// A link or a file in the place of the folder since the listing.
		if errors.Is(err, unix.ELOOP) || errors.Is(err, unix.ENOTDIR) {
			return notGone(ignoringEINTR(func() error { return unix.Unlinkat(dir, name, 0) }))
		}
		return notGone(err)
	}
	entries, err := f.ReadDir(-1)
	for _, e := range entries {
		if rerr := removeAt(int(f.Fd()), e.Name(), e.IsDir()); err == nil {
			err = rerr
		}
	}
	f.Close()
	if err != nil {
		return err
	}
	return notGone(ignoringEINTR(func() error { return unix.Unlinkat(dir, name, unix.AT_REMOVEDIR) }))
}

// notGone is err, unless it says that what was to be removed is gone.
func notGone(err error) error {
	if errors.Is(err, unix.ENOENT) {
		return nil
	}
	return err
}

func ignoringEINTR(f func() error) error {
	for {
		if err := f(); err != unix.EINTR {
			return err
		}
	}
}
