//go:build !unix

package site

import "io/fs"

// sprintsFolder opens each sprint's folder through the site's root here
// (folder_unix.go).
type sprintsFolder struct{}

func openSprints(fs.FS) *sprintsFolder { return nil }

func (*sprintsFolder) close() {}

func (*sprintsFolder) sub(fsys fs.FS, id string) (fs.FS, func(), error) {
	return subFolder(fsys, "sprints/"+id)
}

func (f rootFolder) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, name) }
