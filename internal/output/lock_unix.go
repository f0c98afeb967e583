//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockFile takes an exclusive lock on the open file f without waiting.
// The lock lasts until unlock, or until the process ends, however it
// ends. ok is false, and nothing is locked, when another process holds
// the lock or the file system cannot lock.
func lockFile(f *os.File) (unlock func(), ok bool) {
	fd := int(f.Fd())
	for {
		err := unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			return func() { unix.Flock(fd, unix.LOCK_UN) }, true
		}
		if err != unix.EINTR {
			return func() {}, false
		}
	}
}
