//go:build unix

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockDir takes an exclusive lock on the folder dir, waiting while
// another process holds it. The lock ends with unlock, or with the
// process however it ends. ok is false, and nothing is locked, where the
// file system cannot lock.
func lockDir(dir string) (unlock func(), ok bool) {
	f, err := os.Open(dir)
	if err != nil {
		return func() {}, false
	}
	fd := int(f.Fd())
	for {
		err = unix.Flock(fd, unix.LOCK_EX)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return func() {}, false
	}
	return func() {
		unix.Flock(fd, unix.LOCK_UN)
		f.Close()
	}, true
}
