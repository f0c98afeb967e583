package edit

import (
	"io/fs"
	"testing/fstest"
	"time"
)

// An overlay is a site folder with one file's bytes replaced, for the
// loader to check the site as it would be after an edit. Everything else,
// links too, reads as in the folder.
type overlay struct {
	fs.FS
	name string
	data []byte
}

func (o overlay) file() fstest.MapFS {
	return fstest.MapFS{o.name: {Data: o.data, Mode: 0o644, ModTime: time.Unix(0, 0)}}
}

func (o overlay) Open(name string) (fs.File, error) {
	if name == o.name {
		return o.file().Open(name)
	}
	return o.FS.Open(name)
}

func (o overlay) Stat(name string) (fs.FileInfo, error) {
	if name == o.name {
		return o.file().Stat(name)
	}
	return fs.Stat(o.FS, name)
}

func (o overlay) Lstat(name string) (fs.FileInfo, error) {
	if name == o.name {
		return o.file().Stat(name)
	}
	return fs.Lstat(o.FS, name)
}

func (o overlay) ReadLink(name string) (string, error) {
	return fs.ReadLink(o.FS, name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(o.FS, name)
}
