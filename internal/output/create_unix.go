//go:build unix

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// create opens the file name for writing, made empty or new. os.OpenFile
// would first offer the file to the runtime's poller, which takes four
// more system calls to learn that a regular file cannot be polled; at
// 20,000 pages a build those are a tenth of its system time. os.NewFile
// asks once whether the descriptor blocks, and does not offer it.
func create(name string) (*os.File, error) {
	fd := -1
	err := ignoringEINTR(func() (err error) {
		fd, err = unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
		return err
	})
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(fd), name), nil
}
