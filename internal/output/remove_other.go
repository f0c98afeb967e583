//go:build !unix

package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// removeTree removes dir and everything in it, as os.RemoveAll does, but
// with the folders two levels down (each sprint's) removed by several
// goroutines at once: an old site of 10,000 sprints is 20,000 files to
// unlink. Those are found and removed within dir opened as a root, so
// that a folder swapped for a link meanwhile leads nowhere outside it.
// Links are removed, never followed.
func removeTree(dir string) error {
	if root, err := os.OpenRoot(dir); err == nil {
		removeFolders(root)
		// Windows cannot remove a folder that is open.
		root.Close()
	}
	return os.RemoveAll(dir)
}

// removeFolders removes the folders two levels down in root, several at
// once. A failure here is met again, and reported, by the os.RemoveAll of
// the whole tree after it.
func removeFolders(root *os.Root) {
	var folders []string
	tops, _ := fs.ReadDir(root.FS(), ".")
	for _, top := range tops {
		if !top.IsDir() {
			continue
		}
		kids, _ := fs.ReadDir(root.FS(), top.Name())
		for _, k := range kids {
			if k.IsDir() {
				folders = append(folders, filepath.Join(top.Name(), k.Name()))
			}
		}
	}
	work := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range work {
				_ = root.RemoveAll(p)
			}
		})
	}
	for _, p := range folders {
		work <- p
	}
	close(work)
	wg.Wait()
}
